"""Stage 6, aeronorm.pipeline.pinyin: an aside that says something about the name ("Li Hong
(footballer)", "X University (Press)") is not set aside, since a namesake or a part is no answer;
an acronym, a quoted short name or a place aside is. Invented entities."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "lin-hao", "name": "Lin Haoran", "zh": "林浩然", "type": "person"},
    {"id": "yunlu", "name": "Yunlu", "zh": "云路", "type": "program"},
    {"id": "qinglan-u", "name": "Qinglan Daxue", "zh": "青岚大学"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Lin Haoran (footballer)", "Yunlu (TV series)", "Qinglan Daxue (Press)", "Qinglan Daxue (Medical School)",
])
def test_an_aside_that_says_something_is_no_answer(n, query):
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Lin Haoran", "lin-hao"), ("Yunlu", "yunlu"), ("Qinglan Daxue", "qinglan-u"),
    ("Qinglan Daxue (QLU)", "qinglan-u"),  # an acronym aside is set aside
    ("Qinglan Daxue [QLU alumni record]", "qinglan-u"),  # a note naming an organisation by acronym
    ("Lin Haoran (Yunlu)", "lin-hao"),  # a note naming a glossary entity: his programme
])
def test_the_name_alone_or_with_an_acronym_is_read(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected
