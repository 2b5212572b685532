-- Near-duplicate lookup inside the warehouse. Two 64-bit SimHashes within d differing bits agree
-- exactly on at least two of d + 2 blocks of bits (pigeonhole), so each pair of blocks is one band:
-- an article is stored once per band with its fingerprint masked to the band's bits, and the
-- candidates of a new fingerprint are the articles sharing a masked value in some band; the true
-- distance is checked after. A batch looks up its candidates with one join
-- (sql/dedup/seen_fingerprints.sql) instead of reading every stored fingerprint.

create table if not exists simhash_band (
    band         utinyint primary key,
    mask         bigint not null,
    salt         bigint not null,
    max_distance utinyint not null
);
comment on table simhash_band is 'One row per band: the bits of a pair of SimHash blocks, cut for near duplicates within max_distance bits.';
comment on column simhash_band.mask is 'The band''s bits (signed 64-bit).';
comment on column simhash_band.salt is 'Mixed into the masked bits so that one bigint names band and value: band_key = xor(simhash & mask, salt).';

create table if not exists article_band (
    article_key bigint not null,
    band_key    bigint not null
);
comment on table article_band is 'One row per article with a non-zero SimHash and band of simhash_band (no index: a batch''s lookup is one hash join).';
comment on column article_band.article_key is 'References dim_article.article_key.';
comment on column article_band.band_key is 'xor(simhash & mask, salt) of one band: equal for fingerprints that agree on the band''s bits.';

-- (Tables that exist already are emptied: they are filled from dim_article below.)
delete from simhash_band;
delete from article_band;

-- The bands for the default distance of 6 bits: 8 blocks of 8 bits, 28 pairs; the salt of band b
-- is (b + 1) * 0x9E3779B97F4A7C15 modulo 2^64. A run with another near_duplicate_distance cuts
-- them again (wirehouse.warehouse.fingerprints).
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
),

unsigned as (
    select
        band,
        mask,
        ((band + 1) * cast(11400714819323198485 as hugeint)) % (cast(1 as hugeint) << 64) as salt
    from pairs
)

select
    band,
    cast(case when mask >= cast(1 as hugeint) << 63 then mask - (cast(1 as hugeint) << 64) else mask end as bigint),
    cast(case when salt >= cast(1 as hugeint) << 63 then salt - (cast(1 as hugeint) << 64) else salt end as bigint),
    6
from unsigned;

insert into article_band
select a.article_key, xor(a.simhash & b.mask, b.salt)
from dim_article as a
cross join simhash_band as b
where a.simhash <> 0;
