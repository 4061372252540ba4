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


def test_readings_lent_to_the_tables_read_later(index):
    """The pinyin the keys' build read serves the derived romanisations and the Chinese forms,
    which read the same names: the same tables as reading each word again, and the readings
    dropped once both are built."""
    from aeronorm.pipeline.aligned import ChineseForms
    from aeronorm.pipeline.base import Readings
    from aeronorm.pipeline.pinyin import RomanIndex
    from aeronorm.text.pinyin import to_pinyin

    lent = Readings()
    keys = PinyinKeys(index, lent.collecting())
    assert lent.of and all(to_pinyin(text) == read for text, read in lent.of.items())
    assert lent.of["航天"] == ("hang", "tian")
    roman, alone = RomanIndex(index, keys, lent.of), RomanIndex(index, keys)
    def table(t):
        return [(k, t.derived.get(k)) for k in t.derived]

    assert table(roman) == table(alone) and table(roman)
    assert roman.places == alone.places
    lent.done()
    assert lent.of and lent.collecting() is not None
    assert ChineseForms(index, lent.of).forms == ChineseForms(index).forms
    lent.done()
    assert lent.of == {} and lent.collecting() is None
