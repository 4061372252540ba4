"""Smoke test of benchmarks/bench_spark.py: its column generator and its report, without Spark.

The Spark half of the benchmark runs the same ``normalize_column`` the Spark tests check
(tests/integrations/test_spark.py); starting two more Spark applications here would double the
time of the Spark tests for no new coverage.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_spark  # noqa: E402

from aeronorm import Glossary, default_normalizer  # noqa: E402


def test_distinct_values_mix_known_unknown_and_missing():
    values = bench_spark.make_distinct(Glossary.default(), 500, seed=3)
    assert len(values) == len(set(values)) == 500
    assert None in values and "" in values
    matches = default_normalizer().match_many(values)
    resolved = sum(m is not None for m in matches)
    assert 0.45 * 500 < resolved < 0.8 * 500  # ~70% spellings of entries, a few too mangled
    assert values == bench_spark.make_distinct(Glossary.default(), 500, seed=3)  # deterministic


def test_rows_cover_every_distinct_value_zipf_like():
    distinct = [f"v{i}" for i in range(100)]
    rows = bench_spark.make_rows(distinct, 5000, seed=1)
    counts = Counter(rows)
    assert len(rows) == 5000 and set(counts) == set(distinct)
    assert counts["v0"] > 10 * counts["v99"]  # weight 1/rank


def test_plain_run_writes_a_report(tmp_path):
    out = tmp_path / "spark.json"
    report = bench_spark.main(["--rows", "3000", "--distinct", "300", "--masters", "", "--repeat", "1",
                               "--startup-entities", "0", "--out", str(out)])
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["rows"] == 3000 and saved["distinct"] == 300
    assert [r["run"] for r in saved["results"]] == ["normalize_many"]
    assert saved["results"][0]["rows_per_second"] > 0 and saved["sizing"]["lookup_ms"] > 0
    assert report["resolved_distinct"] == saved["resolved_distinct"] > 0
    startup = saved["worker_startup"]["shipped glossary"]
    # two timings of separate runs: on a busy machine either may come out ahead
    assert startup["load"] > 0 and startup["build_and_every_table"] > 0 and startup["build"] > 0
    assert startup["index_mb"] > 0
