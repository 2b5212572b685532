-- Question: which words of the article support each event: the verb, and the mentions its source and target were read from?
-- Grain: one row per event (v_event), newest first; an actor resolved from context ("He", a short name) shows the earlier mention it stands for.
-- Parameters: $country (ISO-3 code, or empty for all: as source, target or place), $limit (integer, default 20).
select
    event_date,
    source_actor,
    source_text,
    cameo_code,
    verb_text,
    target_actor,
    target_text,
    sentence,
    coalesce(source_start not between sentence_start and sentence_end, false)
        or coalesce(target_start not between sentence_start and sentence_end, false) as actor_outside_sentence,
    article_url
from v_event
where $country is null or $country in (source_country, target_country, place_country)
order by event_date desc nulls last, event_key
limit coalesce(try_cast($limit as integer), 20);
