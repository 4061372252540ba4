"""Glossary files nobody has looked at: every way a file can be broken gives a
:class:`GlossaryError` naming the file (and the line, where a line means something), or is a
documented acceptance; YAML never constructs objects; big files load.

``tests/glossary/test_readers.py`` covers the formats themselves, the first malformed cases of
each format, UTF-8 BOMs and GBK CSV; this module covers the rest of the hostile cases.
"""

from __future__ import annotations

import json
import time
import tracemalloc

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.cli import main
from aeronorm.errors import GlossaryError
from aeronorm.glossary import lint_files, read_file


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def load_error(path) -> GlossaryError:
    with pytest.raises(GlossaryError) as info:
        Glossary.load(path)
    exc = info.value
    assert exc.source == str(path) and str(path) in str(exc)  # names the file
    assert "\n" not in str(exc)  # one line, for a log or a terminal
    assert exc.__cause__ is None and (exc.__context__ is None or exc.__suppress_context__)
    return exc


# ---------------------------------------------------------------------------------- encodings
TEXTS = {
    "g.yaml": "entities:\n  - {id: a, name: A}\n  - {id: b, name: B, zh: 中国航天}\n",
    "g.json": '[{"id": "a", "name": "A"},\n {"id": "b", "name": "B", "zh": "中国航天"}]\n',
    "g.csv": "id,name,zh\na,A,\nb,B,中国航天\n",
    "g.tsv": "id\tname\tzh\na\tA\t\nb\tB\t中国航天\n",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_gbk_is_refused_at_the_line_of_the_first_bad_byte(tmp_path, name):
    exc = load_error(write(tmp_path, name, TEXTS[name].encode("gbk")))
    assert "must be UTF-8" in str(exc) and "GBK" in str(exc)
    assert exc.line == TEXTS[name].count("\n", 0, TEXTS[name].index("中")) + 1


@pytest.mark.parametrize("name", sorted(TEXTS))
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused(tmp_path, name, codec):
    data = TEXTS[name].encode(codec)
    if codec != "utf-16":
        data = ("\ufeff".encode(codec)) + data  # with its byte order mark, as editors write it
    exc = load_error(write(tmp_path, name, data))
    assert "UTF-16" in str(exc) and "must be UTF-8" in str(exc)


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_bom_with_windows_line_ends_keeps_lines_right(tmp_path, name):
    text = TEXTS[name].replace("\n", "\r\n")
    g = Glossary.load(write(tmp_path, name, b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert [e.id for e in g] == ["a", "b"] and g["b"].zh == "中国航天"
    if name != "g.json":  # JSON: both objects start on lines 1 and 2
        assert g["b"].origin.endswith(":3"), g["b"].origin


def test_encoded_surrogates_are_not_utf8(tmp_path):
    exc = load_error(write(tmp_path, "s.yaml", b"entities:\n  - {id: a, name: \xed\xa0\x80}\n"))
    assert exc.line == 2 and "not UTF-8" in str(exc)


# ---------------------------------------------------------------------------------- malformed
MALFORMED = [
    ("trunc.yaml", 'entities:\n  - {id: a, name: "A\n', 3, "malformed YAML"),
    ("tab.yaml", "entities:\n\t- {id: a, name: A}\n", 2, "malformed YAML"),
    ("nul.yaml", "entities:\n  - {id: a, name: A\x00B}\n", 2, "U+0000 is not allowed"),
    ("bell.yaml", "entities:\n\n  - {id: a, name: A\x07}\n", 3, "U+0007 is not allowed"),
    ("trunc.json", '[{"id": "a",\n "name": "A"', 2, "malformed JSON"),
    ("comma.json", '[{"id": "a", "name": "A"},]', 1, "malformed JSON"),
    ("empty.json", "", 1, "malformed JSON"),
    ("nan.json", '[{"id": "a", "name": NaN}]', 1, "missing or empty 'name'"),
    ("trunc.csv", 'id,name\na,"A\n', 2, "malformed CSV"),
    ("huge-cell.csv", "id,name\na," + "x" * 200_000 + "\n", 2, "malformed CSV"),  # csv's words vary
    ("dup.csv", "id,name,Name\na,A,B\n", 1, "duplicate column 'name'"),
    ("dup.tsv", "id\tname\tname\na\tA\tB\n", 1, "duplicate column 'name'"),
    ("cr.csv", "id,name\ra,A\rb,\r", 3, "missing or empty 'name'"),
    ("crlf.yaml", "entities:\r\n  - id: a\r\n    name: A\r\n  - id: b\r\n    alias: x\r\n", 5,
     "unknown field"),
]


@pytest.mark.parametrize(("name", "content", "line", "fragment"), MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_files_name_file_and_line(tmp_path, name, content, line, fragment):
    exc = load_error(write(tmp_path, name, content))
    assert fragment in str(exc)
    assert exc.line == line and f"{name}:{line}" in str(exc)


# Deep nesting on line 3 (YAML) and 2 (JSON), after a valid first entry.
DEEP = [
    ("deep.yaml", "entities:\n  - {id: a, name: A}\n  - " + "[" * 5000 + "]" * 5000, 3, "malformed YAML"),
    ("deep.json", '[{"id": "a", "name": "A"},\n' + "[" * 100_000 + "]" * 100_000 + "]", 2, "malformed JSON"),
]


@pytest.mark.parametrize(("name", "content", "line", "prefix"), DEEP, ids=["yaml", "json"])
def test_deep_nesting_is_an_error_not_a_crash(tmp_path, name, content, line, prefix):
    """What a user relies on: a one-line GlossaryError naming the file, at once and in little
    memory. The parser's own words are not checked: they change between releases (PyYAML 6.0.4
    stops at its own depth limit with the line; older releases hit Python's recursion limit,
    which has no line, and aeronorm says "nested too deeply")."""
    path = write(tmp_path, name, content)
    tracemalloc.start()
    start = time.perf_counter()
    try:
        exc = load_error(path)  # names the file, one line, no chained exception
    finally:
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert str(exc).startswith(f"{path}{':' + str(exc.line) if exc.line else ''}: {prefix}: ")
    assert exc.line in (None, line)  # when the parser knows the line, it is the right one
    assert len(str(exc)) < 300
    # Generous bounds against a hang or a blow-up (it takes milliseconds and a few MB), not a timing.
    assert elapsed < 10 and peak < 64 * 2**20, (elapsed, peak)
    issues = lint_files(path)  # the linter collects it instead of raising
    assert [(i.code, i.severity) for i in issues] == [("malformed", "error")]
    assert issues[0].origin.startswith(str(path)) and prefix in issues[0].message


@pytest.mark.parametrize(("name", "content"), [("n.json", "42"), ("s.yaml", "just a string\n"),
                                               ("l.json", '[["a", "A"]]'), ("t.yaml", "terms: {zh: 甲}\n")])
def test_wrong_shapes(tmp_path, name, content):
    load_error(write(tmp_path, name, content))


def test_nul_inside_a_csv_cell_is_accepted_and_matches_as_a_space(tmp_path):
    # Documented acceptance: CSV has no character restrictions; matching folds controls to spaces.
    g = Glossary.load(write(tmp_path, "nul.csv", "id,name\na,Vega\x00Orbital Works\n"))
    assert g["a"].name == "Vega\x00Orbital Works"
    assert Normalizer(g).match("Vega Orbital Works").entity_id == "a"


# ---------------------------------------------------------------------------------- YAML safety
@pytest.mark.parametrize(
    "body",
    [
        "- !!python/object/new:os.system [echo pwned]",
        "- !!python/object:aeronorm.Glossary {}",
        "- {id: a, name: A, aliases: !!python/tuple [x]}",
        "- {id: a, name: !!python/name:os.system }",
        "- !Entity {id: a, name: A}",
        "- {id: a, name: !!python/module:os }",
    ],
)
def test_yaml_never_constructs_objects(tmp_path, body, monkeypatch):
    import os

    monkeypatch.setattr(os, "system", lambda *a: pytest.fail("os.system was called"))
    exc = load_error(write(tmp_path, "evil.yaml", f"entities:\n  {body}\n"))
    assert exc.line == 2 and "malformed YAML" in str(exc)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("!!binary aGVsbG8=", "got bytes"), ("!!set {x, y}", "got set"), ("!!timestamp 2020-01-01", "got date"),
     ("!!float 3.5", "got float"), ("[[a]]", "must hold strings only")],
)
def test_safe_yaml_types_that_are_not_strings(tmp_path, value, fragment):
    exc = load_error(write(tmp_path, "t.yaml", f"entities:\n  - id: a\n    name: A\n    aliases: {value}\n"))
    assert fragment in str(exc) and exc.line == 4 and exc.entry == "a"


def test_yaml_alias_bomb_gives_a_short_error_at_once(tmp_path):
    """A few hundred bytes whose aliases expand to 9**9 strings ("billion laughs"): the error
    quotes the value cut short (it once built a 2.3 GB message in 40 s)."""
    lines = ["entities:", "  - id: a", "    name: A", "    aliases:",
             "      k0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"      k{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    path = write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    start = time.perf_counter()
    exc = load_error(path)
    assert time.perf_counter() - start < 2.0
    assert len(str(exc)) < 1000 and "must be a list of strings" in str(exc) and "got mapping" in str(exc)
    issues = lint_files(path)  # the linter collects instead of raising: same bound
    assert [i.code for i in issues] == ["malformed"] and len(issues[0].message) < 1000


def test_yaml_alias_bomb_in_a_term_and_as_an_entity(tmp_path):
    bomb = "[" + ", ".join(["*b"] * 9) + "]"
    text = (f"terms:\n  - {{zh: 甲, en: [a], notes: &b [x, x, x, x, x, x, x, x]}}\n"
            f"  - {{zh: 乙, en: {bomb}}}\n")
    assert len(str(load_error(write(tmp_path, "t.yaml", text)))) < 1000
    text = "entities:\n  - {id: a, name: A, notes: &b [x, x, x, x, x, x, x, x]}\n  - " + bomb + "\n"
    assert len(str(load_error(write(tmp_path, "e.yaml", text)))) < 1000


def test_yaml_merge_keys_are_accepted(tmp_path):
    """Documented acceptance: ``<<: *anchor`` merges a mapping, and the mapping's own keys win
    (it was refused as a "duplicate key")."""
    text = (
        "entities:\n"
        "  - &base {id: vega, name: Vega Orbital Works, aliases: [Vega Orbital], type: org}\n"
        "  - {<<: *base, id: vega-sz, name: Vega Orbital Works Shenzhen}\n"
        "  - {id: lyra, <<: *base, name: Lyra Optics}\n"
    )
    g = Glossary.load(write(tmp_path, "m.yaml", text))
    assert [(e.id, e.name, e.aliases) for e in g] == [
        ("vega", "Vega Orbital Works", ("Vega Orbital",)),
        ("vega-sz", "Vega Orbital Works Shenzhen", ("Vega Orbital",)),
        ("lyra", "Lyra Optics", ("Vega Orbital",)),
    ]
    assert g["vega-sz"].origin.endswith("m.yaml:3")
    assert [i.code for i in g.lint()].count("shared-alias") == 1  # the merged alias is shared: lint says so


def test_yaml_key_written_twice_beside_a_merge_is_still_a_duplicate(tmp_path):
    text = "entities:\n  - &base {id: a, name: A}\n  - {<<: *base, id: b,\n     id: c}\n"
    exc = load_error(write(tmp_path, "d.yaml", text))
    assert "duplicate key 'id'" in str(exc) and exc.line == 4


# ---------------------------------------------------------------------------------- the linter
def test_lint_reports_every_broken_file_of_a_directory(tmp_path):
    write(tmp_path, "a.yaml", "entities:\n  - {id: a, name: Alpha Orbital, zh: 甲}\n  - {id: b, alias: x}\n")
    write(tmp_path, "b.csv", b"id,name,zh\n" + "c,Gamma,丙\n".encode("gbk"))
    write(tmp_path, "c.json", '[{"id": "d", "name": "Delta", "zh": "丁"},')
    issues = lint_files(tmp_path)
    malformed = sorted(i.origin for i in issues if i.code == "malformed")
    assert malformed == [f"{tmp_path / 'a.yaml'}:3", f"{tmp_path / 'b.csv'}:2", f"{tmp_path / 'c.json'}:1"]
    assert all(i.severity == "error" for i in issues if i.code == "malformed")


def test_cli_lint_exits_1_and_names_file_and_line(tmp_path, capsys):
    path = write(tmp_path, "bad.yaml", "entities:\n  - {id: a, name: A, zh: 甲}\n  - {id: b, name: B\x00}\n")
    assert main(["glossary", "lint", str(path), "--standalone"]) == 1
    out = capsys.readouterr().out
    assert f"{path}:3" in out and "U+0000" in out


def test_cli_names_a_broken_glossary_in_one_line(tmp_path, capsys):
    glossary = write(tmp_path, "g.json", '[{"id": "a", "name": "A"}, {"id": "b", "name": 5}]')
    data = write(tmp_path, "in.csv", "org\nA\n")
    assert main(["normalize", str(data), "-c", "org", "-g", str(glossary)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and f"{glossary}:1" in err and "'name' must be a string" in err


# ---------------------------------------------------------------------------------- size
def _rows(n: int) -> list[dict]:
    return [{"id": f"e{i}", "name": f"Orbital Widget Works Number {i}", "zh": "轨道部件公司",
             "aliases": [f"OWW {i}", f"Orbital Widget {i} Co"], "abbreviations": [f"OWW{i}"]}
            for i in range(n)]


def test_a_large_file_of_each_format_loads_with_right_lines(tmp_path):
    """Documented acceptance: size is not limited. docs/reliability.md gives the time and memory
    of 50 MB files (benchmarks/bench_bounds.py); here a few MB, every line number checked."""
    rows = _rows(20_000)
    csv_text = "id,name,zh,aliases,abbreviations\n" + "".join(
        f"{r['id']},{r['name']},{r['zh']},{'|'.join(r['aliases'])},{r['abbreviations'][0]}\n" for r in rows)
    yaml_text = "entities:\n" + "".join(
        f"  - {{id: {r['id']}, name: {r['name']}, zh: {r['zh']}, aliases: [{', '.join(r['aliases'])}]}}\n"
        for r in rows[:5000])
    json_text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n"
    for name, text, n in (("big.csv", csv_text, 20_000), ("big.yaml", yaml_text, 5000),
                          ("big.json", json_text, 20_000)):
        path = write(tmp_path, name, text)
        entities, _ = read_file(path)
        assert len(entities) == n
        assert entities[-1].origin == f"{path}:{n + 1}", (name, entities[-1].origin)  # after a first line
        assert entities[-1].aliases == tuple(rows[n - 1]["aliases"])
