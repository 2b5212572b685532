-- Band keys of the batch's articles (sql/schema/010_simhash_bands.sql, the key as in
-- 015_small_lookup_keys.sql), right after
-- 05_dim_article.sql. A re-crawled article (one the warehouse held before the batch,
-- stg_stored_article) may have a new text: its old band keys go.
delete from article_band
where article_key in (select article_key from stg_stored_article);

insert into article_band
select d.article_key, b.key_offset | ((d.simhash >> b.low_shift) & b.low_mask) | ((d.simhash >> b.high_shift) & b.high_mask)
from stg_batch_article as d
cross join simhash_band as b
where d.simhash <> 0;
