-- Events. The staged rows hold one row per article, sentence and event (load.py keeps the one with
-- the highest confidence when the stage reported one twice). fact_event has no unique index: an
-- event gets a row only if the table does not hold its event_id yet (anti-join with the known
-- events), and only one row per event of the batch, so event_id stays unique.

-- Events the batch reports more than once (several articles or sentences), with their first
-- report by article_id and offset (a political report before a flagged one: the evidence shown
-- is a report that makes the event political): only these need a report picked and, once loaded,
-- their counts taken (09).
create or replace temp table stg_event_repeat as
select event_id,
       min({'flagged': not political, 'article_id': article_id, 'sentence_start': sentence_start}) as first_report
from stg_event
semi join (select event_id from stg_event group by event_id having count(*) > 1) using (event_id)
group by event_id;

-- Known events that the batch reports again: they get no new row, and 09 recounts them. An event's
-- id hashes its date (load.event_id), so its stored row has the date the batch gives it: joining on
-- both lets DuckDB skip the row groups of fact_event whose event dates lie outside the batch's
-- (the join's range of event_date is pushed into the scan; rows are appended batch by batch, so a
-- row group holds the dates of a few days' news), and the work stays that of the recent rows as
-- the table grows. Events without a date are looked up among the stored rows without one.
create or replace temp table stg_event_known as
select f.event_id, f.event_key
from fact_event as f
semi join stg_event as e using (event_date, event_id)
union all
select f.event_id, f.event_key
from fact_event as f
semi join (select event_id from stg_event where event_date is null) as e using (event_id)
where f.event_date is null;

insert into stg_touched_event
select event_key from stg_event_known;

-- New events. One reported once in the batch is that row (and its counts are 1, 1, 1); one
-- reported more than once is its first report. Keys from seq_event_key (00_key_blocks.sql).
create or replace temp view stg_event_new as
select e.*
from stg_event as e
left join stg_event_repeat as r on r.event_id = e.event_id
anti join stg_event_known as k on k.event_id = e.event_id
where r.event_id is null
   or (e.article_id = r.first_report.article_id and e.sentence_start = r.first_report.sentence_start);

insert into stg_key_block
select * from stg_draw_keys('fact_event', 'seq_event_key', 'stg_event_new');

-- The new events' rows, kept for the mentions below (which need every reported event's key without
-- reading fact_event again).
create or replace temp table stg_event_row as
select
    (select first_key - first_row from stg_key_block where table_name = 'fact_event') + e.stg_row as event_key,
    e.event_id, e.event_date, cast(strftime(e.event_date, '%Y%m%d') as integer) as event_date_key,
    sa.actor_key as source_actor_key, ta.actor_key as target_actor_key, t.event_type_key, p.place_key,
    d.article_key, e.sentence, e.sentence_start, e.sentence_end, t.goldstein, t.quad_class,
    e.confidence, e.tone, e.political, e.flag_reason, e.verb_start, e.verb_end, e.source_start, e.source_end,
    e.target_start, e.target_end, now()::timestamp as first_seen_at, $run_id as run_id
from stg_event_new as e
join stg_batch_article as d using (article_id)
join dim_event_type as t on t.cameo_code = e.cameo_code
left join dim_actor as sa on sa.actor_code = e.source_actor
left join dim_actor as ta on ta.actor_code = e.target_actor
left join dim_place as p on p.gazetteer_id = e.place_gazetteer_id;

insert into fact_event (
    event_key, event_id, event_date, event_date_key, source_actor_key, target_actor_key, event_type_key,
    place_key, article_key, sentence, sentence_start, sentence_end, goldstein, quad_class,
    confidence, tone, political, flag_reason, verb_start, verb_end, source_start, source_end, target_start,
    target_end, first_seen_at, run_id
)
select * from stg_event_row;

-- Every report of the batch, new events and known ones (06 removed the old reports of its articles).
insert into stg_key_block
select * from stg_draw_keys('fact_event_mention', 'seq_event_mention_key', 'stg_event');

insert into fact_event_mention (
    event_mention_key, event_key, article_key, sentence, sentence_start, sentence_end, confidence, tone,
    is_negated, political, flag_reason, verb_start, verb_end, source_start, source_end, target_start, target_end,
    run_id
)
select (select first_key - first_row from stg_key_block where table_name = 'fact_event_mention') + e.stg_row,
       f.event_key, d.article_key, e.sentence, e.sentence_start, e.sentence_end, e.confidence, e.tone,
       e.is_negated, e.political, e.flag_reason, e.verb_start, e.verb_end, e.source_start, e.source_end,
       e.target_start, e.target_end, $run_id
from stg_event as e
join stg_batch_article as d using (article_id)
join (
    select event_id, event_key from stg_event_known
    union all
    select event_id, event_key from stg_event_row
) as f using (event_id);
