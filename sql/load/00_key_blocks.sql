-- Surrogate keys of the big tables come from their sequences one block per batch: load.py numbers
-- the rows of every staged table (stg_row, from 0), a block of consecutive keys is drawn for the
-- rows to insert, and the row numbered stg_row gets first_key + stg_row - first_row. (An insert
-- that calls nextval() for each row runs on one thread; drawing the block is one cheap pass.)
-- A block may hold keys no row takes (a staged row that is not new): keys stay unique, not dense.
create or replace temp table stg_key_block (
    table_name varchar not null,
    first_row  bigint,
    first_key  bigint,
    keys       bigint not null,
    span       bigint
);

-- The block for the rows of staged (a staged table or view: its stg_row from the smallest to the
-- largest; none when it is empty), drawn from sequence seq.
create or replace temp macro stg_draw_keys(table_name, seq, staged) as table
with span as materialized (select min(stg_row) as lo, max(stg_row) as hi from query_table(staged))
select table_name as table_name, (select lo from span) as first_row, min(k) as first_key,
       count(*) as keys, max(k) - min(k) + 1 as span
from (select nextval(seq) as k from range((select coalesce(hi - lo + 1, 0) from span)));
