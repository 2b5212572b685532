-- The local inputs (saved HTML files, WARC records) a loaded batch processed, from stg_seen_input
-- (ref, content_sha1): a later run skips them while their content is unchanged. Runs in the
-- batch's load transaction, so an input counts as seen exactly when its rows are committed.
-- One row per ref (sql/schema/014): the refs the table holds are updated, the others inserted.
-- The table is read once, by ref_key and then ref: the rows found are then updated by their row id
-- (within the transaction, no other writer moves them), which DuckDB finds without reading again.

-- By ref_key first (a number; sql/schema/015), then ref among the few rows it leaves.
create or replace temp table stg_seen_known as
with candidate as materialized (
    select s.rowid as row_id, s.ref
    from seen_input as s
    semi join (select input_ref_key(ref) as ref_key from stg_seen_input) as i using (ref_key)
)

select c.row_id, c.ref
from candidate as c
semi join stg_seen_input as i using (ref);

update seen_input as s
set content_sha1 = i.content_sha1,
    state = 'done',
    failures = 0,
    last_error = null,
    last_seen_at = now()::timestamp,
    run_id = $run_id
from (select ref, any_value(content_sha1) as content_sha1 from stg_seen_input group by ref) as i
join stg_seen_known as k using (ref)
where s.rowid = k.row_id;

insert into seen_input (ref_key, ref, content_sha1, state, failures, first_seen_at, last_seen_at, run_id)
select input_ref_key(i.ref), i.ref, any_value(i.content_sha1), 'done', 0, now()::timestamp, now()::timestamp, $run_id
from stg_seen_input as i
anti join stg_seen_known as k using (ref)
group by i.ref;

drop table stg_seen_known;
