"""An acronym with its full name in brackets ("QAST (Qingshan Academy of Space Technology)"), the
order of lists and tables: the entity the bracketed name answers, when the acronym is that
entity's too (it answers the entity alone, or it is the name's initials and answers nothing
else); none when the acronym is another entity's, the name's parent's, or neither (a product
or a code before its maker). Every name here is invented."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "qhag", "name": "Qinghe Aerospace Group Corporation", "abbreviations": ["QHAG"]},
    {"id": "qsat", "name": "Qingshan Academy of Space Technology", "parent": "qhag"},
    {"id": "lanyu-u", "name": "Lanyu Polytechnical University", "abbreviations": ["LYPU", "LPU"]},
    {"id": "qhig", "name": "Qinghe Aerospace Industry Group", "abbreviations": ["QHIG"]},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize(("query", "expected"), [
    ("QHAG (Qinghe Aerospace Group Corporation)", "qhag"),  # a given acronym
    ("LPU (Lanyu Polytechnical University)", "lanyu-u"),  # a second given one
    ("QAST (Qingshan Academy of Space Technology)", "qsat"),  # its initials, known to nothing else
    ("QAST（Qingshan Academy of Space Technology）", "qsat"),  # full-width brackets
    ("QAST ( Qingshan Academy of Space Technology )", "qsat"),
])
def test_an_acronym_before_its_name_names_the_entity(n, query, expected):
    assert _id(n, query) == expected
    assert "Technology" in n.explain(query) or "University" in n.explain(query) \
        or "Corporation" in n.explain(query)


@pytest.mark.parametrize("query", [
    "QHIG (Qinghe Aerospace Group Corporation)",  # the acronym is another entity's
    "QHAG (Qingshan Academy of Space Technology)",  # the parent's acronym before the unit
    "QS5000 (Qingshan Academy of Space Technology)",  # a product before its maker
    "XKZ (Qingshan Academy of Space Technology)",  # letters the name does not spell
    "QAST (Zorvex Academy of Space Technology)",  # the name names nothing
])
def test_an_acronym_that_is_not_the_names_gets_no_answer(n, query):
    assert _id(n, query) is None
