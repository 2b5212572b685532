-- What de-duplication must know of the stored articles that a batch's articles may duplicate:
-- the rows of the articles seen_family.sql found (registered as stg_dedup_family, article_key).
-- A separate statement, so that DuckDB reads dim_article by these keys (the join's filter is
-- pushed into the scan) instead of every row: a recursive query's result is not pushed down.
-- Grain: one row per stored article. Order: canonical copies before duplicates, then load order
-- (how ties are broken).
with member as (
    select a.article_key, a.article_id, a.text_hash, a.simhash, a.published_at, a.duplicate_of_key
    from dim_article as a
    semi join stg_dedup_family as f using (article_key)
)

select
    m.article_id,
    m.text_hash,
    m.simhash,
    m.published_at,
    c.article_id as duplicate_of
from member as m
left join member as c on c.article_key = m.duplicate_of_key
order by m.duplicate_of_key is not null, m.article_key;
