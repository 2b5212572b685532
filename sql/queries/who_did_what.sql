-- Question: who did what to whom, for one country (as source or target)?
-- Grain: one row per event, newest first, with its evidence sentence.
-- Parameters: $country (ISO-3 code, required), $limit (integer, default 20).
select
    event_date,
    source_actor,
    event_label,
    target_actor,
    place_name,
    num_mentions,
    sentence
from v_event
where source_country = $country or target_country = $country
order by event_date desc nulls last, event_key
limit coalesce(try_cast($limit as integer), 20);
