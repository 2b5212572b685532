insert into fact_actor_mention (article_key, actor_key, mention_text, start_char, end_char, run_id)
select d.article_key, x.actor_key, m.mention_text, m.start_char, m.end_char, $run_id
from stg_actor_mention as m
join dim_article as d using (article_id)
join dim_actor as x using (actor_code)
on conflict do nothing;

insert into fact_place_mention (article_key, place_key, mention_text, start_char, end_char, run_id)
select d.article_key, p.place_key, m.mention_text, m.start_char, m.end_char, $run_id
from stg_place_mention as m
join dim_article as d using (article_id)
join dim_place as p using (gazetteer_id)
on conflict do nothing;
