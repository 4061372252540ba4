"""Stage 3, aeronorm.pipeline.concept: order-free concept keys."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.pipeline.calibration import DEFAULT_CALIBRATION
from aeronorm.pipeline.query import Query

from .stages import run_stage


@pytest.mark.parametrize(
    ("raw", "entity_id"),
    [
        ("China Astronautics Foundation", "csf"),
        ("China Spaceflight Foundation", "csf"),
        ("Foundation, China Space", "csf"),  # order free
        ("the China Space Foundation's", "csf"),
        ("Northwestern Polytechnic University", "nwpu"),
        ("Northwestern Polytechnical Univ.", "nwpu"),
        ("China Aerospace Science & Industry Co., Ltd.", "casic"),
        ("China Aerospace Sci. & Tech. Corp.", "casc"),
        ("Beijing Strength and Environment Institute", "bise"),
        ("Kejian Zhang", "zkj"),
        ("Hainan Space Centre", "hsc"),
    ],
)
def test_concept_hits(small_index, pos, raw, entity_id):
    out = run_stage("concept", small_index, Query(raw))
    assert out is not None
    assert out.entity.id == entity_id
    assert (out.score, out.method) == (DEFAULT_CALIBRATION.concept, "concept")
    assert out.evidence[0].startswith("concepts ")


@pytest.mark.parametrize(
    "raw",
    [
        "China Space Institute",  # a different head word
        "China Aerospace Science and Engineering Corporation",
        "Northeastern Polytechnical University",
        "Space Foundation",  # concepts must all be there
        "China Space Foundation of Canada",
    ],
)
def test_concept_misses(small_index, raw):
    out = run_stage("concept", small_index, Query(raw))
    assert out is None or out.entity is None


def test_casc_and_casic_concepts_differ(small_index, pos):
    tech = run_stage("concept", small_index, Query("China Astronautics Science and Technology Corp"))
    ind = run_stage("concept", small_index, Query("China Astronautics Science and Industry Corp"))
    assert tech is not None and tech.entity.id == "casc"
    assert ind is not None and ind.entity.id == "casic"


def test_shared_concepts_abstain(small_index, pos):
    shared = run_stage("concept", small_index, Query("the party secretary"))
    assert shared is not None and shared.entity is None
    assert {e.id for e, _ in shared.candidates} == {"sec-a", "sec-b"}


def test_chinese_query_uses_chinese_tokens(small_index, pos):
    out = run_stage("concept", small_index, Query("航天基金会中国"))
    assert out is not None and out.entity.id == "csf"


def test_allowed_filters(small_index, pos):
    assert run_stage("concept", small_index, Query("China Astronautics Foundation"), {pos("nwpu")}) is None


def test_a_group_s_numbered_academy_written_in_full_in_chinese():
    # 第五研究院 is the 五院 the English "Fifth Academy" reads as: one name however written
    n = Normalizer(Glossary.from_records([
        {"id": "grp", "name": "China Aerospace Electronics Group", "zh": "中国航天电子集团有限公司"},
        {"id": "five", "name": "Fifth Academy of China Aerospace Electronics Group", "parent": "grp"},
    ]))
    for query in ("中国航天电子集团第五研究院", "中國航天電子集團第五研究院"):
        m = n.match(query)
        assert m is not None and m.entity_id == "five", query
    assert n.match("中国航天电子集团第六研究院") is None  # no sixth academy in the glossary
    assert n.match("中国航天电子集团有限公司").entity_id == "grp"  # the group itself
