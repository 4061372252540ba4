"""``aeronorm text`` where its output cannot go, or its input is UTF-16 without a byte order
mark: a one-line error naming what is wrong, never a traceback, nothing half printed. Invented
sentences."""

from __future__ import annotations

import io
import sys

import pytest

from aeronorm import cli

SENTENCE = "Our guests from NWPU walked round the 西湖 lake at dusk.\n"


def one_line_error(err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("aeronorm: error: "), err
    assert all(needle in lines[0] for needle in needles), lines[0]


def test_a_stdout_that_cannot_encode_the_text_is_named(tmp_path, monkeypatch, capsys):
    doc = tmp_path / "visit.txt"
    doc.write_text(SENTENCE, encoding="utf-8")
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="latin-1"))
    code = cli.main(["text", str(doc), "--no-summary"])
    one_line_error(capsys.readouterr().err, "cannot write stdout", "latin-1", "PYTHONIOENCODING=utf-8")
    assert code == 2 and raw.getvalue() == b""


def test_a_closed_stdout_is_named(tmp_path, monkeypatch, capsys):
    doc = tmp_path / "visit.txt"
    doc.write_text(SENTENCE, encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", None)  # as Python starts with ">&-"
    code = cli.main(["text", str(doc), "--no-summary"])
    assert code == 2
    one_line_error(capsys.readouterr().err, "cannot write stdout", "closed")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_refused(tmp_path, capsys, codec):
    doc = tmp_path / "visit.txt"
    doc.write_bytes(SENTENCE.encode(codec))
    code, (out, err) = cli.main(["text", str(doc), "--no-summary"]), capsys.readouterr()
    assert code == 2 and out == ""
    one_line_error(err, "visit.txt", "UTF-16 without a byte order mark", "re-save it as UTF-8")


def test_a_stray_nul_in_utf8_text_is_still_text(tmp_path, capsys):
    doc = tmp_path / "visit.txt"
    doc.write_bytes(("x\x00 " + SENTENCE).encode("utf-8"))
    code, (out, _) = cli.main(["text", str(doc), "--no-summary"]), capsys.readouterr()
    assert code == 0 and "Northwestern Polytechnical University" in out
