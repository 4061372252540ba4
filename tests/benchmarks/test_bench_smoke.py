"""Smoke tests of the core benchmarks (benchmarks/bench_core.py and its synthetic glossary).

Every benchmark runs at a tiny size, so that CI proves the benchmark code works and its
figures are well formed. There are no timing assertions: speed is reported by running
``python benchmarks/bench_core.py``, against baselines measured in the same run.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import _synthetic as synthetic  # noqa: E402
import bench_core  # noqa: E402

from aeronorm import Glossary  # noqa: E402
from aeronorm.text.fold import fold_key  # noqa: E402

IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(scope="module")
def setup() -> bench_core.Setup:
    return bench_core.make_setup(560, seed=5, n_unknown=100)


# -- the synthetic glossary ---------------------------------------------------------------------
def test_corpus_is_deterministic_and_well_formed():
    a = synthetic.make_corpus(80, seed=3, include_shipped=False, n_unknown=20)
    b = synthetic.make_corpus(80, seed=3, include_shipped=False, n_unknown=20)
    assert a.records == b.records and a.unknown == b.unknown
    assert synthetic.make_corpus(80, seed=4, include_shipped=False).records != a.records
    assert len(a.records) == len(a.orgs) == 80
    assert len({fold_key(r["name"]) for r in a.records}) == 80
    for r in a.records:
        org = a.orgs[r["id"]]
        assert r["name"] == org.english()
        assert r["zh"] == org.zh and org.brand.zh in r["zh"] and r["zh"].endswith(org.form.zh)
        assert org.brand.en[0] in r["name"]
    brands = {org.brand.en[0] for org in a.orgs.values()}
    assert len(brands) == 80, "brands must be unique: each entity has one distinctive word"
    assert not any(word in brands for name in a.unknown for word in name.split())
    g = a.glossary()
    assert len(g) == 80 and g[a.records[0]["id"]].name == a.records[0]["name"]


def test_corpus_mixes_in_the_shipped_entities():
    shipped = Glossary.default()
    c = synthetic.make_corpus(len(shipped) + 30, seed=1)
    assert len(c.records) == len(shipped) + 30
    assert [r["id"] for r in c.records[: len(shipped)]] == [e.id for e in shipped]
    names = dict(c.all_names())
    assert shipped.entities[0].name in names


@pytest.mark.parametrize("kind", synthetic.TYPO_KINDS)
def test_typo_kinds(kind):
    rng = random.Random(0)
    for word in ("Tianbing", "Xingjie", "Zhaiqi"):
        typo = synthetic._typo(word, rng, kind)
        assert typo != word and typo[0] == word[0]
        if kind == "deletion":
            assert len(typo) == len(word) - 1
        elif kind == "insertion":
            assert len(typo) == len(word) + 1
        elif kind == "substitution":
            assert len(typo) == len(word) and sum(x != y for x, y in zip(typo, word, strict=True)) == 1
        else:
            assert sorted(typo) == sorted(word) and sum(x != y for x, y in zip(typo, word, strict=True)) == 2


def test_fuzzy_variant_changes_the_name_the_documented_ways():
    c = synthetic.make_corpus(120, seed=2, include_shipped=False)
    rng = random.Random(0)
    for org in c.orgs.values():
        query, kind = synthetic.fuzzy_variant(org, rng)
        assert kind in synthetic.TYPO_KINDS
        assert org.brand.en[0] not in query.replace(",", "").split()  # the brand carries a typo
        assert fold_key(query) != fold_key(org.english())
        if org.company:  # company forms are dropped
            assert org.english().split()[-1] not in query.split()
        light = synthetic.light_variant(org, rng)
        assert org.brand.en[0].casefold() in light.casefold()


# -- the benchmarks, one by one (in process) ---------------------------------------------------------
def test_bench_fuzzy(setup):
    lines: list[str] = []
    section = bench_core.bench_fuzzy(setup, n_queries=12, say=lines.append)
    speed, accuracy = section.rows
    assert speed.value > 0 and speed.baseline > 0 and speed.passed in (True, False)
    assert 0.0 <= accuracy.value <= 1.0 and 0.0 <= accuracy.baseline <= 1.0
    d = section.details
    assert 0 < d["timing_queries"] <= 12
    assert sum(d["method_share"].values()) == pytest.approx(1.0)
    assert sum(d["outcome_share"].values()) == pytest.approx(1.0)
    assert d["method_share"].get("fuzzy", 0) + d["method_share"].get("abstained", 0) > 0
    assert any("rapidfuzz" in line for line in lines)


@pytest.mark.slow  # four fresh interpreters, each building a normalizer: ~15 s
def test_bench_fuzzy_next_to_a_baseline_tree(setup):
    # this tree as its own baseline: the comparison runs, both sides answer alike
    lines: list[str] = []
    section = bench_core.bench_fuzzy(setup, n_queries=10, baseline=str(bench_core.ROOT), repeat=1,
                                     say=lines.append)
    first, steady = section.rows[2:]
    for row in (first, steady):
        assert row.value > 0 and row.baseline > 0 and row.target == "ratio >= 1"
    d = section.details["baseline"]
    assert d["correct"]["this tree"] == pytest.approx(d["correct"][f"baseline {d['commit']}"])
    assert any("fresh interpreters" in line for line in lines)


def test_bench_exact(setup):
    section = bench_core.bench_exact(setup, repeat=1, say=lambda _: None)
    d = section.details
    assert d["queries"] >= 560
    assert d["exact_share"] >= 0.95  # names written as in the glossary resolve in the exact stage
    assert all(rate > 0 for rate in d["rates"].values())
    assert list(d["workloads"]) == ["as written", "upper case", "punctuation", "width and quotes"]
    for w in d["workloads"].values():
        assert w["queries"] > 100 and w["ratio_to_dict"] > 0
        assert w["same_answer_as_written"] == 1.0  # a variant is answered as its written name is
    assert section.rows[0].target == ">= 3,000,000/s, <= 5x a dict"


def test_exact_workloads_fold_to_their_names():
    names = ["China Great Wall Industry Corp", "People's Daily", "NWPU", "Space Pioneer"]
    workloads = bench_core.exact_workloads(names)
    for label, sources in workloads.items():
        for query, name in sources.items():
            assert fold_key(query) == fold_key(name), (label, query)
            assert label == "as written" or query not in names


def test_bench_column(setup):
    section = bench_core.bench_column(setup, rows=2000, distinct=200, say=lambda _: None)
    d = section.details
    assert d["rows"] == 2000 and d["distinct"] == 200 and sum(d["mix"].values()) == 200
    assert all(d["mix"][kind] > 0 for kind in ("exact", "light", "hard", "unknown"))
    assert d["consistent"], "normalize_many must agree with the precomputed dict on every row"
    assert 0.0 < d["changed_share"] < 1.0
    if IN_CI:
        assert d["pandas_seconds"] is not None, "pandas is a test dependency"


def test_clear_input_caches_empties_fold_caches():
    from aeronorm.text.fold import fold

    fold("Some Name Nobody Asked For")
    assert bench_core.clear_input_caches() >= 1
    assert fold.cache_info().currsize == 0


def test_profile_top_reports_shares():
    top = bench_core.profile_top(lambda: sorted(range(1000), key=lambda x: -x), limit=3)
    assert 1 <= len(top) <= 3
    assert all(0.0 <= r["own_share"] <= 1.0 for r in top)


# -- the whole script, tiny ------------------------------------------------------------------------
@pytest.mark.slow  # fresh interpreters for the import, build and memory figures: ~10 s
def test_main_runs_every_benchmark_and_writes_json(tmp_path, capsys):
    out = tmp_path / "core.json"
    argv = ["--quick", "--entities", "500", "--queries", "8", "--rows", "1000", "--distinct", "100",
            "--repeat", "1", "--fuzzy-baseline", "none", "--out", str(out)]
    assert bench_core.main(argv) == 0
    printed = capsys.readouterr().out
    assert "metric" in printed and "| result" in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report["sections"]) == {"fuzzy", "exact", "column", "import", "build", "memory"}
    for row in report["rows"]:
        assert {"metric", "value", "unit", "baseline", "ratio", "target", "passed"} <= set(row)
    assert report["sections"]["import"]["forbidden_loaded"] == [], "import aeronorm must stay lazy"
    memory = report["sections"]["memory"]["bytes"]
    assert all(m["retained"] > 0 and m["peak"] >= m["retained"] for m in memory.values())
    assert report["sections"]["build"]["default_entities"] == len(Glossary.default())
    failed = {r["metric"].strip() for r in report["rows"] if r["passed"] is False}
    assert failed == set(report["failed"])
    for metric in failed:
        assert metric in printed and "FAIL" in printed
