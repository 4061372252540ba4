"""docs/make_rewrites.py on invented articles: the table, the JSON run, the before/after table."""

from __future__ import annotations

import json
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"
sys.path.insert(0, str(DOCS))

import make_rewrites  # noqa: E402

ARTICLE = (
    "CASIC engineers visited Northwestern Polytechnic University in spring, as planned.\n"
    "Later the CASIC team said the visit went well.\n"
)


def _run(tmp_path: Path, *extra: str) -> tuple[str, dict]:
    seeds = tmp_path / "articles"
    seeds.mkdir(exist_ok=True)
    (seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    md, js = tmp_path / "rewrites.md", tmp_path / "run.json"
    assert make_rewrites.main([str(seeds), "--out", str(md), "--json", str(js), *extra]) == 0
    return md.read_text(encoding="utf-8"), json.loads(js.read_text(encoding="utf-8"))


def test_table_of_distinct_rewrites_with_short_context(tmp_path):
    table, run = _run(tmp_path)
    originals = [r["original"] for r in run["rewrites"]]
    assert originals.count("CASIC") == 2 and "Northwestern Polytechnic University" in originals
    row = next(line for line in table.splitlines() if line.startswith("| ") and "| CASIC |" in line)
    assert "| 2 |" in row and "`casic`" in row  # one row, counted twice
    assert "¶ **[…]** engineers visited Northwestern …" in table  # at a line start: the first occurrence
    assert "CASIC engineers visited **[…]** in spring, as …" in table  # a few words, not the sentence
    for r in run["rewrites"]:
        assert ARTICLE[r["start"]:r["end"]] == r["original"] and r["new"] != r["original"]


def test_before_after_table(tmp_path):
    _, run = _run(tmp_path)
    before = tmp_path / "before.json"
    before.write_text(json.dumps(run), encoding="utf-8")
    table, _ = _run(tmp_path, "--before", str(before))
    assert "| # | original | before | after | count |" in table
    assert "0 of 2 original mention texts read differently" in table


def test_what_a_run_wrote_for_a_span():
    run = {"rewrites": [
        {"file": "a", "start": 10, "end": 30, "original": "Secretary of X Committee", "new": "S", "id": "t"},
    ]}
    assert make_rewrites._what(run, "a", 10, 30, "Secretary of X Committee") == "S (`t`)"
    inside = make_rewrites._what(run, "a", 10, 19, "Secretary")
    assert inside == "part of «Secretary of X Committee» → «S» (`t`)"
    assert make_rewrites._what(run, "a", 40, 45, "Other") == "(unchanged)"
    assert make_rewrites._what(run, "b", 10, 30, "Secretary of X Committee") == "(unchanged)"
