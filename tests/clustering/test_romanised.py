"""Names read through the Chinese they translate (aeronorm.clustering.romanised)."""

from __future__ import annotations

import pytest

from aeronorm.clustering.romanised import is_romanised, pivot_keys, read_out, syllable_key
from aeronorm.glossary import shipped_terms
from aeronorm.lexicon import TermLexicon


@pytest.fixture(scope="module")
def lex() -> TermLexicon:
    return TermLexicon(shipped_terms())


def test_english_pinyin_and_mixed_names_share_a_key(lex):
    keys = [set(pivot_keys(lex.tokens(s))) for s in
            ("Northwestern Polytechnical University", "Xibei Gongye Daxue", "Xibei Polytechnical University")]
    assert set.intersection(*keys)


def test_a_name_with_a_word_read_neither_way_has_no_key(lex):
    assert pivot_keys(lex.tokens("Quillfern Kestrel Optics")) == []


def test_company_forms_are_left_out(lex):
    assert pivot_keys(lex.tokens("Xibei Gongye YG")) == pivot_keys(lex.tokens("Xibei Gongye"))


def test_syllable_keys_are_order_free_and_need_three_syllables():
    assert syllable_key("gongyedaxuexibei") == syllable_key("xibeigongyedaxue")
    assert syllable_key("xibei") is None
    assert syllable_key("kepler") is None


def test_one_word_written_as_syllables_on_the_other_side(lex):
    a = lex.tokens("Gongye Daxue")
    b = lex.tokens("Polytechnical University")
    assert read_out(a, list(range(len(a))), b, list(range(len(b)))) == ([], [])
    c = lex.tokens("Ligong Daxue")
    assert read_out(c, list(range(len(c))), b, list(range(len(b))))[1] == list(range(len(b)))


def test_romanised_words(lex):
    assert [is_romanised(t) for t in lex.tokens("Hangtian Aerospace Quillfern")] == [True, False, False]
