"""``aeronorm cluster``: a column's draft glossary, review table and page; the round trip."""

from __future__ import annotations

import csv
import gzip
import io
import json

import pytest

from .helpers import one_line_error, run, temp_files

ROWS = [
    ("supplier", "amount"),
    ("Northwestern Polytechnical University", "1"),
    ("西北工业大学", "2"),
    ("Xibei Gongye Daxue", "3"),
    ("NWPU", "4"),
    ("NWPU", "5"),
    ("", "6"),
    ("Jade Lake Tracking Station (JLTS)", "7"),
    ("JLTS", "8"),
    ("=cmd|' /C calc'!A0", "9"),
    ("CASC", "10"),
    ("CASIC", "11"),
]


def write_csv(path, rows=ROWS):
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def test_writes_the_draft_glossary_review_table_and_page(tmp_path, capsys):
    table = tmp_path / "suppliers.csv"
    write_csv(table)
    draft, review, page = tmp_path / "draft.yaml", tmp_path / "review.csv", tmp_path / "review.html"
    code, out, err = run(["cluster", str(table), "-c", "supplier", "-o", str(draft), "--review", str(review),
                          "--html", str(page)], capsys)
    assert code == 0, err
    assert out == ""
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("# Draft glossary proposed by `aeronorm cluster`")
    assert "name: Northwestern Polytechnical University" in text and "zh: 西北工业大学" in text
    assert "CASC" not in text  # a value alone is no entity of the draft (--min-size 2)
    with open(review, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 9  # every distinct non-empty value once
    guarded = [r["value"] for r in rows if "calc" in r["value"]]
    assert guarded == ["'=cmd|' /C calc'!A0"]  # a spreadsheet formula is neutralised
    assert {r["evidence"] for r in rows} >= {"", "acronym defined", "pinyin"}
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Northwestern Polytechnical University" in html
    assert "11 rows, 9 distinct values, 1 missing" in err
    assert "draft glossary: 2 entities" in err
    assert temp_files(tmp_path) == []


def test_placeholders_are_left_out_and_listed_in_the_review_table(tmp_path, capsys):
    table = tmp_path / "suppliers.csv"
    write_csv(table, [("supplier",), ("N/A",), ("NULL",), ("null",), ("-",), ("Moon Bakery",),
                      ("MOON BAKERY",)])
    draft, review, page = tmp_path / "draft.yaml", tmp_path / "review.csv", tmp_path / "review.html"
    code, _, err = run(["cluster", str(table), "-c", "supplier", "-o", str(draft), "--review", str(review),
                        "--html", str(page), "--min-size", "1"], capsys)
    assert code == 0, err
    text = draft.read_text(encoding="utf-8")
    assert "name: Moon Bakery" in text and "N/A" not in text and "id: cluster" not in text
    assert "null" not in text.lower().replace("'null'", "")
    with open(review, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    left = {r["value"]: r for r in rows if r["evidence"] == "left out"}
    assert set(left) == {"N/A", "NULL", "null", "'-"}  # '-' has the formula guard, as every cell
    assert left["N/A"]["detail"] == "placeholder, not a name" and left["N/A"]["cluster"] == ""
    assert "Values left out" in page.read_text(encoding="utf-8")
    assert "4 placeholders or punctuation only (left out" in err


def test_the_draft_makes_normalize_map_every_member(tmp_path, capsys):
    table = tmp_path / "suppliers.csv"
    write_csv(table)
    draft = tmp_path / "draft.yaml"
    code, _, err = run(["cluster", str(table), "-c", "supplier", "-o", str(draft), "--no-summary"],
                       capsys)
    assert code == 0, err
    code, out, err = run(["normalize", str(table), "-c", "supplier", "--glossary", str(draft),
                          "--no-default-glossary", "--no-summary"], capsys)
    assert code == 0, err
    got = {r["supplier"]: r["supplier_canonical"] for r in csv.DictReader(io.StringIO(out))}
    for value in ("Northwestern Polytechnical University", "西北工业大学", "Xibei Gongye Daxue", "NWPU"):
        assert got[value] == "Northwestern Polytechnical University"
    assert got["JLTS"] == got["Jade Lake Tracking Station (JLTS)"] == "Jade Lake Tracking Station"


def test_draft_to_stdout_and_tsv_review(tmp_path, capsys):
    table = tmp_path / "suppliers.tsv"
    table.write_text("\n".join("\t".join(r) for r in ROWS) + "\n", encoding="utf-8")
    review = tmp_path / "review.tsv"
    code, out, err = run(["cluster", str(table), "-c", "supplier", "--review", str(review),
                          "--min-size", "1"], capsys)
    assert code == 0, err
    assert "entities:" in out and "name: CASC" in out  # --min-size 1: every value is an entity
    lines = review.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:3] == ["cluster", "canonical", "zh"]
    assert all(len(line.split("\t")) == len(lines[0].split("\t")) for line in lines)


def test_jsonl_input_with_absent_fields_and_numbers(tmp_path, capsys):
    table = tmp_path / "suppliers.jsonl"
    records = [{"supplier": "JLTS"}, {"supplier": "Jade Lake Tracking Station (JLTS)"}, {"other": 1},
               {"supplier": 5}, {"supplier": None}]
    table.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    code, out, err = run(["cluster", str(table), "-c", "supplier"], capsys)
    assert code == 0, err
    assert "name: Jade Lake Tracking Station" in out
    assert "1 absent" in err and "1 not text" in err and "1 missing" in err


def test_parquet_input(tmp_path, capsys):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = tmp_path / "suppliers.parquet"
    column = ["JLTS", "Jade Lake Tracking Station (JLTS)", None]
    pq.write_table(pa.table({"supplier": column, "n": [1, 2, 3]}), table)
    code, out, err = run(["cluster", str(table), "-c", "supplier"], capsys)
    assert code == 0, err
    assert "name: Jade Lake Tracking Station" in out


def test_anchoring_to_the_shipped_glossary(tmp_path, capsys):
    table = tmp_path / "suppliers.csv"
    write_csv(table)
    review = tmp_path / "review.csv"
    code, _, err = run(["cluster", str(table), "-c", "supplier", "--anchor", "--review", str(review)],
                       capsys)
    assert code == 0, err
    with open(review, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    nwpu = {r["entity_id"] for r in rows if r["value"] in ("NWPU", "西北工业大学")}
    assert nwpu == {"nwpu"}
    assert "anchored to known entities" in err


@pytest.mark.parametrize(("argv", "needle"), [
    (["-c", "nope"], "the column 'nope' is not in the header"),
    (["-c", "supplier", "--threshold", "2"], "--threshold must be within 0..1"),
    (["-c", "supplier", "--min-size", "0"], "--min-size must be 1 or more"),
    (["-c", "supplier", "--type", "company"], "unknown type 'company'"),
    (["-c", "supplier", "--no-default-glossary"], "--no-default-glossary needs"),
])
def test_bad_options_give_one_line(tmp_path, capsys, argv, needle):
    table = tmp_path / "suppliers.csv"
    write_csv(table)
    code, _, err = run(["cluster", str(table), *argv], capsys)
    assert code == 2
    one_line_error(err, needle)


def test_never_writes_over_the_input(tmp_path, capsys):
    table = tmp_path / "suppliers.csv"
    write_csv(table)
    before = table.read_bytes()
    for option in ("-o", "--review", "--html"):
        code, _, err = run(["cluster", str(table), "-c", "supplier", option, str(table)], capsys)
        assert code == 2
        one_line_error(err, "is the same file as INPUT")
    assert table.read_bytes() == before


def test_outputs_must_differ(tmp_path, capsys):
    table = tmp_path / "suppliers.csv"
    write_csv(table)
    out = tmp_path / "same.yaml"
    code, _, err = run(["cluster", str(table), "-c", "supplier", "-o", str(out), "--html", str(out)], capsys)
    assert code == 2
    one_line_error(err, "three different files")
    code, _, err = run(["cluster", str(table), "-c", "supplier", "--review", "-", "-o", "-"], capsys)
    assert code == 2
    one_line_error(err, "only one of the draft glossary (-o), --review and --html can go to stdout")


@pytest.mark.parametrize("option", ["--html", "--review"])
def test_stdout_taken_by_the_default_draft_says_so(tmp_path, capsys, option):
    """rt48u #7: '--html -' without -o blamed '-o', which the user never gave."""
    table = tmp_path / "suppliers.csv"
    write_csv(table)
    code, out, err = run(["cluster", str(table), "-c", "supplier", option, "-"], capsys)
    assert code == 2 and out == ""
    one_line_error(err, f"{option} cannot go to stdout", "goes there by default", "-o DRAFT.yaml")
    argv = ["cluster", str(table), "-c", "supplier", option, "-", "-o", str(tmp_path / "d.yaml")]
    code, out, err = run(argv, capsys)
    assert code == 0 and out and "stdout" in err, err


@pytest.mark.parametrize("outputs", [[], ["--review", "r.csv", "--html", "h.html"], ["-o", "d.json"],
                                     ["-o", "d.yaml", "--review", "r.jsonl"], ["--review", "r.parquet"]])
def test_a_lone_surrogate_is_refused_before_any_output(tmp_path, capsys, outputs):
    """rt48u #2: a lone surrogate (valid JSON "\\ud800", which normalize keeps) gave a raw
    UnicodeEncodeError for CSV, Parquet and HTML, and the draft wrote it as U+FFFD unsaid."""
    table = tmp_path / "sur.jsonl"
    table.write_text('{"n": "Moon Bakery Co."}\n{"n": "Moon Bakery \\ud800 Co."}\n'
                     '{"n": "Moon Bakery \\ud800 Co., Ltd."}\n', encoding="utf-8")
    for i in range(1, len(outputs), 2):
        (tmp_path / outputs[i]).write_bytes(b"previous")
    argv = ["cluster", str(table), "-c", "n",
            *[str(tmp_path / a) if i % 2 else a for i, a in enumerate(outputs)]]
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    line = one_line_error(err, f"{table} line 2", '"Moon Bakery \\ud800 Co."', "lone surrogate",
                          "nothing was written")
    assert ("(stdout)" in line) == ("-o" not in outputs)
    for name in outputs[1::2]:
        assert name in line and (tmp_path / name).read_bytes() == b"previous"
    assert temp_files(tmp_path) == []


def test_a_tsv_review_refuses_a_value_with_a_tab_or_line_break(tmp_path, capsys):
    """rt48u #7: '--review r.tsv' wrote 'Moon\\tBakery Co.' as 'Moon Bakery Co.' unsaid: it no
    longer joined back to the column. CSV and JSON Lines keep it."""
    table = tmp_path / "tab.csv"
    write_csv(table, [("n",), ("Moon\tBakery Co.",), ("Moon Bakery Co., Ltd.",), ("Sun\nFoods",)])
    review = tmp_path / "r.tsv"
    code, out, err = run(["cluster", str(table), "-c", "n", "--review", str(review)], capsys)
    assert code == 2 and out == "" and not review.exists()
    one_line_error(err, f"--review {review} as TSV", "'Moon\\tBakery Co.' holds a tab", ".csv or .jsonl")
    for name in ("r.csv", "r.jsonl"):
        argv = ["cluster", str(table), "-c", "n", "--review", str(tmp_path / name), "--no-summary"]
        code, _, err = run(argv, capsys)
        assert code == 0, err
    with open(tmp_path / "r.csv", encoding="utf-8", newline="") as f:
        assert {"Moon\tBakery Co.", "Sun\nFoods"} <= {r["value"] for r in csv.DictReader(f)}
    records = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {"Moon\tBakery Co.", "Sun\nFoods"} <= {r["value"] for r in records}


def test_a_record_longer_than_the_header_is_refused(tmp_path, capsys):
    """rt50u #7: the extra cells were dropped, so the draft clustered a value cut at its comma."""
    table = tmp_path / "suppliers.csv"
    table.write_text("supplier\nNWPU\nChina Communications Construction Company Limited, Beijing, China\n"
                     "NWPU,\n", encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    code, _, err = run(["cluster", str(table), "-c", "supplier", "-o", str(draft)], capsys)
    assert code == 2 and not draft.exists()
    one_line_error(err, f"{table} line 3: the record has 3 cells but the header has 1 ('supplier')",
                   "quote a value that holds a comma")
    table.write_text('supplier\nNWPU\n"China Communications Construction Company Limited, Beijing, China"\n'
                     "NWPU,\n", encoding="utf-8")  # quoted; a trailing comma cuts nothing
    code, _, err = run(["cluster", str(table), "-c", "supplier", "-o", str(draft)], capsys)
    assert code == 0, err


def test_empty_file(tmp_path, capsys):
    table = tmp_path / "empty.csv"
    table.write_text("", encoding="utf-8")
    code, _, err = run(["cluster", str(table), "-c", "supplier"], capsys)
    assert code == 2
    one_line_error(err, "empty file")


def test_units_with_parent_rolls_units_up_into_the_parents_entity(tmp_path, capsys):
    table = tmp_path / "units.csv"
    write_csv(table, [("org",), ("Velmora University",), ("Velmora University Shenzhen Research Institute",),
                      ("Tarsen Group",), ("Tarsen Group 705 Institute",), ("CASIC",)])
    code, out, err = run(["cluster", str(table), "-c", "org"], capsys)
    assert code == 0, err
    assert out.rstrip().endswith("entities: []")  # by default a unit is an entity of its own
    code, out, err = run(["cluster", str(table), "-c", "org", "--units", "with_parent"], capsys)
    assert code == 0, err
    assert "name: Velmora University\n" in out and "- Velmora University Shenzhen Research Institute" in out
    assert "name: Tarsen Group\n" in out and "evidence: unit" in out
    assert "2 units joined their parent's cluster" in err
    code, _, err = run(["cluster", str(table), "-c", "org", "--units", "parents"], capsys)
    assert code == 2
    one_line_error(err, "units must be one of")


def test_outputs_follow_their_extension(tmp_path, capsys):
    """rt45u #6: every --review was CSV and every draft YAML, whatever the name said."""
    table = tmp_path / "suppliers.csv"
    write_csv(table)
    review_csv, review_gz, review_jsonl = (tmp_path / "r.csv", tmp_path / "r.tsv.gz", tmp_path / "r.jsonl")
    for review in (review_csv, review_gz, review_jsonl):
        code, _, err = run(["cluster", str(table), "-c", "supplier", "--review", str(review), "--no-summary"],
                           capsys)
        assert code == 0, err
    with open(review_csv, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    tsv = gzip.decompress(review_gz.read_bytes()).decode("utf-8").splitlines()
    assert [line.split("\t")[7] for line in tsv[1:]] == [r["value"] for r in rows]
    records = [json.loads(line) for line in review_jsonl.read_text(encoding="utf-8").splitlines()]
    assert [r["value"] for r in records] == [r["value"].removeprefix("'") for r in rows]  # no formula guard
    assert isinstance(records[0]["size"], int) and records[0]["score"] is None
    # the draft as JSON reads back as the YAML one: normalize maps the column alike
    drafts = {}
    for name in ("draft.yaml", "draft.json"):
        draft = tmp_path / name
        code, _, err = run(["cluster", str(table), "-c", "supplier", "-o", str(draft), "--no-summary"],
                           capsys)
        assert code == 0, err
        code, out, err = run(["normalize", str(table), "-c", "supplier", "--glossary", str(draft),
                              "--no-default-glossary", "--no-summary"], capsys)
        assert code == 0, err
        drafts[name] = out
    assert json.loads((tmp_path / "draft.json").read_text(encoding="utf-8"))["entities"]
    assert drafts["draft.json"] == drafts["draft.yaml"] and "Northwestern Polytechnical University" in out


def test_a_parquet_review_table(tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    table = tmp_path / "suppliers.csv"
    write_csv(table)
    review = tmp_path / "r.parquet"
    argv = ["cluster", str(table), "-c", "supplier", "--review", str(review), "--no-summary"]
    code, _, err = run(argv, capsys)
    assert code == 0, err
    got = pq.read_table(review).to_pylist()
    assert len(got) == 9 and {"=cmd|' /C calc'!A0", "NWPU"} <= {r["value"] for r in got}
    assert str(pq.read_schema(review).field("count").type) == "int64"


@pytest.mark.parametrize(("option", "name", "needle"), [
    ("-o", "draft.csv", "a CSV or TSV glossary cannot hold every draft"),
    ("-o", "draft.tsv", "a CSV or TSV glossary cannot hold every draft"),
    ("-o", "draft.yaml.gz", "not compressed"),
    ("-o", "draft.txt", "cannot tell its format from the extension '.txt'"),
    ("-o", "draft", "a name without extension"),
    ("--review", "r.txt", "cannot tell the format of --review"),
    ("--review", "r.xlsx", "cannot tell the format of --review"),
    ("--review", "r.parquet.gz", "Parquet is compressed within"),
])
def test_a_name_whose_format_cannot_be_written_is_refused(tmp_path, capsys, option, name, needle):
    table = tmp_path / "suppliers.csv"
    write_csv(table)
    code, out, err = run(["cluster", str(table), "-c", "supplier", option, str(tmp_path / name)], capsys)
    assert code == 2 and out == ""
    line = one_line_error(err, needle)
    assert ".yaml" in line if option == "-o" else ".csv, .tsv, .jsonl or .parquet" in line
    assert [p.name for p in tmp_path.iterdir()] == ["suppliers.csv"]
