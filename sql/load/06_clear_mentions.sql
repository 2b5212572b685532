-- Re-processing an article replaces its mentions instead of adding to them.

-- The events these articles reported before: 09 recounts them (and only them).
create or replace temp table stg_touched_event as
select distinct m.event_key
from fact_event_mention as m
where m.article_key in (select d.article_key from dim_article as d join stg_article as a using (article_id));

delete from fact_actor_mention
where article_key in (select d.article_key from dim_article as d join stg_article as a using (article_id));

delete from fact_place_mention
where article_key in (select d.article_key from dim_article as d join stg_article as a using (article_id));

delete from fact_event_mention
where article_key in (select d.article_key from dim_article as d join stg_article as a using (article_id));
