"""Issue 13, specificity: the common words of institutions and trades (museum, press, library,
training, federation, club, ...) are words, not brands. A glossary's own names teach the lexicon
their Chinese words, and such a word must not become "a proper name only this entity has": a
museum, a press or a training centre of another body is another entity. Invented examples."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer

from .stages import answer_id as _id

RECORDS = [
    {"id": "orbit-museum", "name": "Halcyon Aerospace Museum", "zh": "哈尔西恩航天博物馆"},
    {"id": "ventris-press", "name": "Ventris Astronautics Press", "zh": "文特里斯航天出版社"},
    {"id": "quasar-training", "name": "Quasar Astronaut Selection and Training Center",
     "zh": "类星航天员选拔训练中心"},
    {"id": "nebula-federation", "name": "International Nebula Rocketry Federation"},
    {"id": "ministry-rivers", "name": "Ministry of Rivers and Canals"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize("word", ["museum", "press", "library", "training", "federation", "club", "hotel",
                                  "insurance", "leasing", "station", "studio", "journal"])
def test_institution_words_are_not_proper_names(n, word):
    lexicon = n.index.lexicon
    (tok,) = lexicon.tokens(word)
    assert not lexicon.is_proper(tok), word


@pytest.mark.parametrize("query", [
    "Ministry of Rivers and Canals Museum",   # another body's museum
    "Aerospace Museum",                        # the trade words alone, the brand left out
    "Ministry of Rivers and Canals Press",
    "Ministry of Rivers and Canals Training Center",
    "International Federation",
])
def test_another_bodys_institution_is_no_answer(n, query):
    assert _id(n, query) is None


@pytest.mark.parametrize("query, expected", [
    ("Halcyon Aerospace Museum", "orbit-museum"),
    ("Halcyon Museum", "orbit-museum"),              # the brand names it
    ("Ventris Press", "ventris-press"),
    ("Quasar Astronaut Training Center", "quasar-training"),
    ("International Nebula Rocketry Federation", "nebula-federation"),
])
def test_named_by_their_own_words_they_still_match(n, query, expected):
    assert _id(n, query) == expected
