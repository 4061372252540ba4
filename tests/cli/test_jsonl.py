"""JSON Lines: each record's own text kept, the new fields spliced before its closing brace
(issue 15, findings 11 and 12).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aeronorm

from .helpers import NEW, one_line_error, run

# JSON value texts a re-serialiser would change: long decimals, exponents, out-of-range numbers,
# escapes (a lone surrogate too), non-ASCII, nesting.
VALUE_TEXTS = ["3.141592653589793238", "1E5", "1e400", "-0", "0.10", "12345678901234567890123",
               '"bad \\ud800 escape"', '"\\u00e9t\\u00e9"', '"tab\\tand\\nnewline"', '"航天"', "null", "true",
               '[1, 2.50, {"a": 1E2}]', '{"x": {"y": []}}', '"=cmd"', "NaN", "-Infinity"]
ORG_TEXTS = ['"CASIC"', '"NWPU"', '"Moon Bakery"', '""', '"  "', "null", "7", '"\\ud800"', '"C\\u0041SIC"',
             '"=HYPERLINK(1)"', "[1]"]


def _value(text: str):
    return json.loads(text)


def expected_fields(org_text: str | None) -> list:
    """The new fields as documented: canonical (or the name kept), id, score, method."""
    if org_text is None:
        return [None, None, None, None]
    value = _value(org_text)
    if value is None or not isinstance(value, str):
        return [None, None, None, None]
    if not value.strip():
        return [value, None, None, None]
    m = aeronorm.default_normalizer().match(value)
    return [value, None, None, None] if m is None else [m.canonical, m.entity_id, m.score, m.method]


@st.composite
def records(draw):
    keys = draw(st.lists(st.sampled_from(["a", "n", "dup", "é", "x y", "org"]), max_size=5))
    members = []
    org_text = None
    for key in keys:
        text = draw(st.sampled_from(ORG_TEXTS)) if key == "org" else draw(st.sampled_from(VALUE_TEXTS))
        if key == "org":
            org_text = text  # the last one wins, as in every JSON parser
        members.append(json.dumps(key, ensure_ascii=draw(st.booleans())) + draw(st.sampled_from([":", ": "]))
                       + text)
    sep = draw(st.sampled_from([",", ", ", " ,\t"]))
    inner = sep.join(members)
    body = draw(st.sampled_from(["", " "])) + "{" + draw(st.sampled_from(["", " "])) + inner + \
        draw(st.sampled_from(["", " "])) + "}" + draw(st.sampled_from(["", " ", "\t"]))
    return body, org_text, bool(members)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(records(), st.sampled_from(["\n", "\r\n"])), min_size=1, max_size=8))
def test_records_are_kept_byte_for_byte(lines):
    if not any(org is not None for (_, org, _), _ in lines):
        lines = [(('{"org": "CASIC"}', '"CASIC"', True), "\n"), *lines]
    text = "".join(body + eol for (body, _, _), eol in lines)
    with tempfile.TemporaryDirectory() as folder:
        src, out = Path(folder) / "in.jsonl", Path(folder) / "out.jsonl"
        src.write_bytes(text.encode("utf-8", "surrogatepass"))
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = aeronorm.cli.main(["normalize", str(src), "-c", "org", "-o", str(out), "--no-summary"])
        assert code == 0, err.getvalue()
        got = out.read_bytes().decode("utf-8")
    got_lines = got.split("\n")
    assert got_lines[-1] == "" and len(got_lines) == len(lines) + 1
    for ((body, org, nonempty), eol), line in zip(lines, got_lines, strict=False):
        end = len(body.rstrip()) - 1
        assert line.startswith(body[:end]), (body, line)  # everything before the closing brace, as it was
        tail = body[end:] + eol.removesuffix("\n")  # the brace, what followed it, a CR
        assert line.endswith(tail)
        added = line[end: len(line) - len(tail)]
        assert added.startswith(", " if nonempty else '"org_canonical": ')
        assert "NaN" not in added and "Infinity" not in added
        fields = json.loads("{" + added.removeprefix(", ") + "}")
        assert list(fields) == NEW
        want = expected_fields(org)
        assert [fields[k] for k in NEW] == want or (  # a lone surrogate compares by its escape
            json.dumps([fields[k] for k in NEW]) == json.dumps(want))


def test_a_lone_surrogate_passes_through(tmp_path, capsys):
    src = tmp_path / "a.jsonl"
    src.write_text('{"org": "NWPU", "note": "ok"}\n{"org": "CASIC", "note": "bad \\ud800 escape"}\n'
                   '{"org": "Moon\\udc00"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)
    assert code == 0, err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    assert lines[1].startswith('{"org": "CASIC", "note": "bad \\ud800 escape", "org_canonical": ')
    assert lines[2].startswith('{"org": "Moon\\udc00", "org_canonical": "Moon\\udc00", "org_id": null')


def test_numbers_and_duplicate_keys_survive(tmp_path, capsys):
    record = '{"org": "CASIC", "amount": 3.141592653589793238, "e": 1E5, "huge": 1e400, "dup": 1, "dup": 2}'
    src = tmp_path / "b.jsonl"
    src.write_text(record + "\n", encoding="utf-8")
    code, out, _ = run(["normalize", str(src), "-c", "org", "--no-summary"], capsys)
    assert code == 0
    assert out.startswith(record[:-1] + ', "org_canonical": "China Aerospace Science and Industry')
    assert out.endswith('"org_id": "casic", "org_score": 1.0, "org_method": "exact"}\n')


def test_a_record_without_the_column_is_a_missing_value(tmp_path, capsys):
    src = tmp_path / "first.jsonl"
    src.write_text('{"x": 1}\n{"org": "CASIC"}\n{}\n', encoding="utf-8")
    code, out, err = run(["normalize", str(src), "-c", "org"], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0] == {"x": 1, **dict.fromkeys(NEW)}
    assert rows[1]["org_id"] == "casic"
    assert out.splitlines()[2] == ('{"org_canonical": null, "org_id": null, "org_score": null, '
                                   '"org_method": null}')
    assert "missing  2 rows (2 without the column)" in err


def test_no_record_with_the_column_is_an_error(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"name": "CASIC", "n": 1}\n{"name": "NWPU"}\n', encoding="utf-8")
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(tmp_path / "out.jsonl")], capsys)
    assert code == 2
    one_line_error(err, "no record of", "'org'", "'name', 'n'")
    assert not (tmp_path / "out.jsonl").exists()


def test_no_record_with_the_column_writes_nothing_to_stdout(tmp_path, capsys):
    """rt46u #6: the records were streamed to stdout with null fields before the error."""
    src = tmp_path / "in.jsonl"
    src.write_text('{"a": {"b": "NWPU"}}\n' * 3, encoding="utf-8")
    code, out, err = run(["normalize", str(src), "-c", "a.b", "--no-summary"], capsys)
    assert code == 2 and out == ""
    one_line_error(err, "no record of", "'a.b'", "only top-level fields")
    # a record without the column before the first with it: held back, then written in order
    src.write_text('{"x": 1}\n{"org": "NWPU"}\n', encoding="utf-8")
    code, out, err = run(["normalize", str(src), "-c", "org", "--no-summary"], capsys)
    assert code == 0, err
    assert [json.loads(line).get("x") for line in out.splitlines()] == [1, None]


def test_blank_lines_are_skipped_and_counted(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('\n{"org": "CASIC"}\n  \n{"org": "NWPU"}\n\n', encoding="utf-8")
    code, out, err = run(["normalize", str(src), "-c", "org"], capsys)
    assert code == 0
    assert [json.loads(line)["org_id"] for line in out.splitlines()] == ["casic", "nwpu"]
    assert "blank lines skipped: 3" in err


def test_bad_lines_are_errors_naming_the_line(tmp_path, capsys):
    for body, needle in [('{"org": "CASIC"}\n[1, 2]\n', "expected a JSON object, got list"),
                         ('{"org": "CASIC"}\n{"org": \n', "not valid JSON"),
                         ('{"org": "CASIC"}\n' + "[" * 100_000 + "\n", "")]:
        src = tmp_path / "in.jsonl"
        src.write_text(body, encoding="utf-8")
        code, _, err = run(["normalize", str(src), "-c", "org"], capsys)
        assert code == 2
        one_line_error(err, f"{src} line 2", needle)


def test_new_fields_are_never_nan_or_infinity(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"org": NaN}\n{"org": Infinity}\n{"org": 1e400}\n{"org": "CASIC"}\n', encoding="utf-8")
    code, out, err = run(["normalize", str(src), "-c", "org"], capsys)
    assert code == 0
    for line, before in zip(out.splitlines(), ["NaN", "Infinity", "1e400"], strict=False):
        assert line.startswith('{"org": ' + before + ', "org_canonical": null, ')
        fields = json.loads(line, parse_constant=lambda c: math.nan)
        assert fields["org_id"] is None
    assert "not text 2 rows" in err and "1 empty" in err  # NaN is a missing value, like pandas'
