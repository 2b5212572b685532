-- Every stored article's band buckets, after simhash_band was cut again for another distance.
delete from article_band;

insert into article_band
select a.article_key, b.band, a.simhash & b.mask
from dim_article as a
cross join simhash_band as b
where a.simhash <> 0;
