-- Mention tables without index-backed constraints. A unique index on (article, offset, key) made
-- every load about four times slower and added nothing: each batch first deletes the mentions of
-- its articles and then inserts one row per (article, offset, key), in one transaction
-- (sql/load/06_clear_mentions.sql, 07_fact_mentions.sql, 08_fact_event.sql), and the tests check
-- that reloading never duplicates a row. DuckDB cannot drop a constraint, so each table is rebuilt.

create table fact_event_mention_v4 (
    event_mention_key bigint not null default nextval('seq_event_mention_key'),
    event_key         bigint not null,
    article_key       bigint not null,
    sentence          varchar not null,
    sentence_start    integer not null,
    sentence_end      integer not null,
    confidence        double not null,
    tone              double,
    is_negated        boolean not null default false,
    run_id            varchar not null
);
insert into fact_event_mention_v4 select * from fact_event_mention;
drop table fact_event_mention;
alter table fact_event_mention_v4 rename to fact_event_mention;
comment on table fact_event_mention is 'One row per sentence that reports an event (GDELT mentions table); one row per (article_key, sentence_start, event_key), kept so by the load.';
comment on column fact_event_mention.event_key is 'References fact_event.event_key.';
comment on column fact_event_mention.sentence_start is 'Offset of the sentence in dim_article.text of article_key (Python string offsets).';

create table fact_actor_mention_v4 (
    actor_mention_key bigint not null default nextval('seq_actor_mention_key'),
    article_key       bigint not null,
    actor_key         bigint not null,
    mention_text      varchar not null,
    start_char        integer not null,
    end_char          integer not null,
    run_id            varchar not null
);
insert into fact_actor_mention_v4 select * from fact_actor_mention;
drop table fact_actor_mention;
alter table fact_actor_mention_v4 rename to fact_actor_mention;
comment on table fact_actor_mention is 'One row per actor mention in an article, with its character span; one row per (article_key, start_char, actor_key), kept so by the load.';
comment on column fact_actor_mention.start_char is 'Offset of the mention in dim_article.text of article_key: text[start_char:end_char] = mention_text.';

create table fact_place_mention_v4 (
    place_mention_key bigint not null default nextval('seq_place_mention_key'),
    article_key       bigint not null,
    place_key         bigint not null,
    mention_text      varchar not null,
    start_char        integer not null,
    end_char          integer not null,
    run_id            varchar not null
);
insert into fact_place_mention_v4 select * from fact_place_mention;
drop table fact_place_mention;
alter table fact_place_mention_v4 rename to fact_place_mention;
comment on table fact_place_mention is 'One row per toponym in an article, resolved to a gazetteer entry; one row per (article_key, start_char, place_key), kept so by the load.';
comment on column fact_place_mention.start_char is 'Offset of the toponym in dim_article.text of article_key: text[start_char:end_char] = mention_text.';
