"""How well ``find`` and ``normalize_text`` read real third-party news (issue 14's real-text set).

Run from the repository root::

    python benchmarks/bench_text_quality.py           # the report, a few seconds
    python benchmarks/bench_text_quality.py --json    # the same figures as JSON on stdout
    python benchmarks/bench_text_quality.py --list    # also every unannotated term hit

The set is ``benchmarks/realtext/items/*.yaml`` (see ``benchmarks/realtext/README.md``): short
excerpts of English news and press releases about China's space industry, annotated by hand with
every mention of a shipped entity (expected id, kind, multi-word titles marked), traps (strings
that must not be matched as a glossary entity) and ``keep`` strings (qualifiers that must still be
in the text after ``normalize_text``). Only the public API is used:
``aeronorm.default_normalizer()``, ``Normalizer.find``, ``Normalizer.normalize_text`` and the
``Mention`` attributes.

How a found mention is judged (``overlap`` means the two character spans share a character):

1. **correct** if it overlaps an annotation whose id (or one of its ``alt_ids``) is the found id,
   and it either overlaps no trap or lies inside that annotation (so ``SAST`` inside
   ``SAST's 803rd Research Institute`` is correct, the whole institute read as SAST is not);
2. else **on a trap** if it overlaps a trap;
3. else **wrong id** if it overlaps any annotation;
4. else **unannotated term** if its type is ``term`` (listed with ``--list``: domain words such as
   "launch site" are not all annotated), or **spurious** otherwise (listed for review: either a
   missing annotation or a false hit).

An annotation counts as **found** when a correct mention overlaps it (``exact`` also requires the
same span). Annotations marked ``optional`` (nested names, descriptions, anaphora) are not counted
in recall, but a mention on them is not an error. Recall is reported for names (kinds ``name``,
``place``, ``acronym``), multi-word titles, one-word titles and terms; the issue's targets are
name recall >= 0.97, multi-word title recall >= 0.85, no mention on a trap and no wrong id.

``normalize_text`` is checked on every item with measures that name a phenomenon, not a sentence:

* ``keep`` strings (a province, an edition, a plural, a trap's wording) must occur in the output
  at least as often as in the source;
* digits lost: digit runs of the source missing from the output (``Chang'e-6`` -> ``Chang'e``);
* brackets added: ``(`` in the output beyond the source's (a note written into the text);
* names doubled: ``X (X)`` in the output beyond the source's (an acronym in brackets rewritten
  to the full name it follows);
* orphaned periods: a spelled-out company form followed by the abbreviation's period
  (``Corporation.'s``, ``Corporation. (``, ``Limited., ``).

The script exits 0 even when a target is missed: it is a report. Results go to
``benchmarks/results/text_quality.json`` (``--out`` to change).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ITEMS_DIR = HERE / "realtext" / "items"
DEFAULT_OUT = HERE / "results" / "text_quality.json"

NAME_KINDS = frozenset({"name", "place", "acronym"})
KINDS = NAME_KINDS | {"title", "term"}
TARGETS = {"name_recall": 0.97, "multiword_title_recall": 0.85, "trap_hits": 0, "wrong_ids": 0}
_WORD_SPLIT = re.compile(r"[\s\-\u2010-\u2015]+")
_DIGITS = re.compile(r"\d+")
_BRACKETED = re.compile(r"\(([^()]{3,})\)")
# A company form written out in full keeps the period that belonged to its abbreviation.
_ORPHAN_PERIOD = re.compile(
    r"\b(?:Corporation|Company|Limited|Group|Incorporated)\.(?=['\u2019,;:()]|\s+[a-z(])")

__all__ = [
    "Annotation",
    "Item",
    "TrapSpan",
    "evaluate",
    "load_items",
    "main",
    "validate_item",
]


@dataclass(frozen=True)
class Annotation:
    text: str
    start: int
    end: int
    id: str
    kind: str
    alt_ids: tuple[str, ...] = ()
    multiword: bool | None = None
    optional: bool = False

    @property
    def ids(self) -> frozenset[str]:
        return frozenset((self.id, *self.alt_ids))

    @property
    def group(self) -> str:
        """Which recall figure the annotation counts in."""
        if self.kind == "title":
            return "multiword_title" if self.multiword else "one_word_title"
        return "term" if self.kind == "term" else "name"


@dataclass(frozen=True)
class TrapSpan:
    text: str
    start: int
    end: int
    why: str


@dataclass
class Item:
    slug: str
    source: str
    title: str
    text: str
    mentions: list[Annotation]
    traps: list[TrapSpan]
    keep: list[str]
    raw: dict[str, Any] = field(repr=False, default_factory=dict)


# -- loading and checking the data -------------------------------------------------------------
def _occurrences(text: str, sub: str) -> list[int]:
    out, i = [], text.find(sub)
    while i >= 0 and sub:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def _start(text: str, sub: str, entry: dict[str, Any]) -> int:
    """``start`` as given, else the offset of occurrence ``occurrence`` (default 0) of ``sub``; -1 if none."""
    if "start" in entry:
        return int(entry["start"])
    found = _occurrences(text, sub)
    n = int(entry.get("occurrence", 0))
    return found[n] if 0 <= n < len(found) else -1


def load_items(directory: Path = ITEMS_DIR) -> list[Item]:
    """Every ``*.yaml`` item of the set, in file-name order.

    A mention is placed by ``start`` (character offset) or ``occurrence`` (0-based, counting every
    occurrence of its text, overlapping ones included); a trap with neither stands for every
    occurrence of its text. Raises ``ValueError`` on a file that is not a mapping with ``text``;
    :func:`validate_item` checks the rest.
    """
    items = []
    for path in sorted(Path(directory).glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
            raise ValueError(f"{path}: expected a mapping with a 'text' string")
        text = raw["text"]
        mentions = []
        for m in raw.get("mentions") or ():
            sub = str(m.get("text", ""))
            start = _start(text, sub, m)
            mentions.append(Annotation(
                text=sub, start=start, end=start + len(sub), id=str(m.get("id", "")),
                kind=str(m.get("kind", "")), alt_ids=tuple(m.get("alt_ids") or ()),
                multiword=m.get("multiword"), optional=bool(m.get("optional", False)),
            ))
        traps = []
        for t in raw.get("traps") or ():
            sub = str(t.get("text", ""))
            starts = [_start(text, sub, t)] if "start" in t or "occurrence" in t else _occurrences(text, sub)
            traps.extend(TrapSpan(sub, s, s + len(sub), str(t.get("why", ""))) for s in starts)
        items.append(Item(
            slug=path.stem, source=str(raw.get("source", "")), title=str(raw.get("title", "")),
            text=text, mentions=mentions, traps=traps, keep=[str(k) for k in raw.get("keep") or ()],
            raw=raw,
        ))
    return items


def validate_item(item: Item, known_ids: Iterable[str]) -> list[str]:
    """Problems with one item's data (empty when it is well formed)."""
    known = set(known_ids)
    problems = []
    where = item.slug
    if not item.source or not item.title:
        problems.append(f"{where}: source and title are required")
    if not item.mentions:
        problems.append(f"{where}: no mentions")
    for m in item.mentions:
        if item.text[m.start:m.end] != m.text or m.start < 0:
            problems.append(f"{where}: {m.text!r} is not at offset {m.start}")
        for eid in m.ids:
            if eid not in known:
                problems.append(f"{where}: {m.text!r}: id {eid!r} is not in the shipped glossary")
        if m.kind not in KINDS:
            problems.append(f"{where}: {m.text!r}: kind {m.kind!r} not one of {sorted(KINDS)}")
        if m.kind == "title":
            words = [w for w in _WORD_SPLIT.split(m.text) if w]
            if m.multiword is None:
                problems.append(f"{where}: title {m.text!r} must say multiword: true/false")
            elif m.multiword != (len(words) > 1):
                problems.append(f"{where}: title {m.text!r}: multiword is {m.multiword}")
        elif m.multiword is not None:
            problems.append(f"{where}: {m.text!r}: multiword is only for titles")
    seen = Counter((m.start, m.end) for m in item.mentions)
    problems += [f"{where}: span {s} annotated {n} times" for s, n in seen.items() if n > 1]
    for t in item.traps:
        if t.start < 0 or item.text[t.start:t.end] != t.text or not t.text:
            problems.append(f"{where}: trap {t.text!r} is not in the text")
        if not t.why:
            problems.append(f"{where}: trap {t.text!r} needs a 'why'")
    for raw_trap in item.raw.get("traps") or ():
        if "start" not in raw_trap and str(raw_trap.get("text", "")) not in item.text:
            problems.append(f"{where}: trap {raw_trap.get('text')!r} is not in the text")
    for k in item.keep:
        if k not in item.text:
            problems.append(f"{where}: keep {k!r} is not in the text")
    return problems


# -- scoring -----------------------------------------------------------------------------------
def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _found(m: Any) -> dict[str, Any]:
    return {"start": m.start, "end": m.end, "text": m.text, "id": m.match.entity_id, "type": m.match.type}


def _judge(f: dict[str, Any], item: Item) -> tuple[str, list[Annotation], list[TrapSpan]]:
    s, e, fid = f["start"], f["end"], f["id"]
    over = [a for a in item.mentions if _overlaps(s, e, a.start, a.end)]
    same = [a for a in over if fid in a.ids]
    traps = [t for t in item.traps if _overlaps(s, e, t.start, t.end)]
    inside = any(a.start <= s and e <= a.end for a in same)
    if same and (not traps or inside):
        return "correct", same, traps
    if traps:
        return "trap", over, traps
    if over:
        return "wrong", over, traps
    return ("unannotated_term" if f["type"] == "term" else "spurious"), over, traps


_DAMAGE = ("digits_lost", "brackets_added", "names_doubled", "orphaned_periods")


def _doubled_names(text: str) -> int:
    """How many ``X (X)``: a bracket whose content repeats the words just before it."""
    n = 0
    for m in _BRACKETED.finditer(text):
        inner = m.group(1).strip().rstrip(".")
        if text[: m.start()].rstrip(" ,").rstrip(".").endswith(inner):
            n += 1
    return n


def _rewrite_damage(source: str, out: str) -> dict[str, int]:
    lost = Counter(_DIGITS.findall(source)) - Counter(_DIGITS.findall(out))
    return {
        "digits_lost": sum(lost.values()),
        "brackets_added": max(0, out.count("(") - source.count("(")),
        "names_doubled": max(0, _doubled_names(out) - _doubled_names(source)),
        "orphaned_periods": max(0, len(_ORPHAN_PERIOD.findall(out)) - len(_ORPHAN_PERIOD.findall(source))),
    }


def _ratio(n: int, d: int) -> float | None:
    return n / d if d else None


def evaluate(normalizer: Any, items: Sequence[Item]) -> dict[str, Any]:
    """Run ``find`` and ``normalize_text`` over ``items`` and score them (see the module doc)."""
    groups = ("name", "multiword_title", "one_word_title", "term")
    totals = {g: Counter() for g in groups}
    by_kind: dict[str, Counter[str]] = {k: Counter() for k in sorted(NAME_KINDS)}
    lists: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("trap_hits", "wrong_ids", "spurious", "unannotated_terms", "missed", "keep_lost")
    }
    per_item = []
    damage_totals: Counter[str] = Counter()
    for item in items:
        found = [_found(m) for m in normalizer.find(item.text)]
        verdicts = [(f, *_judge(f, item)) for f in found]
        correct = [(f, anns) for f, v, anns, _ in verdicts if v == "correct"]
        counts = Counter(v for _, v, _, _ in verdicts)
        for f, v, anns, traps in verdicts:
            base = {"item": item.slug, "found": f["text"], "id": f["id"], "at": f["start"]}
            if v == "trap":
                lists["trap_hits"].append({**base, "trap": traps[0].text, "why": traps[0].why})
            elif v == "wrong":
                lists["wrong_ids"].append({**base, "annotated": anns[0].text, "expected": anns[0].id})
            elif v == "spurious":
                lists["spurious"].append(base)
            elif v == "unannotated_term":
                lists["unannotated_terms"].append(base)
        item_missed = 0
        for a in item.mentions:
            if a.optional:
                continue
            hits = [f for f, anns in correct if a in anns]
            tally = totals[a.group]
            tally["total"] += 1
            tally["found"] += bool(hits)
            tally["exact"] += any(f["start"] == a.start and f["end"] == a.end for f in hits)
            if a.group == "name":
                by_kind[a.kind]["total"] += 1
                by_kind[a.kind]["found"] += bool(hits)
            if not hits:
                item_missed += 1
                lists["missed"].append({"item": item.slug, "text": a.text, "id": a.id, "kind": a.kind,
                                        "group": a.group, "at": a.start})
        out = str(normalizer.normalize_text(item.text))
        lost = [k for k in item.keep if out.count(k) < item.text.count(k)]
        lists["keep_lost"] += [{"item": item.slug, "keep": k} for k in lost]
        damage = _rewrite_damage(item.text, out)
        for k, v in damage.items():
            damage_totals[k] += v
        per_item.append({
            "item": item.slug,
            "annotated": sum(not a.optional for a in item.mentions),
            "found": sum(not a.optional for a in item.mentions) - item_missed,
            "missed": item_missed,
            "trap_hits": counts["trap"],
            "wrong_ids": counts["wrong"],
            "spurious": counts["spurious"],
            "unannotated_terms": counts["unannotated_term"],
            "keep_lost": len(lost),
            **damage,
        })
    summary: dict[str, Any] = {"items": len(items)}
    for g in groups:
        t = totals[g]
        summary[f"{g}_annotated"] = t["total"]
        summary[f"{g}_found"] = t["found"]
        summary[f"{g}_recall"] = _ratio(t["found"], t["total"])
        summary[f"{g}_exact_recall"] = _ratio(t["exact"], t["total"])
    summary["name_recall_by_kind"] = {k: _ratio(c["found"], c["total"]) for k, c in by_kind.items()}
    summary["trap_spans"] = sum(len(i.traps) for i in items)
    summary["keep_strings"] = sum(len(i.keep) for i in items)
    for k in ("trap_hits", "wrong_ids", "spurious", "unannotated_terms", "keep_lost"):
        summary[k] = len(lists[k])
    for k in _DAMAGE:
        summary[k] = damage_totals[k]
    targets = {
        "name_recall": _target(summary["name_recall"], TARGETS["name_recall"], at_least=True),
        "multiword_title_recall": _target(summary["multiword_title_recall"],
                                          TARGETS["multiword_title_recall"], at_least=True),
        "trap_hits": _target(summary["trap_hits"], TARGETS["trap_hits"], at_least=False),
        "wrong_ids": _target(summary["wrong_ids"], TARGETS["wrong_ids"], at_least=False),
    }
    return {"summary": summary, "targets": targets, "per_item": per_item, **lists}


def _target(value: float | int | None, target: float, *, at_least: bool) -> dict[str, Any]:
    ok = value is not None and (value >= target if at_least else value <= target)
    return {"value": value, "target": target, "op": ">=" if at_least else "<=", "pass": ok}


# -- report ------------------------------------------------------------------------------------
def _fmt(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3f}"


def print_report(r: dict[str, Any], *, list_terms: bool = False, file: Any = None) -> None:
    out = file or sys.stdout
    s = r["summary"]

    def p(line: str = "") -> None:
        print(line, file=out)

    p(f"Real-text set: {s['items']} items, {s['trap_spans']} trap spans, {s['keep_strings']} keep strings")
    p()
    p(f"{'figure':34} {'value':>8} {'found/annotated':>16} {'exact span':>11}")
    for g, label in (("name", "name recall"), ("multiword_title", "multi-word title recall"),
                     ("one_word_title", "one-word title recall (info)"), ("term", "term recall (info)")):
        p(f"{label:34} {_fmt(s[f'{g}_recall']):>8} {s[f'{g}_found']:>7}/{s[f'{g}_annotated']:<8} "
          f"{_fmt(s[f'{g}_exact_recall']):>11}")
    p("  name recall by kind: " + ", ".join(f"{k} {_fmt(v)}" for k, v in s["name_recall_by_kind"].items()))
    p(f"{'mentions on traps':34} {s['trap_hits']:>8}")
    p(f"{'wrong ids':34} {s['wrong_ids']:>8}")
    p(f"{'spurious (for review)':34} {s['spurious']:>8}")
    p(f"{'unannotated term hits':34} {s['unannotated_terms']:>8}")
    p(f"{'keep strings lost':34} {s['keep_lost']:>8}")
    p(f"{'normalize_text: digits lost':34} {s['digits_lost']:>8}")
    p(f"{'normalize_text: brackets added':34} {s['brackets_added']:>8}")
    p(f"{'normalize_text: names doubled':34} {s['names_doubled']:>8}")
    p(f"{'normalize_text: orphaned periods':34} {s['orphaned_periods']:>8}")
    p()
    p("Targets (issue 14):")
    for name, t in r["targets"].items():
        v = t["value"]
        shown = _fmt(v) if isinstance(v, float) or v is None else str(v)
        p(f"  {name:24} {shown:>8}  target {t['op']} {t['target']:<5} {'PASS' if t['pass'] else 'FAIL'}")
    p()
    cols = ("annotated", "found", "missed", "trap_hits", "wrong_ids", "spurious", "unannotated_terms",
            "keep_lost", *_DAMAGE)
    short = ("ann", "fnd", "mis", "trap", "wrng", "spur", "term", "keep", "dig", "brk", "dbl", "per")
    p("Per item (ann/fnd/mis: annotated, found, missed; trap/wrng/spur/term: mentions on traps, wrong ids,")
    p("spurious, unannotated terms; keep: keep strings lost; dig/brk/dbl/per: digits lost, brackets added,")
    p("names doubled, orphaned periods)")
    p(f"  {'':44} " + " ".join(f"{c:>4}" for c in short))
    for row in r["per_item"]:
        p(f"  {row['item'][:44]:44} " + " ".join(f"{row[c]:>4}" for c in cols))
    def found(x: dict[str, Any]) -> str:
        return f"{x['found']!r} -> {x['id']}"

    sections = [
        ("Mentions on traps", "trap_hits", lambda x: f"{found(x)}  (trap {x['trap']!r}: {x['why']})"),
        ("Wrong ids", "wrong_ids", lambda x: f"{found(x)}  (annotated {x['annotated']!r} = {x['expected']})"),
        ("Spurious mentions (neither annotated nor a trap: review)", "spurious", found),
        ("Missed annotations", "missed", lambda x: f"[{x['group']}] {x['text']!r} ({x['id']})"),
        ("Keep strings lost by normalize_text", "keep_lost", lambda x: repr(x["keep"])),
    ]
    if list_terms:
        sections.append(("Unannotated term hits", "unannotated_terms", found))
    for title, key, fmt in sections:
        rows = r[key]
        p()
        p(f"{title}: {len(rows)}")
        for x in rows:
            p(f"  {x['item'][:40]:40} {fmt(x)}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=Path, default=ITEMS_DIR, help="directory of item YAML files")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of the report")
    ap.add_argument("--list", action="store_true", help="also list every unannotated term hit")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON results")
    ap.add_argument("--no-save", action="store_true", help="do not write the JSON results file")
    args = ap.parse_args(argv)

    import aeronorm

    items = load_items(args.items)
    known = {e.id for e in aeronorm.Glossary.default()}
    problems = [p for item in items for p in validate_item(item, known)]
    if problems:
        for p in problems:
            print(f"bad item data: {p}", file=sys.stderr)
        return 2
    results = evaluate(aeronorm.default_normalizer(), items)
    if not args.no_save:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(results, indent=1, ensure_ascii=False))
    else:
        print_report(results, list_terms=args.list)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
