-- Keep the per-event counts true, and drop events that no sentence reports any more. Only the
-- events whose reports this batch changed are recounted: those its articles reported before (06),
-- known events it reports again (08), and new events it reports more than once. A new event
-- reported once keeps the counts it was inserted with (one mention, one article, one outlet).
-- (The known ones among the latter are in stg_touched_event already, 08; the new ones are the rows 08
-- inserted.)
insert into stg_touched_event
select n.event_key
from stg_event_row as n
semi join stg_event_repeat as r using (event_id);

-- One pass counts the reports and spots the events reported by one article (hence one outlet);
-- only the others need distinct counts (the next statement). num_mentions is null for an event no
-- report is left of (deleted below). An event is political when any of its reports is; else its
-- flag is that of its first report.
create or replace temp table stg_event_count as
select t.event_key, c.num_mentions, c.num_articles, c.num_articles as num_sources, c.political, c.flag_reason
from (select distinct event_key from stg_touched_event) as t
left join (
    select m.event_key,
           count(*) as num_mentions,
           case when min(m.article_key) = max(m.article_key) then 1 end as num_articles,
           bool_or(m.political) as political,
           case when not bool_or(m.political)
                then arg_min(m.flag_reason, (m.article_key, m.sentence_start)) end as flag_reason
    from fact_event_mention as m
    semi join stg_touched_event as t using (event_key)
    group by m.event_key
) as c using (event_key);

update stg_event_count as c
set num_articles = x.num_articles, num_sources = x.num_sources
from (
    select m.event_key,
           count(distinct m.article_key) as num_articles,
           count(distinct d.source_key) as num_sources
    from fact_event_mention as m
    join dim_article as d using (article_key)
    semi join (
        select event_key from stg_event_count where num_mentions is not null and num_articles is null
    ) as r using (event_key)
    group by m.event_key
) as x
where c.event_key = x.event_key;

update fact_event as f
set num_mentions = c.num_mentions, num_articles = c.num_articles, num_sources = c.num_sources,
    political = c.political, flag_reason = c.flag_reason
from stg_event_count as c
where f.event_key = c.event_key
  and c.num_mentions is not null
  and ((f.num_mentions, f.num_articles, f.num_sources, f.political) <> (c.num_mentions, c.num_articles, c.num_sources, c.political)
       or f.flag_reason is distinct from c.flag_reason);

delete from fact_event
where event_key in (select event_key from stg_event_count where num_mentions is null);

-- Every block of keys was consecutive: no other connection drew from these sequences meanwhile
-- (its keys could otherwise collide with the block's).
select error('keys drawn for ' || table_name || ' were not consecutive; load batches from one connection at a time')
from stg_key_block
where keys > 0 and span <> keys;

drop view stg_event_new;
drop view stg_article_new;
drop macro table stg_draw_keys;
drop table stg_key_block;
drop table stg_event_count;
drop table stg_event_repeat;
drop table stg_event_known;
drop table stg_event_row;
drop table stg_touched_event;
drop table stg_batch_article;
drop table stg_stored_article;
