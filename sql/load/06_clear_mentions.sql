-- Re-processing an article replaces its mentions instead of adding to them. The batch's articles
-- and their keys: stg_batch_article (05_dim_article.sql).

-- The events these articles reported before: 09 recounts them (with those 08 adds, and only them).
create or replace temp table stg_touched_event as
select distinct m.event_key
from fact_event_mention as m
semi join stg_batch_article using (article_key);

delete from fact_actor_mention
where article_key in (select article_key from stg_batch_article);

delete from fact_place_mention
where article_key in (select article_key from stg_batch_article);

delete from fact_event_mention
where article_key in (select article_key from stg_batch_article);
