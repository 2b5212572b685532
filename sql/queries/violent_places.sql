-- Question: which places see the most violent events (CAMEO roots 18, 19, 20)?
-- Grain: one row per place.
-- Parameters: $limit (integer, default 10).
select
    place_name,
    place_country,
    round(any_value(lat), 4) as lat,
    round(any_value(lon), 4) as lon,
    count(*) as violent_events,
    sum(num_mentions) as mentions
from v_event
where root_code in ('18', '19', '20') and place_name is not null
group by place_name, place_country
order by violent_events desc, place_name
limit coalesce(try_cast($limit as integer), 10);
