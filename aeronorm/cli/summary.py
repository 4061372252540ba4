"""The summary ``aeronorm normalize`` prints on stderr when it ends."""

from __future__ import annotations

from .resolve import Stats

__all__ = ["summary"]


def _n(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def summary(stats: Stats, *, column: str, source: str, output: str) -> str:
    """A few lines: rows, distinct names, matched (per method), unknown, missing.

    "Distinct names" counts the look-ups made: exact unless a column has more distinct names than
    the resolver remembers (200,000), when a name seen again after being forgotten counts twice.
    """
    width = len(f"{max(stats.matched, stats.unknown, stats.empty + stats.absent, stats.not_text):,}")

    def count(label: str, n: int) -> str:
        return f"  {label:<8} {n:>{width},} row{'' if n == 1 else 's'}"

    lines = [f"aeronorm: {_n(stats.rows, 'row')}, {_n(stats.names, 'distinct name')} in column {column!r} "
             f"of {source} -> {output}"]
    by_count = sorted(stats.methods.items(), key=lambda kv: (-kv[1], kv[0]))
    methods = ", ".join(f"{m} {n:,}" for m, n in by_count)
    lines.append(count("matched", stats.matched)
                 + (f", {stats.names_matched:,} distinct: {methods}" if stats.matched else ""))
    lines.append(count("unknown", stats.unknown)
                 + (f", {stats.names_unknown:,} distinct" if stats.unknown else ""))
    parts = ([f"{stats.empty:,} empty"] if stats.empty else []) + \
        ([f"{stats.absent:,} without the column"] if stats.absent else [])
    lines.append(count("missing", stats.empty + stats.absent) + (f" ({', '.join(parts)})" if parts else ""))
    if stats.not_text:
        lines.append(count("not text", stats.not_text) + " (numbers, lists, ...: new cells empty)")
    if stats.blank_lines:
        what = "kept" if stats.blank_lines_kept else "skipped"
        lines.append(f"  blank lines {what}: {stats.blank_lines:,}")
    return "\n".join(lines) + "\n"
