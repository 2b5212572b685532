-- fact_event without index-backed constraints. DuckDB keeps an ART index per primary key or
-- unique constraint, updated row by row on insert and written out at commit on one thread: the
-- two of fact_event (event_key, event_id) cost 1 to 1.5 CPU seconds of a first load of 1,000,000
-- events (about 15 % of it), half of that in the commit. Both keys stay unique:
--   event_key comes from seq_event_key (one block of keys per batch, sql/load/00_key_blocks.sql)
--   and is never given by hand;
--   event_id is inserted only for events the table does not hold yet (an anti-join on event_id,
--   sql/load/08_fact_event.sql), one row per event of the batch, and a batch is one transaction
--   of the only writer (DuckDB lets one process write the file; the loader uses one connection).
-- tests/integration/test_warehouse_keys.py checks that reloading a batch, a changed batch and a
-- batch reporting an event twice never duplicate a key. DuckDB cannot drop a constraint, so the
-- table is rebuilt (as in 004).

create table fact_event_v5 (
    event_key         bigint not null default nextval('seq_event_key'),
    event_id          varchar not null,
    event_date        date,
    event_date_key    integer,
    source_actor_key  bigint,
    target_actor_key  bigint,
    event_type_key    integer not null,
    place_key         bigint,
    article_key       bigint not null,
    sentence          varchar not null,
    sentence_start    integer not null,
    sentence_end      integer not null,
    goldstein         double not null,
    quad_class        tinyint not null,
    confidence        double not null,
    tone              double,
    num_mentions      integer not null default 1,
    num_articles      integer not null default 1,
    num_sources       integer not null default 1,
    first_seen_at     timestamp not null,
    run_id            varchar not null
);
insert into fact_event_v5 select * from fact_event order by event_key;
drop table fact_event;
alter table fact_event_v5 rename to fact_event;
comment on table fact_event is 'One row per distinct event (date, source, target, CAMEO code, place). The sentence and offsets are those of the first article that reported it; fact_event_mention lists every report. event_key and event_id are unique, kept so by the load (no index).';
comment on column fact_event.event_key is 'Surrogate key from seq_event_key; unique.';
comment on column fact_event.event_id is 'Hash of event_date, source and target actor codes, CAMEO code and place: the same event reported twice gets one row. Unique: the load inserts only events the table does not hold yet.';
comment on column fact_event.sentence_start is 'Offset of the supporting sentence in dim_article.text of article_key (Python string offsets).';
comment on column fact_event.confidence is 'Coder confidence from 0 to 1.';
comment on column fact_event.num_mentions is 'Rows in fact_event_mention for this event.';
comment on column fact_event.num_articles is 'Distinct articles among those mentions.';
comment on column fact_event.num_sources is 'Distinct outlets (dim_source) among those articles.';
