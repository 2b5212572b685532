-- Rejections of one batch (stg_quarantine, with a fingerprint per rejection) into quarantine.
-- The same input rejected again for the same reason, not yet requeued, is one row: its count and
-- last time go up. A requeued row stays as it was; a new rejection after the requeue is a new row.

create or replace temp table stg_quarantine_once as
select fingerprint, any_value(stage) as stage, any_value(table_name) as table_name, any_value(ref) as ref,
       any_value(reason) as reason, last(message) as message, any_value(payload) as payload, count(*) as n
from stg_quarantine
group by fingerprint;

update quarantine as q
set times_seen = coalesce(q.times_seen, 1) + s.n,
    last_seen_at = now()::timestamp,
    message = s.message
from stg_quarantine_once as s
where q.fingerprint = s.fingerprint and q.requeued_at is null;

insert into quarantine (run_id, stage, table_name, ref, reason, message, payload, quarantined_at, fingerprint,
                        times_seen, last_seen_at)
select $run_id, s.stage, s.table_name, s.ref, s.reason, s.message, s.payload, now()::timestamp, s.fingerprint,
       s.n, now()::timestamp
from stg_quarantine_once as s
anti join (select fingerprint from quarantine where requeued_at is null and fingerprint is not null) as q
    using (fingerprint);

drop table stg_quarantine_once;
