"""Inputs, outputs and formats: every error names the file (issue 15, finding 12; issue 11, item 7)."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
import threading

import pytest

from .helpers import command, env, one_line_error, run

posix = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symbolic links as on POSIX")
TABLE = b"id,org\n1,CASIC\n2,NWPU\n"


def test_gzip_is_recognised_by_content_not_name(tmp_path, capsys):
    plain = tmp_path / "plain.csv.gz"  # not gzip at all
    plain.write_bytes(TABLE)
    packed = tmp_path / "packed.csv"  # gzip without the suffix
    packed.write_bytes(gzip.compress(TABLE))
    for path in (plain, packed):
        code, out, err = run(["normalize", str(path), "-c", "org", "--no-summary"], capsys)
        assert code == 0, err
        assert out.splitlines()[1].endswith(",casic,1.0,exact")


@pytest.mark.parametrize(("data", "needle"), [
    (gzip.compress(TABLE)[:20], "gzip data ends early"),
    (gzip.compress(TABLE)[:-8] + b"\x00" * 8, "corrupt gzip data"),
])
def test_broken_gzip_names_the_file(tmp_path, capsys, data, needle):
    path = tmp_path / "broken.csv.gz"
    path.write_bytes(data)
    out = tmp_path / "out.csv"
    code, _, err = run(["normalize", str(path), "-c", "org", "-o", str(out)], capsys)
    assert code == 2 and not out.exists()
    one_line_error(err, str(path), needle)


def test_not_utf8_names_file_and_line(tmp_path, capsys):
    path = tmp_path / "gbk.csv"
    path.write_bytes("id,org\n1,CASIC\n2,航天\n".encode("gbk"))
    code, _, err = run(["normalize", str(path), "-c", "org"], capsys)
    assert code == 2
    one_line_error(err, f"{path} line 3", "not UTF-8", "UTF-8")


@posix
def test_a_symlink_loop_is_called_so(tmp_path, capsys):
    (tmp_path / "l1.csv").symlink_to(tmp_path / "l2.csv")
    (tmp_path / "l2.csv").symlink_to(tmp_path / "l1.csv")
    code, _, err = run(["normalize", str(tmp_path / "l1.csv"), "-c", "org"], capsys)
    assert code == 2
    one_line_error(err, "l1.csv", "loop of symbolic links")
    code, _, err = run(["normalize", "-", "-c", "org", "-o", str(tmp_path / "l1.csv")], capsys)
    assert code == 2
    one_line_error(err, "cannot write OUTPUT", "loop of symbolic links")


@posix
@pytest.mark.parametrize("argv", [["glossary", "lint", "{fifo}"], ["glossary", "stats", "{fifo}"],
                                  ["explain", "CASIC", "-g", "{fifo}"],
                                  ["normalize", "{table}", "-c", "org", "-g", "{fifo}"]])
def test_a_fifo_glossary_is_an_error_not_a_wait(tmp_path, argv):
    fifo = tmp_path / "g.yaml"
    os.mkfifo(fifo)
    table = tmp_path / "t.csv"
    table.write_bytes(TABLE)
    args = [a.format(fifo=fifo, table=table) for a in argv]
    result = subprocess.run(command(*args), capture_output=True, text=True, env=env(), timeout=60)
    assert result.returncode == 2
    one_line_error(result.stderr, f"glossary {fifo} is a FIFO")


@posix
def test_a_fifo_input_is_read_as_a_stream(tmp_path):
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as fh:
            fh.write(TABLE)

    writer = threading.Thread(target=feed)
    writer.start()
    result = subprocess.run(command("normalize", str(fifo), "-c", "org", "--no-summary"), capture_output=True,
                            text=True, env=env(), timeout=120)
    writer.join(timeout=10)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2].endswith(",nwpu,1.0,exact")


@posix
def test_a_device_output_is_written_as_a_stream(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_bytes(TABLE)
    assert run(["normalize", str(src), "-c", "org", "-o", os.devnull], capsys)[0] == 0
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)  # still the device


def test_a_folder_output_is_an_error(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_bytes(TABLE)
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(tmp_path)], capsys)
    assert code == 2
    one_line_error(err, "is a directory")


# ---------------------------------------------------------------------------------- formats
@pytest.mark.parametrize(("output", "first_line"), [
    ("out.tsv", "id\torg\torg_canonical\torg_id\torg_score\torg_method"),
    ("out.txt", "id,org,org_canonical,org_id,org_score,org_method"),  # unknown extension: INPUT's format
    ("out.tab.gz", "id\torg\torg_canonical\torg_id\torg_score\torg_method"),
])
def test_output_format_from_the_extension(tmp_path, capsys, output, first_line):
    src = tmp_path / "in.csv"
    src.write_bytes(TABLE)
    out = tmp_path / output
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)
    assert code == 0, err
    data = out.read_bytes()
    text = (gzip.decompress(data) if output.endswith(".gz") else data).decode()
    assert text.splitlines()[0] == first_line


def test_messages_name_the_right_option(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_bytes(TABLE)
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(tmp_path / "out.jsonl")], capsys)
    assert code == 2
    line = one_line_error(err, "cannot write csv INPUT as jsonl", "extension of OUTPUT",
                          "--output-format csv")
    assert "--format" not in line.replace("--output-format", "")
    code, _, err = run(["normalize", str(src), "-c", "org", "--output-format", "parquet"], capsys)
    one_line_error(err, "(--output-format)")
    odd = tmp_path / "in.data"
    odd.write_bytes(TABLE)
    code, _, err = run(["normalize", str(odd), "-c", "org"], capsys)
    line = one_line_error(err, "INPUT", "in.data", "--format")
    assert "--output-format" not in line


@pytest.mark.parametrize("stdin", [False, True])
def test_a_legacy_encoding_writes_nothing_to_stdout(tmp_path, capsys, monkeypatch, stdin):
    """rt46u #6: the header line reached stdout before the cp1252 byte of row 2 failed. A file is
    read through before anything is streamed; stdin's header waits for the first chunk of rows."""
    data = "org\nNWPU\nSociété\n".encode("cp1252")
    path = tmp_path / "cp.csv"
    path.write_bytes(data)
    if stdin:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = run(["normalize", "-" if stdin else str(path), "-c", "org", "--no-summary"], capsys)
    assert code == 2 and out == ""
    one_line_error(err, "line 3", "not UTF-8")


def test_a_late_bad_byte_in_a_file_writes_nothing_to_stdout(tmp_path, capsys, monkeypatch):
    from aeronorm.cli import normalize

    monkeypatch.setattr(normalize, "CHUNK_ROWS", 2)  # the bad row comes chunks after the first
    path = tmp_path / "late.csv"
    path.write_bytes(b"org\n" + b"NWPU\n" * 5 + "Soci\xe9t\xe9\n".encode("latin-1"))
    code, out, err = run(["normalize", str(path), "-c", "org", "--no-summary"], capsys)
    assert code == 2 and out == ""
    one_line_error(err, "line 7", "not UTF-8")


@pytest.mark.parametrize(("name", "data", "given"), [
    ("book.xlsx", b"PK\x03\x04\x14\x00\x06\x00", []),
    ("book.ods", b"PK\x03\x04\x14\x00\x06\x00", []),
    ("book.xlsx", b"PK\x03\x04\x14\x00\x06\x00", ["--format", "csv"]),
    ("book.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", []),
])
def test_a_workbook_is_not_read(tmp_path, capsys, name, data, given):
    """rt46u #6: '.xlsx' got 'cannot tell the format ... give it with --format'."""
    path = tmp_path / name
    path.write_bytes(data)
    for cmd in ("normalize", "cluster"):
        code, out, err = run([cmd, str(path), "-c", "org", *given], capsys)
        assert code == 2 and out == ""
        assert "--format" not in one_line_error(err, "save the sheet as CSV")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_failed_write_names_the_output(tmp_path, capsys):
    """rt46u #6: '-o /dev/full' and '> /dev/full' said only 'No space left on device'."""
    src = tmp_path / "in.csv"
    src.write_bytes(TABLE)
    (tmp_path / "t.txt").write_text("NWPU\n", encoding="utf-8")
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", "/dev/full", "--no-summary"], capsys)
    assert code == 2
    one_line_error(err, "cannot write /dev/full", "No space left on device")
    glossary = tmp_path / "g.yaml"  # a small glossary: a quick subprocess
    glossary.write_text("entities:\n  - {id: nwpu, name: Northwestern Polytechnical University, "
                        "abbreviations: NWPU}\n", encoding="utf-8")
    for argv in (["normalize", str(src), "-c", "org"], ["text", str(tmp_path / "t.txt")]):
        with open("/dev/full", "wb") as full:
            argv += ["--no-summary", "--no-default-glossary", "-g", str(glossary)]
            done = subprocess.run(command(*argv), stdout=full, stderr=subprocess.PIPE, env=env(), text=True,
                                  check=False)
        assert done.returncode == 2
        one_line_error(done.stderr, "cannot write stdout", "No space left on device")


def test_text_reads_stdin_once_and_names_utf16(tmp_path, capsys):
    """rt46u #6: 'text - -' read stdin twice (the second empty); UTF-16 was 'invalid start byte'."""
    code, out, err = run(["text", "-", "-"], capsys)
    assert code == 2 and out == ""
    one_line_error(err, "stdin (-) is given more than once")
    path = tmp_path / "u16.txt"
    path.write_bytes("NWPU\r\n".encode("utf-16"))
    code, out, err = run(["text", str(path)], capsys)
    assert code == 2 and out == ""
    one_line_error(err, str(path), "the file is UTF-16")
    path.write_bytes("NWPU\nSociété\n".encode("cp1252"))
    code, _, err = run(["text", str(path)], capsys)
    one_line_error(err, f"{path} line 2", "not UTF-8: byte 0xe9")


def test_text_keeps_a_byte_order_mark(tmp_path, capsys):
    """A document's bytes other than the names rewritten stay as they were, a BOM too (as
    normalize keeps a CSV's)."""
    marked, plain = tmp_path / "bom.txt", tmp_path / "plain.txt"
    marked.write_bytes(b"\xef\xbb\xbfNWPU met CASIC.\n")
    plain.write_bytes(b"NWPU met CASIC.\n")
    code, out, err = run(["text", str(marked), "--no-summary"], capsys)
    assert code == 0, err
    assert out.startswith("\ufeffNorthwestern Polytechnical University") and out.count("\ufeff") == 1
    code, out, err = run(["text", str(plain), str(marked), "--no-summary"], capsys)
    assert code == 0, err
    assert out.count("\ufeff") == 1 and f"==> {marked} <==\n\ufeffNorthwestern" in out
