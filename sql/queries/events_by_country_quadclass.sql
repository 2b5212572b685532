-- Question: how many events happened per day in each country, by QuadClass?
-- Grain: one row per (event_date, country, quad_class).
-- Country: the place's country, else the source actor's country.
-- Parameters: $since (date, default 1900-01-01).
select
    event_date,
    coalesce(place_country, source_country) as country,
    quad_class,
    count(*) as events,
    sum(num_mentions) as mentions
from v_event
where event_date >= coalesce(try_cast($since as date), date '1900-01-01')
group by all
order by event_date, country, quad_class;
