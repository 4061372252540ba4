"""aeronorm.text.zh.chinese_numeral: Chinese numerals read as numbers (model numbers, ordinals)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aeronorm.text.zh import chinese_numeral

_DIGITS = "〇一二三四五六七八九"


def _written(n: int) -> str:
    """A simple reference: ``n`` (1-9999) written with its units, as Chinese writes it."""
    out, zero = "", False
    for unit, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += ("" if (unit == 10 and d == 1 and not out) else _DIGITS[d]) + char
    return out


@given(st.integers(min_value=1, max_value=9999))
def test_a_number_written_with_its_units_reads_back(n):
    assert chinese_numeral(_written(n)) == n


@given(st.integers(min_value=0, max_value=9999))
def test_a_number_written_digit_by_digit_reads_back(n):
    assert chinese_numeral("".join(_DIGITS[int(d)] for d in str(n))) == n


@pytest.mark.parametrize(("text", "value"), [("十", 10), ("十二", 12), ("二十", 20), ("两百", 200),
                                             ("一百零一", 101), ("二〇二〇", 2020), ("零", 0)])
def test_examples(text, value):
    assert chinese_numeral(text) == value


@pytest.mark.parametrize("text", ["", "九天", "十十", "百千", "一二十", "5", "号", "第三"])
def test_anything_else_is_no_numeral(text):
    assert chinese_numeral(text) is None
