"""Affiliation lines: a body's name followed by its address (a city, a postal code, a province,
the country), as papers and registries write them. Invented names."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer


def test_an_affiliation_with_its_postal_address_is_the_body():
    n = Normalizer(Glossary.from_records([
        {"id": "lpu", "name": "Qiqihar Orbital Polytechnic", "zh": "齐齐哈尔轨道工业学院"},
        {"id": "unit", "name": "Unit 161006"}]))
    assert n.match("Qiqihar Orbital Polytechnic, Qiqihar 161006, China").entity_id == "lpu"
    assert n.match("Qiqihar Orbital Polytechnic, 161006 Qiqihar, PR China").entity_id == "lpu"
    assert n.match("Qiqihar Orbital Polytechnic 161006") is None  # a number more: another body
    # a unit of the body is still no answer with its address
    assert n.match("School of Optics, Qiqihar Orbital Polytechnic, Qiqihar 161006, China") is None


def test_an_affiliation_abbreviated_as_paper_indexes_write_it_is_the_body():
    n = Normalizer(Glossary.from_records([
        {"id": "qoe", "name": "Qiqihar Orbital Engineering University", "zh": "齐齐哈尔轨道工程大学"},
        {"id": "qap", "name": "Qiqihar Academy of Aerospace Propulsion Technology"},
        {"id": "qlv", "name": "Qiqihar Academy of Launch Vehicle Technology"}]))
    assert n.match("Qiqihar Orbital Engn Univ, Qiqihar 161006, P. R. China").entity_id == "qoe"
    assert n.match("Qiqihar Acad Aerosp Propuls Technol").entity_id == "qap"
    assert n.match("Qiqihar Acad. of Launch Veh. Technol.").entity_id == "qlv"
    assert n.match("Qiqihar Orbital Engn Univ, Sch Astronaut") is None  # its school
    # Web of Science writes the country "Peoples R China"
    assert n.match("Qiqihar Orbital Engn Univ, Qiqihar 161006, Peoples R China").entity_id == "qoe"
    assert n.match("QIQIHAR ORBITAL ENGN UNIV, QIQIHAR 161006, PEOPLES R CHINA").entity_id == "qoe"
    assert n.match("Qiqihar Orbital Engn Univ, Sch Astronaut, Qiqihar 161006, Peoples R China") is None


@pytest.fixture(scope="module")
def located() -> Normalizer:
    return Normalizer(Glossary.from_records([
        {"id": "qou", "name": "Qilu Orbital University", "zh": "齐鲁轨道大学", "location": "Jinan"},
        {"id": "nou", "name": "Nanjing Orbital University", "zh": "南京轨道大学"},
        {"id": "lab", "name": "Lunar Dust Laboratory", "zh": "月尘实验室", "location": ["Hefei"]},
    ]))


@pytest.mark.parametrize(("query", "expected"), [
    # where the glossary says it is, written after its name: an address
    ("Qilu Orbital University, Jinan 250100, China", "qou"),
    ("Qilu Orbital University, Jinan, Shandong, P. R. China", "qou"),
    ("Qilu Orbital University, Shandong", "qou"),  # the province its city is in
    ("Lunar Dust Laboratory, Hefei, Anhui 230026, China", "lab"),
    # the city its Chinese name states, with that city's province
    ("Nanjing Orbital University, Nanjing 210016, Jiangsu, China", "nou"),
    ("Nanjing Orbital University, Jiangsu, China", "nou"),
    # a street before the city, a district with its city, a code in a part of its own after them
    ("Qilu Orbital University, 27 Shanda Road, Jinan 250100, China", "qou"),
    ("Qilu Orbital University, No. 5 Jingshi Avenue, Jinan, Shandong", "qou"),
    ("Nanjing Orbital University, Jiangning District, Nanjing, 211106, China", "nou"),
    ("Nanjing Orbital University,Nanjing,China,211106", "nou"),
])
def test_a_place_after_the_name_where_the_body_is_is_its_address(located, query, expected):
    assert located.match(query).entity_id == expected


@pytest.mark.parametrize("query", [
    "Qilu Orbital University, Weihai 264209, China",  # another city: a campus there
    "Qilu Orbital University (Weihai)",
    "Nanjing Orbital University, Suzhou, Jiangsu",
    "Lunar Dust Laboratory, Shanghai",
    "Jinan Qilu Orbital University",  # a place before the name may be another body's
    "Lunar Dust Laboratory, Anhui Branch",
    "Nanjing Orbital University, Jiangning District",  # a district without its city
    "Nanjing Orbital University, Suzhou, Jiangsu",  # another city of the same province
    "Qilu Orbital University, 27 Shanda Road, Weihai, China",
    "Qilu Orbital University, 264209, China",  # a code alone: any city's
    "Lunar Dust Laboratory, Chinese Academy of Sciences, 830011, China",  # after the name's part
])
def test_another_place_is_still_another_body(located, query):
    assert located.match(query) is None


@pytest.mark.parametrize("query", [
    "Kite Rocketry Technology (Wuhan) Co., Ltd.",  # in a company's name: a company there
    "Kite Rocketry (Wuhan) Co., Ltd.",
    "Kite Rocketry (Wuhan)",  # in brackets: a branch there
    "Kite Rocketry (Hubei)",
    "Kite Rocketry Technology Wuhan Co., Ltd.",
])
def test_a_place_in_a_company_s_name_or_in_brackets_is_no_address(query):
    n = Normalizer(Glossary.from_records([
        {"id": "kite", "name": "Kite Rocketry Technology Co., Ltd.", "zh": "风筝火箭科技有限公司",
         "location": "Wuhan"}]))
    assert n.match("Kite Rocketry Technology Co., Ltd.").entity_id == "kite"
    assert n.match("Kite Rocketry Technology Co., Ltd., Wuhan, China").entity_id == "kite"  # after it
    assert n.match(query) is None


def test_without_a_location_a_city_its_names_do_not_state_is_no_address():
    n = Normalizer(Glossary.from_records([
        {"id": "qou", "name": "Qilu Orbital University", "zh": "齐鲁轨道大学"}]))
    assert n.match("Qilu Orbital University, Jinan 250100, China") is None


def test_an_organisation_other_bodies_are_named_under_has_an_address_too():
    # the Chinese Academy of Sciences is what its institutes' names state; written whole with
    # its own address, it is itself, not "one of its units in Beijing"
    n = Normalizer(Glossary.from_records([
        {"id": "cas", "name": "Chinese Academy of Sciences", "zh": "中国科学院", "location": "Beijing"},
        {"id": "imech", "name": "Institute of Mechanics, Chinese Academy of Sciences",
         "zh": "中国科学院力学研究所", "parent": "cas"},
    ]))
    assert n.match("Chinese Academy of Sciences, Beijing 100864, China").entity_id == "cas"
    assert n.match("Chinese Academy of Sciences, Shanghai, China") is None
    assert n.match("Institute of Mechanics, Chinese Academy of Sciences, Shanghai") is None


@pytest.mark.parametrize(("query", "expected"), [
    ("QOU, Jinan 250100, China", "qou"),  # an acronym with its body's address
    ("QOU, Shandong", "qou"),
    ("QOU, Weihai 264209, China", None),  # another city: a campus there
    ("QOU, School of Optics", None),  # a unit of it
    ("QOU", "qou"),
])
def test_an_acronym_with_an_address_is_its_body_where_its_name_would_be(query, expected):
    n = Normalizer(Glossary.from_records([
        {"id": "qou", "name": "Qilu Orbital University", "zh": "齐鲁轨道大学", "location": "Jinan",
         "abbreviations": ["QOU"]}]))
    m = n.match(query)
    assert (m.entity_id if m else None) == expected


@pytest.mark.parametrize(("query", "expected"), [
    # Chinese affiliation lines (作者单位): the address after the name, or before it, apart from it
    ("齐鲁轨道大学，济南 250100", "qou"),
    ("齐鲁轨道大学, 济南市 250100, 中国", "qou"),
    ("齐鲁轨道大学 山东 济南250100", "qou"),
    ("中国 济南 齐鲁轨道大学", "qou"),
    ("南京轨道大学，南京 210016", "nou"),  # the city its name states
    ("齐鲁轨道大学，中国", "qou"),
    # another city: a campus there; a code alone: any city's; a unit before the address
    ("齐鲁轨道大学，威海 264209", None),
    ("齐鲁轨道大学 250100", None),
    ("齐鲁轨道大学 航天学院，济南 250100", None),
    ("月尘实验室，南京 210016", None),
])
def test_a_chinese_affiliation_line_is_the_body_where_it_is(located, query, expected):
    m = located.match(query)
    assert (m.entity_id if m else None) == expected


@pytest.mark.parametrize(("query", "expected"), [
    # "X-based" before the name says where the body is, as an address after it does
    ("Jinan-based Qilu Orbital University", "qou"),
    ("China-based Qilu Orbital University", "qou"),
    ("Weihai-based Qilu Orbital University", None),  # another city: a campus there
    ("US-based Qilu Orbital University", None),  # abroad: another body
    ("Orbit-based Qilu Orbital University", None),  # no place
])
def test_a_place_based_body_is_the_body_where_it_is(located, query, expected):
    m = located.match(query)
    assert (m.entity_id if m else None) == expected


def test_a_latin_name_with_a_chinese_city_is_no_affiliation_line(located):
    assert located.match("Qilu Orbital University 济南市") is None
