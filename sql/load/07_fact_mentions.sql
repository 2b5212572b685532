-- The batch's mentions (06 removed the old ones of its articles): one row per article, offset
-- and actor or place, even if the stage reported one twice.
insert into fact_actor_mention (article_key, actor_key, mention_text, start_char, end_char, run_id)
select d.article_key, x.actor_key, m.mention_text, m.start_char, m.end_char, $run_id
from stg_actor_mention as m
join dim_article as d using (article_id)
join dim_actor as x using (actor_code)
qualify row_number() over (partition by d.article_key, m.start_char, x.actor_key order by m.end_char) = 1;

insert into fact_place_mention (article_key, place_key, mention_text, start_char, end_char, run_id)
select d.article_key, p.place_key, m.mention_text, m.start_char, m.end_char, $run_id
from stg_place_mention as m
join dim_article as d using (article_id)
join dim_place as p using (gazetteer_id)
qualify row_number() over (partition by d.article_key, m.start_char, p.place_key order by m.end_char) = 1;
