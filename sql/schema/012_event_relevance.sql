-- Relevance of coded events. Stories and sentences that are not about political interaction
-- (sports, business, crime, commentary, quotations ...) still have their events coded and stored,
-- but flagged with the reason (wirehouse.enrich.relevance.FLAGS); the analytics views, the named
-- queries, the GDELT export and the report show political events only. Events loaded before this
-- migration were kept by the earlier rules only when political, so they stay political.

alter table fact_event_mention add column political boolean not null default true;
alter table fact_event_mention add column flag_reason varchar;
comment on column fact_event_mention.political is 'False when this report is not a political event (a sports story, a quotation ...): left out of the analytics views.';
comment on column fact_event_mention.flag_reason is 'Why the report is not political (sports, business, commentary, quotation, non-political-actor ...); null when political.';

alter table fact_event add column political boolean not null default true;
alter table fact_event add column flag_reason varchar;
comment on column fact_event.political is 'True when any report of the event is a political event; only these are in v_event, the named queries, the GDELT export and the report. v_event_all shows all.';
comment on column fact_event.flag_reason is 'Why no report of the event is political (the first report''s reason); null when political.';
