-- Question: how many events does the report cover?
-- Grain: one row.
-- Parameters: $since, $country (as in events_by_week.sql).
select count(*) as events
from v_event
where ($since is null or event_date >= cast($since as date))
  and ($country is null or $country in (place_country, source_country, target_country));
