-- The local inputs (saved HTML files, WARC records) a loaded batch processed, from stg_seen_input
-- (ref, content_sha1): a later run skips them while their content is unchanged. Runs in the
-- batch's load transaction, so an input counts as seen exactly when its rows are committed.

insert into seen_input (ref, content_sha1, state, failures, first_seen_at, last_seen_at, run_id)
select ref, any_value(content_sha1), 'done', 0, now()::timestamp, now()::timestamp, $run_id
from stg_seen_input
group by ref
on conflict (ref) do update set
    content_sha1 = excluded.content_sha1,
    state = 'done',
    failures = 0,
    last_error = null,
    last_seen_at = excluded.last_seen_at,
    run_id = excluded.run_id;
