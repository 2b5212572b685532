-- GDELT 2.0 mentions table (16 columns, the published names and order) from the warehouse.
-- Grain: one row per fact_event_mention of a political event (every report of it, so that
-- NumMentions of the events table counts these rows). Parameters: $since (date or null: mentions of events on
-- or after it). Filled: event id, times, type (1 = web), source, URL, actor and action offsets
-- (the stored evidence of the report: the mention each actor was read from and the predicate, in
-- the article text; for reports loaded before schema 013, the first mention of each actor inside
-- the sentence and no action offset), InRawText (always 1), confidence, document length and tone.
-- Empty (documented gaps): SentenceID, MentionDocTranslationInfo, Extras.
with actor_offsets as (
    select
        m.event_mention_key,
        min(am.start_char) filter (where am.actor_key = f.source_actor_key) as actor1_offset,
        min(am.start_char) filter (where am.actor_key = f.target_actor_key) as actor2_offset
    from fact_event_mention as m
    join fact_event as f using (event_key)
    join fact_actor_mention as am
      on am.article_key = m.article_key
     and am.start_char >= m.sentence_start
     and am.start_char < m.sentence_end
     and am.actor_key in (f.source_actor_key, f.target_actor_key)
    where m.verb_start is null  -- a report loaded before schema 013
    group by m.event_mention_key
)
select
    m.event_key as GLOBALEVENTID,
    cast(strftime(f.first_seen_at, '%Y%m%d%H%M%S') as bigint) as EventTimeDate,
    cast(strftime(coalesce(a.fetched_at, a.loaded_at), '%Y%m%d%H%M%S') as bigint) as MentionTimeDate,
    1 as MentionType,
    s.domain as MentionSourceName,
    regexp_replace(a.canonical_url, '[\t\r\n]+', '', 'g') as MentionIdentifier,
    cast(null as integer) as SentenceID,
    coalesce(m.source_start, o.actor1_offset) as Actor1CharOffset,
    coalesce(m.target_start, o.actor2_offset) as Actor2CharOffset,
    m.verb_start as ActionCharOffset,
    1 as InRawText,
    cast(round(m.confidence * 100) as integer) as Confidence,
    a.text_chars as MentionDocLen,
    round(a.tone, 4) as MentionDocTone,
    cast(null as varchar) as MentionDocTranslationInfo,
    cast(null as varchar) as Extras
from fact_event_mention as m
join fact_event as f using (event_key)
join dim_article as a on a.article_key = m.article_key
join dim_source as s on s.source_key = a.source_key
left join actor_offsets as o using (event_mention_key)
where f.political and ($since is null or f.event_date >= cast($since as date))
order by m.event_key, m.article_key, m.sentence_start
