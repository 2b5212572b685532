-- Question: how cooperative or hostile were the events of each week (Goldstein scale)?
-- Grain: one row per ISO week.
-- Parameters: $since (ISO date or null), $country (ISO-3 code or null).
select
    cast(date_trunc('week', event_date) as date) as week,
    count(*) as events,
    round(avg(goldstein), 2) as avg_goldstein,
    round(sum(goldstein * num_mentions) filter (where goldstein < 0), 1) as conflict_intensity
from v_event
where event_date is not null
  and ($since is null or event_date >= cast($since as date))
  and ($country is null or $country in (place_country, source_country, target_country))
group by all
order by week;
