"""benchmarks/bench_accuracy.py: its queries are labelled right, its scores add up, and the
README's reproducible accuracy table is what the benchmark prints."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_accuracy  # noqa: E402
from _synthetic import make_corpus  # noqa: E402

from aeronorm.text.fold import fold_key  # noqa: E402


@pytest.fixture(scope="module")
def small():
    corpus = make_corpus(800, seed=3, n_unknown=40)
    glossary = corpus.glossary()
    return corpus, glossary, bench_accuracy.make_queries(corpus, glossary, per_set=40, seed=4)


def test_every_set_is_drawn_and_labelled(small):
    _, glossary, queries = small
    kinds = {q.kind for q in queries}
    assert kinds == set(bench_accuracy.SETS)
    claims = glossary.claims()
    for q in queries:
        assert (q.truth is not None) == bench_accuracy.SETS[q.kind], q
        if q.truth is None:  # must stay unknown: no entity's key spells it
            assert fold_key(q.text) not in claims, q
        else:
            assert q.truth in glossary
            assert set(claims.get(fold_key(q.text), (q.truth,))) == {q.truth}, q  # not another's key
    typos = [q for q in queries if q.kind == "shipped names, one typo"]
    assert all(q.text != glossary[q.truth].name for q in typos)


def test_lookalikes_change_one_domain_word(small):
    corpus, _, _ = small
    rng = random.Random(1)
    from _synthetic import _pools

    domains = _pools()["domain"]
    org = next(o for o in corpus.orgs.values() if len(o.domains) >= 2)
    other = bench_accuracy.lookalike(org, rng, domains)
    assert other.brand == org.brand and other.form == org.form
    assert sum(a != b for a, b in zip(org.domains, other.domains, strict=True)) == 1


def test_scores_add_up():
    Q = bench_accuracy.Query
    queries = [Q("a", "x", "k"), Q("b", "y", "k"), Q("c", None, "k"), Q("d", None, "k")]
    s = bench_accuracy.score(["x", "z", None, "x"], queries)
    assert (s["answered"], s["right"], s["wrong"]) == (3, 1, 2)
    assert s["precision"] == pytest.approx(1 / 3) and s["recall"] == pytest.approx(1 / 2)
    assert s["false_accepts"] == pytest.approx(2 / 4)
    assert bench_accuracy.score([None, None], queries[2:])["recall"] is None


def test_quick_run_prints_and_writes_the_table(tmp_path, capsys):
    out = tmp_path / "accuracy.json"
    report = bench_accuracy.main(["--entities", "700", "--per-set", "25", "--out", str(out)])
    printed = capsys.readouterr().out
    assert bench_accuracy.table(report) in printed
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["sets"]["all"]["aeronorm"]["n"] == sum(saved["sets"][k]["aeronorm"]["n"]
                                                        for k in bench_accuracy.SETS)
    assert 50 <= saved["rapidfuzz_cutoff"] <= 100


def test_readme_block_is_replaced_in_place(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"a\n{bench_accuracy.START}\nold\n{bench_accuracy.END}\nb\n", encoding="utf-8")
    bench_accuracy.write_readme("| new |", readme)
    assert readme.read_text(encoding="utf-8") == (
        f"a\n{bench_accuracy.START}\n| new |\n{bench_accuracy.END}\nb\n")


@pytest.mark.slow  # the full default run: about 20 s
def test_readme_table_is_what_the_benchmark_prints(tmp_path):
    report = bench_accuracy.main(["--out", str(tmp_path / "accuracy.json")])
    readme = bench_accuracy.README.read_text(encoding="utf-8")
    block = readme.split(bench_accuracy.START, 1)[1].split(bench_accuracy.END, 1)[0].strip()
    assert block == bench_accuracy.table(report), (
        "README.md's accuracy table is stale: run `python benchmarks/bench_accuracy.py --readme`")
