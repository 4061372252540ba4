"""Stage 3, aeronorm.stages.abbreviation: given and derived acronyms."""

from __future__ import annotations

import pytest

from aeronorm.stages import Query, match_abbreviation
from aeronorm.stages.abbreviation import ABBREVIATION_SCORE, looks_like_acronym


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NWPU", True),
        ("CASIC-IT", True),
        ("AIRCAS", True),
        ("NWPU.", True),
        ("21AT", False),
        ("Nwpu", False),
        ("ExPace", False),
        ("CAS Space", False),
        ("N", False),
        ("nwpu", False),
        ("CASIC航天", False),
        ("A" * 13, False),
    ],
)
def test_looks_like_acronym(text, expected):
    assert looks_like_acronym(text) is expected


def test_given_acronym_scores_one(small_index, pos):
    out = match_abbreviation(small_index, Query("CASIC"))
    assert out is not None and out.entity == pos("casic")
    assert (out.score, out.method) == (1.0, "abbreviation")
    assert "given" in out.evidence[0]


@pytest.mark.parametrize("raw", ["BISE", "BISE."])
def test_derived_acronym_scores_less(small_index, pos, raw):
    out = match_abbreviation(small_index, Query(raw))
    assert out is not None and out.entity == pos("bise")
    assert out.score == ABBREVIATION_SCORE < 1.0
    assert "derived" in out.evidence[0]


def test_acronym_of_two_names_abstains(small_index, pos):
    out = match_abbreviation(small_index, Query("HSC"))
    assert out is not None and out.entity is None
    assert {i for i, _ in out.candidates} == {pos("hsc"), pos("hsc2")}
    # ... unless the type filter leaves one
    only = match_abbreviation(small_index, Query("HSC"), {pos("hsc")})
    assert only is not None and only.entity == pos("hsc")


@pytest.mark.parametrize("raw", ["Casic", "ZKJ", "XYZW", "China Space Foundation"])
def test_no_acronym_answer(small_index, raw):
    # Not acronym-shaped, or people (never given derived acronyms), or unknown.
    assert match_abbreviation(small_index, Query(raw)) is None
