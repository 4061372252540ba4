"""aeronorm.pipeline.pinyin_keys: the pinyin of every Chinese name, shared by the person and
pinyin stages."""

from __future__ import annotations

from aeronorm.pipeline.entity_ids import ids_of
from aeronorm.pipeline.pinyin_keys import PinyinKeys, pinyin_variants


def test_pinyin_variants(index):
    assert pinyin_variants(index.lexicon, "西北工业大学") == {"xibeigongyedaxue"}
    variants = pinyin_variants(index.lexicon, "北京天兵科技有限公司")
    assert {"beijingtianbingkeji", "tianbingkeji"} <= variants
    assert all(len(v) >= 6 for v in variants)


def test_pinyin_keys_table(index):
    table = PinyinKeys(index)
    (i,) = table.get("xibeigongyedaxue")
    assert index.entities[i].id == "nwpu"
    assert table.get("not a key") == ()
    # the whole romanisation of a name, not its shortened keys
    assert ids_of(table.full, "xibeigongyedaxue") == (i,)


def test_pinyin_keys_of_one_entity_are_ints(index):
    """The memory layout: a key of one entity holds its position, a key of several a tuple."""
    table = PinyinKeys(index)
    held = list(table.keys.values())
    assert all(type(v) is int or (type(v) is tuple and len(v) > 1) for v in held)
    assert sum(type(v) is int for v in held) > len(held) / 2
