-- The data dictionary: one row per column of the warehouse's tables and views, with its type and
-- the comment that explains it (DuckDB's DESCRIBE does not print comments). Example:
--   select column_name, data_type, comment from v_dictionary where table_name = 'v_event';
create or replace view v_dictionary as
select
    c.table_name,
    case when v.view_name is not null then 'view' else 'table' end as kind,
    coalesce(v.comment, t.comment) as table_comment,
    c.column_index,
    c.column_name,
    c.data_type,
    c.comment
from duckdb_columns() as c
left join duckdb_tables() as t
    on t.database_name = c.database_name and t.schema_name = c.schema_name and t.table_name = c.table_name
left join duckdb_views() as v
    on v.database_name = c.database_name and v.schema_name = c.schema_name and v.view_name = c.table_name
where c.database_name = current_database() and c.schema_name = 'main'
  and (c.table_name like 'dim\_%' escape '\' or c.table_name like 'fact\_%' escape '\'
       or c.table_name like 'v\_%' escape '\'
       or c.table_name in ('pipeline_run', 'dq_result', 'quarantine', 'crawl_frontier', 'schema_version'));

comment on view v_dictionary is 'One row per column of the warehouse''s tables and views: type and explaining comment.';
comment on column v_dictionary.table_name is 'Table or view.';
comment on column v_dictionary.kind is 'table or view.';
comment on column v_dictionary.table_comment is 'What one row of the table or view is.';
comment on column v_dictionary.column_index is 'Position of the column (1 = first).';
comment on column v_dictionary.column_name is 'Column name.';
comment on column v_dictionary.data_type is 'DuckDB type of the column.';
comment on column v_dictionary.comment is 'What the column holds; null where the name says it all.';
