"""aeronorm.pipeline.entity_ids: key -> entities tables, one int for a key of one entity."""

import pytest

from aeronorm.pipeline.entity_ids import add_id, ids_of, seal


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
