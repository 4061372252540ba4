"""aeronorm.text.asides: which asides only repeat a name."""

from __future__ import annotations

import pytest

from aeronorm.text.asides import is_redundant_aside, without_redundant_asides


@pytest.mark.parametrize(("aside", "redundant"), [
    ("(BUPT)", True),
    ('("Qinglan Tech")', True),
    ("（“青岚科技”）", True),
    ("(a.k.a. Qinglan Aerospace)", True),
    ("(Xi'an)", False),         # a place: a more specific entity
    ("(No. 2)", False),
    ("(Shenzhen) ", False),
])
def test_is_redundant_aside(aside, redundant):
    assert is_redundant_aside(aside) is redundant


def test_without_redundant_asides():
    plain = "Qinglan Technology Co., Ltd."
    assert without_redundant_asides(plain + ' ("Qinglan")') == plain
    assert without_redundant_asides("青岚科技有限公司（“青岚”）") == "青岚科技有限公司"
    assert without_redundant_asides("Qinglan (Hangzhou) Co.") == ""
    assert without_redundant_asides("Qinglan") == ""
    assert without_redundant_asides("(QL)") == ""  # nothing else: the text itself
