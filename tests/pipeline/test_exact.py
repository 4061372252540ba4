"""Stage 1, aeronorm.pipeline.exact: folded keys of every written form."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aeronorm.errors import NoMatchError
from aeronorm.pipeline.query import Query

from .stages import run_stage


@pytest.mark.parametrize(
    ("raw", "entity_id", "label"),
    [
        ("China Space Foundation", "csf", "name"),
        ("CHINA  space-foundation", "csf", "name"),
        ("\u201cChina Aerospace Foundation\u201d", "csf", "alias"),
        ("CSF", "csf", "abbreviation"),
        ("csf", "csf", "abbreviation"),
        ("西北工业大学", "nwpu", "zh"),
        ("西工大", "nwpu", "zh_alias"),
        ("China Space Foundation (CSF)", "csf", "name"),  # the core, once the aside is off
        ("ZHANG Kejian", "zkj", "name"),
    ],
)
def test_exact_hits(small_index, pos, raw, entity_id, label):
    out = run_stage("exact", small_index, Query(raw))
    assert out is not None
    assert out.entity.id == entity_id
    assert (out.score, out.method) == (1.0, "exact")
    assert out.evidence and out.evidence[0].startswith(label + " ")


@pytest.mark.parametrize("raw", ["China Astronautics Foundation", "Space Foundation", "NWP", "中国航天基金"])
def test_exact_misses(small_index, raw):
    assert run_stage("exact", small_index, Query(raw)) is None


def test_shared_key_abstains_and_names_every_owner(small_index, pos):
    out = run_stage("exact", small_index, Query("Party Secretary"))
    assert out is not None and out.entity is None and out.score == 0.0
    assert {e.id for e, _ in out.candidates} == {"sec-a", "sec-b"}
    assert "2 entities" in out.evidence[0]


def test_type_filter_narrows_a_shared_key(small_index, pos):
    only_a = {pos("sec-a")}
    out = run_stage("exact", small_index, Query("Party Secretary"), only_a)
    assert out is not None and out.entity.id == "sec-a"
    assert run_stage("exact", small_index, Query("CSF"), {pos("nwpu")}) is None


# ---------------------------------------------------------------- the batch path before the pipeline
# ExactStage.written_many answers a batch with one probe per name (written as in the glossary, else
# its folded key); ExactStage.written is the simple one-name path it must agree with.

def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in s)


# Ways of writing a name that fold away (case, width, quotes, spaces, punctuation), and ways that
# do not (a letter dropped, a word added), so that hits and misses are both exercised.
_VARIANTS = [str.upper, str.lower, str.title, _fullwidth,
             lambda s: s.replace(" ", "  "), lambda s: s.replace(" ", "-"), lambda s: f"\u201c{s}\u201d",
             lambda s: s.replace("'", "\u2019") + ".", lambda s: f" {s},", lambda s: s[1:],
             lambda s: s + " Co", lambda s: s.replace("a", "\u00e1")]


def _name(data, forms: list[str]) -> str:
    base = data.draw(st.sampled_from([*forms, "Zzyzx Orbital", "No. 5 Institute", "", "  "]))
    for f in data.draw(st.lists(st.sampled_from(_VARIANTS), max_size=3)):
        base = f(base)
    return base


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), type_=st.sampled_from([None, "org", "title", "person"]))
def test_written_many_agrees_with_written(small, data, type_):
    forms = [text for e in small.glossary for _, text in e.forms()]
    names = [_name(data, forms) for _ in range(data.draw(st.integers(0, 15)))]
    exact = small.pipeline.stages["exact"]
    expected = [exact.written(n, type_) for n in names]
    assert exact.written_many(names, type_) == expected
    assert exact.canonical_many(names, type_) == [m.canonical if m else None for m in expected]


@pytest.mark.parametrize(
    "variant",
    ["CHINA SPACE FOUNDATION", "china space foundation.", "China  Space-Foundation",
     "\uff23\uff48\uff49\uff4e\uff41\u3000\uff33\uff50\uff41\uff43\uff45\u3000\uff26\uff4f\uff55\uff4e\uff44\uff41\uff54\uff49\uff4f\uff4e",
     "\u201cChina Space Foundation\u201d"],
)
def test_any_case_width_quote_or_punctuation_variant_is_one_probe(small, variant):
    exact = small.pipeline.stages["exact"]
    (m,) = exact.written_many([variant])
    assert m is not None and (m.entity_id, m.method, m.query) == ("csf", "exact", variant)
    assert m.evidence == (f"name {variant!r}",)
    assert exact.canonical_many([variant]) == ["China Space Foundation"]


def test_the_batch_path_leaves_shared_keys_types_and_long_names_to_the_pipeline(small):
    exact = small.pipeline.stages["exact"]
    # two owners: the pipeline abstains, naming both; a title asked for as an org: not this one
    assert exact.written_many(["PARTY SECRETARY", "Party Secretary"]) == [None, None]
    assert exact.written_many(["China Space Foundation"], "person") == [None]
    assert exact.written_many(["Zhang Kejian", "ZHANG KEJIAN"], "person")[1].entity_id == "zkj"
    assert exact.written_many(["China Space Foundation" + " " * 2000]) == [None]
    assert exact.canonical_many([]) == [] and exact.written_many([]) == []


def test_the_batch_path_knows_every_key_of_the_index():
    # The index keys more than the written forms (a name without its redundant aside): the batch
    # path answers those keys as the one-name path does.
    from aeronorm import Glossary, Normalizer

    n = Normalizer(Glossary.from_records([
        {"id": "bupt", "name": "Beijing University of Posts and Telecommunications (BUPT)"},
        {"id": "x625", "name": "Institute 625 (\u201cSix Two Five\u201d)"}]))
    exact = n.pipeline.stages["exact"]
    names = ["BEIJING UNIVERSITY OF POSTS AND TELECOMMUNICATIONS", "institute 625", "Institute  625."]
    expected = [exact.written(name) for name in names]
    assert [m.entity_id for m in expected] == ["bupt", "x625", "x625"]
    assert exact.written_many(names) == expected


# Names the batch map, the digits pass and fold's Unicode steps each key: digits, accents, a
# no-break space, controls, a lone surrogate, backticks, full-width digits, Han characters.
_MORE = [
    {"id": "i502", "name": "Institute 502", "aliases": ["No. 5 Academy of CASC"]},
    {"id": "xsc", "name": "Xi'an Satellite Control Center", "aliases": ["Xi`an Satellite Centre"]},
    {"id": "lsw", "name": "L\u00fc Space Works", "aliases": ["Caf\u00e9 Orbital 2"]},
    {"id": "hq", "name": "Beijing Space Headquarters", "zh": "北京航天总部"},
    {"id": "t5", "name": "Long March 5", "type": "program"},
]
_MORE_VARIANTS = [
    *_VARIANTS, lambda s: s + " 5", lambda s: s.replace(" ", "\u00a0"), lambda s: s.replace(" ", "\x01"),
    lambda s: s + "\ud800", lambda s: s.replace("'", "`"), lambda s: s.replace("5", "\uff15"),
    lambda s: s.replace("u", "\u01d6"), lambda s: "航" + s, lambda s: s.replace("a", "\u0430"),
    lambda s: s.replace(" ", "\t"), lambda s: s + "?", lambda s: s.replace("e", "e\u0301"),
]


@pytest.fixture(scope="module")
def more():
    from aeronorm import Glossary, Normalizer

    return Normalizer(Glossary.from_records(_MORE))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), type_=st.sampled_from([None, "org", "program"]))
def test_written_many_agrees_with_written_on_digits_accents_and_controls(more, data, type_):
    forms = [text for e in more.glossary for _, text in e.forms()]
    names = []
    for _ in range(data.draw(st.integers(0, 15))):
        base = data.draw(st.sampled_from([*forms, "Institute 503", "", " "]))
        for f in data.draw(st.lists(st.sampled_from(_MORE_VARIANTS), max_size=3)):
            base = f(base)
        names.append(base)
    exact = more.pipeline.stages["exact"]
    expected = [exact.written(n, type_) for n in names]
    assert exact.written_many(names, type_) == expected
    assert exact.canonical_many(names, type_) == [m.canonical if m else None for m in expected]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_normalize_many_is_normalize_of_each_value(more, data):
    # the batch path (exact probes, then the pipeline for the rest) against one name at a time;
    # missing values (None, NaN, blank strings) pass through unchanged
    forms = [text for e in more.glossary for _, text in e.forms()]
    values = []
    for _ in range(data.draw(st.integers(0, 10))):
        if data.draw(st.booleans()):
            values.append(data.draw(st.sampled_from([None, float("nan"), "", "  ", "\u3000"])))
            continue
        base = data.draw(st.sampled_from(forms))
        for f in data.draw(st.lists(st.sampled_from(_MORE_VARIANTS), max_size=2)):
            base = f(base)
        values.append(base)
    got = more.normalize_many(values, on_unknown="none")
    for v, g in zip(values, got, strict=True):
        if v is None or isinstance(v, float) or not v.strip():
            assert g is v
        else:
            assert g == more.normalize(v, on_unknown="none")


@pytest.mark.parametrize(
    ("variant", "entity_id"),
    [("INSTITUTE 502.", "i502"), ("Institute\u00a0\uff15\uff10\uff12", "i502"),
     ("no 5 academy of casc", "i502"), ("XI`AN SATELLITE CONTROL CENTER", "xsc"),
     ("Xi\u2019an Satellite\x01Centre", "xsc"),
     ("LU SPACE WORKS", "lsw"), ("L\u01d6 Space Works", "lsw"), ("CAFE\u0301 ORBITAL 2", "lsw"),
     ("Beijing Space Headquarters?", "hq"), ("\u201cLONG MARCH 5\u201d", "t5")],
)
def test_variants_of_every_pass_are_one_probe(more, variant, entity_id):
    exact = more.pipeline.stages["exact"]
    one = exact.written(variant)
    assert one is not None and one.entity_id == entity_id
    # alone, and in a batch with names of the other passes
    assert exact.written_many([variant]) == [one]
    batch = ["Hainan", variant, "\uff21\uff22", "航天", "X 9"]
    assert exact.written_many(batch)[1] == one
    assert exact.canonical_many(batch)[1] == one.canonical


def test_a_batch_of_variants_is_folded_whole_and_long_names_left_to_the_pipeline():
    # canonical_many folds a batch whose first names are no written forms without probing the
    # written forms first: it must answer as written_many does, long names included. That holds
    # because no written form is longer than the longest name the folded keys answer.
    from aeronorm import Glossary, Normalizer
    from aeronorm.glossary.limits import MAX_NAME_CHARS
    from aeronorm.pipeline.retranslation import MAX_QUERY_CHARS

    assert MAX_NAME_CHARS <= MAX_QUERY_CHARS
    long_name = ("Space Works " + "Orbital " * 130)[:MAX_NAME_CHARS].strip()
    n = Normalizer(Glossary.from_records([{"id": "long", "name": long_name},
                                          {"id": "csf", "name": "China Space Foundation"}]))
    exact = n.pipeline.stages["exact"]
    variants = [f"CHINA SPACE FOUNDATION{'.' * k}" for k in range(40)]
    too_long = long_name.upper() + " " * 10
    for names in ([*variants, long_name, long_name.upper(), too_long, "China Space Foundation"],
                  [long_name, too_long, *variants], ["China Space Foundation", *variants]):
        expected = [m.canonical if m else None for m in map(exact.written, names)]
        assert exact.canonical_many(names) == expected
        assert [m.canonical if m else None for m in exact.written_many(names)] == expected
    assert exact.canonical_many([*variants, long_name, long_name.upper()])[-2:] == [long_name, long_name]
    assert exact.canonical_many([*variants, too_long])[-1] is None  # left to the pipeline


def test_blank_strings_are_known_to_no_one(small):
    # canonical_values (normalize_many) looks for blank strings only among the names the exact
    # path leaves, and passes them through: the exact path must answer none of them
    exact = small.pipeline.stages["exact"]
    blanks = ["", " ", "\t", "\u3000", "\x1c", "\u00a0\u2003", "\n"]
    assert exact.canonical_many(blanks) == [None] * len(blanks)
    assert exact.canonical_many([*["CHINA SPACE FOUNDATION"] * 40, *blanks])[40:] == [None] * len(blanks)
    assert exact.written_many(blanks) == [None] * len(blanks)
    values = ["CSF", " ", "csf", " ", "\u3000", None]
    out = small.normalize_many(values, on_unknown="none")
    assert out == ["China Space Foundation", " ", "China Space Foundation", " ", "\u3000", None]
    assert all(o is v for o, v in zip(out[1:], values[1:], strict=True) if o is not None and not o.strip())


# The evidence of a hit on a written form is ``f"{label} {name!r}"``; a plain form (its repr in
# single quotes) is quoted without repr. Forms whose repr is not plain: quotes, a backslash.
_QUOTED = [
    {"id": "xa", "name": "Xi'an Orbital Works", "aliases": ['The "Long" Road Institute', "Li's \"Star\" Lab"],
     "abbreviations": ["X\\A"]},
    {"id": "pl", "name": "Plain Orbital Works", "aliases": ["Plainer Orbital"], "zh": "平原轨道"},
    {"id": "t2", "name": "Deputy Chief Orbiter", "type": "title", "aliases": ["Chief's Orbiter"]},
]


@pytest.mark.parametrize("type_", [None, "org", "title"])
def test_evidence_of_written_forms_is_their_repr(type_):
    from aeronorm import Glossary, Normalizer

    n = Normalizer(Glossary.from_records(_QUOTED))
    exact = n.pipeline.stages["exact"]
    labelled = [(label, text) for e in n.glossary for label, text in e.forms()
                if type_ is None or e.type == type_]
    names = [text for _, text in labelled]
    assert any(repr(t) != f"'{t}'" for t in names) and any(repr(t) == f"'{t}'" for t in names)
    expected = [(f"{label} {text!r}",) for label, text in labelled]
    assert [m.evidence for m in exact.written_many(names, type_)] == expected
    assert [exact.written(t, type_).evidence for t in names] == expected
    # a variant of each (folded key), the same batch mixed with names as written
    variants = [t.upper() for t in names]
    assert [m.evidence for m in exact.written_many(variants, type_)] == \
        [(f"{label} {v!r}",) for (label, _), v in zip(labelled, variants, strict=True)]
    mixed = exact.written_many([*names, *variants, "Nobody Orbital"], type_)
    assert [m.evidence for m in mixed[: len(names)]] == expected and mixed[-1] is None


# Keys several entities share: two titles or more (the batch path settles names so keyed as
# unknown, sparing the pipeline), a title with an organisation or a person, two organisations, a
# term among titles; in English and in Chinese; one with a company form (which narrows the
# entities a name may be to organisations and companies: titles stay).
_SHARED = [
    {"id": "t1", "name": "Party Secretary of the Academy", "type": "title", "zh": "党委书记",
     "aliases": ["Party Secretary", "Chief", "Board Chairman Co., Ltd."]},
    {"id": "t2", "name": "Party Secretary of the Group", "type": "title", "zh_aliases": ["党委书记"],
     "aliases": ["Party Secretary", "Chief", "Director", "Board Chairman Co Ltd"]},
    {"id": "t3", "name": "General Manager", "type": "title", "aliases": ["Chief", "Head", "Vice Chief"]},
    {"id": "o1", "name": "Head", "aliases": ["Director", "Orbital Works"]},
    {"id": "o2", "name": "Orbital Works Co., Ltd.", "aliases": ["Orbital Works"]},
    {"id": "p1", "name": "Vice Chief", "type": "person"},
    {"id": "w1", "name": "Space Term", "type": "term", "aliases": ["General Manager", "Party Secretary"]},
    {"id": "c1", "name": "China Space Foundation", "abbreviations": ["CSF"]},
]
_SHARED_NAMES = [text for e in _SHARED for text in (e["name"], *e.get("aliases", ()))] + [
    "党委书记", "黨委書記", "Party Secretary (CAS)", "Party Secretary; Chief", "Chief, Co., Ltd.", ""]


@pytest.fixture(scope="module")
def shared():
    from aeronorm import Glossary, Normalizer

    return Normalizer(Glossary.from_records(_SHARED))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), type_=st.sampled_from([None, "title", "org", "person"]))
def test_names_settled_as_unknown_are_those_the_pipeline_abstains_on(shared, data, type_):
    names = []
    for _ in range(data.draw(st.integers(0, 12))):
        base = data.draw(st.sampled_from(_SHARED_NAMES))
        for f in data.draw(st.lists(st.sampled_from(_VARIANTS), max_size=3)):
            base = f(base)
        names.append(base)
    exact = shared.pipeline.stages["exact"]
    plain = exact.written_many(names, type_)
    settled = exact.written_many(names, type_, settle=True)
    allowed = shared.index.names() if type_ is None else shared.index.allowed(type_)
    for name, p, s in zip(names, plain, settled, strict=True):
        if s is False:  # the pipeline (the reference, one name at a time) abstains
            assert p is None
            assert shared.pipeline.resolve_text(name, allowed)[0] is None, name
        else:
            assert s == p
    canonical = exact.canonical_many(names, type_, settle=True)
    assert canonical == [s if s is False else s and s.canonical for s in settled]
    # and the public paths: one name, a batch
    assert shared.match_many(names, type=type_) == [shared.match(n, type=type_) for n in names]
    assert shared.normalize_many(names, type=type_, on_unknown="none") == [
        shared.normalize(n, type=type_, on_unknown="none") if n.strip() else n for n in names]


def test_keys_two_titles_share_are_settled_and_others_left_to_the_pipeline(shared):
    exact = shared.pipeline.stages["exact"]
    names = ["PARTY SECRETARY", "chief.", "党委书记", "Board Chairman Co., Ltd", "Head", "Director",
             "Orbital Works", "Vice Chief", "General Manager", "Party Secretary; Chief"]
    got = exact.written_many(names, settle=True)
    assert got[:4] == [False] * 4
    assert got[4:] == [None] * 6  # a title and an organisation, two organisations, a mark
    assert exact.written_many(["Vice Chief"], "title", settle=True) == [None]  # one title admitted
    assert exact.written_many(["General Manager"], settle=True) == [None]  # the term is not asked
    assert exact.canonical_many(names, settle=True) == [False] * 4 + [None] * 6
    assert exact.canonical_many(names) == [None] * 10  # settling is asked for
    assert shared.normalize_many(names[:4], on_unknown="none") == [None] * 4
    with pytest.raises(NoMatchError):
        shared.normalize_many(names[:1], on_unknown="raise")


def test_a_retranslating_normalizer_settles_nothing():
    # what nothing matches goes to the retranslation stage: no name may skip it
    from aeronorm import Glossary, Normalizer
    from aeronorm.mt import FunctionTranslator

    asked: list[str] = []

    def translate(texts: list[str]) -> list[str]:
        asked.extend(texts)
        return ["" for _ in texts]

    n = Normalizer(Glossary.from_records(_SHARED),
                   en_zh=FunctionTranslator(translate, source="en", target="zh"))
    assert n.match_many(["PARTY SECRETARY"]) == [None]
    assert n.normalize_many(["Chief"], on_unknown="none") == [None]
    assert asked == ["PARTY SECRETARY", "Chief"]
