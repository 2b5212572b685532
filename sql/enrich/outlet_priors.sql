-- The place priors of a batch's outlets (source_place_prior), read before the batch is enriched.
-- Grain: one row per outlet of the batch and level it reports on (the outlet's own row holds the
-- articles its shares rest on), of the country and division rows only those holding at least
-- $min_share of the outlet's articles: the enricher looks no lower (wirehouse.enrich.places), and an
-- outlet's rows grow with every division it ever named once (about a thousand per outlet at a
-- million stored articles). Reads the registered table stg_prior_domain (domain); an outlet the
-- warehouse has not seen yet has no rows.
with prior as (
    select p.domain, p.level, p.country_code, p.admin1, p.articles
    from source_place_prior as p
    semi join stg_prior_domain as d using (domain)
),

outlet as (
    select domain, articles as total
    from prior
    where level = 'outlet' and articles > 0
)

select p.domain, p.level, p.country_code, p.admin1, p.articles
from prior as p
join outlet as o using (domain)
where p.level = 'outlet' or cast(p.articles as double) / o.total >= $min_share  -- the share as the enricher computes it
order by p.domain, p.level, p.country_code, p.admin1;
