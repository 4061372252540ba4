"""A name that lists two parts joined by a word ("X and Y") is read part by part; where the left
part names nothing, the right one counts only if it names an organisation as written, and only
the stages that read a name as written are run on it. The answers must be those of running every
stage on both parts (the check built without that shortcut)."""

from __future__ import annotations

import random

import pytest

from aeronorm import Normalizer
from aeronorm.pipeline.asides import AsideCheck
from aeronorm.pipeline.query import Query
from aeronorm.pipeline.run import Pipeline

# left parts that name nothing (or a term), so that the right part is read as written only
_NOTHING = ("Technology", "Science", "Zorbix Quantal", "Aerospace", "Beijing Xyloph", "Research")


def _rights(normalizer: Normalizer) -> list[str]:
    """Names of the shipped glossary as written, in capitals, shortened, and acronyms the glossary
    does not give: every way a right part may or may not name an organisation as written."""
    rng = random.Random(5)
    out = ["CASC", "CAST", "QXZW", "ZZQX", "Technology, Singapore", "Mapping Remote Sensing", "X1"]
    for e in rng.sample(list(normalizer.glossary), 120):
        for name in (e.name, *e.aliases[:1], *e.abbreviations[:1]):
            out += [name, name.upper(), " ".join(name.split()[1:])]
    return [r for r in dict.fromkeys(out) if r.strip()]


@pytest.fixture(scope="module")
def checks(normalizer: Normalizer) -> tuple[AsideCheck, AsideCheck]:
    pipeline: Pipeline = normalizer.pipeline
    fast = pipeline.asides.get()
    assert fast.resolve_written is not None
    full = AsideCheck(fast.index, fast.exact, fast.ancestors, resolve=fast.resolve)
    return fast, full


def test_a_right_part_read_as_written_answers_as_every_stage_does(normalizer, checks):
    fast, full = checks
    entities = list(normalizer.glossary)
    listed = 0
    for k, right in enumerate(_rights(normalizer)):
        left = _NOTHING[k % len(_NOTHING)]
        for text in (f"{left} and {right}", f"{left} & {right}", f"{left.upper()} AND {right.upper()}"):
            query = Query(text)
            if not query.text:
                continue
            for entity in (entities[k % len(entities)], entities[(7 * k) % len(entities)]):
                got = fast.lists_another(query, entity)
                assert got == full.lists_another(query, entity), (text, entity.id)
                listed += bool(got)
    assert listed  # the parts that name another organisation as written are still found


def test_a_table_within_the_allowed_entities_is_their_intersection(normalizer):
    """A name with a company form is read among the companies the caller allows: the intersection
    is remembered per (table, frozen set of allowed entities), never served for another set."""
    pipeline: Pipeline = normalizer.pipeline
    table = pipeline.companies.get()
    names = normalizer.index.names()
    assert isinstance(names, frozenset)
    assert pipeline._within(table, None) is table
    assert pipeline._within(table, names) == table & names
    assert pipeline._within(table, names) is pipeline._within(table, names)  # made once
    for allowed in (frozenset(list(names)[::3]), set(list(names)[1::2]), frozenset(), [0, 1, 2]):
        assert pipeline._within(table, allowed) == table.intersection(allowed)
    for _ in range(20):  # many frozen sets in turn: the memo stays bounded and right
        allowed = frozenset(random.sample(sorted(names), 50))
        assert pipeline._within(table, allowed) == table & allowed
    assert len(pipeline._intersections) <= 8
