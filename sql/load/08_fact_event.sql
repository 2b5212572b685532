-- New events get a row; an event already known (same date, actors, code, place) gains a mention
-- (one per article, sentence and event; 06 removed the old mentions of the batch's articles).
insert into fact_event (
    event_id, event_date, event_date_key, source_actor_key, target_actor_key, event_type_key,
    place_key, article_key, sentence, sentence_start, sentence_end, goldstein, quad_class,
    confidence, tone, first_seen_at, run_id
)
select
    e.event_id, e.event_date, cast(strftime(e.event_date, '%Y%m%d') as integer),
    sa.actor_key, ta.actor_key, t.event_type_key, p.place_key, d.article_key,
    e.sentence, e.sentence_start, e.sentence_end, t.goldstein, t.quad_class,
    e.confidence, e.tone, now()::timestamp, $run_id
from (
    select *, row_number() over (partition by event_id order by article_id, sentence_start) as rn
    from stg_event
) as e
join dim_article as d using (article_id)
join dim_event_type as t on t.cameo_code = e.cameo_code
left join dim_actor as sa on sa.actor_code = e.source_actor
left join dim_actor as ta on ta.actor_code = e.target_actor
left join dim_place as p on p.gazetteer_id = e.place_gazetteer_id
where e.rn = 1
on conflict (event_id) do nothing;

insert into fact_event_mention (
    event_key, article_key, sentence, sentence_start, sentence_end, confidence, tone, is_negated, run_id
)
select f.event_key, d.article_key, e.sentence, e.sentence_start, e.sentence_end, e.confidence, e.tone,
       e.is_negated, $run_id
from stg_event as e
join dim_article as d using (article_id)
join fact_event as f using (event_id)
qualify row_number() over (
    partition by d.article_key, e.sentence_start, f.event_key order by e.confidence desc, e.sentence_end
) = 1;
