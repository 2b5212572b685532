-- Question: how many articles and outlets report each event (and which events are most covered)?
-- Grain: one row per number of reporting articles.
-- Parameters: none.
select
    num_articles,
    count(*) as events,
    sum(num_sources) as outlet_reports
from fact_event
where political
group by num_articles
order by num_articles;
