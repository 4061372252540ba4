"""OUTPUT may never be a file the command reads, however it is reached (issue 15, finding 1).

Each way of reaching INPUT is refused with exit status 2, one line naming both, and INPUT is left
byte-identical.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .helpers import command, env, one_line_error, run, temp_files

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="hard links and FIFOs as on POSIX")

DATA = b"id,org\r\n" + b"".join(b"%d,CASIC\r\n" % i for i in range(200))


@pytest.fixture()
def table(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(DATA)
    return path


def _refused(code: int, err: str, *needles: str) -> None:
    assert code == 2
    one_line_error(err, "same file", "never writes over a file it reads", *needles)


@pytest.mark.parametrize("how", ["same name", "relative", "hard link", "symlink", "symlinked folder",
                                 "symlink chain"])
def test_output_reaching_input_is_refused(tmp_path, table, capsys, monkeypatch, how):
    monkeypatch.chdir(tmp_path)
    if how == "same name":
        out = str(table)
    elif how == "relative":
        out = "./sub/../a.csv"
        (tmp_path / "sub").mkdir()
    elif how == "hard link":
        os.link(table, tmp_path / "b.csv")
        out = str(tmp_path / "b.csv")
    elif how == "symlink":
        (tmp_path / "b.csv").symlink_to(table)
        out = str(tmp_path / "b.csv")
    elif how == "symlinked folder":
        (tmp_path / "alias").symlink_to(tmp_path, target_is_directory=True)
        out = str(tmp_path / "alias" / "a.csv")
    else:
        (tmp_path / "b.csv").symlink_to(table)
        (tmp_path / "c.csv").symlink_to(tmp_path / "b.csv")
        out = str(tmp_path / "c.csv")
    code, _, err = run(["normalize", str(table), "-c", "org", "-o", out], capsys)
    _refused(code, err, "INPUT")
    assert table.read_bytes() == DATA
    assert temp_files(tmp_path) == []


def test_stdin_redirected_from_output_is_refused(tmp_path, table):
    with open(table, "rb") as stdin:
        result = subprocess.run(command("normalize", "-", "-c", "org", "-o", str(table)), stdin=stdin,
                                capture_output=True, text=True, env=env(), timeout=120)
    _refused(result.returncode, result.stderr, "INPUT stdin")
    assert table.read_bytes() == DATA


def test_stdout_appending_to_input_is_refused(tmp_path, table):
    """``aeronorm normalize a.csv >> a.csv`` would read its own output for ever."""
    with open(table, "ab") as stdout:
        result = subprocess.run(command("normalize", str(table), "-c", "org"), stdout=stdout,
                                stderr=subprocess.PIPE, text=True, env=env(), timeout=120)
    _refused(result.returncode, result.stderr, "OUTPUT stdout")
    assert table.read_bytes() == DATA


def test_output_over_a_glossary_is_refused(tmp_path, table, capsys):
    glossary = tmp_path / "mine.csv"
    glossary.write_text("id,name\nmoon,Moon Bakery\n", encoding="utf-8")
    before = glossary.read_bytes()
    link = tmp_path / "g-link.csv"
    link.symlink_to(glossary)
    code, _, err = run(["normalize", str(table), "-c", "org", "-g", str(glossary), "-o", str(link)], capsys)
    _refused(code, err, "glossary")
    assert glossary.read_bytes() == before


@pytest.mark.parametrize("how", ["same name", "hard link", "symlink"])
def test_text_html_report_over_a_document_is_refused(tmp_path, capsys, how):
    doc = tmp_path / "doc.txt"
    doc.write_text("CASIC met NWPU.\n", encoding="utf-8")
    report = doc
    if how == "hard link":
        report = tmp_path / "report.html"
        os.link(doc, report)
    elif how == "symlink":
        report = tmp_path / "report.html"
        report.symlink_to(doc)
    code, out, err = run(["text", str(doc), "--html", str(report), "--no-summary"], capsys)
    _refused(code, err, "--html", "FILE")
    assert out == ""  # refused before any output
    assert doc.read_text(encoding="utf-8") == "CASIC met NWPU.\n"


def test_text_html_report_over_stdin_file_is_refused(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("CASIC met NWPU.\n", encoding="utf-8")
    with open(doc, "rb") as stdin:
        result = subprocess.run(command("text", "-", "--html", str(doc)), stdin=stdin, capture_output=True,
                                text=True, env=env(), timeout=120)
    _refused(result.returncode, result.stderr, "FILE stdin")
    assert doc.read_text(encoding="utf-8") == "CASIC met NWPU.\n"


def test_a_different_file_is_fine(tmp_path, table, capsys):
    """The guard compares identities: a copy of INPUT, or an existing OUTPUT, is written."""
    out = tmp_path / "out.csv"
    out.write_bytes(DATA)  # same content, another file
    code, _, err = run(["normalize", str(table), "-c", "org", "-o", str(out), "--no-summary"], capsys)
    assert code == 0, err
    assert out.read_bytes().startswith(b"id,org,org_canonical,org_id,org_score,org_method\r\n")
    assert table.read_bytes() == DATA
