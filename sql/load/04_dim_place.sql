-- Gazetteer entries of the batch that dim_place does not hold yet (from place mentions and event
-- places), with their level (feature class, first- and second-level divisions); rows loaded before
-- the level was kept gain it when a batch mentions them again.
create or replace temp table stg_place_batch as
with places as (
    select gazetteer_id, geonames_id, name, feature_kind, country_code, admin1, lat, lon,
           feature_class, admin2, admin1_name
    from stg_place_mention
    union all
    select place_gazetteer_id, place_geonames_id, place_name, place_feature_kind, place_country_code,
           place_admin1, place_lat, place_lon, place_feature_class, place_admin2, place_admin1_name
    from stg_event where place_gazetteer_id is not null
)
select gazetteer_id, max(geonames_id) as geonames_id, max(name) as name, max(feature_kind) as feature_kind,
       max(country_code) as country_code, max(admin1) as admin1, max(lat) as lat, max(lon) as lon,
       max(feature_class) as feature_class, max(admin2) as admin2, max(admin1_name) as admin1_name
from places
group by gazetteer_id;

update dim_place as d
set feature_class = b.feature_class, admin2 = b.admin2, admin1_name = b.admin1_name
from stg_place_batch as b
where d.gazetteer_id = b.gazetteer_id and d.admin1_name is null and b.admin1_name is not null;

insert into dim_place (gazetteer_id, geonames_id, name, feature_kind, country_code, admin1, lat, lon,
                       feature_class, admin2, admin1_name)
select gazetteer_id, geonames_id, name, feature_kind, country_code, admin1, lat, lon,
       feature_class, admin2, admin1_name
from stg_place_batch
anti join dim_place using (gazetteer_id)
on conflict (gazetteer_id) do nothing;
