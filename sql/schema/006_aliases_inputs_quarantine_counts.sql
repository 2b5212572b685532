-- Real crawls meet one article under several URLs, the same inputs again and the same bad page
-- again: aliases keep every URL findable, seen_input lets a run skip what it already processed
-- and bounds the retries of a failing batch, and a quarantine row is counted, not repeated.

create table if not exists dim_article_alias (
    url            varchar primary key,
    article_key    bigint not null,
    reason         varchar not null,
    first_seen_at  timestamp not null,
    run_id         varchar not null
);
comment on table dim_article_alias is 'One row per page URL that was loaded as another article: an AMP, print or syndicated copy, or a URL variant naming the same canonical URL. The page itself is not stored again.';
comment on column dim_article_alias.url is 'URL of the page as fetched or read (file:// for saved pages).';
comment on column dim_article_alias.article_key is 'References dim_article.article_key: the article the page is a copy of.';
comment on column dim_article_alias.reason is 'Why the page is an alias, e.g. same_canonical_url.';

create table if not exists seen_input (
    ref            varchar primary key,
    content_sha1   varchar,
    state          varchar not null,
    failures       integer not null default 0,
    last_error     varchar,
    first_seen_at  timestamp not null,
    last_seen_at   timestamp not null,
    run_id         varchar not null
);
comment on table seen_input is 'Every input page a run processed (saved HTML files, WARC records) or whose batch failed: a run skips an input whose content is unchanged, and a batch that keeps failing is retried a bounded number of times before its pages are quarantined.';
comment on column seen_input.ref is 'URL of the page (file:// for saved pages, the target URI for WARC records).';
comment on column seen_input.content_sha1 is 'sha1 of the bytes read (local inputs); null for crawled pages, whose state is in crawl_frontier.';
comment on column seen_input.state is 'done (loaded, aliased or quarantined), failed (its batch failed critically; retried) or quarantined (its batch failed too often).';
comment on column seen_input.failures is 'How many times a batch holding this page failed its critical checks.';

alter table quarantine add column fingerprint varchar;
alter table quarantine add column times_seen integer default 1;
alter table quarantine add column last_seen_at timestamp;
update quarantine set times_seen = 1, last_seen_at = quarantined_at;
comment on column quarantine.fingerprint is 'sha1 of stage, table, ref, reason and the offending row: the same rejection seen again updates times_seen and last_seen_at instead of adding a row.';
comment on column quarantine.times_seen is 'How many times the same input was rejected for the same reason.';
