"""Stage 1, aeronorm.pipeline.exact: folded keys of every written form."""

from __future__ import annotations

import pytest

from aeronorm.pipeline.query import Query

from .stages import run_stage


@pytest.mark.parametrize(
    ("raw", "entity_id", "label"),
    [
        ("China Space Foundation", "csf", "name"),
        ("CHINA  space-foundation", "csf", "name"),
        ("\u201cChina Aerospace Foundation\u201d", "csf", "alias"),
        ("CSF", "csf", "abbreviation"),
        ("csf", "csf", "abbreviation"),
        ("西北工业大学", "nwpu", "zh"),
        ("西工大", "nwpu", "zh_alias"),
        ("China Space Foundation (CSF)", "csf", "name"),  # the core, once the aside is off
        ("ZHANG Kejian", "zkj", "name"),
    ],
)
def test_exact_hits(small_index, pos, raw, entity_id, label):
    out = run_stage("exact", small_index, Query(raw))
    assert out is not None
    assert out.entity.id == entity_id
    assert (out.score, out.method) == (1.0, "exact")
    assert out.evidence and out.evidence[0].startswith(label + " ")


@pytest.mark.parametrize("raw", ["China Astronautics Foundation", "Space Foundation", "NWP", "中国航天基金"])
def test_exact_misses(small_index, raw):
    assert run_stage("exact", small_index, Query(raw)) is None


def test_shared_key_abstains_and_names_every_owner(small_index, pos):
    out = run_stage("exact", small_index, Query("Party Secretary"))
    assert out is not None and out.entity is None and out.score == 0.0
    assert {e.id for e, _ in out.candidates} == {"sec-a", "sec-b"}
    assert "2 entities" in out.evidence[0]


def test_type_filter_narrows_a_shared_key(small_index, pos):
    only_a = {pos("sec-a")}
    out = run_stage("exact", small_index, Query("Party Secretary"), only_a)
    assert out is not None and out.entity.id == "sec-a"
    assert run_stage("exact", small_index, Query("CSF"), {pos("nwpu")}) is None
