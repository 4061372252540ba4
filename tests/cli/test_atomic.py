"""OUTPUT is replaced all at once or not at all (issue 15, finding 5).

A failure or an interrupt halfway leaves the previous OUTPUT (or none) and no temporary file;
the error names the real line of the bad row, not a chunk's.
"""

from __future__ import annotations

import gzip
import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from aeronorm.cli import normalize as normalize_module

from .helpers import command, env, one_line_error, run, temp_files

PREVIOUS = b"the previous output\n"


def _table(path, rows: int, *, bad_at: int | None = None) -> None:
    lines = [b"id,org,amount"] + [b"%d,%s,%d" % (i, b"CASIC" if i % 2 else b"NWPU", i) for i in range(rows)]
    if bad_at is not None:
        lines[bad_at - 1] += b"\xe4"  # physical line bad_at ends with a stray byte
    path.write_bytes(b"\n".join(lines) + b"\n")


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz"])
@pytest.mark.parametrize("previous", [True, False])
def test_a_bad_row_leaves_the_previous_output(tmp_path, capsys, monkeypatch, suffix, previous):
    monkeypatch.setattr(normalize_module, "CHUNK_ROWS", 100)  # several chunks written before the bad row
    src = tmp_path / "in.csv"
    _table(src, 1000, bad_at=777)
    out = tmp_path / f"out{suffix}"
    if previous:
        out.write_bytes(PREVIOUS)
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)
    assert code == 2
    one_line_error(err, f"{src} line 777", "not UTF-8", "0xe4")
    assert (out.read_bytes() == PREVIOUS) if previous else not out.exists()
    assert temp_files(tmp_path) == []


def test_an_unclosed_quote_leaves_the_previous_output(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("id,org\n1,CASIC\n2,\"NWPU\n3,CASC\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_bytes(PREVIOUS)
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)
    assert code == 2
    one_line_error(err, f"{src} line 3", "never closed")
    assert out.read_bytes() == PREVIOUS and temp_files(tmp_path) == []


def test_success_replaces_and_keeps_permissions(tmp_path, capsys):
    src = tmp_path / "in.csv"
    _table(src, 10)
    out = tmp_path / "out.csv"
    out.write_bytes(PREVIOUS)
    os.chmod(out, 0o640)
    assert run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)[0] == 0
    assert out.read_bytes().startswith(b"id,org,amount,org_canonical")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert temp_files(tmp_path) == []


def test_a_new_output_gets_the_usual_permissions(tmp_path, capsys):
    src = tmp_path / "in.csv"
    _table(src, 3)
    out = tmp_path / "new.csv"
    umask = os.umask(0o022)
    try:
        assert run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)[0] == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # not mkstemp's 0600


def test_a_symlinked_output_keeps_the_link(tmp_path, capsys):
    src = tmp_path / "in.csv"
    _table(src, 3)
    target = tmp_path / "real.csv"
    target.write_bytes(PREVIOUS)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert run(["normalize", str(src), "-c", "org", "-o", str(link)], capsys)[0] == 0
    assert link.is_symlink() and target.read_bytes().startswith(b"id,org,amount,org_canonical")


def test_gzip_output_is_complete(tmp_path, capsys):
    src = tmp_path / "in.csv"
    _table(src, 50)
    out = tmp_path / "out.csv.gz"
    assert run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)[0] == 0
    lines = gzip.decompress(out.read_bytes()).decode().splitlines()
    assert len(lines) == 51 and lines[0].endswith("org_method")


def test_an_unwritable_place_is_a_clear_error(tmp_path, capsys):
    src = tmp_path / "in.csv"
    _table(src, 3)
    not_a_folder = tmp_path / "file"
    not_a_folder.write_bytes(b"")
    code, _, err = run(["normalize", str(src), "-c", "org", "-o", str(not_a_folder / "out.csv")], capsys)
    assert code == 2
    one_line_error(err, "cannot write", "out.csv", "Not a directory")


def test_cluster_checks_every_output_before_the_work(tmp_path, capsys):
    """rt45u #7: 'cluster -o ok.yaml --html /nonexist/x.html' replaced ok.yaml, then failed."""
    src = tmp_path / "in.csv"
    _table(src, 3)
    draft = tmp_path / "ok.yaml"
    draft.write_bytes(PREVIOUS)
    not_a_folder = tmp_path / "file"
    not_a_folder.write_bytes(b"")
    for option, target, needle in (("--html", tmp_path / "nodir" / "x.html", "no such directory"),
                                   ("--review", not_a_folder / "r.csv", "Not a directory")):
        argv = ["cluster", str(src), "-c", "org", "-o", str(draft), option, str(target)]
        code, out, err = run(argv, capsys)
        assert code == 2 and out == ""
        one_line_error(err, "cannot write", str(target), needle)
        assert draft.read_bytes() == PREVIOUS and temp_files(tmp_path) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_cluster_writes_no_output_when_one_fails(tmp_path, capsys):
    """Outputs are renamed into place only once every one is written: the draft's previous
    content survives a review table that cannot be written."""
    src = tmp_path / "in.csv"
    _table(src, 3)
    draft = tmp_path / "ok.yaml"
    draft.write_bytes(PREVIOUS)
    code, _, err = run(["cluster", str(src), "-c", "org", "-o", str(draft), "--review", "/dev/full"], capsys)
    assert code == 2
    one_line_error(err, "cannot write /dev/full", "No space left on device")
    assert draft.read_bytes() == PREVIOUS and temp_files(tmp_path) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_cluster_replaces_no_file_when_the_draft_stream_fails(tmp_path, capsys):
    """rt48u #3: '-o /dev/full --review r.csv --html h.html' replaced r.csv and h.html, then
    failed: a stream is written (and flushed) before any file is renamed into place."""
    src = tmp_path / "in.csv"
    _table(src, 3)
    review, page = tmp_path / "r.csv", tmp_path / "h.html"
    review.write_bytes(PREVIOUS)
    page.write_bytes(PREVIOUS)
    argv = ["cluster", str(src), "-c", "org", "-o", "/dev/full", "--review", str(review), "--html", str(page)]
    code, _, err = run(argv, capsys)
    assert code == 2
    one_line_error(err, "cannot write /dev/full", "No space left on device")
    assert review.read_bytes() == page.read_bytes() == PREVIOUS and temp_files(tmp_path) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_cluster_replaces_no_file_when_stdout_fails(tmp_path):
    """rt48u #3: the draft on stdout (the default) to a full disk leaves --review as it was."""
    src = tmp_path / "in.csv"
    _table(src, 3)
    review = tmp_path / "r.csv"
    review.write_bytes(PREVIOUS)
    with open("/dev/full", "wb") as full:
        argv = command("cluster", str(src), "-c", "org", "--review", str(review), "--no-summary")
        proc = subprocess.run(argv, stdout=full, stderr=subprocess.PIPE, env=env(), timeout=120)
    assert proc.returncode == 2
    assert "cannot write stdout" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()
    assert review.read_bytes() == PREVIOUS and temp_files(tmp_path) == []


def test_text_writes_nothing_to_stdout_when_the_report_cannot_be_written(tmp_path, capsys):
    """rt45u #7: 'text h.txt --html /nonexist/x.html' printed the whole text, then failed."""
    doc = tmp_path / "h.txt"
    doc.write_text("NWPU\n", encoding="utf-8")
    report = tmp_path / "nodir" / "x.html"
    code, out, err = run(["text", str(doc), "--html", str(report)], capsys)
    assert code == 2 and out == ""
    one_line_error(err, f"cannot write {report}", "no such directory")


# ---------------------------------------------------------------------------------- interrupts
ROWS = 1_000_000


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.csv"
    _table(path, ROWS)
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(("signum", "suffix", "previous"), [
    (signal.SIGINT, ".csv", True),
    (signal.SIGTERM, ".csv", False),
    pytest.param(signal.SIGTERM, ".csv.gz", True, marks=pytest.mark.slow),
    pytest.param(signal.SIGINT, ".csv.gz", False, marks=pytest.mark.slow),
])
def test_an_interrupt_halfway_leaves_previous_output_or_none(tmp_path, big, signum, suffix, previous):
    out = tmp_path / f"out{suffix}"
    if previous:
        out.write_bytes(PREVIOUS)
    # A job started in the background of a shell inherits SIGINT ignored, and keeps it so (as
    # Python does): the child starts with the default, as a command typed at a terminal does.
    proc = subprocess.Popen(command("normalize", str(big), "-c", "org", "-o", str(out), "--no-progress"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env(),
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # Halfway: the temporary output has grown past a third of the input (the whole output is
    # larger than the input, compressed or not it grows steadily).
    goal = big.stat().st_size // (3 if suffix == ".csv" else 30)
    deadline = time.monotonic() + 120
    seen = 0
    while proc.poll() is None and time.monotonic() < deadline:
        temps = temp_files(tmp_path)
        seen = max([seen, *(t.stat().st_size for t in temps if t.exists())])
        if seen >= goal:
            break
        time.sleep(0.005)
    # Frozen at once (SIGSTOP), so that a busy machine cannot let it finish between this check
    # and the signal; the signal is then pending when it runs on (SIGCONT).
    proc.send_signal(signal.SIGSTOP)
    assert proc.poll() is None, "the run ended before it could be interrupted halfway"
    assert seen >= goal
    proc.send_signal(signum)
    proc.send_signal(signal.SIGCONT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signum, err
    assert f"interrupted ({signal.Signals(signum).name})".encode() in err
    assert b"Traceback" not in err
    assert (out.read_bytes() == PREVIOUS) if previous else not out.exists()
    assert temp_files(tmp_path) == []
