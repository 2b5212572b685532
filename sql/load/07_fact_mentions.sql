-- The batch's mentions (06 removed the old ones of its articles). The staged rows hold one row per
-- article, offset and actor or place (load.py keeps the first by end_char when the stage reported
-- one twice), so each table keeps one row per (article_key, start_char, actor_key / place_key)
-- without a unique index. Keys come from the sequences in one block each (00_key_blocks.sql).
insert into stg_key_block
select * from stg_draw_keys('fact_actor_mention', 'seq_actor_mention_key', 'stg_actor_mention');

insert into fact_actor_mention (actor_mention_key, article_key, actor_key, mention_text, start_char, end_char, run_id)
select (select first_key - first_row from stg_key_block where table_name = 'fact_actor_mention') + m.stg_row,
       d.article_key, x.actor_key, m.mention_text, m.start_char, m.end_char, $run_id
from stg_actor_mention as m
join stg_batch_article as d using (article_id)
join dim_actor as x using (actor_code);

insert into stg_key_block
select * from stg_draw_keys('fact_place_mention', 'seq_place_mention_key', 'stg_place_mention');

insert into fact_place_mention (place_mention_key, article_key, place_key, mention_text, start_char, end_char, run_id)
select (select first_key - first_row from stg_key_block where table_name = 'fact_place_mention') + m.stg_row,
       d.article_key, p.place_key, m.mention_text, m.start_char, m.end_char, $run_id
from stg_place_mention as m
join stg_batch_article as d using (article_id)
join dim_place as p using (gazetteer_id);
