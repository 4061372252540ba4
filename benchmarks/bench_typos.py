"""Names with one typo (issue 13): aeronorm next to rapidfuzz, in the same run, on the same queries.

Run from the repository root::

    python benchmarks/bench_typos.py            # 10,000-entity synthetic glossary and the dev names
    python benchmarks/bench_typos.py --quick    # 2,000 entities, fewer queries (smoke test size)

Each query is a glossary name with exactly one typo, of one of six kinds, in one word:

* ``dropped`` (Beijig), ``doubled`` (Beijinng), ``swapped`` (Biejing: adjacent letters
  transposed), ``changed`` (Beijung: one letter replaced), never the first letter;
* ``joined`` (a missing space: LaunchData, GroupCorporation), ``split`` (an extra space:
  Bei jing).

The word is either **distinctive** (it occurs in one entity's names only, such as a brand) or
**generic** (in at least five entities' names: Technology, Aerospace, Beijing). A typo never
produces another word of the glossary or of the shipped term lexicon (Hubei -> Hebei is not a
typo but another name). Unknown names (not in the glossary), as written and with one typo,
must get no match.

Two parts: (a) a synthetic glossary (``_synthetic.make_corpus``, the shipped entities mixed in;
queries from synthetic entities, unknown names with brands not in the glossary), and (b) the
dev names, read at run time only when ``../shared/dev-eval/aliases_dev.tsv`` exists: the
glossary is built by the dev scorer's own ``build(rows, "zero")`` (canonical and Chinese names
of the known clusters), typos go into canonical names, the unknown clusters' variants are the
unknown names. No dev row is printed or written.

Systems: ``Normalizer.match_many`` (defaults), and rapidfuzz
``process.extractOne(q, names, scorer=fuzz.WRatio, processor=utils.default_process)`` over every
name and alias, with its cut-off chosen on a separate split (disjoint entities and unknown
names): the lowest whole-number cut-off whose false-accept rate there is at most 1 %; its top-1
without a cut-off is printed too. Target (issue 13): at least 85 % right with at most 1 % false
accepts. Results go to ``benchmarks/results/typos.json``; the script exits 0 even when a target
fails (printed as FAIL).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import string
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # _synthetic and friends, when imported from elsewhere (tests)
    sys.path.insert(0, str(HERE))

from _devset import DEFAULT_ALIASES, load_scorer, missing_reason  # noqa: E402
from _synthetic import make_corpus  # noqa: E402

import aeronorm  # noqa: E402
from aeronorm import Glossary, Normalizer  # noqa: E402

__all__ = [
    "TYPO_KINDS",
    "WORD_CLASSES",
    "Query",
    "Vocabulary",
    "apply_typo",
    "choose_cutoff",
    "main",
    "rapidfuzz_best",
    "run_part",
    "tally",
]

DEFAULT_OUT = HERE / "results" / "typos.json"
TYPO_KINDS = ("dropped", "doubled", "swapped", "changed", "joined", "split")
WORD_CLASSES = ("distinctive", "generic")
#: A word in at least this many entities' names is generic; in at most one, distinctive.
GENERIC_DF = 5
RIGHT_TARGET = 0.85
FA_TARGET = 0.01
# Function words are neither class and are never joined: "Instituteof" is not the typo asked for.
_SMALL = frozenset({"and", "of", "for", "the", "in", "on", "at", "to", "de"})
_WORD = re.compile(r"[^\W\d_]+")

Say = Callable[[str], None]


# --------------------------------------------------------------------------------------------
# queries
@dataclass(frozen=True)
class Query:
    """One query: ``truth`` is the entity id, or None for an unknown name (no match wanted).

    ``kind`` is the typo kind (``none`` for an unknown name as written) and ``word`` the class
    of the word that carries it (``-`` when there is no typo).
    """

    text: str
    truth: str | None
    kind: str
    word: str


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


class Vocabulary:
    """Word statistics of a glossary: document frequency per entity, and every known word.

    Parameters
    ----------
    names : mapping
        Entity id -> its English names (name, aliases, abbreviations).
    extra : iterable of str
        Further known text (the term lexicon's renderings): a typo must not produce it.
    """

    def __init__(self, names: Mapping[str, Sequence[str]], extra: Iterable[str] = ()) -> None:
        self.df: Counter[str] = Counter()
        for texts in names.values():
            self.df.update(set().union(*(_words(t) for t in texts)) if texts else set())
        self.known = set(self.df)
        for text in extra:
            self.known |= _words(text)
        self.names = {_squash(t) for texts in names.values() for t in texts}

    @classmethod
    def of_records(cls, records: Sequence[Mapping[str, Any]]) -> Vocabulary:
        names = {r["id"]: [r["name"], *(r.get("aliases") or ()), *(r.get("abbreviations") or ())]
                 for r in records}
        terms = [x for t in Glossary.default().terms for x in t.renderings]
        return cls(names, terms)

    def word_class(self, token: str) -> str | None:
        """``distinctive``, ``generic`` or None (a token that takes no letter typo here:
        punctuation or digits inside, shorter than four letters, an acronym, a function word)."""
        if not (token.isascii() and token.isalpha() and len(token) >= 4) or token.isupper():
            return None
        key = token.casefold()
        if key in _SMALL:
            return None
        df = self.df.get(key, 0)
        if df <= 1:
            return "distinctive"
        return "generic" if df >= GENERIC_DF else None


def _letter_typo(word: str, kind: str, rng: random.Random) -> str | None:
    """One typo of ``kind`` in ``word``, never in its first letter; None when impossible."""
    if kind == "swapped":
        spots = [i for i in range(1, len(word) - 1) if word[i].casefold() != word[i + 1].casefold()]
        if not spots:
            return None
        i = rng.choice(spots)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "split":
        i = rng.randrange(2, len(word) - 1)  # both parts at least two letters
        return f"{word[:i]} {word[i:]}"
    i = rng.randrange(1, len(word))
    if kind == "dropped":
        return word[:i] + word[i + 1 :]
    if kind == "doubled":
        return word[: i + 1] + word[i:]
    if kind == "changed":
        c = rng.choice([x for x in string.ascii_lowercase if x != word[i].casefold()])
        return word[:i] + (c.upper() if word[i].isupper() else c) + word[i + 1 :]
    raise ValueError(f"unknown typo kind {kind!r}")


def apply_typo(name: str, kind: str, word: str, vocab: Vocabulary, rng: random.Random,
               *, attempts: int = 8) -> str | None:
    """``name`` with one typo of ``kind`` in a word of class ``word``, or None when the name
    has no such word or every try gave a known word or an existing name.

    Examples
    --------
    >>> v = Vocabulary({f"e{i}": [f"Xuanhu{i:c} Aerospace Technology Corporation"]
    ...                 for i in range(97, 103)})
    >>> q = apply_typo("Xuanhua Aerospace Technology Corporation", "dropped", "generic", v,
    ...                random.Random(0))
    >>> q.split()[0], len(q)
    ('Xuanhua', 39)
    """
    tokens = name.split()
    if kind == "joined":
        pairs = []
        for j in range(len(tokens) - 1):
            a, b = tokens[j], tokens[j + 1]
            if not all(t.isascii() and t.isalpha() and len(t) >= 3 and t.casefold() not in _SMALL
                       for t in (a, b)):
                continue
            classes = {vocab.word_class(a), vocab.word_class(b)}
            if word in classes and (word == "distinctive" or "distinctive" not in classes):
                pairs.append(j)
        rng.shuffle(pairs)
        for j in pairs[:attempts]:
            joined = tokens[j] + tokens[j + 1]
            out = " ".join([*tokens[:j], joined, *tokens[j + 2 :]])
            if joined.casefold() not in vocab.known and _squash(out) not in vocab.names:
                return out
        return None
    spots = [j for j, t in enumerate(tokens) if vocab.word_class(t) == word]
    if not spots:
        return None
    for _ in range(attempts):
        j = rng.choice(spots)
        typo = _letter_typo(tokens[j], kind, rng)
        if typo is None or typo == tokens[j]:
            continue
        if kind != "split" and typo.casefold() in vocab.known:
            continue  # another word (Hubei -> Hebei), not a typo
        out = " ".join([*tokens[:j], typo, *tokens[j + 1 :]])
        if _squash(out) not in vocab.names:
            return out
    return None


def _typo_queries(pool: Sequence[tuple[str, str]], vocab: Vocabulary, *, per_cell: int | None,
                  seed: str) -> list[Query]:
    """For each typo kind and word class, up to ``per_cell`` queries from ``(entity id, name)``
    pairs of ``pool`` (each entity at most once per cell; all of them when ``per_cell`` is None)."""
    out = []
    for kind in TYPO_KINDS:
        for word in WORD_CLASSES:
            rng = random.Random(f"{seed}:{kind}:{word}")
            order = list(pool)
            rng.shuffle(order)
            made = 0
            for eid, name in order:
                if per_cell is not None and made >= per_cell:
                    break
                text = apply_typo(name, kind, word, vocab, rng)
                if text is not None:
                    out.append(Query(text, eid, kind, word))
                    made += 1
    return out


def _unknown_queries(names: Sequence[str], vocab: Vocabulary, *, seed: str) -> list[Query]:
    """Every unknown name as written, and once with a typo (kinds in turn, word classes
    alternating; the other class when the name has no word of the first)."""
    rng = random.Random(seed)
    out = []
    for i, name in enumerate(names):
        out.append(Query(name, None, "none", "-"))
        kind = TYPO_KINDS[i % len(TYPO_KINDS)]
        first = WORD_CLASSES[(i // len(TYPO_KINDS)) % 2]
        for word in (first, *(w for w in WORD_CLASSES if w != first)):
            text = apply_typo(name, kind, word, vocab, rng)
            if text is not None:
                out.append(Query(text, None, kind, word))
                break
    return out


# --------------------------------------------------------------------------------------------
# systems
def aeronorm_predict(
    normalizer: Normalizer, queries: Sequence[Query]
) -> tuple[list[str | None], Counter[str]]:
    """aeronorm's answers, and the stage of each right answer."""
    matches = normalizer.match_many([q.text for q in queries])
    stages: Counter[str] = Counter()
    pred: list[str | None] = []
    for q, m in zip(queries, matches, strict=True):
        pred.append(m.entity_id if m is not None else None)
        if m is not None and m.entity_id == q.truth:
            stages[m.method] += 1
    return pred, stages


def rapidfuzz_best(texts: Sequence[str], names: Sequence[tuple[str, str]], *, workers: int = 1,
                   check: int = 8) -> list[tuple[str, float]]:
    """The best ``(entity id, WRatio score)`` over every name for each text.

    The same as ``process.extractOne(t, choices, scorer=fuzz.WRatio,
    processor=utils.default_process)``, computed in chunks with ``process.cdist`` on
    pre-processed strings (the first best on ties, as extractOne); the first ``check`` texts
    are verified against extractOne itself. A cut-off is applied afterwards: extractOne with
    ``score_cutoff=c`` returns this answer when its score is at least ``c``, else None.
    """
    import numpy as np
    from rapidfuzz import fuzz, process, utils

    choices = [text for text, _ in names]
    owners = [eid for _, eid in names]
    processed = [utils.default_process(c) for c in choices]
    out: list[tuple[str, float]] = []
    for start in range(0, len(texts), 256):
        chunk = [utils.default_process(t) for t in texts[start : start + 256]]
        scores = process.cdist(chunk, processed, scorer=fuzz.WRatio, workers=workers, dtype=np.float64)
        best = np.argmax(scores, axis=1)
        out += [(owners[int(k)], float(scores[i, k])) for i, k in enumerate(best)]
    for text, (eid, score) in list(zip(texts, out, strict=True))[:check]:
        ref = process.extractOne(text, choices, scorer=fuzz.WRatio, processor=utils.default_process)
        if ref is None or abs(ref[1] - score) > 1e-6 or owners[ref[2]] != eid:
            raise AssertionError(f"cdist disagrees with extractOne on {text!r}: {ref} vs {(eid, score)}")
    return out


def at_cutoff(best: Sequence[tuple[str, float]], cutoff: float) -> list[str | None]:
    return [eid if score >= cutoff else None for eid, score in best]


def choose_cutoff(queries: Sequence[Query], best: Sequence[tuple[str, float]], *,
                  max_fa: float = FA_TARGET) -> int:
    """The lowest whole-number cut-off (0..101) at which at most ``max_fa`` of the unknown
    names are accepted: right answers only grow as the cut-off falls, so this one is the best
    allowed. 101 (accept nothing) when no lower one qualifies."""
    unknown = [score for q, (_, score) in zip(queries, best, strict=True) if q.truth is None]
    if not unknown:
        raise ValueError("the tuning split has no unknown names")
    for cutoff in range(0, 102):
        if sum(s >= cutoff for s in unknown) / len(unknown) <= max_fa:
            return cutoff
    raise AssertionError("unreachable: nothing scores above 100")


# --------------------------------------------------------------------------------------------
# scoring
def _shares(c: Counter[str]) -> dict[str, Any]:
    n = c["right"] + c["wrong"] + c["abstained"]
    return {"n": n, **{k: (c[k] / n if n else None) for k in ("right", "wrong", "abstained")}}


def tally(queries: Sequence[Query], predicted: Sequence[str | None]) -> dict[str, Any]:
    """Right / wrong / abstained shares per typo kind and word class, per kind, overall; and
    false-accept rates on unknown names (as written, with a typo, all)."""
    cells: dict[tuple[str, str], Counter[str]] = {}
    fa: dict[str, Counter[str]] = {"as written": Counter(), "with a typo": Counter()}
    for q, p in zip(queries, predicted, strict=True):
        if q.truth is None:
            c = fa["as written" if q.kind == "none" else "with a typo"]
            c["n"] += 1
            c["accepted"] += p is not None
            continue
        verdict = "abstained" if p is None else ("right" if p == q.truth else "wrong")
        cells.setdefault((q.kind, q.word), Counter())[verdict] += 1
    by_kind = {k: sum((c for (kk, _), c in cells.items() if kk == k), Counter()) for k in TYPO_KINDS}
    overall = sum(cells.values(), Counter())
    fa["all"] = fa["as written"] + fa["with a typo"]
    return {
        "cells": {f"{k}/{w}": _shares(c) for (k, w), c in sorted(cells.items())},
        "by_kind": {k: _shares(c) for k, c in by_kind.items()},
        "by_word": {w: _shares(sum((c for (_, ww), c in cells.items() if ww == w), Counter()))
                    for w in WORD_CLASSES},
        "overall": _shares(overall),
        "false_accepts": {k: {"n": c["n"], "rate": c["accepted"] / c["n"] if c["n"] else None}
                          for k, c in fa.items()},
    }


def _meets(t: dict[str, Any]) -> bool:
    right = t["overall"]["right"] or 0.0
    rate = t["false_accepts"]["all"]["rate"]
    return right >= RIGHT_TARGET and rate is not None and rate <= FA_TARGET


# --------------------------------------------------------------------------------------------
# one part: a glossary, a test split and a tuning split
@dataclass
class Part:
    """A glossary, its rapidfuzz choices, and the queries of each split."""

    name: str
    glossary: Glossary
    names: list[tuple[str, str]]  # (written form, entity id): what rapidfuzz searches
    test: list[Query]
    tune: list[Query]
    note: str = ""


def run_part(part: Part, *, workers: int = 1, say: Say = print) -> dict[str, Any]:
    """Score aeronorm and rapidfuzz on the part's test split (rapidfuzz's cut-off from the
    tuning split) and print the table."""
    t0 = time.perf_counter()
    tune_best = rapidfuzz_best([q.text for q in part.tune], part.names, workers=workers)
    cutoff = choose_cutoff(part.tune, tune_best)
    tune_tally = tally(part.tune, at_cutoff(tune_best, cutoff))
    test_best = rapidfuzz_best([q.text for q in part.test], part.names, workers=workers)
    rf_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    normalizer = Normalizer(part.glossary)
    build_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    aero_pred, stages = aeronorm_predict(normalizer, part.test)
    aero_seconds = time.perf_counter() - t0
    systems = {
        "aeronorm": tally(part.test, aero_pred),
        f"rapidfuzz WRatio >= {cutoff}": tally(part.test, at_cutoff(test_best, cutoff)),
        "rapidfuzz WRatio top-1": tally(part.test, at_cutoff(test_best, 0)),
    }
    known = sum(q.truth is not None for q in part.test)
    unknown = len(part.test) - known
    say(f"[{part.name}] {len(part.glossary):,} entities, {len(part.names):,} names and aliases for rapidfuzz"
        + (f"; {part.note}" if part.note else ""))
    say(f"    test split: {known} typo'd names of known entities, {unknown} unknown names "
        f"({sum(q.truth is None and q.kind != 'none' for q in part.test)} with a typo); "
        f"rapidfuzz cut-off {cutoff} chosen on a separate split ({len(part.tune)} queries, "
        f"false accepts there {tune_tally['false_accepts']['all']['rate']:.1%})")
    for line in format_part(systems):
        say("    " + line)
    right = systems["aeronorm"]["overall"]["right"] or 0.0
    if stages:
        say("    aeronorm's right answers by stage: " + ", ".join(
            f"{k} {v / sum(stages.values()):.0%}" for k, v in stages.most_common()))
    say(f"    time: aeronorm build {build_seconds:.1f} s, match_many {aero_seconds:.1f} s "
        f"({len(part.test) / aero_seconds:,.0f} q/s); rapidfuzz, both splits, {rf_seconds:.1f} s")
    verdicts = {}
    for label, t in systems.items():
        ok = _meets(t)
        verdicts[label] = ok
        say(f"    target >= {RIGHT_TARGET:.0%} right with <= {FA_TARGET:.0%} false accepts: {label}: "
            f"right {t['overall']['right'] or 0:.1%}, false accepts {t['false_accepts']['all']['rate']:.1%} "
            f"-> {'PASS' if ok else 'FAIL'}")
    return {
        "entities": len(part.glossary), "choices": len(part.names), "test_queries": len(part.test),
        "tune_queries": len(part.tune), "rapidfuzz_cutoff": cutoff, "tune_rapidfuzz": tune_tally,
        "systems": systems, "aeronorm_right_by_stage": dict(stages), "aeronorm_right": right,
        "target_met": verdicts, "seconds": {"aeronorm_build": build_seconds, "aeronorm_match": aero_seconds,
                                            "rapidfuzz": rf_seconds},
    }


def _cell(s: dict[str, Any]) -> str:
    if not s["n"]:
        return f"{'-':>18}"
    return f"{s['right']:>6.1%} {s['wrong']:>6.1%} {s['abstained']:>6.1%}"


def format_part(systems: dict[str, dict[str, Any]]) -> list[str]:
    """The table: per typo kind and word class, per kind and overall; then false accepts."""
    labels = list(systems)
    first = systems[labels[0]]
    head = f"{'typo kind':10} {'word':12} {'n':>5} | " + " | ".join(f"{lab[:26]:^26}" for lab in labels)
    sub = f"{'':10} {'':12} {'':>5} | " + " | ".join(f"{' right  wrong  abst.':^26}" for _ in labels)
    lines = [head, sub, "-" * len(head)]

    def row(kind: str, word: str, key: str, sub_key: str | None) -> str:
        cells = [(t[key][sub_key] if sub_key else t[key]) for t in systems.values()]
        n = cells[0]["n"]
        return f"{kind:10} {word:12} {n:>5} | " + " | ".join(f"{_cell(c):^26}" for c in cells)

    for kind in TYPO_KINDS:
        for word in WORD_CLASSES:
            if f"{kind}/{word}" in first["cells"]:
                lines.append(row(kind, word, "cells", f"{kind}/{word}"))
        lines.append(row(kind, "both", "by_kind", kind))
    lines.append("-" * len(head))
    for word in WORD_CLASSES:
        lines.append(row("all", word, "by_word", word))
    lines.append(row("all", "both", "overall", None))
    lines.append("-" * len(head))
    for key in ("as written", "with a typo", "all"):
        n = first["false_accepts"][key]["n"]
        rates = [t["false_accepts"][key]["rate"] for t in systems.values()]
        text = " | ".join(f"{('-' if r is None else f'{r:.1%}'):^26}" for r in rates)
        lines.append(f"{'unknown':10} {key:12} {n:>5} | {text}   (false accepts)")
    return lines


# --------------------------------------------------------------------------------------------
# the two parts' queries
def synthetic_part(n_entities: int, *, per_cell: int, tune_per_cell: int, n_unknown: int,
                   seed: int) -> Part:
    """The synthetic glossary; typo'd names of synthetic entities split in two halves of
    entities (test, tune), unknown names likewise."""
    corpus = make_corpus(n_entities, seed=seed, n_unknown=2 * n_unknown)
    vocab = Vocabulary.of_records(corpus.records)
    ids = sorted(corpus.orgs)
    random.Random(seed).shuffle(ids)
    name = {r["id"]: r["name"] for r in corpus.records}
    halves = {"test": ids[0::2], "tune": ids[1::2]}
    unknown = {"test": corpus.unknown[0::2], "tune": corpus.unknown[1::2]}
    queries = {}
    for split, pool in halves.items():
        count = per_cell if split == "test" else tune_per_cell
        queries[split] = (_typo_queries([(e, name[e]) for e in pool], vocab, per_cell=count,
                                        seed=f"syn{seed}:{split}")
                          + _unknown_queries(unknown[split], vocab, seed=f"syn{seed}:{split}:unknown"))
    return Part(f"synthetic {len(corpus.records):,}", corpus.glossary(), corpus.all_names(),
                queries["test"], queries["tune"],
                f"{len(corpus.orgs):,} synthetic, the shipped ones mixed in")


def _half(key: str) -> str:
    import hashlib

    return "test" if int(hashlib.sha256(("typo" + key).encode()).hexdigest(), 16) % 2 == 0 else "tune"


def dev_part(aliases: Path, scorer: Path | None = None, *, per_cell: int | None, seed: int) -> Part:
    """The dev glossary as the dev scorer builds it in mode zero; typo'd canonical names of
    the known entities and the unknown clusters' variants, split in halves by entity/cluster."""
    score = load_scorer(aliases, scorer)
    records, queries = score.build(score.load(aliases), "zero")
    origin = getattr(score, "ORIGIN", {})  # query position -> its cluster
    vocab = Vocabulary.of_records(records)
    pools: dict[str, list[tuple[str, str]]] = {"test": [], "tune": []}
    for r in records:
        pools[_half(r["id"])].append((r["id"], r["name"]))
    unknown: dict[str, list[str]] = {"test": [], "tune": []}
    for i, (text, expected, _) in enumerate(queries):
        if expected is None:
            unknown[_half(origin.get(i, text))].append(text)
    out = {split: _typo_queries(pools[split], vocab, per_cell=per_cell, seed=f"dev{seed}:{split}")
           + _unknown_queries(unknown[split], vocab, seed=f"dev{seed}:{split}:unknown")
           for split in ("test", "tune")}
    names = [(n, r["id"]) for r in records for n in (r["name"], *(r.get("aliases") or ()))]
    glossary = Glossary.from_records(records)
    return Part("dev names, mode zero", glossary, names, out["test"], out["tune"],
                f"{len(unknown['test']) + len(unknown['tune'])} unknown variants")


# --------------------------------------------------------------------------------------------
def _meta(args: argparse.Namespace) -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True,
                            text=True, check=False).stdout.strip() or None
    return {"aeronorm": aeronorm.__version__, "commit": commit, "python": platform.python_version(),
            "cpus": os.cpu_count(), "loadavg": os.getloadavg() if hasattr(os, "getloadavg") else None,
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="2,000 entities, fewer queries")
    parser.add_argument("--entities", type=int, help="synthetic glossary size (default 10,000; quick 2,000)")
    parser.add_argument("--per-cell", type=int, help="test queries per typo kind and word class "
                        "(default 80; quick 12)")
    parser.add_argument("--tune-per-cell", type=int,
                        help="tuning-split queries per cell (default 30; quick 8)")
    parser.add_argument("--unknown", type=int, help="unknown names per split, each also with a typo "
                        "(default 400; quick 60)")
    parser.add_argument("--dev-aliases", type=Path, default=DEFAULT_ALIASES,
                        help=f"the dev alias set, read if present (default {DEFAULT_ALIASES})")
    parser.add_argument("--dev-scorer", type=Path,
                        help="the dev scorer (default: score.py beside the aliases)")
    parser.add_argument("--dev-per-cell", type=int, help="cap on dev test queries per cell (default: every "
                        "known entity of the split; quick 15)")
    parser.add_argument("--workers", type=int, default=1, help="rapidfuzz cdist threads (default 1)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON results (default {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    q = args.quick
    entities = args.entities or (2_000 if q else 10_000)
    per_cell = args.per_cell or (12 if q else 80)
    tune_per_cell = args.tune_per_cell or (8 if q else 30)
    n_unknown = args.unknown or (60 if q else 400)
    dev_per_cell = args.dev_per_cell or (15 if q else None)

    started = time.perf_counter()
    print(f"aeronorm {aeronorm.__version__}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    parts: dict[str, Any] = {}
    part = synthetic_part(entities, per_cell=per_cell, tune_per_cell=tune_per_cell, n_unknown=n_unknown,
                          seed=args.seed)
    parts["synthetic"] = run_part(part, workers=args.workers)
    parts["synthetic"]["examples"] = [
        {"query": x.text, "kind": x.kind, "word": x.word} for x in part.test[:: max(1, len(part.test) // 12)]]
    print()
    reason = missing_reason(args.dev_aliases, args.dev_scorer)
    if reason:
        print(f"[dev names] skipped: {reason}")
        parts["dev"] = {"skipped": reason}
    else:
        parts["dev"] = run_part(dev_part(args.dev_aliases, args.dev_scorer, per_cell=dev_per_cell,
                                         seed=args.seed), workers=args.workers)
    failed = [name for name, p in parts.items() if "target_met" in p and not p["target_met"]["aeronorm"]]
    elapsed = time.perf_counter() - started
    print()
    print(f"aeronorm target (>= {RIGHT_TARGET:.0%} right, <= {FA_TARGET:.0%} false accepts): "
          + ("FAIL on " + ", ".join(failed) if failed else "PASS"))
    print(f"(run took {elapsed:.0f} s)")
    report = {"meta": _meta(args), "elapsed_seconds": elapsed, "targets": {"right": RIGHT_TARGET,
              "false_accepts": FA_TARGET}, "parts": parts, "failed": failed}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
