-- Gazetteer entries of the batch that dim_place does not hold yet (from place mentions and event
-- places).
with places as (
    select gazetteer_id, geonames_id, name, feature_kind, country_code, admin1, lat, lon from stg_place_mention
    union all
    select place_gazetteer_id, place_geonames_id, place_name, place_feature_kind, place_country_code,
           place_admin1, place_lat, place_lon
    from stg_event where place_gazetteer_id is not null
)
insert into dim_place (gazetteer_id, geonames_id, name, feature_kind, country_code, admin1, lat, lon)
select gazetteer_id, max(geonames_id), max(name), max(feature_kind), max(country_code), max(admin1), max(lat), max(lon)
from places
anti join dim_place using (gazetteer_id)
group by gazetteer_id
on conflict (gazetteer_id) do nothing;
