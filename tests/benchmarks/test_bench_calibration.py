"""Smoke tests of benchmarks/bench_calibration.py: folds as the dev scorer makes them, the bins,
the Beta prior, the recommendation rule, and a tiny full run on an invented alias file.

The figures themselves are reported by running the benchmark; nothing here asserts a rate of aeronorm.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import _devset  # noqa: E402
import bench_calibration as bc  # noqa: E402
from _devlike import write_devlike  # noqa: E402

SCORER = _devset.DEFAULT_ALIASES.with_name("score.py")
needs_scorer = pytest.mark.skipif(not SCORER.is_file(), reason="the dev scorer is not present")
A = bc.Answer


def test_bins_are_half_open_and_one_is_its_own():
    assert bc.bin_label(0.85) == "[0.85,0.90)"
    assert bc.bin_label(0.8499) == "[0.80,0.85)"
    assert bc.bin_label(0.9999) == "[0.95,1.00)"
    assert bc.bin_label(1.0) == "1.00"
    assert bc.bin_label(0.0) == "[0.00,0.50)"
    with pytest.raises(ValueError):
        bc.bin_label(1.01)


def test_grid_parsing():
    assert bc.parse_grid("0.8:0.83:0.01") == (0.8, 0.81, 0.82, 0.83)
    assert bc.parse_grid("0.9, 0.8,0.9") == (0.8, 0.9)
    for bad in ("0.9:0.8:0.01", "0.5:1.5:0.5", "0.1:0.2:0", ""):
        with pytest.raises(ValueError):
            bc.parse_grid(bad)


def test_beta_quantile():
    assert bc.beta_quantile(0.05, 0, 0) == pytest.approx(0.05, abs=1e-9)  # Beta(1,1): uniform
    assert bc.beta_quantile(0.05, 9, 0) == pytest.approx(0.05 ** (1 / 10), abs=1e-9)  # x**10
    x = bc.beta_quantile(0.05, 1, 1)  # Beta(2,2): I_x = 3x^2 - 2x^3
    assert 3 * x**2 - 2 * x**3 == pytest.approx(0.05, abs=1e-9)
    big = bc.beta_quantile(0.05, 700, 3)  # large counts: no overflow, sensible
    assert 0.98 < big < 700 / 703
    assert bc.beta_quantile(0.05, 20, 0) > bc.beta_quantile(0.05, 10, 0) > bc.beta_quantile(0.05, 10, 1)


def test_reliability_counts_per_fold_and_pooled():
    answers = [A(0, "e1", "e1", 0.97, "concept"), A(1, "e2", "e3", 0.97, "concept"),
               A(1, None, "e1", 0.82, "fuzzy"), A(2, "e4", "e4", 0.83, "fuzzy"),
               A(2, "e5", None, None, None)]
    rel = bc.reliability(answers, 3)
    assert list(rel) == ["concept", "fuzzy"]
    (concept,) = rel["concept"]
    assert concept["bin"] == "[0.95,1.00)" and (concept["n"], concept["right"]) == (2, 1)
    assert concept["folds"] == [{"n": 1, "right": 1}, {"n": 1, "right": 0}, {"n": 0, "right": 0}]
    (fuzzy,) = rel["fuzzy"]
    assert (fuzzy["n"], fuzzy["right"], fuzzy["share_right"]) == (2, 1, 0.5)  # an unknown name answered


def test_levels_are_a_stages_scores_or_its_repeated_ones():
    few = [A(0, "e", "e", s, "pinyin") for s in (0.86, 0.88, 0.93)]
    many = [A(0, "e", "e", 0.5 + k / 100, "fuzzy") for k in range(10)] + [A(0, "e", "e", 0.82, "fuzzy")] * 5
    levels = bc.find_levels(few + many)
    assert levels == {"fuzzy": frozenset({0.82}), "pinyin": frozenset({0.86, 0.88, 0.93})}


def test_calibrated_scores_and_their_held_out_estimates():
    # Level 0.93 of one stage: 4 answers in fold 0 (all right), 2 in fold 1 (one wrong).
    answers = [A(0, "e", "e", 0.93, "pinyin")] * 4 + [A(1, "e", "e", 0.93, "pinyin"),
                                                       A(1, "e", "x", 0.93, "pinyin")]
    cal = bc.calibrate(answers, 2, bc.find_levels(answers), at=0.8)
    (level,) = cal["levels"]
    assert (level["stage"], level["level"], level["n"], level["right"]) == ("pinyin", "0.93", 6, 5)
    assert level["calibrated"] == pytest.approx(6 / 8)  # (right + 1) / (n + 2)
    assert level["held_out_estimates"] == [pytest.approx(2 / 4), pytest.approx(5 / 6)]  # the other fold's
    assert level["low"] < level["calibrated"]
    # Held out, fold 0 is scored with fold 1's estimate and the other way round.
    fold0 = cal["brier"]["all"]["folds"][0]
    assert fold0["n"] == 4 and fold0["calibrated"] == pytest.approx((1 - 0.5) ** 2)
    assert fold0["raw"] == pytest.approx((1 - 0.93) ** 2)


def _row(t: float, meets: bool) -> dict:
    return {"t": t, "meets": meets, "kept": {"pooled": {"f1": t}}}


def test_recommendation_is_the_lowest_threshold_met_in_every_mode():
    zero = [_row(0.7, False), _row(0.8, True), _row(0.9, True), _row(1.0, False)]
    half = [_row(0.7, True), _row(0.8, True), _row(0.9, True), _row(1.0, True)]
    rec = bc.recommend({"zero": zero, "half": half})
    assert (rec["threshold"], rec["holds_through"], rec["f1"]) == (0.8, 0.9, {"zero": 0.8, "half": 0.8})
    assert bc.recommend({"zero": [_row(0.7, False)]})["threshold"] is None
    with pytest.raises(ValueError):
        bc.recommend({"zero": zero, "half": half[:2]})


def test_without_the_dev_set_it_says_so(tmp_path, capsys):
    out = tmp_path / "calibration.json"
    assert bc.main(["--dev-aliases", str(tmp_path / "absent.tsv"), "--json", "--out", str(out)]) == 0
    assert "skipped: dev alias set not found" in capsys.readouterr().out
    assert json.loads(out.read_text(encoding="utf-8"))["skipped"]


@needs_scorer
def test_folds_are_the_dev_scorers(tmp_path):
    """At the default threshold, the run's per-fold figures are those of ``score.py --folds 5``."""
    aliases = write_devlike(tmp_path / "aliases.tsv")
    scorer = _devset.load_scorer(aliases, SCORER)
    run = bc.collect(scorer, scorer.load(aliases), "zero")
    default = bc.Normalizer().threshold
    (row,) = bc.threshold_rows(run, [default], score_fn=scorer.score)
    command = [sys.executable, str(SCORER), str(aliases), "--folds", "5", "--json", "--no-baselines"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    theirs = json.loads(done.stdout)["results"]["aeronorm"]
    ours = (row["run"] or row["kept"])["folds"]  # run is None when it gives the kept answers
    keys = ("n_known", "n_unknown", "precision", "recall", "f1", "false_accept_rate")
    assert [{k: f[k] for k in keys} for f in ours] == [{k: f[k] for k in keys} for f in theirs["folds"]]
    assert len({a.fold for a in run.answers}) > 1


@needs_scorer
def test_tiny_run_prints_writes_and_repeats(tmp_path, capsys):
    aliases = write_devlike(tmp_path / "aliases.tsv")
    argv = ["--dev-aliases", str(aliases), "--dev-scorer", str(SCORER), "--grid", "0,0.8,0.9,1", "--json"]
    reports = []
    for k in range(2):
        out = tmp_path / f"c{k}.json"
        assert bc.main([*argv, "--out", str(out)]) == 0
        reports.append(json.loads(out.read_text(encoding="utf-8")))
    printed = capsys.readouterr().out
    assert "reliability by stage" in printed and "recommended default threshold" in printed
    a, b = ({k: v for k, v in r.items() if k != "meta"} for r in reports)
    assert a == b, "the same data gives the same figures"
    for mode in bc.MODES:
        m = a["modes"][mode]
        assert [r["t"] for r in m["thresholds"]] == [0.0, 0.8, 0.9, 1.0]
        answered = sum(b["n"] for bins in m["reliability"].values() for b in bins)
        assert answered == m["answers_at_0"] == sum(x["n"] for x in m["calibration"]["levels"])
        for bins in m["reliability"].values():
            for cell in bins:
                assert sum(f["n"] for f in cell["folds"]) == cell["n"]
        # At threshold 0 the run is the answers themselves.
        assert m["thresholds"][0]["run_differs"] == 0 and m["thresholds"][0]["run"] is None
        assert sum(s["known"] + s["unknown"] for s in m["fold_sizes"]) == m["queries"]
    assert a["recommendation"]["threshold"] in (None, 0.0, 0.8, 0.9, 1.0)
    assert math.isclose(a["current_default_threshold"], bc.Normalizer().threshold)
