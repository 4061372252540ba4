"""aeronorm.pipeline.entity_ids: key -> entities tables, one int for a key of one entity."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aeronorm.pipeline.entity_ids import KeyTable, add_id, add_ids, ids_of, seal


def test_one_entity_is_an_int_several_a_sorted_tuple():
    table: dict = {}
    for key, i in [("a", 3), ("b", 7), ("a", 3), ("b", 2), ("b", 9), ("b", 5), ("b", 7)]:
        add_id(table, key, i)
    seal(table)
    assert table == {"a": 3, "b": (2, 5, 7, 9)}
    assert ids_of(table, "a") == (3,)
    assert ids_of(table, "b") == (2, 5, 7, 9)
    assert ids_of(table, "c") == ()


def test_position_zero_is_an_entity():
    table: dict = {}
    add_id(table, "k", 0)
    assert ids_of(seal(table), "k") == (0,)


def test_a_sealed_table_is_not_added_to():
    table: dict = {}
    add_id(table, "k", 1)
    add_id(table, "k", 2)
    seal(table)
    with pytest.raises(TypeError):
        add_id(table, "k", 3)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sets(st.sampled_from("abcdefgh"), max_size=5), st.integers(0, 6)), max_size=12))
def test_add_ids_is_add_id_of_each_key(steps):
    one_by_one: dict = {}
    at_once: dict = {}
    for keys, i in steps:
        for key in keys:
            add_id(one_by_one, key, i)
        add_ids(at_once, keys, i)
    assert seal(at_once) == seal(one_by_one)
    assert all(type(v) is type(one_by_one[k]) for k, v in at_once.items())


# -- KeyTable: the same table in one string ---------------------------------------------------------
_keys = st.text(alphabet="abgnuxiz\u00fc", min_size=0, max_size=9)
_held = st.one_of(st.integers(0, 10**6), st.tuples(st.integers(0, 9), st.integers(10, 99)))


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_keys, _held), st.lists(_keys, max_size=30))
def test_key_table_reads_as_its_dict(table, others):
    kt = KeyTable(table)
    assert len(kt) == len(table)
    assert list(kt) == sorted(table)
    for key in [*table, *others]:
        assert kt.get(key) == table.get(key)
        assert ids_of(kt, key) == ids_of(table, key)
        assert (key in kt) == (key in table)


def test_key_table_keys_that_are_prefixes_of_each_other():
    kt = KeyTable({"xi": 1, "xian": 2, "xiang": (3, 4), "": 5})
    asked = ("", "x", "xi", "xia", "xian", "xiang", "xiangg")
    assert [kt.get(k) for k in asked] == [5, None, 1, None, 2, (3, 4), None]


def test_key_table_survives_a_saved_index_round_trip(tmp_path):
    from aeronorm import Glossary, Normalizer

    n = Normalizer(Glossary.from_records([
        {"id": "a", "name": "Xibei Gongye Daxue", "zh": "西北工业大学"},
        {"id": "b", "name": "Nanjing Xinxi Gongcheng Daxue", "zh": "南京信息工程大学"},
    ]), warm=True)
    path = tmp_path / "t.aeronorm-index"
    n.save(path)
    m = Normalizer.load(path)
    before = n.pipeline.stages["pinyin"].roman.get().derived
    after = m.pipeline.stages["pinyin"].roman.get().derived
    assert isinstance(after, KeyTable) and len(before) > 0
    assert list(after) == list(before) and all(after.get(k) == before.get(k) for k in before)


def test_key_table_of_many_blocks():
    # keys that share long prefixes across blocks of 16, looked up present and absent, before the
    # first key, between blocks and after the last; Latin and non-Latin keys alike
    import random

    rng = random.Random(7)
    syllables = ["xi", "xian", "bei", "gong", "da", "lü", "nü", "航天"]
    keys = ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 6))) for _ in range(2000)]
    table = {key: rng.choice([rng.randint(0, 2**31 - 1), (1, 2)]) for key in keys}
    kt = KeyTable(table)
    assert list(kt) == sorted(table) and len(kt) == len(table)
    assert kt.values() == tuple(table[k] for k in sorted(table))
    for key in [*table, "", "a", "zzzz", *(k + "a" for k in table), *(k[:-1] for k in table)]:
        assert kt.get(key, "absent") == table.get(key, "absent")
