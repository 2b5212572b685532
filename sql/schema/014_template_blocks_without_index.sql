-- template_block and seen_input without index-backed primary keys, dim_article without the unique
-- index of canonical_url. DuckDB keeps an ART index per primary key or unique constraint, and an
-- insert loads the parts of it that the batch's keys touch into memory, where they stay and count
-- against the memory limit (WIREHOUSE_DB_MEMORY_LIMIT): they are not evicted like table blocks. A
-- batch's keys (hashes, URLs) are spread over the whole key space, so one batch loads most of each
-- index. At about 1,000,000 stored articles (9,000,000 template blocks) one batch's inserts loaded
-- 366 MB of template_block's index, 92 MB of seen_input's and 136 MB of dim_article's three (91 MB
-- of them canonical_url's), and a run at the default 512MB failed with DuckDB out of memory.
-- Every key stays unique:
--   template_block (domain, block_key): save_templates (wirehouse.warehouse.templates) adds a
--   batch's counts, one row per key (grouped in Python), by an update joined on the batch's keys
--   and an insert of the keys the table does not hold yet (an anti-join);
--   seen_input (ref): sql/operations/record_seen_inputs.sql and record_failed_inputs.sql group the
--   batch's inputs by ref, update the refs the table holds and insert the others (an anti-join);
--   dim_article.canonical_url: article_id is the hash of canonical_url (wirehouse.crawl.urls) and
--   keeps its unique index, so a second row of one canonical URL is refused as a second row of its
--   id; article_key keeps its primary key (its keys come in order from seq_article_key, so an
--   insert touches only the newest part of that index: about 1 MB).
--   A batch is one transaction of the only writer (DuckDB lets one process write the file; the
--   loader uses one connection).
-- tests/integration/test_warehouse_store_keys.py checks that saving the same and overlapping
-- batches never duplicates a key. DuckDB cannot drop a constraint, so each table is rebuilt (as in
-- 004 and 005).

create table template_block_v14 (
    domain      varchar not null,
    block_key   bigint not null,
    pages       integer not null,
    updated_at  timestamp not null
);
insert into template_block_v14 select domain, block_key, pages, updated_at from template_block;
drop table template_block;
alter table template_block_v14 rename to template_block;
comment on table template_block is 'Site templates learned over the crawl: per domain, on how many pages each text block (a hash of its DOM path and normalised text) was seen; a block seen on 3 pages or more of a domain is template. One row per (domain, block_key), kept so by the load (no index).';
comment on column template_block.block_key is 'Hash of the block''s DOM path and normalised text; unique within its domain: the load updates the keys it holds and inserts only the others.';
comment on column template_block.pages is 'Pages of the domain the block was seen on.';

create table seen_input_v14 (
    ref            varchar not null,
    content_sha1   varchar,
    state          varchar not null,
    failures       integer not null default 0,
    last_error     varchar,
    first_seen_at  timestamp not null,
    last_seen_at   timestamp not null,
    run_id         varchar not null
);
insert into seen_input_v14
select ref, content_sha1, state, failures, last_error, first_seen_at, last_seen_at, run_id from seen_input;
drop table seen_input;
alter table seen_input_v14 rename to seen_input;
comment on table seen_input is 'Every input page a run processed (saved HTML files, WARC records) or whose batch failed: a run skips an input whose content is unchanged, and a batch that keeps failing is retried a bounded number of times before its pages are quarantined. One row per ref, kept so by the load (no index).';
comment on column seen_input.ref is 'URL of the page (file:// for saved pages, the target URI for WARC records); unique: the load updates the refs it holds and inserts only the others.';
comment on column seen_input.content_sha1 is 'sha1 of the bytes read (local inputs); null for crawled pages, whose state is in crawl_frontier.';
comment on column seen_input.state is 'done (loaded, aliased or quarantined), failed (its batch failed critically; retried) or quarantined (its batch failed too often).';
comment on column seen_input.failures is 'How many times a batch holding this page failed its critical checks.';

create table dim_article_v14 (
    article_key        bigint primary key default nextval('seq_article_key'),
    canonical_url      varchar not null,
    article_id         varchar not null unique,
    url                varchar not null,
    source_key         bigint not null,
    title              varchar,
    author             varchar,
    published_at       timestamp,
    published_date_key integer,
    language           varchar,
    dateline           varchar,
    text               varchar not null,
    text_chars         integer not null,
    text_hash          varchar not null,
    simhash            bigint not null,
    duplicate_of_key   bigint,
    tone               double,
    fetched_at         timestamp,
    loaded_at          timestamp not null,
    run_id             varchar not null
);
insert into dim_article_v14
select article_key, canonical_url, article_id, url, source_key, title, author, published_at, published_date_key,
       language, dateline, text, text_chars, text_hash, simhash, duplicate_of_key, tone, fetched_at, loaded_at, run_id
from dim_article;  -- in stored order: sorting the texts of a large warehouse needs more memory than a run has
drop table dim_article;
alter table dim_article_v14 rename to dim_article;
comment on table dim_article is 'One row per article (canonical URL). Duplicates and syndicated copies are kept, pointing at their canonical copy through duplicate_of_key, and carry no events.';
comment on column dim_article.canonical_url is 'Canonical URL of the article; unique: its hash article_id is.';
comment on column dim_article.article_id is 'Stable hash of canonical_url, the id used between pipeline stages; unique (indexed).';
comment on column dim_article.source_key is 'References dim_source.source_key.';
comment on column dim_article.published_at is 'Publication time in UTC as the page states it (not the crawl time); null when unknown.';
comment on column dim_article.text_hash is 'sha1 of the normalised text: equal for exact duplicates.';
comment on column dim_article.simhash is '64-bit SimHash of the text (signed): near duplicates differ in few bits.';
comment on column dim_article.duplicate_of_key is 'article_key of the canonical copy when this article is a duplicate, else null.';
comment on column dim_article.tone is 'Article tone from -100 (negative) to +100 (positive).';
