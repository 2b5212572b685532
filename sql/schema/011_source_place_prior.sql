-- Each outlet's own region, learned from what it reports: per source domain, how many of its
-- articles name a place in each country and in each first-level division. The enricher reads the
-- rows of a batch's domains before enriching it and uses them to choose among the places an
-- ambiguous name may denote (wirehouse.enrich.places). Kept up to date inside each batch's load
-- transaction (sql/load/05_source_place_prior_retract.sql and 07_source_place_prior.sql).

create table if not exists source_place_prior (
    domain        varchar not null,
    level         varchar not null,
    country_code  varchar not null,
    admin1        varchar not null,
    articles      integer not null,
    mentions      integer not null,
    updated_at    timestamp not null,
    primary key (domain, level, country_code, admin1)
);
comment on table source_place_prior is 'One row per outlet (dim_source.domain) and place level it reports on: the outlet itself (level outlet), a country (level country) or a first-level division (level admin1). Counts are derived from the stored place mentions of the outlet''s articles; a reloaded or reprocessed article replaces its contribution.';
comment on column source_place_prior.domain is 'The outlet: dim_source.domain (host name, lower case, without www.).';
comment on column source_place_prior.level is 'outlet (every article of the outlet that names at least one place), country or admin1.';
comment on column source_place_prior.country_code is 'ISO-3 country code (dim_place.country_code) for levels country and admin1; empty for level outlet.';
comment on column source_place_prior.admin1 is 'GeoNames code of the first-level division (dim_place.admin1) for level admin1; empty otherwise.';
comment on column source_place_prior.articles is 'Articles of the outlet naming a place at this level (level outlet: naming any place). The share of the outlet''s articles is articles divided by the outlet row''s articles.';
comment on column source_place_prior.mentions is 'Place mentions of those articles at this level.';
comment on column source_place_prior.updated_at is 'When a load last changed the row (UTC).';

-- A warehouse loaded before this migration learns from what it holds already.
delete from source_place_prior;

insert into source_place_prior (domain, level, country_code, admin1, articles, mentions, updated_at)
with mention as (
    select s.domain, a.article_key, p.country_code, p.admin1, p.feature_kind
    from fact_place_mention as m
    join dim_article as a using (article_key)
    join dim_source as s using (source_key)
    join dim_place as p using (place_key)
),

levels as (
    select domain, article_key, 'outlet' as level, '' as country_code, '' as admin1 from mention
    union all
    select domain, article_key, 'country', country_code, '' from mention where country_code is not null
    union all
    select domain, article_key, 'admin1', country_code, admin1 from mention
    where country_code is not null and admin1 is not null and feature_kind <> 'country'
)

select domain, level, country_code, admin1, count(distinct article_key), count(*), now()::timestamp
from levels
group by domain, level, country_code, admin1;
