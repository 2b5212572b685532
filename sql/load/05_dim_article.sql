-- Articles: a re-crawled or re-processed article updates its row in place, a new one gets a row.
-- article_id, the hash of canonical_url, is unique (indexed; canonical_url is unique through it,
-- sql/schema/014): a new article twice in one batch fails the batch (the quality gate already
-- rejects a batch that holds a canonical_url twice). Known
-- articles first, so that the rows inserted next are not updated again.
--
-- dim_article grows with the warehouse: it is read by article id once (stg_stored_article), and the
-- statements of the load join the batch's own keyed articles (stg_batch_article) instead; a row
-- is then found by article_key, by whose ranges DuckDB's row-group statistics skip.

-- The batch's articles the warehouse holds already (re-crawled or re-processed pages), found by
-- article_id, the hash of canonical_url: the same rows as by the URL, for a scan of short strings
-- instead of long ones.
create or replace temp table stg_stored_article as
select d.article_key, d.canonical_url, d.source_key
from dim_article as d
semi join stg_article as a using (article_id);

update dim_article as d
set url = a.url,
    title = a.title,
    author = a.author,
    published_at = a.published_at,
    published_date_key = cast(strftime(cast(a.published_at as date), '%Y%m%d') as integer),
    language = a.language,
    dateline = a.dateline,
    text = a.text,
    text_chars = length(a.text),
    text_hash = a.text_hash,
    simhash = a.simhash,
    tone = a.tone,
    fetched_at = a.fetched_at,
    loaded_at = now()::timestamp,
    run_id = $run_id
from stg_article as a
join stg_stored_article as s using (canonical_url)
where d.article_key = s.article_key;

-- New articles, with keys from seq_article_key (00_key_blocks.sql).
create or replace temp view stg_article_new as
select a.*
from stg_article as a
anti join stg_stored_article as s on s.canonical_url = a.canonical_url;

insert into stg_key_block
select * from stg_draw_keys('dim_article', 'seq_article_key', 'stg_article_new');

insert into dim_article (
    article_key, canonical_url, article_id, url, source_key, title, author, published_at,
    published_date_key, language, dateline, text, text_chars, text_hash, simhash, duplicate_of_key,
    tone, fetched_at, loaded_at, run_id
)
select
    (select first_key - first_row from stg_key_block where table_name = 'dim_article') + a.stg_row,
    a.canonical_url, a.article_id, a.url, s.source_key, a.title, a.author, a.published_at,
    cast(strftime(cast(a.published_at as date), '%Y%m%d') as integer),
    a.language, a.dateline, a.text, length(a.text), a.text_hash, a.simhash, null, a.tone, a.fetched_at,
    now()::timestamp, $run_id
from stg_article_new as a
join dim_source as s on s.domain = a.domain;

-- Every article of the batch with its warehouse key (read by 05 to 09): the stored ones, updated
-- above, and the new ones, inserted above (as the insert keyed them).
create or replace temp table stg_batch_article as
select a.article_id, s.article_key, s.source_key, a.simhash
from stg_article as a
join stg_stored_article as s using (canonical_url)
union all
select a.article_id, (select first_key - first_row from stg_key_block where table_name = 'dim_article') + a.stg_row,
       s.source_key, a.simhash
from stg_article_new as a
join dim_source as s on s.domain = a.domain;

-- Link duplicates to their canonical copy (which may be in this batch or an earlier one).

update dim_article as d
set duplicate_of_key = c.article_key
from stg_article as a
join stg_batch_article as b using (article_id)
join (
    select article_id, article_key
    from dim_article
    semi join (select duplicate_of as article_id from stg_article where duplicate_of is not null) using (article_id)
) as c on c.article_id = a.duplicate_of
where d.article_key = b.article_key and a.duplicate_of is not null;

update dim_article as d
set duplicate_of_key = null
from stg_article as a
join stg_batch_article as b using (article_id)
where d.article_key = b.article_key and a.duplicate_of is null and d.duplicate_of_key is not null;
