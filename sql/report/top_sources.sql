-- Question: which outlets report most of the events?
-- Grain: one row per outlet domain.
-- Parameters: $since, $country (as in events_by_week.sql), $limit (integer).
select
    source_domain as domain,
    count(*) as events,
    count(distinct article_url) as articles,
    round(avg(goldstein), 2) as avg_goldstein
from v_event
where ($since is null or event_date >= cast($since as date))
  and ($country is null or $country in (place_country, source_country, target_country))
group by all
order by events desc, domain
limit cast($limit as integer);
