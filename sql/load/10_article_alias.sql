-- Pages loaded as another article (stg_article_alias: url, article_id, reason): their URLs point at
-- that article, in this batch or stored before. A URL already known keeps its first article.
insert into dim_article_alias (url, article_key, reason, first_seen_at, run_id)
select s.url, d.article_key, s.reason, now()::timestamp, $run_id
from stg_article_alias as s
join dim_article as d on d.article_id = s.article_id
on conflict (url) do nothing;
