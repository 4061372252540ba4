"""A company named after its parent has the parent for its brand (中科宇航, "CAS Space Exploration
Technology"): the words left without it describe a trade that other companies share, unless a
place or a word of its own still names it. Invented examples."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    # under an academy that names families of units (affiliations.yaml): CAAS
    {"id": "caas-explore", "name": "CAAS Space Exploration Technology Co., Ltd."},
    {"id": "caas-xian", "name": "CAAS Xi'an Machine Tool Co., Ltd."},
    {"id": "caas-lumo", "name": "CAAS Lumora Optics Co., Ltd."},
    {"id": "caas-it", "name": "CAAS Academy of Information Technology"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("query", [
    "Space Exploration Technology Co., Ltd.",
    "Aerospace Exploration Technology",
])
def test_the_trade_without_the_parent_names_no_company(n, query):
    assert n.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("CAAS Space Exploration Technology", "caas-explore"),
    ("Chinese Academy of Agricultural Sciences Space Exploration Technology", "caas-explore"),
    ("Xi'an Machine Tool Co., Ltd.", "caas-xian"),  # a place still names it
    ("Lumora Optics Co., Ltd.", "caas-lumo"),  # so does a brand of its own
])
def test_a_parent_left_out_with_a_place_or_brand_left_is_read(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected


def test_the_country_in_place_of_the_parent_names_a_national_body(n):
    # "China Academy of X" is the country's academy of the field, not the group's unit
    assert n.match("China Academy of Information Technology") is None
    m = n.match("CAAS Academy of Information Technology")
    assert m is not None and m.entity_id == "caas-it"
