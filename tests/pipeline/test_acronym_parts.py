"""Acronyms of a part of a name ("X, Y"): a part is the entity's own only where the rest of the
name is its parent organisation (its glossary parent, or one of ``affiliations.yaml``); otherwise
the part's acronym may be the parent's ("Academy of Military Medical Sciences, Institute of ..."
is no AMMS). Invented entities."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "losc", "name": "Lunar Orbit Science Center, CAS"},  # CAS: a parent of affiliations.yaml
    {"id": "pegasus", "name": "Pegasus Orbital Group"},
    {"id": "dorl", "name": "Deep Orbit Research Laboratory, Pegasus Orbital Group", "parent": "pegasus"},
    {"id": "qumt-lab", "name": "Stellar Dynamics Laboratory, Quzhou University of Mining and Technology"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize(("query", "expected"), [("LOSC", "losc"), ("DORL", "dorl")])
def test_a_part_whose_rest_is_the_parent_gives_the_entity_s_acronym(n, query, expected):
    assert _id(n, query) == expected


@pytest.mark.parametrize("query", ["QUMT", "SDL"])
def test_a_part_of_a_name_with_no_parent_stated_gives_no_acronym(n, query):
    # QUMT is the university's acronym, not its laboratory's
    assert _id(n, query) is None


def test_the_whole_name_still_gives_its_acronym(n):
    assert _id(n, "SDLQUMT") == "qumt-lab"
