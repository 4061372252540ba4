"""aeronorm.scan.glosses: a mirror page's pinyin glosses inside Chinese words (集團(tuán)) are read
through; mentions are placed back on the text as written. Invented entities and sentences."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.scan.glosses import without_glosses

RECORDS = [
    {"id": "xh", "name": "Xinghe Aerospace Group", "zh": "星河航天集团有限公司", "type": "org"},
    {"id": "xh-8", "name": "Xinghe Eighth Academy", "zh": "星河航天集团第八研究院", "parent": "xh",
     "type": "org"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize(("text", "found"), [
    ("據報道，星河航天集團(tuán)有限公司發(fā)布公告。", [("星河航天集團(tuán)有限公司", "xh")]),
    ("星河航天集團(tuán)第八研究院成立。", [("星河航天集團(tuán)第八研究院", "xh-8")]),
])
def test_a_name_cut_by_a_gloss_is_found_whole(n, text, found):
    mentions = n.find(text)
    assert [(m.text, m.entity_id) for m in mentions] == found
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_what_is_no_gloss_is_left():
    # a bracketed letter, an acronym, a word without a tone mark: no gloss
    assert without_glosses("附件(a)与星河(XH)和星河(xinghe)") is None
    read = without_glosses("集團(tuán)成立")
    assert read.text == "集團成立" and read.span(0, 2) == (0, 2) and read.span(1, 3) == (1, 9)
