-- Actor codes of the batch that dim_actor does not hold yet (from mentions and from events).
with mentioned as (
    select actor_code, max(name) as name, max(country_code) as country_code, max(role_code) as role_code
    from stg_actor_mention
    anti join dim_actor using (actor_code)
    group by actor_code
),
coded as (
    select source_actor as actor_code from stg_event where source_actor is not null
    union
    select target_actor from stg_event where target_actor is not null
)
insert into dim_actor (actor_code, name, country_code, role_code)
select actor_code, name, country_code, role_code from mentioned
union all
select actor_code, actor_code, null, null
from coded
anti join dim_actor using (actor_code)
anti join mentioned using (actor_code)
on conflict (actor_code) do nothing;
