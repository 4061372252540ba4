"""aeronorm.cli: the ``aeronorm`` command (normalize, text, explain, glossary lint|stats)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aeronorm import cli
from aeronorm.cli import normalize as normalize_module
from aeronorm.cli import resolve as resolve_module

ROWS = [
    {"id": "1", "org": "NWPU", "amount": "10"},
    {"id": "2", "org": "China Great Wall Industry Corp.", "amount": "20"},
    {"id": "3", "org": "", "amount": "30"},
    {"id": "4", "org": "Moon Bakery", "amount": "40"},
    {"id": "5", "org": "Northwestern Polytechnic University", "amount": "50"},
    {"id": "6", "org": "NWPU", "amount": "60"},
]
NEW = ["org_canonical", "org_id", "org_score", "org_method"]
NWPU = "Northwestern Polytechnical University"


def write_csv(path: Path, rows=ROWS, delimiter=",") -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=delimiter)
        w.writeheader()
        w.writerows(rows)
    return path


def read_csv(text: str, delimiter=",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def run(argv, capsys) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("aeronorm: error: ")
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], lines[0]


# ---------------------------------------------------------------------------------- normalize
def test_normalize_csv_keeps_columns_and_order(tmp_path, capsys):
    src = write_csv(tmp_path / "orgs.csv")
    code, out, err = run(["normalize", str(src), "--column", "org"], capsys)
    assert code == 0 and err.startswith("aeronorm: 6 rows, 4 distinct names in column 'org'")
    rows = read_csv(out)
    assert list(rows[0]) == ["id", "org", "amount", *NEW]
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert [r["org"] for r in rows] == [r["org"] for r in ROWS]  # the input column is untouched
    assert rows[0]["org_canonical"] == NWPU and rows[0]["org_id"] == "nwpu"
    assert rows[0]["org_score"] == "1.0" and rows[0]["org_method"] == "exact"
    assert rows[1]["org_canonical"] == "China Great Wall Industry Corporation"
    assert [rows[2][c] for c in NEW] == ["", "", "", ""]  # empty passes through
    assert rows[3]["org_canonical"] == "Moon Bakery" and rows[3]["org_id"] == ""  # unknown kept
    assert rows[4]["org_id"] == rows[5]["org_id"] == "nwpu"


def test_normalize_tsv_to_file_and_unknown_empty(tmp_path, capsys):
    src = write_csv(tmp_path / "orgs.tsv", delimiter="\t")
    dst = tmp_path / "out.tsv"
    code, out, _ = run(["normalize", str(src), "-c", "org", "-o", str(dst), "--on-unknown", "empty"], capsys)
    assert code == 0 and out == ""
    rows = read_csv(dst.read_text(encoding="utf-8"), delimiter="\t")
    assert rows[3]["org_canonical"] == "" and rows[0]["org_canonical"] == NWPU


def test_normalize_stdin_stdout(tmp_path):
    data = write_csv(tmp_path / "orgs.csv").read_bytes()
    result = subprocess.run([sys.executable, "-m", "aeronorm", "normalize", "-", "-c", "org"],
                            input=data, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = read_csv(result.stdout.decode())
    assert len(rows) == len(ROWS) and rows[0]["org_canonical"] == NWPU
    assert result.stderr.startswith(b"aeronorm: 6 rows")  # the summary; no progress: not a terminal
    assert b"resolved" not in result.stderr


def test_normalize_jsonl(tmp_path, capsys):
    src = tmp_path / "orgs.jsonl"
    src.write_text("\n".join(json.dumps({"org": r["org"] or None, "n": int(r["id"]), "tags": ["x"]})
                             for r in ROWS) + "\n", encoding="utf-8")
    code, out, _ = run(["normalize", str(src), "-c", "org"], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["n"] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0] == {"org": "NWPU", "n": 1, "tags": ["x"], "org_canonical": NWPU, "org_id": "nwpu",
                       "org_score": 1.0, "org_method": "exact"}
    assert rows[2]["org_canonical"] is None and rows[2]["org_id"] is None


def test_normalize_parquet(tmp_path, capsys):
    pa = pytest.importorskip("pyarrow") if os.environ.get("CI") != "true" else __import__("pyarrow")
    import pyarrow.parquet as pq

    src = tmp_path / "orgs.parquet"
    table = pa.table({"org": [r["org"] or None for r in ROWS], "amount": [int(r["amount"]) for r in ROWS]})
    pq.write_table(table, src)
    dst = tmp_path / "out.parquet"
    code, _, _ = run(["normalize", str(src), "-c", "org", "-o", str(dst)], capsys)
    assert code == 0
    out = pq.read_table(dst)
    assert out.column_names == ["org", "amount", *NEW]
    assert out.column("amount").to_pylist() == [10, 20, 30, 40, 50, 60]
    assert out.column("org_id").to_pylist() == ["nwpu", "cgwic", None, None, "nwpu", "nwpu"]
    assert out.schema.field("org_score").type == pa.float64()


def test_normalize_with_extra_glossary(tmp_path, capsys):
    g = tmp_path / "mine.yaml"
    g.write_text("entities:\n  - {id: moon, name: Moon Bakery Group, type: org, aliases: [Moon Bakery]}\n",
                 encoding="utf-8")
    src = write_csv(tmp_path / "orgs.csv")
    code, out, _ = run(["normalize", str(src), "-c", "org", "--glossary", str(g)], capsys)
    assert code == 0
    rows = read_csv(out)
    assert rows[3]["org_id"] == "moon" and rows[0]["org_id"] == "nwpu"  # added to the shipped glossary
    code, out, _ = run(["normalize", str(src), "-c", "org", "-g", str(g), "--no-default-glossary"], capsys)
    assert read_csv(out)[0]["org_id"] == ""


def test_many_distinct_values_with_a_small_memo(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(normalize_module, "CHUNK_ROWS", 7)
    monkeypatch.setattr(resolve_module, "MEMO_LIMIT", 5)
    names = ["NWPU", "CASIC", "Peking", "X Co", "NWPU"] * 9
    rows = [{"org": name, "i": str(i)} for i, name in enumerate(names)]
    src = write_csv(tmp_path / "many.csv", rows)
    code, out, _ = run(["normalize", str(src), "-c", "org"], capsys)
    assert code == 0
    got = read_csv(out)
    assert [r["i"] for r in got] == [str(i) for i in range(45)]
    assert [r["org_id"] for r in got[:5]] == ["nwpu", "casic", "beijing", "", "nwpu"]
    assert [r["org_id"] for r in got] == [r["org_id"] for r in got[:5]] * 9


@pytest.mark.parametrize(
    ("argv", "needles"),
    [
        (["normalize", "{csv}", "-c", "nope"], ["no column 'nope'", "'id', 'org', 'amount'"]),
        (["normalize", "{tmp}/missing.csv", "-c", "org"], ["cannot read", "missing.csv"]),
        (["normalize", "{tmp}/orgs.txt", "-c", "org"], ["cannot tell the format", "--format"]),
        (["normalize", "{csv}", "-c", "org", "--glossary", "{bad}"], ["malformed glossary", "bad.yaml:2"]),
        (["normalize", "{csv}", "-c", "org", "--glossary", "{tmp}/nothere.yaml"], ["cannot read glossary"]),
        (["normalize", "{badjson}", "-c", "org"], ["line 2", "not valid JSON"]),
        (["normalize", "{badparquet}", "-c", "org"], ["as Parquet"]),
        (["normalize", "{csv}", "-c", "org", "-o", "{tmp}/x.parquet"], ["cannot write csv INPUT as parquet"]),
        (["normalize", "{csv}", "-c", "org", "--type", "planet"], ["unknown type 'planet'"]),
        (["normalize", "{csv}", "-c", "org", "-o", "{csv}"], ["is the same file as INPUT"]),
        (["text", "{tmp}/missing.txt"], ["cannot read", "missing.txt"]),
        (["text", "{binary}"], ["not UTF-8"]),
        (["text", "{tmp}"], ["is a directory"]),
        (["explain", "NWPU", "--glossary", "{bad}"], ["malformed glossary"]),
        (["glossary", "stats", "{tmp}/nothere.yaml"], ["cannot read"]),
        (["normalize", "{csv}"], ["--column"]),
        (["frobnicate"], ["invalid choice"]),
    ],
)
def test_errors_are_one_line_and_exit_2(tmp_path, capsys, argv, needles):
    paths = {
        "tmp": str(tmp_path),
        "csv": str(write_csv(tmp_path / "orgs.csv")),
        "bad": str(tmp_path / "bad.yaml"),
        "badjson": str(tmp_path / "bad.jsonl"),
        "badparquet": str(tmp_path / "bad.parquet"),
        "binary": str(tmp_path / "binary.txt"),
    }
    (tmp_path / "orgs.txt").write_text("org\nNWPU\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("entities:\n  - {id: a, alias: B}\n", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"org": "NWPU"}\n{"org": \n', encoding="utf-8")
    (tmp_path / "bad.parquet").write_bytes(b"not a parquet file")
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00CASIC")
    argv = [a.format(**paths) for a in argv]
    with pytest.raises(SystemExit) if argv[0] == "frobnicate" or "--column" in needles else _null():
        code = cli.main(argv)
        assert code == 2
    err = capsys.readouterr().err
    one_line_error(err, *needles)


class _null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_parser_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["normalize", "x.csv"])
    assert exc.value.code == 2


# ---------------------------------------------------------------------------------- text
def test_text_prints_normalised_documents_and_summary(tmp_path, capsys):
    a = tmp_path / "a.txt"
    a.write_text("Researchers at Northwestern Polytechnic University met CASIC's 6th Academy.\n",
                 encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("NWPU said nothing new", encoding="utf-8")
    code, out, err = run(["text", str(a), str(b)], capsys)
    assert code == 0
    # "6th" stays as written: a rewrite keeps every digit of the text (issue 14)
    assert out == (f"==> {a} <==\nResearchers at {NWPU} met CASIC's 6th Academy.\n"
                   f"\n==> {b} <==\n{NWPU} said nothing new\n")
    assert "2 document(s), 3 mention(s) of 2 entities, 2 rewritten" in err
    assert "'Northwestern Polytechnic University' -> 'Northwestern Polytechnical University'" in err
    assert "Sixth Academy of CASIC [casic-6th-academy, org]: 1 mention(s)" in err
    assert "\"CASIC's 6th Academy\" ->" not in err


def test_text_summary_shows_what_was_written(tmp_path, capsys):
    # the summary reports the text as it now reads (the style's form, the article), not the
    # canonical name
    a = tmp_path / "a.txt"
    a.write_text("The China Aerospace Science and Technology Corporation and MIIT met.", encoding="utf-8")
    code, out, err = run(["text", str(a), "--style", "abbreviation"], capsys)
    assert code == 0 and out.startswith("The CASC and MIIT met.")
    assert "'China Aerospace Science and Technology Corporation' -> 'CASC'" in err
    code, out, err = run(["text", str(a), "--annotate"], capsys)
    assert "'MIIT' -> 'the Ministry of Industry and Information Technology [miit]'" in err


def test_text_annotate_html_and_single_file(tmp_path, capsys):
    a = tmp_path / "a.txt"
    a.write_text("NWPU and Peking", encoding="utf-8")
    report = tmp_path / "report.html"
    code, out, err = run(["text", str(a), "--annotate", "--html", str(report), "--no-summary"], capsys)
    assert code == 0 and err == ""
    assert out == f"{NWPU} [nwpu] and Beijing [beijing]\n"
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and 'data-id="nwpu"' in html and 'data-id="beijing"' in html


def test_text_from_stdin():
    result = subprocess.run([sys.executable, "-m", "aeronorm", "text", "-", "--style", "abbreviation"],
                            input=b"The Northwestern Polytechnical University team.",
                            capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "The NWPU team.\n"
    assert b"1 rewritten" in result.stderr


# ---------------------------------------------------------------------------------- explain, glossary
def test_explain(capsys):
    code, out, _ = run(["explain", "Northwestern Polytechnic University"], capsys)
    assert code == 0 and "Northwestern Polytechnical University [nwpu]" in out and "method:" in out
    code, out, _ = run(["explain", "Moon Bakery"], capsys)
    assert code == 1 and "no match" in out


def test_glossary_stats(capsys, tmp_path):
    code, out, _ = run(["glossary", "stats"], capsys)
    assert code == 0 and out.startswith("entities") and "org" in out
    code, out, _ = run(["glossary", "stats", "--json"], capsys)
    assert json.loads(out)["entities"] > 100
    g = tmp_path / "g.yaml"
    g.write_text("entities:\n  - {id: a, name: Alpha, zh: 甲}\n  - {id: b, name: Beta, zh: 乙}\n",
                 encoding="utf-8")
    code, out, _ = run(["glossary", "stats", str(g), "--json"], capsys)
    assert json.loads(out)["entities"] == 2


def test_glossary_lint(capsys, tmp_path):
    code, out, err = run(["glossary", "lint"], capsys)
    assert code == 0 and "0 errors" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - {id: a, name: A, zh: 甲, parent: nowhere}\n  - {id: b, alias: B}\n",
                   encoding="utf-8")
    code, out, err = run(["glossary", "lint", str(bad)], capsys)
    assert code == 1
    assert "unknown-parent" in out and "malformed" in out and f"{bad}:3" in out
    good = tmp_path / "good.yaml"
    good.write_text("entities:\n  - {id: casc-extra, name: Extra Rocket Lab, zh: 额外火箭, parent: casc}\n",
                    encoding="utf-8")
    assert run(["glossary", "lint", str(good)], capsys)[0] == 0  # parent found in the shipped glossary
    assert run(["glossary", "lint", str(good), "--standalone"], capsys)[0] == 1


# ---------------------------------------------------------------------------------- entry points
def test_console_script_and_module():
    for argv in (["aeronorm"], [sys.executable, "-m", "aeronorm"]):
        if argv == ["aeronorm"] and not _on_path("aeronorm"):
            continue
        result = subprocess.run([*argv, "explain", "NWPU"], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert "[nwpu]" in result.stdout
        result = subprocess.run([*argv, "--version"], capture_output=True, text=True, timeout=60)
        assert result.stdout.startswith("aeronorm ")


def _on_path(name: str) -> bool:
    import shutil

    return shutil.which(name) is not None


def test_explain_and_text_show_the_description(tmp_path, capsys):
    code, out, _ = run(["explain", "Board Member"], capsys)
    assert code == 0 and "Board Director [title-director-board-member]" in out
    assert "description: a member of a company's board of directors" in out
    doc = tmp_path / "a.txt"
    doc.write_text("Liu, Board Member of CASIC, spoke.", encoding="utf-8")
    code, out, err = run(["text", str(doc)], capsys)
    assert code == 0 and out.startswith("Liu, Board Director of China Aerospace Science")
    assert "(a member of a company's board of directors" in err


def test_explain_takes_a_name_unquoted(capsys):
    code, out, _ = run(["explain", "China", "Aerospace", "Foundation"], capsys)
    assert code == 0 and out.startswith("'China Aerospace Foundation' -> ")
    code, out, _ = run(["explain", "Moon", "Bakery", "Xyzzy"], capsys)
    assert code == 1


def test_explain_a_name_starting_with_a_dash(capsys):
    """rt50u #8: ``explain "-CASC"`` said "the following arguments are required: NAME"."""
    for argv in (["explain", "-CASC"], ["explain", "-CASC", "-t", "org"], ["explain", "CASC", "--nope"]):
        with pytest.raises(SystemExit) as exc:
            cli.main(argv)
        assert exc.value.code == 2
        err = capsys.readouterr().err
        word = "--nope" if "--nope" in argv else "-CASC"
        assert f"{word!r} is read as an option" in err and f"aeronorm explain -- {word}" in err
        assert "required: NAME" not in err and len(err.strip().splitlines()) == 1
    code, out, _ = run(["explain", "-t", "org", "--", "-CASC"], capsys)
    assert code == 0 and out.startswith("'-CASC' -> China Aerospace Science and Technology Corporation")
    # options are still options, abbreviated or with their value attached; a negative number is a word
    code, out, _ = run(["explain", "NWPU", "-torg", "--thresh", "0.9"], capsys)
    assert code == 0 and "[nwpu]" in out
    assert run(["explain", "-0.5"], capsys)[0] == 1
    # -g takes every word after it: the message says so instead of only "required: NAME"
    with pytest.raises(SystemExit):
        cli.main(["explain", "-g", "my.yaml", "CASC"])
    err = capsys.readouterr().err
    assert "required: NAME" in err and "give NAME first" in err
    with pytest.raises(SystemExit):
        cli.main(["explain"])
    assert "give NAME first" not in capsys.readouterr().err


def test_help_of_text_and_explain_says_what_options_do(capsys):
    for command, expected in (("text", "abbreviation"), ("explain", "Exit status 0")):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
        assert expected in capsys.readouterr().out


def test_a_utf16_table_is_named_as_such(tmp_path, capsys):
    f = tmp_path / "orgs.csv"
    f.write_bytes("org\nNWPU\n".encode("utf-16"))
    code, _, err = run(["normalize", str(f), "-c", "org"], capsys)
    assert code != 0 and "UTF-16" in err


def test_a_translation_cache_without_a_model_is_refused(capsys):
    assert cli.main(["explain", "CASIC", "--mt-cache", "c.sqlite"]) == 2
    assert "--mt-cache caches translations: give it with --en-zh or --zh-en" in capsys.readouterr().err


def test_a_warning_is_one_line_of_the_commands_own(monkeypatch, capsys):
    # (a translation cache that cannot be written warns; the command says so in one line)
    import warnings

    from aeronorm.cli import explain

    def warn_then_explain(args):
        warnings.warn("CachedTranslator: the cache file c.sqlite cannot be written;\n caching in memory",
                      UserWarning, stacklevel=1)
        return 0

    monkeypatch.setattr(explain, "cmd_explain", warn_then_explain)
    assert cli.main(["explain", "CASIC"]) == 0
    err = capsys.readouterr().err
    assert err == "aeronorm: warning: CachedTranslator: the cache file c.sqlite cannot be written; " \
                  "caching in memory\n"
