-- Articles: a re-crawled or re-processed article updates its row in place.
insert into dim_article (
    canonical_url, article_id, url, source_key, title, author, published_at, published_date_key,
    language, dateline, text, text_chars, text_hash, simhash, duplicate_of_key, tone, fetched_at,
    loaded_at, run_id
)
select
    a.canonical_url, a.article_id, a.url, s.source_key, a.title, a.author, a.published_at,
    cast(strftime(cast(a.published_at as date), '%Y%m%d') as integer),
    a.language, a.dateline, a.text, length(a.text), a.text_hash, a.simhash, null, a.tone, a.fetched_at,
    now()::timestamp, $run_id
from stg_article as a
join dim_source as s on s.domain = a.domain
on conflict (canonical_url) do update set
    url = excluded.url,
    title = excluded.title,
    author = excluded.author,
    published_at = excluded.published_at,
    published_date_key = excluded.published_date_key,
    language = excluded.language,
    dateline = excluded.dateline,
    text = excluded.text,
    text_chars = excluded.text_chars,
    text_hash = excluded.text_hash,
    simhash = excluded.simhash,
    tone = excluded.tone,
    fetched_at = excluded.fetched_at,
    loaded_at = excluded.loaded_at,
    run_id = excluded.run_id;

-- Link duplicates to their canonical copy (which may be in this batch or an earlier one).
update dim_article as d
set duplicate_of_key = c.article_key
from stg_article as a
join dim_article as c on c.article_id = a.duplicate_of
where d.article_id = a.article_id and a.duplicate_of is not null;

update dim_article as d
set duplicate_of_key = null
from stg_article as a
where d.article_id = a.article_id and a.duplicate_of is null and d.duplicate_of_key is not null;
