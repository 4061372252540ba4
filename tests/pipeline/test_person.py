"""Stage 5, aeronorm.pipeline.person: romanised personal names in any order and spelling."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.pipeline.calibration import DEFAULT_CALIBRATION
from aeronorm.pipeline.query import Query
from aeronorm.text.person_names import chinese_name_keys, split_chinese_name, wade_giles
from aeronorm.text.pinyin import to_pinyin

from .stages import answer_id as _id

RECORDS = [
    {"id": "zkj", "name": "Zhang Kejian", "type": "person", "zh": "张克俭"},
    {"id": "zjh", "name": "Zhang Jianheng", "type": "person", "zh": "张建恒"},
    {"id": "lh", "name": "Li Hong", "type": "person", "zh": "李洪"},
    {"id": "qxs", "name": "Qian Xuesen", "type": "person", "zh": "钱学森"},
    {"id": "szd", "name": "Shan Zhongde", "type": "person", "zh": "单忠德"},
    {"id": "oyzy", "name": "Ouyang Ziyuan", "type": "person", "zh": "欧阳自远"},
    {"id": "zqh", "name": "Zeng Qinghong", "type": "person", "zh": "曾庆红"},
    {"id": "xzh", "name": "Xie Zhenhua", "type": "person", "zh": "解振华"},
    {"id": "smg", "name": "Sima Guang", "type": "person", "zh": "司马光"},
    {"id": "wl", "name": "Wang Li", "type": "person"},  # no Chinese name: keys from the English
    {"id": "hs", "name": "Huangshan", "type": "place", "zh": "黄山"},
    {"id": "nwpu", "name": "Northwestern Polytechnical University", "zh": "西北工业大学"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("Zhang Kejian", "zkj"),
        ("Kejian Zhang", "zkj"),
        ("ZHANG Kejian", "zkj"),
        ("Kejian ZHANG", "zkj"),
        ("ZHANG Ke-jian", "zkj"),
        ("Ke-jian Zhang", "zkj"),
        ("Zhang Ke Jian", "zkj"),
        ("zhang kejian", "zkj"),
        ("Zhang, Kejian", "zkj"),
        ("Qian Xue Sen", "qxs"),
        ("Xuesen Qian", "qxs"),
        ("QIAN Xue-sen", "qxs"),
        ("Ouyang Ziyuan", "oyzy"),
        ("Ou-yang Zi-yuan", "oyzy"),
        ("Ziyuan Ouyang", "oyzy"),
        ("Shan Zhongde", "szd"),
        ("Zhongde Shan", "szd"),
        ("Zeng Qinghong", "zqh"),
        ("Xie Zhenhua", "xzh"),
        ("Sima Guang", "smg"),
        ("Guang Sima", "smg"),
        ("Li Wang", "wl"),
    ],
)
def test_order_spacing_hyphens_case(n, text, entity_id):
    assert _id(n, text) == entity_id


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("Ch'ien Hsüeh-sen", "qxs"),
        ("Ch’ien Hsüeh-sên", "qxs"),
        ("Chien Hsueh-sen", "qxs"),  # marks dropped
        ("Hsüeh-sen Ch'ien", "qxs"),
        ("Chang K'o-chien", "zkj"),
        ("Ou-yang Tzu-yuan", "oyzy"),
        ("Shan Chung-te", "szd"),
    ],
)
def test_wade_giles(n, text, entity_id):
    m = n.match(text)
    assert m is not None and m.entity_id == entity_id


def test_wade_giles_scores_below_pinyin(n):
    out = n.pipeline.stages["person"].match(Query("Ch'ien Hsüeh-sen"))
    assert out.score == DEFAULT_CALIBRATION.person["wade-giles"] < DEFAULT_CALIBRATION.person["pinyin"]
    assert "wade-giles" in out.evidence[0]


@pytest.mark.parametrize(
    "text",
    [
        "Zhang Jian",  # shares the surname (and more letters) with Zhang Jianheng
        "Jian Zhang",
        "Li Hongzhi",  # Li Hong plus a syllable
        "Zhang Kejiang",  # a valid pinyin given name that is not his
        "Zhang Kejin",
        "Zhang Jianhen",
        "Dan Zhongde",  # 单 read as in a word, not as a surname
        "Ceng Qinghong",
        "Jie Zhenhua",
    ],
)
def test_a_shared_surname_never_suffices(n, text):
    assert n.match(text) is None


def test_namesake_abstention_blocks_spelling_similarity(n):
    out = n.pipeline.stages["person"].match(Query("Zhang Kejiang"))
    assert out is not None and out.entity is None
    assert "no glossary person" in out.evidence[0]


def test_a_place_that_reads_like_a_name_is_not_blocked(n):
    # "Huang Shan" reads as a name (surname Huang), but it is also the pinyin of a place.
    assert n.pipeline.stages["person"].match(Query("Huang Shan")) is None


def test_type_filter(n):
    assert n.match("Kejian Zhang", type="person").entity_id == "zkj"
    assert n.pipeline.stages["person"].match(Query("Kejian Zhang"), n.index.by_type["org"]) is None


def test_not_a_person_query(n):
    assert n.pipeline.stages["person"].match(Query("Northwestern Polytechnical University")) is None
    assert n.pipeline.stages["person"].match(Query("张克俭")) is None


def test_person_index_uses_surname_readings(n):
    pidx = n.pipeline.stages["person"].people.get()
    assert ("shan", "zhongde") in pidx.keys
    assert ("dan", "zhongde") not in pidx.keys
    assert ("ouyang", "ziyuan") in pidx.keys
    assert n.pipeline.stages["person"].people.get() is pidx


def test_pinyin_keys_of_persons_use_surname_readings(n):
    assert "shanzhongde" in n.pipeline.stages["pinyin"].pinyin_keys.get().keys
    assert "danzhongde" not in n.pipeline.stages["pinyin"].pinyin_keys.get().keys


# -- the shipped glossary: every person with a Chinese name, in every form ---------------------------
@pytest.fixture(scope="module")
def shipped() -> Normalizer:
    return Normalizer()


def _forms(zh: str) -> list[str]:
    surname, given = chinese_name_keys(zh)[0]
    split = split_chinese_name(zh)
    assert split is not None
    syllables = list(to_pinyin(split[1]))
    s, g = surname.capitalize(), given.capitalize()
    return [
        zh,
        f"{s} {g}",
        f"{g} {s}",
        f"{s.upper()} {g}",
        f"{g} {s.upper()}",
        f"{s.upper()} {'-'.join(syllables).capitalize()}",
        " ".join([s, *(x.capitalize() for x in syllables)]),
        f"{s.lower()} {given.lower()}",
        wade_giles(zh),
    ]


def test_shipped_people_in_every_form(shipped):
    import opencc

    s2t = opencc.OpenCC("s2t")
    people = [e for e in shipped.glossary.entities if e.type == "person" and split_chinese_name(e.zh or "")]
    assert len(people) >= 40
    failures = []
    for e in people:
        for form in [*_forms(e.zh), s2t.convert(e.zh)]:
            m = shipped.match(form)
            if m is None or m.entity_id != e.id:
                failures.append((form, e.id, m and m.entity_id))
    assert failures == []


def test_shipped_people_never_match_on_surname_alone(shipped):
    """Other valid given names (one syllable of his, or his first syllable and another) are other
    people. (A misspelt given name that is not pinyin may still be matched by spelling.)"""
    people = [e for e in shipped.glossary.entities if e.type == "person" and split_chinese_name(e.zh or "")]
    wrong = []
    for e in people:
        surname, _ = chinese_name_keys(e.zh)[0]
        syllables = list(to_pinyin(split_chinese_name(e.zh)[1]))
        others = {syllables[0], syllables[-1], syllables[0] + ("ming" if syllables[-1] != "ming" else "hua")}
        others.discard("".join(syllables))
        for other in others:
            for text in (
                f"{surname.capitalize()} {other.capitalize()}",
                f"{other.capitalize()} {surname.upper()}",
            ):
                m = shipped.match(text)
                if m is not None and m.entity_id == e.id:
                    wrong.append((text, e.id, m.method))
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("Prof. Zhang Kejian", "zkj"),
        ("Dr. Li Hong", "lh"),
        ("Academician Ouyang Ziyuan", "oyzy"),
        ("Xie Zhenhua, PhD", "xzh"),
        ("Mr. Zhenhua Xie", "xzh"),
    ],
)
def test_a_title_or_degree_around_a_name_is_the_same_person(n, text, entity_id):
    assert _id(n, text) == entity_id


@pytest.mark.parametrize("text", ["Prof. Zhang Kejiang", "Dr. Zhang", "Mr. Li Hongwei"])
def test_a_title_makes_no_namesake_the_person(n, text):
    assert n.match(text) is None


@pytest.mark.parametrize("text", ["Zhang Kejian Holdings", "Li Hong Investment Co., Ltd.",
                                  "LI Hong Trading Co., Ltd.", "Qian Xuesen Holdings Limited"])
def test_a_company_named_after_a_person_is_not_the_person(n, text):
    assert _id(n, text) is None


# Organisation words common in the glossary weigh little: a person's name with one after it
# scores high unless the rule below says what it is.
_BRANDS = ("Orbix", "Lumora", "Kestrel", "Tianlan", "Huoxing", "Yunhai", "Qinglan", "Xinghu")


@pytest.fixture(scope="module")
def with_orgs() -> Normalizer:
    pairs = [(brand, kind) for brand in _BRANDS for kind in ("Institute", "Academy")]
    orgs = [{"id": f"org-{k}", "name": f"{brand} Aerospace {kind}"} for k, (brand, kind) in enumerate(pairs)]
    return Normalizer(Glossary.from_records(RECORDS + orgs))


@pytest.mark.parametrize("text", ["Qian Xuesen Institute", "Qian Xuesen Aerospace", "Zhang Kejian Academy"])
def test_an_organisation_word_after_a_person_s_name_names_something_else(with_orgs, text):
    # a school, a company or a hall named after the person
    assert with_orgs.match(text) is None


@pytest.mark.parametrize("text", ["Academician Qian Xuesen", "Professor Qian Xuesen", "Mr. Zhang Kejian"])
def test_a_form_of_address_before_the_name_is_the_person(with_orgs, text):
    m = with_orgs.match(text)
    assert m is not None and m.type == "person"


@pytest.fixture(scope="module")
def with_places() -> Normalizer:
    places = [{"id": f"place-{p.lower()}", "name": p, "type": "place", "zh": zh}
              for p, zh in (("Lanzhou", "兰州"), ("Xiamen", "厦门"), ("Taiyuan", "太原"))]
    orgs = [{"id": f"org-{p.lower()}", "name": f"{p} Orbital Works"}
            for p in ("Lanzhou", "Xiamen", "Taiyuan")]
    return Normalizer(Glossary.from_records(RECORDS + places + orgs))


@pytest.mark.parametrize("text", [
    "Zhang Kejian Lanzhou", "Li Hong Xiamen", "Li Hong, Taiyuan", "Qian Xuesen Xiamen"])
def test_a_place_with_a_person_s_name_is_no_answer(with_places, text):
    # a namesake of that city, or something there named after the person: the names do not say
    assert with_places.match(text) is None


@pytest.mark.parametrize(("text", "entity_id"), [
    ("Zhang Kejian", "zkj"), ("Li Hong", "lh"), ("Hong Li", "lh")])
def test_the_name_alone_is_still_the_person(with_places, text, entity_id):
    assert _id(with_places, text) == entity_id


@pytest.mark.parametrize("text", [
    "Zhang Kejian, CASC",  # a parent of affiliations.yaml the glossary does not give him
    "Li Hong, Kestrel Mobile",  # an organisation the glossary knows nothing of
    "Zhang Kejian (Lanzhou University)",  # a university, not the place its name starts with
])
def test_an_organisation_beside_a_person_the_glossary_cannot_confirm_is_no_answer(with_places, text):
    # an employer the glossary cannot confirm: a namesake as likely as the person
    assert with_places.match(text) is None


def test_a_parent_the_glossary_gives_the_person_is_read():
    n = Normalizer(Glossary.from_records([
        {"id": "casc", "name": "China Aerospace Science and Technology Corporation", "aliases": ["CASC"]},
        {"id": "zkj", "name": "Zhang Kejian", "type": "person", "zh": "张克俭", "parent": "casc"},
    ]))
    assert _id(n, "Zhang Kejian, CASC") == "zkj"
