-- The outlets' place priors (source_place_prior) count what their stored articles name. 06 removes
-- the mentions of the batch's articles that are stored already: what they counted is taken off
-- here, and 07_source_place_prior.sql adds what the batch's articles name now. Both run in the
-- load's transaction, so a reloaded or reprocessed article counts once, and a killed load changes
-- nothing. One row per article, level and place (the article's mentions at that level).
create or replace temp table stg_prior_change as
with stored as (
    select d.article_key, d.source_key
    from dim_article as d
    semi join stg_article as a using (article_id)
),

mention as (
    select s.domain, m.article_key, p.country_code, p.admin1, p.feature_kind
    from fact_place_mention as m
    join stored as a using (article_key)
    join dim_source as s using (source_key)
    join dim_place as p using (place_key)
),

levels as (
    select domain, article_key, 'outlet' as level, '' as country_code, '' as admin1 from mention
    union all
    select domain, article_key, 'country', country_code, '' from mention where country_code is not null
    union all
    select domain, article_key, 'admin1', country_code, admin1 from mention
    where country_code is not null and admin1 is not null and feature_kind <> 'country'
)

select domain, level, country_code, admin1, -count(distinct article_key) as articles, -count(*) as mentions
from levels
group by domain, level, country_code, admin1;
