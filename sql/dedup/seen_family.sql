-- The stored articles that a batch's articles may duplicate, by key: the articles within
-- $max_distance SimHash bits of one of them (candidates from shared band keys, then the true
-- distance), those with the same text hash, the batch's own article ids (re-crawls), and every
-- article linked to one of these through duplicate_of_key (their groups; a duplicate's canonical
-- copy among them). seen_fingerprints.sql reads their rows.
-- Grain: one row per stored article. Reads the registered table stg_dedup_probe
-- (article_id, text_hash, simhash as signed 64-bit). Parameters: $max_distance.
with recursive probe_band as (
    select
        p.simhash as probe,
        b.key_offset | ((p.simhash >> b.low_shift) & b.low_mask) | ((p.simhash >> b.high_shift) & b.high_mask) as band_key
    from stg_dedup_probe as p
    cross join simhash_band as b
    where p.simhash <> 0
),

candidate as (
    select distinct
        ab.article_key,
        q.probe
    from probe_band as q
    join article_band as ab on ab.band_key = q.band_key
),

hit as (
    select a.article_key
    from candidate as c
    join dim_article as a on a.article_key = c.article_key
    where bit_count(xor(a.simhash, c.probe)) <= $max_distance
    union
    select a.article_key
    from dim_article as a
    join stg_dedup_probe as p on p.text_hash = a.text_hash
    union
    select a.article_key
    from dim_article as a
    join stg_dedup_probe as p on p.article_id = a.article_id
),

link as (
    select article_key as from_key, duplicate_of_key as to_key
    from dim_article
    where duplicate_of_key is not null
    union all
    select duplicate_of_key as from_key, article_key as to_key
    from dim_article
    where duplicate_of_key is not null
),

family (article_key) as (
    select article_key from hit
    union
    select l.to_key
    from family as f
    join link as l on l.from_key = f.article_key
)

select distinct article_key
from family;
