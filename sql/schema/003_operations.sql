-- Operations: what ran, what the quality gates said, what was set aside, what the crawler knows.

create table if not exists pipeline_run (
    run_id            varchar primary key,
    started_at        timestamp not null,
    finished_at       timestamp,
    status            varchar not null,
    source_spec       varchar,
    pages_fetched     integer,
    articles_loaded   integer,
    duplicates        integer,
    actors            integer,
    places            integer,
    events            integer,
    quarantined       integer,
    message           varchar
);
comment on table pipeline_run is 'One row per pipeline run: status (running, succeeded, failed) and counts.';

create table if not exists dq_result (
    run_id            varchar not null,
    batch_id          varchar not null,
    suite             varchar not null,
    expectation       varchar not null,
    column_name       varchar,
    severity          varchar not null,
    success           boolean not null,
    element_count     bigint,
    unexpected_count  bigint,
    observed          varchar,
    validated_at      timestamp not null
);
comment on table dq_result is 'One row per expectation evaluated on a batch.';

create sequence if not exists seq_quarantine_key start 1;
create table if not exists quarantine (
    quarantine_key    bigint primary key default nextval('seq_quarantine_key'),
    run_id            varchar not null,
    stage             varchar not null,
    table_name        varchar,
    ref               varchar not null,
    reason            varchar not null,
    message           varchar not null,
    payload           varchar,
    quarantined_at    timestamp not null,
    requeued_at       timestamp
);
comment on table quarantine is 'Inputs and rows that a stage could not use, with the reason; nothing is dropped silently.';

create table if not exists crawl_frontier (
    url               varchar primary key,
    host              varchar not null,
    source            varchar,
    state             varchar not null,
    attempts          integer not null default 0,
    last_status       integer,
    discovered_at     timestamp not null,
    next_attempt_at   timestamp,
    fetched_at        timestamp,
    etag              varchar,
    last_modified     varchar,
    error             varchar
);
comment on table crawl_frontier is 'Every URL the crawler knows: pending, fetched, failed or skipped, so that a crawl resumes where it stopped.';
