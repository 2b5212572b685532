-- Keep the per-event counts true, and drop events that no sentence reports any more. Only the
-- events this batch touched (reported before by its articles, or now) are recounted.
insert into stg_touched_event
select distinct m.event_key
from fact_event_mention as m
where m.article_key in (select d.article_key from dim_article as d join stg_article as a using (article_id));

update fact_event as f
set num_mentions = c.num_mentions, num_articles = c.num_articles, num_sources = c.num_sources
from (
    select m.event_key,
           count(*) as num_mentions,
           count(distinct m.article_key) as num_articles,
           count(distinct d.source_key) as num_sources
    from fact_event_mention as m
    join dim_article as d using (article_key)
    where m.event_key in (select event_key from stg_touched_event)
    group by m.event_key
) as c
where f.event_key = c.event_key
  and (f.num_mentions, f.num_articles, f.num_sources) <> (c.num_mentions, c.num_articles, c.num_sources);

delete from fact_event
where event_key in (select event_key from stg_touched_event)
  and event_key not in (
      select event_key from fact_event_mention where event_key in (select event_key from stg_touched_event)
  );

drop table stg_touched_event;
