"""aeronorm.lexicon.word_classes: the word lists of wordclasses.yaml, read as the lexicon reads names."""

from __future__ import annotations

import pytest

from aeronorm.glossary.glossary import shipped_terms
from aeronorm.lexicon import Kind
from aeronorm.lexicon.lexicon import TermLexicon
from aeronorm.lexicon.word_classes import load_word_classes


def test_a_phrase_with_a_possessive_or_a_stop_word_is_read_as_names_are():
    wc = load_word_classes()
    assert ("people", "liberation", "army") in wc.generic_phrases  # "people's liberation army"
    assert ("people", "republic", "china") in wc.generic_phrases  # "people's republic of china"
    assert not any("peoples" in p or "of" in p for p in wc.generic_phrases | wc.legal_phrases)


@pytest.mark.parametrize("name", ["People's Republic of China", "Chinese People's Liberation Army",
                                  "People’s Liberation Army"])
def test_a_national_scope_written_in_full_is_generic_as_its_abbreviation_is(name):
    lex = TermLexicon(shipped_terms())
    assert [t.kind for t in lex.tokens(name)] == [Kind.GENERIC]
