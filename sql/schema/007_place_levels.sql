-- Places keep their level: the GeoNames feature class and the first- and second-level divisions
-- they lie in, so events roll up by province, state or county (sql/queries/events_by_admin1.sql).

alter table dim_place add column if not exists feature_class varchar;
alter table dim_place add column if not exists admin2 varchar;
alter table dim_place add column if not exists admin1_name varchar;

update dim_place
set feature_class = case feature_kind
        when 'city' then 'P'
        when 'country' then 'A'
        when 'admin1' then 'A'
        when 'admin2' then 'A'
        else 'L'
    end
where feature_class is null;

comment on column dim_place.feature_kind is 'country, admin1 (first-level division), admin2 (second-level division: county, parish, district), city (town) or region.';
comment on column dim_place.feature_class is 'GeoNames feature class: A (country or division), P (populated place), L (region or continent).';
comment on column dim_place.admin1 is 'GeoNames code of the first-level division the place lies in (KY, 01); for a first-level division its own code.';
comment on column dim_place.admin2 is 'GeoNames code of the second-level division the place lies in (125), where known.';
comment on column dim_place.admin1_name is 'Name of the first-level division (Kentucky, Al Anbar).';
