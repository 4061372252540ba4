"""Glossary file readers: formats, encodings, safety and validation errors."""

from __future__ import annotations

import json
import re

import pytest

from aeronorm.errors import GlossaryError
from aeronorm.glossary import Glossary, read_file
from aeronorm.glossary.readers import iter_glossary_files


def write(tmp_path, name: str, text: str | bytes):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path


def load_error(path) -> GlossaryError:
    with pytest.raises(GlossaryError) as info:
        Glossary.load(path)
    exc = info.value
    # no chained yaml/json/csv traceback
    assert exc.__cause__ is None and (exc.__context__ is None or exc.__suppress_context__)
    return exc


# ---------------------------------------------------------------- YAML

ORGS_YAML = """\
# a comment
type: org
entities:
  - id: casic
    name: China Aerospace Science and Industry Corporation Limited
    zh: 中国航天科工集团有限公司
    abbreviations: [CASIC, 航天科工]
    aliases:
      - China Aerospace Science and Industry Corp.
    parent: sasac
    source: casic.com
    notes: 2017-11-20
  - id: person-x
    type: person
    name: Zhang San
terms:
  - zh: 科工
    en: [science and industry]
"""


def test_yaml_entities_terms_default_type_and_lines(tmp_path):
    path = write(tmp_path, "orgs.yaml", ORGS_YAML)
    entities, terms = read_file(path)
    casic, person = entities
    assert casic.type == "org" and person.type == "person"
    assert casic.abbreviations == ("CASIC",)
    assert casic.zh_aliases == ("航天科工",)
    assert casic.parent == "sasac"
    assert casic.notes == "2017-11-20"  # dates stay strings
    assert casic.origin == f"{path}:4"
    assert person.origin == f"{path}:13"
    assert terms[0].zh == "科工" and terms[0].renderings == ("science and industry",)
    assert terms[0].origin == f"{path}:17"


def test_yaml_bare_list_and_empty_file(tmp_path):
    g = Glossary.load(write(tmp_path, "list.yml", "- {id: a, name: A}\n- {id: b, name: B, type: place}\n"))
    assert [e.id for e in g] == ["a", "b"] and g["b"].type == "place"
    assert not Glossary.load(write(tmp_path, "empty.yaml", "# nothing yet\n"))


def test_yaml_file_level_type_applies(tmp_path):
    g = Glossary.load(write(tmp_path, "p.yaml", "type: place\nentities:\n  - {id: a, name: A}\n"))
    assert g["a"].type == "place"


def test_yaml_python_object_tag_rejected(tmp_path):
    path = write(tmp_path, "evil.yaml", 'entities:\n  - !!python/object/apply:os.system ["echo pwned"]\n')
    exc = load_error(path)
    assert str(path) in str(exc) and exc.line == 2
    assert "may not construct objects" in str(exc)


def test_yaml_python_name_tag_rejected(tmp_path):
    path = write(tmp_path, "evil.yaml", "type: !!python/name:os.system\n")
    exc = load_error(path)  # aeronorm's own words, not PyYAML's (which name the tag, for now)
    assert f"{path}:1: malformed YAML" in str(exc) and "may not construct objects" in str(exc)


def test_yaml_duplicate_key_rejected_with_line(tmp_path):
    path = write(tmp_path, "dup.yaml", "entities:\n  - id: a\n    name: A\n    zh: 甲\n    name: B\n")
    exc = load_error(path)
    assert exc.line == 5
    assert f"{path}:5" in str(exc) and "duplicate key 'name'" in str(exc) and "line 3" in str(exc)


def test_yaml_duplicate_top_level_key_rejected(tmp_path):
    exc = load_error(write(tmp_path, "dup.yaml", "entities: []\nterms: []\nentities: []\n"))
    assert exc.line == 3


def test_yaml_syntax_error_has_line(tmp_path):
    path = write(tmp_path, "bad.yaml", "entities:\n  - id: a\n    name: A\n   - id: b\n")
    exc = load_error(path)
    assert exc.line == 4 and "malformed YAML" in str(exc) and str(path) in str(exc)


def test_yaml_unknown_top_level_key(tmp_path):
    exc = load_error(write(tmp_path, "t.yaml", "entites:\n  - {id: a, name: A}\n"))
    assert "unknown top-level key 'entites'" in str(exc) and "did you mean 'entities'" in str(exc)
    assert exc.line == 1


def test_yaml_entities_must_be_list(tmp_path):
    exc = load_error(write(tmp_path, "t.yaml", "entities:\n  id: a\n"))
    assert "'entities' must be a list" in str(exc)


def test_yaml_entity_must_be_mapping(tmp_path):
    exc = load_error(write(tmp_path, "t.yaml", "entities:\n  - just a string\n"))
    assert "must be a mapping" in str(exc)


# ---------------------------------------------------------------- JSON

def test_json_entities_and_terms(tmp_path):
    doc = {"entities": [{"id": "a", "name": "A", "aliases": ["A Co."]}], "terms": [{"zh": "甲", "en": "a"}]}
    g = Glossary.load(write(tmp_path, "g.json", json.dumps(doc, indent=2, ensure_ascii=False)))
    assert g["a"].aliases == ("A Co.",)
    assert g.terms[0].renderings == ("a",)
    assert g["a"].origin.endswith("g.json:3")


def test_json_bare_list(tmp_path):
    g = Glossary.load(write(tmp_path, "g.json", '[{"id": "a", "name": "A"}]'))
    assert g["a"].name == "A"


def test_json_error_has_entry_line(tmp_path):
    path = write(tmp_path, "g.json", '[\n  {"id": "a", "name": "A"},\n  {"id": "b", "name": 7}\n]\n')
    exc = load_error(path)
    assert exc.line == 3 and exc.entry == "b" and str(path) in str(exc)


def test_json_malformed_has_line(tmp_path):
    text = '[\n  {"id": "a", "name": "A"},\n  {"id": "b" "name": "B"}\n]'
    exc = load_error(write(tmp_path, "g.json", text))
    assert exc.line == 3 and "malformed JSON" in str(exc)


def test_json_duplicate_key(tmp_path):
    exc = load_error(write(tmp_path, "g.json", '[\n {"id": "a",\n  "name": "A", "name": "B"}]'))
    assert "duplicate key 'name'" in str(exc) and exc.line == 2


# ---------------------------------------------------------------- CSV / TSV

def test_csv_entities_multi_valued_and_quoting(tmp_path):
    text = (
        "id,name,type,zh,aliases,abbreviations,parent\n"
        'casic,"China Aerospace Science and Industry Corp., Ltd.",,中国航天科工集团有限公司,'
        "CASIC Group| China Aerospace Sci & Ind ,CASIC|航天科工,\n"
        "nwpu,Northwestern Polytechnical University,org,西北工业大学,,NWPU,\n"
    )
    path = write(tmp_path, "orgs.csv", text)
    g = Glossary.load(path)
    casic = g["casic"]
    assert casic.name == "China Aerospace Science and Industry Corp., Ltd."
    assert casic.aliases == ("CASIC Group", "China Aerospace Sci & Ind")
    assert casic.abbreviations == ("CASIC",) and casic.zh_aliases == ("航天科工",)
    assert casic.type == "org" and casic.parent is None
    assert g["nwpu"].origin == f"{path}:3"


def test_csv_line_numbers_with_multiline_cells(tmp_path):
    path = write(tmp_path, "x.csv", 'id,name,notes\na,A,"two\nlines"\nb,,\n')
    exc = load_error(path)
    assert exc.line == 4 and exc.entry == "b"


def test_reference_tsv_header(tmp_path):
    text = (
        "id\ttype\tcanonical_en\tzh\tabbreviations\tvariants_en\tparent_id\tnotes\tsource\n"
        "casic\torg\tCASIC Corp\t中国航天科工集团有限公司\tCASIC|航天科工\tCASIC Group|\tsasac\tnote\tbg\n"
        "sasac\torg\tSASAC\t国务院国资委\t\t\t\t\t\n"
    )
    g = Glossary.load(write(tmp_path, "entities.tsv", text))
    casic = g["casic"]
    assert (casic.name, casic.abbreviations, casic.zh_aliases) == ("CASIC Corp", ("CASIC",), ("航天科工",))
    assert casic.aliases == ("CASIC Group",) and casic.parent == "sasac" and casic.source == "bg"


def test_tsv_has_no_quoting(tmp_path):
    g = Glossary.load(write(tmp_path, "q.tab", 'id\tname\n"a"\t"Quoted" Name\n'))
    assert g['"a"'].name == '"Quoted" Name'


@pytest.mark.parametrize("header", ["zh,en_renderings,notes", "zh,en"])
def test_csv_terms_file(tmp_path, header):
    notes = ",x" if "notes" in header else ""
    g = Glossary.load(write(tmp_path, "terms.csv", f"{header}\n航天,aerospace|space{notes}\n"))
    assert len(g) == 0
    assert g.terms[0].zh == "航天" and g.terms[0].renderings == ("aerospace", "space")


def test_csv_malformed_quote(tmp_path):
    exc = load_error(write(tmp_path, "bad.csv", 'id,name\na,"never closed\n'))
    assert "malformed CSV" in str(exc) and exc.line == 2


def test_csv_too_many_cells(tmp_path):
    exc = load_error(write(tmp_path, "bad.csv", "id,name\na,A\nb,B,extra\n"))
    assert exc.line == 3 and "3 cells" in str(exc)


def test_csv_unknown_column(tmp_path):
    exc = load_error(write(tmp_path, "bad.csv", "id,name,alias\na,A,x\n"))
    assert exc.line == 1 and "unknown column 'alias'" in str(exc) and "did you mean 'aliases'" in str(exc)


def test_csv_duplicate_id(tmp_path):
    path = write(tmp_path, "dup.csv", "id,name\na,A\nb,B\na,A2\n")
    exc = load_error(path)
    assert exc.line == 4 and exc.entry == "a" and f"{path}:2" in str(exc)


def test_csv_header_only(tmp_path):
    assert not Glossary.load(write(tmp_path, "e.csv", "id,name\n"))


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize(
    ("name", "text"),
    [("b.yaml", "entities:\n  - {id: a, name: A, zh: 甲}\n"), ("b.csv", "id,name,zh\na,A,甲\n"),
     ("b.json", '[{"id": "a", "name": "A", "zh": "甲"}]'), ("b.tsv", "id\tname\tzh\na\tA\t甲\n")],
)
def test_utf8_bom_accepted(tmp_path, name, text):
    g = Glossary.load(write(tmp_path, name, b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert g["a"].zh == "甲"


def test_gbk_rejected(tmp_path):
    path = write(tmp_path, "gbk.csv", "id,name,zh\na,A,中国航天\n".encode("gbk"))
    exc = load_error(path)
    msg = str(exc)
    assert str(path) in msg and "must be UTF-8" in msg
    assert exc.line == 2 and re.search(r"offset \d+", msg)


def test_utf16_rejected(tmp_path):
    exc = load_error(write(tmp_path, "u16.yaml", "entities: []\n".encode("utf-16")))
    assert "UTF-16" in str(exc) and "must be UTF-8" in str(exc)


# ---------------------------------------------------------------- files and directories

def test_directory_sorted_and_later_overrides(tmp_path):
    write(tmp_path, "b.csv", "id,name\nx,X from b\ny,Y\n")
    write(tmp_path, "a.yaml", "entities:\n  - {id: x, name: X from a}\n  - {id: z, name: Z}\n")
    write(tmp_path, "readme.txt", "not a glossary")
    g = Glossary.load(tmp_path)
    assert [e.id for e in g] == ["x", "z", "y"]
    assert g["x"].name == "X from b"
    assert [p.name for p in iter_glossary_files(tmp_path)] == ["a.yaml", "b.csv"]


def test_empty_directory_is_an_error(tmp_path):
    with pytest.raises(GlossaryError, match="no glossary files"):
        Glossary.load(tmp_path)


def test_unsupported_suffix(tmp_path):
    with pytest.raises(GlossaryError, match=r"unsupported file type '\.txt'"):
        Glossary.load(write(tmp_path, "g.txt", "id,name\n"))


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        Glossary.load(tmp_path / "nope.yaml")


def test_load_needs_a_path():
    with pytest.raises(TypeError):
        Glossary.load()


# ---------------------------------------------------------------- validation (all in files)

ENTRY_ERRORS = [
    # (yaml entity body, line of the error, entry, message fragment)
    ("{id: '', name: A}", 3, "", "missing or empty 'id'"),
    ("{name: A}", 3, "", "missing or empty 'id'"),
    ("{id: e, name: '  '}", 3, "e", "missing or empty 'name'"),
    ("{id: e}", 3, "e", "missing or empty 'name'"),
    ("{id: e, name: A, aliases: 5}", 3, "e", "field 'aliases' must be a list"),
    ("{id: e, name: A, aliases: {a: b}}", 3, "e", "field 'aliases' must be a list"),
    ("{id: e, name: A, aliases: [x, 3]}", 3, "e", "must hold strings only"),
    ("{id: e, name: [A]}", 3, "e", "field 'name' must be a string"),
    ("{id: 12, name: A}", 3, "", "field 'id' must be a string"),
    ("{id: e, name: A, type: company}", 3, "e", "allowed types: org, person, place"),
    ("{id: e, name: A, alias: [x]}", 3, "e", "unknown field 'alias' (did you mean 'aliases'?)"),
]


@pytest.mark.parametrize(("body", "line", "entry", "fragment"), ENTRY_ERRORS)
def test_entry_validation_errors(tmp_path, body, line, entry, fragment):
    path = write(tmp_path, "g.yaml", f"entities:\n  - {{id: ok, name: OK}}\n  - {body}\n")
    exc = load_error(path)
    msg = str(exc)
    assert fragment in msg
    assert f"{path}:{line}" in msg and exc.line == line
    assert exc.entry == entry
    if entry:
        assert f"entry {entry!r}" in msg


def test_field_error_points_at_the_key_line(tmp_path):
    path = write(tmp_path, "g.yaml", "entities:\n  - id: e\n    name: A\n    zh: 甲\n    alias: [x]\n")
    assert load_error(path).line == 5


def test_duplicate_id_in_one_yaml_file(tmp_path):
    path = write(tmp_path, "g.yaml", "entities:\n  - {id: a, name: A}\n  - {id: a, name: B}\n")
    exc = load_error(path)
    assert exc.line == 3 and exc.entry == "a" and "duplicate id 'a'" in str(exc) and f"{path}:2" in str(exc)


def test_duplicate_term_in_one_file(tmp_path):
    exc = load_error(write(tmp_path, "t.yaml", "terms:\n  - {zh: 甲, en: a}\n  - {zh: 甲, en: b}\n"))
    assert exc.line == 3 and "duplicate term" in str(exc)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("{zh: 甲}", "at least one English rendering"),
        ("{en: [a]}", "missing or empty 'zh'"),
        ("{zh: 甲, en: [a], eng: x}", "unknown term field 'eng'"),
        ("{zh: 甲, en: a, renderings: b}", "give the renderings once"),
    ],
)
def test_term_validation_errors(tmp_path, body, fragment):
    exc = load_error(write(tmp_path, "t.yaml", f"terms:\n  - {body}\n"))
    assert fragment in str(exc) and exc.line == 2


def test_values_are_cleaned(tmp_path):
    text = (
        "entities:\n"
        "  - id: ' a '\n"
        "    name: ' Alpha Corp '\n"
        "    zh: 甲公司\n"
        "    aliases: [' Alpha ', '', Alpha, Alpha Corp, 'Alpha Co.']\n"
        "    zh_aliases: [甲, 甲公司, 甲]\n"
        "    abbreviations: AC\n"
        "    context_aliases: ~\n"
        "    parent: ''\n"
        "    type: ''\n"
    )
    e = Glossary.load(write(tmp_path, "g.yaml", text))["a"]
    assert e.name == "Alpha Corp"
    assert e.aliases == ("Alpha", "Alpha Co.")
    assert e.zh_aliases == ("甲",)
    assert e.abbreviations == ("AC",)
    assert e.context_aliases == ()
    assert e.parent is None and e.type == "org"


# ---------------------------------------------------------------- issue 14: description, templates, bodies
def test_description_templates_and_bodies_are_read(tmp_path):
    p = tmp_path / "titles.yaml"
    p.write_text(
        "type: title\n"
        "entities:\n"
        "  - id: sec\n"
        "    name: Secretary of the CPC Provincial Committee\n"
        "    templates:\n"
        "      - Secretary of the CPC {province} Provincial Committee\n"
        "      - \"{province} Provincial Party Secretary\"\n"
        "    bodies: [province]\n"
        "    description: head of a provincial Party committee\n", encoding="utf-8")
    (e,), _ = read_file(p)
    assert e.templates == ("Secretary of the CPC {province} Provincial Committee",
                           "{province} Provincial Party Secretary")
    assert e.bodies == ("province",) and e.description == "head of a provincial Party committee"
    assert e.canonical("Fujian") == "Secretary of the CPC Fujian Provincial Committee"
    assert e.canonical() == e.name
    back = Glossary.from_records(Glossary([e]).to_records())
    assert back["sec"] == e


@pytest.mark.parametrize(("record", "message"), [
    ({"templates": ["Secretary of the CPC Provincial Committee"]}, "has no slot"),
    ({"templates": ["Secretary of the {county} Committee"]}, "unknown slot"),
    ({"templates": ["{city} Secretary of the {province} Committee"]}, "2 slots"),
    ({"templates": ["Head of {city} Bureau"]}, "must be the name"),
    ({"templates": ["Secretary of {province"]}, "slot is written"),
    ({"bodies": ["acadmy"]}, "did you mean 'academy'"),
    ({"description": ["a", "list"]}, "must be a string"),
])
def test_bad_templates_and_bodies_are_errors(record, message):
    base = {"id": "t", "name": "Secretary of the Committee", "type": "title"}
    with pytest.raises(GlossaryError, match=re.escape(message)):
        Glossary.from_records([{**base, **record}])


@pytest.mark.parametrize(("body", "written", "truth"), [
    ("  - id: no\n    name: Norway Rocket\n", "no", "false"),
    ("  - id: nr\n    name: Norway Rocket\n    abbreviations: [NR, ON, YES]\n", "ON", "true"),
    ("  - id: nr\n    name: Norway Rocket\n    abbreviations:\n      - NR\n      - Off\n", "Off", "false"),
    # rt48u #7: the single value of a list field, not in a list
    ("  - id: nr\n    name: Norway Rocket\n    aliases: yes\n", "yes", "true"),
    ("  - id: nr\n    name: Norway Rocket\n    location: Off\n", "Off", "false"),
])
def test_a_yaml_boolean_is_shown_as_written_with_a_hint_to_quote(tmp_path, body, written, truth):
    """rt46u #7: 'abbreviations: [NO, ON, YES]' gave 'got bool False'."""
    exc = load_error(write(tmp_path, "b.yaml", "entities:\n" + body))
    assert f"got {written!r}, which YAML reads as the boolean {truth}" in str(exc)
    assert f"quote it ('{written}')" in str(exc) and "bool False" not in str(exc)


def test_a_json_boolean_is_still_named_as_one(tmp_path):
    exc = load_error(write(tmp_path, "b.json", '[{"id": "a", "name": "A", "aliases": [false]}]'))
    assert "got bool False" in str(exc)


@pytest.mark.parametrize("text", [
    "entities:\n\t- id: x\n\t  name: X Rocket Co.\n",
    "entities:\n  - id: x\n\tname: X Rocket Co.\n",
])
def test_a_tab_in_the_indentation_is_named(tmp_path, text):
    """rt46u #7: PyYAML's 'found character that cannot start any token' did not say 'tab'."""
    exc = load_error(write(tmp_path, "t.yaml", text))
    assert "indented with a tab" in str(exc) and "spaces only" in str(exc) and exc.line in (2, 3)


@pytest.mark.parametrize(("value", "what"), [
    ('"x\\ny"', "a line break"), ('"x\\ty"', "a control"), ('"x\\x07y"', "a control"),
    ('"x\\u2028y"', "a line"),
])
def test_an_id_with_a_line_break_or_control_character_is_an_error(tmp_path, value, what):
    """rt46u #7: 'id: "x\\ny"' passed; a TSV written from it turns the newline into a space."""
    exc = load_error(write(tmp_path, "i.yaml", f"entities:\n  - id: {value}\n    name: X\n"))
    assert f"holds {what}" in str(exc) and exc.line == 2
    with pytest.raises(GlossaryError, match="holds"):
        Glossary.from_records([{"id": "a\rb", "name": "A"}])
