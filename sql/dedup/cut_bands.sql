-- Every stored article's band keys, after simhash_band was cut again for another distance (the key:
-- sql/schema/015_small_lookup_keys.sql).
delete from article_band;

insert into article_band
select a.article_key, b.key_offset | ((a.simhash >> b.low_shift) & b.low_mask) | ((a.simhash >> b.high_shift) & b.high_mask)
from dim_article as a
cross join simhash_band as b
where a.simhash <> 0;
