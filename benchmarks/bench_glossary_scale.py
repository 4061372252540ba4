"""Glossary scaling: build time and peak memory as one name grows, and as the glossary grows.

Run from the repository root::

    python benchmarks/bench_glossary_scale.py                      # everything: 10 to 20 minutes
    python benchmarks/bench_glossary_scale.py --max-entities 25000 # glossaries up to 25,000: ~4 minutes
    python benchmarks/bench_glossary_scale.py --parts name         # one long name only: ~1 minute
    python benchmarks/bench_glossary_scale.py --quick              # tiny sizes: proves the code runs

Every measurement runs in a fresh interpreter of its own (``resource.getrusage`` gives its peak
RSS; an address-space limit of ``--mem-gb`` turns a regression into a failure, not a swapped
machine), and is timed from reading the glossary to the first answers: ``Glossary.load`` of a
JSON (one name) or CSV (many entities) file, ``Normalizer(...)``, ``warm()`` (every lazy table)
and a first ``match`` and ``find``.

1. **One name grows** from a few dozen characters to 1 MB, in three shapes: many words
   (``Word0 Word1 ...``), one word (``anan...``) and a hyphenated pinyin word
   (``anan...-bei Corp``), in a glossary of one other entity. Within the bounds of
   :mod:`aeronorm.glossary.limits` (a name 1,000 characters, a word 100) the glossary builds;
   beyond them ``Glossary.load`` refuses the file with a ``GlossaryError`` naming it. The
   baseline, run alongside, is the same glossary with a two-word name; the cost of the long name
   is the difference. Before the bounds a name of 12,000 words cost 3.3 s and 716 MB, a
   40,000-character word 1.6 GB at the first match, and a 1 MB name hung ``match``.
2. **The glossary grows** from ``--entities`` synthetic organisations (``_synthetic.py``: the
   shipped lexicon's morphemes, unique brands, a third with an alias) by doublings to
   ``--max-entities`` (default 100,000).

Each part prints the growth exponent: the slope of log(cost) against log(size) by least
squares (1 = linear, 2 = quadratic, 0 = flat); a refusal costs milliseconds, so its slowest
time is printed instead. Results go to
``benchmarks/results/glossary_scale.json``. The script exits 0 even when an exponent looks wrong:
it is a report, and such an exponent is printed as ``FAIL``.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (ROOT, HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from aeronorm.glossary.limits import MAX_NAME_CHARS, MAX_WORD_CHARS  # noqa: E402

# An exponent above this is printed as FAIL (linear is 1; noise on a shared machine stays below).
LINEAR_LIMIT = 1.3

# What one child does: read the glossary, build, warm, answer; prints one JSON line.
_CHILD = r"""
import json, resource, sys, time
from aeronorm import Glossary, Normalizer
from aeronorm.errors import GlossaryError
path = sys.argv[1]
start = time.perf_counter()
try:
    glossary = Glossary.load(path)
except GlossaryError as exc:
    took = time.perf_counter() - start
    print(json.dumps({"error": str(exc)[:300], "load_s": took, "total_s": took,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    sys.exit(0)
loaded = time.perf_counter()
n = Normalizer(glossary)
built = time.perf_counter()
n.warm()
warmed = time.perf_counter()
n.match("Alpha Rocket Corp")
n.find("Alpha Rocket Corp signed with Beta Space Works.")
end = time.perf_counter()
print(json.dumps({"entities": len(glossary), "load_s": loaded - start, "normalizer_s": built - loaded,
                  "warm_s": warmed - built, "first_answers_s": end - warmed, "total_s": end - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _limit(mem_gb: float) -> Any:
    def apply() -> None:
        limit = int(mem_gb * 1024**3)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply


def measure(path: Path, *, mem_gb: float, timeout: float) -> dict[str, Any]:
    """Run the child on one glossary file; its JSON result, or what went wrong."""
    env = dict(os.environ, AERONORM_NO_INDEX_CACHE="1")  # build, never load a cached index
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                              timeout=timeout, env=env, cwd=ROOT, preexec_fn=_limit(mem_gb))
    except subprocess.TimeoutExpired:
        return {"failed": f"timeout after {timeout:.0f} s"}
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"failed": f"exit {proc.returncode}: {tail[:200]}"}
    return json.loads(lines[-1])


def exponent(sizes: list[float], costs: list[float]) -> float:
    """Least-squares slope of log(cost) against log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(c, 1e-9)) for c in costs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var if var else 0.0


# ------------------------------------------------------------------------------ one long name

def long_name(shape: str, size: int) -> str:
    """A name of ``size`` characters of one shape."""
    if shape == "words":
        words, k = [], 0
        while sum(map(len, words)) + len(words) < size:
            words.append(f"Word{k}")
            k += 1
        return " ".join(words)[:size].rstrip()
    if shape == "one word":
        return ("an" * size)[:size]
    if shape == "hyphenated pinyin":
        return ("an" * size)[: max(1, size - 9)] + "-bei Corp"
    raise ValueError(shape)


def write_glossary(path: Path, names: list[str]) -> None:
    """A JSON glossary (no cell limit: CSV's 131,072 characters would refuse a long name first)."""
    records = [{"id": "beta", "name": "Beta Space Works"}]
    records += [{"id": f"long-{i}", "name": name} for i, name in enumerate(names)]
    path.write_text(json.dumps({"entities": records}), encoding="utf-8")


def baseline(work: Path, *, mem_gb: float, timeout: float) -> dict[str, Any]:
    """The same run on a glossary of two short names: what every run costs anyway."""
    path = work / "baseline.json"
    write_glossary(path, ["Alpha Rocket Corp"])
    return measure(path, mem_gb=mem_gb, timeout=timeout)


def bench_one_name(sizes: list[int], work: Path, base: dict[str, Any], *, mem_gb: float,
                   timeout: float) -> list[dict[str, Any]]:
    print("\n== one name grows (a glossary of it and one other entity; each run in a fresh interpreter)")
    print(f"bounds: a name {MAX_NAME_CHARS:,} characters, a word {MAX_WORD_CHARS:,}; seconds from reading "
          "the file to the first answers, or to the error")
    print(f"{'shape':<18} {'characters':>10} {'outcome':<8} {'seconds':>8} {'x base':>7} {'peak MB':>8} "
          f"{'+MB':>6}  error")
    rows: list[dict[str, Any]] = []
    for shape in ("words", "one word", "hyphenated pinyin"):
        for size in sizes:
            name = long_name(shape, size)
            path = work / "long.json"
            write_glossary(path, [name])
            r = measure(path, mem_gb=mem_gb, timeout=timeout)
            outcome = "FAILED" if "failed" in r else ("refused" if "error" in r else "built")
            row = {"shape": shape, "chars": len(name), "outcome": outcome, **r,
                   "baseline_total_s": base["total_s"], "baseline_peak_mb": base["peak_mb"]}
            rows.append(row)
            if outcome == "FAILED":
                print(f"{shape:<18} {len(name):>10,} FAILED   {r['failed']}")
                continue
            if outcome == "built":
                print(f"{shape:<18} {len(name):>10,} {outcome:<8} {r['total_s']:>8.3f} "
                      f"{r['total_s'] / base['total_s']:>7.2f} {r['peak_mb']:>8.0f} "
                      f"{r['peak_mb'] - base['peak_mb']:>+6.0f}")
            else:
                error = r["error"][r["error"].find("field "):][:60]
                print(f"{shape:<18} {len(name):>10,} {outcome:<8} {r['total_s']:>8.4f} {'—':>7} "
                      f"{r['peak_mb']:>8.0f} {'—':>6}  {error}")
    print()
    for shape in ("words", "one word", "hyphenated pinyin"):
        built = [r for r in rows if r["shape"] == shape and r["outcome"] == "built"]
        refused = [r for r in rows if r["shape"] == shape and r["outcome"] == "refused"]
        if len(built) >= 2:
            e_time = exponent([r["chars"] for r in built], [r["total_s"] for r in built])
            e_mem = exponent([r["chars"] for r in built], [r["peak_mb"] for r in built])
            flag = "" if max(e_time, e_mem) <= LINEAR_LIMIT else "  FAIL"
            print(f"growth exponent, {shape}, built ({built[0]['chars']:,}..{built[-1]['chars']:,} "
                  f"characters): time {e_time:.2f}, peak memory {e_mem:.2f}{flag}")
        if refused:
            # Reading the file and checking lengths: milliseconds, too small for an exponent.
            slowest = max(refused, key=lambda r: r["total_s"])
            flag = "" if slowest["total_s"] < 1.0 else "  FAIL"
            print(f"{shape}, refused ({refused[0]['chars']:,}..{refused[-1]['chars']:,} characters): at most "
                  f"{1000 * slowest['total_s']:.1f} ms (at {slowest['chars']:,}), peak memory at most "
                  f"{max(r['peak_mb'] for r in refused):.0f} MB{flag}")
    return rows


# ------------------------------------------------------------------------------ many entities

def write_synthetic(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "zh", "aliases"])
        for r in records:
            w.writerow([r["id"], r["name"], r["zh"], "|".join(r.get("aliases") or ())])


def bench_entities(sizes: list[int], work: Path, base: dict[str, Any], *, mem_gb: float,
                   timeout: float) -> list[dict[str, Any]]:
    from _synthetic import make_corpus

    print(f"\n== the glossary grows: synthetic organisations (_synthetic.py), "
          f"{sizes[0]:,} to {sizes[-1]:,}; each run in a fresh interpreter")
    start = time.perf_counter()
    records = make_corpus(sizes[-1], include_shipped=False).records
    took = time.perf_counter() - start
    print(f"(corpus of {len(records):,} entities generated in {took:.0f} s, not timed)")
    print(f"{'entities':>9} {'load s':>7} {'Normalizer s':>12} {'warm s':>7} {'total s':>8} {'ms/entity':>9} "
          f"{'x prev':>7} {'peak MB':>8} {'KB/entity':>9}")
    rows: list[dict[str, Any]] = []
    prev: dict[str, Any] | None = None
    for size in sizes:
        path = work / f"synthetic-{size}.csv"
        write_synthetic(path, records[:size])
        r = measure(path, mem_gb=mem_gb, timeout=timeout)
        if "failed" in r or "error" in r:
            print(f"{size:>9,} FAILED: {r.get('failed') or r.get('error')}")
            rows.append({"entities": size, **r})
            continue
        ratio = f"{r['total_s'] / prev['total_s']:.2f}" if prev else "—"
        print(f"{size:>9,} {r['load_s']:>7.2f} {r['normalizer_s']:>12.2f} {r['warm_s']:>7.2f} "
              f"{r['total_s']:>8.2f} {1000 * r['total_s'] / size:>9.2f} {ratio:>7} {r['peak_mb']:>8.0f} "
              f"{1024 * r['peak_mb'] / size:>9.1f}")
        rows.append({"entities": size, **r})
        prev = r
        path.unlink()
    ok = [r for r in rows if "total_s" in r]
    if len(ok) >= 2:
        sizes_ok = [r["entities"] for r in ok]
        e_time = exponent(sizes_ok, [r["total_s"] for r in ok])
        e_mem = exponent(sizes_ok, [r["peak_mb"] for r in ok])
        e_parts = {k: exponent(sizes_ok, [r[k] for r in ok]) for k in ("load_s", "normalizer_s", "warm_s")}
        # What a glossary of two names costs too (interpreter, lexicon, jieba) set aside.
        e_over = exponent(sizes_ok, [max(r["total_s"] - base["total_s"], 1e-3) for r in ok])
        e_mem_over = exponent(sizes_ok, [max(r["peak_mb"] - base["peak_mb"], 1.0) for r in ok])
        flag = "" if max(e_over, e_mem_over) <= LINEAR_LIMIT else "  FAIL"
        parts = ", ".join(f"{k[:-2]} {v:.2f}" for k, v in e_parts.items())
        print(f"\ngrowth exponent ({sizes_ok[0]:,}..{sizes_ok[-1]:,} entities): time {e_time:.2f} "
              f"({parts}), peak memory {e_mem:.2f}; over the baseline of two names "
              f"({base['total_s']:.2f} s, {base['peak_mb']:.0f} MB): time {e_over:.2f}, memory "
              f"{e_mem_over:.2f}{flag}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: proves the code runs")
    parser.add_argument("--entities", type=int, default=12_500, help="smallest synthetic glossary")
    parser.add_argument("--max-entities", type=int, default=100_000, help="largest synthetic glossary")
    parser.add_argument("--max-chars", type=int, default=1 << 20, help="longest name (default 1 MB)")
    parser.add_argument("--mem-gb", type=float, default=8.0, help="address-space limit of each run")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed to each run")
    parser.add_argument("--parts", choices=("all", "name", "entities"), default="all",
                        help="run one part only (the other part's results are kept in the JSON)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "glossary_scale.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.entities, args.max_entities, args.max_chars = 500, 1_000, 8_192
    # Within the bounds, then beyond them from 4 KB to 1 MB by fourfold steps.
    candidates = (25, 50, 100, 250, 500, 1000, *(4**k for k in range(6, 11)))
    name_sizes = [size for size in candidates if size <= args.max_chars]
    entity_sizes = []
    size = args.entities
    while size <= args.max_entities:
        entity_sizes.append(size)
        size *= 2
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="aeronorm-scale-") as tmp:
        work = Path(tmp)
        base = baseline(work, mem_gb=args.mem_gb, timeout=args.timeout)
        if "failed" in base:
            print(f"the baseline run failed: {base['failed']}")
            return 1
        print(f"baseline, a glossary of two short names: {base['total_s']:.2f} s from reading it to the "
              f"first answers, peak RSS {base['peak_mb']:.0f} MB")
        names = entities = []
        if args.parts in ("all", "name"):
            names = bench_one_name(name_sizes, work, base, mem_gb=args.mem_gb, timeout=args.timeout)
        if args.parts in ("all", "entities"):
            entities = bench_entities(entity_sizes, work, base, mem_gb=args.mem_gb, timeout=args.timeout)
    result = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
              "bounds": {"name_chars": MAX_NAME_CHARS, "word_chars": MAX_WORD_CHARS},
              "baseline": base, "one_name": names, "entities": entities,
              "seconds": time.perf_counter() - started}
    if args.parts != "all" and args.out.is_file():
        # One part run again: the other part's figures are kept from the earlier run.
        earlier = json.loads(args.out.read_text(encoding="utf-8"))
        other = "entities" if args.parts == "name" else "one_name"
        result[other] = earlier.get(other, [])
        result[f"{other}_baseline"] = earlier.get(f"{other}_baseline", earlier.get("baseline"))
    if not args.quick:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(f"\nresults: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    print(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
