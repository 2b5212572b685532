-- Dimensions of the event warehouse. Natural keys are unique so that reloads are idempotent;
-- surrogate keys come from sequences. Foreign keys are declared in comments and checked by the
-- data-quality suites and tests (DuckDB cannot update rows that a declared foreign key references).

create sequence if not exists seq_source_key start 1;
create table if not exists dim_source (
    source_key    bigint primary key default nextval('seq_source_key'),
    domain        varchar not null unique,
    site_name     varchar,
    first_seen_at timestamp not null
);
comment on table dim_source is 'One row per news outlet, identified by its domain.';
comment on column dim_source.domain is 'Host name of the outlet, lower case, without www.';

create table if not exists dim_date (
    date_key   integer primary key,
    full_date  date not null unique,
    year       smallint not null,
    quarter    tinyint not null,
    month      tinyint not null,
    day        tinyint not null,
    iso_week   tinyint not null,
    weekday    varchar not null
);
comment on table dim_date is 'One row per calendar day that an article or event refers to; date_key is yyyymmdd.';

create sequence if not exists seq_article_key start 1;
create table if not exists dim_article (
    article_key        bigint primary key default nextval('seq_article_key'),
    canonical_url      varchar not null unique,
    article_id         varchar not null unique,
    url                varchar not null,
    source_key         bigint not null,
    title              varchar,
    author             varchar,
    published_at       timestamp,
    published_date_key integer,
    language           varchar,
    dateline           varchar,
    text               varchar not null,
    text_chars         integer not null,
    text_hash          varchar not null,
    simhash            bigint not null,
    duplicate_of_key   bigint,
    tone               double,
    fetched_at         timestamp,
    loaded_at          timestamp not null,
    run_id             varchar not null
);
comment on table dim_article is 'One row per article (canonical URL). Duplicates and syndicated copies are kept, pointing at their canonical copy through duplicate_of_key, and carry no events.';
comment on column dim_article.article_id is 'Stable hash of canonical_url, the id used between pipeline stages.';
comment on column dim_article.source_key is 'References dim_source.source_key.';
comment on column dim_article.published_at is 'Publication time in UTC as the page states it (not the crawl time); null when unknown.';
comment on column dim_article.text_hash is 'sha1 of the normalised text: equal for exact duplicates.';
comment on column dim_article.simhash is '64-bit SimHash of the text (signed): near duplicates differ in few bits.';
comment on column dim_article.duplicate_of_key is 'article_key of the canonical copy when this article is a duplicate, else null.';
comment on column dim_article.tone is 'Article tone from -100 (negative) to +100 (positive).';

create sequence if not exists seq_actor_key start 1;
create table if not exists dim_actor (
    actor_key    bigint primary key default nextval('seq_actor_key'),
    actor_code   varchar not null unique,
    name         varchar not null,
    country_code varchar,
    role_code    varchar
);
comment on table dim_actor is 'One row per CAMEO-style actor code (IRQMIL, IGOUNO, IMGMUSISI).';
comment on column dim_actor.country_code is 'ISO-3 (or CAMEO region/IGO) part of the code; null when the code has none.';
comment on column dim_actor.role_code is 'Role part of the code: GOV, MIL, COP, REB, INS, ...';

create sequence if not exists seq_place_key start 1;
create table if not exists dim_place (
    place_key     bigint primary key default nextval('seq_place_key'),
    gazetteer_id  varchar not null unique,
    geonames_id   bigint,
    name          varchar not null,
    feature_kind  varchar not null,
    country_code  varchar,
    admin1        varchar,
    lat           double,
    lon           double
);
comment on table dim_place is 'One row per gazetteer entry that a text mentions.';
comment on column dim_place.gazetteer_id is 'geonames:<id> when the place has a GeoNames id, else a derived id such as country:IRQ or admin1:IRQ.01.';
comment on column dim_place.feature_kind is 'country, admin1 (first-level region), city or region.';

create table if not exists dim_event_type (
    event_type_key integer primary key,
    cameo_code     varchar not null unique,
    root_code      varchar not null,
    label          varchar not null,
    quad_class     tinyint not null,
    goldstein      double not null
);
comment on table dim_event_type is 'CAMEO event codes with QuadClass (GDELT convention) and Goldstein scale.';
comment on column dim_event_type.event_type_key is 'The CAMEO code read as a number after a leading 1 (code 0231 -> 10231), stable across loads.';
