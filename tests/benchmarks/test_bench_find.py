"""Smoke test of benchmarks/bench_find.py at a tiny size: the text, the planted variants, the report.

Speed targets are checked by running the benchmark itself, never in tests.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_find  # noqa: E402

from aeronorm import Glossary  # noqa: E402
from aeronorm.text.fold import fold_key  # noqa: E402


def test_planted_variants_are_spelled_by_no_glossary_key():
    g = Glossary.default()
    plants = bench_find.plants_for_shipped(g, random.Random(1))
    claims = g.claims()
    variants = [s for s, _, v in plants if v]
    assert len(variants) > 50
    assert all(fold_key(v) not in claims for v in variants)
    text, spans = bench_find.build_text(plants, 20_000, random.Random(2))
    for start, end, eid, _ in spans:
        assert text[start:end] in {s for s, e, _ in plants if e == eid}


def test_found_planted_overlap_rule():
    spans = [(0, 5, "a", True), (10, 15, "b", False)]
    assert bench_find.found_planted(spans, [(1, 4, "a"), (10, 12, "c")]) == [True, False]


def test_quick_run_writes_its_report(tmp_path, capsys):
    out = tmp_path / "find.json"
    assert bench_find.main(["--size", "0.03", "--entities", "600", "--repeat", "1", "--out", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [c["glossary"] for c in report["cases"]] == ["shipped", "synthetic-600"]
    for case in report["cases"]:
        assert case["aeronorm_mb_s"] > 0 and case["flashtext_mb_s"] > 0
        assert case["exact_found_aeronorm"] == case["planted_exact"] > 0
        assert case["variants_only_aeronorm"] > 0
        assert case["target_ratio"] == 1.5 and case["cpu_ratio"] > 0
    others = {c["case"]: c for c in report["chinese_and_mixed"]}
    assert set(others) == {"chinese", "chinese, clauses never repeated", "mixed: Chinese with English names",
                           "mixed: 'Space航天' repeated", "mixed: 'foo中' repeated"}
    for label in ("chinese", "chinese, clauses never repeated"):
        assert others[label]["mentions"] > 0 and others[label]["baseline"] == "flashtext"
    assert all(c["ratio"] > 0 and c["baseline_mb_s"] > 0 for c in others.values())
    out = capsys.readouterr().out
    assert "ratio" in out and "mixed: 'Space航天' repeated" in out


def test_chinese_text_plants_glossary_names():
    g = Glossary.default()
    names = bench_find.chinese_names(g)
    text = bench_find.build_chinese_text(names, 5000, random.Random(3))
    assert len(text.encode("utf-8")) >= 5000
    assert sum(zh in text for zh, _ in names) >= 5
    mixed = bench_find.build_mixed_text(g, 3000, random.Random(3))
    assert any(e.name in mixed for e in g.entities)


def test_english_only_run_leaves_out_chinese_and_mixed(tmp_path):
    out = tmp_path / "find.json"
    args = ["--size", "0.02", "--entities", "300", "--repeat", "1", "--english-only", "--out", str(out)]
    assert bench_find.main(args) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [c["glossary"] for c in report["cases"]] == ["shipped", "synthetic-300"]
    assert report["chinese_and_mixed"] == [] and report["meta"]["english_only"] is True


def test_fresh_chinese_text_names_entities_in_clauses_that_do_not_repeat():
    g = Glossary.default()
    names = bench_find.chinese_names(g)
    text = bench_find.build_fresh_chinese_text(names, 20_000, random.Random(5))
    clauses = [c for c in text.replace("。", "，").replace("、", "，").split("，") if c]
    assert len(set(clauses)) > 0.95 * len(clauses)
    assert sum(any(z in c for z, _ in names) for c in clauses) > 0.3 * len(clauses)
