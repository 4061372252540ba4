"""aeronorm.scan.context: the acronyms a document defines for itself."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.scan.context import find_definitions


@pytest.mark.parametrize(("text", "acronym", "long_name"), [
    ("the Vega Rocket Works (VRW) said", "VRW", "Vega Rocket Works"),
    ("the Institute of Space Optics (ISO) said", "ISO", "Institute of Space Optics"),
    ("the ASEAN-China Centre (ACC) opened", "ACC", "ASEAN-China Centre"),
    ("the Asia-Pacific Space Co-operation Organisation (APSCO) met", "APSCO",
     "Asia-Pacific Space Co-operation Organisation"),
    ("Vega Rocket Works (Xi'an) (VRWX) said", "VRWX", "Vega Rocket Works (Xi'an)"),  # a closed bracket
])
def test_a_long_name_whose_initials_spell_the_acronym(text, acronym, long_name):
    (d,) = find_definitions(text)
    assert (d.acronym, text[d.start : d.end], text[d.open : d.close]) == (acronym, long_name, f"({acronym})")


@pytest.mark.parametrize("text", [
    "the rocket (Long March) flew",  # no acronym
    "the rocket (LM) flew",  # initials do not spell it
    "It flew. (VRW) said so",  # a sentence ends before it
    "(VRW)",
    "",
    "the Vega Rocket Works((( (VRW)",  # something else than the name stands before the brackets
    "the Vega Rocket Works, (VRW)",
])
def test_no_definition(text):
    assert find_definitions(text) == []


def test_the_first_definition_holds():
    text = "Vega Rocket Works (VRW) and Violet Radio Wave (VRW)"
    assert [text[d.start : d.end] for d in find_definitions(text)] == ["Vega Rocket Works"]


@pytest.fixture(scope="module")
def n() -> Normalizer:
    return Normalizer(Glossary.from_records([
        {"id": "vrw", "name": "Vega Rocket Works", "abbreviations": ["VRW"]},
        {"id": "vra", "name": "Vega Radio Array", "abbreviations": ["VRA"]},
        {"id": "vra2", "name": "Violet Rocket Association", "abbreviations": ["VRA"]},
    ]))


def test_the_texts_acronym_wins(n):
    assert n.find("The Violet Rocket Weavers (VRW) opened. VRW hired.") == []


def test_a_long_name_settles_an_ambiguous_acronym(n):
    text = "The Vega Radio Array (VRA) listened; VRA heard it."
    assert [(m.text, m.entity_id) for m in n.find(text)] == [
        ("Vega Radio Array", "vra"), ("VRA", "vra"), ("VRA", "vra")]
    assert n.find("VRA heard it.") == []  # without the definition, VRA is ambiguous


def test_a_long_name_spelled_otherwise_is_a_mention(n):
    text = "The Vega Rocket Workz (VRW) built it; VRW said so."
    got = [(m.text, m.entity_id, m.match.method) for m in n.find(text)]
    assert got[0] == ("Vega Rocket Workz", "vrw", "abbreviation")
    assert [e for _, e, _ in got] == ["vrw", "vrw", "vrw"]


def test_type_filter_applies(n):
    assert n.find("The Vega Radio Array (VRA) listened; VRA heard it.", type="person") == []


ORBIX = [{"id": "oasc", "name": "Orbix Aerospace Science Corporation", "abbreviations": ["OASC"]},
         {"id": "osi", "name": "Orbix Space Institute", "parent": "oasc"}]


def test_an_older_name_the_acronym_kept_defines_it_for_the_text():
    # "Orbix Aerospace Corporation (OASC)": its initials one letter short of the acronym, the
    # name the acronym stood for before; in this text OASC is that body, not the glossary's
    n = Normalizer(Glossary.from_records(ORBIX))
    text = "In 1993 the Orbix Aerospace Corporation (OASC) was formed. In 1998, OASC was split in two."
    assert n.find(text) == []
    assert str(n.normalize_text(text)) == text
    (d,) = find_definitions(text)
    assert d.loose and text[d.start : d.end] == "Orbix Aerospace Corporation"


@pytest.mark.parametrize("text", [
    "The Qinghe Rocket Engine Factory (OASC) built it. OASC said so.",  # an owner's note after a unit
    "The Orbix Space Institute (OASC) built it. OASC said so.",  # a unit, its parent in brackets
])
def test_an_owners_acronym_after_a_units_name_is_still_the_owner(text):
    n = Normalizer(Glossary.from_records(ORBIX))
    assert "oasc" in [m.entity_id for m in n.find(text)[-1:]]
