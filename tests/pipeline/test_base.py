"""aeronorm.pipeline.query and .base: the prepared Query and a stage's Outcome."""

from __future__ import annotations

import dataclasses

import pytest

from aeronorm.pipeline.base import Outcome
from aeronorm.pipeline.query import Query


def test_query_text_is_cleaned_and_squashed():
    q = Query("  China\u200b Space\x00Foundation \u201cCSF\u201d ")
    assert q.text == 'China Space Foundation "CSF"'
    assert q.raw.startswith("  China")


@pytest.mark.parametrize(
    ("raw", "core", "asides"),
    [
        ("Northwestern Polytechnical University (NWPU)", "Northwestern Polytechnical University", ("NWPU",)),
        # a place in brackets is part of the name: only redundant asides leave the core
        ("Future Travel (Hainan) Aerospace Culture Media", "", ("Hainan",)),
        (
            "Beijing Institute of Technology [BIT] \u201cLigong\u201d",
            "Beijing Institute of Technology",
            ("BIT", "Ligong"),
        ),
        ("Future Travel\uff08Hainan\uff09Media", "", ("Hainan",)),
        ("China Space Foundation", "", ()),
        ("(CSF)", "", ("CSF",)),  # nothing left outside the aside: no core
    ],
)
def test_query_core_and_asides(raw, core, asides):
    q = Query(raw)
    assert q.core == core
    assert q.asides == asides
    assert q.forms == ((q.text, core) if core else (q.text,))


@pytest.mark.parametrize(
    ("raw", "han", "latin"),
    [("NWPU", False, True), ("西工大", True, False), ("CASIC航天科工", True, True), ("123", False, False)],
)
def test_query_scripts(raw, han, latin):
    q = Query(raw)
    assert (q.han, q.latin) == (han, latin)


def test_query_handles_unbalanced_brackets():
    q = Query("((((CASIC")
    assert q.text == "((((CASIC"
    assert q.asides == ()


def test_outcome_is_frozen_with_defaults():
    o = Outcome(3, 0.9, "fuzzy")
    assert o.evidence == () and o.candidates == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        o.score = 1.0  # type: ignore[misc]
