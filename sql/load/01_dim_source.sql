-- Outlets of the batch: new domains get a key, known ones keep theirs.
insert into dim_source (domain, site_name, first_seen_at)
select domain, max(site_name), now()::timestamp
from stg_article
group by domain
on conflict (domain) do update set site_name = coalesce(excluded.site_name, dim_source.site_name);
