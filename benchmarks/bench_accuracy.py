"""Accuracy on data anyone can rebuild: variants of the shipped names and of synthetic organisations.

    python benchmarks/bench_accuracy.py               # the README's table: about a minute on 2 cores
    python benchmarks/bench_accuracy.py --readme      # ... and write it into README.md
    python benchmarks/bench_accuracy.py --quick       # a smaller run, a few seconds

The README's first accuracy table comes from real alias lists that cannot be redistributed. This
benchmark is the one anyone can reproduce from the repository alone, next to a baseline run on the
same queries: ``rapidfuzz.process.extractOne`` with ``fuzz.WRatio`` over every name and alias,
at the cut-off that gives the baseline its best F1 on these very queries (an advantage to the
baseline: a real user has to choose the cut-off without the answers).

The queries (every set drawn with a fixed seed, so a run prints the same table every time):

* **shipped names, formatting**: for organisations, places, programmes and events of the
  shipped glossary, their name in capitals, without punctuation, with ``&`` for ``and``, or with
  another company form or abbreviation (``Co., Ltd.`` -> ``Company Limited``, ``Univ.``).
* **shipped names, one typo**: the same names with one typing error in their longest word
  (a letter dropped, two swapped or one changed; never the first letter). In both shipped sets
  a variant that spells another entity's key is dropped.
* **synthetic, formatting / rendering**: synthetic organisations (``_synthetic.py``: Chinese-style
  names put together from the shipped term lexicon, each with an invented brand) in capitals,
  with odd spacing, or with the other English rendering of a word (Aerospace/Space).
* **synthetic, typo + reordered**: the company form dropped, one typo in the brand, a word
  dropped and the words reordered (``_synthetic.fuzzy_variant``).
* **synthetic, unknown**: organisations built the same way with brands the glossary lacks; the
  right answer is no match.
* **synthetic, look-alike**: a glossary organisation with one domain word changed (*Tianbing
  Aerospace Technology* -> *Tianbing Satellite Technology*): another organisation, not in the
  glossary; the right answer is no match. Plain string similarity rates these highest.

Read it for what it is: the variants are made by rules, and the synthetic names from the same
term lexicon that aeronorm matches with, so the formatting/rendering rows are easy for aeronorm
by construction. Real data is harder (see the first table of the README). What this benchmark
shows reproducibly is precision on unknown and look-alike names, where a plain fuzzy matcher
must guess, and it catches regressions.

Scores, per set and overall: a query has a right answer (an entity id, or none). **Precision** is
the share of answers given that are right; **recall** the share of queries with an entity that
got it; **false accepts** the share of all queries answered wrongly (a wrong entity, or any
entity where none was right). Results go to ``benchmarks/results/accuracy.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # _synthetic, when imported from elsewhere (tests)
    sys.path.insert(0, str(HERE))

from _synthetic import Corpus, OrgName, fuzzy_variant, light_variant, make_corpus  # noqa: E402

from aeronorm import Glossary, Normalizer  # noqa: E402
from aeronorm.text.fold import fold_key  # noqa: E402

README = HERE.parent / "README.md"
START, END = "<!-- bench_accuracy: start -->", "<!-- bench_accuracy: end -->"

#: Query sets, in table order, and whether their right answer is an entity.
SETS: dict[str, bool] = {
    "shipped names, formatting": True,
    "shipped names, one typo": True,
    "synthetic, formatting / rendering": True,
    "synthetic, typo + reordered": True,
    "synthetic, unknown": False,
    "synthetic, look-alike": False,
}
_FORMS = (("Co., Ltd.", "Company Limited"), ("Company Limited", "Co., Ltd."), ("Corporation", "Corp."),
          ("Limited", "Ltd."), ("Institute", "Inst."), ("University", "Univ."))


@dataclass(frozen=True)
class Query:
    text: str
    truth: str | None  # entity id, or None: no entity is right
    kind: str


# ---------------------------------------------------------------------------------- queries
def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    how = rng.randrange(3)
    if how == 0:
        return word[:i] + word[i + 1:]
    if how == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + rng.choice([c for c in "aeiounrst" if c != word[i].lower()]) + word[i + 1:]


def shipped_variant(name: str, rng: random.Random, *, typo: bool) -> str | None:
    """One rewriting of a real name (see the module documentation), or None when none applies."""
    if typo:
        words = [w for w in re.findall(r"[A-Za-z]+", name) if len(w) >= 6]
        if not words:
            return None
        word = max(words, key=len)
        return name.replace(word, _typo(word, rng), 1)
    ways = ["upper", "punct"]
    if " and " in name:
        ways.append("amp")
    if any(a in name for a, _ in _FORMS):
        ways.append("form")
    how = rng.choice(ways)
    if how == "upper":
        return name.upper()
    if how == "punct":
        out = re.sub(r"[.,'()]", "", name)
        return re.sub(r"\s+", " ", out).strip()
    if how == "amp":
        return name.replace(" and ", " & ", 1)
    old, new = next((a, b) for a, b in _FORMS if a in name)
    return name.replace(old, new, 1)


def lookalike(org: OrgName, rng: random.Random, domains: Sequence[Any]) -> OrgName | None:
    """``org`` with one domain word replaced by another: a different organisation."""
    if not org.domains:
        return None
    i = rng.randrange(len(org.domains))
    used = {d.zh for d in org.domains}
    renderings = {w.casefold() for d in org.domains for w in d.en}
    # another domain word, none of whose renderings is also one of the replaced words' (动力 is
    # "power" and "energy", so "Energy" for 能源 could name 动力: not a look-alike)
    options = [d for d in domains if d.zh not in used and not any(d.zh in u or u in d.zh for u in used)
               and renderings.isdisjoint(w.casefold() for w in d.en)]
    if not options:
        return None
    new = list(org.domains)
    new[i] = rng.choice(options)
    return replace(org, domains=tuple(new))


def make_queries(corpus: Corpus, glossary: Glossary, *, per_set: int, seed: int) -> list[Query]:
    rng = random.Random(seed)
    claims = glossary.claims()  # folded key -> ids: a variant spelling another entity's key is dropped
    queries: list[Query] = []

    shipped = [e for e in Glossary.default().entities if e.type in ("org", "place", "program", "event")]
    for kind, typo in (("shipped names, formatting", False), ("shipped names, one typo", True)):
        rng.shuffle(shipped)
        n = 0
        for e in shipped:
            if n >= per_set:
                break
            v = shipped_variant(e.name, rng, typo=typo)
            if v and v != e.name and fold_key(v) and set(claims.get(fold_key(v), (e.id,))) == {e.id}:
                queries.append(Query(v, e.id, kind))
                n += 1

    orgs = list(corpus.orgs.items())
    rng.shuffle(orgs)
    for eid, org in orgs[:per_set]:
        queries.append(Query(light_variant(org, rng), eid, "synthetic, formatting / rendering"))
    for eid, org in orgs[per_set: 2 * per_set]:
        queries.append(Query(fuzzy_variant(org, rng)[0], eid, "synthetic, typo + reordered"))
    for name in corpus.unknown[:per_set]:
        queries.append(Query(name, None, "synthetic, unknown"))

    from _synthetic import _pools  # the same domain words the corpus was built from

    domains = _pools()["domain"]
    taken = {fold_key(n) for n, _ in corpus.all_names()}
    n_look = 0
    for _, org in orgs[2 * per_set:]:
        if n_look >= per_set:
            break
        other = lookalike(org, rng, domains)
        if other is None:
            continue
        text = other.english()
        if fold_key(text) in taken or fold_key(text) in claims:
            continue
        queries.append(Query(text, None, "synthetic, look-alike"))
        n_look += 1
    return queries


# ---------------------------------------------------------------------------------- scoring
def score(answers: Sequence[str | None], queries: Sequence[Query]) -> dict[str, Any]:
    answered = sum(a is not None for a in answers)
    right = sum(a is not None and a == q.truth for a, q in zip(answers, queries, strict=True))
    wrong = sum(a is not None and a != q.truth for a, q in zip(answers, queries, strict=True))
    positives = sum(q.truth is not None for q in queries)
    precision = right / answered if answered else None
    recall = right / positives if positives else None
    f1 = (2 * precision * recall / (precision + recall)
          if precision is not None and recall and precision + recall else None)
    return {"n": len(queries), "answered": answered, "right": right, "wrong": wrong,
            "precision": precision, "recall": recall, "f1": f1,
            "false_accepts": wrong / len(queries) if queries else None}


def rapidfuzz_answers(queries: Sequence[Query], corpus: Corpus) -> list[tuple[str | None, float]]:
    from rapidfuzz import fuzz, process, utils

    pairs = corpus.all_names()
    names = [n for n, _ in pairs]
    out = []
    for q in queries:
        best = process.extractOne(q.text, names, scorer=fuzz.WRatio, processor=utils.default_process)
        out.append((pairs[best[2]][1], best[1]) if best else (None, 0.0))
    return out


def best_cutoff(found: Sequence[tuple[str | None, float]], queries: Sequence[Query]) -> float:
    """The cut-off (50-100) that gives the baseline its best F1 on these queries."""
    def f1_at(c: float) -> float:
        return score([eid if s >= c else None for eid, s in found], queries)["f1"] or 0.0
    return max(range(50, 101), key=lambda c: (f1_at(c), -c))


# ---------------------------------------------------------------------------------- report
def _fmt(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def _prf(s: dict[str, Any]) -> str:
    if s["recall"] is None:  # no entity is right: precision and recall say nothing
        return "-"
    return f"{_fmt(s['precision'])} / {_fmt(s['recall'])} / {_fmt(s['f1'])}"


def table(report: dict[str, Any]) -> str:
    cut = report["rapidfuzz_cutoff"]
    lines = [
        f"| queries (n) | aeronorm P / R / F1 | aeronorm false accepts "
        f"| rapidfuzz WRatio ≥ {cut} P / R / F1 | rapidfuzz false accepts |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, row in report["sets"].items():
        a, b = row["aeronorm"], row["rapidfuzz"]
        label = f"**{name}**" if name == "all" else name
        lines.append(f"| {label} ({a['n']}) | {_prf(a)} | {a['false_accepts']:.1%} | {_prf(b)} "
                     f"| {b['false_accepts']:.1%} |")
    return "\n".join(lines)


def write_readme(text: str, path: Path = README) -> None:
    readme = path.read_text(encoding="utf-8")
    if START not in readme or END not in readme:
        raise SystemExit(f"{path} has no {START} ... {END} block to replace")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def run(*, entities: int, per_set: int, seed: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    corpus = make_corpus(entities, seed=seed, n_unknown=per_set)
    glossary = corpus.glossary()
    queries = make_queries(corpus, glossary, per_set=per_set, seed=seed + 1)
    normalizer = Normalizer(glossary)
    answers = [m.entity_id if m else None for m in normalizer.match_many([q.text for q in queries])]
    t_aeronorm = time.perf_counter() - t0
    t1 = time.perf_counter()
    found = rapidfuzz_answers(queries, corpus)
    t_rapidfuzz = time.perf_counter() - t1
    cut = best_cutoff(found, queries)
    baseline = [eid if s >= cut else None for eid, s in found]
    sets: dict[str, Any] = {}
    for name in [*SETS, "all"]:
        idx = [i for i, q in enumerate(queries) if name in ("all", q.kind)]
        sub = [queries[i] for i in idx]
        sets[name] = {"aeronorm": score([answers[i] for i in idx], sub),
                      "rapidfuzz": score([baseline[i] for i in idx], sub)}
    examples = {name: [{"query": q.text, "truth": q.truth, "aeronorm": a, "rapidfuzz": b}
                       for q, a, b in zip(queries, answers, baseline, strict=True)
                       if q.kind == name and (a != q.truth or b != q.truth)][:5]
                for name in SETS}
    return {"entities": len(glossary), "per_set": per_set, "seed": seed, "rapidfuzz_cutoff": cut,
            "seconds": {"aeronorm_build_and_match": round(t_aeronorm, 2), "rapidfuzz": round(t_rapidfuzz, 2)},
            "sets": sets, "misses": examples}


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entities", type=int, default=3000, help="glossary size: shipped + synthetic")
    ap.add_argument("--per-set", type=int, default=300, help="queries per set")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--quick", action="store_true", help="1,000 entities, 60 queries per set")
    ap.add_argument("--readme", action="store_true", help=f"write the table into {README.name}")
    ap.add_argument("--out", default=str(HERE / "results" / "accuracy.json"))
    args = ap.parse_args(argv)
    if args.quick:
        args.entities, args.per_set = 1000, 60
    report = run(entities=args.entities, per_set=args.per_set, seed=args.seed)
    text = table(report)
    print(f"bench_accuracy: {report['entities']} entities ({len(Glossary.default())} shipped), "
          f"{report['sets']['all']['aeronorm']['n']} queries, seed {args.seed}\n")
    print(text)
    print(f"\nrapidfuzz cut-off {report['rapidfuzz_cutoff']}: its best F1 on these queries. Times: "
          f"aeronorm {report['seconds']['aeronorm_build_and_match']} s (build + match), "
          f"rapidfuzz {report['seconds']['rapidfuzz']} s.")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.readme:
        write_readme(text)
        print(f"wrote the table into {README}")
    return report


if __name__ == "__main__":
    main()
