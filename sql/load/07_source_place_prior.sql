-- What the batch's articles name now (stg_prior_mention, from 05_source_place_prior_retract.sql,
-- read again after 07_fact_mentions.sql stored their mentions), added to what the retract took off;
-- the outlets' rows change by the difference. A row no article counts any more goes.
insert into stg_prior_change
select domain, level, country_code, admin1, count(distinct article_key), count(*)
from stg_prior_mention
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
drop view stg_prior_mention;
