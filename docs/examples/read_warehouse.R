# Read the wirehouse warehouse from R, read-only, into a data frame.
#
#   Rscript docs/examples/read_warehouse.R [DB] [--snapshot]
#
# Needs the CRAN packages DBI and duckdb, at a duckdb version that reads the warehouse's storage
# format (the same major version as the Python duckdb in requirements.lock).
# Without --snapshot the file is opened read-only, which works whenever no load is running; while
# a load runs, read a private copy instead (--snapshot): it holds every batch finished before the
# copy, and the warehouse is left untouched.

library(DBI)

args <- commandArgs(trailingOnly = TRUE)
snapshot <- "--snapshot" %in% args
db <- setdiff(args, "--snapshot")
db <- if (length(db) > 0) db[[1]] else "data/wirehouse.duckdb"

if (snapshot) {
  folder <- tempfile("warehouse-copy-")
  dir.create(folder)
  copy <- file.path(folder, basename(db))
  file.copy(db, copy)  # the .wal file is left behind: the copy is the last checkpoint
  db <- copy
}

con <- dbConnect(duckdb::duckdb(), dbdir = db, read_only = TRUE)

# what each column of the analysts' view means
print(dbGetQuery(con, "select column_name, data_type, comment from v_dictionary
                       where table_name = 'v_event' order by column_index"))

# parameters, never strings pasted into SQL
events <- dbGetQuery(con, "select event_date, source_actor, cameo_code, event_label, target_actor,
                                  quad_class, goldstein, place_name, sentence, article_url
                           from v_event
                           where ? in (place_country, source_country, target_country)
                           order by event_date desc",
                     params = list("IRQ"))
print(table(events$quad_class))
print(head(events[, c("event_date", "source_actor", "event_label", "target_actor", "place_name")]))

dbDisconnect(con, shutdown = TRUE)
if (snapshot) unlink(folder, recursive = TRUE)
