-- Every day an article or event of the batch refers to.
with days as (
    select distinct cast(published_at as date) as full_date from stg_article where published_at is not null
    union
    select distinct event_date from stg_event where event_date is not null
)
insert into dim_date
select
    cast(strftime(full_date, '%Y%m%d') as integer) as date_key,
    full_date,
    year(full_date),
    quarter(full_date),
    month(full_date),
    day(full_date),
    weekofyear(full_date),
    dayname(full_date)
from days
on conflict do nothing;
