-- template_block and seen_input without index-backed primary keys. DuckDB keeps an ART index per
-- primary key or unique constraint, and an insert loads the parts of it that the batch's keys touch
-- into memory, where they stay and count against the memory limit (WIREHOUSE_DB_MEMORY_LIMIT): they
-- are not evicted like table blocks. A batch's keys (hashes, URLs) are spread over the whole key
-- space, so one batch loads most of each index. At about 1,000,000 stored articles (9,000,000
-- template blocks) one batch's inserts loaded 432 MB of template_block's index and 85 MB of
-- seen_input's, and a run at the default 512MB failed with DuckDB out of memory.
-- Both keys stay unique:
--   template_block (domain, block_key): save_templates (wirehouse.warehouse.templates) adds a
--   batch's counts, one row per key (grouped in Python), by an update joined on the batch's keys
--   and an insert of the keys the table does not hold yet (an anti-join), in one transaction;
--   seen_input (ref): sql/operations/record_seen_inputs.sql and record_failed_inputs.sql group the
--   batch's inputs by ref, update the refs the table holds and insert the others (an anti-join),
--   in the batch's transaction.
--   A batch is one transaction of the only writer (DuckDB lets one process write the file; the
--   loader uses one connection).
-- tests/integration/test_warehouse_keys.py checks that saving the same and overlapping batches
-- never duplicates a key. dim_article keeps its indexes (article_key, canonical_url, article_id):
-- the article's id is its natural key, and its index is what stops a second row of one article.
-- DuckDB cannot drop a constraint, so each table is rebuilt (as in 004 and 005).

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
