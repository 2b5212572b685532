-- One row per event with its codes, labels, actors, place and evidence spelled out: the view most
-- analytics start from.
create or replace view v_event as
select
    f.event_key,
    f.event_id,
    f.event_date,
    sa.actor_code as source_actor,
    sa.country_code as source_country,
    ta.actor_code as target_actor,
    ta.country_code as target_country,
    t.cameo_code,
    t.root_code,
    t.label as event_label,
    f.quad_class,
    f.goldstein,
    p.name as place_name,
    p.country_code as place_country,
    p.lat,
    p.lon,
    f.num_mentions,
    f.num_articles,
    f.num_sources,
    f.confidence,
    f.tone,
    f.sentence,
    f.sentence_start,
    f.sentence_end,
    a.canonical_url as article_url,
    s.domain as source_domain
from fact_event as f
join dim_event_type as t using (event_type_key)
join dim_article as a on a.article_key = f.article_key
join dim_source as s on s.source_key = a.source_key
left join dim_actor as sa on sa.actor_key = f.source_actor_key
left join dim_actor as ta on ta.actor_key = f.target_actor_key
left join dim_place as p on p.place_key = f.place_key;
