"""aeronorm.resources: the word classes, places and pinyin syllables under aeronorm/data."""

from __future__ import annotations

from aeronorm.lexicon.word_classes import WordClasses, load_word_classes
from aeronorm.resources import load_pinyin_syllables, load_places
from aeronorm.text.fold import fold, tokenize


def test_word_classes_are_loaded_once_and_folded():
    wc = load_word_classes()
    assert isinstance(wc, WordClasses)
    assert load_word_classes() is wc
    for word in wc.stop_words | wc.acronym_skip:
        assert word == fold(word)
    for phrase in wc.legal_phrases | wc.generic_phrases:
        assert phrase and list(phrase) == tokenize(" ".join(phrase))


def test_word_classes_content():
    wc = load_word_classes()
    assert {"of", "the", "and"} <= wc.stop_words
    assert {("co", "ltd"), ("company", "limited"), ("corporation",), ("limited",)} <= wc.legal_phrases
    assert ("china",) in wc.generic_phrases and ("china",) not in wc.legal_phrases
    assert not wc.legal_phrases & wc.generic_phrases
    assert wc.abbreviations["univ"] == "university" and wc.abbreviations["inst"] == "institute"
    assert wc.abbreviations["corp"] == "corporation" and wc.abbreviations["sci"] == "science"
    assert wc.ordinals["sixth"] == 6 and wc.ordinals["tenth"] == 10
    assert sorted(wc.ordinals.values()) == list(range(1, len(wc.ordinals) + 1))
    assert wc.max_phrase == max(len(p) for p in wc.legal_phrases | wc.generic_phrases)
    assert "有限公司" not in wc.zh_descriptors and "科技" in wc.zh_descriptors
    assert {"yg", "gongsi"} <= wc.pinyin_legal


def test_abbreviation_expansions_are_not_abbreviations_themselves():
    wc = load_word_classes()
    for short, long in wc.abbreviations.items():
        assert short != long
        assert all(w not in wc.abbreviations or wc.abbreviations[w] == w for w in long.split()), short


def test_places():
    places = load_places()
    assert load_places() is places
    by_zh = dict(places)
    assert "hainan" in by_zh["海南"] and "beijing" in by_zh["北京"]
    assert len(by_zh) == len(places), "a place is listed twice"
    for zh, forms in places:
        assert zh and forms and all(f == fold(f) for f in forms), zh


def test_pinyin_syllables():
    syl = load_pinyin_syllables()
    assert 380 <= len(syl) <= 450
    assert {"a", "zhuang", "lv", "nve", "er", "xi", "an", "xian", "hang", "tian"} <= syl
    assert all(s.isascii() and s.isalpha() and s.islower() and len(s) <= 6 for s in syl)
    assert not {"kep", "th", "v"} & syl
