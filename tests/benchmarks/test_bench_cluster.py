"""Smoke tests of benchmarks/bench_cluster.py: the baselines, the pluggable aeronorm row, the
synthetic column, a tiny full run. No rate or time is asserted: the benchmark reports those."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from rapidfuzz import fuzz, utils

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import _devset  # noqa: E402
import bench_cluster as bc  # noqa: E402
from _devlike import write_devlike  # noqa: E402

import aeronorm  # noqa: E402

SCORER = _devset.DEFAULT_ALIASES.with_name("score.py")


def _partition(groups):
    return sorted(sorted(g) for g in groups)


def test_fingerprint_keys_fold_like_openrefine():
    assert bc.fingerprint_key("Café  Zörn, S.A.") == bc.fingerprint_key("zorn sa CAFE")
    assert bc.fingerprint_key("Tianbing Space") != bc.fingerprint_key("Tianbing Aerospace")
    assert bc.fingerprint_key("Straße") == "strasse"
    assert bc.ngram_fingerprint_key("Tian Bing") == bc.ngram_fingerprint_key("tianbing")
    assert bc.ngram_fingerprint_key("abab") == "abba"  # unique 2-grams ab, ba, sorted, joined
    groups = bc.key_collision(["A B", "b a", "B. A.", "C"], bc.fingerprint_key)
    assert _partition(groups) == [["A B", "B. A.", "b a"], ["C"]]


def test_single_link_matches_a_pair_by_pair_reference():
    values = ["Qorvanta Aerospace Co", "Qorvanta Aerospace Company", "Aerospace Qorvanta Co",
              "Zelmuth Optics", "Zelmuth Optic", "Zelmuth Optical Instruments", "Pirandel", "Piranddel"]
    for threshold in (85, 95):
        edges = [(i, j) for i in range(len(values)) for j in range(i + 1, len(values))
                 if fuzz.token_sort_ratio(values[i], values[j], processor=utils.default_process) >= threshold]
        want = _partition([[values[i] for i in g] for g in bc._components(len(values), edges)])
        got = bc.rapidfuzz_single_link(values, threshold=threshold, chunk=3)  # several chunks
        assert _partition(got) == want
    assert ["Aerospace Qorvanta Co", "Qorvanta Aerospace Co"] in _partition(
        bc.rapidfuzz_single_link(values, threshold=95))  # token order does not matter


def test_single_link_is_transitive():
    # a~b and b~c at >= 80 while a and c are further apart: one cluster all the same.
    a, b, c = "abcdefghij", "abcdefghxy", "abcdefwzxy"
    assert fuzz.token_sort_ratio(a, c) < 80 <= min(fuzz.token_sort_ratio(a, b), fuzz.token_sort_ratio(b, c))
    assert _partition(bc.rapidfuzz_single_link([a, b, c], threshold=80)) == [[a, b, c]]


@dataclass
class _Member:
    value: str
    count: int


@dataclass
class _Cluster:
    members: list


@pytest.mark.parametrize("shape", ["pairs", "objects"])
def test_aeronorm_row_plugs_in_when_cluster_exists(monkeypatch, shape):
    assert bc.aeronorm_clusterer() is None or hasattr(aeronorm, "cluster")

    def fake_cluster(values, *, glossary=None, threshold=0.9, type=None):
        groups = bc.key_collision(values, bc.fingerprint_key)
        wrap = (lambda v: (v, 1)) if shape == "pairs" else (lambda v: _Member(v, 1))
        return [_Cluster([wrap(v) for v in g]) for g in groups]

    monkeypatch.setattr(aeronorm, "cluster", fake_cluster, raising=False)
    values, truth = bc.synthetic_column(300, seed=2)
    clusterer = bc.aeronorm_clusterer(threshold=0.5)
    assert clusterer is not None
    fingerprint = bc.baselines()["fingerprint"]
    results = bc.score_methods(values, truth, {"aeronorm.cluster": clusterer, "fingerprint": fingerprint})
    assert results[0].scores == results[1].scores  # the same partition, read through Cluster.members
    assert results[0].issues == {"missing": 0, "duplicated": 0, "foreign": 0}


def test_unavailable_aeronorm_row_fails_its_targets():
    r = bc.score_methods(["a"], ["x"], {"aeronorm.cluster": None})[0]
    assert r.scores is None and r.meets() == (False, False)
    assert "not available" in "\n".join(bc.format_results([r]))


def test_synthetic_column_is_distinct_deterministic_and_clustered():
    values, truth = bc.synthetic_column(500, seed=4)
    assert len(values) == len(set(values)) == len(truth) == 500
    assert (values, truth) == bc.synthetic_column(500, seed=4)
    sizes = bc._sizes(truth)
    assert max(sizes) > 1 and min(sizes) == 1
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in v) for v in values), "Chinese names are members"


def test_growth_exponents():
    assert bc.growth_exponent(10_000, 1.0, 100_000, 10.0) == pytest.approx(1.0)
    assert bc.growth_exponent(10_000, 0.0, 100_000, 1.0) is None
    assert bc.nlogn_exponent(10_000, 100_000) == pytest.approx(1.097, abs=1e-3)


def test_quick_run_without_dev_set(tmp_path, capsys):
    out = tmp_path / "cluster.json"
    argv = ["--sizes", "150", "450", "--dev-aliases", str(tmp_path / "absent.tsv"), "--out", str(out)]
    assert bc.main(argv) == 0
    printed = capsys.readouterr().out
    assert "dev column skipped" in printed and "growth exponent" in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    runs = report["scaling"]["runs"]["fingerprint"]
    assert set(runs) == {"150", "450"}
    for r in runs.values():
        assert r["seconds"] >= 0 and r["scores"]["items"] in (150, 450)
        assert r["issues"] == {"missing": 0, "duplicated": 0, "foreign": 0}
        assert r["traced_peak_bytes"] > 0
    if not report["scaling"]["aeronorm_available"]:
        assert "aeronorm.cluster: not available" in printed
        assert any(f.startswith("scaling:") for f in report["failed"])


@pytest.mark.skipif(not SCORER.is_file(), reason="the dev scorer is not present")
def test_dev_column_on_an_invented_alias_file(tmp_path):
    aliases = write_devlike(tmp_path / "aliases.tsv", clusters=40)
    values, truth = bc.dev_column(aliases, SCORER)
    assert len(values) == len(set(values)) == len(truth)
    assert not any(v.endswith(" Branch") for v in values), "rows flagged as sub-units are left out"
    assert len(set(truth)) == 40
    report = bc.bench_dev(aliases, SCORER, threshold=None, workers=1, say=lambda _: None)
    methods = [r["method"] for r in report["results"]]
    assert methods == [*bc.ISSUE_TABLE, bc.AERONORM, bc.AERONORM_WITH_PARENT]
    alone = report["results"][0]["scores"]
    assert alone["bcubed_precision"] == 1.0 and alone["pairwise_precision"] is None
