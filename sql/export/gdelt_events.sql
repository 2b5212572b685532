-- GDELT 2.0 events table (61 columns, the published names and order) from the warehouse.
-- Grain: one row per political fact_event (flagged events are left out). Parameters: $since (date or null: events on or after it).
-- Filled: ids, dates, actor codes, names, countries, first type code, event codes, QuadClass,
-- Goldstein, counts, tone, action geography, DATEADDED, SOURCEURL. Empty (documented gaps in
-- README "Exports"): known-group, ethnic and religion codes, second and third type codes,
-- Actor1Geo_* and Actor2Geo_* (actors are not geolocated), ADM2 codes.
-- gdelt_country(iso3, fips, name) is registered by wirehouse.report.export.
with article_tone as (
    select m.event_key, avg(a.tone) as avg_tone
    from fact_event_mention as m
    join dim_article as a using (article_key)
    group by m.event_key
),
geo as (
    select
        p.place_key,
        case
            when p.feature_kind = 'country' then 1
            when p.feature_kind = 'admin1' and p.country_code = 'USA' then 2
            when p.feature_kind in ('city', 'admin2') and p.country_code = 'USA' then 3
            when p.feature_kind in ('city', 'admin2') then 4
            when p.feature_kind = 'admin1' then 5
        end as geo_type,
        case
            when p.feature_kind = 'country' or c.name is null or c.name = p.name then p.name
            else p.name || ', ' || c.name
        end as full_name,
        c.fips,
        case
            when p.feature_kind = 'country' then c.fips
            when regexp_full_match(coalesce(p.admin1, ''), '[0-9A-Z]{2}') then c.fips || p.admin1
            else c.fips
        end as adm1,
        p.lat,
        p.lon,
        case
            when p.feature_kind = 'country' then c.fips
            when p.feature_kind = 'admin1' and regexp_full_match(coalesce(p.admin1, ''), '[0-9A-Z]{2}')
                then c.fips || p.admin1
            else cast(p.geonames_id as varchar)
        end as feature_id
    from dim_place as p
    left join gdelt_country as c on c.iso3 = p.country_code
)
select
    f.event_key as GLOBALEVENTID,
    f.event_date_key as SQLDATE,
    year(f.event_date) * 100 + month(f.event_date) as MonthYear,
    year(f.event_date) as Year,
    round(year(f.event_date) + dayofyear(f.event_date) / 365.0, 4) as FractionDate,
    sa.actor_code as Actor1Code,
    upper(regexp_replace(sa.name, '[\t\r\n]+', ' ', 'g')) as Actor1Name,
    sa.country_code as Actor1CountryCode,
    cast(null as varchar) as Actor1KnownGroupCode,
    cast(null as varchar) as Actor1EthnicCode,
    cast(null as varchar) as Actor1Religion1Code,
    cast(null as varchar) as Actor1Religion2Code,
    sa.role_code as Actor1Type1Code,
    cast(null as varchar) as Actor1Type2Code,
    cast(null as varchar) as Actor1Type3Code,
    ta.actor_code as Actor2Code,
    upper(regexp_replace(ta.name, '[\t\r\n]+', ' ', 'g')) as Actor2Name,
    ta.country_code as Actor2CountryCode,
    cast(null as varchar) as Actor2KnownGroupCode,
    cast(null as varchar) as Actor2EthnicCode,
    cast(null as varchar) as Actor2Religion1Code,
    cast(null as varchar) as Actor2Religion2Code,
    ta.role_code as Actor2Type1Code,
    cast(null as varchar) as Actor2Type2Code,
    cast(null as varchar) as Actor2Type3Code,
    case when strpos(left(a.text, f.sentence_start), chr(10) || chr(10)) = 0 then 1 else 0 end as IsRootEvent,
    t.cameo_code as EventCode,
    left(t.cameo_code, 3) as EventBaseCode,
    t.root_code as EventRootCode,
    f.quad_class as QuadClass,
    f.goldstein as GoldsteinScale,
    f.num_mentions as NumMentions,
    f.num_sources as NumSources,
    f.num_articles as NumArticles,
    round(coalesce(tn.avg_tone, a.tone), 4) as AvgTone,
    cast(null as integer) as Actor1Geo_Type,
    cast(null as varchar) as Actor1Geo_FullName,
    cast(null as varchar) as Actor1Geo_CountryCode,
    cast(null as varchar) as Actor1Geo_ADM1Code,
    cast(null as varchar) as Actor1Geo_ADM2Code,
    cast(null as double) as Actor1Geo_Lat,
    cast(null as double) as Actor1Geo_Long,
    cast(null as varchar) as Actor1Geo_FeatureID,
    cast(null as integer) as Actor2Geo_Type,
    cast(null as varchar) as Actor2Geo_FullName,
    cast(null as varchar) as Actor2Geo_CountryCode,
    cast(null as varchar) as Actor2Geo_ADM1Code,
    cast(null as varchar) as Actor2Geo_ADM2Code,
    cast(null as double) as Actor2Geo_Lat,
    cast(null as double) as Actor2Geo_Long,
    cast(null as varchar) as Actor2Geo_FeatureID,
    g.geo_type as ActionGeo_Type,
    regexp_replace(g.full_name, '[\t\r\n]+', ' ', 'g') as ActionGeo_FullName,
    g.fips as ActionGeo_CountryCode,
    g.adm1 as ActionGeo_ADM1Code,
    cast(null as varchar) as ActionGeo_ADM2Code,
    g.lat as ActionGeo_Lat,
    g.lon as ActionGeo_Long,
    g.feature_id as ActionGeo_FeatureID,
    cast(strftime(f.first_seen_at, '%Y%m%d%H%M%S') as bigint) as DATEADDED,
    regexp_replace(a.canonical_url, '[\t\r\n]+', '', 'g') as SOURCEURL
from fact_event as f
join dim_event_type as t using (event_type_key)
join dim_article as a on a.article_key = f.article_key
left join dim_actor as sa on sa.actor_key = f.source_actor_key
left join dim_actor as ta on ta.actor_key = f.target_actor_key
left join geo as g on g.place_key = f.place_key
left join article_tone as tn on tn.event_key = f.event_key
where f.political and ($since is null or f.event_date >= cast($since as date))
order by f.event_key
