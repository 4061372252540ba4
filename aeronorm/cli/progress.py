"""Progress of ``aeronorm normalize`` on stderr, counted in distinct names resolved.

Resolving distinct names is the work (a repeated name costs a dictionary probe), so that is what
is counted, with the rows read and the share of INPUT read beside it. A thread redraws twice a
second from counters the command updates, so the display moves even while one slow name (a
retranslation, a long fuzzy search) is being resolved.

With tqdm installed (the ``cli`` extra) a tqdm bar is drawn; without it, a plain line. Shown when
stderr is a terminal, or always with ``--progress``; never with ``--no-progress``. On a file or
pipe (``--progress`` with stderr redirected) a plain line is printed every few seconds instead of
being redrawn in place.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import IO, Any

__all__ = ["Progress"]

_REDRAW = 0.5  # seconds between redraws on a terminal
_LOG_EVERY = 5.0  # seconds between lines on a file or pipe


class Progress:
    """Counters (``rows``, ``names``) and, when enabled, a display refreshed by a thread."""

    def __init__(self, *, enabled: bool, position: Callable[[], int | None] | None = None,
                 size: int | None = None, stream: IO[str] | None = None, interval: float | None = None):
        self.rows = 0
        self.names = 0
        self.enabled = enabled
        self._position = position
        self._size = size
        self._stream = stream if stream is not None else sys.stderr
        self._tty = _isatty(self._stream)
        self._interval = interval if interval is not None else (_REDRAW if self._tty else _LOG_EVERY)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._bar: Any = None
        self._width = 0

    def __enter__(self) -> Progress:
        if self.enabled:
            if self._tty:
                try:
                    from tqdm import tqdm
                except ImportError:  # no extra installed: the plain line
                    tqdm = None
                if tqdm is not None:
                    self._bar = tqdm(total=None, unit=" names", desc="aeronorm", file=self._stream,
                                     leave=False, dynamic_ncols=True, mininterval=0)
            self._thread = threading.Thread(target=self._run, name="aeronorm-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        self._thread = None
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif self._tty and self._width:
            self._stream.write("\r" + " " * self._width + "\r")  # leave the line clean for the summary
            self._stream.flush()

    def text(self) -> str:
        """What the plain display says now."""
        share = self._share()
        read = f", {share}% of the input read" if share is not None else ""
        return f"aeronorm: {self.names:,} distinct names resolved, {self.rows:,} rows{read}"

    def _share(self) -> int | None:
        if self._position is None or not self._size:
            return None
        pos = self._position()
        return None if pos is None else min(100, int(100 * pos / self._size))

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self._draw()
            except (OSError, ValueError):  # stderr closed under us: stop drawing, keep working
                return

    def _draw(self) -> None:
        if self._bar is not None:
            self._bar.n = self.names
            share = self._share()
            read = f", {share}% read" if share is not None else ""
            self._bar.set_postfix_str(f"{self.rows:,} rows{read}", refresh=False)
            self._bar.refresh()
            return
        line = self.text()
        if self._tty:
            self._stream.write("\r" + line.ljust(self._width))
            self._width = max(self._width, len(line))
        else:
            self._stream.write(line + "\n")
        self._stream.flush()


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

