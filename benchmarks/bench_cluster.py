"""Clustering a column no glossary covers (issue 17): aeronorm.cluster next to the baselines a
user would reach for (OpenRefine key collision, rapidfuzz nearest neighbours), in the same run.

Run from the repository root::

    python benchmarks/bench_cluster.py            # the dev column and 10,000 / 100,000 synthetic values
    python benchmarks/bench_cluster.py --quick    # the dev column and 1,000 / 4,000 synthetic values

1. **The dev column.** The dev alias set (``../shared/dev-eval/aliases_dev.tsv``, read at run
   time when present, never copied) as one unlabelled column: its distinct ``variant`` values,
   leaving out the rows the dev scorer does not treat as synonyms (sub-units or labs listed as
   aliases, two names joined) and the values that the data gives to two clusters; the
   ``cluster`` column is the truth. Scored by B-cubed precision/recall/F1 and pairwise
   precision/recall (``_metrics.py``) for:

   * every value alone;
   * OpenRefine's fingerprint key collision (trim, lower case, diacritics and punctuation
     removed, unique words sorted);
   * OpenRefine's 2-gram fingerprint key collision (the same folding, spaces removed, unique
     character 2-grams sorted and joined);
   * rapidfuzz ``fuzz.token_sort_ratio`` (``utils.default_process``), single link over all
     pairs (``process.cdist``) at >= 85 and at >= 95;
   * ``aeronorm.cluster(values)`` when the package has it (else "not available");
   * ``aeronorm.cluster(values, units="with_parent")``: units and subsidiaries rolled up into
     their parent's cluster (the dev set lists some units under their parent and others as
     groups of their own, so this row is scored against the same truth for what it is worth).

   Targets (issue 17): pairwise precision >= 0.97 with pairwise recall >= 0.30, B-cubed F1 >= 0.70,
   printed for each aeronorm row.

   Then (1b) the aeronorm row in detail: its joins by kind of evidence and how many joined two
   true clusters (both rows), the row at thresholds 0.85 / 0.90 / 0.95, the true pairs it finds
   by size of the true cluster (both rows), and each of 5 folds of clusters (the dev scorer's
   ``--folds`` partition) clustered as its own column, mean and worst fold, beside rapidfuzz at 85.

2. **Scaling.** Distinct synthetic values (``_synthetic``: each entity's name, another
   rendering, upper or lower case, a hard variant with a typo, its Chinese name; one to six
   values per entity) at two sizes, each clustered in a fresh interpreter after a warm-up call
   on other values: wall and CPU time and the growth of the resident set during the call (peak
   minus the level before it); then, in a second fresh interpreter, tracemalloc's peak during
   the same call (tracing slows it, so it is not timed; resident-set growth is too coarse at
   small sizes to give an exponent). The growth exponent between the two sizes is
   ``log(t2 / t1) / log(n2 / n1)``; n log n from 10,000 to 100,000 is 1.10. For aeronorm
   and for the fingerprint baseline (the others are all-pairs). Targets: time growth no
   worse than n log n and memory growth no worse than linear (each with 0.10 of slack for a
   noisy machine), 100,000 values within five minutes.

The table is printed and written to ``benchmarks/results/cluster.json``; the script exits 0
even when a target fails (printed as FAIL). ``--keep-scaling`` skips part 2 and keeps the
scaling figures of the results file already there (marked as such, with their commit).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import math
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # _synthetic and friends, when imported from elsewhere (tests)
    sys.path.insert(0, str(HERE))

from _devset import DEFAULT_ALIASES, load_scorer, missing_reason  # noqa: E402
from _metrics import ClusterScores, cluster_scores, labels_from_clusters  # noqa: E402
from _synthetic import fuzzy_variant, make_corpus  # noqa: E402

import aeronorm  # noqa: E402

__all__ = [
    "Clusterer",
    "aeronorm_clusterer",
    "dev_column",
    "fingerprint_key",
    "growth_exponent",
    "key_collision",
    "main",
    "ngram_fingerprint_key",
    "rapidfuzz_single_link",
    "singletons",
    "synthetic_column",
]

DEFAULT_OUT = HERE / "results" / "cluster.json"
PAIR_PRECISION_TARGET = 0.97
PAIR_RECALL_TARGET = 0.30
BCUBED_F1_TARGET = 0.70
SLACK = 0.10  # allowed excess of a measured growth exponent over the target's, for noise
MAX_SECONDS_100K = 300.0
# Published in issue 17 (B-cubed P/R/F1, pairwise P/R), printed beside the reimplementations.
ISSUE_TABLE = {
    "every value alone": (1.00, 0.31, 0.47, None, None),
    "fingerprint": (1.00, 0.32, 0.49, 1.00, 0.009),
    "2-gram fingerprint": (1.00, 0.32, 0.48, 1.00, 0.008),
    "rapidfuzz token_sort >= 85": (0.96, 0.37, 0.54, 0.74, 0.061),
    "rapidfuzz token_sort >= 95": (0.995, 0.33, 0.49, 0.92, 0.018),
}

#: A clusterer: distinct values in, groups of member values out.
Clusterer = Callable[[Sequence[str]], list[list[str]]]
Say = Callable[[str], None]


# --------------------------------------------------------------------------------------------
# baselines
def singletons(values: Sequence[str]) -> list[list[str]]:
    """Every value alone (what an untouched column is)."""
    return [[v] for v in values]


# Latin letters that do not decompose (ß, æ, ...), as OpenRefine's fingerprint keyer folds them.
_NON_DIACRITICS = str.maketrans({"ß": "ss", "æ": "ae", "ø": "oe", "œ": "oe", "ð": "d", "đ": "d",
                                 "þ": "th", "ħ": "h", "ı": "i", "ĸ": "k", "ł": "l", "ŋ": "n",
                                 "ſ": "s", "ŧ": "t"})


def _openrefine_fold(text: str) -> str:
    """OpenRefine's strong normalisation: trim, lower case, diacritics (and modifier letters
    and symbols) stripped after NFKD, non-decomposing letters spelled out, punctuation and
    control characters (not whitespace) removed."""
    s = unicodedata.normalize("NFKD", text.strip().lower())
    s = "".join(c for c in s if unicodedata.category(c) not in ("Mn", "Lm", "Sk"))
    s = s.translate(_NON_DIACRITICS)
    return "".join(c for c in s if not unicodedata.category(c).startswith("P")
                   and not (unicodedata.category(c) == "Cc" and not c.isspace()))


def fingerprint_key(text: str) -> str:
    """OpenRefine's fingerprint key: the folded text's unique words, sorted, joined by spaces.

    Examples
    --------
    >>> fingerprint_key("  Tianbing Aerospace Co., Ltd. ")
    'aerospace co ltd tianbing'
    >>> fingerprint_key("Ltd. Co., Aerospace  TIANBING") == fingerprint_key("Tianbing Aerospace Co., Ltd.")
    True
    """
    return " ".join(sorted(set(_openrefine_fold(text).split())))


def ngram_fingerprint_key(text: str, n: int = 2) -> str:
    """OpenRefine's n-gram fingerprint key: the folded text without whitespace, its unique
    character ``n``-grams sorted and concatenated.

    Examples
    --------
    >>> ngram_fingerprint_key("Paris")
    'arispari'
    >>> ngram_fingerprint_key("Pa ris") == ngram_fingerprint_key("paris")
    True
    """
    s = re.sub(r"\s+", "", _openrefine_fold(text))
    return "".join(sorted({s[i : i + n] for i in range(len(s) - n + 1)}))


def key_collision(values: Sequence[str], key: Callable[[str], str]) -> list[list[str]]:
    """Values with the same key form a cluster (OpenRefine's key collision method)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for v in values:
        groups[key(v)].append(v)
    return list(groups.values())


def _components(n: int, edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return list(groups.values())


def rapidfuzz_single_link(values: Sequence[str], *, threshold: float, chunk: int = 2000,
                          workers: int = 1) -> list[list[str]]:
    """Single-link clusters of the pairs whose ``token_sort_ratio`` (``default_process``) is at
    least ``threshold``, over all pairs (``process.cdist`` in row chunks)."""
    import numpy as np
    from rapidfuzz import fuzz, process, utils

    processed = [utils.default_process(v) for v in values]
    edges: list[tuple[int, int]] = []
    for start in range(0, len(values), chunk):
        block = process.cdist(processed[start : start + chunk], processed, scorer=fuzz.token_sort_ratio,
                              score_cutoff=threshold, dtype=np.float64, workers=workers)
        rows, cols = np.nonzero(block >= threshold)
        edges += [(start + int(r), int(c)) for r, c in zip(rows, cols, strict=True) if start + r < c]
    return [[values[i] for i in group] for group in _components(len(values), edges)]


def _member_value(member: Any) -> str:
    """A member's value: a string, a ``(value, count)`` pair or an object with ``.value``."""
    if isinstance(member, str):
        return member
    if isinstance(member, tuple) and member and isinstance(member[0], str):
        return member[0]
    value = getattr(member, "value", None)
    if isinstance(value, str):
        return value
    raise TypeError(f"cannot read a value from cluster member {member!r}")


AERONORM = "aeronorm.cluster"
AERONORM_WITH_PARENT = "aeronorm.cluster with_parent"


def aeronorm_clusterer(*, threshold: float | None = None, units: str | None = None) -> Clusterer | None:
    """``aeronorm.cluster`` as a :data:`Clusterer`, or None when the package has none."""
    fn = getattr(aeronorm, "cluster", None)
    if fn is None:
        return None
    options: dict[str, Any] = {} if threshold is None else {"threshold": threshold}
    if units is not None:
        options["units"] = units

    def run(values: Sequence[str]) -> list[list[str]]:
        return [[_member_value(m) for m in c.members] for c in fn(list(values), **options)]

    return run


def baselines(*, workers: int = 1) -> dict[str, Clusterer]:
    return {
        "every value alone": singletons,
        "fingerprint": lambda vs: key_collision(vs, fingerprint_key),
        "2-gram fingerprint": lambda vs: key_collision(vs, ngram_fingerprint_key),
        "rapidfuzz token_sort >= 85": lambda vs: rapidfuzz_single_link(vs, threshold=85, workers=workers),
        "rapidfuzz token_sort >= 95": lambda vs: rapidfuzz_single_link(vs, threshold=95, workers=workers),
    }


# --------------------------------------------------------------------------------------------
# columns
def dev_column(aliases: Path, scorer: Path | None = None) -> tuple[list[str], list[str]]:
    """The dev alias set as one column: distinct variant values and their true clusters.

    Rows the dev scorer does not count as synonyms (its ``NOT_SYNONYMS`` flags) are left out,
    and so are values that the data gives to two clusters (casefolded, as the scorer does).
    """
    score = load_scorer(aliases, scorer)
    rows = score.load(aliases)
    not_synonyms = set(getattr(score, "NOT_SYNONYMS", ()))
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        owners[r["variant"].casefold()].add(r["cluster"])
    values: list[str] = []
    truth: list[str] = []
    seen: set[str] = set()
    for r in rows:
        v = r["variant"]
        flags = set(filter(None, (r.get("flags") or "").split(",")))
        if v in seen or flags & not_synonyms or len(owners[v.casefold()]) > 1 or not v.strip():
            continue
        seen.add(v)
        values.append(v)
        truth.append(r["cluster"])
    return values, truth


_SIZE_WEIGHTS = (0.15, 0.2, 0.2, 0.2, 0.15, 0.1)  # values per entity: 1..6, mean 3.3


def synthetic_column(n_values: int, *, seed: int = 0) -> tuple[list[str], list[str]]:
    """``n_values`` distinct synthetic values and their entities: for each entity one to six
    of its name, another rendering, the name upper- or lower-cased, a hard variant (a typo in
    the brand, words dropped and reordered) and its Chinese name."""
    rng = random.Random(seed)
    corpus = make_corpus(int(n_values / 2.5) + 50, seed=seed, include_shipped=False)
    values: list[str] = []
    truth: list[str] = []
    seen: set[str] = set()
    for eid, org in corpus.orgs.items():
        name = org.english()
        alt = org.alias_choice(rng)
        cased = name.upper() if rng.random() < 0.5 else name.lower()
        forms = [name, cased, fuzzy_variant(org, rng)[0], org.zh]
        if alt is not None:
            forms.append(org.english(alt))
        rng.shuffle(forms)
        k = rng.choices(range(1, 7), weights=_SIZE_WEIGHTS)[0]
        for v in [name, *forms][:k]:
            if v not in seen and len(values) < n_values:
                seen.add(v)
                values.append(v)
                truth.append(eid)
        if len(values) >= n_values:
            return values, truth
    raise ValueError(f"the corpus gave only {len(values)} of {n_values} values")


# --------------------------------------------------------------------------------------------
# 1. the dev column
@dataclass
class Result:
    method: str
    scores: ClusterScores | None  # None: not available
    seconds: float | None = None
    issues: dict[str, int] | None = None
    note: str = ""

    def meets(self) -> tuple[bool, bool]:
        """(pairwise target met, B-cubed target met)."""
        s = self.scores
        if s is None:
            return False, False
        pair = ((s.pairwise_precision or 0.0) >= PAIR_PRECISION_TARGET
                and s.pairwise_recall >= PAIR_RECALL_TARGET)
        return pair, s.bcubed_f1 >= BCUBED_F1_TARGET

    def to_json(self) -> dict[str, Any]:
        pair, b3 = self.meets()
        return {"method": self.method, "scores": self.scores.to_json() if self.scores else None,
                "seconds": self.seconds, "issues": self.issues, "note": self.note,
                "pairwise_target_met": pair, "bcubed_target_met": b3}


def score_methods(values: Sequence[str], truth: Sequence[str], methods: dict[str, Clusterer | None]
                  ) -> list[Result]:
    out = []
    for name, fn in methods.items():
        if fn is None:
            out.append(Result(name, None, note="not available"))
            continue
        gc.collect()
        start = time.perf_counter()
        groups = fn(values)
        seconds = time.perf_counter() - start
        labels, issues = labels_from_clusters(values, groups)
        out.append(Result(name, cluster_scores(labels, truth), seconds, issues))
    return out


def _num(x: float | None, digits: int = 3) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def format_results(results: Sequence[Result]) -> list[str]:
    head = (f"{'method':28} {'clusters':>8} | {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} | {'pair P':>6} "
            f"{'pair R':>6} | {'seconds':>7} | pairwise target | B-cubed target")
    lines = [head, "-" * len(head)]
    for r in results:
        s = r.scores
        if s is None:
            lines.append(f"{r.method:28} {'':>8} | {r.note:^20} | {'':>13} | {'':>7} | {'FAIL':15} | FAIL")
            continue
        pair, b3 = r.meets()
        lines.append(f"{r.method:28} {s.predicted_clusters:>8} | {s.bcubed_precision:6.3f} "
                     f"{s.bcubed_recall:6.3f} {s.bcubed_f1:6.3f} | "
                     f"{_num(s.pairwise_precision):>6} {_num(s.pairwise_recall):>6} | "
                     f"{r.seconds:7.2f} | {'PASS' if pair else 'FAIL':15} | {'PASS' if b3 else 'FAIL'}")
        ref = ISSUE_TABLE.get(r.method)
        if ref is not None:
            lines.append(f"{'  (issue 17 table)':28} {'':>8} | {_num(ref[0]):>6} {_num(ref[1]):>6} "
                         f"{_num(ref[2]):>6} | {_num(ref[3]):>6} {_num(ref[4]):>6} |")
        bad = {k: v for k, v in (r.issues or {}).items() if v}
        if bad:
            lines.append(f"{'':28} warning: members {bad} (missing values scored as singletons)")
    return lines


def bench_dev(aliases: Path, scorer: Path | None, *, threshold: float | None, workers: int,
              say: Say = print) -> dict[str, Any]:
    values, truth = dev_column(aliases, scorer)
    methods: dict[str, Clusterer | None] = dict(baselines(workers=workers))
    methods[AERONORM] = aeronorm_clusterer(threshold=threshold)
    methods[AERONORM_WITH_PARENT] = aeronorm_clusterer(threshold=threshold, units="with_parent")
    results = score_methods(values, truth, methods)
    say(f"[1] dev alias set as one column: {len(values)} distinct values in {len(set(truth))} true clusters "
        f"({sum(s - 1 for s in _sizes(truth))} values share a cluster with an earlier one)")
    if methods["aeronorm.cluster"] is None:
        say("    aeronorm.cluster: not available")
    for line in format_results(results):
        say("    " + line)
    say(f"    targets: pairwise precision >= {PAIR_PRECISION_TARGET} with recall >= {PAIR_RECALL_TARGET}; "
        f"B-cubed F1 >= {BCUBED_F1_TARGET}; "
        + "; ".join(f"{r.method}: " + ("not available -> FAIL" if r.scores is None else
                                       " / ".join("PASS" if ok else "FAIL" for ok in r.meets()))
                    for r in results if r.method in (AERONORM, AERONORM_WITH_PARENT)))
    report = {"values": len(values), "true_clusters": len(set(truth)),
              "results": [r.to_json() for r in results]}
    if methods["aeronorm.cluster"] is not None:
        say("")
        report["aeronorm_detail"] = aeronorm_detail(values, truth, threshold=threshold, say=say)
    return report


# --------------------------------------------------------------------------------------------
# 1b. aeronorm.cluster in detail: by evidence, by threshold, by true cluster size, by fold
SWEEP = (0.85, 0.9, 0.95)
FOLDS = 5
_SIZE_BANDS = ((2, 2), (3, 3), (4, 4), (5, 6), (7, 10), (11, 10**9))


def _fold(label: str, folds: int) -> int:
    """The dev scorer's fold of a cluster (``score.py --folds``): a hash of its label."""
    return int(hashlib.sha256(("f" + label).encode()).hexdigest(), 16) % folds


def aeronorm_detail(values: Sequence[str], truth: Sequence[str], *, threshold: float | None,
                    folds: int = FOLDS, say: Say = print) -> dict[str, Any]:
    """What the aeronorm row is made of: which evidence joined members and how often wrongly
    (a member and the member it was joined to in different true clusters), the row at higher
    thresholds, the true pairs found per size of true cluster, and the row on each fold of
    clusters clustered as its own column (mean and worst fold, beside the best baseline)."""
    cluster = aeronorm.cluster
    options = {} if threshold is None else {"threshold": threshold}
    clusters = cluster(list(values), **options)
    rolled = cluster(list(values), units="with_parent", **options)
    owner = dict(zip(values, truth, strict=True))
    say("[1b] aeronorm.cluster in detail")
    joins = _joins(clusters, owner)
    rolled_joins = _joins(rolled, owner)
    for name, by_kind in ((AERONORM, joins), (AERONORM_WITH_PARENT, rolled_joins)):
        say(f"    joins by evidence, {name} (a member and the member it joined; wrong: in two true "
            "clusters): " + ", ".join(f"{k} {n} ({w} wrong)"
                                      for k, (n, w) in sorted(by_kind.items(), key=lambda kv: -kv[1][0])))
    sweep = {}
    for t in SWEEP:
        groups = [[m.value for m in c.members] for c in cluster(list(values), threshold=t)]
        sc = cluster_scores(labels_from_clusters(values, groups)[0], truth)
        sweep[t] = sc.to_json()
        say(f"    threshold {t:.2f}: B3 P/R/F1 {sc.bcubed_precision:.3f} / {sc.bcubed_recall:.3f} / "
            f"{sc.bcubed_f1:.3f}, pairwise P/R {_num(sc.pairwise_precision)} / {sc.pairwise_recall:.3f}")
    members: dict[str, list[str]] = defaultdict(list)
    for v, t in zip(values, truth, strict=True):
        members[t].append(v)
    bands = _bands(clusters, members)
    rolled_bands = _bands(rolled, members)
    for name, found in ((AERONORM, bands), (AERONORM_WITH_PARENT, rolled_bands)):
        say(f"    true pairs found, by size of the true cluster, {name}: "
            + ", ".join(f"{b['size']}: {b['found']}/{b['pairs']}" for b in found))
    big = sum(b["pairs"] for b in bands if b["size"] in ("7-10", "11+"))
    say(f"    ({big} of {sum(b['pairs'] for b in bands)} true pairs are in clusters of 7 values or more: "
        "an entity listed with its sub-units, institutes and subsidiaries, which are other entities)")
    per_fold = []
    best = "rapidfuzz token_sort >= 85"
    for k in range(folds):
        idx = [i for i, t in enumerate(truth) if _fold(t, folds) == k]
        vs, ts = [values[i] for i in idx], [truth[i] for i in idx]
        row = {"fold": k, "values": len(vs)}
        pair = (("aeronorm.cluster", aeronorm_clusterer(threshold=threshold)), (best, baselines()[best]))
        for name, fn in pair:
            sc = cluster_scores(labels_from_clusters(vs, fn(vs))[0], ts)  # type: ignore[misc]
            row[name] = sc.to_json()
        per_fold.append(row)
    for name in ("aeronorm.cluster", best):
        f1 = [r[name]["bcubed_f1"] for r in per_fold]
        pp = [r[name]["pairwise_precision"] for r in per_fold if r[name]["pairwise_precision"] is not None]
        pr = [r[name]["pairwise_recall"] for r in per_fold]
        say(f"    {folds} folds of clusters, each its own column: {name}: B3 F1 mean {sum(f1) / len(f1):.3f} "
            f"worst {min(f1):.3f}; pairwise P mean {sum(pp) / max(1, len(pp)):.3f} worst "
            f"{min(pp, default=float('nan')):.3f}; pairwise R mean {sum(pr) / len(pr):.3f} "
            f"worst {min(pr):.3f}")
    return {"joins": {k: {"joins": n, "wrong": w} for k, (n, w) in joins.items()}, "thresholds": sweep,
            "pairs_by_size": bands, "folds": per_fold,
            "with_parent": {"joins": {k: {"joins": n, "wrong": w} for k, (n, w) in rolled_joins.items()},
                            "pairs_by_size": rolled_bands}}


def _joins(clusters: Any, owner: dict[str, str]) -> dict[str, list[int]]:
    """Joins by kind of evidence: [joins, wrong] (a member and the member it joined in two true
    clusters)."""
    joins: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for c in clusters:
        for m in c.members:
            ev = m.evidence
            if ev is not None and ev.via is not None:
                joins[ev.kind][0] += 1
                joins[ev.kind][1] += owner[ev.via] != owner[m.value]
    return joins


def _bands(clusters: Any, members: dict[str, list[str]]) -> list[dict[str, Any]]:
    """True pairs found, by size of the true cluster."""
    label = {m.value: k for k, c in enumerate(clusters) for m in c.members}
    bands = []
    for lo, hi in _SIZE_BANDS:
        found = total = 0
        for group in members.values():
            if lo <= len(group) <= hi:
                for i, a in enumerate(group):
                    for b in group[i + 1 :]:
                        total += 1
                        found += label[a] == label[b]
        name = f"{lo}" if lo == hi else (f"{lo}-{hi}" if hi < 10**9 else f"{lo}+")
        bands.append({"size": name, "found": found, "pairs": total})
    return bands


def _sizes(labels: Sequence[str]) -> list[int]:
    counts: dict[str, int] = defaultdict(int)
    for x in labels:
        counts[x] += 1
    return list(counts.values())


# --------------------------------------------------------------------------------------------
# 2. scaling, each run in a fresh interpreter
def _rss_bytes() -> int | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def _peak_rss_bytes() -> int | None:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def _reset_peak_rss() -> bool:
    """Reset the kernel's resident-set high-water mark (Linux: ``clear_refs`` 5)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _scale_child(method: str, src: Path, dst: Path, threshold: float | None, *, trace: bool = False) -> None:
    """Cluster the values of ``src`` with ``method``; write labels, time and resident memory to
    ``dst`` or, with ``trace``, only tracemalloc's peak (tracing slows the call: not timed)."""
    data = json.loads(src.read_text(encoding="utf-8"))
    fn = aeronorm_clusterer(threshold=threshold) if method == "aeronorm.cluster" else baselines()[method]
    if fn is None:
        raise SystemExit(f"{method} is not available")
    fn(data["warmup"])  # load shared resources and lazy tables before measuring
    values = data["values"]
    gc.collect()
    if trace:
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        fn(values)
        peak = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
        dst.write_text(json.dumps({"traced_peak_bytes": peak}), encoding="utf-8")
        return
    reset = _reset_peak_rss()
    before = _rss_bytes()
    maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start, cpu = time.perf_counter(), time.process_time()
    groups = fn(values)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    if reset and before is not None and (peak := _peak_rss_bytes()) is not None:
        growth, how = peak - before, "peak RSS (VmHWM, reset before the call) minus RSS before it"
    else:
        growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - maxrss_before
        how = "growth of ru_maxrss during the call (a lower bound)"
    labels, issues = labels_from_clusters(values, groups)
    dst.write_text(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "memory_bytes": growth,
                               "memory_method": how, "labels": labels, "issues": issues}), encoding="utf-8")


def _run_child(method: str, values: list[str], warmup: list[str], threshold: float | None,
               timeout: float, *, trace: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.json", Path(tmp) / "out.json"
        src.write_text(json.dumps({"values": values, "warmup": warmup}, ensure_ascii=False), encoding="utf-8")
        cmd = [sys.executable, str(Path(__file__).resolve()), "--scale-child", method, str(src), str(dst)]
        if threshold is not None:
            cmd += ["--threshold", str(threshold)]
        if trace:
            cmd.append("--trace")
        proc = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True, timeout=timeout, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"{method} child failed ({proc.returncode}): {proc.stderr[-2000:]}")
        return json.loads(dst.read_text(encoding="utf-8"))


def growth_exponent(n1: float, y1: float, n2: float, y2: float) -> float | None:
    """``log(y2 / y1) / log(n2 / n1)``: 1 for linear growth; None when not measurable.

    Examples
    --------
    >>> round(growth_exponent(10, 3.0, 100, 30.0), 6)
    1.0
    """
    if y1 <= 0 or y2 <= 0 or n1 <= 0 or n2 <= n1:
        return None
    return math.log(y2 / y1) / math.log(n2 / n1)


def nlogn_exponent(n1: float, n2: float) -> float:
    """The growth exponent of ``n log n`` between ``n1`` and ``n2`` (1.10 from 10k to 100k)."""
    return math.log((n2 * math.log(n2)) / (n1 * math.log(n1))) / math.log(n2 / n1)


def bench_scaling(sizes: Sequence[int], *, seed: int, threshold: float | None, timeout: float,
                  trace: bool = True, say: Say = print) -> dict[str, Any]:
    methods = ["fingerprint"]
    available = aeronorm_clusterer() is not None
    if available:
        methods.insert(0, "aeronorm.cluster")
    columns = {n: synthetic_column(n, seed=seed) for n in sizes}
    warmup = synthetic_column(200, seed=seed + 1000)[0]
    say(f"[2] scaling on distinct synthetic values ({', '.join(f'{n:,}' for n in sizes)}), "
        "each run in a fresh interpreter after a warm-up call")
    if not available:
        say("    aeronorm.cluster: not available (only the fingerprint baseline is measured)")
    runs: dict[str, dict[int, dict[str, Any]]] = {}
    for method in methods:
        runs[method] = {}
        for n in sizes:
            values, truth = columns[n]
            out = _run_child(method, values, warmup, threshold, timeout)
            labels = out.pop("labels")
            out["scores"] = cluster_scores(labels, truth).to_json()
            if trace:
                out.update(_run_child(method, values, warmup, threshold, timeout, trace=True))
            runs[method][n] = out
    mb = 1024 * 1024
    memory_key = "traced_peak_bytes" if trace else "memory_bytes"
    head = (f"{'method':18} {'values':>8} | {'wall s':>8} {'CPU s':>8} | {'RSS MB':>7} {'traced MB':>9} | "
            f"{'B3 F1':>6} {'pair P':>6} {'pair R':>6}")
    say("    " + head)
    say("    " + "-" * len(head))
    for method, by_n in runs.items():
        for n, r in by_n.items():
            s = r["scores"]
            say(f"    {method:18} {n:>8,} | {r['seconds']:8.2f} {r['cpu_seconds']:8.2f} | "
                f"{r['memory_bytes'] / mb:7.1f} {r.get('traced_peak_bytes', math.nan) / mb:9.1f} | "
                f"{s['bcubed_f1']:6.3f} {_num(s['pairwise_precision']):>6} "
                f"{s['pairwise_recall']:6.3f}")
    n1, n2 = sizes[0], sizes[-1]
    expected = nlogn_exponent(n1, n2)
    growth: dict[str, dict[str, float | None]] = {}
    for method, by_n in runs.items():
        growth[method] = {
            "time": growth_exponent(n1, by_n[n1]["cpu_seconds"], n2, by_n[n2]["cpu_seconds"]),
            "wall": growth_exponent(n1, by_n[n1]["seconds"], n2, by_n[n2]["seconds"]),
            "memory": growth_exponent(n1, by_n[n1][memory_key], n2, by_n[n2][memory_key]),
            "rss": growth_exponent(n1, by_n[n1]["memory_bytes"], n2, by_n[n2]["memory_bytes"]),
        }
        g = growth[method]
        say(f"    growth exponent {n1:,} -> {n2:,}: {method}: CPU time {_num(g['time'], 2)}, "
            f"wall {_num(g['wall'], 2)}, memory {_num(g['memory'], 2)} (RSS {_num(g['rss'], 2)}) "
            f"(n log n: {expected:.2f}, linear: 1.00)")
    say(f"    RSS MB: {runs['fingerprint'][n1]['memory_method']}; traced MB: tracemalloc's peak during "
        "the call, in a second run (the memory exponent and target use it"
        + ("" if trace else "; not measured: --no-tracemalloc, RSS used instead") + ")")
    targets: dict[str, bool] = {}
    if available:
        g = growth["aeronorm.cluster"]
        targets["time growth <= n log n"] = g["time"] is not None and g["time"] <= expected + SLACK
        targets["memory growth <= linear"] = g["memory"] is not None and g["memory"] <= 1.0 + SLACK
        if n2 >= 100_000:
            targets["100,000 values <= 5 min"] = runs["aeronorm.cluster"][n2]["seconds"] <= MAX_SECONDS_100K
        ratio = runs["aeronorm.cluster"][n2]["seconds"] / max(1e-9, runs["fingerprint"][n2]["seconds"])
        say(f"    aeronorm.cluster / fingerprint wall time at {n2:,}: {ratio:.1f}x")
    else:
        targets = {"time growth <= n log n": False, "memory growth <= linear": False}
    for label, ok in targets.items():
        say(f"    target {label} (slack {SLACK}): "
            + ("PASS" if ok else "FAIL" + ("" if available else " (aeronorm.cluster not available)")))
    return {"sizes": list(sizes), "nlogn_exponent": expected,
            "runs": {m: {str(n): r for n, r in by_n.items()} for m, by_n in runs.items()},
            "growth": growth, "targets": targets, "aeronorm_available": available}


# --------------------------------------------------------------------------------------------
def _meta(args: argparse.Namespace) -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True,
                            text=True, check=False).stdout.strip() or None
    return {"aeronorm": aeronorm.__version__, "commit": commit, "python": platform.python_version(),
            "cpus": os.cpu_count(), "loadavg": os.getloadavg() if hasattr(os, "getloadavg") else None,
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}}


def _kept_scaling(path: Path) -> dict[str, Any]:
    """The scaling section of an earlier results file, marked as kept (with its commit)."""
    try:
        earlier = json.loads(path.read_text(encoding="utf-8"))
        scaling = earlier["scaling"]
    except (OSError, ValueError, KeyError) as exc:
        raise SystemExit(f"--keep-scaling: no earlier scaling figures in {path} ({exc})") from None
    commit = scaling.get("kept_from") or earlier.get("meta", {}).get("commit")
    print(f"[2] scaling not run (--keep-scaling): figures kept from {path.name} at commit {commit}")
    for method, g in scaling.get("growth", {}).items():
        print(f"    {method}: growth exponent CPU time {_num(g.get('time'), 2)}, "
              f"memory {_num(g.get('memory'), 2)}")
    return {**scaling, "kept_from": commit}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="scaling at 1,000 and 4,000 values")
    parser.add_argument("--sizes", type=int, nargs=2, metavar=("N1", "N2"),
                        help="scaling sizes (default 10,000 100,000; quick 1,000 4,000)")
    parser.add_argument("--dev-aliases", type=Path, default=DEFAULT_ALIASES,
                        help=f"the dev alias set, read if present (default {DEFAULT_ALIASES})")
    parser.add_argument("--dev-scorer", type=Path,
                        help="the dev scorer (default: score.py beside the aliases)")
    parser.add_argument("--threshold", type=float, help="passed to aeronorm.cluster (default: its own)")
    parser.add_argument("--workers", type=int, default=1, help="rapidfuzz cdist threads (default 1)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per scaling run (default 1800)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON results (default {DEFAULT_OUT})")
    parser.add_argument("--keep-scaling", action="store_true",
                        help="skip part 2; keep the scaling figures of the results file already at --out")
    parser.add_argument("--no-tracemalloc", action="store_true",
                        help="skip the second, traced run per size (memory growth from RSS instead)")
    parser.add_argument("--scale-child", nargs=3, metavar=("METHOD", "IN", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale_child:
        method, src, dst = args.scale_child
        _scale_child(method, Path(src), Path(dst), args.threshold, trace=args.trace)
        return 0
    sizes = args.sizes or ((1_000, 4_000) if args.quick else (10_000, 100_000))
    if not 0 < sizes[0] < sizes[1]:
        parser.error("--sizes wants two increasing positive sizes")

    started = time.perf_counter()
    print(f"aeronorm {aeronorm.__version__}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    targets = {"pairwise_precision": PAIR_PRECISION_TARGET, "pairwise_recall": PAIR_RECALL_TARGET,
               "bcubed_f1": BCUBED_F1_TARGET}
    report: dict[str, Any] = {"meta": _meta(args), "targets": targets}
    reason = missing_reason(args.dev_aliases, args.dev_scorer)
    if reason:
        print(f"[1] dev column skipped: {reason}")
        report["dev"] = {"skipped": reason}
    else:
        report["dev"] = bench_dev(args.dev_aliases, args.dev_scorer, threshold=args.threshold,
                                  workers=args.workers)
    print()
    if args.keep_scaling:
        report["scaling"] = _kept_scaling(args.out)
    else:
        report["scaling"] = bench_scaling(sizes, seed=args.seed, threshold=args.threshold,
                                          timeout=args.timeout, trace=not args.no_tracemalloc)
    failed = []
    for aero in report["dev"].get("results", []):
        if aero["method"] not in (AERONORM, AERONORM_WITH_PARENT):
            continue
        which = "" if aero["method"] == AERONORM else " (with_parent)"
        if not aero["pairwise_target_met"]:
            failed.append(f"dev{which}: pairwise precision/recall")
        if not aero["bcubed_target_met"]:
            failed.append(f"dev{which}: B-cubed F1")
    failed += [f"scaling: {k}" for k, ok in report["scaling"]["targets"].items() if not ok]
    elapsed = time.perf_counter() - started
    report["failed"] = failed
    report["elapsed_seconds"] = elapsed
    print()
    print("aeronorm.cluster targets: " + ("FAIL: " + "; ".join(failed) if failed else "all met"))
    if any("with_parent" in f for f in failed):
        print("(with_parent is scored against the dev truth, which keeps some units apart from their parent: "
              "see the wrong unit joins in [1b])")
    print(f"(run took {elapsed:.0f} s)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
