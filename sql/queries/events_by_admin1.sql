-- Question: how many events happened in each first-level division (state, province, governorate) of a country?
-- Grain: one row per first-level division of the country (events placed only at the country itself are left out).
-- Parameters: $country (ISO 3166 alpha-3 code, e.g. IRQ or USA; required).
select
    p.admin1,
    any_value(p.admin1_name) as admin1_name,
    count(*) as events,
    sum(f.num_mentions) as mentions,
    count(distinct p.place_key) as places,
    sum(case when f.quad_class = 4 then 1 else 0 end) as material_conflict_events
from fact_event as f
join dim_place as p on p.place_key = f.place_key
where f.political and p.country_code = upper(cast($country as varchar)) and p.admin1 is not null
group by p.admin1
order by events desc, p.admin1;
