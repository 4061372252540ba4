"""How the command fails: one line on stderr, and the signals that stop it cleanly."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from typing import Any

__all__ = ["CLIError", "Interrupted", "signals_interrupt"]


class CLIError(Exception):
    """A failure to report as one line on stderr (exit status 2)."""


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C so that every ``finally`` runs (temporary files go)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise(signum: int, frame: Any) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def signals_interrupt() -> Iterator[None]:
    """Within the block SIGTERM and SIGHUP raise :class:`Interrupted` (SIGINT raises
    ``KeyboardInterrupt`` already); the previous handlers come back afterwards."""
    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        try:
            if signal.getsignal(signum) is signal.SIG_IGN:
                continue  # nohup and friends: keep ignoring it
            previous[signum] = signal.signal(signum, _raise)
        except ValueError:  # not the main thread (aeronorm.cli.main called from a worker)
            continue
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
