"""Smoke tests of benchmarks/bench_typos.py: the typo generator, the scoring, a tiny full run.

The figures themselves are reported by running the benchmark; nothing here asserts a rate.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import _devset  # noqa: E402
import bench_typos as bt  # noqa: E402
from _devlike import write_devlike  # noqa: E402

SCORER = _devset.DEFAULT_ALIASES.with_name("score.py")

# Six invented entities: "Qorvanta"/"Zelmuth"... are distinctive, the rest is generic (df >= 5).
BRANDS = ("Qorvanta", "Zelmuth", "Pirandel", "Voskaray", "Lumbreth", "Tessaline")
NAMES = {f"e{i}": [f"Hubei {b} Aerospace Technology Corporation"] for i, b in enumerate(BRANDS)}
VOCAB = bt.Vocabulary(NAMES, extra=["Hebei"])
NAME = NAMES["e0"][0]


def test_word_classes():
    assert VOCAB.word_class("Qorvanta") == "distinctive"
    assert VOCAB.word_class("Unheardof") == "distinctive"  # in no name at all
    assert VOCAB.word_class("Aerospace") == "generic"
    assert VOCAB.word_class("CASC") is None  # acronyms take no letter typo here
    assert VOCAB.word_class("Co.,") is None and VOCAB.word_class("of") is None


@pytest.mark.parametrize("kind", bt.TYPO_KINDS)
@pytest.mark.parametrize("word", bt.WORD_CLASSES)
def test_one_typo_of_each_kind_in_the_chosen_word(kind, word):
    rng = random.Random(7)
    for _ in range(30):
        out = bt.apply_typo(NAME, kind, word, VOCAB, rng)
        assert out is not None and out != NAME
        before, after = NAME.split(), out.split()
        if kind == "joined":
            assert len(after) == len(before) - 1 and out.replace(" ", "") == NAME.replace(" ", "")
            j = next(i for i, t in enumerate(after) if t not in before)
            parts = [t for t in before if t not in after]
            assert after[j] == "".join(parts) and len(parts) == 2
            assert ("Qorvanta" in parts) == (word == "distinctive")
            continue
        if kind == "split":
            assert len(after) == len(before) + 1 and out.replace(" ", "") == NAME.replace(" ", "")
            changed = [t for t in before if t not in after]
        else:
            assert len(after) == len(before)
            changed = [b for b, a in zip(before, after, strict=True) if a != b]
            old, new = changed[0], next(a for b, a in zip(before, after, strict=True) if a != b)
            assert new[0] == old[0], "never the first letter"
            delta = {"dropped": -1, "doubled": 1, "swapped": 0, "changed": 0}[kind]
            assert len(new) == len(old) + delta
            if kind == "swapped":
                assert sorted(new) == sorted(old) and sum(x != y for x, y in zip(new, old, strict=True)) == 2
            if kind == "changed":
                assert sum(x != y for x, y in zip(new, old, strict=True)) == 1
        assert len(changed) == 1
        assert VOCAB.word_class(changed[0]) == word


def test_a_typo_never_makes_another_known_word():
    # Hubei -> Hebei is one letter away, but Hebei is a word the lexicon knows: another place.
    rng = random.Random(0)
    outs = {bt.apply_typo("Hubei Hubei Hubei Hubei", "changed", "distinctive",
                          bt.Vocabulary({"x": ["Hubei"]}, extra=["Hebei"]), rng) for _ in range(300)}
    assert outs and not any("Hebei" in (o or "") for o in outs)


def test_no_word_of_the_class_gives_none():
    assert bt.apply_typo("CASC", "dropped", "generic", VOCAB, random.Random(0)) is None


def test_cutoff_is_the_lowest_with_at_most_one_percent_false_accepts():
    queries = [bt.Query(f"u{i}", None, "none", "-") for i in range(200)]
    best = [("e", float(i % 100)) for i in range(200)]  # two unknown names at each score 0..99
    assert bt.choose_cutoff(queries, best) == 99  # 2 of 200 score 99: exactly 1 %
    assert bt.choose_cutoff(queries, best, max_fa=0.0) == 100
    with pytest.raises(ValueError):
        bt.choose_cutoff([bt.Query("q", "e", "dropped", "generic")], [("e", 50.0)])


def test_tally_counts_right_wrong_abstained_and_false_accepts():
    queries = [bt.Query("a", "e1", "dropped", "generic"), bt.Query("b", "e2", "dropped", "generic"),
               bt.Query("c", "e3", "split", "distinctive"), bt.Query("u", None, "none", "-"),
               bt.Query("v", None, "joined", "generic")]
    t = bt.tally(queries, ["e1", "e9", None, None, "e1"])
    assert t["cells"]["dropped/generic"] == {"n": 2, "right": 0.5, "wrong": 0.5, "abstained": 0.0}
    assert t["overall"]["n"] == 3 and t["overall"]["right"] == pytest.approx(1 / 3)
    assert t["false_accepts"]["as written"] == {"n": 1, "rate": 0.0}
    assert t["false_accepts"]["with a typo"] == {"n": 1, "rate": 1.0}
    assert t["false_accepts"]["all"]["rate"] == 0.5


def test_rapidfuzz_best_is_extract_one():
    names = [("Hubei Qorvanta Aerospace", "e0"), ("Zelmuth Technology", "e1"), ("Zelmuth Technology", "e2")]
    best = bt.rapidfuzz_best(["Zelmuht Technology", "Qorvanta", "nothing alike"], names, check=3)
    assert best[0][0] == "e1" and best[1][0] == "e0"  # a tie keeps the first, as extractOne


def test_quick_run_without_dev_set(tmp_path, capsys):
    out = tmp_path / "typos.json"
    argv = ["--quick", "--entities", "700", "--per-cell", "4", "--tune-per-cell", "3", "--unknown", "30",
            "--dev-aliases", str(tmp_path / "absent.tsv"), "--out", str(out)]
    assert bt.main(argv) == 0
    printed = capsys.readouterr().out
    assert "skipped: dev alias set not found" in printed
    assert "PASS" in printed or "FAIL" in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    syn = report["parts"]["synthetic"]
    assert report["parts"]["dev"]["skipped"]
    assert set(syn["systems"]) == {"aeronorm", f"rapidfuzz WRatio >= {syn['rapidfuzz_cutoff']}",
                                   "rapidfuzz WRatio top-1"}
    for t in syn["systems"].values():
        assert set(t["by_kind"]) == set(bt.TYPO_KINDS)
        assert t["overall"]["n"] == sum(c["n"] for c in t["cells"].values()) > 0
        assert t["false_accepts"]["all"]["n"] == 60  # 30 unknown names, each also with a typo
    assert syn["systems"]["rapidfuzz WRatio top-1"]["false_accepts"]["all"]["rate"] == 1.0
    kinds = Counter(e["kind"] for e in syn["examples"])
    assert kinds and set(kinds) <= {*bt.TYPO_KINDS, "none"}


@pytest.mark.skipif(not SCORER.is_file(), reason="the dev scorer is not present")
def test_dev_part_on_an_invented_alias_file(tmp_path):
    aliases = write_devlike(tmp_path / "aliases.tsv")
    part = bt.dev_part(aliases, SCORER, per_cell=5, seed=0)
    assert part.test and part.tune
    known_test = {q.truth for q in part.test if q.truth}
    known_tune = {q.truth for q in part.tune if q.truth}
    assert known_test and known_tune and not known_test & known_tune, "splits hold different entities"
    assert any(q.truth is None for q in part.test + part.tune)
    result = bt.run_part(part, say=lambda _: None)
    assert result["systems"]["aeronorm"]["overall"]["n"] > 0
