"""benchmarks/bench_scale.py: its growth exponents, its projection and a tiny end-to-end run."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_scale  # noqa: E402


def test_exponent_is_the_log_log_slope():
    assert math.isclose(bench_scale.exponent([1000, 10000, 100000], [1.0, 10.0, 100.0]), 1.0)
    assert math.isclose(bench_scale.exponent([10, 100], [1.0, 100.0]), 2.0)
    assert bench_scale.exponent([10, 100], [0.0, 1.0]) is None  # one usable point


def _fake_row(n: int) -> dict:
    firsts = {s: {"wall": 0.001, "cpu": 0.001, "answer": "exact"} for s in bench_scale.STAGE_ORDER}
    lazy = {s: {"wall": n / 1e5, "cpu": n / 1e5, "answer": "exact"} for s in bench_scale.STAGE_ORDER}
    clock = {"wall": n / 1e4, "cpu": n / 1e4}
    return {"build": {"build": clock, "first_queries_lazy": lazy, "warm_rest": clock, "save": clock,
                      "index_bytes": n * 1000, "rss_baseline_mb": 50.0, "peak_rss_build_mb": 80.0,
                      "peak_rss_tables_mb": 90.0, "peak_rss_mb": 100.0 + n / 100},
            "load": {"load": clock, "first_queries": firsts, "peak_rss_mb": 60.0},
            "rapidfuzz": {"prepare": clock, "first_extract": clock, "peak_rss_mb": 20.0}}


def test_the_projection_shows_its_arithmetic(capsys):
    out = bench_scale.report({1000: _fake_row(1000), 10000: _fake_row(10000)})
    build = next(r for r in out["table"] if r["measure"] == "Normalizer(glossary) build")
    assert math.isclose(build["exponent"], 1.0) and math.isclose(build["projected_1m"], 100.0)
    assert math.isclose(build["exponent_last_two"], 1.0) and math.isclose(build["projected_1m_linear"], 100.0)
    rss = next(r for r in out["table"] if r["measure"] == "peak RSS, build + every table + save")
    # 110 MB at 1k, 200 MB at 10k: 0.01 MB more per entity, whatever the fitted exponent says
    assert math.isclose(rss["projected_1m_linear"], 200.0 + 0.01 * 990_000)
    printed = capsys.readouterr().out
    assert "1.00 cpu s x (1,000,000 / 10,000) ^ 1.00 = 100.0 cpu s" in printed
    assert "linear: 1.00 + (1.00 - 0.10) / (10,000 - 1,000) x (1,000,000 - 10,000) = 100.0 cpu s" in printed
    assert "-> ok" in printed


@pytest.mark.slow
def test_a_tiny_run_writes_its_report(tmp_path):
    out = tmp_path / "scale.json"
    bench_scale.main(["--sizes", "150,300", "--no-shipped", "--out", str(out)])
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["sizes"] == [150, 300]
    row = saved["rows"]["300"]
    assert row["glossary"]["entities"] == 300 and 0 < row["glossary"]["with_zh"] < 300
    assert set(row["load"]["first_queries"]) == set(bench_scale.STAGE_ORDER)
    assert row["build"]["index_bytes"] > 0 and row["rapidfuzz"]["choices"] > 0
    assert any(line.startswith("Normalizer(glossary) build") for line in saved["projections"])


@pytest.mark.slow
def test_the_stage_costs_cover_every_table(capsys):
    costs = bench_scale.main(["--stages", "150", "--no-shipped"])
    assert any(k.startswith("Normalizer(glossary)") for k in costs)
    assert {"stage fuzzy", "stage chinese", "mender"} <= set(costs)
    assert all(v["cpu"] >= 0 for k, v in costs.items() if k != "peak_rss_mb")
    assert "Where the build of 150 entities goes" in capsys.readouterr().out
