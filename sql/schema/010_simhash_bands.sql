-- Near-duplicate lookup inside the warehouse. Two 64-bit SimHashes within d differing bits agree
-- exactly on at least two of d + 2 blocks of bits (pigeonhole), so each pair of blocks is one band:
-- an article is stored once per band with its fingerprint masked to the band's bits (its bucket),
-- and the candidates of a new fingerprint are the articles sharing a bucket in some band; the true
-- distance is checked after. A batch looks up its candidates with one join
-- (sql/dedup/seen_fingerprints.sql) instead of reading every stored fingerprint.

create table if not exists simhash_band (
    band         utinyint primary key,
    mask         bigint not null,
    max_distance utinyint not null
);
comment on table simhash_band is 'One row per band: the bits of a pair of SimHash blocks, cut for near duplicates within max_distance bits.';
comment on column simhash_band.mask is 'The band''s bits (signed 64-bit); bucket = simhash & mask.';

create table if not exists article_band (
    article_key bigint not null,
    band        utinyint not null,
    bucket      bigint not null
);
comment on table article_band is 'One row per article with a non-zero SimHash and band of simhash_band: the bucket its fingerprint falls in.';
comment on column article_band.article_key is 'References dim_article.article_key.';

-- (Tables that exist already are emptied: they are filled from dim_article below.)
delete from simhash_band;
delete from article_band;

-- The bands for the default distance of 6 bits: 8 blocks of 8 bits, 28 pairs. A run with another
-- near_duplicate_distance cuts them again (wirehouse.warehouse.fingerprints).
insert into simhash_band
with blocks as (
    select i as block, cast(255 as hugeint) << (8 * i) as bits
    from range(8) as t(i)
),

pairs as (
    select
        row_number() over (order by a.block, b.block) - 1 as band,
        a.bits | b.bits as mask
    from blocks as a
    join blocks as b on a.block < b.block
)

select
    band,
    cast(case when mask >= cast(1 as hugeint) << 63 then mask - (cast(1 as hugeint) << 64) else mask end as bigint),
    6
from pairs;

insert into article_band
select a.article_key, b.band, a.simhash & b.mask
from dim_article as a
cross join simhash_band as b
where a.simhash <> 0;
