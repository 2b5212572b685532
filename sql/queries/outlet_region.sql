-- Question: which region does each outlet usually report on, as the enricher's prior learned it?
-- Grain: one row per outlet and country or first-level division its articles name (admin1 null: the country as a whole), largest share first.
-- Parameters: $domain (outlet domain as in dim_source, e.g. example.com, or empty for all).
with outlet as (
    select domain, articles as outlet_articles
    from source_place_prior
    where level = 'outlet' and ($domain is null or domain = lower(cast($domain as varchar)))
),

admin1_name as (
    select country_code, admin1, any_value(admin1_name) as admin1_name
    from dim_place
    where admin1_name is not null
    group by country_code, admin1
)

select
    p.domain,
    p.country_code,
    nullif(p.admin1, '') as admin1,
    n.admin1_name,
    p.articles,
    o.outlet_articles,
    round(p.articles / o.outlet_articles, 3) as share,
    p.mentions,
    p.updated_at
from source_place_prior as p
join outlet as o using (domain)
left join admin1_name as n on n.country_code = p.country_code and n.admin1 = p.admin1
where p.level in ('country', 'admin1')
order by p.domain, p.level = 'admin1', share desc, p.country_code, p.admin1;
