-- Question: where did the events happen, how many, and of which QuadClass mostly?
-- Grain: one row per place with coordinates.
-- Parameters: $since, $country (as in events_by_week.sql).
select
    place_name,
    place_country,
    lat,
    lon,
    count(*) as events,
    mode(quad_class) as quad_class,
    round(avg(goldstein), 2) as avg_goldstein
from v_event
where lat is not null and lon is not null
  and ($since is null or event_date >= cast($since as date))
  and ($country is null or $country in (place_country, source_country, target_country))
group by place_name, place_country, lat, lon
order by events desc, place_name;
