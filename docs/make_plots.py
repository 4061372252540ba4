"""Draw the figures of the docs: which stage resolves the dev-set queries, and the benchmarks.

    pip install matplotlib            # a docs dependency, not a runtime one
    python docs/make_plots.py         # writes docs/images/*.png

* ``stages.png``: the dev-set queries of ``/work/shared/dev-eval`` (or ``$AERONORM_DEV_EVAL``),
  built with that directory's own ``score.py`` (``load``/``build``, imported by path; no row is
  copied here), resolved with ``Normalizer.match_many``, and counted by ``Match.method``: right,
  wrong, or abstained. Skipped when the dev set is not there.
* ``perf_find.png``: ``benchmarks/results/find.json`` (``benchmarks/bench_find.py``).
* ``perf_ratios.png``: every ``benchmarks/results/*.json`` with ``rows`` of ``metric``/``ratio``
  (``bench_core.py``, the Chinese benchmark, ...), as ratios to their baselines.
* ``perf_spark.png``: ``benchmarks/results/spark.json``.

Missing or unreadable result files are skipped with a note, never an error.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
RESULTS = ROOT / "benchmarks" / "results"
DEV_EVAL = Path(os.environ.get("AERONORM_DEV_EVAL", "/work/shared/dev-eval"))
STAGE_ORDER = ["exact", "concept", "abbreviation", "chinese", "pinyin", "person", "fuzzy", "retranslation"]


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"skip {path.name}: {exc}")
        return None


def stage_counts(mode: str = "zero") -> dict[str, Any] | None:
    """Per method: right and wrong answers on the known queries; abstentions; unknown-query errors."""
    score_py = DEV_EVAL / "score.py"
    data = DEV_EVAL / "aliases_dev.tsv"
    if not score_py.exists() or not data.exists():
        print(f"skip stages.png: no dev set at {DEV_EVAL}")
        return None
    spec = importlib.util.spec_from_file_location("aeronorm_dev_score", score_py)
    score = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(score)  # type: ignore[union-attr]
    records, queries = score.build(score.load(data), mode)

    from aeronorm import Glossary, Normalizer

    normalizer = Normalizer(Glossary.from_records(records))
    matches = normalizer.match_many([q for q, _, _ in queries])
    right: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    abstained = unknown_right = unknown_wrong = 0
    for (_, expected, _), m in zip(queries, matches, strict=True):
        if expected is None:
            if m is None:
                unknown_right += 1
            else:
                unknown_wrong += 1
                wrong[m.method] += 1
        elif m is None:
            abstained += 1
        elif m.entity_id == expected:
            right[m.method] += 1
        else:
            wrong[m.method] += 1
    return {"mode": mode, "queries": len(queries), "right": right, "wrong": wrong, "abstained": abstained,
            "unknown_abstained": unknown_right, "unknown_matched": unknown_wrong}


def plot_stages(counts: dict[str, Any]) -> Path:
    methods = [m for m in STAGE_ORDER if counts["right"][m] or counts["wrong"][m]]
    methods += sorted((set(counts["right"]) | set(counts["wrong"])) - set(methods))
    labels = [*methods, "no match"]
    right = [counts["right"][m] for m in methods] + [0]
    wrong = [counts["wrong"][m] for m in methods] + [0]
    abstained = [0] * len(methods) + [counts["abstained"] + counts["unknown_abstained"]]
    fig, ax = plt.subplots(figsize=(8.5, 4.2))
    x = list(range(len(labels)))
    ax.bar(x, right, color="#3b9c5a", label="right entity")
    ax.bar(x, wrong, bottom=right, color="#d1495b", label="wrong entity (incl. unknown names matched)")
    ax.bar(x, abstained, color="#9aa5b1", label="abstained (known and unknown names)")
    totals = [r + w + a for r, w, a in zip(right, wrong, abstained, strict=True)]
    for i, total in zip(x, totals, strict=True):
        ax.text(i, total, str(total), ha="center", va="bottom", fontsize=9)
    ax.set_xticks(x, labels, rotation=20)
    ax.set_ylabel("dev-set queries")
    ax.set_title(f"Which stage resolves the dev-set queries (mode {counts['mode']}, "
                 f"{counts['queries']} queries)", fontsize=10)
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    path = IMAGES / "stages.png"
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return path


def plot_find(data: dict[str, Any]) -> Path | None:
    cases = data.get("cases") or []
    if not cases:
        return None
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
    names = [c["glossary"] for c in cases]
    x = range(len(cases))
    ax1.bar([i - 0.2 for i in x], [c["aeronorm_mb_s"] for c in cases], 0.4, label="aeronorm find",
            color="#2f6690")
    ax1.bar([i + 0.2 for i in x], [c["flashtext_mb_s"] for c in cases], 0.4, label="flashtext",
            color="#9aa5b1")
    for i, c in enumerate(cases):
        ax1.text(i, max(c["aeronorm_mb_s"], c["flashtext_mb_s"]), f"time ratio {c['ratio']:.2f}",
                 ha="center", va="bottom", fontsize=8)
    ax1.set_xticks(list(x), names)
    ax1.set_ylabel("MB/s of English text")
    ax1.set_title("find() throughput", fontsize=10)
    ax1.legend(frameon=False, fontsize=8)
    ax2.bar([i - 0.2 for i in x], [c["variants_found_aeronorm"] for c in cases], 0.4, color="#2f6690",
            label="aeronorm")
    ax2.bar([i + 0.2 for i in x], [c["variants_found_flashtext"] for c in cases], 0.4, color="#9aa5b1",
            label="flashtext")
    ax2.plot(list(x), [c["planted_variants"] for c in cases], "k_", markersize=30, label="planted")
    ax2.set_xticks(list(x), names)
    ax2.set_ylabel("variant mentions found")
    ax2.set_title("variants no alias spells", fontsize=10)
    ax2.legend(frameon=False, fontsize=8)
    for ax in (ax1, ax2):
        ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    path = IMAGES / "perf_find.png"
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return path


def plot_ratios(results: dict[str, Any]) -> Path | None:
    rows = []
    for name, data in results.items():
        listed = data.get("rows") if isinstance(data, dict) else None
        for r in listed if isinstance(listed, list) else []:
            ratio = r.get("ratio")
            if isinstance(ratio, (int, float)) and ratio > 0 and r.get("metric"):
                rows.append((f"{name}: {r['metric']}", float(ratio)))
    if not rows:
        return None
    fig, ax = plt.subplots(figsize=(9, 0.32 * len(rows) + 1.2))
    labels = [label if len(label) < 70 else label[:67] + "..." for label, _ in rows]
    ratios = [ratio for _, ratio in rows]
    ax.barh(labels, ratios, color="#2f6690")
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_xscale("log")
    ax.invert_yaxis()
    ax.set_xlabel("ratio to the baseline run alongside, as each benchmark reports it (log scale)")
    ax.tick_params(axis="y", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    path = IMAGES / "perf_ratios.png"
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return path


def plot_spark(data: dict[str, Any]) -> Path | None:
    runs = [r for r in data.get("results", []) if isinstance(r, dict) and "rows_per_second" in r]
    if not runs:
        return None
    fig, ax = plt.subplots(figsize=(8, 0.4 * len(runs) + 1.2))
    ax.barh([r["run"] for r in runs], [r["rows_per_second"] for r in runs], color="#2f6690")
    ax.invert_yaxis()
    ax.set_xlabel(f"rows/s ({data.get('rows', '?'):,} rows, {data.get('distinct', '?'):,} distinct)")
    ax.tick_params(axis="y", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    path = IMAGES / "perf_spark.png"
    fig.savefig(path, dpi=130)
    plt.close(fig)
    return path


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    counts = stage_counts()
    if counts is not None:
        print(f"wrote {plot_stages(counts)}")
        print("  right:", dict(counts["right"]), "wrong:", dict(counts["wrong"]),
              "abstained:", counts["abstained"], "unknown abstained/matched:",
              counts["unknown_abstained"], counts["unknown_matched"])
    results = {p.stem: d for p in sorted(RESULTS.glob("*.json")) if (d := _load_json(p)) is not None}
    for name, fn in (("find", plot_find), ("spark", plot_spark)):
        data = results.get(name)
        if isinstance(data, dict):
            try:
                path = fn(data)
            except (KeyError, TypeError, ValueError) as exc:
                print(f"skip {name}: unexpected result format ({exc})")
                continue
            if path:
                print(f"wrote {path}")
        else:
            print(f"skip {name}: benchmarks/results/{name}.json not found")
    path = plot_ratios(results)
    if path:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
