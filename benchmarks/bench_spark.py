"""Throughput of aeronorm.spark: local[1] and local[2] against plain ``normalize_many``.

Run from the repository root (needs the ``spark`` extra and Java 17+)::

    python benchmarks/bench_spark.py [--rows 1000000] [--distinct 10000] [--partitions 8]
    python benchmarks/bench_spark.py --masters ""     # plain normalize_many only, no Spark
    python benchmarks/bench_spark.py --startup-entities 0   # without the worker start-up part

Results are also written as JSON to ``benchmarks/results/spark.json`` (``--out``).

All three resolve the same column: ``--rows`` values drawn (Zipf-like: a few values are very
common, most are rare) from ``--distinct`` distinct ones, built from the shipped glossary the
way real columns vary (canonical names, aliases, abbreviations, Chinese names, case and spacing
changes, a dropped letter, company suffixes) plus made-up unknown names and a few missing values.

- plain: ``Normalizer.normalize_many`` over the Python list (the Normalizer built beforehand;
  best of ``--repeat`` runs, each resolving every distinct value afresh);
- local[N]: ``normalize_column`` written to Spark's ``noop`` sink, the input cached in Spark
  first. Before timing, a small job on other values starts the Python workers and builds their
  Normalizers, so the timed *first pass* pays every look-up but not process start-up. The
  *second pass* re-runs the job (best of ``--repeat``): each worker's memo already holds the
  names, so it measures Spark, Arrow and pandas per-row overhead alone. On the last master a
  fresh session also times ``dedupe="global"``.

The per-row and per-look-up costs printed at the end feed the sizing note of docs/spark.md.

**Worker start-up, before and after saved indexes.** A Python worker used to build its
Normalizer from the broadcast glossary, then pay each lazy table on the first batch that needed
it; it now loads the index the driver saved once (``Normalizer.load``: every table built). Both
are timed in fresh interpreters, as a worker is, for the shipped glossary and for a synthetic
glossary of ``--startup-entities`` organisations (30 % with Chinese names): *before* is
``Normalizer(glossary)`` then ``warm()`` (what the worker's batches paid, the build alone
shown too), *after* is ``Normalizer.load``. On the last master, a warm-up job with the synthetic
glossary times the start-up inside Spark (driver build and save, broadcast, every worker's load).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "spark.json"
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")

from aeronorm import Glossary, Normalizer  # noqa: E402

# Words for unknown organisation names; none names a shipped entity on its own.
_UNKNOWN_HEADS = ("Amber", "Harbour", "Quiet", "Silver", "Maple", "Copper", "Lantern", "Meadow",
                  "Granite", "Willow", "Coral", "Juniper", "Falcon", "Orchid", "Summit", "Pebble")
_UNKNOWN_MIDS = ("Bakery", "Laundry", "Tea", "Bicycle", "Piano", "Fishing", "Printing", "Textile",
                 "Furniture", "Garden", "Pottery", "Footwear", "Catering", "Bookbinding")
_UNKNOWN_TAILS = ("Co., Ltd.", "Cooperative", "Workshop", "Club", "Trading Company", "Studio",
                  "Society", "Group", "Partners", "House")
_SUFFIXES = (" Co., Ltd.", " Co Ltd", " Limited", " Group", " (China)")


def make_distinct(glossary: Glossary, n: int, *, seed: int = 0) -> list[Any]:
    """``n`` distinct values: about 70% spellings of glossary entries, 30% unknown, 2 missing."""
    rng = random.Random(seed)
    known: dict[str, None] = {}
    # domain terms are vocabulary, not names: a name lookup never answers one
    names = [e for e in glossary if e.type != "term"]
    spellings = [s for e in names for s in (e.name, *e.aliases, *e.abbreviations, e.zh) if s]
    for s in spellings:
        known[s] = None

    def typo(s: str) -> str:
        if len(s) <= 10:
            return s + "."
        i = rng.randrange(3, len(s) - 3)
        return s[:i] + s[i + 1:]

    variants = (
        str.upper, str.lower, lambda s: s.replace(" ", "  "), lambda s: f" {s} ",
        lambda s: s + rng.choice(_SUFFIXES), lambda s: s.replace(" of ", " Of "), typo,
    )
    n_known = int(n * 0.7)
    while len(known) < n_known:
        known[rng.choice(variants)(rng.choice(spellings))] = None
    values: list[Any] = list(known)[:n_known]
    unknown: dict[str, None] = {}
    while len(unknown) < n - n_known - 2:
        name = f"{rng.choice(_UNKNOWN_HEADS)} {rng.choice(_UNKNOWN_MIDS)} {rng.choice(_UNKNOWN_TAILS)}"
        if rng.random() < 0.5:
            name = f"{rng.choice(_UNKNOWN_HEADS)} {name}"
        if rng.random() < 0.4:
            name = f"{name} No. {rng.randrange(1, 400)}"
        unknown[name] = None
    values += [*unknown, None, ""]
    rng.shuffle(values)
    return values


def make_rows(distinct: list[Any], rows: int, *, seed: int = 1) -> list[Any]:
    """``rows`` draws from ``distinct``, weight 1/rank (every value appears at least once)."""
    rng = random.Random(seed)
    weights = [1.0 / (rank + 1) for rank in range(len(distinct))]
    drawn = rng.choices(distinct, weights=weights, k=rows - len(distinct))
    out = distinct + drawn
    rng.shuffle(out)
    return out


_STARTUP_CHILD = r"""
import json, sys, time
start = time.perf_counter()
from aeronorm import Glossary, Normalizer
how, path = sys.argv[1], sys.argv[2]
if how == "load":
    Normalizer.load(path)
else:
    records = json.loads(open(path, encoding="utf-8").read()) if path != "-" else None
    n = Normalizer(Glossary.from_records(records) if records is not None else Glossary.default())
    if how == "build+warm":
        n.warm()
    elif how == "save":
        n.save(sys.argv[3])
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def _startup(how: str, path: str, repeat: int, *extra: str) -> float:
    """Best of ``repeat`` fresh interpreters: seconds from ``import aeronorm`` to a ready normalizer."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               AERONORM_NO_INDEX_CACHE="1")
    best = float("inf")
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _STARTUP_CHILD, how, path, *extra], capture_output=True,
                             text=True, env=env, check=False)
        if out.returncode != 0:
            raise RuntimeError(f"worker start-up ({how}) failed:\n{out.stderr[-3000:]}")
        best = min(best, json.loads(out.stdout.strip().splitlines()[-1])["seconds"])
    return best


def synthetic_records(entities: int, *, seed: int = 0) -> list[dict[str, Any]]:
    """``entities`` synthetic organisations after the shipped ones, 30 % of them with a Chinese name."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _synthetic import make_corpus

    corpus = make_corpus(entities, seed=seed)
    rng = random.Random(seed)
    keep = set(rng.sample(sorted(corpus.orgs), round(0.3 * len(corpus.orgs))))
    return [{k: v for k, v in r.items() if k != "zh" or r["id"] not in corpus.orgs or r["id"] in keep}
            for r in corpus.records]


def worker_startup(entities: int, workdir: Path, *, repeat: int = 2) -> dict[str, dict[str, float]]:
    """Per-worker start-up before (build, then every table) and after (load) saved indexes."""
    out: dict[str, dict[str, float]] = {}
    cases = [("shipped glossary", None)]
    if entities:
        cases.append((f"{entities:,} entities", synthetic_records(entities)))
    for label, records in cases:
        source = "-"
        if records is not None:
            source = str(workdir / "glossary.json")
            Path(source).write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        index = workdir / "index.aeronorm-index"
        build = _startup("build", source, repeat)
        build_and_every_table = _startup("build+warm", source, repeat)
        # saved by a fresh interpreter too, right before it is loaded: the index records the
        # digest of aeronorm's files as they are when it is written
        saved = _startup("save", source, 1, str(index))
        out[label] = {"build": build, "build_and_every_table": build_and_every_table,
                      "load": _startup("load", str(index), repeat),
                      "driver_build_and_save": saved, "index_mb": index.stat().st_size / 1e6}
    return out


def time_spark_startup(master: str, records: list[dict[str, Any]], partitions: int) -> dict[str, float]:
    """A fresh application's first job with a user glossary: the driver builds and saves its index
    once, the workers load it; then the same job again (workers ready) for the difference."""
    from pyspark.sql import SparkSession

    from aeronorm.spark import normalize_column
    from aeronorm.store.digests import code_digest

    # an index records the digest of aeronorm's files, read once per process: read again now, in
    # case the working copy changed since (the workers read it when they load)
    code_digest.cache_clear()
    spark = (SparkSession.builder.master(master).appName("aeronorm-bench-startup")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.memory", "2g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    glossary = Glossary.from_records(records)
    names = [r["name"] for r in records[-2 * partitions:]]
    df = spark.createDataFrame([(v,) for v in names], "name string").repartition(partitions).cache()
    df.count()

    def run() -> float:
        t = time.perf_counter()
        normalize_column(df, "name", glossary=glossary).write.format("noop").mode("overwrite").save()
        return time.perf_counter() - t

    first = run()
    second = run()
    spark.stop()
    return {"first_job": first, "second_job": second, "startup": first - second}


def time_spark(
    master: str, pdf: Any, partitions: int, warmup_values: list[str], *, repeat: int = 2,
    global_dedupe: bool = False,
) -> dict[str, float]:
    """Seconds for start-up, warm-up, first and second pass of normalize_column on ``master``.

    With ``global_dedupe`` also a pass with ``dedupe="global"`` in a fresh session (so that no
    worker memo helps it).
    """
    from pyspark.sql import SparkSession

    from aeronorm.spark import normalize_column

    t0 = time.perf_counter()
    spark = (
        SparkSession.builder.master(master)
        .appName(f"aeronorm-bench-{master}")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.createDataFrame(pdf).repartition(partitions).cache()
    assert df.count() == len(pdf)
    startup = time.perf_counter() - t0

    def run(frame: Any, dedupe: str = "batch") -> float:
        t = time.perf_counter()
        normalize_column(frame, "name", dedupe=dedupe).write.format("noop").mode("overwrite").save()
        return time.perf_counter() - t

    warm = spark.createDataFrame([(v,) for v in warmup_values], "name string").repartition(partitions)
    warmup = run(warm)  # starts the Python workers and builds their Normalizers
    first = run(df)
    times = {"startup": startup, "warmup": warmup, "first": first,
             "second": min(run(df) for _ in range(repeat))}
    if global_dedupe:
        # a new application: new Python workers, empty memos (the UDF cache is per process)
        spark.stop()
        spark = SparkSession.builder.master(master).getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        df = spark.createDataFrame(pdf).repartition(partitions).cache()
        df.count()
        warm = spark.createDataFrame([(v,) for v in warmup_values], "name string").repartition(partitions)
        run(warm)
        times["global"] = run(df, "global")
    spark.stop()
    return times


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--distinct", type=int, default=10_000)
    parser.add_argument("--partitions", type=int, default=8, help="partitions of the Spark input")
    parser.add_argument("--masters", default="local[1],local[2]",
                        help="comma-separated Spark masters; empty: plain normalize_many only")
    parser.add_argument("--repeat", type=int, default=2,
                        help="best of this many runs for normalize_many and the second pass")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON results (default {DEFAULT_OUT})")
    parser.add_argument("--startup-entities", type=int, default=10_000,
                        help="synthetic glossary of the worker start-up part (0: the shipped one only)")
    args = parser.parse_args(argv)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    load_before = os.getloadavg()

    glossary = Glossary.default()
    distinct = make_distinct(glossary, args.distinct)
    rows = make_rows(distinct, args.rows)

    t = time.perf_counter()
    n = Normalizer(glossary)
    build = time.perf_counter() - t
    plain_s = float("inf")
    for _ in range(args.repeat):  # best of: the least disturbed by other processes
        t = time.perf_counter()
        n.normalize_many(rows)
        plain_s = min(plain_s, time.perf_counter() - t)
    resolved = sum(m is not None for m in n.match_many(distinct))

    print("aeronorm.spark benchmark")
    print(f"  python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}")
    print(f"  {args.rows:,} rows, {len(distinct):,} distinct values "
          f"({resolved:,} resolve to an entity), {args.partitions} Spark partitions")
    print(f"  Normalizer built in {build:.2f} s (once per Python worker in Spark)")
    print("  load average before: {:.2f} {:.2f} {:.2f}".format(*load_before))
    print()

    results = {"normalize_many": plain_s}
    timings: dict[str, dict[str, float]] = {}
    # English, pinyin and Chinese probes: the warm-up also loads what the first look-ups load (jieba)
    warmup_values = [f"{w} Probe {i}" for i in range(2 * args.partitions)
                     for w in ("Warmup", "Yuhang", "预热")]
    masters = [m for m in args.masters.split(",") if m.strip()]
    if masters:
        import pandas as pd

        pdf = pd.DataFrame({"name": pd.Series(rows, dtype=object)})
    for master in masters:
        timings[master] = time_spark(master, pdf, args.partitions, warmup_values, repeat=args.repeat,
                                     global_dedupe=master == masters[-1])
        results[f"spark {master}, first pass"] = timings[master]["first"]
        results[f"spark {master}, second pass (memo hot)"] = timings[master]["second"]
        if "global" in timings[master]:
            results[f"spark {master}, dedupe='global'"] = timings[master]["global"]

    header = f"{'':<42} {'seconds':>8} {'rows/s':>12} {'vs normalize_many':>18}"
    print(header)
    print("-" * len(header))
    for name, secs in results.items():
        print(f"{name:<42} {secs:>8.2f} {args.rows / secs:>12,.0f} {plain_s / secs:>17.2f}x")
    print()
    load_after = os.getloadavg()
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*load_after))
    if len(masters) == 2:
        a, b = masters
        print(f"{b} vs {a}: first pass {timings[a]['first'] / timings[b]['first']:.2f}x, "
              f"second pass {timings[a]['second'] / timings[b]['second']:.2f}x")
    for master, tm in timings.items():
        print(f"{master}: session + cached input {tm['startup']:.1f} s, "
              f"worker start-up job {tm['warmup']:.1f} s")
    print()
    lookup_ms = plain_s / len(distinct) * 1000
    row_us = {}
    print("Sizing inputs (docs/spark.md):")
    print(f"  one look-up (plain, per distinct value): {lookup_ms:.3f} ms")
    for master, tm in timings.items():
        cores = int(master.split("[")[1].rstrip("]")) if "[" in master else 1
        row_us[master] = tm["second"] * cores / args.rows * 1e6
        print(f"  {master}: Spark per-row overhead {row_us[master]:.2f} core-us/row (second pass)")

    startup: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="aeronorm-startup-") as tmp:
        startup = worker_startup(args.startup_entities, Path(tmp), repeat=args.repeat)
    print("\nPer-worker start-up, fresh interpreter, import to ready (best of "
          f"{args.repeat}; before: build, then every table; after: load the saved index):")
    print(f"  {'glossary':<22} {'build':>8} {'+ tables':>9} {'load':>8} {'speed-up':>9} {'index MB':>9}")
    for label, row in startup.items():
        print(f"  {label:<22} {row['build']:>8.2f} {row['build_and_every_table']:>9.2f} {row['load']:>8.2f} "
              f"{row['build_and_every_table'] / row['load']:>8.1f}x {row['index_mb']:>9.1f}")
    if masters and args.startup_entities:
        records = synthetic_records(args.startup_entities)
        spark_startup = time_spark_startup(masters[-1], records, args.partitions)
        startup["spark"] = {"master": masters[-1], **spark_startup}
        print(f"  in Spark ({masters[-1]}): first job with the {args.startup_entities:,}-entity glossary "
              f"{spark_startup['first_job']:.1f} s, again {spark_startup['second_job']:.1f} s: start-up "
              f"(driver build and save, broadcast, every worker's load) {spark_startup['startup']:.1f} s")

    report = {
        "meta": {
            "python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "loadavg_before": load_before, "loadavg_after": load_after,
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "args": {k: str(v) for k, v in vars(args).items()},
        },
        "rows": args.rows, "distinct": len(distinct), "resolved_distinct": resolved,
        "normalizer_build_seconds": build,
        "results": [
            {"run": name, "seconds": secs, "rows_per_second": args.rows / secs,
             "vs_normalize_many": plain_s / secs}
            for name, secs in results.items()
        ],
        "spark_timings": timings,
        "sizing": {"lookup_ms": lookup_ms, "row_core_us": row_us},
        "worker_startup": startup,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return report


if __name__ == "__main__":
    main()
