-- Every stored article's band keys, after simhash_band was cut again for another distance.
delete from article_band;

insert into article_band
select a.article_key, xor(a.simhash & b.mask, b.salt)
from dim_article as a
cross join simhash_band as b
where a.simhash <> 0;
