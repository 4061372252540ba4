"""aeronorm.cluster on small invented columns: what joins, what stays apart, and bad input.

Every name here is invented (or a well-known acronym used as a look-alike); none comes from the
dev set.
"""

from __future__ import annotations

import math
import random

import pytest

import aeronorm
from aeronorm.clustering import EVIDENCE_KINDS, Cluster, Clusters, cluster


def groups(values, **options) -> list[set[str]]:
    return [set(c.values) for c in cluster(values, **options)]


def together(result: list[set[str]], *values: str) -> bool:
    return any(set(values) <= g for g in result)


def apart(result: list[set[str]], a: str, b: str) -> bool:
    return not together(result, a, b)


def evidence_of(clusters: Clusters, value: str):
    return next(m.evidence for c in clusters for m in c.members if m.value == value)


# -- what joins ---------------------------------------------------------------------------------
def test_translation_variants_join_through_concepts():
    values = ["Qinghe Space Technology Research Institute", "Qinghe Aerospace Technology Research Institute",
              "Qinghe Astronautics Technology Research Institute"]
    clusters = cluster(values)
    assert [set(c.values) for c in clusters] == [set(values)]
    kinds = {m.evidence.kind for m in clusters[0].members if m.evidence is not None}
    assert kinds == {"concept key"}


def test_an_acronym_a_member_defines_joins_it():
    values = ["Jade Lake Tracking Station (JLTS)", "JLTS", "Jade Lake Tracking Station"]
    clusters = cluster(values)
    assert [set(c.values) for c in clusters] == [set(values)]
    assert evidence_of(clusters, "JLTS").kind == "acronym defined"
    assert clusters[0].canonical == "Jade Lake Tracking Station"


def test_an_acronym_spelt_by_one_clusters_names_joins_it():
    result = groups(["Morning Bell Rocket Fuel Co., Ltd.", "MBRF", "Kestrel Valley Instruments"])
    assert together(result, "Morning Bell Rocket Fuel Co., Ltd.", "MBRF")


def test_an_acronym_two_clusters_spell_joins_neither():
    result = groups(["Morning Bell Rocket Fuel", "Meadow Brook Radio Factory", "MBRF"])
    assert {"MBRF"} in result


def test_chinese_pinyin_and_english_members_join():
    values = ["Northwestern Polytechnical University", "西北工业大学", "Xibei Gongye Daxue", "NWPU"]
    clusters = cluster(values)
    assert [set(c.values) for c in clusters] == [set(values)]
    assert clusters[0].zh == "西北工业大学"
    assert clusters[0].canonical == "Northwestern Polytechnical University"  # English before pinyin
    assert evidence_of(clusters, "Xibei Gongye Daxue").kind == "pinyin"


def test_a_syllable_abbreviation_in_pinyin_joins_the_name_it_shortens():
    # 西北工业大学 is shortened 西北工大: Xibei Gongda
    result = groups(["Northwestern Polytechnical University", "Xibei Gongda",
                     "Harbin Engineering University"])
    assert together(result, "Northwestern Polytechnical University", "Xibei Gongda")
    assert len(groups(["西北工业大学", "Xibei Gongda"])) == 1
    # 工业大学 and 工程大学 both shorten to 工大: the abbreviation joins neither
    result = groups(["Northwestern Polytechnical University", "Northwestern Engineering University",
                     "Xibei Gongda"])
    assert {"Xibei Gongda"} in result


def test_pinyin_in_another_word_order_joins_an_english_name():
    # English puts "Academy of" first; the Chinese name (and its pinyin) puts 研究院 last
    result = groups(["Chinese Academy of Launch Vehicle Technology",
                     "Zhongguo Yunzai Huojian Jishu Yanjiuyuan"])
    assert len(result) == 1


def test_traditional_and_simplified_chinese_are_one_value():
    clusters = cluster(["中國航天科工集團", "中国航天科工集团"])
    assert len(clusters) == 1
    assert {m.evidence.kind for m in clusters[0].members if m.evidence} == {"same text"}


def test_case_spacing_and_punctuation_are_the_same_text():
    values = ["Kestrel Valley Instruments Co., Ltd.", "KESTREL VALLEY INSTRUMENTS CO LTD",
              "Kestrel  Valley Instruments Co. Ltd", "Kestrel Vally Instruments Co., Ltd."]
    clusters = cluster(values)
    assert [set(c.values) for c in clusters] == [set(values)]
    assert evidence_of(clusters, "Kestrel Vally Instruments Co., Ltd.").kind == "typo"


def test_split_and_joined_syllables_are_the_same_text():
    result = groups(["Shen Zhen Hong Yuan Trading Co., Ltd.", "Shenzhen Hongyuan Trading Co., Ltd."])
    assert len(result) == 1


def test_a_brand_alone_joins_its_full_name_when_only_one_entity_writes_it():
    result = groups(["Quillfern", "Quillfern Technology Co., Ltd.", "QUILLFERN TECHNOLOGY"])
    assert len(result) == 1


def test_a_brand_two_entities_write_joins_neither():
    result = groups(["Quillfern", "Quillfern Medical Co., Ltd.", "Quillfern Network Technology Co., Ltd."])
    assert len(result) == 3


def test_a_common_word_in_pinyin_is_no_brand():
    # kexueyuan is 科学院 (academy of sciences): the academy and one of its institutes stay apart
    assert len(groups(["Zhongguo Kexueyuan", "Zhongguo Kexueyuan Qinghe Yanjiusuo"])) == 2


def test_a_word_after_a_number_is_no_brand():
    # "Station" is what the number names, not a brand both values share
    assert len(groups(["Second Station", "Second Station Kestrel Valley"])) == 2


def test_a_name_with_its_parents_name_joins_the_bare_name():
    values = ["Qinghe Space Research Institute", "Qinghe Space Research Institute 513 Research Institute",
              "513 Research Institute"]
    clusters = cluster(values)
    result = [set(c.values) for c in clusters]
    assert together(result, "513 Research Institute", values[1])
    assert apart(result, "Qinghe Space Research Institute", "513 Research Institute")  # the parent is another
    assert evidence_of(clusters, values[1]).kind == "parent name"


def test_after_a_comma_only_the_end_is_the_parent():
    values = ["Kestrel Optics Laboratory, Qinghe Space Research Institute", "Kestrel Optics Laboratory",
              "Qinghe Space Research Institute"]
    result = groups(values)
    assert together(result, values[0], "Kestrel Optics Laboratory")
    assert apart(result, values[0], "Qinghe Space Research Institute")


def test_a_bare_name_two_parents_qualify_joins_neither():
    values = ["Qinghe Space Research Institute", "Morning Bell Rocket Institute", "513 Research Institute",
              "Qinghe Space Research Institute 513 Research Institute",
              "Morning Bell Rocket Institute 513 Research Institute"]
    result = groups(values)
    assert {"513 Research Institute"} in result


def test_an_acronym_for_words_the_other_spells_out():
    result = groups(["MPS Lakeside Police College", "Ministry of Public Security Lakeside Police College"])
    assert len(result) == 1


# -- what stays apart ---------------------------------------------------------------------------
def test_a_group_never_joins_its_namesake_company():
    # the matcher tells them apart by their company forms (a group, a company); an address line
    # after the name changes nothing
    for values in (["Tianlan Communications Construction Group Co., Ltd., Beijing, China",
                    "Tianlan Communications Construction Company Limited, Beijing, China"],
                   ["Tianlan Communications Construction Group Co., Ltd.",
                    "Tianlan Communications Construction Company Limited"],
                   ["天澜交通建设集团有限公司", "天澜交通建设股份有限公司"],
                   ["天澜交通建设股份有限公司", "天澜交通建设有限公司"]):
        assert len(groups(values)) == 2, values


def test_a_name_without_its_company_form_joins_neither_of_two():
    values = ["Tianlan Communications Construction Group Co., Ltd.",
              "Tianlan Communications Construction Company Limited", "Tianlan Communications Construction"]
    assert {"Tianlan Communications Construction"} in groups(values)
    # one company form in the column: the bare name is that company's
    assert len(groups(values[1:])) == 1


def test_the_spellings_of_one_company_form_still_join():
    result = groups(["Kestrel Optics Group Co., Ltd.", "Kestrel Optics Group Corporation",
                     "KESTREL OPTICS GROUP", "Kestrel Optics Co., Ltd.", "Kestrel Optics Company Limited"])
    assert sorted(map(len, result)) == [2, 3]
    assert together(result, "Kestrel Optics Group Co., Ltd.", "Kestrel Optics Group Corporation")
    assert together(result, "Kestrel Optics Co., Ltd.", "Kestrel Optics Company Limited")


def test_with_a_glossary_the_values_it_holds_apart_stay_apart_and_the_draft_says_nothing_wrong():
    glossary = aeronorm.Glossary.from_records([
        {"id": "tlcg", "name": "Tianlan Communications Construction Group Co., Ltd.",
         "zh": "天澜交通建设集团有限公司"},
        {"id": "tlcc", "name": "Tianlan Communications Construction Company Limited",
         "zh": "天澜交通建设股份有限公司"}])
    group_line = "Tianlan Communications Construction Group Co., Ltd., Beijing 100088, China"
    company_line = "Tianlan Communications Construction Company Limited, Beijing, China"
    clusters = cluster([group_line, company_line], glossary=glossary)
    assert len(clusters) == 2
    draft = aeronorm.Normalizer(clusters.to_glossary())
    assert draft.normalize(group_line) != company_line
    assert draft.normalize(company_line) != group_line


def test_casc_never_joins_casic():
    values = ["China Aerospace Science and Technology Corporation",
              "China Aerospace Science and Industry Corporation", "CASC", "CASIC",
              "China Aerospace Science & Industry Corp.", "中国航天科技集团有限公司",
              "中国航天科工集团有限公司"]
    result = groups(values)
    assert apart(result, "CASC", "CASIC")
    for a in ("CASC", "China Aerospace Science and Technology Corporation", "中国航天科技集团有限公司"):
        for b in ("CASIC", "China Aerospace Science and Industry Corporation", "中国航天科工集团有限公司"):
            assert apart(result, a, b), (a, b)


def test_universities_of_one_city_stay_apart():
    result = groups(["Harbin Institute of Technology", "Harbin Engineering University", "HIT", "HEU",
                     "Harbin Medical University"])
    assert apart(result, "Harbin Institute of Technology", "Harbin Engineering University")
    assert apart(result, "Harbin Engineering University", "Harbin Medical University")
    assert apart(result, "HIT", "HEU")


def test_numbers_and_places_tell_entities_apart():
    result = groups(["901 Institute", "902 Institute", "Beijing Tianbing Aerospace",
                     "Shanghai Tianbing Aerospace"])
    assert len(result) == 4


def test_a_bracketed_place_is_a_more_specific_entity():
    result = groups(["Starbloom Satellite Co., Ltd.", "Starbloom Satellite (Shenzhen) Co., Ltd."])
    assert len(result) == 2


def test_a_chain_never_joins_two_names_that_conflict():
    # "Lumen Optics" could join either; the two longer names veto each other, so at most one
    values = ["Lumen Optics Technology", "Lumen Optics Industry", "Lumen Optics"]
    result = groups(values)
    assert apart(result, "Lumen Optics Technology", "Lumen Optics Industry")


def test_homophones_in_chinese_stay_apart():
    # same pinyin (tianbing), different characters: two names, not one
    assert len(groups(["天兵科技有限公司", "天冰科技有限公司"])) == 2


def test_a_higher_threshold_never_joins_more():
    values = ["Quillfern", "Quillfern Technology Co., Ltd.", "Qinghe Space Technology Research Institute",
              "Qinghe Aerospace Technology Research Institute", "MBRF", "Morning Bell Rocket Fuel Co., Ltd.",
              "Zhongjing Aerospace Technology", "Zhongjng Aerospace Technology"]
    sizes = [sum(len(g) - 1 for g in groups(values, threshold=t)) for t in (0.0, 0.8, 0.85, 0.9, 0.95, 1.0)]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-1] == 0


# -- the result ---------------------------------------------------------------------------------
def test_every_value_is_in_exactly_one_cluster_with_its_count():
    column = ["JLTS", "Jade Lake Tracking Station (JLTS)", "JLTS", None, "", "CASC", "JLTS", "casc"]
    clusters = cluster(column)
    assert isinstance(clusters, Clusters) and all(isinstance(c, Cluster) for c in clusters)
    counts = {m.value: m.count for c in clusters for m in c.members}
    assert counts == {"JLTS": 3, "Jade Lake Tracking Station (JLTS)": 1, "CASC": 1, "casc": 1}
    assert clusters.missing == 2
    assert sum(c.count for c in clusters) == 6


def test_members_carry_their_evidence():
    clusters = cluster(["Jade Lake Tracking Station (JLTS)", "JLTS", "jlts"])
    (c,) = clusters
    first, *rest = c.members
    assert first.evidence is None
    for m in rest:
        assert m.evidence.kind in EVIDENCE_KINDS and m.evidence.via in c.values and 0 < m.evidence.score <= 1
    assert c.confidence == min(m.evidence.score for m in rest)
    text = c.explain()
    assert "JLTS" in text and "acronym defined" in text


def test_largest_clusters_come_first_and_ids_are_unique():
    values = ["Kestrel Valley Instruments", "KESTREL VALLEY INSTRUMENTS", "Kestrel Valley Instrument", "Zeta",
              "Zeta Co."]
    clusters = cluster(values)
    assert [len(c) for c in clusters] == sorted((len(c) for c in clusters), reverse=True)
    assert len({c.id for c in clusters}) == len(clusters)


def test_the_canonical_name_is_the_most_frequent_spelling_then_mixed_case():
    for values, expected in (
            (["MOON ENGINE TEST CENTER", "Moon Engine Test Center", "Moon Engine Test Center"],
             "Moon Engine Test Center"),
            (["moon bakery co., ltd.", "Moon Bakery Co., Ltd.", "Moon Bakery Co., Ltd."],
             "Moon Bakery Co., Ltd."),
            (["moon bakery co., ltd.", "MOON BAKERY CO., LTD.", "Moon Bakery Co., Ltd."],
             "Moon Bakery Co., Ltd."),
            (["moon bakery"] * 3 + ["Moon Bakery"], "moon bakery"),  # the most frequent first
            (["Moon Bakery Co", "Moon Bakery CO"], "Moon Bakery CO")):  # a tie: by code point
        for column in (values, values[::-1]):
            (c,) = cluster(column)
            assert c.canonical == expected, column
            assert c.members[0].value == expected


def test_the_partition_does_not_depend_on_the_order_of_the_column():
    values = ["Northwestern Polytechnical University", "西北工业大学", "Xibei Gongye Daxue", "NWPU",
              "Jade Lake Tracking Station (JLTS)", "JLTS", "CASC", "CASIC", "Quillfern",
              "Quillfern Technology", "Qinghe Space Technology Research Institute",
              "Qinghe Aerospace Technology Research Institute"]
    expected = sorted(sorted(g) for g in groups(values))
    rng = random.Random(7)
    for _ in range(5):
        shuffled = values[:]
        rng.shuffle(shuffled)
        assert sorted(sorted(g) for g in groups(shuffled)) == expected


ORDER_COLUMN = [
    "Northwestern Polytechnical University", "西北工业大学", "Xibei Gongye Daxue", "NWPU", "NWPU",
    "Jade Lake Tracking Station (JLTS)", "JLTS", "CASC", "CASIC", "Quillfern", "Quillfern Technology",
    "Qinghe Space Technology Research Institute", "Qinghe Aerospace Technology Research Institute",
    # a name two longer ones could take, which veto each other: whichever came first took it
    "Lumen Optics Technology", "Lumen Optics Industry", "Lumen Optics",
    "Tianlan Communications Construction Group Co., Ltd.",
    "Tianlan Communications Construction Company Limited",
    "Tianlan Communications Construction", "Tianlan Communications Construction Group",
    # spellings of one name, and names tied on everything
    "MOON ENGINE TEST CENTER", "Moon Engine Test Center", "moon engine test center",
    "Tianhe Pharma Corporation", "Tianhe Pharma Co. Ltd", "Kestrel Valley Instruments",
    "Kestrel Vally Instruments",
    "Zeta Optics", "Zeta Optic", "N/A", "-", "?", None,
]


GLOSSARY_FOR_ORDER = aeronorm.Glossary.from_records([
    {"id": "jlts", "name": "Jade Lake Tracking Station", "abbreviations": ["JLTS"]},
    {"id": "tlcg", "name": "Tianlan Communications Construction Group Co., Ltd."}])


def _whole(clusters: Clusters) -> list[tuple]:
    return [(c.id, c.canonical, c.zh, c.confidence, c.entity_id,
             tuple((m.value, m.count, m.evidence) for m in c.members)) for c in clusters]


@pytest.mark.parametrize("options", [{}, {"units": "with_parent"}, {"glossary": GLOSSARY_FOR_ORDER}],
                         ids=["default", "with_parent", "glossary"])
def test_the_clusters_do_not_depend_on_the_order_of_the_column(options):
    # the same values in any order give the same clusters: members, evidence, canonical names, ids
    expected = cluster(ORDER_COLUMN, **options)
    for seed in range(12):
        shuffled = ORDER_COLUMN[:]
        random.Random(seed).shuffle(shuffled)
        got = cluster(shuffled, **options)
        assert _whole(got) == _whole(expected), seed
        assert got.left_out == expected.left_out and got.missing == expected.missing


def test_placeholders_and_punctuation_are_left_out_with_the_reason():
    column = ["N/A", "n/a", "#N/A", "NULL", "null", "None", "nil", "unknown", "无", "不详", "-", "?", "...",
              "-", "Moon Bakery", None]
    clusters = cluster(column)
    assert [c.values for c in clusters] == [["Moon Bakery"]]
    assert clusters.missing == 1
    reasons = {v: why for v, _, why in clusters.left_out}
    assert set(reasons) == {v for v in column if v and v != "Moon Bakery"}
    assert reasons["N/A"] == reasons["不详"] == "placeholder, not a name"
    assert "no letter" in reasons["-"]
    assert ("-", 2, reasons["-"]) in clusters.left_out
    assert not any(c.id.startswith("cluster") for c in cluster(["-", "?", "Moon Bakery"]))
    # a name holding such a word is a name
    assert len(cluster(["Unknown Worlds Studio", "Nil Desperandum Trading"])) == 2


def test_empty_column():
    clusters = cluster([None, "", "   ", float("nan")])
    assert list(clusters) == [] and clusters.missing == 4


# -- with a glossary ----------------------------------------------------------------------------
GLOSSARY = aeronorm.Glossary.from_records([
    {"id": "jlts", "name": "Jade Lake Tracking Station", "zh": "玉湖测控站", "abbreviations": ["JLTS"]},
    {"id": "kvi", "name": "Kestrel Valley Instruments Co., Ltd.", "aliases": ["Kestrel Valley Instruments"]},
])


def test_values_the_glossary_knows_are_anchored_to_their_entity():
    clusters = cluster(["JLTS", "Jade Lake Tracking Station", "Kestrel Valley Instruments", "Zeta Optics"],
                       glossary=GLOSSARY)
    by_value = {m.value: c for c in clusters for m in c.members}
    assert by_value["JLTS"] is by_value["Jade Lake Tracking Station"]
    c = by_value["JLTS"]
    assert (c.id, c.entity_id, c.canonical) == ("jlts", "jlts", "Jade Lake Tracking Station")
    assert c.zh == "玉湖测控站"
    assert all(m.evidence.kind == "glossary" for m in c.members)
    assert by_value["Zeta Optics"].entity_id is None


def test_the_column_adds_values_to_a_known_entity_but_never_joins_two():
    column = ["Jade Lake Tracking Station", "JADE LAKE TRAKING STATION", "Kestrel Valley Instruments"]
    clusters = cluster(column, glossary=aeronorm.Normalizer(GLOSSARY))
    by_value = {m.value: c for c in clusters for m in c.members}
    assert by_value["Jade Lake Tracking Station"].entity_id == "jlts"
    assert by_value["Kestrel Valley Instruments"].entity_id == "kvi"
    assert by_value["Jade Lake Tracking Station"] is not by_value["Kestrel Valley Instruments"]


def test_a_cluster_proposing_a_known_entity_s_own_name_is_that_entity():
    # no value alone is resolved (the matcher refuses an acronym in brackets the glossary lacks),
    # but the name the values propose is the entity's: the draft adds to it, never a second one
    g = aeronorm.Glossary.from_records([{"id": "kvi", "name": "Kestrel Valley Instruments Co., Ltd."}])
    clusters = cluster(["Kestrel Valley Instruments Co., Ltd. (KAVINS)", "KAVINS"], glossary=g)
    (c,) = clusters
    assert (c.id, c.entity_id, c.canonical) == ("kvi", "kvi", "Kestrel Valley Instruments Co., Ltd.")
    (record,) = clusters.to_records()
    assert record["id"] == "kvi" and record["abbreviations"] == ["KAVINS"]
    n = aeronorm.Normalizer(g + aeronorm.Glossary.from_records(clusters.to_records()))
    assert n.match("Kestrel Valley Instruments Co., Ltd.").entity_id == "kvi"
    assert n.match("KAVINS").entity_id == "kvi"


def test_new_ids_do_not_reuse_the_glossarys():
    clusters = cluster(["Jlts", "Other Jlts Name"], glossary=aeronorm.Glossary.from_records(
        [{"id": "other-jlts-name", "name": "Completely Different"}]))
    assert "other-jlts-name" not in {c.id for c in clusters if c.entity_id is None}


# -- bad input ----------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["a single string", b"bytes"])
def test_a_single_string_is_refused(bad):
    with pytest.raises(TypeError, match="column"):
        cluster(bad)


def test_values_that_are_not_strings_are_refused():
    with pytest.raises(TypeError, match="int"):
        cluster(["CASC", 5])


@pytest.mark.parametrize("threshold", [-0.1, 1.5, math.nan])
def test_a_threshold_outside_0_1_is_refused(threshold):
    with pytest.raises(ValueError, match="threshold"):
        cluster(["CASC"], threshold=threshold)


def test_an_unknown_type_is_refused():
    with pytest.raises(ValueError, match="unknown type"):
        cluster(["CASC"], type="company")


def test_a_glossary_of_another_kind_is_refused():
    with pytest.raises(TypeError, match="Glossary"):
        cluster(["CASC"], glossary=["not", "a", "glossary"])


def test_odd_strings_do_not_crash():
    values = ["\u200b", "()", "(((", "\ud800", "A" * 5000, "中" * 300, "-", "CASC (", "()CASC"]
    clusters = cluster(values)
    left_out = [v for v, _, _ in clusters.left_out]
    assert sorted(v for c in clusters for v in c.values) + sorted(left_out) == sorted(
        v for v in values if v not in left_out) + sorted(left_out)
    assert set(left_out) == {"\u200b", "()", "(((", "\ud800", "-"}  # no letter, digit or character


def test_text_longer_than_a_name_is_compared_by_its_key_only():
    text = "China Aerospace Science and Technology Corporation " * 40
    clusters = cluster([text, text.upper(), "China Aerospace Science and Technology Corporation"])
    assert sorted(len(c) for c in clusters) == [1, 2]  # the same text twice; never joined to a name


def test_the_top_level_function_is_the_packages():
    assert aeronorm.cluster(["CASC"])[0].values == ["CASC"]
