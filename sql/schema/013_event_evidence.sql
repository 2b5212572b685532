-- Evidence offsets of every event: the predicate ("shelled") and the mention each actor was read
-- from ("Iraqi forces", "Islamic State"). Offsets are Python string offsets into dim_article.text of
-- the report's article, like sentence_start and fact_actor_mention.start_char:
-- text[verb_start:verb_end] is the verb. The verb lies inside the sentence; an actor taken from
-- context ("He said ...", a short name such as "Zarif", "both sides") points at the earlier
-- mention it resolved to, which may lie in another sentence of the same article. Null when there
-- is none (no target, no source) and for events loaded before this migration (their evidence is the
-- sentence only; loading the article again fills them).

alter table fact_event add column verb_start integer;
alter table fact_event add column verb_end integer;
alter table fact_event add column source_start integer;
alter table fact_event add column source_end integer;
alter table fact_event add column target_start integer;
alter table fact_event add column target_end integer;
comment on column fact_event.verb_start is 'Offset of the predicate in dim_article.text of article_key (inside the sentence); null for events loaded before 013.';
comment on column fact_event.verb_end is 'End offset of the predicate: text[verb_start:verb_end] is the verb.';
comment on column fact_event.source_start is 'Offset in dim_article.text of the mention the source actor was read from (for an actor resolved from context, the earlier mention: may lie outside the sentence); null when there is no source.';
comment on column fact_event.source_end is 'End offset of the source actor''s mention.';
comment on column fact_event.target_start is 'Offset in dim_article.text of the mention the target actor was read from (as source_start); null when there is no target.';
comment on column fact_event.target_end is 'End offset of the target actor''s mention.';

alter table fact_event_mention add column verb_start integer;
alter table fact_event_mention add column verb_end integer;
alter table fact_event_mention add column source_start integer;
alter table fact_event_mention add column source_end integer;
alter table fact_event_mention add column target_start integer;
alter table fact_event_mention add column target_end integer;
comment on column fact_event_mention.verb_start is 'Offset of the predicate of this report in dim_article.text of article_key; null for reports loaded before 013.';
comment on column fact_event_mention.verb_end is 'End offset of the predicate.';
comment on column fact_event_mention.source_start is 'Offset in dim_article.text of the mention the source actor was read from (for an actor resolved from context, the earlier mention); null when there is no source.';
comment on column fact_event_mention.source_end is 'End offset of the source actor''s mention.';
comment on column fact_event_mention.target_start is 'Offset in dim_article.text of the mention the target actor was read from; null when there is no target.';
comment on column fact_event_mention.target_end is 'End offset of the target actor''s mention.';
