-- Facts: events (one row per distinct event, GDELT-style), their mentions (one row per reporting
-- sentence), actor and place mentions. Every mention row points to its article and the
-- character offsets of its evidence in dim_article.text.

create sequence if not exists seq_event_key start 1;
create table if not exists fact_event (
    event_key         bigint primary key default nextval('seq_event_key'),
    event_id          varchar not null unique,
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
comment on table fact_event is 'One row per distinct event (date, source, target, CAMEO code, place). The sentence and offsets are those of the first article that reported it; fact_event_mention lists every report.';
comment on column fact_event.event_id is 'Hash of event_date, source and target actor codes, CAMEO code and place: the same event reported twice gets one row.';
comment on column fact_event.sentence_start is 'Offset of the supporting sentence in dim_article.text of article_key (Python string offsets).';
comment on column fact_event.confidence is 'Coder confidence from 0 to 1.';

create sequence if not exists seq_event_mention_key start 1;
create table if not exists fact_event_mention (
    event_mention_key bigint primary key default nextval('seq_event_mention_key'),
    event_key         bigint not null,
    article_key       bigint not null,
    sentence          varchar not null,
    sentence_start    integer not null,
    sentence_end      integer not null,
    confidence        double not null,
    tone              double,
    is_negated        boolean not null default false,
    run_id            varchar not null,
    unique (article_key, sentence_start, event_key)
);
comment on table fact_event_mention is 'One row per sentence that reports an event (GDELT mentions table).';

create sequence if not exists seq_actor_mention_key start 1;
create table if not exists fact_actor_mention (
    actor_mention_key bigint primary key default nextval('seq_actor_mention_key'),
    article_key       bigint not null,
    actor_key         bigint not null,
    mention_text      varchar not null,
    start_char        integer not null,
    end_char          integer not null,
    run_id            varchar not null,
    unique (article_key, start_char, actor_key)
);
comment on table fact_actor_mention is 'One row per actor mention in an article, with its character span.';

create sequence if not exists seq_place_mention_key start 1;
create table if not exists fact_place_mention (
    place_mention_key bigint primary key default nextval('seq_place_mention_key'),
    article_key       bigint not null,
    place_key         bigint not null,
    mention_text      varchar not null,
    start_char        integer not null,
    end_char          integer not null,
    run_id            varchar not null,
    unique (article_key, start_char, place_key)
);
comment on table fact_place_mention is 'One row per toponym in an article, resolved to a gazetteer entry.';
