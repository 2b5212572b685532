-- Question: what did each outlet contribute: articles, duplicates, events?
-- Grain: one row per outlet (dim_source).
-- Parameters: none.
with articles as (
    select
        source_key,
        count(*) as articles,
        count(*) filter (where duplicate_of_key is not null) as duplicates,
        min(published_at) as first_published,
        max(published_at) as last_published
    from dim_article
    group by source_key
),
mentions as (
    select a.source_key, count(*) as event_mentions
    from fact_event_mention as m
    join dim_article as a using (article_key)
    where m.political
    group by a.source_key
)
select
    s.domain,
    coalesce(a.articles, 0) as articles,
    coalesce(a.duplicates, 0) as duplicates,
    coalesce(m.event_mentions, 0) as event_mentions,
    cast(a.first_published as date) as first_published,
    cast(a.last_published as date) as last_published
from dim_source as s
left join articles as a using (source_key)
left join mentions as m using (source_key)
order by articles desc, s.domain;
