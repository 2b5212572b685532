-- What the batch's articles name now (the rows 07_fact_mentions.sql inserted, read from the staged
-- mentions with the same joins), added to what 05_source_place_prior_retract.sql took off; the
-- outlets' rows change by the difference. A row no article counts any more goes.
insert into stg_prior_change
with mention as (
    select s.domain, d.article_key, p.country_code, p.admin1, p.feature_kind
    from stg_place_mention as m
    join dim_article as d using (article_id)
    join dim_place as p using (gazetteer_id)
    join dim_source as s on s.source_key = d.source_key
),

levels as (
    select domain, article_key, 'outlet' as level, '' as country_code, '' as admin1 from mention
    union all
    select domain, article_key, 'country', country_code, '' from mention where country_code is not null
    union all
    select domain, article_key, 'admin1', country_code, admin1 from mention
    where country_code is not null and admin1 is not null and feature_kind <> 'country'
)

select domain, level, country_code, admin1, count(distinct article_key), count(*)
from levels
group by domain, level, country_code, admin1;

create or replace temp table stg_prior_net as
select domain, level, country_code, admin1, sum(articles) as articles, sum(mentions) as mentions
from stg_prior_change
group by domain, level, country_code, admin1
having sum(articles) <> 0 or sum(mentions) <> 0;

insert into source_place_prior (domain, level, country_code, admin1, articles, mentions, updated_at)
select domain, level, country_code, admin1, articles, mentions, now()::timestamp
from stg_prior_net
on conflict (domain, level, country_code, admin1) do update
set articles = source_place_prior.articles + excluded.articles,
    mentions = source_place_prior.mentions + excluded.mentions,
    updated_at = excluded.updated_at;

delete from source_place_prior as t
using stg_prior_net as n
where t.domain = n.domain and t.level = n.level and t.country_code = n.country_code and t.admin1 = n.admin1
  and t.articles <= 0;

drop table stg_prior_net;
drop table stg_prior_change;
