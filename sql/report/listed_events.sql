-- Question: the latest events, each with its evidence: the sentence, some text around it and
-- the article it comes from.
-- Grain: one row per event (fact_event), newest first.
-- Parameters: $since, $country (as in events_by_week.sql), $limit (integer), $context
-- (characters of article text shown before and after the sentence).
select
    e.event_id,
    e.event_date,
    e.source_actor,
    e.target_actor,
    e.cameo_code,
    e.event_label,
    e.quad_class,
    e.goldstein,
    e.place_name,
    e.place_country,
    e.num_mentions,
    e.source_domain,
    e.article_url,
    a.title,
    a.author,
    e.sentence,
    substring(a.text, greatest(1, e.sentence_start + 1 - cast($context as integer)),
              e.sentence_start - greatest(0, e.sentence_start - cast($context as integer))) as text_before,
    substring(a.text, e.sentence_end + 1, cast($context as integer)) as text_after
from v_event as e
join dim_article as a on a.canonical_url = e.article_url
where ($since is null or e.event_date >= cast($since as date))
  and ($country is null or $country in (e.place_country, e.source_country, e.target_country))
order by e.event_date desc nulls last, e.event_key desc
limit cast($limit as integer);
