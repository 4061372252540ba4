"""Regenerate the command samples of docs/cli.md from the real command.

A sample is a fenced block whose info string is ``console``: lines starting with ``$ aeronorm``
are commands, the lines after each one are what it prints (stdout and stderr as a terminal shows
them, without progress display). The commands of a block run one after the other in a scratch
folder of their own where ``examples/`` is the repository's, so the files they write land nowhere.

    python docs/make_cli_samples.py           # rewrite docs/cli.md
    python docs/make_cli_samples.py --check   # exit 1 when a sample is out of date

``tests/cli/test_docs.py`` runs the check.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shlex
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "cli.md"
BLOCK = re.compile(r"^```console\n(.*?)^```\n", re.S | re.M)

__all__ = ["check", "regenerate", "run_block", "samples"]


def samples(block: str) -> list[tuple[str, str]]:
    """(command, documented output) of each command of a sample block."""
    found: list[tuple[str, str]] = []
    command, output = None, []
    for line in block.splitlines(keepends=True):
        if line.startswith("$ aeronorm "):
            if command is not None:
                found.append((command, "".join(output)))
            command, output = line[2:].rstrip("\n"), []
        else:
            output.append(line)
    if command is not None:
        found.append((command, "".join(output)))
    return found


@contextlib.contextmanager
def _scratch() -> Iterator[None]:
    previous = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.symlink(ROOT / "examples", Path(folder) / "examples", target_is_directory=True)
        os.chdir(folder)
        try:
            yield
        finally:
            os.chdir(previous)


def run_block(commands: list[str]) -> list[str]:
    """What each command (``aeronorm ...``) prints, stdout and stderr interleaved, run in order."""
    from aeronorm.cli import main

    printed = []
    with _scratch():
        for command in commands:
            buffer = io.BytesIO()
            stream = io.TextIOWrapper(buffer, encoding="utf-8", write_through=True)
            with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
                main(shlex.split(command)[1:])
            stream.flush()
            printed.append(buffer.getvalue().decode("utf-8"))
    return printed


def regenerate(text: str) -> str:
    """``text`` with every sample's output replaced by what its command prints now."""

    def block(match: re.Match[str]) -> str:
        commands = [command for command, _ in samples(match.group(1))]
        out = [f"$ {command}\n{printed}" + ("" if printed.endswith("\n") or not printed else "\n")
               for command, printed in zip(commands, run_block(commands), strict=True)]
        return "```console\n" + "".join(out) + "```\n"

    return BLOCK.sub(block, text)


def check(text: str) -> list[tuple[str, str, str]]:
    """(command, documented, printed) of every out-of-date sample."""
    stale = []
    for match in BLOCK.finditer(text):
        found = samples(match.group(1))
        printed = run_block([command for command, _ in found])
        for (command, documented), now in zip(found, printed, strict=True):
            if now.rstrip("\n") != documented.rstrip("\n"):
                stale.append((command, documented, now))
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 when out of date")
    args = parser.parse_args(argv)
    text = DOC.read_text(encoding="utf-8")
    if args.check:
        stale = check(text)
        for command, documented, printed in stale:
            print(f"stale sample: $ {command}\n--- documented\n{documented}--- printed\n{printed}",
                  file=sys.stderr)
        return 1 if stale else 0
    new = regenerate(text)
    if new != text:
        DOC.write_text(new, encoding="utf-8")
        print(f"updated {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
