"""aeronorm.scan.keep: what a rewrite must keep."""

from __future__ import annotations

import pytest

from aeronorm.scan.keep import is_plural, keeps_meaning, names_a_part, plural_of


def places(s: str) -> set[str]:
    known = ("fujian", "hainan", "nanjing", "peking")
    return {w for w in s.casefold().replace(",", " ").split() if w in known}


@pytest.mark.parametrize(("text", "written", "new", "ok"), [
    ("the Chang'e-6 probe", "Chang'e-6", "Chang'e", False),  # a digit lost
    ("the Work Report", "Work Report", "2024 Work Report", False),  # a year added
    ("the City Bureau said", "City Bureau", "Nanjing City Bureau", False),  # a place invented
    ("on Hainan", "Hainan", "Fujian Province", False),  # another place
    ("the Director said", "Director", "Director (board member)", False),  # a note
    # the words the text has just written, doubled
    ('the "Sky Dream" Sky Exhibition', "Sky Exhibition", "'Sky Dream' Sky Exhibition", False),
    ("the Long March rockets", "Long March", "Long March rocket family", False),  # doubled after
    ("in Fujian today", "Fujian", "Fujian Province", True),
    ("the 19th Party Congress", "19th Party Congress", "19th National Congress of the CPC", True),
    ("CASIC said", "CASIC", "China Aerospace Science and Industry Corporation Limited", True),
    ("Secretary of CPC Fujian Committee", "Secretary of CPC Fujian Committee",
     "Secretary of the CPC Fujian Provincial Committee", True),
    # a head word the text writes before the name, or in an apposition after it
    ("the coastal province of Fujian hosts", "Fujian", "Fujian Province", False),
    ("Fujian, a coastal province, hosts", "Fujian", "Fujian Province", False),
    ("the governor of Fujian said", "Fujian", "Fujian Province", True),
    ("Fujian, its home, hosts", "Fujian", "Fujian Province", True),
    # the country the text has just named
    ("China's Orbix program flew", "Orbix program", "Chinese Orbix Exploration Program", False),
    ("the Orbix program flew", "Orbix program", "Chinese Orbix Exploration Program", True),
    # a name introduced as a name
    ("Orbix, formerly known as Starbit, grew", "Starbit", "Orbix", False),
    ("Orbix (formerly Starbit) grew", "Starbit", "Orbix", False),
    ("Orbix, full name Orbix Space Co., Ltd., grew", "Orbix Space Co., Ltd.", "Orbix", False),
    ("Orbix was known for Starbit", "Starbit", "Starbit Space", True),
])
def test_keeps_meaning(text, written, new, ok):
    start = text.index(written)
    assert keeps_meaning(text, start, written, new, places=places) is ok


@pytest.mark.parametrize(("name", "plural"), [
    ("Member of the Party Leadership Group", "Members of the Party Leadership Group"),
    ("Deputy General Manager", "Deputy General Managers"),
    ("smart city", "smart cities"),
    ("launch vehicle", "launch vehicles"),
    ("Vice Chairman", "Vice Chairmen"),
    ("Secretary-General", "Secretaries-General"),
    ("Academy of Sciences", "Academies of Sciences"),
])
def test_plural_of(name, plural):
    assert plural_of(name) == plural
    assert is_plural(plural) and not is_plural(name)


@pytest.mark.parametrize(("written", "name", "part"), [
    ("LWC", "Lake Water Commission and Lake Flood Office", True),
    ("Lake Flood Office", "Lake Water Commission and Lake Flood Office", True),
    ("lake water commission", "Lake Water Commission & Lake Flood Office", True),
    ("Lake Water Commission and Lake Flood Office", "Lake Water Commission and Lake Flood Office", False),
    ("ORSTC", "Orbix Rocket Science and Technology Corporation", False),
    ("ORS", "Orbix Rocket Science and Technology Corporation", True),  # the initials of one side only
    ("Orbix Rocket Corporation", "Orbix Rocket Corporation", False),
])
def test_names_a_part(written, name, part):
    assert names_a_part(written, name) is part
