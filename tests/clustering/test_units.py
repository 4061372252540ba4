"""``cluster(values, units="with_parent")``: units and subsidiaries rolled up into their parent's
cluster, never across the vetoes; the default keeps them apart.

Every name here is invented (CASC / CASIC are the well-known look-alikes); none comes from the
dev set.
"""

from __future__ import annotations

import pytest

import aeronorm
from aeronorm.clustering import cluster
from aeronorm.clustering.units import UNITS, check_units

UNIVERSITY = ["Velmora University", "Velmora University Shenzhen Research Institute",
              "Velmora University Qingdao Innovation Institute", "维莫拉大学"]
GROUP = ["Tarsen Group", "Tarsen Group 3rd Academy", "Tarsen Group Third Academy",
         "No. 31 Institute of Tarsen Group's Third Academy", "Tarsen Group 705 Institute"]
COMPANY = ["Quillfern Technology Co., Ltd.", "Quillfern Technology (Shenzhen) Co., Ltd."]


def groups(values, **options) -> list[set[str]]:
    return [set(c.values) for c in cluster(values, **options)]


def together(result: list[set[str]], *values: str) -> bool:
    return any(set(values) <= g for g in result)


def cluster_of(clusters, value: str):
    return next(c for c in clusters if value in c.values)


def evidence_of(clusters, value: str):
    return next(m.evidence for c in clusters for m in c.members if m.value == value)


# -- what rolls up ------------------------------------------------------------------------------
def test_a_universitys_regional_institutes_join_it():
    values = ["Velmora University", "Velmora University Shenzhen Research Institute",
              "Velmora University Qingdao Innovation Institute"]
    clusters = cluster(values, units="with_parent")
    assert [set(c.values) for c in clusters] == [set(values)]
    c = clusters[0]
    assert c.canonical == "Velmora University"  # the parent's name, not a unit's
    ev = evidence_of(clusters, values[1])
    assert (ev.kind, ev.via) == ("unit", "Velmora University")
    assert "unit of 'Velmora University'" in str(ev) and "shenzhen research institute" in ev.detail
    assert "unit of 'Velmora University'" in c.explain()


def test_a_chinese_unit_joins_its_chinese_parent():
    values = ["青禾航天大学", "青禾航天大学深圳研究院"]
    clusters = cluster(values, units="with_parent")
    assert len(clusters) == 1 and clusters[0].zh == "青禾航天大学"
    assert evidence_of(clusters, values[1]).kind == "unit"


def test_a_groups_academies_and_numbered_institutes_join_it_through_each_other():
    clusters = cluster(GROUP, units="with_parent")
    assert [set(c.values) for c in clusters] == [set(GROUP)]
    assert clusters[0].canonical == "Tarsen Group"
    # a unit of a unit hangs under the nearer parent: the institute under the academy
    assert evidence_of(clusters, "No. 31 Institute of Tarsen Group's Third Academy").via in (
        "Tarsen Group 3rd Academy", "Tarsen Group Third Academy")
    assert evidence_of(clusters, "Tarsen Group 705 Institute").via == "Tarsen Group"


def test_units_of_an_acronym_the_column_defines_join_the_full_name():
    values = ["Kestrel Aerospace Industry Corporation (KAIC)", "KAIC", "KAIC Second Academy",
              "KAIC 705 Institute", "No. 33 Research Institute, Third Academy of KAIC"]
    clusters = cluster(values, units="with_parent")
    assert [set(c.values) for c in clusters] == [set(values)]
    assert clusters[0].canonical == "Kestrel Aerospace Industry Corporation"


def test_a_company_with_a_bracketed_city_subsidiary():
    clusters = cluster(COMPANY, units="with_parent")
    assert len(clusters) == 1 and clusters[0].canonical == "Quillfern Technology Co., Ltd."
    assert evidence_of(clusters, COMPANY[1]).detail == "shenzhen"


def test_a_unit_wording_of_its_own_kind_needs_a_parent_that_names_its_kind():
    # "Research Institute" alone: a unit of an institute of technology; "X University" is the full
    # name of "X", not a unit of it
    values = ["Harbin Institute of Technology", "Harbin Institute of Technology Research Institute",
              "Velmora", "Velmora University"]
    clusters = cluster(values, units="with_parent")
    assert not together(groups(values), values[0], values[1])
    assert together([set(c.values) for c in clusters], values[0], values[1])
    assert evidence_of(clusters, values[1]).kind == "unit"
    # (the two join by default, as a brand and its full name: never as a unit)
    assert "unit" not in {evidence_of(clusters, v) and evidence_of(clusters, v).kind
                          for v in ("Velmora", "Velmora University")}


def test_a_unit_sharing_the_brand_is_apart_by_default_and_rolled_up_with_the_option():
    values = ["Morrowind Space Group", "Morrowind Space Group Research Institute"]
    # by default a unit is an entity of its own, though it writes the brand only they write
    # (the matcher reads it so: a more specific entity)
    assert len(cluster(values)) == 2
    result = cluster(values, units="with_parent")
    assert len(result) == 1 and result[0].canonical == "Morrowind Space Group"


@pytest.mark.parametrize("values", [
    ["Velmora University", "Velmora University Press"],
    ["Velmora University", "Velmora University Hospital"],
    ["Quillfern Space", "Quillfern Space Museum"],
])
def test_a_brand_with_a_unit_word_more_is_a_unit_apart(values):
    assert len(cluster(values)) == 2
    # a trade word more is the same company's name
    assert len(cluster(["Quillfern", "Quillfern Technology Co., Ltd."])) == 1


def test_the_unit_brings_its_whole_cluster():
    values = ["Velmora University", "Velmora University Shenzhen Research Institute",
              "Velmora University Shenzhen Research Institute (VUSRI)", "VUSRI"]
    result = groups(values, units="with_parent")
    assert result == [set(values)]  # its own acronym does not veto the roll-up


# -- what stays apart, even with the option ------------------------------------------------------
def test_look_alikes_are_not_units():
    values = ["Velmora University", "Velmora University of Technology",  # another university
              "Institute for Space Physics", "5th Institute for Space Physics",  # a numbered look-alike
              # a parent must name someone ("Satellite Technology" does not)
              "Satellite Technology", "Corvel Satellite Technology (Wuhan) Co., Ltd.",
              "Quillfern Technology Co., Ltd.", "Quillfern Medical (Shenzhen) Co., Ltd.",  # another line
              "Quillferm Technology (Shenzhen) Co., Ltd.",  # a near spelling of the parent is no unit
              "Harbin Institute of Technology", "Harbin Engineering University"]
    result = groups(values, units="with_parent")
    assert result == groups(values)
    assert all(len(g) == 1 for g in result if "Quillferm Technology (Shenzhen) Co., Ltd." not in g)


def test_casc_never_joins_casic_even_with_units():
    values = ["China Aerospace Science and Technology Corporation", "CASC", "CASC 501 Institute",
              "China Aerospace Science and Industry Corporation", "CASIC", "CASIC Second Academy",
              "No. 31 Institute of CASIC's Third Academy", "CASC and CASIC Joint Laboratory"]
    clusters = cluster(values, units="with_parent")
    result = [set(c.values) for c in clusters]
    casc = {"China Aerospace Science and Technology Corporation", "CASC", "CASC 501 Institute"}
    casic = {"China Aerospace Science and Industry Corporation", "CASIC", "CASIC Second Academy",
             "No. 31 Institute of CASIC's Third Academy"}
    for a in casc:
        for b in casic:
            assert not together(result, a, b), (a, b)
    assert together(result, "CASC", "CASC 501 Institute")
    assert together(result, "CASIC", "CASIC Second Academy", "No. 31 Institute of CASIC's Third Academy")
    # a value naming two parents joins neither
    assert {"CASC and CASIC Joint Laboratory"} in result


def test_a_unit_of_a_known_entity_stays_that_entity():
    g = aeronorm.Glossary.from_records([
        {"id": "vusri", "name": "Velmora University Shenzhen Research Institute"}])
    clusters = cluster(["Velmora University", "Velmora University Shenzhen Research Institute"],
                       glossary=g, units="with_parent")
    assert len(clusters) == 2


def test_a_threshold_above_the_unit_score_rolls_nothing_up():
    values = UNIVERSITY[:3] + GROUP
    assert groups(values, units="with_parent", threshold=0.9) == groups(values, threshold=0.9)


# -- the default, and the option itself ----------------------------------------------------------
def test_the_default_keeps_units_apart_and_is_units_apart():
    values = UNIVERSITY + GROUP + COMPANY
    default = cluster(values)
    assert [(c.id, c.canonical, c.values) for c in default] == [
        (c.id, c.canonical, c.values) for c in cluster(values, units="apart")]
    result = [set(c.values) for c in default]
    assert not together(result, "Velmora University", "Velmora University Shenzhen Research Institute")
    assert not together(result, "Tarsen Group", "Tarsen Group 705 Institute")
    assert not together(result, *COMPANY)
    assert not any(m.evidence is not None and m.evidence.kind == "unit" for c in default for m in c.members)


def test_a_column_without_units_clusters_alike_either_way():
    values = ["Northwestern Polytechnical University", "西北工业大学", "NWPU", "China Space Foundation",
              "China Aerospace Foundation", "CASC", "CASIC"]
    assert groups(values, units="with_parent") == groups(values)


def test_an_unknown_units_value_is_refused():
    assert UNITS == ("apart", "with_parent") and check_units("with_parent") == "with_parent"
    with pytest.raises(ValueError, match="units must be one of"):
        cluster(["X"], units="parent")
    with pytest.raises(ValueError, match="units must be one of"):
        aeronorm.cluster(["X"], units=None)


def test_the_draft_maps_a_unit_to_its_parent():
    clusters = aeronorm.cluster(UNIVERSITY[:3] + COMPANY, units="with_parent")
    n = aeronorm.Normalizer(clusters.to_glossary(min_size=2))
    assert n.normalize("Velmora University Qingdao Innovation Institute") == "Velmora University"
    assert n.normalize("Quillfern Technology (Shenzhen) Co., Ltd.") == "Quillfern Technology Co., Ltd."


def test_two_chinese_names_a_romanisation_links_stay_apart():
    # 天兵 and 天冰 are two names; "Tianbing" reads as either, and joins one of them only: two
    # Chinese values are compared by their characters, never their pinyin, in the veto too
    result = [set(c.values) for c in cluster(["天兵科技", "天冰科技", "Tianbing Technology"])]
    assert len(result) == 2
    assert not any({"天兵科技", "天冰科技"} <= r for r in result)
