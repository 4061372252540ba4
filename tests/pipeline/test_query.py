"""aeronorm.pipeline.query: a name prepared once for every stage. Invented names."""

from __future__ import annotations

import pytest

from aeronorm.pipeline.query import Query


@pytest.mark.parametrize(("raw", "core"), [
    ("Qiqihar Polytechnic, Qiqihar 161006, China", "Qiqihar Polytechnic, Qiqihar, China"),
    ("Qiqihar Polytechnic, 161006 Qiqihar, P.R. China", "Qiqihar Polytechnic, Qiqihar, P.R. China"),
    ("Qiqihar Polytechnic, Qiqihar 161006", "Qiqihar Polytechnic, Qiqihar"),
    ("Qiqihar Polytechnic (QOP), Qiqihar 161006, China", "Qiqihar Polytechnic, Qiqihar, China"),
])
def test_a_postal_code_after_the_name_is_left_out_of_its_core(raw, core):
    assert Query(raw).core == core


@pytest.mark.parametrize(("raw", "number"), [
    ("Qiqihar Polytechnic 161006", "161006"),  # no address part: a number the name carries
    ("Unit 161006, Qiqihar", "161006"),  # the name's own part keeps its number
    ("Qiqihar Polytechnic, Qiqihar 1610, China", "1610"),  # not a postal code
    ("Qiqihar Polytechnic, Building 1610061, China", "1610061"),
    ("Qiqihar Polytechnic, 264209, China", "264209"),  # a code alone: any city's, a campus there
    ("Qiqihar Polytechnic, 264209", "264209"),
])
def test_a_number_that_is_no_postal_code_of_an_address_stays(raw, number):
    q = Query(raw)
    assert all(number in form for form in q.forms)
