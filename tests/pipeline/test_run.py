"""aeronorm.pipeline.run, the acceptance policy: a name with a company form names a company.
Every name here is invented."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "qinghe", "name": "Qinghe Province", "type": "place", "zh": "清河省"},
    {"id": "lanting", "name": "Lanting Programme", "type": "program"},
    {"id": "qinghe-aero", "name": "Qinghe Aerospace Co., Ltd.", "zh": "清河航天有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", ["Qinghe Co., Ltd.", "QINGHE COMPANY LIMITED", "Lanting Co., Ltd."])
def test_a_company_form_never_answers_a_place_or_a_programme(n, query):
    assert _id(n, query) is None
    assert n.match_many([query]) == [None]


def test_the_same_words_without_a_company_form_still_name_them(n):
    assert _id(n, "Qinghe") == "qinghe"
    assert _id(n, "Lanting Programme") == "lanting"


def test_a_company_form_still_finds_its_company(n):
    assert _id(n, "Qinghe Aerospace Company Limited") == "qinghe-aero"
    assert _id(n, "Qinghe Aerospace Co., Ltd.", type="org") == "qinghe-aero"
    assert _id(n, "Qinghe Co., Ltd.", type="place") is None
