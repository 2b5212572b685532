-- Question: which actors take part in most events, as source or target?
-- Grain: one row per actor code.
-- Parameters: $since, $country (as in events_by_week.sql), $limit (integer).
with roles as (
    select source_actor as actor_code, goldstein from v_event
    where source_actor is not null
      and ($since is null or event_date >= cast($since as date))
      and ($country is null or $country in (place_country, source_country, target_country))
    union all
    select target_actor as actor_code, goldstein from v_event
    where target_actor is not null
      and ($since is null or event_date >= cast($since as date))
      and ($country is null or $country in (place_country, source_country, target_country))
)
select
    r.actor_code,
    any_value(a.name) as name,
    count(*) as events,
    round(avg(r.goldstein), 2) as avg_goldstein
from roles as r
left join dim_actor as a on a.actor_code = r.actor_code
group by r.actor_code
order by events desc, r.actor_code
limit cast($limit as integer);
