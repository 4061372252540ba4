"""aeronorm.batch: each distinct value once, missing values through, answers in the values' order."""

from __future__ import annotations

import gc
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aeronorm.batch import canonical_values, distinct_values, resolve_distinct
from aeronorm.errors import NoMatchError
from aeronorm.results import Match

_values = st.lists(st.one_of(st.sampled_from(["CASIC", "NWPU", "casic", "", "  ", "\t", "Moon Bakery"]),
                             st.text(max_size=4)), max_size=30)


def _reference(values):
    """The plain loop: first-seen distinct non-blank strings and each value's position."""
    distinct, codes = [], []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)) or not v.strip():
            codes.append(-1)
            continue
        if v not in distinct:
            distinct.append(v)
        codes.append(distinct.index(v))
    return distinct, codes


@settings(max_examples=300, deadline=None)
@given(_values, st.booleans())
def test_distinct_values_of_strings_and_of_mixed_values(values, with_missing):
    if with_missing:
        values = [*values, None, float("nan")]
    assert distinct_values(values) == _reference(values)
    assert distinct_values(tuple(values)) == _reference(values)
    assert distinct_values(iter(values)) == _reference(values)


def _match(name: str) -> Match:
    return Match(name, name.lower(), name.upper(), "org", 1.0, "exact")


@settings(max_examples=300, deadline=None)
@given(_values, st.booleans())
def test_resolve_and_canonical_values_follow_the_values(values, with_missing):
    if with_missing:
        values = [None, *values]
    seen: list[list[str]] = []

    def resolve(names):
        seen.append(list(names))
        return [_match(n) if n[:1].isupper() else None for n in names]

    def known(names):  # the exact path knows the names in capitals
        return [n.upper() if n.isupper() else None for n in names]

    distinct, codes = _reference(values)
    out = resolve_distinct(values, resolve)
    assert out == [None if c < 0 else resolve([distinct[c]])[0] for c in codes]
    seen.clear()
    got = canonical_values(values, known=known, resolve=resolve)
    assert got == [v if c < 0 else (distinct[c].upper() if distinct[c][:1].isupper() else distinct[c])
                   for v, c in zip(values, codes, strict=True)]
    # the exact path's answers are not asked again; nothing is asked twice
    asked = [n for batch in seen for n in batch]
    assert sorted(asked) == sorted(d for d in distinct if not d.isupper())


def test_canonical_values_of_unknown_names():
    def resolve(names):
        return [None] * len(names)

    def known(names):
        return [None] * len(names)

    out = canonical_values(["x", None, " "], known=known, resolve=resolve, on_unknown="none")
    assert out == [None, None, " "]
    with pytest.raises(NoMatchError):
        canonical_values(["x"], known=known, resolve=resolve, on_unknown="raise")
    with pytest.raises(TypeError):
        canonical_values("abc", known=known, resolve=resolve)
    with pytest.raises(TypeError):
        canonical_values(["a", 3], known=known, resolve=resolve)


def test_distinct_values_are_resolved_in_chunks_with_the_collector_paused():
    seen: list[tuple[int, bool]] = []

    def resolve(part: list[str]) -> list[str]:
        seen.append((len(part), gc.isenabled()))
        return [p.upper() for p in part]

    values = [f"v{i % 4500}" for i in range(9000)]
    assert gc.isenabled()
    out = resolve_distinct(values, resolve, chunk=2000)
    assert out == [v.upper() for v in values]
    assert [n for n, _ in seen] == [2000, 2000, 500] and not any(on for _, on in seen)
    assert gc.isenabled()  # as it was once the batch is over


def test_canonical_values_pass_blank_strings_through_as_they_are():
    # blank strings are looked for among the names known leaves; each comes back as the very value
    blank1, blank2 = "  ", bytearray(b"  ").decode()  # equal, not the same object
    assert blank1 is not blank2
    values = ["A", blank1, "b", blank2, "\t", None, "A"]
    out = canonical_values(values, known=lambda ns: [n if n.isupper() else None for n in ns],
                           resolve=lambda ns: [None] * len(ns), on_unknown="none")
    assert out == ["A", "  ", None, "  ", "\t", None, "A"]
    assert out[1] is blank1 and out[3] is blank2 and out[4] is values[4]
    distinct = ["A", " ", "\t"]  # every value distinct: no codes
    assert canonical_values(distinct, known=lambda ns: [n if n.isupper() else None for n in ns],
                            resolve=lambda ns: [None] * len(ns), on_unknown="none") == ["A", " ", "\t"]
