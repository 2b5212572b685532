-- Question: which source -> target actor pairs (dyads) interact most, and how hostile is it?
-- Grain: one row per (source_actor, target_actor).
-- Parameters: $limit (integer, default 10), $since (date, or empty for all), $country (ISO-3 code, or empty for all: placed in the country or with an actor of it).
select
    source_actor,
    target_actor,
    count(*) as events,
    round(avg(goldstein), 2) as avg_goldstein,
    count(*) filter (where quad_class = 4) as material_conflict_events
from v_event
where source_actor is not null and target_actor is not null
  and ($since is null or event_date >= cast($since as date))
  and ($country is null or $country in (place_country, source_country, target_country))
group by all
order by events desc, source_actor, target_actor
limit coalesce(try_cast($limit as integer), 10);
