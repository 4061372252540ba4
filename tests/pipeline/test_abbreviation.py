"""Stage 4, aeronorm.pipeline.abbreviation: given and derived acronyms."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.pipeline.abbreviation import Acronyms, derive_acronyms
from aeronorm.pipeline.calibration import DEFAULT_CALIBRATION
from aeronorm.pipeline.entity_ids import ids_of
from aeronorm.pipeline.query import Query
from aeronorm.text.fold import looks_like_acronym

from .stages import run_stage

CAL = DEFAULT_CALIBRATION


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NWPU", True),
        ("CASIC-IT", True),
        ("AIRCAS", True),
        ("NWPU.", True),
        ("21AT", False),
        ("Nwpu", False),
        ("ExPace", False),
        ("CAS Space", False),
        ("N", False),
        ("nwpu", False),
        ("CASIC航天", False),
        ("A" * 13, False),
    ],
)
def test_looks_like_acronym(text, expected):
    assert looks_like_acronym(text) is expected


def test_given_acronym_scores_one(small_index, pos):
    out = run_stage("abbreviation", small_index, Query("CASIC"))
    assert out is not None and out.entity.id == "casic"
    assert (out.score, out.method) == (1.0, "abbreviation")
    assert "given" in out.evidence[0]


@pytest.mark.parametrize("raw", ["BISE", "BISE."])
def test_derived_acronym_scores_less(small_index, pos, raw):
    out = run_stage("abbreviation", small_index, Query(raw))
    assert out is not None and out.entity.id == "bise"
    assert out.score == DEFAULT_CALIBRATION.abbreviation_derived < 1.0
    assert "derived" in out.evidence[0]


def test_acronym_of_two_names_abstains(small_index, pos):
    out = run_stage("abbreviation", small_index, Query("HSC"))
    assert out is not None and out.entity is None
    assert {e.id for e, _ in out.candidates} == {"hsc", "hsc2"}
    # ... and when the type filter leaves one, three derived letters are still only a candidate
    only = run_stage("abbreviation", small_index, Query("HSC"), {pos("hsc")})
    assert only is not None and only.entity is None
    assert [(e.id, s) for e, s in only.candidates] == [("hsc", CAL.abbreviation_derived_short)]


@pytest.mark.parametrize("raw", ["Casic", "ZKJ", "XYZW", "China Space Foundation"])
def test_no_acronym_answer(small_index, raw):
    # Not acronym-shaped, or people (never given derived acronyms), or unknown.
    assert run_stage("abbreviation", small_index, Query(raw)) is None


# ------------------------------------------------------------------ derived acronyms


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("Dalian University of Technology", "DLUT"),  # romanised place: one initial per syllable
        ("Dalian University of Technology", "DUT"),  # ... or one for the word
        ("Northwestern Polytechnical University", "NWPU"),  # compass compound gives two
        ("Northwestern Polytechnical University", "NPU"),
        ("Harbin Institute of Technology", "HIT"),
        ("China Space Foundation", "CSF"),
        ("Beijing University of Posts and Telecommunications", "BUPT"),
        ("Nanjing University of Aeronautics and Astronautics", "NUAA"),
        ("Xi'an Jiaotong University", "XJTU"),
        ("Southwest Jiaotong University", "SWJTU"),
        ("Beijing Institute of Strength and Environment", "BISE"),
    ],
)
def test_derive_acronyms(index, name, acronym):
    assert acronym in derive_acronyms(index.lexicon, name)


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_derive_acronyms_xian_gives_two_initials(index, apostrophe):
    assert "XATU" in derive_acronyms(index.lexicon, f"Xi{apostrophe}an Technological University")


def test_a_romanised_place_gives_the_initials_of_its_chinese_syllables(index):
    # 湖南 is hu-nan, though "hunan" also splits hun-an: HN, never HA (HAUST is another
    # university's, 河南's, written "HenAn")
    acros = derive_acronyms(index.lexicon, "Hunan University of Science and Technology")
    assert "HNUST" in acros and "HAUST" not in acros


def test_a_romanised_word_whose_split_is_a_guess_gives_one_initial(index):
    # "lunan" is lu-nan or lun-an: without its Chinese or an apostrophe, no syllable initials
    acros = derive_acronyms(index.lexicon, "Lunan Orbital Institute")
    assert "LOI" in acros and not {"LAOI", "LNOI"} & acros


def test_a_company_form_of_two_words_gives_its_first_or_its_last_initial(index):
    # "China Electronics Technology Group Corporation" is CETC as often as CETG
    acros = derive_acronyms(index.lexicon, "Qinling Orbital Technology Group Corporation")
    assert {"QOTG", "QOTC", "QOT"} <= acros and "QOTGC" not in acros


def test_derived_acronyms_skip_function_words(index):
    acros = derive_acronyms(index.lexicon, "Beijing Institute of Strength and Environment")
    assert "BISE" in acros
    assert not {"BIOSAE", "BISAE", "BIOSE"} & acros
    assert all(len(a) >= 3 and a.isupper() and a.isalnum() for a in acros)


def test_derived_acronyms_of_company_names(index):
    acros = derive_acronyms(index.lexicon, "China Great Wall Industry Co., Ltd.")
    assert "CGWI" in acros
    assert "CGWICL" not in acros  # at most one letter for the company form


def test_derived_acronyms_ignore_asides_and_use_comma_parts(index):
    assert "NWPU" in derive_acronyms(index.lexicon, "Northwestern Polytechnical University (Shaanxi)")
    assert "NWPUS" not in derive_acronyms(index.lexicon, "Northwestern Polytechnical University (Shaanxi)")
    name = "Aerospace Information Research Institute, Chinese Academy of Sciences"
    parts = derive_acronyms(index.lexicon, name)
    assert {"AIRI", "CAS"} <= parts


def test_derive_acronyms_limits(index):
    assert derive_acronyms(index.lexicon, "") == set()
    assert derive_acronyms(index.lexicon, "of the and") == set()
    assert derive_acronyms(index.lexicon, " ".join(["Alpha"] * 11)) == set()  # too long to be abbreviated
    places = "Dalian Harbin Xiamen Fuzhou Nanjing Changchun Beijing"
    assert len(derive_acronyms(index.lexicon, places, limit=5)) <= 5


def test_acronym_table_holds_organisations_only(index, glossary):
    table = Acronyms(index)
    nwpu = [i for i, e in enumerate(index.entities) if e.id == "nwpu"]
    assert set(nwpu) <= set(table.ids("NWPU"))
    others = {i for i, e in enumerate(index.entities) if e.type != "org"}
    assert not any(set(ids_of(table.whole, key)) & others for key in table.whole)
    assert not any(set(ids_of(table.parts, key)) & others for key in table.parts)


@pytest.mark.parametrize(("type", "answers"), [("org", True), ("award", False), ("event", False),
                                               ("program", False)])
def test_only_an_organisation_answers_to_the_initials_of_its_name(type, answers):
    # an award, an event or a programme called by its initials has them given
    n = Normalizer(Glossary.from_records([
        {"id": "x", "name": "International Orbital Cooperation Award", "type": type},
        {"id": "y", "name": "Qinmao Orbital Tracking Network"},
    ]))
    m = n.match("IOCA")
    assert (m.entity_id if m else None) == ("x" if answers else None)


def test_acronym_table_holds_one_int_per_acronym_of_one_entity(index):
    """The memory layout: an acronym of one entity is its position, never a container."""
    table = Acronyms(index)
    held = list(table.whole.values()) + list(table.parts.values())
    assert held and all(type(v) is int or (type(v) is tuple and len(v) > 1) for v in held)
    assert any(type(v) is int for v in held)


def test_parts_hold_only_the_acronyms_no_whole_name_gives():
    """A part's acronym that a whole name also gives is never read (whole names come first):
    the table leaves it out, and every acronym still finds what it found."""
    from aeronorm import Glossary
    from aeronorm.index import Index
    from aeronorm.lexicon import TermLexicon

    glossary = Glossary.from_records([
        {"id": "inst", "name": "Quorvex Lantern Institute, Mirabel Tessaly Academy", "parent": "acad"},
        {"id": "acad", "name": "Mirabel Tessaly Academy"},
        {"id": "lab", "name": "Dorvane Kestrel Laboratory, Ostrelle Vantis Society", "parent": "society"},
        {"id": "society", "name": "Ostrelle Vantis Society", "aliases": ["Ostrelle Vantis Guild"]},
    ])
    index = Index(list(glossary), TermLexicon([]))
    table = Acronyms(index)
    assert not set(table.parts) & set(table.whole)
    by_id = {e.id: i for i, e in enumerate(index.entities)}
    assert table.ids("MTA") == (by_id["acad"],)  # a whole name's, not the institute's part
    assert table.ids("QLI") == (by_id["inst"],)  # no whole name gives it: the part's (its parent is the rest)
    assert table.ids("DKL") == (by_id["lab"],)
    assert table.ids("QLIMTA") == (by_id["inst"],)


@pytest.mark.parametrize("query", ["CASE", "CASH"])
def test_a_derived_acronym_that_spells_a_common_english_word_is_a_candidate_only(query):
    # "Coastal Atmospheric Survey Establishment" gives CASE, as does any "case" in a sentence
    n = Normalizer(Glossary.from_records([
        {"id": "case", "name": "Coastal Atmospheric Survey Establishment"},
        {"id": "cash", "name": "Central Academy of Satellite Hydrology"},
        {"id": "cahs", "name": "Central Academy of Hydrology and Surveying"},
    ]))
    assert n.match(query) is None
    assert "English word" in n.explain(query)  # still the candidate it is
    # an acronym that is no word still answers
    assert n.match("CAHS").entity_id == "cahs"


def test_a_derived_acronym_a_known_body_goes_by_is_a_candidate_only():
    # "CASC" spelt by a survey company's name is, to any reader of the field, the aerospace
    # group's (a body of the shipped glossaries), even in a glossary without it
    n = Normalizer(Glossary.from_records([
        {"id": "survey", "name": "Chengdu Aerial Survey Company"},
        {"id": "mapping", "name": "Chengdu Aerial Mapping Company"},
    ]))
    assert n.match("CASC") is None
    assert "China Aerospace Science and Technology Corporation" in n.explain("CASC")
    assert n.match("CAMC").entity_id == "mapping"  # an acronym no known body goes by



@pytest.mark.parametrize(("record", "answers"), [
    ({"name": "China Astronautic Satellite Technology Corp"}, False),  # another body's acronym
    # its Chinese name
    ({"name": "China Astronautic Satellite Technology Corp", "zh": "中国航天科技集团有限公司"}, True),
    ({"name": "China Aerospace Science and Technology Corp Ltd"}, True),  # its name but for the form
])
def test_a_derived_acronym_of_the_known_body_itself_answers(record, answers):
    n = Normalizer(Glossary.from_records([{"id": "g", **record},
                                          {"id": "other", "name": "Chengdu Aerial Mapping Company"}]))
    m = n.match("CASTC")
    assert (m.entity_id if m else None) == ("g" if answers else None)


@pytest.mark.parametrize(("record", "answers"), [
    # a widely known body outside the glossaries goes by it (known_acronyms.yaml)
    ({"name": "Chengdu Satellite Systems Company"}, False),
    ({"name": "China State Shipbuilding Corp"}, True),  # the body itself, but for its form
])
def test_a_derived_acronym_a_widely_known_body_goes_by(record, answers):
    n = Normalizer(Glossary.from_records([{"id": "x", **record},
                                          {"id": "other", "name": "Chengdu Aerial Mapping Company"}]))
    m = n.match("CSSC")
    assert (m.entity_id if m else None) == ("x" if answers else None)
    if not answers:
        assert "China State Shipbuilding Corporation" in n.explain("CSSC")


@pytest.mark.parametrize(("record", "answers"), [
    # an organisation other bodies are named under goes by it (affiliations.yaml: the PLA Air Force)
    ({"name": "Pacific Lunar Astronomy Applications Foundation"}, False),
    ({"name": "PLA Aerospace Force"}, False),  # "PLA" spelt out, as a derived acronym reads it
    ({"name": "People's Liberation Army Air Force"}, True),  # the body itself
])
def test_a_derived_acronym_an_affiliation_goes_by(record, answers):
    n = Normalizer(Glossary.from_records([{"id": "x", **record},
                                          {"id": "other", "name": "Chengdu Aerial Mapping Company"}]))
    m = n.match("PLAAF")
    assert (m.entity_id if m else None) == ("x" if answers else None)
    if not answers:
        assert "PLA Air Force" in n.explain("PLAAF")
    # an acronym no known body goes by still answers
    assert n.match("CAMC").entity_id == "other"


@pytest.mark.parametrize(("record", "query"), [
    # a short acronym a known body goes by: given knowledge, not a guess from initials
    ({"name": "Chinese Academy of Social Sciences"}, "CASS"),
    ({"name": "Some Other Rendering", "zh": "中国工程物理研究院"}, "CAEP"),  # the body by its Chinese name
    # one the name does not spell at all (the shipped glossary gives it)
    ({"name": "Beihang University"}, "BUAA"),
])
def test_the_acronym_a_known_body_goes_by_answers_for_that_body(record, query):
    n = Normalizer(Glossary.from_records([{"id": "body", **record},
                                          {"id": "other", "name": "Chengdu Aerial Mapping Company"}]))
    m = n.match(query)
    assert m is not None and m.entity_id == "body"
    assert m.score == CAL.abbreviation_known
    assert "goes by" in n.explain(query)


@pytest.mark.parametrize(("name", "query"), [("Chinese Academy of Sciences", "CAS"),
                                             ("Beijing Institute of Technology", "BIT")])
def test_a_known_body_s_acronym_of_three_letters_is_a_candidate_only(name, query):
    # CAS, BIT, HIT, CSA name many bodies in the world: without the glossary's word, no answer
    n = Normalizer(Glossary.from_records([{"id": "body", "name": name},
                                          {"id": "other", "name": "Chengdu Aerial Mapping Company"}]))
    assert n.match(query) is None
    assert name in n.explain(query)


def test_the_acronym_of_a_known_body_needs_the_body_itself():
    # a unit of the body, or a look-alike, is not the body: its initials stay a candidate only
    n = Normalizer(Glossary.from_records([
        {"id": "unit", "name": "Chinese Academy of Social Sciences Institute of Law"},
        {"id": "lookalike", "name": "Chinese Academy of Space Sciences"},
    ]))
    assert n.match("CASS") is None


def test_the_acronym_of_a_known_body_another_entity_also_spells_abstains():
    # the glossary's own evidence disagrees: two entities fit, no answer
    n = Normalizer(Glossary.from_records([
        {"id": "body", "name": "Chinese Academy of Social Sciences"},
        {"id": "spells", "name": "Coastal Aerial Survey Systems"},
    ]))
    assert n.match("CASS") is None
    # a given acronym is the glossary's word and wins
    n = Normalizer(Glossary.from_records([
        {"id": "body", "name": "Chinese Academy of Social Sciences"},
        {"id": "given", "name": "Coastal Aerial Survey Station", "abbreviations": ["CASS"]},
    ]))
    assert n.match("CASS").entity_id == "given"


@pytest.mark.parametrize("query", ["the TQSA", "The TQSA", "THE TQSA"])
def test_an_acronym_cut_from_a_sentence_with_its_article_is_the_acronym(query):
    n = Normalizer(Glossary.from_records([
        {"id": "tqsa", "name": "Tianqiao Space Agency", "abbreviations": ["TQSA"]}]))
    assert n.match(query).entity_id == "tqsa"
    assert n.match("the Tqsa Way") is None  # not an acronym after the article


def test_an_acronym_with_a_company_form_is_the_acronym_held_to_the_form():
    n = Normalizer(Glossary.from_records([
        {"id": "grp", "name": "Tarsen Orbital Group Corporation", "zh": "天森轨道集团有限公司",
         "abbreviations": ["TOGC"]},
        {"id": "co", "name": "Tarsen Orbital Engineering Company Limited", "zh": "天森轨道工程股份有限公司",
         "abbreviations": ["TOEC"]},
        {"id": "uni", "name": "Tarsen Polytechnical University", "zh": "天森工业大学",
         "abbreviations": ["TPU"]},
    ]))
    assert n.match("TOGC Group").entity_id == "grp"
    assert n.match("TOEC Co., Ltd.").entity_id == "co"
    assert n.match("TOEC Group") is None  # the company is not the group its form says
    assert n.match("TPU Co., Ltd.") is None  # a university is no company
    assert n.match("TOGC Aerospace") is None  # a word that is no company form


def test_an_acronym_closing_a_name_stays_whole_in_the_name_s_acronym():
    # "X Centre, CAS" is XC-CAS: the initial of an acronym at a name's end is no acronym
    # anyone writes, so one letter more than the unit's own acronym is no derived key
    n = Normalizer(Glossary.from_records([
        {"id": "ctr", "name": "Northern Lidar Research Centre, CAS"},
        {"id": "inst", "name": "Institute of Glacial Optics of CAS"},
    ]))
    lex = n.index.lexicon
    assert "NLRCCAS" in derive_acronyms(lex, "Northern Lidar Research Centre, CAS")
    assert "NLRCC" not in derive_acronyms(lex, "Northern Lidar Research Centre, CAS")
    assert n.match("NLRCC") is None
    assert n.match("IGOC") is None
    assert n.match("IGOCAS").entity_id == "inst"
    assert n.match("NLRC").entity_id == "ctr"  # the unit's part, its parent after the comma


def test_an_acronym_leading_a_name_may_give_its_initial():
    # a group's acronym written before its company's name is one of the name's words
    n = Normalizer(Glossary.from_records([
        {"id": "co", "name": "CTSG Harbour & Dredging Engineering Company Limited"}]))
    assert "CHDEC" in derive_acronyms(n.index.lexicon, "CTSG Harbour & Dredging Engineering Company Limited")
    assert n.match("CHDEC").entity_id == "co"
    # in a name written all in capitals no word is told apart as an acronym
    assert "NLRCC" in derive_acronyms(n.index.lexicon, "NORTHERN LIDAR RESEARCH CENTRE, CAS")
