-- The inputs of a batch that failed its critical checks (stg_failed_input: ref, content_sha1):
-- one more failure each. A page that reached $max_failures is marked quarantined (its rejection
-- row is written with it) and its frontier URL failed, so the crawl moves on.

insert into seen_input (ref, content_sha1, state, failures, last_error, first_seen_at, last_seen_at, run_id)
select ref, any_value(content_sha1), 'failed', 1, $error, now()::timestamp, now()::timestamp, $run_id
from stg_failed_input
group by ref
on conflict (ref) do update set
    content_sha1 = excluded.content_sha1,
    state = 'failed',
    failures = seen_input.failures + 1,
    last_error = excluded.last_error,
    last_seen_at = excluded.last_seen_at,
    run_id = excluded.run_id;

update seen_input
set state = 'quarantined'
where failures >= $max_failures and ref in (select ref from stg_failed_input);

update crawl_frontier
set state = 'failed', error = $error
where url in (select ref from seen_input where state = 'quarantined' and ref in (select ref from stg_failed_input));
