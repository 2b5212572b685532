-- The local inputs (saved HTML files, WARC records) a loaded batch processed, from stg_seen_input
-- (ref, content_sha1): a later run skips them while their content is unchanged. Runs in the
-- batch's load transaction, so an input counts as seen exactly when its rows are committed.
-- One row per ref (sql/schema/014): the refs the table holds are updated, the others inserted.

update seen_input as s
set content_sha1 = i.content_sha1,
    state = 'done',
    failures = 0,
    last_error = null,
    last_seen_at = now()::timestamp,
    run_id = $run_id
from (select ref, any_value(content_sha1) as content_sha1 from stg_seen_input group by ref) as i
where s.ref = i.ref;

insert into seen_input (ref, content_sha1, state, failures, first_seen_at, last_seen_at, run_id)
select i.ref, any_value(i.content_sha1), 'done', 0, now()::timestamp, now()::timestamp, $run_id
from stg_seen_input as i
anti join seen_input as s on s.ref = i.ref
group by i.ref;
