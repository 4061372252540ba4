"""The real-text set (benchmarks/realtext) is well formed, and bench_text_quality.py runs on it.

Whether the issue's targets are met is what the script reports, not what this test checks.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_text_quality as btq  # noqa: E402

from aeronorm import Glossary  # noqa: E402


@pytest.fixture(scope="module")
def items() -> list[btq.Item]:
    return btq.load_items()


@pytest.fixture(scope="module")
def shipped_ids() -> set[str]:
    return {e.id for e in Glossary.default()}


def test_the_set_has_enough_items_each_with_a_source(items):
    assert len(items) >= 15
    assert len({i.source for i in items}) == len(items)
    for item in items:
        assert re.match(r"https?://", item.source), item.slug
        assert item.title.strip(), item.slug


def test_every_item_is_well_formed(items, shipped_ids):
    problems = [p for item in items for p in btq.validate_item(item, shipped_ids)]
    assert problems == []


def test_every_mention_is_at_its_offset_with_a_shipped_id(items, shipped_ids):
    # The same checks as validate_item, spelled out: the data are what the scores rest on.
    for item in items:
        for m in item.mentions:
            assert item.text[m.start:m.end] == m.text, (item.slug, m.text, m.start)
            assert m.id in shipped_ids and set(m.alt_ids) <= shipped_ids, (item.slug, m.id)
        for t in item.traps:
            assert item.text[t.start:t.end] == t.text, (item.slug, t.text)


def test_the_set_covers_what_the_issue_asks_for(items):
    mentions = [m for i in items for m in i.mentions if not m.optional]
    kinds = {m.kind for m in mentions}
    assert {"name", "place", "acronym", "title", "term"} <= kinds
    assert sum(m.kind == "title" and bool(m.multiword) for m in mentions) >= 20
    assert sum(len(i.traps) for i in items) >= 50
    assert sum(len(i.keep) for i in items) >= 20


def test_validate_item_reports_bad_data(shipped_ids):
    text = "Wu Yanhua, Vice Administrator of CNSA, met Roscosmos."
    title = _ann(text, "Vice Administrator", "title-deputy-administrator", "title")  # no multiword
    bad = btq.Item(
        slug="bad", source="https://example.org", title="t", text=text,
        mentions=[
            btq.Annotation("Wu Yanhua", 1, 10, "person-wu-yanhua", "name"),  # wrong offset
            _ann(text, "CNSA", "no-such-id", "acronym"),
            title,
        ],
        traps=[btq.TrapSpan("Roscosmos", text.index("Roscosmos"), text.index("Roscosmos") + 9, "")],
        keep=["Jiangsu"],
    )
    problems = "\n".join(btq.validate_item(bad, shipped_ids))
    assert "not at offset 1" in problems
    assert "no-such-id" in problems
    assert "must say multiword" in problems
    assert "needs a 'why'" in problems
    assert "keep 'Jiangsu'" in problems


# -- the judging rules, on an invented item and a stand-in normalizer ----------------------------
@dataclass
class _Match:
    entity_id: str
    type: str


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    match: _Match


class _StubNormalizer:
    """Returns fixed mentions, and a fixed rewrite, whatever the text."""

    def __init__(self, found: list[tuple[str, str, str]], text: str, rewritten: str):
        self._found = []
        for sub, eid, typ in found:
            start = text.index(sub)
            self._found.append(_Mention(start, start + len(sub), sub, _Match(eid, typ)))
        self._rewritten = rewritten

    def find(self, text: str) -> list[_Mention]:
        return self._found

    def normalize_text(self, text: str) -> str:
        return self._rewritten


def _ann(text: str, sub: str, eid: str, kind: str) -> btq.Annotation:
    start = text.index(sub)
    return btq.Annotation(sub, start, start + len(sub), eid, kind)


def _trap(text: str, sub: str) -> btq.TrapSpan:
    start = text.index(sub)
    return btq.TrapSpan(sub, start, start + len(sub), "invented")


def test_judging_rules_on_an_invented_item():
    text = ("Li Ming, deputy chief designer at SAST's 901st Institute, met the Lunar Office of "
            "Example Agency (EA) and Hainan Island officials on 3 May.")
    item = btq.Item(
        slug="invented", source="https://example.org", title="t", text=text,
        mentions=[_ann(text, "SAST", "sast", "acronym"), _ann(text, "Example Agency", "cnsa", "name"),
                  _ann(text, "EA", "cnsa", "acronym"), _ann(text, "Li Ming", "person-wu-yanhua", "name")],
        traps=[_trap(text, "deputy chief designer"), _trap(text, "SAST's 901st Institute"),
               _trap(text, "Hainan Island")],
        keep=["Hainan Island"],
    )
    found = [
        ("SAST", "sast", "org"),                          # inside its annotation: correct
        ("chief designer", "title-chief-designer", "title"),  # on a trap
        ("Example Agency", "casc", "org"),                # annotated, other id: wrong
        ("Hainan Island", "hainan", "place"),             # on a trap
        ("officials", "term-x", "term"),                  # unannotated term
        ("May", "may-org", "org"),                        # spurious
    ]
    rewritten = text.replace("Hainan Island", "Hainan Province (island)").replace("3 May", "May")
    r = btq.evaluate(_StubNormalizer(found, text, rewritten), [item])
    s = r["summary"]
    assert (s["name_found"], s["name_annotated"]) == (1, 4)
    assert s["trap_hits"] == 2
    assert {x["trap"] for x in r["trap_hits"]} == {"deputy chief designer", "Hainan Island"}
    assert s["wrong_ids"] == 1 and r["wrong_ids"][0]["expected"] == "cnsa"
    assert s["spurious"] == 1 and s["unannotated_terms"] == 1
    assert s["keep_lost"] == 1 and s["digits_lost"] == 1 and s["brackets_added"] == 1
    assert not r["targets"]["trap_hits"]["pass"] and not r["targets"]["name_recall"]["pass"]
    assert r["targets"]["multiword_title_recall"]["value"] is None


def test_rewrite_damage_measures():
    src = "CCCG Co., Ltd. (CCCG) said the Corp.'s team met."
    out = ("China Communications Construction Group (China Communications Construction Group) "
           "said the Corporation.'s team met.")
    d = btq._rewrite_damage(src, out)
    assert d["names_doubled"] == 1 and d["orphaned_periods"] == 1 and d["digits_lost"] == 0


# -- the script on the real set ------------------------------------------------------------------
def test_the_script_runs_on_the_set(capsys, tmp_path):
    out = tmp_path / "text_quality.json"
    assert btq.main(["--out", str(out)]) == 0
    report = capsys.readouterr().out
    assert "name_recall" in report and "multiword_title_recall" in report
    results = json.loads(out.read_text(encoding="utf-8"))
    s = results["summary"]
    assert s["items"] == len(btq.load_items())
    for key in ("name_recall", "multiword_title_recall", "one_word_title_recall", "term_recall"):
        assert s[key] is None or 0.0 <= s[key] <= 1.0
    assert len(results["per_item"]) == s["items"]
    assert set(results["targets"]) == {"name_recall", "multiword_title_recall", "trap_hits", "wrong_ids"}
    assert all(isinstance(t["pass"], bool) for t in results["targets"].values())


def test_json_option_prints_json(capsys):
    assert btq.main(["--json", "--no-save"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert {"summary", "targets", "per_item", "trap_hits", "wrong_ids", "spurious", "missed"} <= set(results)
