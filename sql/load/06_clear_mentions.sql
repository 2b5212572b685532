-- Re-processing an article replaces its mentions instead of adding to them.
delete from fact_actor_mention
where article_key in (select d.article_key from dim_article as d join stg_article as a using (article_id));

delete from fact_place_mention
where article_key in (select d.article_key from dim_article as d join stg_article as a using (article_id));

delete from fact_event_mention
where article_key in (select d.article_key from dim_article as d join stg_article as a using (article_id));
