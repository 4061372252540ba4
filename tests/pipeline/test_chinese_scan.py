"""aeronorm.pipeline.chinese, running text: what the scan skips never changes what it finds.

A stretch holding a Han character that no Chinese key holds (nor any word the keys leave out) is
no name, so the scan neither computes its keys nor tries longer stretches through it; repeated
stretches are remembered. Both are checked here against the scan with the test switched off.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aeronorm.pipeline.chinese import ChineseIndex


class _Everything(frozenset):
    """A character set that holds every character: the pruning switched off."""

    def issuperset(self, other) -> bool:
        return True


_PIECES = [
    "中国航天基金会", "西北工业大学", "西工大", "航天科工", "中国航天科工集团有限公司", "中國航天科工集團",
    "北京天兵科技有限公司", "北京强度环境研究所", "张克俭", "CASIC", "CSF", "NWPU", "二院", "有限公司",
    "在", "了", "的", "2020年", "和", "与", "说", "据报道", "，", "。", "Space", "航天", "foo", "中", " ",
]


@pytest.fixture(scope="module")
def indexes(small_index):
    """The Chinese tables twice: as built, and with the pruning switched off."""
    reference = ChineseIndex(small_index)
    reference.name_chars = _Everything()
    return ChineseIndex(small_index), reference


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_scan_finds_what_the_unpruned_scan_finds(indexes, pieces):
    text = "".join(pieces)
    pruned, reference = indexes
    assert pruned.scan(text) == reference.scan(text)
    assert pruned.scan(text) == reference.scan(text)  # and again, from the memo
    for span in (text[:8], text[3:15], text):
        assert pruned.lookup(span, None) == reference.lookup(span, None)


def test_a_character_no_name_holds_ends_the_stretch(small_index):
    ci = ChineseIndex(small_index)
    assert "西" in ci.name_chars and "说" not in ci.name_chars
    assert ci.lookup("西北工业大学说", None) is None
    hits = ci.scan("据报道，西北工业大学说了。")
    assert [(s, e) for s, e, _ in hits] == [(4, 10)]
