-- Actor codes of the batch (from mentions and from events).
with codes as (
    select actor_code, max(name) as name, max(country_code) as country_code, max(role_code) as role_code
    from stg_actor_mention
    group by actor_code
    union all
    select code, code, null, null
    from (
        select source_actor as code from stg_event where source_actor is not null
        union
        select target_actor from stg_event where target_actor is not null
    )
    where code not in (select actor_code from stg_actor_mention)
)
insert into dim_actor (actor_code, name, country_code, role_code)
select actor_code, name, country_code, role_code from codes
on conflict (actor_code) do nothing;
