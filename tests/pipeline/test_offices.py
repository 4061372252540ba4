"""aeronorm.pipeline.fuzzy and template: what every body of a kind has. A department named with
its parent is not named by its common words once the parent is left out (every academy has a
department of cooperation), though a national centre is one of a kind; a post is the post of a
kind of body, and the State Council (国务院) is no academy for its 院. Invented examples; CAS is a
parent of affiliations.yaml."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "cas", "name": "Chinese Academy of Sciences", "aliases": ["CAS"], "zh": "中国科学院"},
    {"id": "cas-coop", "name": "Department of Orbital Cooperation, CAS", "zh": "中国科学院轨道合作司",
     "parent": "cas"},
    {"id": "nosc", "name": "National Orbital Science Center, CAS", "zh": "中国科学院国家轨道科学中心",
     "parent": "cas"},
    {"id": "council", "name": "State Council", "zh": "国务院"},
    {"id": "lumen", "name": "Lumen Space Academy", "zh": "鲁门航天研究院"},
    {"id": "title-acad", "name": "Academician", "zh": "院士", "type": "title", "bodies": ["academy"]},
    {"id": "qinling-ctr", "name": "Qinling Astronaut Research and Orbital Training Center"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def test_a_department_without_its_parent_is_no_answer(n):
    assert n.match("Department of Orbital Cooperation") is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Department of Orbital Cooperation, CAS", "cas-coop"),
    ("CAS Department of Orbital Cooperation", "cas-coop"),
    ("National Orbital Science Center", "nosc"),  # a national centre: one of a kind
])
def test_a_department_with_its_parent_or_a_centre_is_read(n, query, expected):
    assert _id(n, query) == expected


def test_the_state_council_is_no_academy(n):
    assert n.match("Academician of the State Council") is None
    assert _id(n, "Academician of the Lumen Space Academy") == "title-acad"


def test_a_post_of_a_body_whose_kind_its_names_do_not_tell_is_no_answer():
    n = Normalizer(Glossary.from_records([
        {"id": "hall", "name": "Lumen Exhibition Hall"},
        {"id": "title-acad", "name": "Academician", "zh": "院士", "type": "title", "bodies": ["academy"]},
    ]))
    assert n.match("Academician of the Lumen Exhibition Hall") is None


@pytest.mark.parametrize("query", [
    "Office of the Lumen Space Academy", "Museum of the Lumen Space Academy",
    "Hospital of the Qinling Astronaut Research and Orbital Training Center",
    "Office of Qinling Astronaut Research and Orbital Training Center",
])
def test_a_unit_named_before_the_body_it_is_of_is_that_body_s_unit(n, query):
    # "Museum of X" is X's museum as much as "X Museum" is
    assert n.match(query) is None
    assert _id(n, "Qinling Astronaut Research and Orbital Training Center") == "qinling-ctr"
