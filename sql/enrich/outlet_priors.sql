-- The place priors of a batch's outlets (source_place_prior), read before the batch is enriched.
-- Grain: one row per outlet of the batch and level it reports on (the outlet's own row holds the
-- articles its shares rest on). Reads the registered table stg_prior_domain (domain); an outlet the
-- warehouse has not seen yet has no rows.
select p.domain, p.level, p.country_code, p.admin1, p.articles
from source_place_prior as p
semi join stg_prior_domain as d using (domain)
order by p.domain, p.level, p.country_code, p.admin1;
