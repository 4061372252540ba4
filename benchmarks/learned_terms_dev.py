"""What the learned term lexicon adds on the dev set, and that it never lowers precision.

    python benchmarks/learned_terms_dev.py [--dev ../shared/dev-eval]

Builds the dev glossaries exactly as the dev scorer does (its own ``load``/``build``, imported
by path; no rows are copied), then scores the same queries with ``learn_terms=False`` and
``learn_terms=True`` and prints the learned pairs and every prediction that changed.
"""

from __future__ import annotations

import argparse
import importlib.util
import pathlib
import sys

from aeronorm import Glossary, Normalizer

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _scorer(dev: pathlib.Path):
    spec = importlib.util.spec_from_file_location("dev_score", dev / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", default=str(ROOT.parent / "shared" / "dev-eval"))
    args = ap.parse_args()
    dev = pathlib.Path(args.dev)
    if not (dev / "score.py").is_file():
        print(f"no dev set at {dev}", file=sys.stderr)
        return 2
    score = _scorer(dev)
    rows = score.load(dev / "aliases_dev.tsv")
    worse = 0
    for mode in ("zero", "half"):
        records, queries = score.build(rows, mode)
        glossary = Glossary.from_records(records)
        texts = [q[0] for q in queries]
        results = {}
        for learn in (False, True):
            n = Normalizer(glossary, learn_terms=learn)
            pred = [m.entity_id if m else None for m in n.match_many(texts)]
            results[learn] = (n, pred, score.score(pred, queries))
        (_, before, s0), (n1, after, s1) = results[False], results[True]
        learned = ", ".join(f"{t.zh}={'/'.join(t.renderings)}" for t in n1.learned_terms) or "nothing"
        print(f"mode={mode}: learned {len(n1.learned_terms)} terms: {learned}")
        for label, s in (("without", s0), ("with", s1)):
            print(f"  {label:8} learned terms: precision {s['precision']:.4f} recall {s['recall']:.4f} "
                  f"f1 {s['f1']:.4f} wrong {s['wrong']} false-accept {s['false_accept_rate']:.4f}")
        changed = [(q, b, a) for (q, _, _), b, a in zip(queries, before, after, strict=True) if a != b]
        for q, b, a in changed:
            print(f"  changed: {q!r}: {b} -> {a}")
        if s1["precision"] < s0["precision"]:
            worse += 1
    print("precision never lowered" if not worse else f"precision lowered in {worse} mode(s)")
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
