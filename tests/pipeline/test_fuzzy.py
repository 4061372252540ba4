"""Stage 7, aeronorm.pipeline.fuzzy: weighted token alignment, threshold and margin."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.lexicon import Kind, Tok
from aeronorm.lexicon.compare import align
from aeronorm.pipeline.calibration import DEFAULT_CALIBRATION
from aeronorm.pipeline.query import Query

from .stages import pipeline, run_stage

CAL = DEFAULT_CALIBRATION


def fuzzy(index, raw, allowed=None, *, threshold=0.8, margin=0.05):
    return run_stage("fuzzy", index, Query(raw), allowed, threshold=threshold, margin=margin)


def score(index, query: str, name: str) -> float:
    lex = index.lexicon
    return pipeline(index).stages["fuzzy"].score(lex.tokens(query), lex.tokens(name))[0]


def tok(text: str, kind: Kind = Kind.NAME, *keys: str) -> Tok:
    return Tok(text, keys[0] if keys else text, frozenset((text, *keys)), kind)


def test_align_is_one_to_one_and_best_first():
    q = [tok("space", Kind.NAME, "航天"), tok("foundation")]
    c = [tok("foundation"), tok("aerospace", Kind.NAME, "航天"), tok("astronautics", Kind.NAME, "航天")]
    pairs = align(q, c)
    assert sorted((i, j) for i, j, _ in pairs) == [(0, 1), (1, 0)]
    assert all(s == 1.0 for _, _, s in pairs)


def test_align_tolerates_typos_in_unknown_words_only():
    (pair,) = align([tok("zhongguancun")], [tok("zhongguamcun")])
    assert 0.8 < pair[2] < 1.0
    assert align([tok("tianbing")], [tok("kepler")]) == []
    assert align([tok("abcd")], [tok("abce")]) == []  # too short to judge spelling


def test_identical_names_score_the_fuzzy_ceiling(small_index):
    # The fuzzy stage never claims more than a concept-key match does.
    assert score(small_index, "China Space Foundation", "China Space Foundation") == pytest.approx(CAL.full)
    assert DEFAULT_CALIBRATION.full == DEFAULT_CALIBRATION.concept


def test_legal_forms_are_free(small_index):
    assert score(small_index, "Space Pioneer Co., Ltd.", "Space Pioneer") == pytest.approx(CAL.full)


def test_omissions_cost_by_kind(small_index):
    generic = score(small_index, "Zorblax Space Foundation", "China Zorblax Space Foundation")  # 'China'
    naming = score(small_index, "Zorblax Foundation", "Zorblax Space Foundation")  # drops 'Space'
    assert 0 < naming < generic < 1


def test_common_words_cannot_leave_naming_words_out(small_index):
    # Without a proper name of its own, a query that drops a naming word describes a trade.
    assert score(small_index, "China Foundation", "China Space Foundation") == 0.0
    # a national scope names the entity too: "Space Foundation" is what other countries call theirs
    assert score(small_index, "Space Foundation", "China Space Foundation") == 0.0
    # ... unless a proper name of the entity's own names it, or the query states a scope itself
    assert score(small_index, "Zorblax Space Foundation", "China Zorblax Space Foundation") > 0.9
    assert score(small_index, "Chinese Space Foundation", "China Space Foundation") > 0.9
    assert CAL.omission_cost[Kind.NUMBER] >= CAL.omission_cost[Kind.NAME] > CAL.omission_cost[Kind.GENERIC]
    assert DEFAULT_CALIBRATION.omission_cost[Kind.LEGAL] == 0.0


@pytest.mark.parametrize(
    ("query", "name"),
    [
        (
            "China Aerospace Science and Engineering Corporation",
            "China Aerospace Science and Industry Corporation",
        ),
        (
            "China Aerospace Science and Technology Corporation",
            "China Aerospace Science and Industry Corporation",
        ),
        ("Shanghai Space Center", "Hainan Space Center"),  # a place for a place
        ("Sixth Academy of CASIC", "Seventh Academy of CASIC"),  # a number for a number
    ],
)
def test_substitution_of_a_telling_word_vetoes(small_index, query, name):
    assert score(small_index, query, name) == 0.0


def test_extra_query_words_lower_the_score(small_index):
    assert score(small_index, "China Space Foundation Youth Fund", "China Space Foundation") < 0.8


def test_fuzzy_match_and_evidence(small_index, pos):
    out = fuzzy(small_index, "Kepller Orbital Dynamics Institute", margin=0.005)
    assert out is not None and out.entity.id == "kodi"
    assert out.method == "fuzzy" and 0.8 <= out.score <= 1.0
    assert out.evidence[0].startswith("via ")


def test_threshold(small_index, pos):
    out = fuzzy(small_index, "Kepller Orbital Dynamics Institute", margin=0.005)
    assert out.entity.id == "kodi"
    above = fuzzy(small_index, "Kepller Orbital Dynamics Institute",
                  threshold=out.score + 0.001, margin=0.005)
    assert above is not None and above.entity is None
    # the abstention still reports it
    assert (above.candidates[0][0].id, above.candidates[0][1]) == ("kodi", out.score)


def test_a_place_the_entry_keeps_is_content_a_common_query_lacks(small_index):
    # "Beijing Institute of Strength and Environment": another city may have one
    assert fuzzy(small_index, "Strength and Environment Institute") is None


def test_margin(small_index, pos):
    q = "Kepller Orbital Dynamics Institute"  # misspelt; the twin also has a generic word more
    narrow = fuzzy(small_index, q, margin=0.005)
    assert narrow is not None and narrow.entity.id == "kodi"
    assert narrow.candidates and narrow.candidates[0][0].id == "kods"
    assert narrow.score - narrow.candidates[0][1] < 0.05
    wide = fuzzy(small_index, q, margin=0.05)
    assert wide is not None and wide.entity is None
    assert [e.id for e, _ in wide.candidates[:2]] == ["kodi", "kods"]


def test_exact_twins_tie(small_index, pos):
    tie = fuzzy(small_index, "Vega Rocket Work")
    assert tie is not None and tie.entity is None
    assert {e.id for e, _ in tie.candidates[:2]} == {"vega-a", "vega-b"}
    assert tie.candidates[0][1] == tie.candidates[1][1]
    # margin is how far the best must lead: at 0 a tie is accepted (first by position).
    zero = fuzzy(small_index, "Vega Rocket Work", margin=0.0)
    assert zero is not None and zero.entity.id == "vega-a"


def test_nothing_in_common_gives_none(small_index):
    assert fuzzy(small_index, "Kepler Orbital Widgets") is None
    assert fuzzy(small_index, "Co., Ltd.") is None


def test_allowed_filters(small_index, pos):
    # alone
    assert fuzzy(small_index, "Kepller Orbital Dynamics Institute", {pos("kodi")}).entity.id == "kodi"
    out = fuzzy(small_index, "Kepller Orbital Dynamics Institute", {pos("csf")})
    assert out is None or out.entity is None


def test_spelling_fallback_does_not_bridge_known_concepts(small_index, pos):
    out = fuzzy(small_index, "Northeastern Polytechnical University")
    assert out is None or out.entity is None or out.entity.id != "nwpu"


def test_an_imperfect_alignment_scores_below_one(small_index):
    assert score(small_index, "Space Pioneer Zhongguancun", "Space Pioneer Zhongguamcun") < 1.0


# ------------------------------------------------------------------ weights
def test_weights_rank_distinctive_over_generic_over_legal(index, lexicon):
    foundation, china, legal = (lexicon.tokens(s)[0] for s in ("Foundation", "China", "Co., Ltd."))
    weight = pipeline(index).stages["fuzzy"].weight
    assert weight(foundation) > weight(china) > 0
    assert weight(legal) == 0.0
    assert DEFAULT_CALIBRATION.kind_weight[Kind.LEGAL] == 0.0
    assert CAL.kind_weight[Kind.NAME] >= CAL.kind_weight[Kind.PLACE] >= CAL.kind_weight[Kind.GENERIC]


def test_a_query_word_votes_once_for_a_name_in_blocking():
    # "Space" renders 航天, 太空, 空间, ...: names with "Space" must not outrank, by the number of
    # its synonyms, the name that shares more of the query's words (东方空间 for "Oriental Space")
    records = [
        {"id": "dongfang-kj", "name": "Dongfang Kongjian Technology", "zh": "东方空间技术有限公司",
         "zh_aliases": ["东方空间"]},
        {"id": "dongfang-port", "name": "Oriental Spaceport", "zh": "东方航天港",
         "aliases": ["Oriental Aerospace Port"]},
    ] + [{"id": f"award-{k}", "name": f"Space Merit Award {k}"} for k in range(40)]
    n = Normalizer(Glossary.from_records(records))
    m = n.match("Oriental Space")
    assert m is not None and m.entity_id == "dongfang-kj"


@pytest.mark.parametrize(("query", "name"), [
    ("Institute", "Design Department"),  # 'institute' renders 设计部 too
    ("Beijing Institute", "CAST General Design Department"),  # Beijing: where the entity is
])
def test_a_name_whose_only_agreeing_word_is_its_type_is_no_answer(query, name):
    from aeronorm.pipeline.fuzzy import EntityFacts

    n = Normalizer(Glossary.from_records([{"id": "x", "name": "X"}]))
    lex, fuzzy = n.index.lexicon, n.pipeline.stages["fuzzy"]
    facts = EntityFacts(company=False, stated=frozenset({"北京", "beijing"}))
    score, why = fuzzy.score(lex.read(query), lex.read(name), facts=facts)
    assert score == 0.0 and why == ["only the type of body agrees"]


def test_scope_words_and_a_type_written_otherwise_name_no_body():
    # 委员会 is written "Committee" and "Commission": with nothing but a scope word beside it,
    # the type as the name writes it is all that names the body (invented names)
    records = [
        {"id": "cc", "name": "Central Committee of the Workers' League", "zh": "工人联盟中央委员会",
         "parent": "league"},
        {"id": "league", "name": "Workers' League", "zh": "工人联盟"},
        {"id": "nb", "name": "National Bureau of Kite Flying", "zh": "国家风筝局"},
    ]
    n = Normalizer(Glossary.from_records(records))
    assert n.match("Central Commission") is None
    assert n.match("Central Committee").entity_id == "cc"
    assert n.match("Central Commission of the Workers' League").entity_id == "cc"


def test_half_of_a_brand_of_two_names_is_no_answer():
    # A joint venture is named after its parties ("Hangtian-Tsinghua"): one party's name alone
    # is that party, whatever the glossary lacks; a one-name brand is the company's own (invented)
    records = [
        {"id": "jv", "name": "Weixing-Zorvana Satellite Technology Co., Ltd."},
        {"id": "solo", "name": "Shanghai Lumira Network Technology Co., Ltd."},
    ]
    n = Normalizer(Glossary.from_records(records))
    assert n.match("Zorvana") is None
    assert n.match("Lumira").entity_id == "solo"
    assert n.match("Weixing-Zorvana Satellite").entity_id == "jv"


def test_a_common_english_word_alone_is_no_brand_of_a_longer_name():
    # "Yitu" names "Shanghai Yitu Network Technology" by itself; a common English word does not,
    # however rare in the glossary (invented names)
    n = Normalizer(Glossary.from_records([
        {"id": "orchard", "name": "Shanghai Orchard Network Technology Co., Ltd."},
        {"id": "lumira", "name": "Shanghai Lumira Network Technology Co., Ltd."},
    ]))
    assert n.match("Orchard") is None
    assert n.match("Lumira").entity_id == "lumira"


def test_near_spellings_are_every_word_one_edit_away():
    # The deletion neighbourhoods are a KeyTable of the words' positions: what they find is
    # every glossary word one edit away with the same first letter, no more, no less.
    import random

    from rapidfuzz.distance import OSA

    from aeronorm.pipeline.fuzzy import Spellings

    rng = random.Random(5)
    brands = ["Qinglan", "Qinglam", "Quinlan", "Zhuque", "Zhuqeu", "Landspace", "Landscape", "Orienspace",
              "Galactic", "Galactik", "Deepblue", "Starwise", "Stawise"]
    records = [{"id": f"b{k}", "name": f"{b} Aerospace"} for k, b in enumerate(brands)]
    index = Normalizer(Glossary.from_records(records)).index
    spellings = Spellings(index)
    words = spellings.words  # the words the lexicon does not know, as the index reads them
    assert {"qinglan", "qinglam", "quinlan", "starwise", "stawise"} <= set(words)
    letters = "aeilnqsuz"
    probes = list(words)
    for _ in range(300):
        w = list(rng.choice(words))
        k = rng.randrange(len(w))
        op = rng.randrange(4)
        if op == 0:
            del w[k]
        elif op == 1:
            w.insert(k, rng.choice(letters))
        elif op == 2:
            w[k] = rng.choice(letters)
        elif k + 1 < len(w):
            w[k], w[k + 1] = w[k + 1], w[k]
        probes.append("".join(w))
    for word in probes:
        expected = [] if len(word) < 5 else sorted(
            w for w in words if w != word and w[0] == word[0] and OSA.distance(word, w) <= 1)
        assert spellings.near(word) == expected, word
