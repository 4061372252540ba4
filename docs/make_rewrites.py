"""Table every distinct rewrite ``normalize_text`` makes on the five source articles (issue 14).

    python docs/make_rewrites.py                       # reads ../shared/seeds, writes docs/rewrites.md
    python docs/make_rewrites.py SEEDS_DIR --json docs/rewrites-before.json   # also the machine-readable run
    python docs/make_rewrites.py --before docs/rewrites-before.json           # before/after table

The articles are read at run time from ``SEEDS_DIR`` (default ``../shared/seeds`` relative to the
repository root, every ``*.txt``); nothing of them is stored here but each rewritten mention, its
rewrite and a few words either side of it (``--context`` words, default 3), enough to read the
rewrite in place without copying sentences.

A *rewrite* is a mention whose replacement differs from the text (``NormalizedText.changes``).
Rows are distinct (original, rewritten, id) triples with their count and the context of the first
occurrence. With ``--before FILE`` (the ``--json`` output of an earlier run on the same articles)
rows are distinct original mention texts of either run, with what each run wrote: a rewrite,
``(unchanged)`` when the run left that span as it was, or ``part of «X» → «Y»`` when the run read
the span inside (or across) a different mention.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
DEFAULT_OUT = ROOT / "docs" / "rewrites.md"

__all__ = ["collect", "main", "render_after_only", "render_before_after"]


# -- collecting --------------------------------------------------------------------------------
def _words_before(text: str, start: int, n: int) -> str:
    """The last ``n`` words of the mention's line before it (``¶`` at a line start), spacing kept."""
    left = text[max(0, start - 40 * (n + 1)):start].rsplit("\n", 1)[-1]
    words = left.split()
    if not words:
        return "¶ "
    shown = ("… " if len(words) > n else "") + " ".join(words[-n:] if n else [])
    return shown + (" " if left[-1:].isspace() else "")


def _words_after(text: str, end: int, n: int) -> str:
    """The first ``n`` words of the mention's line after it (``¶`` at a line end), spacing kept."""
    right = text[end:end + 40 * (n + 1)].split("\n", 1)[0]
    words = right.split()
    if not words:
        return " ¶"
    shown = " ".join(words[:n]) + (" …" if len(words) > n else "")
    return (" " if right[:1].isspace() else "") + shown


def collect(seeds: Path, *, context: int = 3) -> dict[str, Any]:
    """Run ``normalize_text`` over every ``*.txt`` of ``seeds``; every changing replacement."""
    import aeronorm

    files = sorted(seeds.glob("*.txt"))
    if not files:
        raise SystemExit(f"no *.txt articles in {seeds} (give the seeds directory as the first argument)")
    normalizer = aeronorm.default_normalizer()
    rewrites = []
    mentions = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        out = normalizer.normalize_text(text)
        mentions += len(out.replacements)
        for r in out.changes:
            m = r.mention
            rewrites.append({
                "file": path.stem, "start": m.start, "end": m.end, "original": m.text, "new": r.new,
                "id": m.match.entity_id, "type": m.match.type,
                "left": _words_before(text, m.start, context), "right": _words_after(text, m.end, context),
            })
    return {
        "generated_by": "docs/make_rewrites.py",
        "aeronorm_version": aeronorm.__version__,
        "style": "canonical",
        "files": [p.stem for p in files],
        "mentions": mentions,
        "rewrites": rewrites,
    }


# -- rendering ---------------------------------------------------------------------------------
def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def _context(r: dict[str, Any]) -> str:
    return _cell(f"{r['left']}**[…]**{r['right']}")


def render_after_only(run: dict[str, Any]) -> list[str]:
    rows: OrderedDict[tuple[str, str, str], list[dict[str, Any]]] = OrderedDict()
    for r in run["rewrites"]:
        rows.setdefault((r["original"], r["new"], r["id"]), []).append(r)
    lines = [
        f"{len(rows)} distinct rewrites ({len(run['rewrites'])} in all) among {run['mentions']} mentions "
        f"in {len(run['files'])} articles.",
        "",
        "| # | original | rewritten | id | type | count | context (first occurrence) |",
        "| ---: | --- | --- | --- | --- | ---: | --- |",
    ]
    for n, ((orig, new, eid), occ) in enumerate(rows.items(), 1):
        first = occ[0]
        lines.append(f"| {n} | {_cell(orig)} | {_cell(new)} | `{eid}` | {first['type']} | {len(occ)} | "
                     f"{_context(first)} |")
    return lines


def _what(run: dict[str, Any], file: str, start: int, end: int, original: str) -> str:
    """What ``run`` wrote for the source span ``file[start:end]``."""
    same, overlapping = [], []
    for r in run["rewrites"]:
        if r["file"] != file or r["end"] <= start or end <= r["start"]:
            continue
        (same if (r["start"], r["end"]) == (start, end) else overlapping).append(r)
    if same:
        return f"{same[0]['new']} (`{same[0]['id']}`)"
    if overlapping:
        return "; ".join(f"part of «{r['original']}» → «{r['new']}» (`{r['id']}`)" for r in overlapping)
    return "(unchanged)"


def render_before_after(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    rows: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for r in before["rewrites"] + after["rewrites"]:
        rows.setdefault(r["original"], [])
        seen = rows[r["original"]]
        if not any((o["file"], o["start"], o["end"]) == (r["file"], r["start"], r["end"]) for o in seen):
            seen.append(r)
    changed = sum(1 for orig, occ in rows.items()
                  if {_what(before, o["file"], o["start"], o["end"], orig) for o in occ}
                  != {_what(after, o["file"], o["start"], o["end"], orig) for o in occ})
    lines = [
        f"Before: {len({(r['original'], r['new'], r['id']) for r in before['rewrites']})} distinct rewrites "
        f"({len(before['rewrites'])} in all); after: "
        f"{len({(r['original'], r['new'], r['id']) for r in after['rewrites']})} "
        f"({len(after['rewrites'])} in all). {changed} of {len(rows)} original mention texts "
        "read differently.",
        "",
        "| # | original | before | after | count | context (first occurrence) |",
        "| ---: | --- | --- | --- | ---: | --- |",
    ]
    for n, (orig, occ) in enumerate(rows.items(), 1):
        b = sorted({_what(before, o["file"], o["start"], o["end"], orig) for o in occ})
        a = sorted({_what(after, o["file"], o["start"], o["end"], orig) for o in occ})
        lines.append(f"| {n} | {_cell(orig)} | {_cell(' / '.join(b))} | {_cell(' / '.join(a))} "
                     f"| {len(occ)} | {_context(occ[0])} |")
    return lines


def render(after: dict[str, Any], before: dict[str, Any] | None, *, seeds_label: str) -> str:
    head = [
        "# Rewrites of `normalize_text` on the source articles",
        "",
        "Generated by `python docs/make_rewrites.py" + (" --before FILE" if before else "")
        + "`; do not edit by hand.",
        f"Articles: the {len(after['files'])} `*.txt` of `{seeds_label}` (not stored here); "
        f"aeronorm {after['aeronorm_version']}, style `{after['style']}`.",
        "Context: a few words either side of the mention; `¶` is a line boundary, **[…]** the mention.",
        "How each current rewrite reads is classified in `benchmarks/realtext/seed_rewrite_review.md`.",
        "",
    ]
    body = render_before_after(before, after) if before else render_after_only(after)
    return "\n".join(head + body) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("seeds", nargs="?", type=Path, default=DEFAULT_SEEDS,
                    help="directory of the *.txt articles (default ../shared/seeds)")
    ap.add_argument("--before", type=Path, help="JSON of an earlier run (--json output): before/after table")
    ap.add_argument("--json", type=Path, help="also write this run as JSON (e.g. docs/rewrites-before.json)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the Markdown table (docs/rewrites.md)")
    ap.add_argument("--context", type=int, default=3, help="words of context either side (default 3)")
    args = ap.parse_args(argv)
    if args.context < 0 or args.context > 6:
        ap.error("--context must be between 0 and 6: the table shows a few words, never sentences")

    after = collect(args.seeds, context=args.context)
    before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else None
    if before is not None and before.get("files") != after["files"]:
        print(f"warning: {args.before} was made on other articles: {before.get('files')}", file=sys.stderr)
    try:
        label = str(args.seeds.resolve().relative_to(ROOT.parent))
        label = "../" + label
    except ValueError:
        label = str(args.seeds)
    args.out.write_text(render(after, before, seeds_label=label), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(after, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    n = len({(r["original"], r["new"], r["id"]) for r in after["rewrites"]})
    print(f"{n} distinct rewrites ({len(after['rewrites'])} in all) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

