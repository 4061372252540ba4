"""aeronorm.scan.zh_defined: a short name a Chinese text defines for a body the glossary lacks is
that body's in the whole text, not the glossary entity's of the same characters; a full name
before its own short name in brackets is found. Invented entities and sentences."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.results import Match, Mention
from aeronorm.scan.zh_defined import drop_redefined

RECORDS = [
    {"id": "oka", "name": "Orbix Academy of Sciences", "zh": "奥比科学院", "zh_aliases": ["奥科院"],
     "type": "org"},
    {"id": "lumo", "name": "Lumo Rocket Company", "zh": "鲁摩火箭有限公司", "zh_aliases": ["鲁摩火箭"],
     "abbreviations": ["LRC"], "type": "org"},
    {"id": "sz", "name": "Shenzhen", "zh": "深圳", "type": "place"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def _found(n: Normalizer, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity_id) for m in n.find(text)]


@pytest.mark.parametrize("text", [
    # a body the glossary lacks, its short name the glossary's entity's characters (an island's
    # institute that goes by the same short name)
    "由海岛中山研究院（奥科院）自行研制的导弹试射成功。奥科院表示满意。",
    "海岛中山研究院(以下简称“奥科院”)今日发布公告，奥科院称",
    "星河动力有限公司（下稱奥科院）成立。",
    # a Latin acronym given to another body: the predecessor of a company, say
    "东方火箭总公司（LRC）与外方合资。LRC随后改组。",
])
def test_a_short_name_defined_for_a_body_the_glossary_lacks_is_that_body_s(n, text):
    assert [i for _, i in _found(n, text) if i in ("oka", "lumo")] == []


@pytest.mark.parametrize(("text", "found"), [
    # the glossary's own body defines it: every mention stays
    ("奥比科学院（以下简称奥科院）发布报告。奥科院表示",
     [("奥比科学院", "oka"), ("奥科院", "oka"), ("奥科院", "oka")]),
    # the full name before its own short name in brackets, with or without a note
    ("奥比科学院（奥科院）发布报告。", [("奥比科学院", "oka"), ("奥科院", "oka")]),
    ("鲁摩火箭有限公司（下称鲁摩火箭）发布报告。", [("鲁摩火箭有限公司", "lumo"), ("鲁摩火箭", "lumo")]),
    # no definition: an attribution in brackets after prose
    ("这项成果（奥科院）获奖。", [("奥科院", "oka")]),
])
def test_a_short_name_defined_for_its_own_body_keeps_its_mentions(n, text, found):
    assert _found(n, text) == found


def test_a_place_in_brackets_is_no_short_name(n):
    # a campus or a branch: the place stays a place wherever else the text names it
    assert ("深圳", "sz") in _found(n, "某工业大学（深圳）招生，深圳市政府支持。")


def test_drop_redefined_is_a_plain_policy():
    m = Match("奥科院", "oka", "Orbix Academy of Sciences", "org", 1.0, "chinese")
    text = "海岛中山研究院（奥科院）研制。"
    assert drop_redefined(text, [Mention(8, 11, "奥科院", m)]) == []
    assert drop_redefined("无括号。", []) == []
