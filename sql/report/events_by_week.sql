-- Question: how many events per week, by QuadClass?
-- Grain: one row per (ISO week, quad_class).
-- Parameters: $since (ISO date or null), $country (ISO-3 code or null: events placed in the
-- country or with an actor of it).
select
    cast(date_trunc('week', event_date) as date) as week,
    quad_class,
    count(*) as events
from v_event
where event_date is not null
  and ($since is null or event_date >= cast($since as date))
  and ($country is null or $country in (place_country, source_country, target_country))
group by all
order by week, quad_class;
