"""The ``aeronorm`` command: normalise a column, normalise documents, explain a name, check glossaries.

.. code-block:: text

    aeronorm normalize INPUT --column COL [-o OUTPUT] [--glossary FILE ...]
    aeronorm text FILE ... [--annotate] [--html report.html]
    aeronorm explain NAME
    aeronorm glossary lint [FILE ...]
    aeronorm glossary stats [FILE ...]

``normalize`` reads CSV, TSV, JSONL or Parquet (by extension; gzip recognised by content; ``-``
for stdin/stdout), keeps every row and every other column, byte for byte in the text formats, and
adds ``COL_canonical``, ``COL_id``, ``COL_score`` and ``COL_method``. OUTPUT is written
atomically and may never be a file the command reads. See ``docs/cli.md``.

Every failure the user can fix is one line on stderr and exit status 2; ``glossary lint`` exits 1
when it finds errors, ``explain`` exits 1 when the name matches nothing; an interrupt exits 128
plus the signal's number.

Modules: :mod:`.app` (parser, entry point), :mod:`.normalize`, :mod:`.text`, :mod:`.explain`,
:mod:`.glossary` (the commands), :mod:`.formats` (CSV/TSV, JSONL, Parquet), :mod:`.columns`
(new columns and their cells), :mod:`.resolve` (values to matches), :mod:`.files` (inputs,
file identity), :mod:`.atomic` (OUTPUT), :mod:`.progress`, :mod:`.summary`, :mod:`.build`
(the Normalizer from the options), :mod:`.errors`.
"""

from __future__ import annotations

from .app import build_parser, main
from .errors import CLIError
from .formats import FORMATS

__all__ = ["FORMATS", "CLIError", "build_parser", "main"]
