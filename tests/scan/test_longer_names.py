"""Running text keeps a longer name whole: two names side by side (a place or an organisation
before an organisation) are one name the matcher answers or no mention at all, and a name the
trie found by its concepts is one the matcher answers. Invented names and sentences."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

RECORDS = [
    {"id": "quzhou", "name": "Quzhou City", "aliases": ["Quzhou"], "type": "place", "zh": "衢州市"},
    {"id": "zenith", "name": "Zenith Orbital Technology Co., Ltd.", "zh": "天顶轨道科技有限公司"},
    {"id": "pegasus", "name": "Pegasus Aerospace Group", "abbreviations": ["PAG"]},
    {"id": "pegasus-5", "name": "Fifth Academy of Pegasus Aerospace Group", "aliases": ["Fifth Academy"],
     "parent": "pegasus"},
    {"id": "lanzhu-ligong", "name": "Lanzhu Institute of Technology", "zh": "岚洲理工大学"},
    {"id": "lanzhu-gongye", "name": "Lanzhu University of Technology", "zh": "岚洲工业大学"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("text", [
    "Officials of Quzhou Zenith Orbital Technology Co., Ltd. met.",  # a place before a company
    "The PAG Fifth Academy opened.",  # an organisation before another one's unit: one longer name
])
def test_names_side_by_side_are_one_longer_name_kept_as_written(n, text):
    assert str(n.normalize_text(text)) == text


def test_a_name_and_a_place_apart_are_still_both_mentions(n):
    text = "Zenith Orbital Technology Co., Ltd. opened an office in Quzhou."
    assert [m.entity_id for m in n.find(text)] == ["zenith", "quzhou"]


def test_a_unit_with_its_own_parent_is_answered_whole(n):
    assert [m.entity_id for m in n.find("The Pegasus Aerospace Group Fifth Academy opened.")] == ["pegasus-5"]


def test_a_name_found_by_concepts_is_one_the_matcher_answers(n):
    # two universities of one city: the trie's concepts do not tell their types apart
    found = [m.entity_id for m in n.find("He studied at Lanzhu Polytechnic University.")]
    assert found in ([], ["lanzhu-gongye"])
    assert [m.entity_id for m in n.find("He studied at Lanzhu Institute of Technology.")] == ["lanzhu-ligong"]


def test_international_before_a_name_is_a_scope_of_its_own(n):
    text = "The International Zenith Orbital Technology Co., Ltd. is another company."
    assert str(n.normalize_text(text)) == text


TERMS = [
    {"id": "quzhou", "name": "Quzhou City", "aliases": ["Quzhou"], "type": "place", "zh": "衢州市"},
    {"id": "t-commercial-space", "name": "Commercial Space", "type": "term", "zh": "商业航天"},
    {"id": "t-launch-site", "name": "Launch Site", "type": "term", "zh": "发射场"},
]


@pytest.fixture(scope="module")
def terms() -> Normalizer:
    return Normalizer(Glossary.from_records(TERMS))


@pytest.mark.parametrize("text", [
    "Rockets left the Quzhou Commercial Space Launch Site today.",  # the place qualifies a longer name
    "Rockets left the Quzhou Launch Site today.",
])
def test_a_place_before_capitalised_terms_is_part_of_a_longer_name(terms, text):
    assert str(terms.normalize_text(text)) == text
    assert "quzhou" not in [m.entity_id for m in terms.find(text)]


@pytest.mark.parametrize("text", [
    "In Quzhou, Commercial Space is booming.",  # a comma: two things
    "Quzhou commercial space firms grew.",  # lower-case words describe, they do not name
])
def test_a_place_apart_from_the_terms_is_still_a_mention(terms, text):
    assert "quzhou" in [m.entity_id for m in terms.find(text)]


ROMANISED = [
    {"id": "qx", "name": "Qixing Aerospace Group", "zh": "启星航天集团有限公司", "zh_aliases": ["启星航天"]},
    {"id": "t-rocket-tech", "name": "Rocket Technology", "type": "term", "zh": "火箭技术"},
]


@pytest.fixture(scope="module")
def romanised() -> Normalizer:
    return Normalizer(Glossary.from_records(ROMANISED))


@pytest.mark.parametrize("text", [
    # 启星航天火箭技术有限公司: the group's short name begins a longer romanised name, whatever
    # known word (a term, 火箭技术) the rest begins with
    "The firm, Qixing Hangtian Huojian Jishu Youxian Gongsi, builds rockets.",
    "The firm, Qíxīng Hángtiān Huǒjiàn Jìshù Yǒuxiàn Gōngsī, builds rockets.",
])
def test_a_romanised_name_that_runs_on_in_pinyin_is_one_longer_name(romanised, text):
    assert "qx" not in [m.entity_id for m in romanised.find(text)]
    assert "Qixing Aerospace Group" not in romanised.normalize_text(text)


def test_a_romanised_name_alone_is_still_a_mention(romanised):
    assert [m.entity_id for m in romanised.find("Qixing Hangtian announced a launch.")] == ["qx"]


def test_a_name_glued_to_its_gloss_and_going_on_is_one_longer_name():
    n = Normalizer(Glossary.from_records([{"id": "xy", "name": "Xiyun", "zh": "西云"}]))
    # 西云空间科学研究院: the English goes on right after the gloss
    text = "It sanctioned Xiyun (西云)Space Science Research Institute, a firm."
    assert "xy" not in [m.entity_id for m in n.find(text) if m.text == "Xiyun"]
    assert "Xiyun" in str(n.normalize_text(text))
    assert [m.text for m in n.find("Xiyun (西云) launched it.")][:1] == ["Xiyun"]


@pytest.mark.parametrize("text", [
    # the field a longer name is of, in the "X of China" order an organisation is written in too
    "Sichuan University; University of Electronic Science and Technology of China.",
    "University of Electronic Science and Technology of China is in Chengdu.",
    "He taught at the College of Electronic Science and Technology of China.",
])
def test_the_field_a_longer_name_is_of_is_left_as_written(text):
    g = Glossary.from_records([{"id": "cest", "name": "China Electronic Science and Technology Corporation",
                                "zh": "中国电子科技集团有限公司",
                                "aliases": ["Electronic Science and Technology of China"]}])
    assert Normalizer(g).normalize_text(text) == text


def test_the_body_a_post_is_of_is_still_rewritten():
    # a body's own name after "Committee of" is its owner, not a field
    g = Glossary.from_records([
        {"id": "qinhe", "name": "Qinhe University", "zh": "秦河大学", "aliases": ["Qinhe"]},
    ])
    text = "Li, Secretary of the Party Committee of Qinhe, spoke."
    expected = "Li, Secretary of the Party Committee of Qinhe University, spoke."
    assert Normalizer(g).normalize_text(text) == expected


@pytest.fixture(scope="module")
def brands() -> Normalizer:
    return Normalizer(Glossary.from_records([
        {"id": "vela", "name": "Vela Rocketworks Technology Co., Ltd.", "aliases": ["Vela Rocketworks"]},
        {"id": "tarn", "name": "Tarn Orbital", "zh": "塔恩轨道"},
        {"id": "bank", "name": "Orbital Bank of China", "zh": "中国轨道银行"},
    ]))


@pytest.mark.parametrize(("text", "expected"), [
    # the country after a name is the next phrase's ("China's first ..."), never the name's
    ("The flight made Tarn Orbital China's first private launcher.",
     "The flight made Tarn Orbital China's first private launcher."),
    ("Engineers from Tarn Orbital China and abroad met.",
     "Engineers from Tarn Orbital China and abroad met."),
    ("It made Vela Rocketworks China's third launcher to fly.",
     "It made Vela Rocketworks Technology Co., Ltd. China's third launcher to fly."),
    ("A province after the name stays too: Vela Rocketworks Hainan opened.",
     "A province after the name stays too: Vela Rocketworks Technology Co., Ltd. Hainan opened."),
])
def test_a_place_after_a_name_is_left_as_written(brands, text, expected):
    assert str(brands.normalize_text(text)) == expected


def test_a_name_that_ends_in_the_country_keeps_it(brands):
    text = "A loan from the Orbital Bank of China arrived."
    assert [m.entity_id for m in brands.find(text)] == ["bank"]
    assert str(brands.normalize_text(text)) == text


TYPED = [
    {"id": "quzhou", "name": "Quzhou City", "aliases": ["Quzhou"], "type": "place"},
    {"id": "zenith", "name": "Zenith Orbital Technology Co., Ltd."},
    {"id": "person-lin", "name": "Lin Haoran", "type": "person"},
    {"id": "lin-lab", "name": "Lin Haoran Space Technology Laboratory"},
    # a path the next word opens: the scan of one type alone took the name before it for whole
    {"id": "space-technology", "name": "space technology", "type": "term"},
]


@pytest.mark.parametrize(("text", "type_"), [
    ("Officials of Quzhou Zenith Orbital Technology Co., Ltd. met.", "place"),  # a place, then a company
    ("Lin Haoran Space Technology Laboratory staff said so.", "person"),  # a lab named after a person
])
def test_a_type_filter_selects_among_the_mentions_and_never_moves_a_boundary(text, type_):
    n = Normalizer(Glossary.from_records(TYPED))
    everything = {(m.start, m.end, m.entity_id) for m in n.find(text)}
    typed = [(m.start, m.end, m.entity_id) for m in n.find(text, type=type_)]
    assert set(typed) <= everything
    assert typed == [m for m in typed if m[2] in {e["id"] for e in TYPED if e.get("type") == type_}]
    assert not typed  # the name inside the longer one is no mention of its own
    assert str(n.normalize_text(text, type=type_)) == text


@pytest.mark.parametrize("text", [
    "The Shanghai Orbital System Engineering Institute built it.",  # a place, then a body's head noun
    "He studied at the Hubei Sanjiang Widget Institute in 1990.",
    "Officials of Beijing Tianbing Widget Co., Ltd. met.",  # a place, then a company's form
])
def test_a_place_opening_a_longer_name_the_glossary_lacks_is_no_mention(normalizer, text):
    # (as the Chinese scan reads 上海X研究所: the place is the longer name's first word)
    assert not [m for m in normalizer.find(text) if m.match.type == "place"]
    assert str(normalizer.normalize_text(text)) == text


@pytest.mark.parametrize(("text", "place"), [
    ("It was built in Shanghai. Widget firms grew there.", "shanghai"),  # a sentence ends after it
    ("Officials of Huaxin Widget Co., Ltd. opened an office in Beijing last year.", "beijing"),
])
def test_a_place_before_other_words_is_still_a_mention(normalizer, text, place):
    assert place in [m.entity_id for m in normalizer.find(text)]


def test_a_fields_word_opening_a_line_is_the_first_word_of_the_name():
    # "Assignee: Aerospace Lanxing Satellite Co Ltd" (航天蓝星卫星, a group's company): the
    # sentence's first word is the name's, not a word to leave out before "Lanxing Satellite"
    g = Glossary.from_records([{"id": "lanxing", "name": "China Lanxing Satellite Co., Ltd.",
                                "zh": "中国蓝星卫星股份有限公司",
                                "aliases": ["Lanxing Satellite Co., Ltd."]}])
    n = Normalizer(g)
    text = "Assignee: Aerospace Lanxing Satellite Co Ltd"
    assert n.find(text) == [] and str(n.normalize_text(text)) == text
    assert [m.entity_id for m in n.find("Assignee: Lanxing Satellite Co Ltd")] == ["lanxing"]


@pytest.mark.parametrize("text", [
    "The Pegasus Aerospace Group 502 Research Institute was listed.",
    "Pegasus Aerospace Group 43rd Research Institute, Hefei.",
    "Pegasus Aerospace Group (PAG) 9th Academy 771 Research Institute",  # its acronym between
])
def test_a_name_before_a_number_and_a_type_of_body_is_its_unit(n, text):
    # one of its numbered units, as "PAG 502" is: not the organisation itself
    assert [m.entity_id for m in n.find(text) if m.entity_id in ("pegasus", "zenith")] == []


@pytest.mark.parametrize("text", [
    "The Pegasus Aerospace Group 2023 annual report came out.",  # a year
    "Pegasus Aerospace Group 5 satellites were launched.",  # a count of things
])
def test_a_name_before_a_number_of_something_else_is_still_a_mention(n, text):
    assert "pegasus" in [m.entity_id for m in n.find(text)]


@pytest.fixture(scope="module")
def campuses() -> Normalizer:
    return Normalizer(Glossary.from_records([
        {"id": "qou", "name": "Qilu Orbital University", "location": "Jinan"},
        {"id": "nou", "name": "Nanjing Orbital University"},  # where it is: its name says
        {"id": "sgo", "name": "Starglow Orbital Company"},  # the glossary does not say where
        {"id": "weihai", "name": "Weihai", "type": "place", "zh": "威海"},
    ]))


@pytest.mark.parametrize("text", [
    "He studied at Qilu Orbital University, Weihai.",
    "He studied at Qilu Orbital University (Weihai) for two years.",
    "She taught at Nanjing Orbital University (Shenzhen) until 2010.",
    "He studied at Qilu Orbital University, Weihai campus.",
])
def test_a_name_closed_by_another_city_is_its_campus(campuses, text):
    assert [m.entity_id for m in campuses.find(text) if m.entity_id in ("qou", "nou")] == []
    assert str(campuses.normalize_text(text)) == text


@pytest.mark.parametrize(("text", "entity"), [
    ("He studied at Qilu Orbital University, Jinan.", "qou"),  # its own city: an address
    ("He studied at Qilu Orbital University, Shandong.", "qou"),  # its city's province
    ("She taught at Nanjing Orbital University, Nanjing.", "nou"),
    ("He worked at Starglow Orbital Company, Weihai.", "sgo"),  # unknown: the place is its address
    ("Qilu Orbital University, Weihai Orbital Institute and others signed.", "qou"),  # another name
    ("He joined Qilu Orbital University, Weihai's largest employer.", "qou"),
    ("According to Qilu Orbital University, Weihai and Nanjing will host it.", "qou"),  # a list
    ("Qilu Orbital University, Weihai, and Nanjing Orbital University signed.", "qou"),
])
def test_a_name_closed_by_its_own_place_or_by_another_name_is_a_mention(campuses, text, entity):
    assert entity in [m.entity_id for m in campuses.find(text)]
