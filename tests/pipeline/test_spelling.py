"""Pass 8, aeronorm.pipeline.spelling: a typo in an unknown word is read as the one known word it
is a typo of, then the stages run again; known words are never bridged. Invented examples."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.pipeline.calibration import DEFAULT_CALIBRATION

RECORDS = [
    {"id": "tianlu", "name": "Beijing Tianlu Space Technology Co., Ltd.", "zh": "北京天路航天科技有限公司"},
    {"id": "hubei-aero", "name": "Hubei Aerospace Launch Services Corporation"},
    {"id": "hebei-aero", "name": "Hebei Aerospace Launch Services Corporation"},
    {"id": "orbitdata", "name": "Qingyun Launch Data Center"},
    {"id": "zhenxing", "name": "Zhenxing Satellite Manufacturing Group Corporation"},
    {"id": "mingyue", "name": "Mingyue"},
    {"id": "grand-council", "name": "Grand Council of the People's Republic of China"},
    {"id": "marketa", "name": "Marketa Orbital Technology Corporation"},
]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


@pytest.mark.parametrize(("query", "expected"), [
    ("Beijing Tainlu Space Technology Co., Ltd.", "tianlu"),  # two letters swapped in the brand
    ("Beijing Tianlu Space Tecnology Co., Ltd.", "tianlu"),  # a dropped letter in a generic word
    ("Zhenxing Satelite Manufacturing Group Corporation", "zhenxing"),
    ("Zhenxing Satellite Manufacturing GroupCorporation", "zhenxing"),  # two words joined
    ("Qingyun LaunchData Center", "orbitdata"),
])
def test_a_typo_in_an_unknown_word_is_read(n, query, expected):
    m = n.match(query)
    assert m is not None and m.entity_id == expected and m.score < 1.0  # the reading costs
    # the fuzzy stage reads a near spelling of a brand word itself; the spelling pass the rest
    assert m.method == "fuzzy" or (m.method == "spelling" and m.evidence[0].startswith("read "))


def test_the_discount_is_the_share_of_letters_changed(n):
    m = n.match("Zhenxing Satelite Manufacturing Group Corporation")
    assert m.method == "spelling"  # one letter of nine: then the exact name
    cal = DEFAULT_CALIBRATION
    assert m.score == pytest.approx(round(cal.exact * (1 - cal.typo_weight * 1 / 9), 4))


def test_two_known_words_are_never_bridged(n):
    # Hubei and Hebei are both known: neither is read as the other
    assert n.match("Hubei Aerospace Launch Services Corporation").entity_id == "hubei-aero"
    assert n.match("Hebei Aerospace Launch Services Corporation").entity_id == "hebei-aero"
    assert n.match("Hubai Aerospace Launch Services Corporation") is None  # within reach of both


def test_a_name_that_is_only_its_guessed_word_is_not_read(n):
    assert n.match("Minggyue") is None


def test_a_name_only_its_spacing_read_is_read():
    # a brand of one word written as two (or two as one): no letter guessed
    n = Normalizer(Glossary.from_records([{"id": "zs", "name": "Zorvanspace"},
                                          {"id": "qs", "name": "Qorda Satcom"}]))
    for query, expected in (("Zorvan Space", "zs"), ("Qordasatcom", "qs")):
        m = n.match(query)
        assert m is not None and m.entity_id == expected and m.method == "spelling" and m.score < 1.0


def test_pinyin_spacing_is_not_read_away(n):
    # in pinyin the spaces say which syllables make a word: "Ming Yue" is not "Mingyue"
    assert n.match("Ming Yue") is None


def test_a_typo_in_the_generic_words_around_one_naming_word_as_written_is_read(n):
    # its one naming word ("Grand Council") as written: the reading mends a generic word
    m = n.match("Grand Council of the People's Republc of China")
    assert m is not None and m.entity_id == "grand-council" and m.method == "spelling"


def test_explain_shows_the_reading(n):
    assert "read 'Satelite' as 'satellite'" in n.explain("Zhenxing Satelite Manufacturing Group Corporation")


@pytest.fixture(scope="module")
def acronyms() -> Normalizer:
    return Normalizer(Glossary.from_records([
        {"id": "imrs", "name": "Institute of Marine Remote Sensing", "aliases": ["IMRSCAS"]},
        {"id": "qmdc", "name": "Qingyun Mountain Data Center", "aliases": ["QMDC"]},
        {"id": "osic-it", "name": "Orbital Systems Industry Academy of Information Technology",
         "abbreviations": ["OSINDC-IT"]},
    ]))


@pytest.mark.parametrize("query", ["IERSCAS", "IMRCAS", "the IERSCAS", "OSINDCS-IT", "OSNIDC-IT"])
def test_an_acronym_is_never_read_as_a_typo(acronyms, query):
    # one letter off an acronym is another body's acronym, not a misspelling of this one
    assert acronyms.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("INSTITUTE OF MARINE REMOTE SENSNG", "imrs"),
    ("ORBITAL SYSTEMS INDUSTRY ACADEMY OF INFORMATON TECHNOLOGY", "osic-it"),
])
def test_a_long_word_in_a_name_all_in_capitals_is_still_read(acronyms, query, expected):
    # (among words of the lexicon spelt out, a long word in capitals is a word, not a code)
    m = acronyms.match(query)
    assert m is not None and m.entity_id == expected and m.method == "spelling"


def test_county_is_a_word_not_a_typo_of_country():
    # 长沙县 is a county, not the city of 长沙: "County" is known (县), never read as "country"
    n = Normalizer(Glossary.from_records([
        {"id": "nanhu", "name": "Nanhu", "type": "place", "zh": "南湖市"},
        {"id": "nanhu-agency", "name": "Nanhu Country Agency"},
    ]))
    assert n.match("Nanhu County") is None
    assert n.match("Nanhu County Agency") is None
    assert n.index.lexicon.knows("county")


def test_an_english_word_is_no_misspelt_brand(n):
    # "Market" is a word of its own, one letter from the brand Marketa: another company
    assert n.match("Market Orbital Technology Corporation") is None
    assert n.match("Marketta Orbital Technology Corporation").entity_id == "marketa"  # a typo of the brand


def test_an_english_word_may_be_a_misspelt_word(n):
    m = n.match("Qingyun Lunch Data Center")  # "lunch" for "launch": both words, one a typo
    assert m is not None and m.entity_id == "orbitdata"


@pytest.fixture(scope="module")
def places() -> Normalizer:
    return Normalizer(Glossary.from_records([
        {"id": "wenchang-site", "name": "Wenchang Space Launch Site", "zh": "文昌航天发射场"},
        {"id": "changchun-u", "name": "Changchun University of Optics", "zh": "长春光学大学"},
        {"id": "fuzhou-i", "name": "Fuzhou Institute of Lasers", "zh": "福州激光研究所"},
    ]))


@pytest.mark.parametrize("query", [
    "Wencheng Space Launch Site",  # 文成, another county
    "Changshun University of Optics",  # 长顺
])
def test_pinyin_one_letter_changed_is_another_chinese_word(places, query):
    assert places.match(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("Wenchng Space Launch Site", "wenchang-site"),  # a letter dropped
    ("Changchn University of Optics", "changchun-u"),
    ("Fuzhuo Institute of Lasers", "fuzhou-i"),  # two letters swapped
])
def test_pinyin_with_a_letter_dropped_or_two_swapped_is_read(places, query, expected):
    m = places.match(query)
    assert m is not None and m.entity_id == expected


@pytest.mark.parametrize("query", ["Openspace Technology", "Headroom Technology"])
def test_two_common_words_joined_are_no_misspelt_brand(query):
    # "Openspace" is open + space, not a misspelt Orienspace
    n = Normalizer(Glossary.from_records([
        {"id": "orien", "name": "Orienspace Technology Co., Ltd."},
        {"id": "hedroom", "name": "Hedroom Technology Co., Ltd."},
    ]))
    assert n.match(query) is None
    assert n.match("Orinspace Technology").entity_id == "orien"  # a typo of the brand still is


SCANNED = [
    {"id": "tarnwell", "name": "Tarnwell Orbital Technology Corporation"},
    {"id": "qiming", "name": "Qiming Polytechnical University"},
    {"id": "southcrest", "name": "Southcrest Aerospace University"},
]


@pytest.mark.parametrize(("query", "expected"), [
    ("Tamwell Orbital Technology Corporation", "tarnwell"),  # 'rn' scanned as 'm'
    ("Qirning Polytechnical University", "qiming"),  # 'm' scanned as 'rn'
    ("Qiming Po1ytechnical University", "qiming"),  # a digit for a letter
    ("Tarnwell Orbital Techno1ogy Corporation", "tarnwell"),
    ("Southcrest Aerospace Un1versity", "southcrest"),  # '1' for 'i'
    ("South- crest Aerospace University", "southcrest"),  # a word a line break cut
    ("Qiming Poly- technical University", "qiming"),
])
def test_letters_a_scan_mistook_are_read(query, expected):
    n = Normalizer(Glossary.from_records(SCANNED))
    m = n.match(query)
    assert m is not None and m.entity_id == expected and m.method == "spelling"


def test_a_scan_reading_never_bridges_two_known_words():
    # "Modem" and "Modern" are both known: neither is the other's scan; a digit code stays a code
    n = Normalizer(Glossary.from_records([
        {"id": "modern", "name": "Modern Orbital Works"}, {"id": "modem", "name": "Modem Orbital Works"},
        {"id": "unit", "name": "Unit 701 Orbital Works"}]))
    assert n.match("Modem Orbital Works").entity_id == "modem"
    assert n.match("Unit 70l Orbital Works") is None
    assert n.match("Unit 702 Orbital Works") is None


def test_a_typo_in_one_word_of_a_phrase_the_lexicon_reads_whole_is_read():
    # "academy of sciences" is one token of the lexicon: a typo in one of its words, with its
    # other word and the scope word as written, still carries the name; a place of two words,
    # one of them guessed, does not
    n = Normalizer(Glossary.from_records([
        {"id": "nas", "name": "National Academy of Sciences"},
        {"id": "im", "name": "Inner Mongolia", "type": "place"}]))
    m = n.match("National Acadmey of Sciences")
    assert m is not None and m.entity_id == "nas" and m.method == "spelling"
    assert n.match("National Academy of Sceinces").entity_id == "nas"
    assert n.match("Inner Monoglia") is None
