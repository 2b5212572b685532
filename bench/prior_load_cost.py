"""What keeping the outlets' place priors costs a load: synthetic batches loaded into two new
warehouses side by side, one with every load step, one without the two prior steps
(sql/load/05_source_place_prior_retract.sql, 07_source_place_prior.sql), batch after batch as
the warehouses grow; then the first batch loaded again (a reload: its articles' contributions are
taken off and added back).

    python bench/prior_load_cost.py [--batches 20] [--events 5000]

Prints the CPU and wall time of each warehouse's loads and their ratio, and the time of the
per-batch read of the priors (sql/enrich/outlet_priors.sql) for the batch's outlets.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from wirehouse.warehouse import load
from wirehouse.warehouse.db import connect
from wirehouse.warehouse.load import load_batch
from wirehouse.warehouse.priors import outlet_priors
from wirehouse.warehouse.schema import apply_schema
from wirehouse.warehouse.synthetic import synthetic_batch


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, default=20)
    ap.add_argument("--events", type=int, default=5000, help="events per batch (one place mention each)")
    args = ap.parse_args()
    every = load._load_statements()
    without = [s for s in every if "source_place_prior" not in s[0]]
    with tempfile.TemporaryDirectory() as folder:
        cons = {name: connect(Path(folder) / f"{name}.duckdb") for name in ("with", "without")}
        statements = {"with": every, "without": without}
        for con in cons.values():
            apply_schema(con)
        spent = {name: [0.0, 0.0] for name in cons}
        last = {}
        batches = [synthetic_batch(args.events, tag=f"b{n}", seed=n) for n in range(args.batches)]
        for n, batch in enumerate(batches + batches[:1]):
            for name in (("with", "without") if n % 2 else ("without", "with")):
                load._load_statements = lambda s=statements[name]: s
                wall, cpu = timed(lambda: load_batch(cons[name], batch, f"run-{n}"))
                spent[name][0] += wall
                spent[name][1] += cpu
                last[name] = (wall, cpu)
        load._load_statements = lambda: every
        domains = batches[0].articles.column("domain").to_pylist()
        read_wall, read_cpu = timed(lambda: outlet_priors(cons["with"], domains))
        rows = cons["with"].execute("select count(*) from source_place_prior").fetchall()[0][0]
        mentions = cons["with"].execute("select count(*) from fact_place_mention").fetchall()[0][0]
        for con in cons.values():
            con.close()
    print(f"{args.batches} batches of {args.events} events + the first again; {mentions} stored place mentions, "
          f"{rows} prior rows")
    for name in ("without", "with"):
        wall, cpu = spent[name]
        print(f"  {name:7s} prior steps: wall {wall:.2f} s, CPU {cpu:.2f} s; the reload: wall {last[name][0]:.3f} s")
    print(f"  ratio with / without: wall {spent['with'][0] / spent['without'][0]:.3f}, "
          f"CPU {spent['with'][1] / spent['without'][1]:.3f}")
    print(f"  reading the priors of a batch's {len(set(domains))} outlets: wall {read_wall * 1000:.1f} ms, "
          f"CPU {read_cpu * 1000:.1f} ms")


if __name__ == "__main__":
    main()
