-- Keys that a batch's lookups scan, as small numbers instead of long ones: the SimHash band keys
-- and the local inputs' references.
--
-- Band keys. A batch's near-duplicate lookup scans every row of article_band (28 per
-- stored article: 27.9 million at a million articles; no index, and no row-group statistics help,
-- since every row group holds keys of every band). The keys were xor(simhash & mask, salt): 64
-- random-looking bits, stored uncompressed (8 bytes a row, 223 MB at a million articles), more than
-- the run's DuckDB memory (WIREHOUSE_DB_MEMORY_LIMIT, 512MB) keeps beside the other tables a batch
-- reads, so every batch read them all from the file again.
-- A band's key is now its two blocks of bits side by side in the low bits and the band's number
-- above them: key_offset | ((simhash >> low_shift) & low_mask) | ((simhash >> high_shift) & high_mask),
-- 21 bits for the 28 bands of distance 6, which DuckDB bit-packs (about 3 bytes a row). Two
-- fingerprints share a key exactly when they agree on the band's bits, as before: the candidates,
-- and so the duplicates found, are the same. wirehouse.clean.dedup.band_cuts computes the columns
-- (wirehouse.warehouse.fingerprints.cut_bands cuts again for another near_duplicate_distance).
-- The keys are computed in sql/load/05_dim_article_band.sql, sql/dedup/seen_family.sql and
-- sql/dedup/cut_bands.sql.

drop table simhash_band;

create table simhash_band (
    band         utinyint primary key,
    max_distance utinyint not null,
    low_shift    utinyint not null,
    low_mask     bigint not null,
    high_shift   utinyint not null,
    high_mask    bigint not null,
    key_offset   bigint not null
);
comment on table simhash_band is 'One row per band: a pair of SimHash blocks, cut for near duplicates within max_distance bits, and how its key is made: key_offset | ((simhash >> low_shift) & low_mask) | ((simhash >> high_shift) & high_mask).';
comment on column simhash_band.low_shift is 'Where the band''s lower block starts (bit).';
comment on column simhash_band.low_mask is 'The lower block''s bits once shifted down.';
comment on column simhash_band.high_shift is 'How far the higher block is shifted down to lie just above the lower one.';
comment on column simhash_band.high_mask is 'The higher block''s bits once shifted (signed 64-bit).';
comment on column simhash_band.key_offset is 'The band''s number, above every band''s bits: keys of different bands differ.';

-- The bands for the default distance of 6 bits: 8 blocks of 8 bits, 28 pairs in the order of
-- wirehouse.clean.dedup.band_masks (a warehouse cut for another distance is cut again by its next run).
insert into simhash_band
with pairs as (
    select
        row_number() over (order by a.i, b.i) - 1 as band,
        a.i as low_block,
        b.i as high_block
    from range(8) as a(i)
    join range(8) as b(i) on a.i < b.i
)

select band, 6, 8 * low_block, 255, 8 * high_block - 8, 65280, band << 16
from pairs;

drop table article_band;

create table article_band (
    article_key bigint not null,
    band_key    bigint not null
);
comment on table article_band is 'One row per article with a non-zero SimHash and band of simhash_band (no index: a batch''s lookup is one hash join).';
comment on column article_band.article_key is 'References dim_article.article_key.';
comment on column article_band.band_key is 'The article''s key in one band (simhash_band): equal for fingerprints that agree on the band''s bits.';

insert into article_band
select a.article_key, b.key_offset | ((a.simhash >> b.low_shift) & b.low_mask) | ((a.simhash >> b.high_shift) & b.high_mask)
from dim_article as a
cross join simhash_band as b
where a.simhash <> 0;

-- Local inputs by a number. Each batch looks its inputs up in seen_input by ref (when planned,
-- wirehouse.pipeline.unseen, and when recorded, sql/operations/record_seen_inputs.sql): a scan of
-- every stored URL, a long string (a million of them at a million articles). ref_key, a number
-- derived from the URL, is scanned first and the URL compared only where the number matches.
-- input_ref_key is its one definition: the first 60 bits of the URL's MD5 (two URLs may share a
-- key; the lookups compare ref as well). Every insert gives it (record_seen_inputs.sql,
-- record_failed_inputs.sql); the table is rebuilt to hold it not null (as in 014).

create macro input_ref_key(ref) as cast('0x' || left(md5(ref), 15) as bigint);

create table seen_input_v15 (
    ref_key        bigint not null,
    ref            varchar not null,
    content_sha1   varchar,
    state          varchar not null,
    failures       integer not null default 0,
    last_error     varchar,
    first_seen_at  timestamp not null,
    last_seen_at   timestamp not null,
    run_id         varchar not null
);
insert into seen_input_v15
select input_ref_key(ref), ref, content_sha1, state, failures, last_error, first_seen_at, last_seen_at, run_id
from seen_input;
drop table seen_input;
alter table seen_input_v15 rename to seen_input;
comment on table seen_input is 'Every input page a run processed (saved HTML files, WARC records) or whose batch failed: a run skips an input whose content is unchanged, and a batch that keeps failing is retried a bounded number of times before its pages are quarantined. One row per ref, kept so by the load (no index).';
comment on column seen_input.ref_key is 'input_ref_key(ref): the first 60 bits of the MD5 of ref, scanned by the lookups before ref itself.';
comment on column seen_input.ref is 'URL of the page (file:// for saved pages, the target URI for WARC records); unique: the load updates the refs it holds and inserts only the others.';
comment on column seen_input.content_sha1 is 'sha1 of the bytes read (local inputs); null for crawled pages, whose state is in crawl_frontier.';
comment on column seen_input.state is 'done (loaded, aliased or quarantined), failed (its batch failed critically; retried) or quarantined (its batch failed too often).';
comment on column seen_input.failures is 'How many times a batch holding this page failed its critical checks.';
