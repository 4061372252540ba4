"""Core speed and memory of aeronorm, each figure next to a baseline measured in the same run.

Run from the repository root::

    python benchmarks/bench_core.py            # full run, 1.5 to 3.5 minutes on 2 cores
    python benchmarks/bench_core.py --quick    # smaller sizes, about 20 s
    python benchmarks/bench_core.py --profile  # also cProfile the matching workloads

What it measures (see benchmarks/README.md for the method and how to read the table):

1. fuzzy-stage queries/s of ``Normalizer.match_many`` on a 10,000-entity synthetic glossary,
   next to rapidfuzz ``process.extractOne`` (WRatio) over every name and alias;
2. exact-path distinct look-ups/s (``normalize_many`` and ``match_many``) of names as written,
   in upper case, with other punctuation, and in other widths and quotes, each next to a plain
   dict probed with the same queries;
3. ``normalize_many`` over a 1,000,000-row column of 10,000 distinct values next to a
   precomputed ``dict.get`` list comprehension and pandas ``Series.map``;
4. ``import aeronorm`` time in fresh interpreters, and which heavy modules it loads;
5. index build time of the default glossary (fresh interpreter) and of the 10k glossary;
6. memory of the index (tracemalloc, fresh interpreter).

It prints a table ``metric | aeronorm | baseline | ratio | target | result`` and writes the
results as JSON to ``benchmarks/results/core.json``. It exits 0 even when a target fails: it
is a report, and failures are printed as FAIL.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import platform
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # _synthetic, when imported from elsewhere (tests)
    sys.path.insert(0, str(HERE))

from _synthetic import TYPO_KINDS, Corpus, fuzzy_variant, light_variant, make_corpus  # noqa: E402

import aeronorm  # noqa: E402
from aeronorm import Glossary, Normalizer  # noqa: E402

__all__ = [
    "HEAVY_MODULES",
    "Row",
    "Section",
    "Setup",
    "bench_build",
    "bench_column",
    "bench_exact",
    "bench_fuzzy",
    "bench_fuzzy_baseline",
    "bench_import",
    "bench_memory",
    "clear_input_caches",
    "exact_cost_split",
    "exact_workloads",
    "main",
    "make_setup",
    "profile_top",
]

DEFAULT_OUT = HERE / "results" / "core.json"
ROOT = HERE.parent
#: The tree the fuzzy-stage figures are compared with: the last commit before issue 13's
#: matching work (spelling pass, parents, institution types, aligned stage), whose fuzzy-stage
#: speed issue 13 asks to keep.
FUZZY_BASELINE = "a40b3b7"
#: Modules ``import aeronorm`` must not load (the glossary is read with PyYAML).
FORBIDDEN_ON_IMPORT = ("jieba", "torch", "transformers", "pypinyin", "yaml", "aeronorm.glossary")
#: Modules whose presence after ``import aeronorm`` is reported.
HEAVY_MODULES = (*FORBIDDEN_ON_IMPORT, "opencc", "rapidfuzz", "numpy", "pandas", "sentencepiece",
                 "aeronorm.normalizer", "aeronorm.index")

Say = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


# --------------------------------------------------------------------------------------------
# results
@dataclass
class Row:
    """One line of the final table. ``ratio`` is aeronorm ÷ baseline, in the row's unit."""

    metric: str
    value: float | None
    unit: str  # "/s", "s", "MB", or "" for a count or a yes/no
    baseline: float | None = None
    baseline_label: str = ""
    target: str = ""
    passed: bool | None = None  # None: informational, no target
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio}


@dataclass
class Section:
    """A benchmark's table rows and its detailed figures (kept in the JSON)."""

    name: str
    rows: list[Row]
    details: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# shared set-up
@dataclass
class Setup:
    """A synthetic corpus, its glossary, and fresh normalizers over it on demand."""

    corpus: Corpus
    glossary: Glossary
    seed: int
    build_seconds: list[float] = field(default_factory=list)
    warmup_seconds: list[float] = field(default_factory=list)
    _shared: Normalizer | None = None

    def shared(self) -> Normalizer:
        """One normalizer for the work that needs no fresh one (classifying queries, the exact
        path, whose look-ups memoise nothing per normalizer), built on first use."""
        if self._shared is None:
            self._shared = self.normalizer()
        return self._shared

    def normalizer(self) -> Normalizer:
        """A freshly built Normalizer (timed), its lazy tables built by two warm-up queries.

        A fresh one per measurement guarantees no result memoised by an earlier measurement
        can help; the warm-up (an acronym and a romanised name build the acronym and pinyin
        tables on first use) is timed apart, as ``first queries``.
        """
        gc.collect()
        start = time.perf_counter()
        n = Normalizer(self.glossary)
        self.build_seconds.append(time.perf_counter() - start)
        start = time.perf_counter()
        n.match_many(["QXZW", "Xibei Gongye Daxue"])
        self.warmup_seconds.append(time.perf_counter() - start)
        return n


def make_setup(n_entities: int, *, seed: int = 0, n_unknown: int = 0) -> Setup:
    """Generate the corpus (shipped entities plus synthetic ones) and its glossary."""
    corpus = make_corpus(n_entities, seed=seed, n_unknown=n_unknown)
    return Setup(corpus, corpus.glossary(), seed)


def clear_input_caches() -> int:
    """Empty aeronorm's bounded per-input memo caches (``fold``, ``fold_key``, pinyin, ...).

    Queries already seen (while generating or classifying them) would otherwise be served
    from these caches. Unbounded caches (``functools.cache``) hold loaded resources, not
    per-input results, and are kept. Returns how many caches were cleared.
    """
    cleared = set()
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "aeronorm" or name.startswith("aeronorm.")):
            continue
        for obj in list(vars(module).values()):
            info = getattr(obj, "cache_info", None)
            bounded = callable(info) and callable(getattr(obj, "cache_clear", None)) and info().maxsize
            if bounded and id(obj) not in cleared:
                obj.cache_clear()
                cleared.add(id(obj))
    return len(cleared)


def _measure(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall time, CPU time of this process, and the result of ``fn()``.

    On a shared machine wall time includes waiting for the CPU; CPU time does not, so both
    are reported where it matters (targets are on wall time).
    """
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - start, time.process_time() - cpu, out


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    wall, _, out = _measure(fn)
    return wall, out


def profile_top(fn: Callable[[], Any], *, limit: int = 12) -> list[dict[str, Any]]:
    """cProfile ``fn``; the functions with the most own time, with their share of the total."""
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    stats = pstats.Stats(prof)
    total = stats.total_tt or 1e-12  # type: ignore[attr-defined]
    rows = []
    for (path, line, func), (_, ncalls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{Path(path).name}:{line}({func})" if line else func
        if "aeronorm" in path:
            where = f"{path.split('aeronorm', 1)[-1].lstrip('/')}:{line}({func})"
        rows.append({"function": where, "calls": ncalls, "own_share": tottime / total,
                     "cum_share": cumtime / total})
    rows.sort(key=lambda r: -r["own_share"])
    return rows[:limit]


def _print_profile(title: str, top: list[dict[str, Any]], say: Say) -> None:
    say(f"  profile of {title} (share of profiled time: own / cumulative):")
    for r in top:
        say(f"    {r['own_share']:6.1%} {r['cum_share']:6.1%}  {r['calls']:>9,}  {r['function']}")


# --------------------------------------------------------------------------------------------
# 1. fuzzy stage vs rapidfuzz
def bench_fuzzy(setup: Setup, *, n_queries: int = 400, profile: bool = False, baseline: str | None = None,
                repeat: int = 3, say: Say = print) -> Section:
    """Queries/s on names only the fuzzy stage can resolve, next to rapidfuzz ``extractOne``.

    Variants of synthetic entities (company form dropped, one brand typo, a generic word or
    the place dropped, words reordered) are classified with one Normalizer; those that reach
    the fuzzy stage (``method == "fuzzy"`` or abstained) form the timing set, every query
    distinct. They are timed through ``match_many`` of a *fresh* Normalizer with aeronorm's
    per-input caches cleared, then through rapidfuzz over every name and alias. With
    ``baseline`` (a tree or a git commit), the same queries are also timed in fresh interpreters
    with this tree and with the baseline's, ``repeat`` times each (:func:`bench_fuzzy_baseline`).
    """
    from rapidfuzz import fuzz, process, utils

    corpus = setup.corpus
    rng = random.Random(setup.seed + 1)
    ids = sorted(corpus.orgs)
    rng.shuffle(ids)
    judge = setup.shared()
    methods: Counter[str] = Counter()
    outcome: Counter[str] = Counter()
    by_typo: dict[str, Counter[str]] = {k: Counter() for k in TYPO_KINDS}
    timing: list[tuple[str, str]] = []
    seen: set[str] = set()
    for k, eid in enumerate(ids):
        if len(timing) >= n_queries:
            break
        query, typo = fuzzy_variant(corpus.orgs[eid], rng, typo=TYPO_KINDS[k % len(TYPO_KINDS)])
        if query in seen:
            continue
        seen.add(query)
        m = judge.match(query)
        method = m.method if m is not None else "abstained"
        methods[method] += 1
        verdict = "abstained" if m is None else ("correct" if m.entity_id == eid else "wrong")
        outcome[verdict] += 1
        by_typo[typo][verdict] += 1
        if m is None or m.method == "fuzzy":
            timing.append((query, eid))
    generated = sum(methods.values())
    if not timing:
        raise ValueError("no variant reached the fuzzy stage: the glossary has too few synthetic entities")
    queries = [q for q, _ in timing]
    truth = [eid for _, eid in timing]

    n = setup.normalizer()
    clear_input_caches()
    dt_aero, cpu_aero, results = _measure(lambda: n.match_many(queries))
    aero_correct = sum(m is not None and m.entity_id == e for m, e in zip(results, truth, strict=True))
    aero_wrong = sum(m is not None and m.entity_id != e for m, e in zip(results, truth, strict=True))

    names = corpus.all_names()
    choices = [text for text, _ in names]
    owner = [eid for _, eid in names]

    def rapidfuzz_all() -> list[Any]:
        return [process.extractOne(q, choices, scorer=fuzz.WRatio, processor=utils.default_process)
                for q in queries]

    dt_rf, cpu_rf, rf = _measure(rapidfuzz_all)
    rf_correct = sum(owner[r[2]] == e for r, e in zip(rf, truth, strict=True))
    rate_aero = len(queries) / dt_aero
    rate_rf = len(queries) / dt_rf
    share = {k: v / generated for k, v in methods.items()}
    say(f"[1] fuzzy stage: {len(corpus.records):,} entities, {len(choices):,} names and aliases")
    say(f"    {generated} variants generated; reached: "
        + ", ".join(f"{k} {v:.1%}" for k, v in sorted(share.items(), key=lambda kv: -kv[1])))
    say(f"    over all variants: correct {outcome['correct'] / generated:.1%}, "
        f"wrong {outcome['wrong'] / generated:.1%}, abstained {outcome['abstained'] / generated:.1%}")
    say("    correct by typo kind: " + ", ".join(
        f"{k} {c['correct'] / max(1, sum(c.values())):.0%}" for k, c in by_typo.items()))
    say(f"    timing set: {len(queries)} distinct queries (fuzzy or abstained), fresh Normalizer, "
        "per-input caches cleared")
    say(f"    aeronorm match_many: {rate_aero:,.0f} q/s ({1e3 / rate_aero:.2f} ms/q wall, "
        f"{1e3 * cpu_aero / len(queries):.2f} ms/q CPU); "
        f"correct {aero_correct / len(queries):.1%}, wrong {aero_wrong / len(queries):.1%}, "
        f"abstained {(len(queries) - aero_correct - aero_wrong) / len(queries):.1%}")
    say(f"    rapidfuzz extractOne WRatio: {rate_rf:,.0f} q/s ({1e3 / rate_rf:.2f} ms/q wall, "
        f"{1e3 * cpu_rf / len(queries):.2f} ms/q CPU); "
        f"top-1 correct {rf_correct / len(queries):.1%} (never abstains)")
    say(f"    ratio aeronorm/rapidfuzz: {rate_aero / rate_rf:.1f}x")
    details: dict[str, Any] = {
        "entities": len(corpus.records), "choices": len(choices), "generated": generated,
        "method_share": share, "outcome_share": {k: v / generated for k, v in outcome.items()},
        "correct_by_typo": {k: c["correct"] / max(1, sum(c.values())) for k, c in by_typo.items()},
        "timing_queries": len(queries), "aeronorm_qps": rate_aero, "rapidfuzz_qps": rate_rf,
        "aeronorm_cpu_seconds": cpu_aero, "rapidfuzz_cpu_seconds": cpu_rf,
        "aeronorm_correct": aero_correct / len(queries), "aeronorm_wrong": aero_wrong / len(queries),
        "rapidfuzz_correct": rf_correct / len(queries),
        "examples": [{"query": q, "truth": corpus_name(corpus, e)} for q, e in timing[:5]],
    }
    if profile:
        n2 = setup.normalizer()
        clear_input_caches()
        details["profile"] = profile_top(lambda: n2.match_many(queries))
        _print_profile("fuzzy-stage match_many", details["profile"], say)
    rows = [
        Row(f"fuzzy-stage queries/s ({len(corpus.records):,} entities)", rate_aero, "/s", rate_rf,
            "rapidfuzz extractOne WRatio", "ratio >= 5", rate_aero >= 5 * rate_rf,
            f"{len(queries)} distinct queries"),
        Row("fuzzy-set accuracy (correct share)", aero_correct / len(queries), "share",
            rf_correct / len(queries), "rapidfuzz top-1", "", None,
            f"aeronorm wrong {aero_wrong / len(queries):.1%}, rest abstained"),
    ]
    if baseline:
        # warm-up names for the steady-state runs: variants of entities outside the timing set
        warmup = [fuzzy_variant(corpus.orgs[eid], rng)[0] for eid in ids[-60:]]
        base_rows, details["baseline"] = bench_fuzzy_baseline(
            corpus.records, queries, truth, warmup, baseline=baseline, repeat=repeat, say=say)
        rows += base_rows
    return Section("fuzzy", rows, details)


# The child interpreter of bench_fuzzy_baseline: one Normalizer over the records, the queries
# timed once (CPU and wall), the answers printed. ``first``: lazy tables built by the queries
# that need them, as in bench_fuzzy; ``steady``: built beforehand (warm() where the tree has
# it, and the warm-up names).
_FUZZY_CHILD = """
import gc, json, sys, time
import aeronorm
from aeronorm import Glossary, Normalizer
spec = json.load(open(sys.argv[1], encoding="utf-8"))
n = Normalizer(Glossary.from_records(spec["records"]))
n.match_many(["QXZW", "Xibei Gongye Daxue"])
if sys.argv[2] == "steady":
    if hasattr(n, "warm"):
        n.warm()
    n.match_many(spec["warmup"])
gc.collect()
cpu, wall = time.process_time(), time.perf_counter()
ms = n.match_many(spec["queries"])
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
print(json.dumps({"cpu": cpu, "wall": wall, "answers": [m.entity_id if m else None for m in ms],
                  "file": aeronorm.__file__}))
"""
_FIELDS_CHILD = ("import json; from aeronorm.glossary.readers import ENTITY_FIELDS; "
                 "print(json.dumps(ENTITY_FIELDS))")


def _run_tree(tree: Path, args: list[str], *, timeout: float = 900) -> str:
    """Run ``python args`` in a fresh interpreter importing aeronorm from ``tree``; its stdout."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=timeout, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"child with {tree} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return proc.stdout.strip().splitlines()[-1]


def _baseline_tree(ref: str, workdir: Path) -> tuple[Path, str]:
    """The baseline's tree and its commit: ``ref`` is a directory holding ``aeronorm/``, or a
    commit of this repository, exported (``git archive``) into ``workdir``."""
    path = Path(ref)
    if (path / "aeronorm").is_dir():
        out = subprocess.run(["git", "-C", str(path), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=False)
        return path, (out.stdout.strip() or f"{path} (no git commit)")
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", ref], capture_output=True,
                            text=True, check=True).stdout.strip()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, "aeronorm",
                              "glossaries"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(workdir)], input=archive, check=True)
    return workdir, commit


def bench_fuzzy_baseline(records: list[dict[str, Any]], queries: list[str], truth: list[str],
                         warmup: list[str], *, baseline: str, repeat: int = 3, say: Say = print
                         ) -> tuple[list[Row], dict[str, Any]]:
    """The fuzzy-stage timing set in fresh interpreters, this tree's ``aeronorm`` next to the
    baseline's (a tree, or a commit exported with ``git archive``), runs interleaved, ``repeat``
    of each; medians of CPU queries/s. Both read the same records: the fields both know (a
    newer field, such as a title's templates, is left out for both).

    Two figures per tree: ``first``, the section's own protocol (a fresh Normalizer warmed by
    two queries, the tables a query needs built when it first needs them: the spelling pass's
    vocabulary, the aligned stage's Chinese names); ``steady``, every table built beforehand
    (``warm()`` where the tree has one, then 60 other names), the cost of a query alone.
    """
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        export = work / "baseline"
        export.mkdir()
        base_tree, commit = _baseline_tree(baseline, export)
        fields = set(json.loads(_run_tree(base_tree, ["-c", _FIELDS_CHILD])))
        fields &= set(json.loads(_run_tree(ROOT, ["-c", _FIELDS_CHILD])))
        shared = [{k: v for k, v in r.items() if k in fields} for r in records]
        dropped = sorted({k for r in records for k in r} - fields)
        spec = work / "spec.json"
        spec.write_text(json.dumps({"records": shared, "queries": queries, "warmup": warmup},
                                   ensure_ascii=False), encoding="utf-8")
        script = work / "child.py"
        script.write_text(_FUZZY_CHILD, encoding="utf-8")
        trees = {"this tree": ROOT, f"baseline {commit}": base_tree}
        runs: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for _ in range(repeat):  # interleaved: load on the machine hits both alike
            for mode in ("first", "steady"):
                for label, tree in trees.items():
                    out = json.loads(_run_tree(tree, [str(script), str(spec), mode]))
                    runs.setdefault((label, mode), []).append(out)
    qps = {key: statistics.median(len(queries) / r["cpu"] for r in rs) for key, rs in runs.items()}
    correct = {label: sum(a == t for a, t in zip(runs[(label, "steady")][0]["answers"], truth, strict=True))
               / len(queries) for label in trees}
    base = f"baseline {commit}"
    say(f"    same {len(queries)} queries in fresh interpreters, this tree next to {commit} (before issue "
        f"13's matching work), median of {repeat}, CPU time; records without "
        f"{', '.join(dropped) or 'nothing'}:")
    for mode, what in (("first", "lazy tables built by the queries"), ("steady", "every table built first")):
        say(f"      {mode:6} ({what}): this tree {qps[('this tree', mode)]:,.0f} q/s, {commit} "
            f"{qps[(base, mode)]:,.0f} q/s, ratio {qps[('this tree', mode)] / qps[(base, mode)]:.2f}")
    say(f"      correct on the timing set: this tree {correct['this tree']:.1%}, {commit} "
        f"{correct[base]:.1%} (the set is what this tree leaves to the fuzzy stage or abstains on: "
        "not an accuracy comparison)")
    notes = {"first": "lazy tables built by the queries", "steady": "tables built first (warm, 60 names)"}
    rows = [
        Row(f"  fuzzy set, {mode} (vs {commit})", qps[("this tree", mode)], "/s", qps[(base, mode)],
            f"{commit}, same queries", "ratio >= 1", qps[("this tree", mode)] >= qps[(base, mode)],
            f"CPU, fresh interpreters, median of {repeat}; {note}")
        for mode, note in notes.items()
    ]
    details = {"commit": commit, "repeat": repeat, "dropped_fields": dropped, "qps_cpu_median":
               {f"{label}/{mode}": v for (label, mode), v in qps.items()},
               "cpu_seconds": {f"{label}/{mode}": [r["cpu"] for r in rs]
                               for (label, mode), rs in runs.items()},
               "correct": correct}
    return rows, details


def corpus_name(corpus: Corpus, eid: str) -> str:
    return next(r["name"] for r in corpus.records if r["id"] == eid)


# --------------------------------------------------------------------------------------------
# 2. exact path
#: The exact path's targets (issue 16): distinct look-ups per second, and at most this many times
#: a plain dict's time.
EXACT_TARGET_RATE = 3_000_000
EXACT_TARGET_RATIO = 5.0
#: ``match_many`` of names as written (Build 4 of issue 16): distinct names per second.
MATCH_WRITTEN_TARGET_RATE = 1_500_000


def _punctuation_variant(name: str, k: int) -> str:
    """``name`` written with other punctuation and spacing that fold away (one of five ways)."""
    words = name.split(" ")
    way = k % 5
    if way == 0:
        return "  ".join(words)
    if way == 1:
        return name + "."
    if way == 2:
        return "-".join(words)
    if way == 3:
        return words[0] + ", " + " ".join(words[1:]) if len(words) > 1 else f"({name})"
    return " " + name.replace(" ", " / ") + " "


def _width_quote_variant(name: str, k: int) -> str:
    """``name`` in full-width letters, or in typographic quotes with a curly apostrophe."""
    if k % 2:
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)
    return "\u201c" + name.replace("'", "\u2019") + "\u201d"


_VARIANT_MAKERS: dict[str, Callable[[str, int], str]] = {
    "upper case": lambda s, k: s.upper(),
    "punctuation": _punctuation_variant,
    "width and quotes": _width_quote_variant,
}


def exact_workloads(names: Sequence[str]) -> dict[str, dict[str, str]]:
    """Distinct queries per workload, each with the written name it comes from: the names as
    written, in upper case, with other punctuation, in other widths and quotes. A variant folds
    to its name's key and is no written form itself (so it takes the folded probe)."""
    written = list(dict.fromkeys(names))
    out: dict[str, dict[str, str]] = {"as written": {s: s for s in written}}
    for label, make in _VARIANT_MAKERS.items():
        variants: dict[str, str] = {}
        for k, s in enumerate(written):
            v = make(s, k)
            if v not in out["as written"]:
                variants.setdefault(v, s)
        out[label] = variants
    return out


def exact_cost_split(n: Normalizer, queries: list[str], best: Callable[[Callable[[], Any]], tuple[float, Any]]
                     ) -> dict[str, float]:
    """Where ``normalize_many``'s time goes on the exact path, in ns per distinct name, each step
    timed alone as the whole is (best run, caches cleared): the distinct values, the probe keys of
    the batch, the probes (written forms, then folded keys: ``canonical_many`` less its keys),
    and the rest (``normalize_many`` less those)."""
    from aeronorm.batch import distinct_values
    from aeronorm.text.fold import probe_keys

    exact = n.pipeline.stages["exact"]
    per = 1e9 / len(queries)
    total = best(lambda: n.normalize_many(queries))[0] * per
    distinct = best(lambda: distinct_values(queries))[0] * per
    keys = best(lambda: probe_keys(queries))[0] * per
    canonical = best(lambda: exact.canonical_many(queries))[0] * per
    return {"distinct values": distinct, "probe keys": keys, "probes": max(0.0, canonical - keys),
            "rest": max(0.0, total - canonical - distinct), "normalize_many": total}


def _minor_faults() -> int:
    """Minor page faults of this process so far (0 where ``resource`` is missing)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def page_fault_us(*, pages: int = 4096) -> float:
    """What a page of fresh memory costs on this machine, in µs: ``pages`` pages of an anonymous
    map touched once each (0 where faults are not counted). Fresh memory is what a batch of new
    objects takes: on a sandboxed machine a fault can cost as much as a few Python objects."""
    import mmap

    size = pages * mmap.PAGESIZE
    with mmap.mmap(-1, size) as m:
        faults, start = _minor_faults(), time.perf_counter()
        for at in range(0, size, mmap.PAGESIZE):
            m[at] = 1
        elapsed, faults = time.perf_counter() - start, _minor_faults() - faults
    return 1e6 * elapsed / faults if faults else 0.0


def match_cost_split(
    n: Normalizer, queries: list[str], best: Callable[[Callable[[], Any]], tuple[float, Any]], *, repeat: int,
) -> dict[str, float]:
    """Where ``match_many``'s time goes on names as written, in ns per distinct name, each step
    timed alone as the whole is (best of ``repeat`` runs, caches cleared): the exact stage's batch
    (``written_many``: the probes and a :class:`Match` per hit), the pipeline for the names it
    leaves (several owners, ...), and the rest (the distinct values, gathering); with the minor
    page faults of a ``match_many`` run (the fresh memory its matches take)."""
    from aeronorm.results import Match

    exact = n.pipeline.stages["exact"]
    per = 1e9 / len(queries)
    made = exact.written_many(queries)
    left = [q for q, m in zip(queries, made, strict=True) if m is None]
    faults = _minor_faults()
    total = best(lambda: n.match_many(queries))[0] * per
    faults = _minor_faults() - faults
    written = best(lambda: exact.written_many(queries))[0] * per
    pipeline = best(lambda: n.match_many(left))[0] * per if left else 0.0
    # the Matches of the hits alone, from their entities and evidence: the dataclass's own
    # constructor, and Match.of (what every stage calls)
    entity_of = {e.id: e for e in exact.index.entities}
    hits = [(m.query, entity_of[m.entity_id], m.score, m.evidence) for m in made if m is not None]
    hit_per = 1e9 / len(hits)
    public = best(lambda: [Match(q, e.id, e.name, e.type, s, "exact", ev, (), "", e.description)
                           for q, e, s, ev in hits])[0] * hit_per
    fast = best(lambda: [Match.of(q, e, s, "exact", ev) for q, e, s, ev in hits])[0] * hit_per
    return {"written_many": written, "left to the pipeline": pipeline,
            "rest": max(0.0, total - written - pipeline), "match_many": total,
            "names left to the pipeline": len(left), "page faults per run": faults / repeat,
            "Match(...) of a hit": public, "Match.of of a hit": fast}


def bench_exact(setup: Setup, *, repeat: int = 3, profile: bool = False, say: Say = print) -> Section:
    """Distinct names through the exact path, four workloads (as written, upper case, other
    punctuation, other widths and quotes), each next to a plain dict in the same run.

    ``normalize_many`` (canonical names, the column path) and ``match_many`` (a :class:`Match`
    per name) are timed, best of ``repeat`` runs with aeronorm's per-input caches cleared before
    each (so nothing is served from a memo); the baseline is a dict holding every query with its
    answer, probed once per query: the cost of a look-up that needs no folding at all.
    """
    n = setup.shared()
    workloads = exact_workloads([text for text, _ in setup.corpus.all_names()])
    written = list(workloads["as written"])
    answer_of = {s: m and m.entity_id for s, m in zip(written, n.match_many(written), strict=True)}

    def best(fn: Callable[[], Any]) -> tuple[float, Any]:
        runs = []
        for _ in range(repeat):
            clear_input_caches()
            runs.append(_timed(fn))
        return min(runs, key=lambda r: r[0])

    say(f"[2] exact path: distinct names of the {len(setup.corpus.records):,}-entity glossary, best of "
        f"{repeat}, caches cleared; baseline: a dict of every query, probed once per query")
    rows: list[Row] = []
    fault_us = page_fault_us()
    details: dict[str, Any] = {"queries": len(written), "workloads": {}, "page_fault_us": fault_us}
    for label, sources in workloads.items():
        queries = list(sources)
        table = dict.fromkeys(queries, "x")
        dt_dict, _ = best(lambda: [table.get(q) for q in queries])  # noqa: B023
        dt_norm, _ = best(lambda: n.normalize_many(queries))  # noqa: B023
        dt_match, matched = best(lambda: n.match_many(queries))  # noqa: B023
        exact_share = sum(m is not None and m.method == "exact" for m in matched) / len(queries)
        # every variant is answered as its written name is: the fold is the exact stage's own
        same = sum((m and m.entity_id) == answer_of[sources[q]]
                   for q, m in zip(queries, matched, strict=True)) / len(queries)
        rate = {"normalize_many": len(queries) / dt_norm, "match_many": len(queries) / dt_match,
                "dict": len(queries) / dt_dict}
        ratio = rate["dict"] / rate["normalize_many"]
        say(f"    {label:<17} {len(queries):>6,} names: normalize_many {rate['normalize_many']:>10,.0f}/s "
            f"({ratio:4.1f}x the dict's time), match_many {rate['match_many']:>10,.0f}/s "
            f"({rate['dict'] / rate['match_many']:4.1f}x), dict {rate['dict']:>12,.0f}/s; "
            f"{exact_share:.1%} by the exact stage, {same:.1%} as written")
        details["workloads"][label] = {"queries": len(queries), "exact_share": exact_share, "rates": rate,
                                       "ratio_to_dict": ratio, "same_answer_as_written": same}
        if label != "as written":  # (names as written take no probe key)
            split = exact_cost_split(n, queries, best)
            details["workloads"][label]["ns_per_name"] = split
            say("      per name: " + ", ".join(f"{k} {v:,.0f} ns" for k, v in split.items()))
        else:  # a Match per hit: made on the hit since Build 3's eighth round
            made = match_cost_split(n, queries, best, repeat=repeat)
            details["workloads"][label]["match_many_ns_per_name"] = made
            steps = ("written_many", "left to the pipeline", "rest", "match_many")
            say("      match_many per name: " + ", ".join(f"{k} {made[k]:,.0f} ns" for k in steps)
                + f" ({made['names left to the pipeline']:,} names left to the pipeline); "
                f"{made['page faults per run']:,.0f} page faults per run, {fault_us:.1f} µs each; a Match "
                f"alone: the constructor {made['Match(...) of a hit']:,.0f} ns, Match.of "
                f"{made['Match.of of a hit']:,.0f} ns")
        if profile and label == "upper case":
            clear_input_caches()
            details["profile"] = profile_top(lambda: n.normalize_many(queries))  # noqa: B023
            _print_profile("exact-path normalize_many, upper case", details["profile"], say)
        met = rate["normalize_many"] >= EXACT_TARGET_RATE and ratio <= EXACT_TARGET_RATIO
        rows.append(Row(f"exact look-ups/s, {label}, normalize_many", rate["normalize_many"], "/s",
                        rate["dict"], "dict of the queries",
                        f">= 3,000,000/s, <= {EXACT_TARGET_RATIO:g}x a dict", met))
        if label == "as written":
            rows.append(Row(f"  match_many ({label})", rate["match_many"], "/s", rate["dict"],
                            "dict of the queries", f">= {MATCH_WRITTEN_TARGET_RATE:,}/s",
                            rate["match_many"] >= MATCH_WRITTEN_TARGET_RATE, "builds a Match for each name"))
        else:
            rows.append(Row(f"  match_many ({label})", rate["match_many"], "/s", rate["dict"],
                            "dict of the queries", "", None, "builds a Match for each name"))
    details["exact_share"] = details["workloads"]["as written"]["exact_share"]
    details["rates"] = details["workloads"]["as written"]["rates"]
    return Section("exact", rows, details)


# --------------------------------------------------------------------------------------------
# 3. a million-row column
def make_column(setup: Setup, *, rows: int, distinct: int) -> tuple[list[str], list[str], dict[str, int]]:
    """A column of ``rows`` values drawn from ``distinct`` values, Zipf-like frequencies.

    The distinct values: 50% names and aliases as written, 20% light variants (case,
    spacing, another rendering), 15% hard (fuzzy-stage) variants, 15% unknown names.
    Every distinct value occurs at least once.
    """
    corpus = setup.corpus
    rng = random.Random(setup.seed + 3)
    names = sorted({text for text, _ in corpus.all_names()})
    ids = sorted(corpus.orgs)
    rng.shuffle(ids)
    want = {"exact": distinct * 50 // 100, "light": distinct * 20 // 100, "hard": distinct * 15 // 100}
    want["unknown"] = distinct - sum(want.values())
    pools = {
        "exact": rng.sample(names, min(len(names), want["exact"])),
        "light": [light_variant(corpus.orgs[i], rng) for i in ids[: want["light"]]],
        "hard": [fuzzy_variant(corpus.orgs[i], rng)[0] for i in ids[want["light"] :][: want["hard"]]],
        "unknown": corpus.unknown[: want["unknown"]],
    }
    values: list[str] = []
    mix: dict[str, int] = {}
    seen: set[str] = set()
    for kind, pool in pools.items():
        fresh = [v for v in dict.fromkeys(pool) if v not in seen]
        seen.update(fresh)
        values += fresh
        mix[kind] = len(fresh)
    spare = [v for v in names if v not in seen]
    if len(values) < distinct:  # short of a kind (small corpus): top up with names
        extra = spare[: distinct - len(values)]
        values += extra
        mix["exact"] += len(extra)
    rng.shuffle(values)
    weights = [1.0 / (k + 1) for k in range(len(values))]
    col = values + rng.choices(values, weights=weights, k=max(0, rows - len(values)))
    rng.shuffle(col)
    return col, values, mix


def bench_column(setup: Setup, *, rows: int = 1_000_000, distinct: int = 10_000, profile: bool = False,
                 say: Say = print) -> Section:
    """``normalize_many`` over a column with repeats, next to a precomputed dict and pandas."""
    col, values, mix = make_column(setup, rows=rows, distinct=distinct)
    n = setup.normalizer()
    clear_input_caches()
    dt_total, cpu_total, out = _measure(lambda: n.normalize_many(col))
    n2 = setup.normalizer()
    clear_input_caches()
    dt_distinct, cpu_distinct, resolved = _measure(lambda: n2.normalize_many(values))
    mapping = dict(zip(values, resolved, strict=True))
    dt_dict, via_dict = _timed(lambda: [mapping.get(x, x) for x in col])
    consistent = via_dict == out
    changed = sum(a != b for a, b in zip(values, resolved, strict=True)) / len(values)
    dt_pandas = None
    try:
        import pandas as pd
    except ImportError:
        pd = None
    if pd is not None:
        series = pd.Series(col, dtype=object)
        dt_pandas, _ = _timed(lambda: series.map(mapping))
    scale = rows / 1_000_000
    target = 5.0 * scale
    say(f"[3] normalize_many: {len(col):,} rows, {len(values):,} distinct "
        f"({', '.join(f'{k} {v}' for k, v in mix.items())}); {changed:.1%} of distinct values changed")
    say(f"    aeronorm {dt_total:.2f} s wall, {cpu_total:.2f} s CPU; resolving the distinct values alone "
        f"{dt_distinct:.2f} s wall, {cpu_distinct:.2f} s CPU, so the per-row work is ~"
        f"{max(0.0, cpu_total - cpu_distinct):.2f} s CPU; same output as the dict: {consistent}")
    pandas_text = "pandas not installed" if dt_pandas is None else f"pandas Series.map(d) {dt_pandas:.3f} s"
    say(f"    [d.get(x, x) for x in col] {dt_dict:.3f} s; {pandas_text}")
    details: dict[str, Any] = {
        "rows": len(col), "distinct": len(values), "mix": mix, "seconds": dt_total, "cpu_seconds": cpu_total,
        "distinct_seconds": dt_distinct, "distinct_cpu_seconds": cpu_distinct, "dict_seconds": dt_dict,
        "pandas_seconds": dt_pandas,
        "consistent": consistent, "changed_share": changed,
    }
    if profile:
        n3 = setup.normalizer()
        clear_input_caches()
        details["profile"] = profile_top(lambda: n3.normalize_many(col))
        _print_profile("column normalize_many", details["profile"], say)
    label = f"normalize_many, {len(col):,} rows / {len(values):,} distinct"
    target_text = f"< {target:g} s" + ("" if scale == 1 else " (scaled)")
    rows_out = [
        Row(label, dt_total, "s", dt_dict, "[d.get(x, x) for x in col]", target_text, dt_total < target,
            f"CPU {cpu_total:.2f} s; resolving the distinct values {cpu_distinct:.2f} s CPU"),
        Row("  same column, pandas Series.map(d)", dt_pandas, "s", None, "", "", None,
            "" if dt_pandas is not None else "pandas not installed"),

    ]
    return Section("column", rows_out, details)


# --------------------------------------------------------------------------------------------
# 4. import time
_IMPORT_CODE = (
    "import json, sys, time\n"
    "t = time.perf_counter()\n"
    "{stmt}\n"
    "dt = time.perf_counter() - t\n"
    "heavy = {heavy!r}\n"
    "print(json.dumps({{'dt': dt, 'loaded': [m for m in heavy if m in sys.modules],"
    " 'file': getattr(sys.modules.get('aeronorm'), '__file__', None)}}))\n"
)


def _child(code: str, *, timeout: float = 120) -> tuple[float, dict[str, Any]]:
    """Run ``python -c code`` in a fresh interpreter (outside the repository); wall time and
    its JSON output (last line)."""
    with tempfile.TemporaryDirectory() as cwd:
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, check=False)
        wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    return wall, (json.loads(lines[-1]) if lines else {})


def bench_import(*, repeat: int = 5, say: Say = print) -> Section:
    """``import aeronorm`` in fresh interpreters (median of ``repeat``), next to ``pass`` and
    ``import rapidfuzz``; and the heavy modules loaded by it."""
    stmts = {"pass": "pass", "aeronorm": "import aeronorm", "rapidfuzz": "import rapidfuzz"}
    walls: dict[str, list[float]] = {k: [] for k in stmts}
    inner: dict[str, list[float]] = {k: [] for k in stmts}
    loaded: list[str] = []
    path = None
    for _ in range(repeat):  # interleaved, so that load on the machine hits all alike
        for key, stmt in stmts.items():
            wall, out = _child(_IMPORT_CODE.format(stmt=stmt, heavy=HEAVY_MODULES))
            walls[key].append(wall)
            inner[key].append(out["dt"])
            if key == "aeronorm":
                loaded = out["loaded"]
                path = out["file"]
    med = {k: statistics.median(v) for k, v in walls.items()}
    med_inner = {k: statistics.median(v) for k, v in inner.items()}
    net = med["aeronorm"] - med["pass"]
    net_rf = med["rapidfuzz"] - med["pass"]
    forbidden = [m for m in loaded if m in FORBIDDEN_ON_IMPORT]
    say(f"[4] import ({repeat} fresh interpreters each, medians): python -c pass {med['pass'] * 1e3:.0f} ms, "
        f"import aeronorm {med['aeronorm'] * 1e3:.0f} ms, import rapidfuzz {med['rapidfuzz'] * 1e3:.0f} ms")
    say(f"    net import time (perf_counter around the import, inside the child): aeronorm "
        f"{med_inner['aeronorm'] * 1e3:.1f} ms, rapidfuzz {med_inner['rapidfuzz'] * 1e3:.1f} ms; "
        f"wall minus `pass`: aeronorm {net * 1e3:.1f} ms, rapidfuzz {net_rf * 1e3:.1f} ms; from {path}")
    say("    heavy modules loaded by `import aeronorm`: " + (", ".join(loaded) if loaded else "none")
        + ("" if not forbidden else f"  <-- FAIL: {', '.join(forbidden)} must load lazily"))
    details = {"wall_median": med, "inprocess_median": med_inner, "net": net, "net_rapidfuzz": net_rf,
               "loaded": loaded, "forbidden_loaded": forbidden, "aeronorm_file": path}
    rows = [
        Row("import aeronorm (net, in a fresh interpreter)", med_inner["aeronorm"], "s",
            med_inner["rapidfuzz"], "import rapidfuzz", "< 0.3 s", med_inner["aeronorm"] < 0.3,
            "interpreter wall medians: " + ", ".join(f"{k} {v * 1e3:.0f} ms" for k, v in med.items())),
        Row("heavy modules after import aeronorm", float(len(forbidden)), "", target="none of the 6 heavy",
            passed=not forbidden, note=f"checked {', '.join(FORBIDDEN_ON_IMPORT)}; loaded: "
            + (", ".join(loaded) or "none")),
    ]
    return Section("import", rows, details)


# --------------------------------------------------------------------------------------------
# 5. index build
_BUILD_CODE = (
    "import json, time\n"
    "t0 = time.perf_counter()\n"
    "import aeronorm\n"
    "t1 = time.perf_counter()\n"
    "g = aeronorm.Glossary.default()\n"
    "t2 = time.perf_counter()\n"
    "n = aeronorm.Normalizer(g)\n"
    "t3 = time.perf_counter()\n"
    "n.match_many(['QXZW', 'Xibei Gongye Daxue'])\n"
    "t4 = time.perf_counter()\n"
    "print(json.dumps({'import': t1 - t0, 'glossary': t2 - t1, 'index': t3 - t2, 'first': t4 - t3,"
    " 'entities': len(g)}))\n"
)


def bench_build(setup: Setup | None = None, *, repeat: int = 3, say: Say = print) -> Section:
    """Cold ``Normalizer()`` on the default glossary (fresh interpreters, median of ``repeat``),
    and the build times of the synthetic glossary's normalizers made so far in this run."""
    runs = [_child(_BUILD_CODE)[1] for _ in range(repeat)]
    med = {k: statistics.median(r[k] for r in runs) for k in ("import", "glossary", "index", "first")}
    cold = med["glossary"] + med["index"]
    say(f"[5] default glossary ({runs[0]['entities']} entities), fresh interpreter, median of {repeat}: "
        f"Normalizer() {cold:.3f} s = reading the YAML glossary {med['glossary']:.3f} s + index "
        f"{med['index']:.3f} s; first queries (lazy acronym/pinyin tables) {med['first']:.3f} s")
    details: dict[str, Any] = {"default": med, "default_cold_normalizer": cold,
                               "default_entities": runs[0]["entities"]}
    rows = [Row("default Normalizer() build, cold", cold, "s", med["glossary"], "reading the glossary YAML",
                "< 1 s", cold < 1.0, f"index alone {med['index']:.3f} s")]
    if setup is not None and setup.build_seconds:
        b = statistics.median(setup.build_seconds)
        w = statistics.median(setup.warmup_seconds)
        dt_records, _ = _timed(lambda: Glossary.from_records(setup.corpus.records))
        entities = len(setup.corpus.records)
        say(f"    {entities:,}-entity glossary: Normalizer build median {b:.2f} s over "
            f"{len(setup.build_seconds)} builds (first queries {w:.3f} s); "
            f"Glossary.from_records {dt_records:.2f} s")
        details.update({"synthetic_build_seconds": setup.build_seconds, "synthetic_build_median": b,
                        "synthetic_first_queries": w, "synthetic_from_records": dt_records})
        rows.append(Row(f"{entities:,}-entity Normalizer build", b, "s", dt_records, "Glossary.from_records",
                        "", None, f"median of {len(setup.build_seconds)}"))
    return Section("build", rows, details)


# --------------------------------------------------------------------------------------------
# 6. memory
def _memory_child(spec: str) -> dict[str, Any]:
    """Measure in this (fresh) interpreter; ``spec`` is ``default``, ``default-cold`` or
    ``synthetic:N:SEED``."""
    if spec == "default-cold":  # everything Normalizer() loads: YAML, pypinyin tables, index
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        n = Normalizer()
        after, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {"entities": len(n.glossary), "retained": after - before, "peak": peak - before}
    if spec == "default":
        g = Glossary.default()
    else:
        _, count, seed = spec.split(":")
        g = make_corpus(int(count), seed=int(seed)).glossary()
    # Load what every normalizer shares (word classes, places, pinyin tables, the shipped
    # terms) first, so that only this glossary's index is measured.
    Normalizer(Glossary.from_records([{"id": "warm", "name": "Warm Aerospace Co", "zh": "暖航天有限公司"}]))
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    n = Normalizer(g)
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"entities": len(n.glossary), "retained": after - before, "peak": peak - before}


def _run_memory_child(spec: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--memory-child", spec],
                              cwd=cwd, capture_output=True, text=True, timeout=600, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"memory child {spec} failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_memory(n_entities: int, *, seed: int = 0, say: Say = print) -> Section:
    """tracemalloc peak and retained memory of building an index, in fresh interpreters."""
    mb = 1024 * 1024
    synthetic = f"synthetic:{n_entities}:{seed}"
    res = {spec: _run_memory_child(spec) for spec in ("default", "default-cold", synthetic)}
    syn = res[synthetic]
    dflt = res["default"]
    cold = res["default-cold"]
    say("[6] memory (tracemalloc, fresh interpreter; shared resources loaded before the build):")
    for label, r in ((f"{syn['entities']:,}-entity", syn), (f"default ({dflt['entities']})", dflt)):
        say(f"    {label} index: retained {r['retained'] / mb:.1f} MB, peak during build "
            f"{r['peak'] / mb:.1f} MB, {r['retained'] / mb / r['entities'] * 1000:.2f} MB per 1,000 entities")
    say(f"    default Normalizer() from a cold start (YAML, pypinyin tables, index): retained "
        f"{cold['retained'] / mb:.1f} MB, peak {cold['peak'] / mb:.1f} MB")

    def per_k(r: dict[str, Any]) -> str:
        return f"peak {r['peak'] / mb:.1f} MB; {r['retained'] / mb / r['entities'] * 1000:.2f} MB/1k entities"

    rows = [
        Row(f"{syn['entities']:,}-entity index memory, retained", syn["retained"] / mb, "MB",
            note=per_k(syn)),
        Row(f"default index memory ({dflt['entities']} entities), retained", dflt["retained"] / mb, "MB",
            note=per_k(dflt)),
        Row("  default Normalizer() cold, retained", cold["retained"] / mb, "MB",
            note=f"peak {cold['peak'] / mb:.1f} MB (glossary, pinyin tables, index)"),
    ]
    return Section("memory", rows, {"bytes": res})


# --------------------------------------------------------------------------------------------
# report
def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "/s":
        return f"{value:,.0f}/s"
    if unit == "s":
        return f"{value * 1e3:.1f} ms" if value < 0.1 else f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit == "share":
        return f"{value:.1%}"
    return f"{value:g}"


def format_table(rows: Sequence[Row]) -> str:
    """The final table, one row per metric; FAIL in capitals."""
    header = ("metric", "aeronorm", "baseline", "ratio", "target", "result")
    body = []
    for r in rows:
        baseline = f"{_fmt(r.baseline, r.unit)} ({r.baseline_label})" if r.baseline is not None else ""
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else ""
        result = {True: "pass", False: "FAIL", None: "info"}[r.passed]
        body.append((r.metric, _fmt(r.value, r.unit), baseline, ratio, r.target, result))
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(header)]
    line = " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    out = [line, "-+-".join("-" * w for w in widths)]
    out += [" | ".join(c.ljust(w) for c, w in zip(b, widths, strict=True)) for b in body]
    notes = [f"  {r.metric.strip()}: {r.note}" for r in rows if r.note]
    legend = "ratio = aeronorm / baseline (rates: higher is faster; times and sizes: lower is better)"
    return "\n".join([*out, legend, *(["notes:", *notes] if notes else [])])


def _meta(args: argparse.Namespace) -> dict[str, Any]:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True,
                                text=True, check=False).stdout.strip() or None
    except OSError:
        commit = None
    return {
        "aeronorm": aeronorm.__version__, "commit": commit, "python": platform.python_version(),
        "platform": platform.platform(), "cpus": os.cpu_count(),
        "loadavg": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "args": vars(args),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a few seconds)")
    parser.add_argument("--entities", type=int, help="glossary size (default 10,000; quick 2,000)")
    parser.add_argument("--queries", type=int, help="fuzzy-stage queries (default 400; quick 100)")
    parser.add_argument("--rows", type=int, help="column rows (default 1,000,000; quick 100,000)")
    parser.add_argument("--distinct", type=int, help="distinct column values (default 10,000; quick 2,000)")
    parser.add_argument("--repeat", type=int, help="runs of the cheap measurements (default 5; quick 2)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="cProfile the matching workloads")
    parser.add_argument("--fuzzy-baseline", default=FUZZY_BASELINE, metavar="TREE_OR_COMMIT",
                        help=f"time the fuzzy set with this tree or commit too (default {FUZZY_BASELINE}, "
                        "before issue 13; 'none' to skip)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON results (default {DEFAULT_OUT})")
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        print(json.dumps(_memory_child(args.memory_child)))
        return 0
    q = args.quick
    entities = args.entities or (2_000 if q else 10_000)
    n_queries = args.queries or (100 if q else 400)
    rows = args.rows or (100_000 if q else 1_000_000)
    distinct = args.distinct or (2_000 if q else 10_000)
    repeat = args.repeat or (2 if q else 5)

    started = time.perf_counter()
    load = f", load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    print(f"aeronorm {aeronorm.__version__}, Python {platform.python_version()}, {os.cpu_count()} CPUs{load}")
    setup = make_setup(entities, seed=args.seed, n_unknown=distinct)
    print(f"synthetic glossary: {len(setup.corpus.records):,} entities "
          f"({len(setup.corpus.orgs):,} synthetic), e.g. {setup.corpus.records[-1]['name']!r} "
          f"/ {setup.corpus.records[-1]['zh']}")
    sections = [
        bench_fuzzy(setup, n_queries=n_queries, profile=args.profile, repeat=min(repeat, 3),
                    baseline=None if args.fuzzy_baseline == "none" else args.fuzzy_baseline),
        bench_exact(setup, repeat=min(repeat, 3), profile=args.profile),
        bench_column(setup, rows=rows, distinct=distinct, profile=args.profile),
        bench_import(repeat=repeat),
    ]
    sections.append(bench_build(setup, repeat=min(repeat, 3)))
    sections.append(bench_memory(entities, seed=args.seed))
    all_rows = [r for s in sections for r in s.rows]
    print()
    print(format_table(all_rows))
    failed = [r.metric.strip() for r in all_rows if r.passed is False]
    elapsed = time.perf_counter() - started
    print()
    print("FAIL: " + "; ".join(failed) if failed else "all targets met")
    print(f"(run took {elapsed:.0f} s)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {"meta": _meta(args), "elapsed_seconds": elapsed,
              "rows": [r.to_json() for r in all_rows],
              "sections": {s.name: s.details for s in sections}, "failed": failed}
    text = json.dumps(report, indent=2, ensure_ascii=False, default=str)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
