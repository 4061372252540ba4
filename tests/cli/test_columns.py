"""Existing columns are never overwritten or duplicated silently (issue 15, finding 3)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .helpers import NEW, one_line_error, run


def _csv(tmp_path, text: str, name: str = "in.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_clash_is_refused_naming_the_columns(tmp_path, capsys):
    src = _csv(tmp_path, "org,org_id,org_method\nCASIC,SUPPLIER-0042,manual\n")
    out = tmp_path / "out.csv"
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)
    assert code == 2
    one_line_error(err, "'org_id', 'org_method'", "--prefix", "--overwrite-columns")
    assert not out.exists()


def test_rerunning_on_the_own_output_is_refused_then_allowed(tmp_path, capsys):
    src = _csv(tmp_path, "id,org\n1,CASIC\n2,Moon Bakery\n")
    once, twice = tmp_path / "once.csv", tmp_path / "twice.csv"
    assert run(["normalize", str(src), "-c", "org", "-o", str(once)], capsys)[0] == 0
    code, _, err = run(["normalize", str(once), "-c", "org", "-o", str(twice)], capsys)
    assert code == 2 and not twice.exists()
    one_line_error(err, "'org_canonical', 'org_id', 'org_score', 'org_method'", "earlier run")
    # replaced in place: same header, same values, no duplicate
    assert run(["normalize", str(once), "-c", "org", "-o", str(twice), "--overwrite-columns"], capsys)[0] == 0
    assert twice.read_bytes() == once.read_bytes()
    # or written beside, under other names
    third = tmp_path / "third.csv"
    assert run(["normalize", str(once), "-c", "org", "-o", str(third), "--prefix", "org2"], capsys)[0] == 0
    header = third.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == ["id", "org", *NEW, "org2_canonical", "org2_id", "org2_score", "org2_method"]


def test_overwrite_puts_values_in_place_and_keeps_other_columns(tmp_path, capsys):
    src = _csv(tmp_path, 'org_id,org,"a, b"\r\nSUPPLIER-1,CASIC,"x, y"\r\nSUPPLIER-2,Moon Bakery,z\r\n')
    code, out, err = run(["normalize", str(src), "-c", "org", "--overwrite-columns", "--no-summary"], capsys)
    assert code == 0, err
    assert out.split("\r\n")[0] == 'org_id,org,"a, b",org_canonical,org_score,org_method'
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[1][:3] == ["casic", "CASIC", "x, y"] and rows[2][:3] == ["", "Moon Bakery", "z"]


def test_the_input_column_itself_is_never_replaced(tmp_path, capsys):
    src = _csv(tmp_path, "org_id,x\nCASIC,1\n")
    code, _, err = run(["normalize", str(src), "-c", "org_id", "--prefix", "org", "--overwrite-columns"],
                       capsys)
    assert code == 2
    one_line_error(err, "would replace the input column itself")


def test_a_column_twice_cannot_be_overwritten(tmp_path, capsys):
    src = _csv(tmp_path, "org,org_id,org_id\nCASIC,a,b\n")
    code, _, err = run(["normalize", str(src), "-c", "org", "--overwrite-columns"], capsys)
    assert code == 2
    one_line_error(err, "'org_id' 2 times")


def test_jsonl_clash_is_refused_naming_line_and_fields(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"org": "NWPU"}\n{"org": "CASIC", "org_id": "SUPPLIER-0042", "org_method": "manual"}\n',
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)
    assert code == 2 and not out.exists()
    one_line_error(err, f"{src} line 2", "fields 'org_id', 'org_method'")


def test_jsonl_overwrite_keeps_other_members_byte_identical(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"org_id":"old",  "org": "CASIC","big": 1E5, "org_id": "older", "z": [1.50]}\n',
                   encoding="utf-8")
    code, out, _ = run(["normalize", str(src), "-c", "org", "--overwrite-columns", "--no-summary"], capsys)
    assert code == 0
    assert out.startswith('{"org": "CASIC", "big": 1E5, "z": [1.50], "org_canonical": "China Aerospace')
    assert json.loads(out)["org_id"] == "casic" and out.count('"org_id"') == 1


def test_evidence_column(tmp_path, capsys):
    src = _csv(tmp_path, "org\nNorthwestern Polytechnic University\nMoon Bakery\n")
    code, out, _ = run(["normalize", str(src), "-c", "org", "--evidence", "--no-summary"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert list(rows[0]) == ["org", *NEW, "org_evidence"]
    assert rows[0]["org_evidence"] and rows[1]["org_evidence"] == ""


# ---------------------------------------------------------------------------------- Parquet
@pytest.fixture()
def pq(optional):
    optional("pyarrow")
    import pyarrow.parquet

    return pyarrow.parquet


def test_parquet_clash_refused_and_overwrite_reads_back(tmp_path, capsys, pq):
    import pyarrow as pa

    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"org": ["CASIC", None], "org_id": [42, 43], "n": [1, 2]}), src)
    out = tmp_path / "out.parquet"
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)
    assert code == 2 and not out.exists()
    one_line_error(err, "'org_id'")
    assert run(["normalize", str(src), "-c", "org", "-o", str(out), "--overwrite-columns"], capsys)[0] == 0
    table = pq.read_table(out)  # unique names: readable
    assert table.column_names == ["org", "org_id", "n", "org_canonical", "org_score", "org_method"]
    assert table.column("org_id").to_pylist() == ["casic", None]
    assert table.column("n").to_pylist() == [1, 2]


def test_parquet_prefix_and_evidence(tmp_path, capsys, pq):
    import pyarrow as pa

    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"org": ["NWPU"]}), src)
    out = tmp_path / "out.parquet"
    argv = ["normalize", str(src), "-c", "org", "-o", str(out), "--prefix", "who", "--evidence"]
    assert run(argv, capsys)[0] == 0
    table = pq.read_table(out)
    assert table.column_names == ["org", "who_canonical", "who_id", "who_score", "who_method", "who_evidence"]
    assert table.column("who_id").to_pylist() == ["nwpu"]


@pytest.mark.parametrize("command", ["normalize", "cluster"])
def test_a_missing_column_shows_stray_spaces_and_the_near_name(tmp_path, capsys, command):
    """rt46u #6: 'no column 'org' in sp.csv (columns: id, org)' hid the space of ' org'."""
    src = _csv(tmp_path, "id, org\n1, NWPU\n")
    code, out, err = run([command, str(src), "-c", "org", "--no-summary"], capsys)
    assert code == 2 and out == ""
    one_line_error(err, "'org'", "(columns: 'id', ' org')", "did you mean ' org'?")
    src = _csv(tmp_path, "ORG \nNWPU\n")
    code, _, err = run([command, str(src), "-c", "org", "--no-summary"], capsys)
    one_line_error(err, "(columns: 'ORG ')", "did you mean 'ORG '?")
    code, _, err = run([command, str(src), "-c", "name", "--no-summary"], capsys)
    assert "did you mean" not in one_line_error(err, "'name'")


def test_a_missing_parquet_column_shows_the_near_name(tmp_path, capsys):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"Org ": ["NWPU"]}), src)
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(tmp_path / "out.parquet")], capsys)
    assert code == 2
    one_line_error(err, "(columns: 'Org ')", "did you mean 'Org '?")
