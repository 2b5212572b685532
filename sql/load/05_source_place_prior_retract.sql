-- The outlets' place priors (source_place_prior) count what their stored articles name. What the
-- batch's articles count is one view, stg_prior_mention, read twice: here, before 06 removes their
-- stored mentions, what they counted is taken off; 07_source_place_prior.sql, after
-- 07_fact_mentions.sql stored their new mentions, adds what they name now. Both run in the load's
-- transaction, so a reloaded or reprocessed article counts once, and a killed load changes nothing.

-- One row per stored place mention of the batch's articles and level it counts at: the outlet (any
-- place), the place's country, and its first-level division (a place that is not a country).
create or replace temp view stg_prior_mention as
with mention as (
    select s.domain, m.article_key, p.country_code, p.admin1, p.feature_kind
    from fact_place_mention as m
    join stg_batch_article as a using (article_key)
    join dim_source as s using (source_key)
    join dim_place as p using (place_key)
)

select domain, article_key, 'outlet' as level, '' as country_code, '' as admin1 from mention
union all
select domain, article_key, 'country', country_code, '' from mention where country_code is not null
union all
select domain, article_key, 'admin1', country_code, admin1 from mention
where country_code is not null and admin1 is not null and feature_kind <> 'country';

-- One row per outlet, level and place: what the batch's articles counted until now, negated.
create or replace temp table stg_prior_change as
select domain, level, country_code, admin1, -count(distinct article_key) as articles, -count(*) as mentions
from stg_prior_mention
group by domain, level, country_code, admin1;
