-- One row per event with its codes, labels, actors, place and evidence spelled out: the view most
-- analytics start from. The evidence is the sentence and, inside the article text, the words of the
-- predicate and of each actor's mention (verb_text, source_text, target_text: the text at the
-- stored offsets, sql/schema/013_event_evidence.sql). v_event holds political events only;
-- v_event_all holds every coded event, with the reason a flagged one is left out (a sports story, a
-- quotation, no political actor ...).
create or replace view v_event_all as
select
    f.event_key,
    f.event_id,
    f.event_date,
    sa.actor_code as source_actor,
    sa.country_code as source_country,
    ta.actor_code as target_actor,
    ta.country_code as target_country,
    t.cameo_code,
    t.root_code,
    t.label as event_label,
    f.quad_class,
    f.goldstein,
    p.name as place_name,
    p.country_code as place_country,
    p.lat,
    p.lon,
    f.num_mentions,
    f.num_articles,
    f.num_sources,
    f.confidence,
    f.tone,
    f.sentence,
    f.sentence_start,
    f.sentence_end,
    substring(a.text, f.verb_start + 1, f.verb_end - f.verb_start) as verb_text,
    substring(a.text, f.source_start + 1, f.source_end - f.source_start) as source_text,
    substring(a.text, f.target_start + 1, f.target_end - f.target_start) as target_text,
    f.verb_start,
    f.verb_end,
    f.source_start,
    f.source_end,
    f.target_start,
    f.target_end,
    a.canonical_url as article_url,
    s.domain as source_domain,
    f.political,
    f.flag_reason
from fact_event as f
join dim_event_type as t using (event_type_key)
join dim_article as a on a.article_key = f.article_key
join dim_source as s on s.source_key = a.source_key
left join dim_actor as sa on sa.actor_key = f.source_actor_key
left join dim_actor as ta on ta.actor_key = f.target_actor_key
left join dim_place as p on p.place_key = f.place_key;

create or replace view v_event as
select * exclude (political, flag_reason)
from v_event_all
where political;

-- What `select column_name, data_type, comment from duckdb_columns() where table_name = 'v_event'`
-- (or `from v_dictionary where table_name = 'v_event'`) explains. Re-applied with the view.
comment on view v_event is 'One row per distinct political event (fact_event) with codes, labels, actors, place and evidence spelled out: start analytics here. Flagged events (not political) are in v_event_all.';
comment on column v_event.event_key is 'Surrogate key of the event (fact_event.event_key).';
comment on column v_event.event_id is 'Stable hash of event date, source and target actor codes, CAMEO code and place: the same event reported twice has one id.';
comment on column v_event.event_date is 'Day the event happened as the text dates it (else the article''s publication day); null when unknown.';
comment on column v_event.source_actor is 'CAMEO-style code of the actor who acts (IRQMIL, IGOUNO); null when the sentence names none.';
comment on column v_event.source_country is 'ISO-3 (or CAMEO region/IGO) part of source_actor.';
comment on column v_event.target_actor is 'CAMEO-style code of the actor acted upon; null when there is none.';
comment on column v_event.target_country is 'ISO-3 (or CAMEO region/IGO) part of target_actor.';
comment on column v_event.cameo_code is 'CAMEO event code, 2 to 4 digits (0231, 190).';
comment on column v_event.root_code is 'First two digits of cameo_code: the event family (19 = fight).';
comment on column v_event.event_label is 'Label of cameo_code from the CAMEO codebook.';
comment on column v_event.quad_class is 'QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.';
comment on column v_event.goldstein is 'Goldstein scale of the event type, from -10 (most hostile) to +10 (most cooperative).';
comment on column v_event.place_name is 'Where the event happened (gazetteer name); null when the article places it nowhere.';
comment on column v_event.place_country is 'ISO-3 code of the country of the place.';
comment on column v_event.lat is 'Latitude of the place in degrees (WGS84).';
comment on column v_event.lon is 'Longitude of the place in degrees (WGS84).';
comment on column v_event.num_mentions is 'Sentences that reported the event, over all articles (fact_event_mention rows).';
comment on column v_event.num_articles is 'Articles that reported the event.';
comment on column v_event.num_sources is 'Outlets that reported the event.';
comment on column v_event.confidence is 'Coder confidence from 0 to 1.';
comment on column v_event.tone is 'Tone of the reporting sentence from -100 (negative) to +100 (positive).';
comment on column v_event.sentence is 'The evidence: the sentence of the first article that reported the event (a report that makes it political, when it has one).';
comment on column v_event.sentence_start is 'Offset of sentence in dim_article.text of that article (Python string offsets).';
comment on column v_event.sentence_end is 'End offset of sentence: text[sentence_start:sentence_end] == sentence.';
comment on column v_event.verb_text is 'The predicate''s words in the article: text[verb_start:verb_end] ("shelled", "called for"); null for events loaded before schema 013.';
comment on column v_event.source_text is 'The words the source actor was read from: text[source_start:source_end]. For an actor resolved from context ("He", a short name, "both sides") the earlier mention it stands for, which may be in another sentence.';
comment on column v_event.target_text is 'The words the target actor was read from: text[target_start:target_end] (as source_text).';
comment on column v_event.verb_start is 'Offset of the predicate in dim_article.text of the article (Python string offsets, like sentence_start); inside the sentence.';
comment on column v_event.verb_end is 'End offset of the predicate.';
comment on column v_event.source_start is 'Offset in dim_article.text of the source actor''s mention (may lie before the sentence for an actor resolved from context); null when there is no source.';
comment on column v_event.source_end is 'End offset of the source actor''s mention.';
comment on column v_event.target_start is 'Offset in dim_article.text of the target actor''s mention; null when there is no target.';
comment on column v_event.target_end is 'End offset of the target actor''s mention.';
comment on column v_event.article_url is 'Canonical URL of the article the evidence comes from (dim_article.canonical_url).';
comment on column v_event.source_domain is 'Outlet of that article (dim_source.domain).';

comment on view v_event_all is 'Every coded event, political or flagged: the columns of v_event plus political and flag_reason. Flagged events are left out of v_event, the named queries, the GDELT export and the report.';
comment on column v_event_all.event_key is 'Surrogate key of the event (fact_event.event_key).';
comment on column v_event_all.event_id is 'Stable hash of event date, source and target actor codes, CAMEO code and place: the same event reported twice has one id.';
comment on column v_event_all.event_date is 'Day the event happened as the text dates it (else the article''s publication day); null when unknown.';
comment on column v_event_all.source_actor is 'CAMEO-style code of the actor who acts (IRQMIL, IGOUNO); null when the sentence names none.';
comment on column v_event_all.source_country is 'ISO-3 (or CAMEO region/IGO) part of source_actor.';
comment on column v_event_all.target_actor is 'CAMEO-style code of the actor acted upon; null when there is none.';
comment on column v_event_all.target_country is 'ISO-3 (or CAMEO region/IGO) part of target_actor.';
comment on column v_event_all.cameo_code is 'CAMEO event code, 2 to 4 digits (0231, 190).';
comment on column v_event_all.root_code is 'First two digits of cameo_code: the event family (19 = fight).';
comment on column v_event_all.event_label is 'Label of cameo_code from the CAMEO codebook.';
comment on column v_event_all.quad_class is 'QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.';
comment on column v_event_all.goldstein is 'Goldstein scale of the event type, from -10 (most hostile) to +10 (most cooperative).';
comment on column v_event_all.place_name is 'Where the event happened (gazetteer name); null when the article places it nowhere.';
comment on column v_event_all.place_country is 'ISO-3 code of the country of the place.';
comment on column v_event_all.lat is 'Latitude of the place in degrees (WGS84).';
comment on column v_event_all.lon is 'Longitude of the place in degrees (WGS84).';
comment on column v_event_all.num_mentions is 'Sentences that reported the event, over all articles (fact_event_mention rows).';
comment on column v_event_all.num_articles is 'Articles that reported the event.';
comment on column v_event_all.num_sources is 'Outlets that reported the event.';
comment on column v_event_all.confidence is 'Coder confidence from 0 to 1.';
comment on column v_event_all.tone is 'Tone of the reporting sentence from -100 (negative) to +100 (positive).';
comment on column v_event_all.sentence is 'The evidence: the sentence of the first article that reported the event.';
comment on column v_event_all.sentence_start is 'Offset of sentence in dim_article.text of that article (Python string offsets).';
comment on column v_event_all.sentence_end is 'End offset of sentence: text[sentence_start:sentence_end] == sentence.';
comment on column v_event_all.verb_text is 'The predicate''s words in the article: text[verb_start:verb_end] ("shelled", "called for"); null for events loaded before schema 013.';
comment on column v_event_all.source_text is 'The words the source actor was read from: text[source_start:source_end]. For an actor resolved from context ("He", a short name, "both sides") the earlier mention it stands for, which may be in another sentence.';
comment on column v_event_all.target_text is 'The words the target actor was read from: text[target_start:target_end] (as source_text).';
comment on column v_event_all.verb_start is 'Offset of the predicate in dim_article.text of the article (Python string offsets, like sentence_start); inside the sentence.';
comment on column v_event_all.verb_end is 'End offset of the predicate.';
comment on column v_event_all.source_start is 'Offset in dim_article.text of the source actor''s mention (may lie before the sentence for an actor resolved from context); null when there is no source.';
comment on column v_event_all.source_end is 'End offset of the source actor''s mention.';
comment on column v_event_all.target_start is 'Offset in dim_article.text of the target actor''s mention; null when there is no target.';
comment on column v_event_all.target_end is 'End offset of the target actor''s mention.';
comment on column v_event_all.article_url is 'Canonical URL of the article the evidence comes from (dim_article.canonical_url).';
comment on column v_event_all.source_domain is 'Outlet of that article (dim_source.domain).';
comment on column v_event_all.political is 'True for a political event (in v_event); false for a flagged one.';
comment on column v_event_all.flag_reason is 'Why a flagged event is left out, one of wirehouse.enrich.relevance.FLAGS: the story (sports, business, opinion, election-contest, little-politics ...), the sentence (quotation, not-news, speculation, headline ...) or the actors (no-source, no-target, non-political-actor, crime ...); null when political. Counts per reason: wirehouse query flagged_events.';
