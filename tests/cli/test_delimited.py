"""CSV and TSV: every record kept byte for byte, the new cells appended (issue 15, findings 2, 4, 12).

The property tests build random tables with hostile cells (quotes, commas, bare CRs, line breaks,
tabs, NUL, formula starts, BOM, CRLF, blank lines, short and long rows) and check the exact output
text: each original record's text, then the new cells as documented (minimal quoting, formula
guard), then its own line terminator; and that a CSV reader reads every value back.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aeronorm
from aeronorm.cli.formats import delimited

from .helpers import NEW, one_line_error, run

HEADER = ["id", "org", "note"]
FORMULA = ("=", "+", "-", "@", "\t", "\r")


# ---------------------------------------------------------------------------------- the documented cells
def new_cells(value: str | None) -> list[str]:
    """What the documentation says the four new cells of a row are (before quoting)."""
    if value is None:  # the row has no cell in the column
        cells = ["", "", "", ""]
    elif not value.strip():
        cells = [value, "", "", ""]
    else:
        m = aeronorm.default_normalizer().match(value)
        cells = [value, "", "", ""] if m is None else [m.canonical, m.entity_id, repr(round(m.score, 4)),
                                                       m.method]
    return ["'" + c if c.startswith(FORMULA) else c for c in cells]


def minimal(cell: str) -> str:
    if any(ch in cell for ch in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


# ---------------------------------------------------------------------------------- strategies
HOSTILE = st.text(alphabet=st.sampled_from(list(',"\r\n \t=+-@x\x00é航\ufeff')), max_size=8)
NAMES = st.sampled_from(["CASIC", "NWPU", "Moon Bakery", "中國航天科工集團", "", "  ", "=CASIC",
                         "China Great Wall Industry Corp."])
CELL = st.one_of(HOSTILE, NAMES)
ROW = st.one_of(st.just([]), st.lists(CELL, min_size=1, max_size=5))


def blank_extras(draw, rows: list[list[str]]) -> list[list[str]]:
    """Half the tables keep only blank cells past the header's width (a trailing comma: nothing is
    cut, the record is kept); the others may hold a record that is refused (:func:`refused`)."""
    if draw(st.booleans()):
        return rows
    return [row[:3] + [c if not c.strip() else "" for c in row[3:]] for row in rows]


def refused(records) -> int | None:
    """The index of the first record longer than the header with a cell past it that is not blank."""
    for i, (cells, _) in enumerate(records):
        if cells is not None and len(cells) > 3 and any(c.strip() for c in cells[3:]):
            return i
    return None


def line_of(before: str) -> int:
    """The line a record starts on, after the text ``before`` it (universal line ends)."""
    return 1 + len(re.findall(r"\r\n|\r|\n", before))


@st.composite
def csv_tables(draw):
    eol_kind = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    rows = blank_extras(draw, draw(st.lists(ROW, max_size=12)))
    records = []  # (cells or None, raw text)
    for row in rows:
        eol = draw(st.sampled_from(["\n", "\r\n"])) if eol_kind == "mixed" else eol_kind
        if not row:
            records.append((None, eol))
            continue
        # each cell quoted or not (a lone empty cell must be, or the row would be a blank line)
        raw_cells = [('"' + c.replace('"', '""') + '"') if draw(st.booleans()) or (c == "" and len(row) == 1)
                     else minimal(c) for c in row]
        records.append((row, ",".join(raw_cells) + eol))
    header_eol = "\n" if eol_kind == "mixed" else eol_kind
    if records and records[-1][0] is not None and draw(st.booleans()):
        cells, raw = records[-1]
        records[-1] = (cells, _split(raw)[0])  # no terminator after the last record
    bom = "\ufeff" if draw(st.booleans()) else ""
    return bom, header_eol, records


def _split(raw: str) -> tuple[str, str]:
    for eol in ("\r\n", "\n", "\r"):
        if raw.endswith(eol):
            return raw[: -len(eol)], eol
    return raw, ""


def expected_csv(bom: str, header_eol: str, records) -> tuple[str, list[list[str]]]:
    text = bom + ",".join(HEADER) + "," + ",".join(NEW) + header_eol
    rows = [HEADER + NEW]
    for cells, raw in records:
        if cells is None:
            text += raw
            continue
        body, eol = _split(raw)
        new = new_cells(cells[1] if len(cells) > 1 else None)
        if len(cells) <= 3:
            text += body + "," * (1 + 3 - len(cells)) + ",".join(minimal(c) for c in new) + eol
        else:
            text += ",".join(minimal(c) for c in cells[:3] + new + cells[3:]) + eol
        rows.append(cells[:3] + [""] * (3 - len(cells)) + new + cells[3:])
    return text, rows


def _normalize(text: str, suffix: str, *extra: str) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        src, out = Path(folder) / f"in{suffix}", Path(folder) / f"out{suffix}"
        src.write_bytes(text.encode("utf-8"))
        import contextlib

        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = aeronorm.cli.main(["normalize", str(src), "-c", "org", "-o", str(out), "--no-progress",
                                      "--no-summary", *extra])
        return code, (out.read_bytes().decode("utf-8") if out.exists() else ""), err.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_tables())
def test_csv_records_are_kept_byte_for_byte(table):
    bom, header_eol, records = table
    text = bom + ",".join(HEADER) + header_eol + "".join(raw for _, raw in records)
    code, out, err = _normalize(text, ".csv")
    bad = refused(records)
    if bad is not None:  # a record longer than the header with text past it: refused, nothing written
        line = line_of(",".join(HEADER) + header_eol + "".join(raw for _, raw in records[:bad]))
        assert code == 2 and out == "" and f"line {line}: the record has {len(records[bad][0])} cells" in err
        return
    assert code == 0, err
    want, rows = expected_csv(bom, header_eol, records)
    assert out == want
    # and any CSV reader gets every value back, in its row, blank lines aside
    got = [r for r in csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline="")) if r]
    assert got == rows


@st.composite
def tsv_tables(draw):
    cell = st.one_of(st.text(alphabet=st.sampled_from(list(',"\' =+-@x\x00é航')), max_size=8), NAMES)
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    rows = draw(st.lists(st.one_of(st.just([]), st.lists(cell, min_size=2, max_size=5)), max_size=12))
    rows = blank_extras(draw, rows)
    return eol, [(row or None, "\t".join(row) + eol) for row in rows]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tsv_tables())
def test_tsv_records_are_kept_byte_for_byte(table):
    eol, records = table
    text = "\t".join(HEADER) + eol + "".join(raw for _, raw in records)
    code, out, err = _normalize(text, ".tsv")
    bad = refused(records)
    if bad is not None:
        assert code == 2 and out == ""
        assert f"line {bad + 2}: the record has {len(records[bad][0])} cells" in err
        return
    assert code == 0, err
    want = "\t".join(HEADER + NEW) + eol
    for cells, raw in records:
        if cells is None:
            want += raw
            continue
        new = new_cells(cells[1])
        body = raw[: -len(eol)]
        want += (body + "\t" * (1 + 3 - len(cells)) + "\t".join(new) if len(cells) <= 3
                 else "\t".join(cells[:3] + new + cells[3:])) + eol
    assert out == want


# ---------------------------------------------------------------------------------- TSV
def test_tsv_quotes_are_ordinary_characters(tmp_path, capsys):
    src = tmp_path / "in.tsv"
    src.write_text('id\torg\tnote\n1\tCASIC\t"Tiangong" station\n2\tNWPU\t"Long March 5 launch\n'
                   '3\tCASC\tplain\n4\t"NWPU"\tx\n', encoding="utf-8")
    out = tmp_path / "out.tsv"
    assert run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)[0] == 0
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5  # an unbalanced quote swallows nothing
    assert rows[1][2] == '"Tiangong" station' and rows[2][2] == '"Long March 5 launch'
    assert [r[4] for r in rows[1:]] == ["casic", "nwpu", "casc", "nwpu"]
    assert rows[4][1] == '"NWPU"'  # the cell is that text, quotes and all (the matcher folds quotes)


def test_csv_to_tsv_refuses_a_cell_tsv_cannot_hold(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text('id,org,note\n1,CASIC,ok\n2,NWPU,"two\nlines"\n', encoding="utf-8")
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(tmp_path / "out.tsv")], capsys)
    assert code == 2
    one_line_error(err, f"{src} line 3", "'note'", "TSV cannot hold")
    assert not (tmp_path / "out.tsv").exists()


def test_csv_and_tsv_convert_value_for_value(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text('id,org,note\r\n1,CASIC,"a, ""quoted"" note"\r\n2,NWPU,\'x\r\n', encoding="utf-8")
    tsv = tmp_path / "out.tsv"
    assert run(["normalize", str(src), "-c", "org", "-o", str(tsv), "--no-summary"], capsys)[0] == 0
    text = tsv.read_bytes().decode("utf-8")
    assert text.split("\r\n")[1].split("\t")[:3] == ["1", "CASIC", 'a, "quoted" note']
    back = tmp_path / "back.csv"
    code, _, err = run(["normalize", str(tsv), "-c", "org", "--prefix", "again", "-o", str(back)], capsys)
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(back.read_bytes().decode("utf-8"), newline="")))
    assert rows[1][:3] == ["1", "CASIC", 'a, "quoted" note'] and rows[2][:3] == ["2", "NWPU", "'x"]


def test_tool_cells_never_hold_a_tab_or_line_break_in_tsv():
    from aeronorm.cli.columns import text_cells

    assert text_cells(("A\tB\r\nC", "x", 1.0, "exact", None), evidence=False, guard=True, tsv=True) == \
        ["A B  C", "x", "1.0", "exact"]


# ---------------------------------------------------------------------------------- CSV
def test_a_bare_cr_in_a_cell_is_kept_quoted(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_bytes(b'id,org,note\r\n1,CASIC,"cr\rinside"\r\n2,NWPU,ok\r\n')
    out = tmp_path / "out.csv"
    assert run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)[0] == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode(), newline="")))
    assert [r[:3] for r in rows[1:]] == [["1", "CASIC", "cr\rinside"], ["2", "NWPU", "ok"]]
    assert len(rows) == 3 and all(len(r) == 7 for r in rows)


def test_a_bare_cr_in_a_new_cell_is_quoted(tmp_path, capsys):
    """An unknown name holding a CR is copied into COL_canonical, quoted."""
    src = tmp_path / "in.csv"
    src.write_bytes(b'id,org\n1,"Moon\rBakery"\n')
    code, out, _ = run(["normalize", str(src), "-c", "org", "--no-summary"], capsys)
    assert code == 0
    assert out == 'id,org,org_canonical,org_id,org_score,org_method\n1,"Moon\rBakery","Moon\rBakery",,,\n'


def test_crlf_bom_and_quoting_of_untouched_cells_survive(tmp_path, capsys):
    data = '\ufeff"id","org","amount"\r\n"1","CASIC","1,000"\r\n"2","NWPU",""\r\n'
    src = tmp_path / "in.csv"
    src.write_bytes(data.encode("utf-8"))
    out = tmp_path / "out.csv"
    assert run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)[0] == 0
    lines = out.read_bytes().decode("utf-8").split("\r\n")
    assert lines[0] == '\ufeff"id","org","amount",org_canonical,org_id,org_score,org_method'
    assert lines[1].startswith('"1","CASIC","1,000",') and lines[2].startswith('"2","NWPU","",')
    assert lines[3] == ""  # the file still ends with CRLF


def test_blank_lines_stay_blank_lines(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("\nid,org\n1,CASIC\n\n\n2,NWPU\n", encoding="utf-8")
    code, out, err = run(["normalize", str(src), "-c", "org"], capsys)
    assert code == 0
    assert out.split("\n")[:6] == ["", "id,org,org_canonical,org_id,org_score,org_method",
                                   out.split("\n")[2], "", "", out.split("\n")[5]]
    assert out.split("\n")[2].startswith("1,CASIC,") and out.split("\n")[5].startswith("2,NWPU,")
    assert "blank lines kept: 3" in err


def test_an_unclosed_quote_is_an_error_naming_its_line(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text('id,org\n1,"CASIC\n2,NWPU\n3,CASC\n', encoding="utf-8")
    code, _, err = run(["normalize", str(src), "-c", "org"], capsys)
    assert code == 2
    one_line_error(err, f"{src} line 2", "never closed")


@pytest.mark.parametrize(("text", "line", "cells"), [
    # rt50u #7: the value cut at its unquoted comma matched the university, not its Weihai campus
    ("id,org,amount\n1,NWPU,3\n2,Harbin Institute of Technology, Weihai,12.5\n", 3, 4),
    ("org\nNWPU\n\nMoon Bakery Co., Ltd.\n", 4, 2),  # a one-column file: the usual "X Co., Ltd."
])
def test_a_record_longer_than_the_header_is_refused_never_cut(tmp_path, capsys, text, line, cells):
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(text, encoding="utf-8")
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)
    assert code == 2 and not out.exists()
    one_line_error(err, f"{src} line {line}: the record has {cells} cells but the header has",
                   'quote a value that holds a comma ("X Co., Ltd.")')
    tsv = tmp_path / "in.tsv"
    tsv.write_text("id\torg\n1\tMoon\tBakery\n", encoding="utf-8")
    code, _, err = run(["normalize", str(tsv), "-c", "org"], capsys)
    assert code == 2
    one_line_error(err, f"{tsv} line 2: the record has 3 cells", "a TSV cell cannot hold a tab")
    # quoted, the value is read whole
    src.write_text('org,amount\n"Harbin Institute of Technology, Weihai",12.5\n', encoding="utf-8")
    code, printed, err = run(["normalize", str(src), "-c", "org", "--no-summary"], capsys)
    assert code == 0, err
    assert next(csv.DictReader(io.StringIO(printed)))["org_id"] != "hit"


def test_blank_cells_past_the_header_cut_nothing_and_are_kept(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("org\nNWPU,\nCASIC, ,\n", encoding="utf-8")  # trailing commas
    code, out, err = run(["normalize", str(src), "-c", "org", "--no-summary"], capsys)
    assert code == 0, err
    casic = "China Aerospace Science and Industry Corporation Limited"
    assert out.splitlines()[1:] == ["NWPU,Northwestern Polytechnical University,nwpu,1.0,exact,",
                                    f"CASIC,{casic},casic,1.0,exact, ,"]


def test_a_long_cell_is_processed_and_the_limit_restored(tmp_path, capsys):
    before = csv.field_size_limit()
    src = tmp_path / "in.csv"
    src.write_text("org,body\nCASIC," + "x" * 200_000 + "\n", encoding="utf-8")
    code, out, err = run(["normalize", str(src), "-c", "org", "--no-summary"], capsys)
    assert code == 0, err
    assert out.splitlines()[1].endswith("x" * 1000 + ",China Aerospace Science and Industry Corporation "
                                        "Limited,casic,1.0,exact")
    assert csv.field_size_limit() == before  # the glossary reader keeps its own limit


def test_a_cell_over_the_limit_is_an_error_naming_its_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(delimited, "CELL_LIMIT", 1000)
    src = tmp_path / "in.csv"
    src.write_text("org,body\nCASIC,x\nNWPU," + "y" * 1001 + "\n", encoding="utf-8")
    code, _, err = run(["normalize", str(src), "-c", "org"], capsys)
    assert code == 2
    one_line_error(err, f"{src} line 3", "field larger than field limit")


@pytest.mark.parametrize("guard", [True, False])
def test_formula_guard_on_cells_aeronorm_writes_only(tmp_path, capsys, guard):
    glossary = tmp_path / "evil.csv"
    glossary.write_text('id,name,aliases\nevil,"=HYPERLINK(""http://x"",""click"")",evil co\n',
                        encoding="utf-8")
    src = tmp_path / "in.csv"
    src.write_text("org,note\nevil co,=1+1\n@unknown,-x\n", encoding="utf-8")
    argv = ["normalize", str(src), "-c", "org", "-g", str(glossary), "--no-summary"]
    code, out, _ = run(argv + ([] if guard else ["--no-formula-guard"]), capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out, newline="")))
    q = "'" if guard else ""
    assert rows[1] == ["evil co", "=1+1", q + '=HYPERLINK("http://x","click")', "evil", "1.0", "exact"]
    assert rows[2] == ["@unknown", "-x", q + "@unknown", "", "", ""]  # the user's own cells unchanged


def test_a_column_named_twice_is_ambiguous(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("org,x,org\nCASIC,1,NWPU\n", encoding="utf-8")
    code, _, err = run(["normalize", str(src), "-c", "org"], capsys)
    assert code == 2
    one_line_error(err, "'org' appears 2 times", "columns 1, 3")
