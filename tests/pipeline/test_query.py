"""aeronorm.pipeline.query: a name prepared once for every stage. Invented names."""

from __future__ import annotations

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.pipeline.query import Query


@pytest.mark.parametrize(("raw", "core"), [
    ("Qiqihar Orbital Polytechnic, Qiqihar 161006, China", "Qiqihar Orbital Polytechnic, Qiqihar, China"),
    ("Qiqihar Orbital Polytechnic, 161006 Qiqihar, P.R. China", "Qiqihar Orbital Polytechnic, Qiqihar, P.R. China"),
    ("Qiqihar Orbital Polytechnic, Qiqihar 161006", "Qiqihar Orbital Polytechnic, Qiqihar"),
    ("Qiqihar Orbital Polytechnic, 161006", "Qiqihar Orbital Polytechnic"),
    ("Qiqihar Orbital Polytechnic (QOP), Qiqihar 161006, China", "Qiqihar Orbital Polytechnic, Qiqihar, China"),
])
def test_a_postal_code_after_the_name_is_left_out_of_its_core(raw, core):
    assert Query(raw).core == core


@pytest.mark.parametrize(("raw", "number"), [
    ("Qiqihar Orbital Polytechnic 161006", "161006"),  # no address part: a number the name carries
    ("Unit 161006, Qiqihar", "161006"),  # the name's own part keeps its number
    ("Qiqihar Orbital Polytechnic, Qiqihar 1610, China", "1610"),  # not a postal code
    ("Qiqihar Orbital Polytechnic, Building 1610061, China", "1610061"),
])
def test_a_number_that_is_no_postal_code_of_an_address_stays(raw, number):
    q = Query(raw)
    assert all(number in form for form in q.forms)


def test_an_affiliation_with_its_postal_address_is_the_body():
    n = Normalizer(Glossary.from_records([
        {"id": "lpu", "name": "Qiqihar Orbital Polytechnic", "zh": "齐齐哈尔轨道工业学院"},
        {"id": "unit", "name": "Unit 161006"}]))
    assert n.match("Qiqihar Orbital Polytechnic, Qiqihar 161006, China").entity_id == "lpu"
    assert n.match("Qiqihar Orbital Polytechnic, 161006 Qiqihar, PR China").entity_id == "lpu"
    assert n.match("Qiqihar Orbital Polytechnic 161006") is None  # a number more: another body
    # a unit of the body is still no answer with its address
    assert n.match("School of Optics, Qiqihar Orbital Polytechnic, Qiqihar 161006, China") is None


def test_an_affiliation_abbreviated_as_paper_indexes_write_it_is_the_body():
    n = Normalizer(Glossary.from_records([
        {"id": "qoe", "name": "Qiqihar Orbital Engineering University", "zh": "齐齐哈尔轨道工程大学"},
        {"id": "qap", "name": "Qiqihar Academy of Aerospace Propulsion Technology"}]))
    assert n.match("Qiqihar Orbital Engn Univ, Qiqihar 161006, P. R. China").entity_id == "qoe"
    assert n.match("Qiqihar Acad Aerosp Propuls Technol").entity_id == "qap"
    assert n.match("Qiqihar Orbital Engn Univ, Sch Astronaut") is None  # its school
