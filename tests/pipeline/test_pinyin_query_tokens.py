"""aeronorm.pipeline.pinyin: a query's tokens are read once for every stage.

The pinyin stage lowers the letters of a name (and takes tone numbers off) before reading it;
without tone numbers it reuses the tokens the earlier stages read from the name as written,
which holds because the lexicon folds letter case. Checked on invented names.
"""

from __future__ import annotations

import pytest

from aeronorm.pipeline.pinyin import _query_keys

NAMES = [
    "Xibei Gongye Daxue",
    "BEIJING Tianbing KEJI Youxian Gongsi",
    "Huojianpai (Huzhou) Hangtian Technology YG",
    "Qinglan Space Co., Ltd.",
    "Zhongguo Hangtian Kegong Jituan, Second Academy",
    "Shanghai HangTian Dianzi",
    "Beijing Institute of Strength and Environment",
]


@pytest.mark.parametrize("name", NAMES)
def test_the_lexicon_reads_a_name_alike_in_any_letter_case(small_index, name):
    lex = small_index.lexicon
    assert lex.tokens(name) == lex.tokens(name.lower()) == lex.tokens(name.upper())


@pytest.mark.parametrize("name", [*NAMES, "Zhong1guo2 Hang2tian1", "xi1 bei3 gong1 ye4 da4 xue2"])
def test_query_keys_do_not_depend_on_what_was_read_before(small_index, name):
    before = _query_keys(small_index, name)
    small_index.lexicon.tokens(name)  # the earlier stages' reading, remembered
    assert _query_keys(small_index, name) == before
    assert _query_keys(small_index, name.lower()) == _query_keys(small_index, name) or any(
        c.isdigit() for c in name)
