"""Build, save, load and first queries at 1k, 10k and 100k entities, with growth exponents, next to
rapidfuzz's preparation measured in the same run, and a projected line for 1,000,000 entities.

Run from the repository root::

    python benchmarks/bench_scale.py                  # 1k, 10k, 100k: 15 to 40 minutes on 2 busy cores
    python benchmarks/bench_scale.py --quick          # 500, 1,000, 2,000 entities: about 2 minutes
    python benchmarks/bench_scale.py --sizes 1000,10000
    python benchmarks/bench_scale.py --stages 10000   # where a build's time and memory go, per table

The glossaries are synthetic organisations (``_synthetic.py``: the shipped lexicon's morphemes,
unique brands, a third with an alias) after the shipped glossary's entities; 30 % of the
synthetic ones keep their Chinese name. Every measurement runs in a fresh interpreter of its own,
so ``resource.getrusage`` gives that step's peak RSS alone:

1. **build**: ``Glossary.from_records`` of the glossary (its RSS is the baseline), then
   ``Normalizer(glossary)``; then one first query per stage *without* ``warm()``, each paying the
   lazy tables it needs (what a user paid before saved indexes); then ``warm()`` for what is left,
   and ``save``. Peak RSS is read after the build, after every table (before ``save``) and at
   the end (``save`` walks every table and holds its own maps while it writes). Times are wall
   and CPU seconds (the machine is shared: CPU time is the steadier).
2. **load**: ``Normalizer.load`` of the saved index in a fresh interpreter, then the same first
   queries: none may take more than 0.1 s.
3. **rapidfuzz**, the baseline: every name and alias as ``choices`` (what a plain fuzzy matcher
   searches), its preparation, and the first ``process.extractOne(..., scorer=WRatio)``.

Growth exponents are the slope of log(cost) against log(size) by least squares over the sizes
(1 = linear), and between the two largest sizes alone ("last 2": a fixed cost, the interpreter
and the shipped lexicon, flattens the fitted exponent at small sizes). The 1M lines multiply the
largest size's figure by (1,000,000 / size) ** exponent ("power"), and add the growth per entity
between the two largest sizes times the entities to come ("linear"); both print their arithmetic.
Results go to ``benchmarks/results/scale.json`` (``--out``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_OUT = HERE / "results" / "scale.json"
FULL_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (500, 1_000, 2_000)
PROJECTED = 1_000_000
ZH_SHARE = 0.3  # synthetic entities that keep their Chinese name
FIRST_QUERY_LIMIT = 0.1  # seconds: the most any stage may take on its first query after load
STAGE_ORDER = ("exact", "concept", "abbreviation", "person", "pinyin", "fuzzy", "spelling", "chinese",
               "chinese (jieba)", "find")


# -- the glossary and the queries -------------------------------------------------------------------
def make_glossary(n: int, *, shipped: bool, seed: int = 0) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Records of ``n`` entities (30 % of the synthetic ones with a Chinese name) and one query per stage."""
    sys.path.insert(0, str(HERE))
    from _synthetic import fuzzy_variant, light_variant, make_corpus

    corpus = make_corpus(n, seed=seed, include_shipped=shipped)
    rng = random.Random(seed)
    ids = sorted(corpus.orgs)
    keep_zh = set(rng.sample(ids, round(ZH_SHARE * len(ids))))
    records = []
    for r in corpus.records:
        if r["id"] in corpus.orgs and r["id"] not in keep_zh:
            r = {k: v for k, v in r.items() if k != "zh"}
        records.append(r)
    with_zh = sorted(keep_zh)
    pick = corpus.orgs[ids[len(ids) // 2]] if ids else None
    zh_org = corpus.orgs[with_zh[len(with_zh) // 2]] if with_zh else None
    from pypinyin import lazy_pinyin

    queries: dict[str, Any] = {
        "exact": pick.english() if pick else "Northwestern Polytechnical University",
        "concept": light_variant(pick, rng) if pick else "Northwestern Polytechnic University",
        "abbreviation": "XQZVT",
        "person": "Zhang Kejian",
        "pinyin": " ".join(s.capitalize() for s in lazy_pinyin(zh_org.zh if zh_org else "西北工业大学")),
        "fuzzy": fuzzy_variant(pick, rng)[0] if pick else "Northwestern Polytechnical Univ",
        "spelling": "Northwestren Polytechnical Universty",
        "chinese": zh_org.zh if zh_org else "西北工业大学",
        "chinese (jieba)": (zh_org.zh if zh_org else "西北工业大学") + "的专家说",
        "find": f"On Monday {pick.english() if pick else 'NWPU'} met NWPU and CASIC in Beijing.",
        "names": [name for name, _ in corpus.all_names()],
    }
    return records, queries


def first_queries(n: Any, queries: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Seconds (wall, CPU) of the first query of each stage, and the method that answered."""
    out = {}
    for stage in STAGE_ORDER:
        q = queries[stage]
        wall, cpu = time.perf_counter(), time.process_time()
        if stage == "find":
            found = n.find(q)
            method = f"{len(found)} mentions"
        else:
            m = n.match(q)
            method = m.method if m is not None else "no match"
        out[stage] = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "answer": method}
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return _rss_mb()


class _Clock:
    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> dict[str, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = {"wall": wall - self.wall, "cpu": cpu - self.cpu}
        self.wall, self.cpu = wall, cpu
        return out


# -- the children ----------------------------------------------------------------------------------
def child_generate(n: int, workdir: Path, shipped: bool) -> dict[str, Any]:
    records, queries = make_glossary(n, shipped=shipped)
    (workdir / f"glossary-{n}.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    (workdir / f"queries-{n}.json").write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    return {"entities": len(records), "with_zh": sum(1 for r in records if r.get("zh"))}


def child_build(n: int, workdir: Path) -> dict[str, Any]:
    from aeronorm import Glossary, Normalizer

    queries = json.loads((workdir / f"queries-{n}.json").read_text(encoding="utf-8"))
    records = json.loads((workdir / f"glossary-{n}.json").read_text(encoding="utf-8"))
    glossary = Glossary.from_records(records)
    baseline = _current_rss_mb()
    clock = _Clock()
    normalizer = Normalizer(glossary)
    build = clock.lap()
    build_rss, build_peak = _current_rss_mb(), _rss_mb()
    first = first_queries(normalizer, queries)  # each pays the lazy tables it needs
    clock.lap()
    normalizer.warm()  # what no first query built
    warm = clock.lap()
    tables_rss, tables_peak = _current_rss_mb(), _rss_mb()  # before save: the encoder's own memory apart
    path = workdir / f"index-{n}.aeronorm-index"
    size = normalizer.save(path)
    save = clock.lap()
    return {"build": build, "first_queries_lazy": first, "warm_rest": warm, "save": save,
            "index_bytes": size, "rss_baseline_mb": baseline, "rss_after_build_mb": build_rss,
            "peak_rss_build_mb": build_peak, "rss_after_tables_mb": tables_rss,
            "peak_rss_tables_mb": tables_peak,
            "peak_rss_mb": _rss_mb()}


def child_stages(n: int, workdir: Path) -> dict[str, Any]:
    """CPU seconds and RSS growth of the build, then of each table built one by one."""
    from aeronorm import Glossary, Normalizer
    from aeronorm.caching import paused_gc

    records = json.loads((workdir / f"glossary-{n}.json").read_text(encoding="utf-8"))
    glossary = Glossary.from_records(records)
    del records
    out: dict[str, Any] = {"glossary": {"cpu": 0.0, "rss_mb": _current_rss_mb()}}
    normalizer: Any = None

    def step(label: str, fn: Any) -> None:
        rss, cpu = _current_rss_mb(), time.process_time()
        fn()
        out[label] = {"cpu": time.process_time() - cpu, "rss_mb": _current_rss_mb() - rss}

    def build() -> None:
        nonlocal normalizer
        normalizer = Normalizer(glossary)

    step("Normalizer(glossary): lexicon, learned terms, index", build)
    with paused_gc():  # as in a build
        for name, stage in normalizer.pipeline.stages.items():
            step(f"stage {name}", stage.warm)
        step("mender", normalizer.pipeline.mender.get)
        step("warm(): the scanner of find, names, first-query loads", normalizer.warm)
    out["peak_rss_mb"] = _rss_mb()
    return out


def stage_report(n: int, costs: dict[str, Any]) -> None:
    print(f"Where the build of {n:,} entities goes (each table built in turn, one fresh interpreter):")
    print(f"  {'step':<56}{'cpu s':>8}{'RSS MB':>9}")
    total_cpu = total_mb = 0.0
    for label, v in costs.items():
        if label == "peak_rss_mb":
            continue
        if label != "glossary" and (v["cpu"] >= 0.005 or v["rss_mb"] >= 0.5):
            print(f"  {label:<56}{v['cpu']:>8.2f}{v['rss_mb']:>+9.0f}")
        total_cpu += v["cpu"]
        total_mb += v["rss_mb"] if label != "glossary" else 0.0
    print(f"  {'total (glossary alone: ' + format(costs['glossary']['rss_mb'], '.0f') + ' MB)':<56}"
          f"{total_cpu:>8.2f}{total_mb:>+9.0f}   peak RSS {costs['peak_rss_mb']:.0f} MB")


def child_load(n: int, workdir: Path) -> dict[str, Any]:
    from aeronorm import Normalizer

    queries = json.loads((workdir / f"queries-{n}.json").read_text(encoding="utf-8"))
    baseline = _current_rss_mb()
    clock = _Clock()
    normalizer = Normalizer.load(workdir / f"index-{n}.aeronorm-index")
    load = clock.lap()
    loaded_rss = _current_rss_mb()
    first = first_queries(normalizer, queries)
    return {"load": load, "first_queries": first, "rss_baseline_mb": baseline,
            "rss_after_load_mb": loaded_rss, "peak_rss_mb": _rss_mb()}


def child_rapidfuzz(n: int, workdir: Path) -> dict[str, Any]:
    from rapidfuzz import fuzz, process, utils

    queries = json.loads((workdir / f"queries-{n}.json").read_text(encoding="utf-8"))
    names = queries.pop("names")
    baseline = _current_rss_mb()
    clock = _Clock()
    choices = {k: name for k, name in enumerate(names)}  # what extractOne searches, key -> name
    prepare = clock.lap()
    process.extractOne(queries["fuzzy"], choices, scorer=fuzz.WRatio, processor=utils.default_process)
    first = clock.lap()
    return {"choices": len(choices), "prepare": prepare, "first_extract": first,
            "rss_baseline_mb": baseline, "peak_rss_mb": _rss_mb()}


_CHILDREN = {"generate": child_generate, "build": child_build, "load": child_load,
             "rapidfuzz": child_rapidfuzz, "stages": child_stages}


def _run_child(step: str, n: int, workdir: Path, *extra: str) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               AERONORM_NO_INDEX_CACHE="1")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", step, str(n), str(workdir), *extra]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{step} at {n:,} entities failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the report ------------------------------------------------------------------------------------
def exponent(sizes: list[int], values: list[float]) -> float | None:
    """Least-squares slope of log(value) on log(size); None with fewer than two positive values."""
    pts = [(math.log(s), math.log(v)) for s, v in zip(sizes, values, strict=True) if v > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / den if den else None


def measures(rows: dict[int, dict[str, Any]]) -> list[tuple[str, str, dict[int, float]]]:
    """(label, unit, value by size) of every line of the table."""

    def pick(fn: Any) -> dict[int, float]:
        return {n: fn(r) for n, r in rows.items()}

    def lazy(r: dict[str, Any]) -> float:
        return sum(v["cpu"] for v in r["build"]["first_queries_lazy"].values())

    def slowest(r: dict[str, Any], key: str) -> float:
        firsts = r["load"]["first_queries"] if key == "load" else r["build"]["first_queries_lazy"]
        return max(v["wall"] for v in firsts.values())

    return [
        ("Normalizer(glossary) build", "cpu s", pick(lambda r: r["build"]["build"]["cpu"])),
        ("  wall", "s", pick(lambda r: r["build"]["build"]["wall"])),
        ("lazy tables paid by first queries (no warm)", "cpu s", pick(lazy)),
        ("  slowest first query (no warm)", "s", pick(lambda r: slowest(r, "build"))),
        ("  first acronym query (no warm)", "s",
         pick(lambda r: r["build"]["first_queries_lazy"]["abbreviation"]["wall"])),
        ("  first Chinese query (no warm)", "s",
         pick(lambda r: r["build"]["first_queries_lazy"]["chinese"]["wall"]
              + r["build"]["first_queries_lazy"]["chinese (jieba)"]["wall"])),
        ("build + every table", "cpu s",
         pick(lambda r: r["build"]["build"]["cpu"] + lazy(r) + r["build"]["warm_rest"]["cpu"])),
        ("peak RSS, build alone", "MB", pick(lambda r: r["build"]["peak_rss_build_mb"])),
        ("peak RSS, build + every table", "MB", pick(lambda r: r["build"]["peak_rss_tables_mb"])),
        ("  of which the glossary itself", "MB", pick(lambda r: r["build"]["rss_baseline_mb"])),
        ("save", "cpu s", pick(lambda r: r["build"]["save"]["cpu"])),
        ("peak RSS, build + every table + save", "MB", pick(lambda r: r["build"]["peak_rss_mb"])),
        ("saved index", "MB", pick(lambda r: r["build"]["index_bytes"] / 1e6)),
        ("load", "cpu s", pick(lambda r: r["load"]["load"]["cpu"])),
        ("  wall", "s", pick(lambda r: r["load"]["load"]["wall"])),
        ("slowest first query after load", "s", pick(lambda r: slowest(r, "load"))),
        ("peak RSS, load", "MB", pick(lambda r: r["load"]["peak_rss_mb"])),
        ("rapidfuzz: choices built", "cpu s", pick(lambda r: r["rapidfuzz"]["prepare"]["cpu"])),
        ("rapidfuzz: first extractOne (WRatio)", "s",
         pick(lambda r: r["rapidfuzz"]["first_extract"]["wall"])),
        ("peak RSS, rapidfuzz", "MB", pick(lambda r: r["rapidfuzz"]["peak_rss_mb"])),
    ]


def report(rows: dict[int, dict[str, Any]]) -> dict[str, Any]:
    sizes = sorted(rows)
    header = f"{'measure':<46} {'unit':<6}" + "".join(f"{n:>11,}" for n in sizes)
    header += f"{'growth':>8}{'last 2':>8}{'1M, power':>12}{'1M, linear':>12}"
    print(header)
    print("-" * len(header))
    table, projections = [], []
    for label, unit, values in measures(rows):
        vals = [values[n] for n in sizes]
        b = exponent(sizes, vals)
        last = exponent(sizes[-2:], vals[-2:]) if len(sizes) > 1 else None
        proj = vals[-1] * (PROJECTED / sizes[-1]) ** b if b is not None and vals[-1] > 0 else None
        # what the fixed part (the interpreter, the shipped lexicon) hides in the fitted exponent:
        # the cost of one more entity between the two largest sizes, times the entities to come
        slope = (vals[-1] - vals[-2]) / (sizes[-1] - sizes[-2]) if len(sizes) > 1 else None
        linear = vals[-1] + slope * (PROJECTED - sizes[-1]) if slope is not None else None
        if linear is not None and linear < 0:  # a figure within noise that fell: nothing to project
            linear = None
        line = f"{label:<46} {unit:<6}" + "".join(f"{v:>11.2f}" for v in vals)
        for g in (b, last):
            line += f"{f'n^{g:.2f}' if g is not None else '-':>8}"
        line += "".join(f"{p:>12.1f}" if p is not None else f"{'-':>12}" for p in (proj, linear))
        print(line)
        table.append({"measure": label, "unit": unit, "exponent": b, "exponent_last_two": last,
                      "projected_1m": proj, "projected_1m_linear": linear,
                      "values": dict(zip(map(str, sizes), vals, strict=True))})
        if proj is not None and not label.startswith("  "):
            text = (f"{label}: {vals[-1]:.2f} {unit} x ({PROJECTED:,} / {sizes[-1]:,}) ^ {b:.2f} = "
                    f"{proj:.1f} {unit}")
            if linear is not None:
                text += (f"; linear: {vals[-1]:.2f} + ({vals[-1]:.2f} - {vals[-2]:.2f}) / ({sizes[-1]:,} - "
                         f"{sizes[-2]:,}) x ({PROJECTED:,} - {sizes[-1]:,}) = {linear:.1f} {unit}")
            projections.append(text)
    print("\nProjected to 1,000,000 entities: power, the figure at the largest size x (1M / size) ^ growth "
          "exponent;\nlinear, the figure at the largest size + its growth per entity between the two largest "
          "sizes x the entities to come:")
    for line in projections:
        print("  " + line)
    print("\nFirst query of each stage after load (seconds, wall; the answer's method):")
    for n in sizes:
        firsts = rows[n]["load"]["first_queries"]
        worst = max(firsts, key=lambda s: firsts[s]["wall"])
        cells = ", ".join(f"{s} {v['wall']:.3f} ({v['answer']})" for s, v in firsts.items())
        verdict = "ok" if firsts[worst]["wall"] <= FIRST_QUERY_LIMIT else f"FAIL: {worst} over the limit"
        print(f"  {n:>9,}: {cells} -> {verdict}")
    return {"table": table, "projections": projections}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help=f"sizes {', '.join(map(str, QUICK_SIZES))}")
    parser.add_argument("--sizes", default=None, help="comma-separated entity counts")
    parser.add_argument("--no-shipped", action="store_true", help="synthetic entities only")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--stages", type=int, default=None, metavar="N",
                        help="only: the CPU time and memory of each table at N entities (no file written)")
    parser.add_argument("--child", nargs=3, metavar=("STEP", "N", "WORKDIR"), help=argparse.SUPPRESS)
    parser.add_argument("--child-shipped", default="1", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        step, n, workdir = args.child
        extra = (args.child_shipped == "1",) if step == "generate" else ()
        result = _CHILDREN[step](int(n), Path(workdir), *extra)
        print(json.dumps(result))
        return result
    if args.stages:
        with tempfile.TemporaryDirectory(prefix="aeronorm-scale-") as tmp:
            _run_child("generate", args.stages, Path(tmp), "--child-shipped", "0" if args.no_shipped else "1")
            costs = _run_child("stages", args.stages, Path(tmp))
        stage_report(args.stages, costs)
        return costs
    default = QUICK_SIZES if args.quick else FULL_SIZES
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(default)
    load_before = os.getloadavg()
    started = time.perf_counter()
    rows: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="aeronorm-scale-") as tmp:
        workdir = Path(tmp)
        for n in sizes:
            t = time.perf_counter()
            made = _run_child("generate", n, workdir, "--child-shipped", "0" if args.no_shipped else "1")
            rows[n] = {"glossary": made, **{step: _run_child(step, n, workdir)
                                            for step in ("build", "load", "rapidfuzz")}}
            print(f"{n:>9,} entities ({made['with_zh']:,} with a Chinese name) measured in "
                  f"{time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    print(f"aeronorm scale: python {platform.python_version()}, {os.cpu_count()} CPUs, "
          "load average before {:.2f} {:.2f} {:.2f}".format(*load_before))
    summary = report(rows)
    load_after = os.getloadavg()
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*load_after))
    result = {
        "meta": {"python": platform.python_version(), "platform": platform.platform(),
                 "cpus": os.cpu_count(), "loadavg_before": load_before, "loadavg_after": load_after,
                 "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                 "elapsed_seconds": time.perf_counter() - started,
                 "args": {k: str(v) for k, v in vars(args).items()}},
        "sizes": sizes, "rows": {str(n): r for n, r in rows.items()}, **summary,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return result


if __name__ == "__main__":
    main()
