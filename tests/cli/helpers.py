"""Shared helpers of the command-line tests."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from aeronorm import cli

ROOT = Path(__file__).resolve().parents[2]
NEW = ["org_canonical", "org_id", "org_score", "org_method"]


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    """``aeronorm ARGV`` in this process: (exit status, stdout, stderr)."""
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str, *needles: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("aeronorm: error: ") and "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def command(*args: str) -> list[str]:
    """``python -m aeronorm ARGS`` for a subprocess."""
    return [sys.executable, "-m", "aeronorm", *args]


def env() -> dict[str, str]:
    """The environment of a subprocess that imports this checkout's aeronorm."""
    return dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


def temp_files(folder: Path) -> list[Path]:
    """Temporary files aeronorm left in ``folder`` (there should be none)."""
    return sorted(folder.glob("*.aeronorm-tmp"))
