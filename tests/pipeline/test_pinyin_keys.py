"""aeronorm.pipeline.pinyin_keys: the pinyin of every Chinese name, shared by the person and
pinyin stages."""

from __future__ import annotations

from aeronorm.pipeline.pinyin_keys import PinyinKeys, pinyin_variants


def test_pinyin_variants(index):
    assert pinyin_variants(index.lexicon, "西北工业大学") == {"xibeigongyedaxue"}
    variants = pinyin_variants(index.lexicon, "北京天兵科技有限公司")
    assert {"beijingtianbingkeji", "tianbingkeji"} <= variants
    assert all(len(v) >= 6 for v in variants)


def test_pinyin_keys_table(index):
    (i,) = PinyinKeys(index).keys["xibeigongyedaxue"]
    assert index.entities[i].id == "nwpu"
