"""What a company form says of the company: one of another country ("X GmbH", "X Pte. Ltd.") or a
partnership is a foreign subsidiary, a namesake or a fund, not the Chinese company; a group
(集团, "Jituan") is another body than a company no name of which says group. Invented examples."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "orbix", "name": "Orbix Space Co., Ltd.", "zh": "奥比斯航天有限公司", "aliases": ["Orbix Space"]},
    {"id": "lumo-de", "name": "Lumo Optics GmbH"},  # a glossary's own foreign company
    {"id": "qinling-grp", "name": "Qinling Aerospace Group", "zh": "秦岭航天集团有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Orbix Space GmbH", "Orbix Space S.A.", "Orbix Space AG", "Orbix Space Pte. Ltd.", "Orbix Space A/S",
    "Orbix Space Limited Partnership",
    "Orbix Space (Limited Partnership)",  # 有限合伙 is written in brackets: a fund, not the company
    "Orbix Space Co., Ltd. (Limited Partnership)",
])
def test_a_company_form_of_another_country_is_another_company(n, query):
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Orbix Space Co., Ltd.", "orbix"), ("Orbix Space Inc.", "orbix"), ("Orbix Space Ltd", "orbix"),
    ("Lumo Optics GmbH", "lumo-de"),  # its own form
])
def test_a_company_s_own_or_an_english_form_is_read(n, query, expected):
    assert _id(n, query) == expected


@pytest.mark.parametrize("query", ["奥比斯航天集团", "Aobisi Hangtian Jituan", "Orbix Space Group"])
def test_a_group_is_no_company_no_name_of_which_says_group(n, query):
    assert n.match(query) is None


def test_a_group_s_own_names_still_read(n):
    assert _id(n, "秦岭航天集团") == "qinling-grp"



@pytest.fixture(scope="module")
def groups() -> Normalizer:
    return Normalizer(Glossary.from_records([
        {"id": "qinling-grp", "name": "China Qinling Industries Group Corporation Limited",
         "zh": "中国秦岭工业集团有限公司", "aliases": ["China Qinling Industries Group"]},
        {"id": "huashan", "name": "Huashan Optics Corporation", "zh": "华山光学集团有限公司",
         "aliases": ["Huashan Optics Group"]},
    ]))


@pytest.mark.parametrize("query", [
    "China Qinling Industries Co., Ltd.", "China Qinling Industries Company Limited", "中国秦岭工业有限公司",
])
def test_a_company_s_form_is_the_namesake_company_of_a_group_always_so_named(groups, query):
    # every name of the group says "Group": the same words with a company's form are its trading
    # company (a listed company shares its group's naming words too)
    assert groups.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("China Qinling Industries", "qinling-grp"),  # no form stated
    ("China Qinling Industries Corporation", "qinling-grp"),  # "Corporation" renders 集团 too
    ("China Qinling Industries Group Corp.", "qinling-grp"),
    ("Huashan Optics Co., Ltd.", "huashan"),  # one of its names is a plain "Corporation"
])
def test_a_group_named_without_its_form_or_also_as_a_corporation_is_read(groups, query, expected):
    assert _id(groups, query) == expected


@pytest.mark.parametrize("query", ["Orbix China Limited", "Orbix China Co., Ltd.", "ORBIX PRC Ltd."])
def test_the_country_before_a_company_form_is_the_company_s_subsidiary_there(query):
    # "X China Limited" is X's company in China, as "X (Shenzhen) Co." is its company there
    n = Normalizer(Glossary.from_records([
        {"id": "orbix-ltd", "name": "Orbix Limited", "zh": "奥比斯有限公司"},
    ]))
    assert n.match(query) is None
    assert n.match("Orbix Ltd.").entity_id == "orbix-ltd"


def test_a_national_scope_of_the_name_s_own_is_read():
    n = Normalizer(Glossary.from_records([{"id": "boq", "name": "Bank of Qinling China Limited"}]))
    assert n.match("Bank of Qinling China Ltd.").entity_id == "boq"


@pytest.fixture(scope="module")
def fields() -> Normalizer:
    return Normalizer(Glossary.from_records([
        {"id": "csst", "name": "China Satellite Science and Technology Corporation",
         "zh": "中国卫星科技集团有限公司", "aliases": ["Satellite Science and Technology Group"]},
        {"id": "alliance", "name": "Satellite Industry Technology Alliance", "zh": "卫星产业技术联盟"},
    ]))


@pytest.mark.parametrize("query", ["Satellite Science and Technology", "Satellite Science & Technology"])
def test_words_of_a_field_name_no_body(fields, query):
    # a journal, a degree, a conference is named so as often as the group that drops its form
    assert fields.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("China Satellite Science and Technology", "csst"),  # a scope makes it a name
    ("Satellite Science and Technology Group", "csst"),  # a company form
    ("Satellite Industry Technology Alliance", "alliance"),  # a type of body
])
def test_a_scope_a_form_or_a_type_of_body_makes_field_words_a_name(fields, query, expected):
    assert _id(fields, query) == expected


def test_a_place_code_in_brackets_is_no_acronym_of_the_name():
    # "(HK)" says where the company is: its Hong Kong company, not one of the same name elsewhere
    n = Normalizer(Glossary.from_records([{"id": "ace-hk", "name": "Qinace Electronics (HK) Co., Limited"}]))
    assert n.match("Qinace Electronics Co., Ltd.") is None
    assert n.match("Qinace Electronics Enterprise") is None
    assert n.match("Qinace Electronics (HK) Co., Ltd.").entity_id == "ace-hk"


def test_a_place_before_a_full_name_registered_without_one_is_another_company():
    # with no Chinese name, the English full name as registered ("X Electronics Co., Limited",
    # a Hong Kong company) states no place: "Shenzhen X Electronic Co., Ltd." is another company
    n = Normalizer(Glossary.from_records([
        {"id": "hk", "name": "Small Panda Electronics Co., Limited"},
        {"id": "placed", "name": "Shanghai Lumira Network Technology Co., Ltd."},
    ]))
    assert n.match("Shenzhen Small Panda Electronic Co., Ltd.") is None
    assert n.match("Small Panda Electronics Co., Ltd.").entity_id == "hk"
    assert n.match("Lumira Network Technology Co., Ltd.").entity_id == "placed"  # a place left out
