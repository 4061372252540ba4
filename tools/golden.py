#!/usr/bin/env python3
"""Record, and compare, every answer aeronorm gives on a fixed set of inputs: a golden file.

A behaviour-preserving change (a restructuring, a speed-up) must leave the golden file identical;
a change of behaviour must be listed and justified. Nothing here is committed but this script:
the inputs are drawn once and kept beside the answers, outside the repository.

    python tools/golden.py record DIR      # draw the inputs (first time), then record answers
    python tools/golden.py compare DIR/answers.json OTHER/answers.json

Inputs: every variant of the dev alias set in both modes (read at run time from
``../shared/dev-eval``, never copied into the project), 20,000 synthetic queries against a
synthetic glossary (``benchmarks/_synthetic.py``), variants of every shipped name (case, company
form, order, pinyin of the Chinese name), and running text: the project's examples, the seed
articles, and sentences built from shipped names.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

_TEMPLATES = (
    "On Monday, {a} said that {b} would join the programme.",
    "Officials of {a} met {b} in Beijing (see {c}).",
    "{a}'s team and the {b} signed an agreement; {c} attended.",
    "According to {a}, {b} and {c} will launch next year.",
    "The {a} Co., Ltd. announced that {b} had won a contract.",
)


def _load_score_module():
    spec = importlib.util.spec_from_file_location("score", SHARED / "dev-eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _pinyin(zh: str) -> str:
    from pypinyin import lazy_pinyin

    return " ".join(s.capitalize() for s in lazy_pinyin(zh))


def draw_inputs() -> dict:
    rng = random.Random(20261205)
    inputs: dict = {"query_sets": {}, "texts": {}}
    score = _load_score_module()
    rows = score.load(SHARED / "dev-eval" / "aliases_dev.tsv")
    for mode in ("zero", "half"):
        records, queries = score.build(rows, mode)
        inputs["query_sets"][f"dev-{mode}"] = {"records": records, "queries": [q[0] for q in queries]}

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _synthetic import fuzzy_variant, light_variant, make_corpus

    corpus = make_corpus(2000, seed=7, include_shipped=True, n_unknown=4000)
    ids = sorted(corpus.orgs)
    queries = []
    for k in range(8000):
        queries.append(fuzzy_variant(corpus.orgs[ids[k % len(ids)]], rng)[0])
    for k in range(8000):
        queries.append(light_variant(corpus.orgs[ids[(k * 7) % len(ids)]], rng))
    queries += corpus.unknown[:4000]
    inputs["query_sets"]["synthetic"] = {"records": corpus.records, "queries": queries}

    from aeronorm import Glossary

    g = Glossary.default()
    shipped: list[str] = []
    for e in g:
        for s in (e.name, *e.aliases, *e.abbreviations, *([e.zh] if e.zh else []), *e.zh_aliases):
            shipped += [s, s.upper(), s.lower(), s.replace(" ", "  ")]
            words = s.split()
            if len(words) > 2:
                shipped.append(" ".join(words[:-1]))
                shipped.append(" ".join(words[1:]))
                w = words[:]
                rng.shuffle(w)
                shipped.append(" ".join(w))
                i = rng.randrange(len(s))
                shipped.append(s[:i] + s[i + 1 :])
        if e.zh:
            shipped.append(_pinyin(e.zh))
    inputs["query_sets"]["shipped"] = {"records": None, "queries": list(dict.fromkeys(shipped))}

    texts = {}
    for path in sorted((ROOT / "examples" / "news").glob("*.txt")):
        texts[f"examples/{path.name}"] = path.read_text(encoding="utf-8")
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        texts[f"seeds/{path.name}"] = path.read_text(encoding="utf-8")
    names = [s for e in g for s in (e.name, *e.aliases, *e.abbreviations)]
    for k in range(400):
        t = _TEMPLATES[k % len(_TEMPLATES)]
        texts[f"generated/{k:03d}"] = t.format(a=rng.choice(names), b=rng.choice(names), c=rng.choice(names))
    inputs["texts"] = texts
    return inputs


def _match_row(m) -> list | None:
    if m is None:
        return None
    return [m.entity_id, m.score, m.method, [c.entity_id for c in m.candidates]]


def record(inputs: dict) -> dict:
    from aeronorm import Glossary, Normalizer

    answers: dict = {"matches": {}, "evidence": {}, "find": {}, "normalize_text": {}}
    default = Normalizer()
    for name, qs in inputs["query_sets"].items():
        n = default if qs["records"] is None else Normalizer(Glossary.from_records(qs["records"]))
        ms = n.match_many(qs["queries"])
        answers["matches"][name] = [_match_row(m) for m in ms]
        answers["evidence"][name] = [list(m.evidence) if m else None for m in ms]
    for name, text in inputs["texts"].items():
        answers["find"][name] = [
            [m.start, m.end, m.match.entity_id, m.match.score, m.match.method] for m in default.find(text)
        ]
        answers["normalize_text"][name] = str(default.normalize_text(text))
    return answers


def compare(a: dict, b: dict, inputs: dict | None, limit: int = 40) -> int:
    diffs = 0
    for section in ("matches", "find", "normalize_text", "evidence"):
        for name in sorted(set(a[section]) | set(b[section])):
            x, y = a[section].get(name), b[section].get(name)
            if x == y:
                continue
            if isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
                bad = [i for i, (p, q) in enumerate(zip(x, y, strict=True)) if p != q]
                count = len(bad)
                print(f"{section}/{name}: {count} of {len(x)} differ")
                for i in bad[:limit]:
                    named = inputs and section in ("matches", "evidence")
                    q = inputs["query_sets"][name]["queries"][i] if named else i
                    print(f"   {q!r}: {x[i]} -> {y[i]}")
            else:
                count = 1
                print(f"{section}/{name}: differs")
                if isinstance(x, str) and isinstance(y, str):
                    import difflib

                    for line in difflib.unified_diff(x.splitlines(), y.splitlines(), lineterm="", n=0):
                        print("   " + line)
                else:
                    print(f"   {x}\n-> {y}")
            if section != "evidence":
                diffs += count
    print(f"{diffs} differing answers (evidence wording not counted)")
    return 1 if diffs else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("record")
    r.add_argument("dir")
    c = sub.add_parser("compare")
    c.add_argument("a")
    c.add_argument("b")
    args = ap.parse_args()
    if args.cmd == "record":
        out = Path(args.dir)
        out.mkdir(parents=True, exist_ok=True)
        inputs_path = out / "inputs.json"
        if not inputs_path.exists():
            inputs_path.write_text(json.dumps(draw_inputs(), ensure_ascii=False), encoding="utf-8")
        inputs = json.loads(inputs_path.read_text(encoding="utf-8"))
        (out / "answers.json").write_text(json.dumps(record(inputs), ensure_ascii=False), encoding="utf-8")
        print(f"recorded {out / 'answers.json'}")
        return 0
    a = json.loads(Path(args.a).read_text(encoding="utf-8"))
    b = json.loads(Path(args.b).read_text(encoding="utf-8"))
    inputs_path = Path(args.a).with_name("inputs.json")
    inputs = json.loads(inputs_path.read_text(encoding="utf-8")) if inputs_path.exists() else None
    return compare(a, b, inputs)


if __name__ == "__main__":
    sys.exit(main())
