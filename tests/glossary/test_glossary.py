"""The Glossary container: records, protocol, combination, pickling."""

from __future__ import annotations

import doctest
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aeronorm.glossary
from aeronorm.errors import GlossaryError
from aeronorm.glossary import Entity, Glossary, Term, glossary, lint, readers

RECORDS = [
    {"id": "casic", "name": "China Aerospace Science and Industry Corporation Limited",
     "zh": "中国航天科工集团有限公司", "abbreviations": ["CASIC", "航天科工"], "aliases": ["CASIC Group"]},
    {"id": "expace", "name": "Expace Technology", "parent": "casic", "type": "org"},
    {"id": "person-a", "name": "Zhang San", "type": "person", "zh": "张三"},
]


@pytest.fixture
def g() -> Glossary:
    return Glossary.from_records(RECORDS, terms=[{"zh": "航天", "en": ["aerospace", "space"]}])


def test_from_records_fields(g):
    casic = g["casic"]
    assert casic.abbreviations == ("CASIC",) and casic.zh_aliases == ("航天科工",)
    assert casic.type == "org" and casic.parent is None
    assert casic.origin == "<records>[0]"
    assert g["expace"].parent == "casic"
    assert g.terms == (Term("航天", ("aerospace", "space")),)


def test_from_records_defaults_and_single_strings():
    nan = float("nan")
    g = Glossary.from_records([
        {"id": "a", "name": "A", "type": "", "aliases": "A Co.", "zh_aliases": None, "notes": nan},
        {"id": "b", "name": "B", "type": None, "abbreviations": ("B1", "B1", " ")},
    ])
    assert g["a"].type == "org" and g["a"].aliases == ("A Co.",) and g["a"].zh_aliases == ()
    assert g["a"].notes == ""
    assert g["b"].type == "org" and g["b"].abbreviations == ("B1",)


@pytest.mark.parametrize(
    ("record", "fragment", "entry"),
    [
        ({"name": "A"}, "missing or empty 'id'", ""),
        ({"id": "x", "name": ""}, "missing or empty 'name'", "x"),
        ({"id": "x", "name": 3}, "field 'name' must be a string", "x"),
        ({"id": "x", "name": "X", "aliases": 3}, "field 'aliases' must be a list", "x"),
        ({"id": "x", "name": "X", "aliases": {"a": 1}}, "field 'aliases' must be a list", "x"),
        ({"id": "x", "name": "X", "type": "company"}, "unknown type 'company'", "x"),
        ({"id": "x", "name": "X", "abbreviation": "X"}, "did you mean 'abbreviations'?", "x"),
        ("not a mapping", "must be a mapping", ""),
    ],
)
def test_from_records_errors_name_index_and_entry(record, fragment, entry):
    with pytest.raises(GlossaryError) as info:
        Glossary.from_records([{"id": "ok", "name": "OK"}, record])
    msg = str(info.value)
    assert fragment in msg and msg.startswith("<records>[1]")
    assert info.value.entry == entry


def test_from_records_duplicate_id_and_custom_source():
    expected = r"^orgs\[1\], entry 'a': duplicate id 'a' \(first defined at orgs\[0\]\)"
    with pytest.raises(GlossaryError, match=expected):
        Glossary.from_records([{"id": "a", "name": "A"}, {"id": "a", "name": "A2"}], source="orgs")


def test_from_records_rejects_a_single_mapping():
    with pytest.raises(GlossaryError, match="iterable of mappings"):
        Glossary.from_records({"id": "a", "name": "A"})


def test_constructor_checks():
    with pytest.raises(GlossaryError, match="duplicate id 'a'"):
        Glossary([Entity("a", "A"), Entity("a", "B")])
    with pytest.raises(GlossaryError, match="unknown type"):
        Glossary([Entity("a", "A", type="company")])
    with pytest.raises(GlossaryError, match="duplicate term"):
        Glossary(terms=[Term("甲", ("a",)), Term("甲", ("b",))])
    with pytest.raises(TypeError):
        Glossary([{"id": "a", "name": "A"}])


def test_container_protocol(g):
    assert len(g) == 3
    assert [e.id for e in g] == ["casic", "expace", "person-a"]
    assert g.entities == tuple(g)
    assert "casic" in g and "nope" not in g and 3 not in g
    assert g["casic"] in g and Entity("casic", "other") not in g
    assert g.get("nope") is None and g.get("nope", 1) == 1 and g.get("casic") is g["casic"]
    assert g.by_type("person") == (g["person-a"],)
    assert g.by_type("award") == ()
    with pytest.raises(ValueError, match="allowed types"):
        g.by_type("company")
    with pytest.raises(KeyError, match="did you mean 'casic'"):
        g["casc"]
    assert bool(Glossary(terms=[Term("甲", ("a",))])) and not Glossary()


def test_immutable(g):
    with pytest.raises(AttributeError):
        g.entities = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        g.extra = 1  # type: ignore[attr-defined]


def test_repr_counts(g):
    assert repr(g) == "<Glossary: 3 entities (org=2, person=1), 1 terms>"


def test_add_overrides_in_place_and_appends():
    base = Glossary.from_records(
        [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        terms=[{"zh": "甲", "en": ["x", "y"], "notes": "old"}, {"zh": "乙", "en": "b"}],
    )
    extra = Glossary.from_records([{"id": "c", "name": "C"}, {"id": "a", "name": "A2"}],
                                  terms=[{"zh": "甲", "en": ["z", "X"]}, {"zh": "丙", "en": "c"}])
    combined = base + extra
    assert [e.id for e in combined] == ["a", "b", "c"]
    assert combined["a"].name == "A2"
    terms = {t.zh: t for t in combined.terms}
    assert terms["甲"].renderings == ("z", "X", "y") and terms["甲"].notes == "old"
    assert list(terms) == ["甲", "乙", "丙"]
    # the operands are unchanged
    assert base["a"].name == "A" and len(base) == 2
    assert sum([base, extra]) == combined
    assert (base + Glossary()) is base and (Glossary() + extra) is extra
    with pytest.raises(TypeError):
        base + Entity("x", "X")  # type: ignore[operator]


def test_eq_and_hash(g):
    terms = [{"zh": "航天", "en": ["aerospace", "space"]}]
    same = Glossary.from_records(RECORDS, terms=terms, source="other")
    assert same == g and hash(same) == hash(g)  # origin does not count
    assert g != Glossary.from_records(RECORDS)
    assert g != "glossary"


def test_pickle_round_trip(g):
    back = pickle.loads(pickle.dumps(g))
    assert back == g
    assert back["casic"].origin == "<records>[0]"
    assert back.ambiguous_keys() == g.ambiguous_keys()


def test_to_records_round_trip(g):
    records = g.to_records()
    assert records[0]["abbreviations"] == ["CASIC"] and records[0]["zh_aliases"] == ["航天科工"]
    assert records[1]["parent"] == "casic" and records[0]["parent"] is None
    assert set(records[0]) == {"id", "name", "type", "zh", "aliases", "abbreviations", "zh_aliases",
                               "context_aliases", "former_names", "parent", "source", "notes", "description",
                               "templates", "bodies", "location"}
    assert Glossary.from_records(records, terms=g.terms) == g


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
                min_size=1, max_size=12)
_record = st.fixed_dictionaries(
    {"id": _text, "name": _text},
    optional={
        "aliases": st.lists(_text, max_size=3), "zh": _text, "context_aliases": st.lists(_text, max_size=2),
        "former_names": st.lists(st.sampled_from(["Old Name Co.", "旧名公司", "X"]) | _text, max_size=2),
        "type": st.sampled_from(["org", "person", "term"]), "notes": _text,
    },
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_record, max_size=5, unique_by=lambda r: r["id"]))
def test_records_round_trip_property(records):
    g = Glossary.from_records(records)
    assert Glossary.from_records(g.to_records()) == g
    assert pickle.loads(pickle.dumps(g)) == g


def test_stats(g):
    s = g.stats()
    assert s["entities"] == 3 and s["types"]["org"] == 2 and s["types"]["person"] == 1
    assert s["aliases"] == 1 and s["abbreviations"] == 1
    assert s["chinese_names"] == 3  # two zh names + one Chinese short form
    assert s["terms"] == 1 and s["term_renderings"] == 2


def test_ambiguous_keys_fold_case_and_skip_context_aliases():
    g = Glossary.from_records([
        {"id": "a", "name": "Alpha", "abbreviations": "HEAD", "context_aliases": "the company"},
        {"id": "b", "name": "Beta", "aliases": "Head", "context_aliases": "the company"},
        {"id": "c", "name": "Gamma", "zh_aliases": "一院"},
        {"id": "d", "name": "Delta", "zh_aliases": "一院"},
    ])
    assert g.ambiguous_keys() == {"head": ("a", "b"), "一院": ("c", "d")}
    assert g.claims()["alpha"] == ("a",)


def test_load_several_paths_left_to_right(tmp_path):
    a = tmp_path / "a.yaml"
    a.write_text("entities:\n  - {id: x, name: X1}\n", "utf-8")
    b = tmp_path / "b.json"
    b.write_text('{"entities": [{"id": "x", "name": "X2"}, {"id": "y", "name": "Y"}]}', "utf-8")
    assert Glossary.load(b, a)["x"].name == "X1"
    assert Glossary.load(a, b)["x"].name == "X2"
    assert Glossary.load(a, b)["x"].origin.startswith(str(b))


@pytest.mark.parametrize("module", [aeronorm.glossary, glossary, readers, lint], ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_former_names_are_matched_as_aliases_and_written_apart():
    g = Glossary.from_records([{"id": "q", "name": "Qiming Space Corporation", "zh": "启明航天集团",
                                "aliases": ["Qiming Space Corp."],
                                "former_names": ["Qiming Machinery Corporation", "启明机械公司"]}])
    e = g["q"]
    assert e.former_names == ("Qiming Machinery Corporation", "启明机械公司")
    assert e.aliases == ("Qiming Space Corp.", "Qiming Machinery Corporation")  # matched as aliases are
    assert e.zh_aliases == ("启明机械公司",)
    record = g.to_records()[0]
    assert record["aliases"] == ["Qiming Space Corp."] and record["zh_aliases"] == []
    assert record["former_names"] == ["Qiming Machinery Corporation", "启明机械公司"]
    assert Glossary.from_records([record]) == g
