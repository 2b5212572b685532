-- Question: how intense is conflict over time (Goldstein-weighted, GDELT style)?
-- Grain: one row per ISO week.
-- Parameters: $country (ISO-3 code, or empty for all).
select
    date_trunc('week', event_date) as week,
    count(*) as events,
    count(*) filter (where quad_class in (3, 4)) as conflict_events,
    round(sum(goldstein * num_mentions) filter (where goldstein < 0), 1) as conflict_intensity,
    round(avg(goldstein), 2) as avg_goldstein
from v_event
where event_date is not null
  and (coalesce($country, '') = '' or coalesce(place_country, source_country) = $country)
group by all
order by week;
