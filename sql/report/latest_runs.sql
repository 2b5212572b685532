-- Question: how did the latest pipeline runs go, and what did their quality gates say?
-- Grain: one row per pipeline run, newest first.
-- Parameters: $limit (integer).
with gates as (
    select
        run_id,
        count(*) as expectations,
        count(*) filter (where not success and severity = 'critical') as failed_critical,
        count(*) filter (where not success and severity = 'quarantine') as failed_quarantine,
        count(*) filter (where not success and severity = 'warning') as failed_warning
    from dq_result
    group by run_id
)
select
    r.run_id,
    r.started_at,
    r.status,
    r.pages_fetched,
    r.articles_loaded,
    r.events,
    r.quarantined,
    coalesce(g.expectations, 0) as expectations,
    coalesce(g.failed_critical, 0) as failed_critical,
    coalesce(g.failed_quarantine, 0) as failed_quarantine,
    coalesce(g.failed_warning, 0) as failed_warning
from pipeline_run as r
left join gates as g using (run_id)
order by r.started_at desc
limit cast($limit as integer);
