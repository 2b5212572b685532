-- Band keys of the batch's articles (sql/schema/010_simhash_bands.sql), right after
-- 05_dim_article.sql. A re-crawled article (its key is older than the batch's block of new keys,
-- 00_key_blocks.sql) may have a new text: its old band keys go.
delete from article_band
where article_key in (
    select d.article_key
    from stg_article as a
    join dim_article as d on d.canonical_url = a.canonical_url
    where d.article_key < coalesce(
        (select first_key from stg_key_block where table_name = 'dim_article'), 9223372036854775807
    )
);

insert into article_band
select d.article_key, xor(d.simhash & b.mask, b.salt)
from stg_article as a
join dim_article as d on d.canonical_url = a.canonical_url
cross join simhash_band as b
where d.simhash <> 0;
