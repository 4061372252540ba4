"""Calibrated scores (issue 13, Build 6): what a score is worth, measured on held-out folds of the dev set.

Run from the repository root::

    python benchmarks/bench_calibration.py          # both modes, the default grid: about a minute
    python benchmarks/bench_calibration.py --json   # ... and write benchmarks/results/calibration.json

The dev alias set (``../shared/dev-eval/aliases_dev.tsv``) is read at run time, never copied: the
glossary and the queries are what the dev scorer's own ``load``/``build`` make (``score.py``
imported by path, modes ``zero`` and ``half``), and the queries fall into the folds of
``score.py --folds 5``: the SHA-256 of ``"f" + cluster`` mod 5, the cluster of each query from the
scorer's ``ORIGIN``. Figures per fold are the scorer's own ``score()``. Without the dev set the
script says so and exits 0.

One ``Normalizer(glossary, threshold=0.0)`` answers every query it can (each answer with its
``Match.score`` and ``Match.method``); from those answers:

1. **Reliability per stage**: for bins of the score (``[0.80,0.85)`` ... and exactly 1.0), how many
   answers and the share right, per fold (right/n) and pooled. An answer to a query of an unknown
   cluster is wrong.
2. **Thresholds**: for each ``t`` of a grid, the answers scoring ``t`` or more kept, per fold and
   pooled: precision, recall, false-accept rate, F1. Because a stage's answer below the threshold
   lets a later stage try, ``Normalizer(glossary, threshold=t)`` is also run at every ``t``: the
   ``run`` columns say whether its figures are the same (``=``) or what they are.
3. **Recommended default threshold**: the lowest ``t`` of the grid with precision >= 0.98 and
   false accepts <= 1 % on every fold of both modes, both by the kept answers and by the run at
   ``t``; its pooled F1 per mode.
4. **Calibrated scores**: per stage and level (a stage that gives at most six distinct scores is
   taken score by score; in the fuzzy stage a score given five times or more, one of its constants,
   is a level of its own and its other scores go by bin), the share of its answers that are right with a
   Beta(1, 1) prior, ``(right + 1) / (n + 2)``, so that a level seen a few times is not taken for
   certain; the 5 % quantile of that posterior; and, held out, the Brier score of the raw and of
   the calibrated scores on each fold when the levels' values are estimated on the other four.
   The recommended value of a level is the lower of the two modes' estimates.

Everything is deterministic: same code, same data, same figures. No dev row is printed or written;
only counts and rates.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # _devset, when imported from elsewhere (tests)
    sys.path.insert(0, str(HERE))

from _devset import DEFAULT_ALIASES, load_scorer, missing_reason  # noqa: E402

import aeronorm  # noqa: E402
from aeronorm import Glossary, Normalizer  # noqa: E402

__all__ = [
    "BINS",
    "DEFAULT_GRID",
    "MODES",
    "Answer",
    "ModeRun",
    "beta_quantile",
    "bin_label",
    "calibrate",
    "collect",
    "find_levels",
    "fold_of",
    "main",
    "parse_grid",
    "recommend",
    "reliability",
    "threshold_rows",
]

DEFAULT_OUT = HERE / "results" / "calibration.json"
MODES = ("zero", "half")
FOLDS = 5
PRECISION_TARGET = 0.98
FA_TARGET = 0.01
#: Score bins ``[lo, hi)``; the last one holds exactly 1.0.
BINS: tuple[tuple[float, float], ...] = (
    (0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.85), (0.85, 0.9), (0.9, 0.95), (0.95, 1.0),
    (1.0, 1.0),
)
#: Coarse below 0.7 (little is answered there), by hundredths above.
DEFAULT_GRID: tuple[float, ...] = (0.0, 0.5, 0.55, 0.6, 0.65, *(round(0.7 + k / 100, 2) for k in range(31)))
#: A stage giving at most this many distinct scores is calibrated score by score; in a stage with
#: more (the fuzzy stage), a score given at least REPEATED times is a level of its own (a constant of
#: the stage, such as the score of a query contained in one name), the other scores go by bin.
DISCRETE_LEVELS = 6
REPEATED = 5
PRIOR = (1.0, 1.0)  # Beta(right, wrong) pseudo-counts: Laplace's rule
LOW_QUANTILE = 0.05

Say = Callable[[str], None]
ScoreFn = Callable[[Sequence[str | None], Sequence[tuple[str, str | None, str]]], dict[str, Any]]


# --------------------------------------------------------------------------------------------
# answers
@dataclass(frozen=True)
class Answer:
    """aeronorm's answer to one query: ``expected`` is the cluster wanted (None: no match
    wanted); ``entity``/``score``/``method`` are None when it abstained even at threshold 0."""

    fold: int
    expected: str | None
    entity: str | None
    score: float | None
    method: str | None

    @property
    def right(self) -> bool:
        return self.entity is not None and self.entity == self.expected


@dataclass
class ModeRun:
    """One mode of the dev protocol: its glossary records, queries, folds and answers."""

    mode: str
    records: list[dict[str, Any]]
    queries: list[tuple[str, str | None, str]]  # (text, expected cluster or None, tier), as score.py
    answers: list[Answer]
    folds: int


def fold_of(cluster: str, folds: int = FOLDS) -> int:
    """The fold of a cluster, as ``score.py --folds N`` computes it."""
    return int(hashlib.sha256(("f" + cluster).encode()).hexdigest(), 16) % folds


def collect(scorer: ModuleType, rows: list[dict[str, str]], mode: str, *, folds: int = FOLDS) -> ModeRun:
    """Build the mode's glossary and queries with the scorer, and answer them at threshold 0."""
    origin = getattr(scorer, "ORIGIN", None)
    if not isinstance(origin, dict):
        raise ImportError("the dev scorer has no ORIGIN mapping (query position -> cluster)")
    origin.clear()  # build() fills it by position; a previous mode's longer list must not linger
    records, queries = scorer.build(rows, mode)
    missing = [i for i in range(len(queries)) if i not in origin]
    if missing:
        raise ValueError(f"the dev scorer gave no cluster for {len(missing)} queries (first: #{missing[0]})")
    normalizer = Normalizer(Glossary.from_records(records), threshold=0.0)
    matches = normalizer.match_many([q[0] for q in queries])
    answers = [
        Answer(fold_of(origin[i], folds), expected,
               None if m is None else m.entity_id, None if m is None else m.score,
               None if m is None else m.method)
        for i, ((_, expected, _), m) in enumerate(zip(queries, matches, strict=True))
    ]
    return ModeRun(mode, records, queries, answers, folds)


# --------------------------------------------------------------------------------------------
# reliability
def bin_label(score: float) -> str:
    """The label of the bin holding ``score``: ``[0.80,0.85)`` or ``1.00``."""
    for lo, hi in BINS:
        if lo == hi == score or lo <= score < hi:
            return f"{lo:.2f}" if lo == hi else f"[{lo:.2f},{hi:.2f})"
    raise ValueError(f"score out of 0..1: {score!r}")


def _bin_order(label: str) -> tuple[float, str]:
    return float(label.strip("[").split(",")[0]), label


def reliability(answers: Sequence[Answer], folds: int) -> dict[str, list[dict[str, Any]]]:
    """Per stage, per score bin: answers and right answers, pooled and per fold."""
    cells: dict[tuple[str, str], list[Counter[str]]] = {}
    for a in answers:
        if a.method is None or a.score is None:
            continue
        per = cells.setdefault((a.method, bin_label(a.score)), [Counter() for _ in range(folds)])
        per[a.fold]["n"] += 1
        per[a.fold]["right"] += a.right
    out: dict[str, list[dict[str, Any]]] = {}
    for (method, label), per in sorted(cells.items(), key=lambda kv: (kv[0][0], _bin_order(kv[0][1]))):
        n, right = sum(c["n"] for c in per), sum(c["right"] for c in per)
        out.setdefault(method, []).append({
            "bin": label, "n": n, "right": right, "share_right": right / n,
            "folds": [{"n": c["n"], "right": c["right"]} for c in per]})
    return out


# --------------------------------------------------------------------------------------------
# thresholds
def parse_grid(text: str) -> tuple[float, ...]:
    """``"0.5:1.0:0.01"`` (start, stop inclusive, step) or ``"0.8,0.9,0.97"``."""
    if ":" in text:
        start, stop, step = (float(x) for x in text.split(":"))
        if step <= 0 or start > stop:
            raise ValueError(f"bad grid {text!r}: want start:stop:step with start <= stop, step > 0")
        count = round((stop - start) / step) + 1
        grid = tuple(round(start + k * step, 4) for k in range(count))
    else:
        grid = tuple(sorted({float(x) for x in text.split(",") if x.strip()}))
    if not grid or not all(0.0 <= t <= 1.0 for t in grid):
        raise ValueError(f"bad grid {text!r}: thresholds must lie in 0..1")
    return grid


def _kept(answers: Sequence[Answer], t: float) -> list[str | None]:
    return [a.entity if a.score is not None and a.score >= t else None for a in answers]


_FOLD_KEYS = ("precision", "recall", "false_accept_rate", "f1", "wrong", "n_known", "n_unknown")


def _per_fold(pred: Sequence[str | None], run: ModeRun, score_fn: ScoreFn) -> dict[str, Any]:
    folds = [a.fold for a in run.answers]
    per = [score_fn([p for p, f in zip(pred, folds, strict=True) if f == k],
                    [q for q, f in zip(run.queries, folds, strict=True) if f == k]) for k in range(run.folds)]
    return {"pooled": score_fn(pred, run.queries), "folds": [{k: f[k] for k in _FOLD_KEYS} for f in per]}


def _meets(figures: Mapping[str, Any]) -> bool:
    return all(f["precision"] >= PRECISION_TARGET and f["false_accept_rate"] <= FA_TARGET
               for f in figures["folds"])


def threshold_rows(run: ModeRun, grid: Iterable[float], *, score_fn: ScoreFn,
                   actual: bool = True) -> list[dict[str, Any]]:
    """Per threshold: the figures of the answers kept at ``t`` (per fold and pooled) and, when
    ``actual``, how many answers of ``Normalizer(glossary, threshold=t)`` differ and, when some
    do, its own figures (``run``; None when it gives the same answers)."""
    glossary = Glossary.from_records(run.records) if actual else None
    texts = [q[0] for q in run.queries]
    rows = []
    for t in grid:
        kept = _kept(run.answers, t)
        row: dict[str, Any] = {"t": t, "kept": _per_fold(kept, run, score_fn)}
        row["meets"] = _meets(row["kept"])
        if glossary is not None:
            got = [None if m is None else m.entity_id
                   for m in Normalizer(glossary, threshold=t).match_many(texts)]
            row["run_differs"] = sum(a != b for a, b in zip(kept, got, strict=True))
            row["run"] = _per_fold(got, run, score_fn) if row["run_differs"] else None
            row["meets"] = row["meets"] and (row["run"] is None or _meets(row["run"]))
        rows.append(row)
    return rows


def recommend(rows_by_mode: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, Any]:
    """The lowest threshold meeting the targets on every fold of every mode (None if none)."""
    grids = [[r["t"] for r in rows] for rows in rows_by_mode.values()]
    if any(g != grids[0] for g in grids):
        raise ValueError("every mode must be measured on the same grid")
    ok = [all(rows[i]["meets"] for rows in rows_by_mode.values()) for i in range(len(grids[0]))]
    if not any(ok):
        return {"threshold": None, "holds_through": None, "f1": {}}
    i = ok.index(True)
    j = i
    while j + 1 < len(ok) and ok[j + 1]:
        j += 1
    figures = {m: (rows[i].get("run") or rows[i]["kept"])["pooled"] for m, rows in rows_by_mode.items()}
    return {"threshold": grids[0][i], "holds_through": grids[0][j],
            "f1": {m: f["f1"] for m, f in figures.items()}, "pooled": figures}


# --------------------------------------------------------------------------------------------
# calibrated scores
def beta_quantile(q: float, right: int, wrong: int, prior: tuple[float, float] = PRIOR) -> float:
    """The ``q`` quantile of Beta(right + prior[0], wrong + prior[1]), for whole-number
    parameters: I_x(a, b) = P(Binomial(a + b - 1, x) >= a), solved for x by bisection.

    Examples
    --------
    >>> round(beta_quantile(0.05, 0, 0), 4)  # Beta(1, 1) is uniform
    0.05
    >>> round(beta_quantile(0.05, 9, 0), 4)  # Beta(10, 1): x ** 10 = 0.05
    0.7411
    """
    a, b = right + prior[0], wrong + prior[1]
    if a != int(a) or b != int(b) or a < 1 or b < 1:
        raise ValueError("beta_quantile needs whole-number parameters of at least 1")
    a, b = int(a), int(b)
    n = a + b - 1

    def cdf(x: float) -> float:  # P(Binomial(n, x) >= a), terms in logs: n may be large
        if x <= 0.0:
            return 0.0
        if x >= 1.0:
            return 1.0
        lx, l1x = math.log(x), math.log1p(-x)
        return sum(math.exp(math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
                            + k * lx + (n - k) * l1x) for k in range(a, n + 1))

    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < q else (lo, mid)
    return (lo + hi) / 2


def _posterior_mean(right: int, n: int) -> float:
    return (right + PRIOR[0]) / (n + PRIOR[0] + PRIOR[1])


Levels = Mapping[str, frozenset[float]]  # per stage, the scores that are levels of their own


def find_levels(answers: Iterable[Answer]) -> dict[str, frozenset[float]]:
    """Per stage, its scores that are calibrated one by one: all of them when the stage gives at
    most :data:`DISCRETE_LEVELS` distinct scores, else those given at least :data:`REPEATED` times."""
    seen: dict[str, Counter[float]] = {}
    for a in answers:
        if a.method is not None and a.score is not None:
            seen.setdefault(a.method, Counter())[a.score] += 1
    return {m: frozenset(c if len(c) <= DISCRETE_LEVELS else (s for s, k in c.items() if k >= REPEATED))
            for m, c in sorted(seen.items())}


def _level(a: Answer, levels: Levels) -> tuple[str, str]:
    assert a.method is not None and a.score is not None
    own = a.score in levels.get(a.method, ())
    return a.method, (f"{a.score:.2f}" if own else bin_label(a.score))


def calibrate(answers: Sequence[Answer], folds: int, levels: Levels, *, at: float) -> dict[str, Any]:
    """Per stage and level: answers, right answers, the Beta-prior estimate and its low
    quantile; the leave-one-fold-out estimates; the held-out Brier scores, raw and calibrated,
    of all answers and of those scoring ``at`` or more."""
    given = [a for a in answers if a.method is not None and a.score is not None]
    counts: dict[tuple[str, str], list[Counter[str]]] = {}
    for a in given:
        per = counts.setdefault(_level(a, levels), [Counter() for _ in range(folds)])
        per[a.fold]["n"] += 1
        per[a.fold]["right"] += a.right
    rows = []
    for (method, level), per in sorted(counts.items(), key=lambda kv: (kv[0][0], _bin_order(kv[0][1]))):
        n, right = sum(c["n"] for c in per), sum(c["right"] for c in per)
        held_out = [_posterior_mean(right - c["right"], n - c["n"]) for c in per]
        rows.append({"stage": method, "level": level, "n": n, "right": right,
                       "calibrated": _posterior_mean(right, n),
                       "low": beta_quantile(LOW_QUANTILE, right, n - right),
                       "held_out_estimates": held_out})
    value = {(x["stage"], x["level"]): x for x in rows}
    brier = {"all": _held_out_brier(given, value, levels, folds),
             "at": at, "at_or_above": _held_out_brier([a for a in given if (a.score or 0.0) >= at],
                                                      value, levels, folds)}
    return {"levels": rows, "brier": brier}


def _held_out_brier(given: Sequence[Answer], value: Mapping[tuple[str, str], Mapping[str, Any]],
                    levels: Levels, folds: int) -> dict[str, Any]:
    per: list[dict[str, Any]] = []
    for k in range(folds):
        mine = [a for a in given if a.fold == k]
        # The fold's own answers are not in its estimate: a level never seen elsewhere gets the prior.
        cal = [value[_level(a, levels)]["held_out_estimates"][k] for a in mine]
        raw = [a.score or 0.0 for a in mine]
        truth = [float(a.right) for a in mine]
        per.append({"n": len(mine), "raw": _brier(raw, truth), "calibrated": _brier(cal, truth)})
    total = sum(b["n"] for b in per)
    pooled = {key: (sum(b[key] * b["n"] for b in per if b[key] is not None) / total if total else None)
              for key in ("raw", "calibrated")}
    return {"folds": per, "pooled": pooled}


def _brier(p: Sequence[float], y: Sequence[float]) -> float | None:
    return sum((a - b) ** 2 for a, b in zip(p, y, strict=True)) / len(p) if p else None


def _stage_at(answers: Sequence[Answer], t: float) -> dict[str, dict[str, Any]]:
    """Per stage, its answers scoring ``t`` or more: n, right, the Beta-prior estimate."""
    c: dict[str, Counter[str]] = {}
    for a in answers:
        if a.method is not None and a.score is not None and a.score >= t:
            c.setdefault(a.method, Counter())["n"] += 1
            c[a.method]["right"] += a.right
    return {m: {"n": x["n"], "right": x["right"], "calibrated": _posterior_mean(x["right"], x["n"]),
                "low": beta_quantile(LOW_QUANTILE, x["right"], x["n"] - x["right"])}
            for m, x in sorted(c.items())}


# --------------------------------------------------------------------------------------------
# printing
def _fold_sizes(run: ModeRun) -> list[tuple[int, int]]:
    known = Counter(a.fold for a in run.answers if a.expected is not None)
    unknown = Counter(a.fold for a in run.answers if a.expected is None)
    return [(known[k], unknown[k]) for k in range(run.folds)]


def _print_reliability(rel: Mapping[str, Sequence[Mapping[str, Any]]], folds: int, say: Say) -> None:
    say(f"  {'stage':13} {'score bin':13} {'n':>5} {'right':>7} | "
        + " ".join(f"{f'fold {k}':>8}" for k in range(folds)))
    for method, bins in rel.items():
        for b in bins:
            say(f"  {method:13} {b['bin']:13} {b['n']:>5} {b['share_right']:>7.1%} | "
                + " ".join(f"{_ratio(c):>8}" for c in b["folds"]))


def _ratio(c: Mapping[str, int]) -> str:
    return f"{c['right']}/{c['n']}" if c["n"] else "-"


def _figs(f: Mapping[str, Any]) -> str:
    return f"{f['precision']:.3f} {f['recall']:.3f} {f['false_accept_rate']:.3f} {f['f1']:.3f}"


def _print_thresholds(rows: Sequence[Mapping[str, Any]], folds: int, say: Say) -> None:
    head = (f"  {'t':>5} | " + " | ".join(f"{f'fold {k}: P R FA F1':^23}" for k in range(folds))
            + f" | {'pooled: P R FA F1':^23} | ok  | run")
    say(head)
    for r in rows:
        kept = r["kept"]
        if "run_differs" not in r:
            run = "-"
        elif r["run"] is None:
            run = "="
        else:  # the run's own figures, where answers differ
            run = (f"{r['run_differs']} answers differ; run pooled {_figs(r['run']['pooled'])}, worst fold "
                   f"P {min(f['precision'] for f in r['run']['folds']):.3f} "
                   f"FA {max(f['false_accept_rate'] for f in r['run']['folds']):.3f}")
        say(f"  {r['t']:>5.2f} | " + " | ".join(_figs(f) for f in kept["folds"])
            + f" | {_figs(kept['pooled'])} | {'yes' if r['meets'] else 'no ':3} | {run}")


def _print_levels(cal: Mapping[str, Any], say: Say) -> None:
    say(f"  {'stage':13} {'level':13} {'n':>5} {'right':>5} {'(r+1)/(n+2)':>11} {'5% low':>7} | "
        "leave-one-fold-out estimates")
    for x in cal["levels"]:
        say(f"  {x['stage']:13} {x['level']:13} {x['n']:>5} {x['right']:>5} {x['calibrated']:>11.3f} "
            f"{x['low']:>7.3f} | " + " ".join(f"{v:.3f}" for v in x["held_out_estimates"]))
    for label, b in (("all answers", cal["brier"]["all"]),
                     (f"answers scoring {cal['brier']['at']:.2f} or more", cal["brier"]["at_or_above"])):
        if not any(f["n"] for f in b["folds"]):
            continue
        say(f"  held-out Brier score of {label} (lower is better), raw score / calibrated: "
            + ", ".join(f"fold {k} {f['raw']:.3f}/{f['calibrated']:.3f}" for k, f in enumerate(b["folds"])
                        if f["n"])
            + f"; pooled {b['pooled']['raw']:.3f}/{b['pooled']['calibrated']:.3f}")


def _print_recommendation(runs: Mapping[str, ModeRun], rec: Mapping[str, Any], cal: Mapping[str, Any],
                          default_t: float, actual: bool, say: Say) -> None:
    t = rec["threshold"]
    say(f"== recommended default threshold (precision >= {PRECISION_TARGET} and false accepts <= "
        f"{FA_TARGET:.0%} on every fold of {' and '.join(runs)}; "
        + ("by the kept answers and the run at t alike)" if actual
           else "by the kept answers only: --no-run)"))
    if t is None:
        say("  none in the grid")
    else:
        say(f"  t = {t:.2f} (every t of the grid from there through {rec['holds_through']:.2f} meets it); "
            "pooled F1 there: "
            + ", ".join(f"{m} {f:.4f}" for m, f in rec["f1"].items()) + f"; current default {default_t:.2f}")
    say("")
    say("== recommended calibrated scores: per stage and level, the lower of the modes' (right+1)/(n+2)")
    modes = list(runs)
    say(f"  {'stage':13} {'level':13} | " + " | ".join(f"{f'{m}: n right est':^20}" for m in modes)
        + " | recommended")
    table: dict[tuple[str, str], dict[str, Mapping[str, Any]]] = {}
    for m in modes:
        for x in cal[m]["levels"]:
            table.setdefault((x["stage"], x["level"]), {})[m] = x
    for (stage, level), by in sorted(table.items(), key=lambda kv: (kv[0][0], _bin_order(kv[0][1]))):
        cells = [f"{by[m]['n']:>5} {by[m]['right']:>5} {by[m]['calibrated']:>7.3f}" if m in by
                 else f"{'-':>19}" for m in modes]
        best = min(by[m]["calibrated"] for m in by)
        say(f"  {stage:13} {level:13} | " + " | ".join(f"{c:^20}" for c in cells) + f" | {best:.3f}")
    for label, key in ((f"the recommended {t:.2f}" if t is not None else None, "at_recommended"),
                       (f"the current default {default_t:.2f}", "at_default")):
        if label is None:
            continue
        say(f"  per stage, its answers at or above {label}: "
            + "; ".join(f"{m}: " + ", ".join(f"{s} {x['right']}/{x['n']} -> {x['calibrated']:.3f}"
                                             for s, x in cal[m][key].items()) for m in modes))


# --------------------------------------------------------------------------------------------
def run(aliases: Path, scorer_path: Path | None = None, *, grid: Sequence[float] = DEFAULT_GRID,
        actual: bool = True, say: Say = print) -> dict[str, Any]:
    """Measure both modes and print the tables; returns the report (no dev row in it)."""
    scorer = load_scorer(aliases, scorer_path)
    if not callable(getattr(scorer, "score", None)):
        raise ImportError("the dev scorer has no score() function")
    rows = scorer.load(aliases)
    runs = {mode: collect(scorer, rows, mode) for mode in MODES}
    default_t = Normalizer(Glossary.from_records(runs["zero"].records[:1])).threshold
    levels = find_levels(a for r in runs.values() for a in r.answers)
    thresholds = {m: threshold_rows(r, grid, score_fn=scorer.score, actual=actual) for m, r in runs.items()}
    rec = recommend(thresholds)
    report: dict[str, Any] = {"modes": {}, "recommendation": rec, "current_default_threshold": default_t,
                              "targets": {"precision": PRECISION_TARGET, "false_accept_rate": FA_TARGET},
                              "levels": {m: sorted(v) for m, v in levels.items()},
                              "bins": [list(b) for b in BINS]}
    cal: dict[str, Any] = {}
    for mode, r in runs.items():
        cal[mode] = calibrate(r.answers, r.folds, levels, at=default_t)
        cal[mode]["at_default"] = _stage_at(r.answers, default_t)
        if rec["threshold"] is not None:
            cal[mode]["at_recommended"] = _stage_at(r.answers, rec["threshold"])
        rel = reliability(r.answers, r.folds)
        answered = [a for a in r.answers if a.entity is not None]
        sizes = _fold_sizes(r)
        say(f"== mode {mode}: {len(r.records)} entities, {len(r.queries)} queries "
            f"({sum(k for k, _ in sizes)} known, {sum(u for _, u in sizes)} unknown), {r.folds} folds of "
            "clusters (known/unknown queries: " + ", ".join(f"{k}/{u}" for k, u in sizes) + ")")
        say(f"  at threshold 0: {len(answered)} answers, {sum(a.right for a in answered)} right; "
            f"{len(r.answers) - len(answered)} abstentions")
        say("-- reliability by stage (answers at threshold 0; per fold right/n; an answer to an unknown "
            "name is wrong)")
        _print_reliability(rel, r.folds, say)
        say("-- thresholds: the answers scoring t or more, per fold and pooled (P precision, R recall, FA "
            "false-accept rate); ok: P >= 0.98 and FA <= 1% on every fold; run: Normalizer(threshold=t) "
            "gives the same answers (=) or not")
        _print_thresholds(thresholds[mode], r.folds, say)
        say("-- calibrated scores by stage and level (a level is a score itself for a stage giving at most "
            f"{DISCRETE_LEVELS} distinct scores or a score given {REPEATED}+ times; else the bin of the "
            "stage's other scores)")
        _print_levels(cal[mode], say)
        say("")
        report["modes"][mode] = {"entities": len(r.records), "queries": len(r.queries),
                                 "fold_sizes": [{"known": k, "unknown": u} for k, u in sizes],
                                 "answers_at_0": len(answered), "reliability": rel,
                                 "thresholds": thresholds[mode], "calibration": cal[mode]}
    _print_recommendation(runs, rec, cal, default_t, actual, say)
    return report


def _meta(args: argparse.Namespace) -> dict[str, Any]:
    """The commit, and whether the aeronorm measured is that commit's: the package imported may
    be another copy (PYTHONPATH), or the work tree may have changes under aeronorm/."""
    def git(*cmd: str) -> str:
        return subprocess.run(["git", *cmd], cwd=HERE, capture_output=True, text=True,
                              check=False).stdout.strip()

    package = Path(aeronorm.__file__).resolve().parent
    in_tree = package == HERE.parent / "aeronorm"
    return {"aeronorm": aeronorm.__version__, "commit": git("rev-parse", "--short", "HEAD") or None,
            "package": str(package),
            "package_modified": bool(git("status", "--porcelain", "--", "aeronorm")) if in_tree else None,
            "python": platform.python_version(), "cpus": os.cpu_count(),
            "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dev-aliases", type=Path, default=DEFAULT_ALIASES,
                        help=f"the dev alias set (default {DEFAULT_ALIASES})")
    parser.add_argument("--dev-scorer", type=Path,
                        help="the dev scorer (default: score.py beside the aliases)")
    parser.add_argument("--grid", type=parse_grid, default=DEFAULT_GRID,
                        help="thresholds: start:stop:step or a comma list (default 0, 0.5..0.65 by 0.05, "
                             "0.70..1.00 by 0.01)")
    parser.add_argument("--no-run", action="store_true",
                        help="do not run Normalizer(threshold=t) at each t (the kept answers only)")
    parser.add_argument("--json", action="store_true", help="write the results as JSON (see --out)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON path (default {DEFAULT_OUT})")
    args = parser.parse_args(argv)

    meta = _meta(args)
    where = {True: " (with uncommitted changes under aeronorm/)", False: "",
             None: f" (the package imported from {meta['package']})"}[meta["package_modified"]]
    print(f"aeronorm {aeronorm.__version__}, repository at {meta['commit']}{where}, "
          f"Python {platform.python_version()}")
    reason = missing_reason(args.dev_aliases, args.dev_scorer)
    if reason:
        print(f"[calibration] skipped: {reason}")
        report: dict[str, Any] = {"skipped": reason}
    else:
        report = run(args.dev_aliases, args.dev_scorer, grid=args.grid, actual=not args.no_run)
    if args.json:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"meta": meta, **report}, indent=1) + "\n", encoding="utf-8")
        print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
