"""The summary ``normalize`` prints, and its progress display (issue 11, items 5 and 6)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time

import pytest

import aeronorm
from aeronorm.cli import progress as progress_module
from aeronorm.cli import resolve as resolve_module
from aeronorm.cli.progress import Progress

from .helpers import command, env, run


def test_summary_counts_rows_names_methods_and_missing(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("id,org\n1,NWPU\n2,NWPU\n3,Northwestern Polytechnic University\n4,Moon Bakery\n5,\n6\n\n"
                   "7,Moon Bakery\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code, stdout, err = run(["normalize", str(src), "-c", "org", "-o", str(out)], capsys)
    assert code == 0 and stdout == ""
    method = aeronorm.match("Northwestern Polytechnic University").method
    methods = "exact 3" if method == "exact" else f"exact 2, {method} 1"
    assert err == (f"aeronorm: 7 rows, 3 distinct names in column 'org' of {src} -> {out}\n"
                   f"  matched  3 rows, 2 distinct: {methods}\n"
                   "  unknown  2 rows, 1 distinct\n"
                   "  missing  2 rows (1 empty, 1 without the column)\n"
                   "  blank lines kept: 1\n")


def test_no_summary_and_no_progress_off_a_terminal(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("org\nCASIC\n", encoding="utf-8")
    result = subprocess.run(command("normalize", str(src), "-c", "org", "--no-summary"), capture_output=True,
                            env=env(), timeout=120)
    assert result.returncode == 0 and result.stderr == b""
    result = subprocess.run(command("normalize", str(src), "-c", "org"), capture_output=True, env=env(),
                            timeout=120)
    assert result.stderr.decode().startswith("aeronorm: 1 row, 1 distinct name") and b"%" not in result.stderr


def test_resolve_in_slices_equals_one_batch(normalizer):
    names = [f"Supplier {i}" for i in range(300)] + ["CASIC", "NWPU", "Peking"]
    sizes: list[int] = []
    got = resolve_module.resolve(normalizer, names, done=sizes.append)
    assert got == normalizer.match_many(names)
    assert sum(sizes) == len(names) and len(sizes) > 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _wait_for(predicate, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_plain_line_redrawn_by_its_own_thread(monkeypatch):
    """Without tqdm: a plain line, redrawn by the display's own thread whatever the main thread
    is doing (here: waiting), cleared at the end."""
    monkeypatch.setitem(sys.modules, "tqdm", None)  # as if the cli extra were not installed
    stream = _Terminal()
    with Progress(enabled=True, stream=stream, interval=0.01) as p:
        p.names, p.rows = 1234, 5678
        assert _wait_for(lambda: "1,234 distinct names resolved, 5,678 rows" in stream.getvalue())
        p.names = 1300
        assert _wait_for(lambda: "1,300 distinct names" in stream.getvalue())
    text = stream.getvalue()
    assert text.startswith("\raeronorm: ") and text.endswith("\r")  # the line is cleared for the summary
    assert text.rstrip("\r").endswith(" " * 10)


def test_forced_progress_on_a_pipe_prints_lines(tmp_path, capsys, monkeypatch):
    """``--progress`` with stderr not a terminal: whole lines, no carriage returns; counts distinct
    names resolved, also while one chunk is still being resolved."""
    monkeypatch.setattr(progress_module, "_LOG_EVERY", 0.01)
    real = resolve_module.resolve
    drawn = threading.Event()

    def slow(normalizer, names, *, type=None, done=None):
        out = real(normalizer, names, type=type, done=done)
        drawn.wait(20)  # hold the main thread until the display has drawn on its own
        return out

    monkeypatch.setattr(resolve_module, "resolve", slow)
    src = tmp_path / "in.csv"
    src.write_text("org\nCASIC\nNWPU\nCASIC\n", encoding="utf-8")
    err = _Recorder(drawn, "2 distinct names resolved")
    monkeypatch.setattr(sys, "stderr", err)
    assert aeronorm.cli.main(["normalize", str(src), "-c", "org", "-o", str(tmp_path / "o.csv"),
                              "--progress"]) == 0
    text = err.getvalue()
    assert "aeronorm: 2 distinct names resolved" in text and "\r" not in text
    assert "% of the input read" in text


class _Recorder(io.StringIO):
    """A non-terminal stderr that sets ``event`` once ``needle`` has been written."""

    def __init__(self, event: threading.Event, needle: str):
        super().__init__()
        self.event, self.needle = event, needle

    def write(self, s: str) -> int:
        n = super().write(s)
        if self.needle in self.getvalue():
            self.event.set()
        return n


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_tqdm_bar_on_a_terminal_counts_names(tmp_path, optional):
    optional("tqdm")
    import fcntl
    import pty
    import struct
    import termios

    src = tmp_path / "big.csv"
    src.write_text("org,note\n" + "".join(f"Supplier {i},x\n" for i in range(3000)), encoding="utf-8")
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    try:
        proc = subprocess.run(command("normalize", str(src), "-c", "org", "-o", str(tmp_path / "o.csv")),
                              stderr=follower, stdout=subprocess.DEVNULL, env=env(), timeout=300)
        os.close(follower)
        follower = -1
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    shown = b"".join(chunks).decode(errors="replace")
    assert proc.returncode == 0
    assert "aeronorm:" in shown and " names" in shown and "rows" in shown  # the bar, then the summary
    assert "aeronorm: 3,000 rows, 3,000 distinct names" in shown
