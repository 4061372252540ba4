"""The "parent name" evidence: a name written with its parent's name joins the bare name, read
the same whatever the order of the column, and never a unit to its parent body.

A unit named head first, the English way ("Institute of Optical Imaging"), ends where its
parent's name begins: "Institute of Optical Imaging Kestrel Academy of Sciences" is the
institute of the academy (its comma dropped), not an academy qualified by an institute, so it
does not join "Kestrel Academy of Sciences" for sharing the parent's words.

Every name here is invented; none comes from the dev set.
"""

from __future__ import annotations

import random

import pytest

from aeronorm.clustering import cluster

ACADEMY = "Kestrel Academy of Sciences"
INSTITUTE = "Institute of Optical Imaging"
UNIVERSITY = "Qinghe University"
SCHOOL = "School of Astronautics"


def groups(values, **options) -> list[set[str]]:
    return [set(c.values) for c in cluster(values, **options)]


def together(result: list[set[str]], *values: str) -> bool:
    return any(set(values) <= g for g in result)


def evidence_of(values: list[str], value: str):
    return next(m.evidence for c in cluster(values) for m in c.members if m.value == value)


@pytest.mark.parametrize(("unit", "parent"), [(INSTITUTE, ACADEMY), (SCHOOL, UNIVERSITY)])
def test_a_unit_named_head_first_then_its_parent_does_not_join_the_parent(unit, parent):
    long = f"{unit} {parent}"
    for values in ([long, parent], [long, parent, unit]):
        result = groups(values)
        assert not together(result, long, parent), values


@pytest.mark.parametrize(("unit", "parent"), [(INSTITUTE, ACADEMY), (SCHOOL, UNIVERSITY)])
def test_the_unit_then_its_parent_joins_neither_without_a_comma(unit, parent):
    # "Unit Parent" without the comma is read neither way: abstaining is no wrong answer
    assert len(groups([f"{unit} {parent}", parent, unit])) == 3


def test_the_same_unit_after_its_parent_joins_the_bare_unit():
    long = f"{ACADEMY} {INSTITUTE}"  # "Parent Unit": the parent's name before the unit's
    result = groups([long, ACADEMY, INSTITUTE])
    assert together(result, long, INSTITUTE)
    assert not together(result, long, ACADEMY)
    assert evidence_of([long, ACADEMY, INSTITUTE], long).kind == "parent name"


def test_the_same_unit_with_a_comma_before_its_parent_joins_the_bare_unit():
    long = f"{INSTITUTE}, {ACADEMY}"
    result = groups([long, ACADEMY, INSTITUTE])
    assert together(result, long, INSTITUTE)
    assert not together(result, long, ACADEMY)


def test_a_head_last_parent_before_a_numbered_unit_still_qualifies_it():
    long = "Kestrel Valley Space Research Institute 513 Optics Laboratory"
    result = groups([long, "513 Optics Laboratory", "Kestrel Valley Space Research Institute"])
    assert together(result, long, "513 Optics Laboratory")
    assert not together(result, long, "Kestrel Valley Space Research Institute")


# A column where the long name has more telling neighbours than the bare one: the bare name
# finds the long one among its candidates, the long one does not find it.
ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
            "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth",
            "Seventeenth", "Eighteenth"]
CROWDED_LONG = "Kestrel Valley Space Research Institute 513 Optics Laboratory"
CROWDED = ["513 Optics Laboratory", "Kestrel Valley Space Research Institute",
           *(f"Kestrel Valley Space Research Institute {w} Laboratory" for w in ORDINALS)]


@pytest.mark.parametrize("rows", [1, 3])
def test_the_parent_name_join_does_not_depend_on_which_name_has_more_rows(rows):
    # the pair is compared when either name finds the other: the evidence is the same whichever
    # of the two comes first among the items (more rows, or first in the column)
    result = groups([CROWDED_LONG] * rows + CROWDED)
    assert together(result, CROWDED_LONG, "513 Optics Laboratory")


@pytest.mark.parametrize("seed", range(3))
def test_the_parent_name_joins_are_the_same_in_any_order(seed):
    values = [CROWDED_LONG, *CROWDED, f"{INSTITUTE} {ACADEMY}", ACADEMY, INSTITUTE,
              f"{ACADEMY} {INSTITUTE}", f"{SCHOOL} {UNIVERSITY}", UNIVERSITY]
    expected = sorted(map(sorted, groups(values)))
    shuffled = values[:]
    random.Random(seed).shuffle(shuffled)
    assert sorted(map(sorted, groups(shuffled))) == expected
