"""A name that is the whole of its line (a list, a heading, an affiliation) ends at the line
break: names on consecutive lines are each found, and never read together as a third, longer
name. A name wrapped onto the next line inside a sentence still reads on. Invented names."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "quzhou", "name": "Quzhou City", "aliases": ["Quzhou"], "type": "place"},
    {"id": "zenith", "name": "Zenith Orbital Technology Co., Ltd.", "abbreviations": ["ZOT"]},
    {"id": "pegasus", "name": "Pegasus Aerospace Group", "abbreviations": ["PAG"]},
    {"id": "league", "name": "Harbour League", "abbreviations": ["HBL"]},
    {"id": "league-quzhou", "name": "HBL Quzhou Committee", "parent": "league"},
    {"id": "assembly-quzhou", "name": "Quzhou Committee of the Citizens' Assembly"},
    {"id": "caic", "name": "Central Audit and Inspection Commission", "abbreviations": ["CAIC"]},
    {"id": "orbital-safety", "name": "Commission for Orbital Safety"},
    {"id": "rail-group", "name": "Lanzhu Rail Construction Group Co., Ltd."},
    {"id": "rail-company", "name": "Lanzhu Rail Construction Company Limited"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def ids(n: Normalizer, text: str) -> list[str]:
    return [m.entity_id for m in n.find(text)]


@pytest.mark.parametrize("sep", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize(("text", "expected"), [
    # two organisations side by side are otherwise one longer name the matcher must answer
    ("ZOT{sep}PAG{sep}", ["zenith", "pegasus"]),
    ("# PAG{sep}PAG builds engines.", ["pegasus", "pegasus"]),
    ("- ZOT{sep}- PAG{sep}", ["zenith", "pegasus"]),
    # a glossary path runs on into the next line: "HBL Quzhou Committee" is a third body
    ("Members:{sep}HBL{sep}Quzhou Committee of the Citizens' Assembly{sep}", ["league", "assembly-quzhou"]),
    # the next line opens with the last word of the name's canonical form
    ("CAIC{sep}Commission for Orbital Safety{sep}", ["caic", "orbital-safety"]),
    # a name only the matcher answers (the trie's path has two owners), then the next line's
    ("Lanzhu Rail Construction Company Limited{sep}Zenith Orbital Technology Co., Ltd.{sep}",
     ["rail-company", "zenith"]),
])
def test_a_name_that_is_its_whole_line_ends_at_the_line_break(n, sep, text, expected):
    assert ids(n, text.format(sep=sep)) == expected


def test_lines_of_a_list_are_never_joined_by_a_rewrite(n):
    text = "Members:\nHBL\nQuzhou Committee of the Citizens' Assembly\n"
    assert str(n.normalize_text(text)) == text  # each line its own name, each already as written


@pytest.mark.parametrize(("text", "expected"), [
    # a name wrapped inside a sentence reads on, whether or not it opens the line
    ("Officials said that the Pegasus\nAerospace Group agreed.", ["pegasus"]),
    ("Officials said that the\nPegasus Aerospace\nGroup agreed.", ["pegasus"]),
    ("Officials said that the\nHBL\nQuzhou Committee agreed.", ["league-quzhou"]),
    # a place before a company, wrapped: still one longer name, no mention of the place
    ("Officials said that the\nQuzhou\nZenith Orbital Technology Co., Ltd. agreed.", []),
    # a list's item wrapped onto a line with no mark of its own
    ("1. HBL\nQuzhou Committee agreed.\n2. PAG\n", ["league-quzhou", "pegasus"]),
])
def test_a_name_wrapped_inside_a_sentence_still_reads_on(n, text, expected):
    assert ids(n, text) == expected
