-- The inputs of a batch that failed its critical checks (stg_failed_input: ref, content_sha1):
-- one more failure each. A page that reached $max_failures is marked quarantined (its rejection
-- row is written with it) and its frontier URL failed, so the crawl moves on. One row per ref
-- (sql/schema/014): the refs the table holds are updated, the others inserted.

update seen_input as s
set content_sha1 = i.content_sha1,
    state = 'failed',
    failures = s.failures + 1,
    last_error = $error,
    last_seen_at = now()::timestamp,
    run_id = $run_id
from (select ref, any_value(content_sha1) as content_sha1 from stg_failed_input group by ref) as i
where s.ref = i.ref;

insert into seen_input (ref_key, ref, content_sha1, state, failures, last_error, first_seen_at, last_seen_at, run_id)
select input_ref_key(i.ref), i.ref, any_value(i.content_sha1), 'failed', 1, $error, now()::timestamp, now()::timestamp,
       $run_id
from stg_failed_input as i
anti join seen_input as s on s.ref = i.ref
group by i.ref;

update seen_input
set state = 'quarantined'
where failures >= $max_failures and ref in (select ref from stg_failed_input);

update crawl_frontier
set state = 'failed', error = $error
where url in (select ref from seen_input where state = 'quarantined' and ref in (select ref from stg_failed_input));
