"""normalize_text leaves a name as written where its context already says what a rewrite would
add or would break: a parent named right before a unit (its acronym in brackets between), an
acronym a possessive name defines in brackets, the adjective of a place's level that opens a
body's name, a place in a list under a plural head ("the provinces of"), a Chinese name in a
Chinese sentence; and a mention never runs out of the brackets it starts in. Invented entities and
sentences."""

from __future__ import annotations

import pytest

import aeronorm
from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "ras", "name": "Republic Academy of Sciences", "abbreviations": ["RAS"], "type": "org"},
    {"id": "ras-optics", "name": "Institute of Deep Optics of the Republic Academy of Sciences",
     "aliases": ["Institute of Deep Optics", "RAS Institute of Deep Optics"], "parent": "ras", "type": "org"},
    {"id": "osa", "name": "Orbital Space Administration", "abbreviations": ["OSA"], "type": "org"},
    {"id": "qinghe", "name": "Qinghe", "zh": "清河", "aliases": ["Qinghe Municipality"],
     "type": "place"},
    {"id": "mirou", "name": "Mirou Province", "zh": "米柔省", "aliases": ["Mirou"], "type": "place"},
    {"id": "lanyu", "name": "Lanyu Orbital Technology Co., Ltd.", "zh": "蓝宇轨道科技有限公司",
     "type": "org"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def test_a_parent_written_right_before_a_unit_is_not_added_again(n):
    text = "The Republic Academy of Sciences (RAS) Institute of Deep Optics said so."
    assert n.normalize_text(text) == text
    assert all(")" not in m.text for m in n.find(text))  # no mention runs out of a bracket


@pytest.mark.parametrize("text", [
    "The Institute of Deep Optics said so.",
    "The Republic Academy of Sciences Institute of Deep Optics said so.",  # one name of the unit
])
def test_a_unit_without_its_parent_beside_it_gets_its_canonical_name(n, text):
    expected = "The Institute of Deep Optics of the Republic Academy of Sciences said so."
    assert n.normalize_text(text) == expected


@pytest.mark.parametrize("text", [
    "The Orbital Space Administration's (OSA) new centre opened.",
    "The Orbital Space Administration (OSA) opened a centre.",
])
def test_an_acronym_a_name_defines_in_brackets_is_left_as_written(n, text):
    assert n.normalize_text(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("We met the Qinghe Municipal Science Committee.", "We met the Qinghe Municipal Science Committee."),
    ("Qinghe Municipality said so.", "Qinghe said so."),
])
def test_the_adjective_of_a_place_s_level_opens_a_body_s_name(n, text, expected):
    assert n.normalize_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("We saw the provinces of Lanxi, and Mirou.", "We saw the provinces of Lanxi, and Mirou."),
    ("We saw the provinces of Qinghe, Lanxi and Mirou.", "We saw the provinces of Qinghe, Lanxi and Mirou."),
    ("They invested in Mirou.", "They invested in Mirou Province."),
])
def test_a_place_listed_under_a_plural_head_gets_no_head_of_its_own(n, text, expected):
    assert n.normalize_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("“蓝宇轨道科技有限公司”是一家公司。", "“蓝宇轨道科技有限公司”是一家公司。"),
    ("该公司即蓝宇轨道科技有限公司。", "该公司即蓝宇轨道科技有限公司。"),
    ("The company 蓝宇轨道科技有限公司 said so.", "The company Lanyu Orbital Technology Co., Ltd. said so."),
])
def test_a_chinese_name_in_a_chinese_sentence_is_left_in_chinese(n, text, expected):
    assert n.normalize_text(text) == expected
    assert [m.entity_id for m in n.find(text)] == ["lanyu"]


@pytest.mark.parametrize("text", [
    "1990年成立的轨道航天总署(OSA)后来改组。",  # the writer's gloss of the Chinese name before it
    "轨道航天总署（OSA）发布公告。",
])
def test_an_acronym_glossing_a_chinese_name_in_brackets_is_left_as_written(n, text):
    assert n.normalize_text(text) == text


@pytest.mark.parametrize("text", [
    "He sits on the Beijing Municipal CPC Committee.",  # the shipped glossary's Beijing
    "He sits on the Hubei Provincial CPC Committee.",
    "He became Guangxi's Party chief.",  # an autonomous region's post is no province's
    "He became Tibet's Party chief.",
])
def test_shipped_places_keep_their_level(text):
    assert aeronorm.normalize_text(text) == text


def test_a_province_s_party_chief_is_its_provincial_party_secretary():
    found = [m.entity_id for m in aeronorm.find("He became Hubei's Party chief.")]
    assert found == ["hubei", "title-provincial-party-secretary"]


@pytest.fixture(scope="module")
def listed() -> Normalizer:
    return Normalizer(Glossary.from_records([
        *RECORDS,
        {"id": "orbix", "name": "Orbix Space Co., Ltd.",
         "aliases": ["Starbit Aerospace", "Orbix Space Corp."]},
        {"id": "zhiyuan-2f", "name": "Zhiyuan 2F", "aliases": ["ZY-2F"], "type": "program"},
        {"id": "ras-unit", "name": "Fourth Institute of RAS", "aliases": ["Lanxi Optics Group"],
         "parent": "ras"},
    ]))


@pytest.mark.parametrize("text", [
    "Orbix Space Corp., a.k.a. Starbit Aerospace, was listed.",  # the names an a.k.a. gives stay
    "Entity: Orbix Space Co., Ltd., a.k.a.:\n\u2014Orbix Space Corp.;\n\u2014Starbit Aerospace.",
    "It flew on the Zhiyuan ZY-2F rocket.",  # the family's name is written before the code
    "Qinghe Starbit Works signed.",  # a place that opens a longer name
])
def test_what_the_text_already_says_is_not_written_again(listed, text):
    assert listed.normalize_text(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("The ZY-2F rocket flew.", "The Zhiyuan 2F rocket flew."),
    ("Lanxi Optics Group said so.", "The Fourth Institute of RAS said so."),
    ("We went to Qinghe.", "We went to Qinghe."),  # (its canonical name)
    ("Wuxi, capital of Mirou's province, hosted it.", "Wuxi, capital of Mirou's province, hosted it."),
    ('"OSA will launch it," he said.', '"Orbital Space Administration will launch it," he said.'),
])
def test_a_name_with_nothing_said_around_it_is_rewritten_cleanly(listed, text, expected):
    assert listed.normalize_text(text) == expected


def test_an_owner_written_with_a_description_between_is_not_added_again(listed):
    out = listed.normalize_text("Its parent is RAS, via RAS's own subsidiary Lanxi Optics Group.")
    assert out.endswith("'s own subsidiary Lanxi Optics Group.")


def test_a_name_that_modifies_a_word_its_canonical_name_has_is_left_as_written():
    n = Normalizer(Glossary.from_records([
        {"id": "lanxing", "name": "Lanxing Navigation Satellite System",
         "aliases": ["Lanxing", "Lanxing system"], "type": "program"},
    ]))
    for text in ("The Lanxing satellite navigation system grew.", "Lanxing system navigation service grew.",
                 "The Lanxing satelite navigation grew.", "The Lanxing navigat service grew."):  # typos
        assert n.normalize_text(text) == text  # not "Lanxing Navigation Satellite System satellite ..."
    expected = "It serves Lanxing Navigation Satellite System users."
    assert n.normalize_text("It serves Lanxing users.") == expected
