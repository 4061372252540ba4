"""Bounds: time and memory of aeronorm as inputs grow, to show that nothing is quadratic.

Run from the repository root::

    python benchmarks/bench_bounds.py                 # everything: 5 to 8 minutes on 2 cores
    python benchmarks/bench_bounds.py --max-mb 10 --rows 1000000 --glossary-mb 10   # ~1.5 minutes
    python benchmarks/bench_bounds.py --quick         # tiny sizes, ~20 s: proves the code runs

Four parts, each printing its figures next to the ratio that shows how they grow:

1. **Running text.** ``find`` and ``normalize_text`` on generated news-like English text (this
   file's own sentences, with glossary names planted in them) at 1, 10 and 100 MB (``--sizes``,
   capped by ``--max-mb``), and on the same kind of text with one Chinese paragraph in ten at 1
   and 10 MB (``--mixed-sizes``): seconds per MB, and the linearity ratio, seconds per MB at
   each size over seconds per MB at the smallest (1.0 = linear; quadratic would be the size
   ratio). Peak memory of the process is printed too.
2. **A column of millions of rows.** ``aeronorm normalize`` (``python -m aeronorm``, a
   subprocess) on generated CSVs of ``--rows`` rows (default 5,000,000) and a tenth of that;
   peak RSS of each run from ``resource.getrusage(RUSAGE_CHILDREN)`` in a wrapper process, so
   that the two are measured apart. Bounded memory: the big run's peak is about the small one's.
   Every output row is checked (count, order, original cells).
3. **Quadratic probes.** Pathological inputs at doubling sizes (``'a' * n``, ``'(' * n``,
   ``'CASIC ' * n``, a run of one Han character, ...) through ``find``, ``normalize_text`` and
   ``match``; the ratio of each time to the previous size's (2 = linear, 4 = quadratic).
4. **Glossary files.** ``Glossary.load`` of generated CSV, JSON and YAML files of
   ``--glossary-mb`` MB (default 50), each in its own subprocess: seconds and peak RSS.

Results go to ``benchmarks/results/bounds.json``. The script exits 0 even when a ratio looks
wrong: it is a report, and such a ratio is printed as ``FAIL``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import aeronorm  # noqa: E402
from aeronorm import Glossary  # noqa: E402

# A linearity ratio above this is printed as FAIL (noise on a shared machine stays well below).
LINEAR_LIMIT = 1.6
DOUBLING_LIMIT = 3.0  # time ratio per doubling of a probe (linear 2, quadratic 4)

# ---------------------------------------------------------------------------------- text
_OPENERS = ["The committee", "A spokeswoman", "Local officials", "The supplier", "Analysts", "The board",
            "Two engineers", "The ministry", "Our correspondent", "The panel", "Bond traders", "The survey"]
_VERBS = ["said", "expected", "announced", "noted", "warned", "confirmed", "estimated", "argued", "added"]
_ENDS = ["that deliveries would resume in the spring", "a delay in the test schedule", "new rules on export",
         "higher prices for alloys and labour", "a plan to double output by the autumn",
         "that the audit had been completed", "a shortage of trained welders", "closer work with partners",
         "a rise in orders from abroad", "a review of safety drills", "that the contract was signed"]
_FRAMES = ["Delegates of the {} toured the plant on Friday.", "A letter from the {} was read aloud.",
           "The {} declined to comment.", "According to the {}, the trial went well.",
           "Engineers at the {} finished a prototype.", "Shares linked to the {} rose slightly."]
_ZH = ["据报道，{}与合作伙伴签署了协议。", "{}表示，试验进展顺利。", "来自{}的代表出席了会议。"]


def _names() -> tuple[list[str], list[str]]:
    g = Glossary.default()
    english = [s for e in g.entities for s in (e.name, *e.aliases, *e.abbreviations) if len(s) > 2]
    chinese = [s for e in g.entities for s in e.chinese_names() if len(s) > 2]
    return english, chinese


def make_text(size: int, *, seed: int = 0, chinese: float = 0.0) -> str:
    """About ``size`` characters of news-like text: filler sentences, planted glossary names,
    and a share ``chinese`` of Chinese paragraphs. Deterministic for a seed."""
    rng = random.Random(seed)
    english, zh_names = _names()
    out: list[str] = []
    total = 0
    while total < size:
        if rng.random() < chinese:
            para = "".join(rng.choice(_ZH).format(rng.choice(zh_names)) for _ in range(rng.randint(2, 5)))
        else:
            sentences = []
            for _ in range(rng.randint(3, 7)):
                if rng.random() < 0.35:
                    sentences.append(rng.choice(_FRAMES).format(rng.choice(english)))
                else:
                    sentences.append(f"{rng.choice(_OPENERS)} {rng.choice(_VERBS)} {rng.choice(_ENDS)}.")
            para = " ".join(sentences)
        out.append(para)
        total += len(para) + 2
    return "\n\n".join(out)[:size]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def bench_text(sizes_mb: list[float], *, chinese: float = 0.0) -> list[dict[str, Any]]:
    n = aeronorm.default_normalizer()
    n.find(make_text(20_000, seed=99, chinese=0.5))  # trie, Chinese tables, jieba: built before timing
    rows = []
    kind = f"English with {chinese:.0%} Chinese paragraphs" if chinese else "English"
    print(f"\n== running text ({kind}): find / normalize_text "
          f"(linearity: s/MB over s/MB at {sizes_mb[0]:g} MB)")
    print(f"{'MB':>6} {'mentions':>10} {'find s':>8} {'s/MB':>7} {'ratio':>6} {'rewrite s':>10} {'s/MB':>7} "
          f"{'ratio':>6} {'peak RSS MB':>11}")
    base: tuple[float, float] | None = None
    for mb in sizes_mb:
        text = make_text(int(mb * 1_000_000), seed=1, chinese=chinese)
        start = time.perf_counter()
        found = n.find(text)
        t_find = time.perf_counter() - start
        count = len(found)
        del found
        start = time.perf_counter()
        out = n.normalize_text(text)
        t_norm = time.perf_counter() - start
        assert len(out.replacements) == count
        del out, text
        per = (t_find / mb, t_norm / mb)
        base = base or per
        ratio = (per[0] / base[0], per[1] / base[1])
        flag = "" if max(ratio) <= LINEAR_LIMIT else "  FAIL"
        print(f"{mb:>6g} {count:>10,} {t_find:>8.2f} {per[0]:>7.3f} {ratio[0]:>6.2f} {t_norm:>10.2f} "
              f"{per[1]:>7.3f} {ratio[1]:>6.2f} {peak_rss_mb():>11.0f}{flag}")
        rows.append({"mb": mb, "chinese_share": chinese, "mentions": count, "find_s": t_find,
                     "normalize_text_s": t_norm,
                     "find_s_per_mb": per[0], "normalize_text_s_per_mb": per[1], "find_ratio": ratio[0],
                     "normalize_text_ratio": ratio[1], "peak_rss_mb": peak_rss_mb()})
    return rows


# ---------------------------------------------------------------------------------- CLI
def make_csv(path: Path, rows: int, *, seed: int = 0) -> int:
    """A CSV of ``rows`` rows (id, org, amount): glossary names and variants, cheap unknown names
    (ids that no stage can use), and a few thousand costly unknown ones. Returns distinct names."""
    rng = random.Random(seed)
    english, chinese = _names()
    costly = [f"Orbital Widget Works No. {i}" for i in range(2000)]
    pool = english + chinese + [s.upper() for s in english[:500]] + costly
    distinct: set[str] = set()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["row", "org", "amount"])
        for i in range(rows):
            name = rng.choice(pool) if rng.random() < 0.7 else f"Supplier-{rng.randrange(1_000_000)}"
            if len(distinct) < 2_000_000:
                distinct.add(name)
            w.writerow([i, name, i % 997])
    return len(distinct)


_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "t = time.perf_counter() - t\n"
    "print(code, t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def run_cli(src: Path, dst: Path) -> tuple[float, float]:
    """``aeronorm normalize`` in a child of a wrapper process: (seconds, peak RSS in MB)."""
    cmd = [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "aeronorm", "normalize", str(src),
           "-c", "org", "-o", str(dst), "--no-progress"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout.split()
    code, seconds, rss_kb = int(out[0]), float(out[1]), int(out[2])
    if code != 0:
        raise RuntimeError(f"aeronorm normalize exited {code}")
    return seconds, rss_kb / 1024


def check_output(src: Path, dst: Path, rows: int) -> None:
    """Every row is there, in order, with its original cells and four new ones."""
    with open(src, encoding="utf-8", newline="") as a, open(dst, encoding="utf-8", newline="") as b:
        ra, rb = csv.reader(a), csv.reader(b)
        assert next(rb) == [*next(ra), "org_canonical", "org_id", "org_score", "org_method"]
        count = 0
        for left, right in zip(ra, rb, strict=True):
            assert right[:3] == left and len(right) == 7, (left, right)
            count += 1
    assert count == rows, (count, rows)


def bench_cli(rows: int, work: Path) -> list[dict[str, Any]]:
    print(f"\n== aeronorm normalize: {rows // 10:,} rows and {rows:,} rows (peak RSS of each run on its own)")
    print(f"{'rows':>10} {'distinct':>9} {'MB in':>7} {'seconds':>8} {'rows/s':>9} {'peak RSS MB':>12}")
    out = []
    for n in (rows // 10, rows):
        src, dst = work / f"rows-{n}.csv", work / f"rows-{n}-out.csv"
        distinct = make_csv(src, n, seed=3)
        seconds, rss = run_cli(src, dst)
        check_output(src, dst, n)
        print(f"{n:>10,} {distinct:>9,} {src.stat().st_size / 1e6:>7.0f} {seconds:>8.1f} "
              f"{n / seconds:>9,.0f} {rss:>12.0f}")
        out.append({"rows": n, "distinct": distinct, "bytes": src.stat().st_size, "seconds": seconds,
                    "peak_rss_mb": rss})
        src.unlink()
        dst.unlink()
    ratio = out[1]["peak_rss_mb"] / out[0]["peak_rss_mb"]
    flag = "" if ratio < 1.5 else "  FAIL"
    print(f"peak RSS ratio for 10x the rows: {ratio:.2f} (bounded memory: about 1){flag}")
    return out


# ---------------------------------------------------------------------------------- probes
PROBES: dict[str, Callable[[int], str]] = {
    "'a' * n": lambda n: "a" * n,
    "'(' * n": lambda n: "(" * n,
    "'(' * n + 'CASIC' + ')' * n": lambda n: "(" * n + "CASIC" + ")" * n,
    "'CASIC ' * n": lambda n: "CASIC " * n,
    "'China Aerospace Science and ' * n": lambda n: "China Aerospace Science and " * n,
    "\"Xi'an \" * n": lambda n: "Xi'an " * n,
    "'Beijing, ' * n": lambda n: "Beijing, " * n,
    "'7' * n (one number)": lambda n: "7" * n,
    "'國' * n (one Han run)": lambda n: "國" * n,
    "'航a' * n": lambda n: "航a" * n,
    "'a\\u0301' * n (combining)": lambda n: "a\u0301" * n,
    "'\\u202eCASIC ' * n (bidi)": lambda n: "\u202eCASIC " * n,
}
# Sizes per probe: the first run takes a few milliseconds at least, so that ratios mean something.
PROBE_SIZES = {"'a' * n": 100_000, "'(' * n": 5_000, "'CASIC ' * n": 20_000, "'7' * n (one number)": 100_000,
               "'(' * n + 'CASIC' + ')' * n": 5_000, "'國' * n (one Han run)": 5_000, "'航a' * n": 2_000}


def _best(fn: Callable[[], Any], repeat: int) -> float:
    """Best of ``repeat`` calls after an untimed one: every size is measured warm (a new long word
    costs its first lexicon look-up once, linearly, as the first call shows)."""
    fn()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bench_probes(scale: float, doublings: int = 3) -> list[dict[str, Any]]:
    n = aeronorm.default_normalizer()
    n.find("中国航天 CASIC warm-up")
    print("\n== quadratic probes: time per size doubling "
          f"(linear ~2, quadratic ~4; FAIL above {DOUBLING_LIMIT})")
    print(f"{'probe':<36} {'n':>9} {'find ms':>9} {'x':>5} {'rewrite ms':>11} {'x':>5} {'match ms':>9}")
    out = []
    for name, make in PROBES.items():
        size = max(8, int(PROBE_SIZES.get(name, 10_000) * scale))
        prev: tuple[float, float] | None = None
        for _ in range(doublings + 1):
            text = make(size)
            repeat = 3 if len(text) < 500_000 else 1
            t_find = _best(lambda t=text: n.find(t), repeat)
            t_norm = _best(lambda t=text: n.normalize_text(t), repeat)
            t_match = _best(lambda t=text: n.match(t[:1000]), repeat)
            grow = (t_find / prev[0], t_norm / prev[1]) if prev else (float("nan"), float("nan"))
            flag = "  FAIL" if prev and min(t_find, t_norm) > 0.005 and max(grow) > DOUBLING_LIMIT else ""
            print(f"{name:<36} {size:>9,} {t_find * 1e3:>9.1f} {grow[0]:>5.1f} {t_norm * 1e3:>11.1f} "
                  f"{grow[1]:>5.1f} {t_match * 1e3:>9.2f}{flag}")
            out.append({"probe": name, "n": size, "chars": len(text), "find_s": t_find,
                        "normalize_text_s": t_norm, "match_s": t_match})
            prev = (max(t_find, 1e-9), max(t_norm, 1e-9))
            size *= 2
    return out


# ---------------------------------------------------------------------------------- glossary files
_LOAD = (
    "import sys, time\n"
    "from aeronorm import Glossary\n"
    "t = time.perf_counter(); g = Glossary.load(sys.argv[1]); t = time.perf_counter() - t\n"
    "print(len(g), t)\n"
)


def make_glossary_files(work: Path, mb: float) -> dict[str, Path]:
    """CSV, JSON and YAML glossaries of about ``mb`` MB each: the same kind of entity, as many
    as each format needs to reach the size."""
    target = mb * 1_000_000

    def entity(i: int) -> dict[str, Any]:
        return {"id": f"e{i}", "name": f"Orbital Widget Works Number {i} Company Limited",
                "zh": "轨道部件有限公司", "aliases": [f"OWW {i}", f"Orbital Widget {i} Co"],
                "abbreviations": [f"OWW{i}"]}

    def csv_row(r: dict[str, Any]) -> str:
        return f"{r['id']},{r['name']},{r['zh']},{'|'.join(r['aliases'])},{r['abbreviations'][0]}\n"

    def yaml_row(r: dict[str, Any]) -> str:
        return (f"  - id: {r['id']}\n    name: {r['name']}\n    zh: {r['zh']}\n"
                f"    aliases: [{', '.join(r['aliases'])}]\n    abbreviations: [{r['abbreviations'][0]}]\n")

    formats = {  # head, row, separator, tail
        "csv": ("id,name,zh,aliases,abbreviations\n", csv_row, "", ""),
        "json": ("[\n", lambda r: json.dumps(r, ensure_ascii=False), ",\n", "\n]\n"),
        "yaml": ("entities:\n", yaml_row, "", ""),
    }
    paths = {}
    for fmt, (head, row, sep, tail) in formats.items():
        paths[fmt] = work / f"big.{fmt}"
        with open(paths[fmt], "w", encoding="utf-8", newline="") as fh:
            fh.write(head)
            size, i = len(head), 0
            while size < target or i < 10:
                text = (sep if i else "") + row(entity(i))
                fh.write(text)
                size += len(text.encode("utf-8"))
                i += 1
            fh.write(tail)
    return paths


def bench_glossary_files(mb: float, work: Path) -> list[dict[str, Any]]:
    print(f"\n== Glossary.load of ~{mb:g} MB files (each in its own process)")
    print(f"{'format':<6} {'MB':>6} {'entities':>9} {'seconds':>8} {'MB/s':>6} {'peak RSS MB':>12}")
    out = []
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for fmt, path in make_glossary_files(work, mb).items():
        # the loader runs under the wrapper: a child forked from this (large) process would
        # report this process's pages as its own peak
        cmd = [sys.executable, "-c", _WRAPPER, sys.executable, "-c", _LOAD, str(path)]
        lines = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout.splitlines()
        if lines[-1].split()[0] != "0":
            raise RuntimeError(f"loading {path} failed")
        count, seconds = int(lines[0].split()[0]), float(lines[0].split()[1])
        rss = int(lines[-1].split()[2]) / 1024
        size = path.stat().st_size / 1e6
        print(f"{fmt:<6} {size:>6.1f} {count:>9,} {seconds:>8.1f} {size / seconds:>6.1f} {rss:>12.0f}")
        out.append({"format": fmt, "mb": size, "entities": count, "seconds": seconds, "peak_rss_mb": rss})
        path.unlink()
    return out


# ---------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 100], help="text sizes in MB")
    parser.add_argument("--max-mb", type=float, default=100, help="skip text sizes above this (default 100)")
    parser.add_argument("--mixed-sizes", type=float, nargs="+", default=[1, 10],
                        help="sizes in MB of the text with Chinese paragraphs (default 1 10)")
    parser.add_argument("--rows", type=int, default=5_000_000, help="rows of the big CSV (default 5,000,000)")
    parser.add_argument("--probe-scale", type=float, default=1.0, help="scale of the probe sizes (default 1)")
    parser.add_argument("--glossary-mb", type=float, default=50, help="size of the glossary files (0: skip)")
    parser.add_argument("--skip", nargs="+", default=[], choices=["text", "cli", "probes", "glossary"])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: proves the code runs (~20 s)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "bounds.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.mixed_sizes, args.max_mb, args.rows = [0.05, 0.2], [0.05, 0.2], 0.2, 20_000
        args.probe_scale, args.glossary_mb = 0.05, 0.5
    sizes = [s for s in args.sizes if s <= args.max_mb] or [args.max_mb]
    mixed = [s for s in args.mixed_sizes if s <= args.max_mb] or [args.max_mb]
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}
    results: dict[str, Any] = {"machine": machine, "args": vars(args) | {"out": str(args.out)}}
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="aeronorm-bounds-") as tmp:
        work = Path(tmp)
        if "text" not in args.skip:  # the smaller mixed texts first: the peak RSS column only grows
            results["text_mixed"] = bench_text(mixed, chinese=0.1)
            results["text"] = bench_text(sizes)
        if "probes" not in args.skip:
            results["probes"] = bench_probes(args.probe_scale)
        if "cli" not in args.skip:
            results["cli"] = bench_cli(args.rows, work)
        if "glossary" not in args.skip and args.glossary_mb > 0:
            results["glossary_files"] = bench_glossary_files(args.glossary_mb, work)
    results["seconds"] = time.perf_counter() - start
    if args.skip and args.out.exists():  # a partial run updates the parts it ran
        results = json.loads(args.out.read_text(encoding="utf-8")) | results
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    print(f"\ntotal {results['seconds']:.0f} s; results in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
