-- Site templates learned over the crawl (wirehouse.clean.template): per domain, on how many
-- pages each text block (a hash of its DOM path and normalised text) was seen. A block seen on
-- 3 pages or more of a domain is template and is dropped from that domain's articles.
-- Grain: one row per (domain, block_key). Rows are only ever added to or counted up.

create table template_block (
    domain      varchar not null,
    block_key   bigint not null,
    pages       integer not null,
    updated_at  timestamp not null,
    primary key (domain, block_key)
);
