"""A scope word tells bodies apart: an international body is no Chinese national one, a province's
body is not the nation's, and "X International" is not X unless a name of X says so. Every example
here is invented."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "cn-lunar-station", "name": "China Lunar Station", "zh": "中国月球站"},
    {"id": "intl-rocketry", "name": "International Rocketry Federation"},
    {"id": "orbital-planning", "name": "National Orbital Planning Commission"},
    {"id": "kestrel", "name": "Kestrel Satellite Technology Co., Ltd."},
    # its English name leaves out the 国际 of its Chinese name
    {"id": "cathay-orbit", "name": "Cathay Orbit Co., Ltd.", "zh": "华辰国际轨道有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "International Lunar Station",  # not the China Lunar Station
    "China Rocketry Federation",  # a national body, not the international federation
    "Chinese Rocketry Federation",
    "Provincial Orbital Planning Commission",  # a province's commission, not the nation's
    "Municipal Orbital Planning Commission",
    "Kestrel International",  # another company of the name
    "Kestrel Satellite Technology International Co., Ltd.",
])
def test_another_scope_names_another_body(n, query):
    assert _id(n, query) is None
    assert "scope" in n.explain(query)


@pytest.mark.parametrize(("query", "expected"), [
    ("China Lunar Station", "cn-lunar-station"),
    ("International Rocketry Federation", "intl-rocketry"),
    ("National Orbital Planning Commission", "orbital-planning"),
    ("Kestrel Satellite Technology Co.", "kestrel"),
    ("Cathay Orbit International Co., Ltd.", "cathay-orbit"),  # its Chinese name says 国际
])
def test_the_scope_a_name_of_the_entity_states_still_matches(n, query, expected):
    assert _id(n, query) == expected


# A ministry, and a council named with the country's full name.
PRC_RECORDS = [
    {"id": "grand-council", "name": "Grand Council of the People's Republic of China"},
    {"id": "orbital-ministry", "name": "Ministry of Orbital Affairs"},
]


@pytest.fixture(scope="module")
def prc() -> Normalizer:
    return Normalizer(Glossary.from_records(PRC_RECORDS))


@pytest.mark.parametrize(("query", "expected"), [
    ("Ministry of Orbital Affairs of the People's Republic of China", "orbital-ministry"),
    ("Ministry of Orbital Affairs of the PRC", "orbital-ministry"),
    ("Grand Council of the People's Republic of China", "grand-council"),
])
def test_the_country_s_full_name_is_a_scope_not_a_name(prc, query, expected):
    # "of the People's Republic of China" names no body: the ministry's name with it is the ministry
    assert _id(prc, query) == expected


def test_the_country_s_full_name_alone_agreeing_names_no_body(prc):
    assert _id(prc, "Ministry of Lunar Affairs of the People's Republic of China") is None


@pytest.mark.parametrize("query", ["National Xiling University", "National Xi Ling University"])
def test_national_before_a_name_that_states_no_scope_is_another_body(query):
    # 國立西嶺大學 elsewhere is not 西岭大学: "National" (国家, 国立) is a scope the name does not state
    n = Normalizer(Glossary.from_records([
        {"id": "xiling-u", "name": "Xiling University", "zh": "西岭大学"},
        {"id": "nssc", "name": "National Orbital Science Center", "zh": "国家轨道科学中心"},
    ]))
    assert n.match(query) is None
    assert n.match("Xiling University").entity_id == "xiling-u"
    assert n.match("National Orbital Science Center").entity_id == "nssc"


# A national body whose other words are common English: without its scope, they name every
# province's body of that kind (and the lexicon's learned morphemes, 改革, are no brand for it).
COMMON_RECORDS = [
    {"id": "reform-board", "name": "National Orbital Reform Commission", "zh": "国家轨道和改革委员会"},
    {"id": "lumora-board", "name": "National Lumora Commission"},
]


@pytest.fixture(scope="module")
def common() -> Normalizer:
    return Normalizer(Glossary.from_records(COMMON_RECORDS))


@pytest.mark.parametrize("query", ["Orbital Reform Commission", "Orbital and Reform Commission"])
def test_a_scope_left_out_is_not_made_up_for_by_common_words(common, query):
    assert _id(common, query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("National Orbital Reform Commission", "reform-board"),
    ("Lumora Commission", "lumora-board"),  # a word of its own names it
])
def test_a_scope_left_out_is_made_up_for_by_a_word_of_its_own(common, query, expected):
    assert _id(common, query) == expected


# "National" (国家) is the state's scope: where an entity's names say "China" (中国) and never
# "National", a "National X" is any nation's X (the National Academy of Sciences is not the
# Chinese Academy of Sciences).
CHINA_RECORDS = [
    {"id": "cn-orbit-fund", "name": "China Orbital Foundation", "zh": "中国轨道基金会"},
    {"id": "cn-rocketry-museum", "name": "China Rocketry Museum", "zh": "中国火箭博物馆"},
    {"id": "cn-national-orbit", "name": "China National Orbital Administration", "zh": "国家轨道局"},
]


@pytest.fixture(scope="module")
def china() -> Normalizer:
    return Normalizer(Glossary.from_records(CHINA_RECORDS))


@pytest.mark.parametrize("query", [
    "National Orbital Foundation", "National Rocketry Museum", "NATIONAL ROCKETRY MUSEUM",
    "National Orbital Foundation Society",
])
def test_national_is_no_rendering_of_china(china, query):
    assert _id(china, query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("China Orbital Foundation", "cn-orbit-fund"),
    ("Chinese Rocketry Museum", "cn-rocketry-museum"),
    ("National Orbital Administration", "cn-national-orbit"),  # its names say National (国家)
    ("China National Orbital Administration", "cn-national-orbit"),
])
def test_the_scope_the_names_state_still_matches(china, query, expected):
    assert _id(china, query) == expected
