-- Question: which coded events are left out of the analytics views (not political events), and why?
-- Grain: one row per reason (fact_event.flag_reason), with the events shown for comparison.
-- Parameters: none. The flagged events themselves: select * from v_event_all where not political.
select
    coalesce(flag_reason, '(shown: political)') as reason,
    count(*) as events,
    sum(num_mentions) as mentions,
    count(distinct article_key) as articles
from fact_event
group by flag_reason
order by flag_reason is not null, events desc, reason;
