"""Stage 7, aeronorm.pipeline.aligned: a name read segment by segment through an entity's Chinese
name, part pinyin, part translation (issue 13, mixed romanisation; one Chinese word, two
renderings). Invented companies."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.pipeline.aligned import ChineseForms, _may_hold_typo, _units, cover

RECORDS = [
    # a brand whose English name is not its pinyin
    {"id": "bluehaze", "name": "Bluehaze Aerospace Technology Co., Ltd.", "zh": "青岚航天科技有限公司"},
    # a subsidiary in a bracketed city
    {"id": "ember-hz", "name": "Emberline (Hangzhou) Satellite Co., Ltd.", "zh": "烬线（杭州）卫星有限公司"},
    # two brands with one pinyin
    {"id": "lan-a", "name": "Orchid Wave Investment Centre", "zh": "兰波投资中心"},
    {"id": "lan-b", "name": "Blue Ripple Investment Centre", "zh": "蓝波投资中心"},
    # a place with its administrative suffix
    {"id": "xz", "name": "Xizang Autonomous Region", "zh": "西藏自治区", "type": "place"},
    # a province, and its look-alike's company
    {"id": "hubei-sat", "name": "Hubei Orbit Works", "zh": "湖北轨道工厂"},
    # a district, and a company registered in a city
    {"id": "hd", "name": "Haidian District", "zh": "海淀区", "type": "place"},
    {"id": "lanxing", "name": "Lanxing Orbit Technology Co., Ltd.", "zh": "深圳蓝星轨道科技有限公司"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def _answer(n: Normalizer, name: str) -> tuple[str | None, str | None]:
    m = n.match(name)
    return (m.entity_id, m.method) if m else (None, None)


@pytest.mark.parametrize("query", [
    "Qinglan Hangtian Technology Co., Ltd.",   # pinyin brand and sector, English rest
    "Qinglan Aerospace Keji YG",               # "YG" for 有限公司
    "Qing Lan Aerospace Technology",           # split syllables
    "Qinglanhangtian Keji",                    # joined words
    "Aerospace Technology Qinglan",            # English order
    "Hangtian Keji Qinglan Co.",               # pinyin stretches in another order
])
def test_mixed_pinyin_and_english(n, query):
    # the pinyin stage reads a name in Chinese order; this stage, in any order
    assert _answer(n, query)[0] == "bluehaze"


@pytest.mark.parametrize("query", ["Aerospace Technology Qinglan", "Hangtian Keji Qinglan Co."])
def test_any_order_is_this_stages(n, query):
    assert _answer(n, query) == ("bluehaze", "aligned")


def test_a_typo_in_a_common_word_is_read(n):
    m = n.match("Hangtian Kejj Qinglan")
    assert m is not None and m.entity_id == "bluehaze" and m.method == "aligned"
    assert m.score == n.calibration.aligned_repaired < n.calibration.aligned
    assert any("one letter" in e for e in m.evidence)
    assert _answer(n, "Xizang Zhizhiqu")[0] == "xz"
    # a short word that is pinyin itself is another word, not a typo
    assert _answer(n, "Hangtian Keyi Qinglan")[0] is None


def test_a_typo_in_a_long_brand_is_read_and_a_short_pinyin_word_is_not(n):
    assert _answer(n, "Hangtian Keji Qinglaan")[0] == "bluehaze"  # a doubled letter
    # "Lan" is a word of its own: Qing Lin is not Qing Lan misspelt
    assert _answer(n, "Hangtian Keji Qing Lin")[0] is None


def test_a_bracketed_city_must_be_covered(n):
    assert _answer(n, "Jinxian (Hangzhou) Weixing Co.")[0] == "ember-hz"
    assert _answer(n, "Jinxian Weixing Co.")[0] is None  # the Hangzhou subsidiary is more specific


def test_a_word_left_over_is_no_answer(n):
    assert _answer(n, "Qinglan Hangtian Keji Satellite Launch")[0] is None


def test_one_pinyin_for_two_names_abstains(n):
    for query in ("Lanbo Investment Centre", "Investment Centre Lanbo"):  # pinyin stage, this one
        assert n.match(query) is None
        text = n.explain(query)
        assert "lan-a" in text and "lan-b" in text


def test_a_known_place_is_never_bridged_to_its_look_alike(n):
    # Hebei is a word of its own, not a typo of Hubei
    assert _answer(n, "Hebei Guidao Gongchang")[0] is None
    assert _answer(n, "Hubei Guidao Gongchang")[0] == "hubei-sat"


@pytest.mark.parametrize("query", [
    "Dian District", "Hai District",            # a syllable of the district's name: another place
    "Zhen Lanxing Guidao Keji",                  # half the city a company is registered in
])
def test_a_place_left_out_is_left_out_whole(n, query):
    assert _answer(n, query)[0] is None


@pytest.mark.parametrize(("query", "entity"), [
    ("Haidian District", "hd"), ("Haidian Qu", "hd"),
    ("Lanxing Guidao Keji", "lanxing"), ("Shenzhen Lanxing Guidao Keji", "lanxing"),
])
def test_a_place_covered_whole_or_left_out_is_read(n, query, entity):
    assert _answer(n, query)[0] == entity


def test_cover_needs_a_pinyin_stretch(n):
    lex = n.pipeline.index.lexicon
    table = ChineseForms(n.pipeline.index)
    form = next(f for f in table.forms if n.pipeline.index.entities[f.entity].id == "bluehaze")
    assert cover(_units(lex.tokens("Qinglan Aerospace Technology")), form) is not None
    # all English: the concept and fuzzy stages' business, not this one's
    assert cover(_units(lex.tokens("Aerospace Technology Company")), form) is None


def test_short_pinyin_words_must_be_found_as_written():
    joined = "qinglanhangtiankeji"
    assert _may_hold_typo("hangtiankejj", joined, ["hangtian", "kejj"])  # kejj is no pinyin
    assert not _may_hold_typo("hangtiankeyi", joined, ["hangtian", "keyi"])  # keyi is
    # a word of two syllables is a Chinese word too: 青林 is not 青澜 (qinglan) misspelt
    assert not _may_hold_typo("qinglinhangtian", joined, ["qinglin", "hangtian"])
    assert _may_hold_typo("qinglanhangtiankeyj", joined, ["qinglanhangtiankeyj"])  # no pinyin
    assert _may_hold_typo("qinglanhangtiankeyi", joined, ["qinglanhangtiankeyi"])  # a long chain


def _plain_candidates(table: ChineseForms, syllables: list[str], chars: list[str]) -> list[int]:
    """The candidates as first written: votes added one by one in a dict, then a stable sort."""
    from itertools import chain

    from aeronorm.pipeline import aligned

    postings = sorted((p for p in chain((table.by_syllable.get(s) for s in dict.fromkeys(syllables)),
                                        (table.by_char.get(c) for c in dict.fromkeys(chars))) if p), key=len)
    if not postings:
        return []
    budget = aligned._BLOCK_BUDGET
    votes: dict[int, int] = {}
    for posting in postings[: aligned._PROPOSING]:
        if budget <= 0:
            break
        for f in posting[:budget]:
            votes[f] = votes.get(f, 0) + 1
        budget -= len(posting)
    ranked = sorted(votes.items(), key=lambda kv: kv[1], reverse=True)
    return [f for f, _ in ranked[:aligned._MAX_CANDIDATES]]


@pytest.mark.parametrize(("budget", "most"), [(2000, 24), (12, 5), (3, 2)])
def test_candidates_count_votes_as_a_plain_loop_does(monkeypatch, budget, most):
    import random

    from aeronorm.pipeline import aligned
    from aeronorm.text.pinyin import to_pinyin

    rng = random.Random(budget)
    chars = "青岚航天科技烬线卫星兰波蓝投资轨道工厂湖北"
    records = [{"id": f"c{k}", "name": f"Company {k}", "zh": "".join(rng.sample(chars, 4)) + "有限公司"}
               for k in range(80)]
    index = Normalizer(Glossary.from_records(records)).pipeline.index
    table = ChineseForms(index)
    monkeypatch.setattr(aligned, "_BLOCK_BUDGET", budget)
    monkeypatch.setattr(aligned, "_MAX_CANDIDATES", most)
    for _ in range(200):
        query = rng.sample(chars, rng.randint(1, 5))
        syllables = to_pinyin("".join(query[: len(query) // 2]))
        got = table.candidates(syllables, query[len(query) // 2 :])
        assert got == _plain_candidates(table, syllables, query[len(query) // 2 :]), query


@pytest.mark.parametrize("query", ["Qinglan Hangtian keji youxian gongsi Investment Co., Ltd.",
                                   "Qinglan Hangtian Technology Holdings",
                                   "Qinglan Hangtian keji Trading Co., Ltd."])
def test_a_line_of_business_the_name_lacks_is_another_company(n, query):
    # "X Investment Co." is X's investment arm, in this stage as in the fuzzy stage
    assert _answer(n, query) == (None, None)


def test_a_line_of_business_the_name_holds_is_covered():
    n = Normalizer(Glossary.from_records([{"id": "qx", "name": "Dawnstar Capital", "zh": "启星投资中心"}]))
    # (the pinyin stage answers these first: the name as a whole reads as the Chinese name)
    assert _answer(n, "Qixing Investment Zhongxin")[0] == "qx"
    assert _answer(n, "Qixing Touzi Centre")[0] == "qx"
    units = _units(n.index.lexicon.tokens("Qixing Investment Zhongxin"))
    form = next(f for f in ChineseForms(n.index).forms if f.entity == 0)
    assert cover(units, form) is not None  # the line of business is covered through 投资


def test_each_cell_is_found_where_it_starts_in_the_joined_pinyin(n):
    # the table keeps where each cell starts as a string of offsets: the cell at an offset of
    # ``joined`` is the one whose pinyin starts there (the end is the number of cells)
    for form in ChineseForms(n.index).forms:
        starts = [0]
        for syllable in form.pinyin:
            starts.append(starts[-1] + len(syllable))
        assert [form.cell_at(at) for at in starts] == list(range(len(form.pinyin) + 1))
        inside = set(range(len(form.joined) + 2)) - set(starts)
        assert all(form.cell_at(at) is None for at in inside)


def test_a_place_s_name_keeps_its_places():
    # a company may leave out where it is registered; a place's name is its places
    n = Normalizer(Glossary.from_records([
        {"id": "city", "name": "Qinling International Aerospace City", "zh": "秦岭国际航天城",
         "type": "place"},
    ]))
    assert n.match("Hangtian Cheng") is None
    assert n.match("Qinling Hangtian Cheng").entity_id == "city"
