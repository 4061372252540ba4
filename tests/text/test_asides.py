"""aeronorm.text.asides: which asides only repeat a name."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.text.asides import aside_items, is_redundant_aside, without_redundant_asides


@pytest.mark.parametrize(("aside", "redundant"), [
    ("(BUPT)", True),
    ('("Qinglan Tech")', True),
    ("（“青岚科技”）", True),
    ("(a.k.a. Qinglan Aerospace)", True),
    ("(以下简称“青岚科技”)", True),  # the notes of Chinese filings: "hereinafter", "also called"
    ("（又称青岚航天）", True),
    ('(hereinafter "Qinglan")', True),
    ("(Xi'an)", False),         # a place: a more specific entity
    ("(No. 2)", False),
    ("(Shenzhen) ", False),
])
def test_is_redundant_aside(aside, redundant):
    assert is_redundant_aside(aside) is redundant


def test_without_redundant_asides():
    plain = "Qinglan Technology Co., Ltd."
    assert without_redundant_asides(plain + ' ("Qinglan")') == plain
    assert without_redundant_asides("青岚科技有限公司（“青岚”）") == "青岚科技有限公司"
    assert without_redundant_asides("Qinglan (Hangzhou) Co.") == ""
    assert without_redundant_asides("Qinglan") == ""
    assert without_redundant_asides("(QL)") == ""  # nothing else: the text itself


@pytest.mark.parametrize(("aside", "redundant"), [
    ("(qotn)", True),  # no word, no pinyin: in a name without capitals, an acronym
    ("(hubei)", False),  # pinyin: a place, as likely
    ("(xi'an)", False),
    ("(group)", False),  # an English word
    ("(holdings)", False),  # one of more than six letters too
    ("(hk)", False),  # a place's code
    ("(qotnetworks)", False),  # too long for an acronym
])
def test_an_aside_in_a_name_without_capitals(aside, redundant):
    assert is_redundant_aside(aside, caseless=True) is redundant
    assert without_redundant_asides("qinmao orbital tracking network " + aside) == (
        "qinmao orbital tracking network" if redundant else "")
    # with capitals elsewhere, a lower-case word is no acronym
    assert without_redundant_asides("Qinmao Orbital Tracking Network " + aside) == ""


def test_a_lower_case_name_with_its_acronym_in_brackets_matches():
    from aeronorm import Glossary, Normalizer

    n = Normalizer(Glossary.from_records([
        {"id": "qotn", "name": "Qinmao Orbital Tracking Network", "aliases": ["QOTN"]},
        {"id": "xsa", "name": "Xunlong Space Academy", "aliases": ["XSA"]},
    ]))
    assert n.match("qinmao orbital tracking network (qotn)").entity_id == "qotn"
    assert n.match("qinmao orbital tracking network (xsa)") is None  # the aside names another


def test_a_chinese_note_gives_its_name_without_quotes():
    assert aside_items("以下简称“青岚科技”") == ("青岚科技",)
    assert aside_items("原名：青岚航天") == ("青岚航天",)


def test_a_name_with_its_chinese_note_matches_unless_the_note_names_another():
    n = Normalizer(Glossary.from_records([
        {"id": "qinglan", "name": "Qinglan Technology Co., Ltd.", "zh": "青岚科技股份有限公司",
         "zh_aliases": ["青岚科技"]},
        {"id": "hongshan", "name": "Hongshan Rocket Co., Ltd.", "zh": "红山火箭有限公司"}]))
    assert n.match("青岚科技股份有限公司(以下简称“青岚科技”)").entity_id == "qinglan"
    assert n.match("青岚科技股份有限公司(以下简称“红山火箭有限公司”)") is None
