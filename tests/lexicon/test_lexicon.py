"""aeronorm.lexicon: concept tokens of English, romanised and Chinese names."""

from __future__ import annotations

import pytest

from aeronorm.glossary import Term
from aeronorm.index import concept_key
from aeronorm.lexicon import Kind, TermLexicon, Tok, stem


def keys(lexicon: TermLexicon, text: str) -> list[str]:
    return [t.key for t in lexicon.tokens(text)]


# ------------------------------------------------------------------ synonyms share a concept


@pytest.mark.parametrize(
    "group",
    [
        ("Space", "Aerospace", "Astronautics", "Spaceflight"),
        ("Travel", "Journey"),
        ("Smart", "Intelligent"),
        ("Polytechnic University", "Polytechnical University"),
        ("Science and Technology", "Sci. & Tech.", "Science & Technology"),
        ("University", "Univ.", "Univ"),
        ("Institute", "Inst."),
        ("Defense", "Defence"),
        ("Centre", "Center"),
        ("Research and Development", "R&D", "Research & Development"),  # 研发
        ("Communication", "Comm.", "Comm"),  # abbreviations of company names' trade words
        ("Equipment", "Equip.", "Eqpt"),
        ("Holdings", "Hldgs", "Hldg."),
        ("Semiconductor", "Semicond."),
        # Web of Science's address abbreviations (affiliation lines)
        ("Aeronautics", "Aeronaut"),
        ("Aerospace", "Aerosp"),
        ("Engineering", "Engn"),
        ("Observatory", "Observ"),
        ("Propulsion", "Propuls"),
        ("Ministry", "Minist"),
        ("Information", "Informat"),
        ("People's Republic of China", "P. R. China", "P.R. China", "PR China"),
    ],
)
def test_synonyms_share_one_concept_key(lexicon, group):
    first = keys(lexicon, group[0])
    assert len(first) == 1
    for variant in group[1:]:
        assert keys(lexicon, variant) == first, variant


def test_space_words_carry_the_hangtian_concept(lexicon):
    for word in ("space", "aerospace", "astronautics", "spaceflight"):
        (tok,) = lexicon.tokens(word)
        assert tok.key == "航天"
        assert "航天" in tok.keys and word in tok.keys
        assert tok.kind == Kind.NAME


def test_distinct_words_keep_distinct_concepts(lexicon):
    assert keys(lexicon, "Science and Technology") != keys(lexicon, "Science and Industry")
    assert keys(lexicon, "Northwestern") != keys(lexicon, "Northeastern")
    assert keys(lexicon, "Travel") != keys(lexicon, "Media")


def test_renderings_of_one_name_share_a_concept_key(lexicon):
    a = concept_key(lexicon.tokens("Future Travel (Hainan) Aerospace Culture Media Co., Ltd."))
    b = concept_key(lexicon.tokens("Future Journey (Hainan) Space Culture Media Company Limited"))
    assert a == b
    assert a != concept_key(lexicon.tokens("Future Travel (Shanghai) Aerospace Culture Media Co., Ltd."))


# ------------------------------------------------------------------ kinds


@pytest.mark.parametrize(
    "legal",
    [
        "Co., Ltd.",
        "Company Limited",
        "Co Ltd",
        "Corporation",
        "Corp.",
        "Ltd",
        "Limited",
        "Inc.",
        "Corporation Limited",
    ],
)
def test_legal_forms_are_one_legal_token(lexicon, legal):
    toks = lexicon.tokens(legal)
    assert len(toks) == 1
    assert toks[0].kind == Kind.LEGAL


def test_holdings_is_generic_not_legal(lexicon):
    # "CAS Holdings" is another company than "CAS": a holding word is cheap to drop but
    # not free, unlike a company form.
    (tok,) = lexicon.tokens("Holdings")
    assert tok.kind == Kind.GENERIC


def test_group_company_limited_is_legal(lexicon):
    (tok,) = lexicon.tokens("Group Co., Ltd.")
    assert tok.kind == Kind.LEGAL


def test_legal_forms_leave_the_concept_key(lexicon):
    bare = concept_key(lexicon.tokens("China Great Wall Industry"))
    for form in ("Corporation", "Corp.", "Co., Ltd.", "Company Limited", "Corporation Limited"):
        assert concept_key(lexicon.tokens(f"China Great Wall Industry {form}")) == bare, form


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Shanghai", Kind.PLACE),
        ("Hainan", Kind.PLACE),
        ("Beijing", Kind.PLACE),
        ("China", Kind.GENERIC),
        ("International", Kind.GENERIC),
        ("6th", Kind.NUMBER),
        ("Foundation", Kind.NAME),
        ("Kepler", Kind.NAME),
    ],
)
def test_token_kinds(lexicon, word, kind):
    (tok,) = lexicon.tokens(word)
    assert tok.kind == kind


def test_kind_order_runs_from_telling_to_free():
    assert Kind.NAME < Kind.NUMBER < Kind.PLACE < Kind.GENERIC < Kind.LEGAL


# ------------------------------------------------------------------ ordinals and numbers


@pytest.mark.parametrize(
    ("forms", "number"),
    [
        (("Sixth", "6th", "6", "SIXTH"), 6),
        (("Second", "2nd", "2"), 2),
        (("Third", "3rd"), 3),
        (("Tenth", "10th", "10"), 10),
        (("Eleventh", "11th"), 11),
        (("First", "1st", "01"), 1),
    ],
)
def test_ordinals_equal_numbers(lexicon, forms, number):
    for form in forms:
        (tok,) = lexicon.tokens(form)
        assert tok.key == f"#{number}", form
        assert tok.kind == Kind.NUMBER


@pytest.mark.parametrize(("english", "zh"), [
    ("First Academy", "一院"), ("Sixth Academy", "六院"), ("Seventh Academy", "七院"),
    ("9th Academy", "九院"), ("Ninth Academy", "九院"),
    ("Eleventh Academy", "十一院"), ("12th Academy", "十二院"),
    # 研究院 in full: "research academy" (八院 is 第八研究院)
    ("8th Research Academy", "八院"), ("Second Research Academy", "二院"),
])
def test_a_group_s_numbered_academy_reads_as_its_chinese_short_form(lexicon, english, zh):
    # so that an English alias reading as a short form two groups share is shared too (九院 is
    # CASC's and CASIC's ninth academy)
    assert concept_key(lexicon.tokens(english)) == concept_key(lexicon.read_zh(zh))


def test_sixth_academy_equals_6th_academy(lexicon):
    assert concept_key(lexicon.tokens("Sixth Academy of CASIC")) == concept_key(
        lexicon.tokens("6th Academy of CASIC")
    )
    assert concept_key(lexicon.tokens("Sixth Academy of CASIC")) != concept_key(
        lexicon.tokens("7th Academy of CASIC")
    )


@pytest.mark.parametrize(("numbered", "ordinal"), [
    ("No. 6 Academy of Tarsen Group", "Sixth Academy of Tarsen Group"),
    ("Tarsen Group No.9 Academy", "Tarsen Group 9th Academy"),
    ("no 12 academy", "Twelfth Academy"),
    ("No. 802 Institute", "802 Institute"),
    ("Factory No. 11", "Factory 11"),
])
def test_a_number_sign_counts_its_number(lexicon, numbered, ordinal):
    # "No." says the number counts: the numbered academy, institute or factory, and no word
    assert concept_key(lexicon.tokens(numbered)) == concept_key(lexicon.tokens(ordinal))


@pytest.mark.parametrize("name", ["No Limit Orbital Company", "Yes or No Aerospace"])
def test_no_without_a_number_is_a_word(lexicon, name):
    assert "no" in {t.text for t in lexicon.tokens(name)}


# ------------------------------------------------------------------ words, stop words, possessives


def test_stop_words_and_possessives_drop_out(lexicon):
    assert keys(lexicon, "the China Space Foundation's") == keys(lexicon, "China Space Foundation")
    assert keys(lexicon, "Institute of Mechanics") == keys(lexicon, "Mechanics Institute")[::-1]


def test_pinyin_hyphenation_joins(lexicon):
    assert lexicon.words("Ke-jian") == ["kejian"]
    assert lexicon.words("ZHANG Ke-jian") == ["zhang", "kejian"]
    # Hyphens between English words still split them.
    assert lexicon.words("Electro-Mechanical") == ["electro", "mechanical"]


def test_abbreviations_expand(lexicon):
    assert lexicon.words("Natl. Univ. of Def. Tech.") == [
        "national",
        "university",
        "of",
        "defense",
        "technology",
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("technologies", "technology"),
        ("communications", "communication"),
        ("sciences", "science"),
        ("academies", "academy"),
        ("physics", "physics"),
        ("gas", "gas"),
        ("class", "class"),
        ("campus", "campus"),
        ("analysis", "analysis"),
        ("satellites", "satellite"),
        ("days", "days"),
        ("bus", "bus"),
        ("3s", "3s"),
    ],
)
def test_stem(word, expected):
    assert stem(word) == expected


def test_stem_is_idempotent_on_examples():
    for w in ("technologies", "academies", "satellites", "forces", "systems"):
        assert stem(stem(w)) == stem(w)


# ------------------------------------------------------------------ romanised words


@pytest.mark.parametrize(("word", "zh"), [("hangtian", "航天"), ("keji", "科技"), ("xibei", "西北")])
def test_pinyin_words_carry_their_morpheme(lexicon, word, zh):
    assert zh in lexicon.pinyin_concepts(word)
    (tok,) = lexicon.tokens(word)
    assert zh in tok.keys


def test_non_pinyin_words_have_no_pinyin_concepts(lexicon):
    assert lexicon.pinyin_concepts("kepler") == set()
    assert lexicon.pinyin_concepts("6th") == set()


# ------------------------------------------------------------------ Chinese


def test_segment_zh_nwpu(lexicon):
    assert lexicon.segment_zh("西北工业大学") == ["西北", "工业大学"]


def test_segment_zh_small_lexicon():
    lex = TermLexicon([Term("工业大学", ("polytechnical university",)), Term("西北", ("northwestern",))])
    assert lex.segment_zh("西北工业大学") == ["西北", "工业大学"]
    # Unknown characters stay together rather than splitting into single characters.
    assert "".join(lex.segment_zh("东南工业大学")) == "东南工业大学"
    assert lex.segment_zh("东南工业大学")[-1] == "工业大学"


def test_segment_zh_covers_the_input(lexicon):
    for zh in (
        "中国航天科工集团有限公司",
        "未来宇航航天文化传媒有限公司",
        "文昌国际航天城管理局",
        "钱学森杰出贡献奖",
    ):
        assert "".join(lexicon.segment_zh(zh)) == zh


def test_zh_tokens_carry_pinyin(lexicon):
    toks = lexicon.zh_tokens("西北工业大学")
    assert [t.text for t in toks] == ["西北", "工业大学"]
    assert "xibei" in toks[0].keys and "gongyedaxue" in toks[1].keys


def test_chinese_and_english_names_meet_in_concepts(lexicon):
    zh = {t.key for t in lexicon.zh_tokens("中国航天基金会")}
    en = {t.key for t in lexicon.tokens("China Astronautics Foundation")}
    assert en == zh


def test_zh_tokens_keep_latin_runs(lexicon):
    toks = lexicon.zh_tokens("CASIC航天")
    assert toks[0].text == "casic" and toks[-1].key == "航天"


# ------------------------------------------------------------------ building


def test_user_term_teaches_a_concept():
    lex = TermLexicon([Term("星舰", ("starship", "star vessel"))])
    (a,) = lex.tokens("Starship")
    (b,) = lex.tokens("Star Vessel")
    assert a.key == b.key == "星舰"


def test_first_term_gives_the_key():
    lex = TermLexicon([Term("航天", ("space",)), Term("空间", ("space",))])
    (tok,) = lex.tokens("space")
    assert tok.key == "航天" and {"航天", "空间"} <= tok.keys


def test_notes_like_terms_are_ignored():
    lex = TermLexicon([Term("研究院 (第N)", ("nth academy",))])
    assert "研究院 (第N)" not in lex.zh_terms
    assert all(t.key != "研究院 (第N)" for t in lex.tokens("nth academy"))


def test_tok_is_frozen():
    tok = Tok("space", "航天", frozenset({"航天"}), Kind.NAME)
    with pytest.raises(AttributeError):
        tok.key = "x"  # type: ignore[misc]


def test_traditional_characters_are_read_as_simplified():
    lex = TermLexicon([Term("电子", ("electronics",))])
    trad, simp = lex.zh_tokens("青嵐電子"), lex.zh_tokens("青岚电子")
    assert [t.key for t in trad] == [t.key for t in simp]
    assert "电子" in [t.key for t in trad]


@pytest.mark.parametrize(("zh", "number"), [("长征五号", "#5"), ("双曲线一号", "#1"), ("第三研究院", "#3"),
                                            ("第二十一研究所", "#21")])
def test_a_chinese_model_number_or_ordinal_is_a_number(lexicon, zh, number):
    # the number an English name reads in "Long March 5", "Third Academy"
    numbers = [t for t in lexicon.zh_tokens(zh) if t.kind == Kind.NUMBER]
    assert [t.key for t in numbers] == [number]
    english = [t for t in lexicon.tokens(f"Model {number[1:]}") if t.kind == Kind.NUMBER]
    assert english[0].key == number


@pytest.mark.parametrize("zh", ["六院", "九天微星", "一院"])
def test_a_name_with_a_numeral_in_it_is_no_number(lexicon, zh):
    assert all(t.kind != Kind.NUMBER for t in lexicon.zh_tokens(zh))


def test_research_and_development_is_neither_word_alone(lexicon):
    rd = keys(lexicon, "R&D")
    assert keys(lexicon, "Research") != rd and keys(lexicon, "Development") != rd


@pytest.mark.parametrize(("word", "other"), [("Astronaut", "Astronautics"), ("Elect", "Electronic"),
                                             ("Opt", "Optics"), ("MT", "Mountain"), ("STN", "Station")])
def test_an_abbreviation_that_is_an_english_word_is_read_as_the_word(lexicon, word, other):
    assert keys(lexicon, word) != keys(lexicon, other)
