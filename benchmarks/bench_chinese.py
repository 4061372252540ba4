"""Speed of the Chinese and romanised side of aeronorm, next to baselines measured in the same run.

Run from the repository root::

    python benchmarks/bench_chinese.py           # about a minute on 2 cores
    python benchmarks/bench_chinese.py --quick   # a few seconds

What it measures:

1. Chinese look-ups/s of ``Normalizer.match`` (each distinct name once, caches cleared) on the
   shipped glossary plus synthetic organisations (``_synthetic.make_corpus``), by kind of
   query: simplified names, traditional names, names with their company form or ``中国``
   changed, English abbreviation + Chinese suffix (``CASIC二院``), a person's name followed by
   a title (the jieba path); next to ``dict.get`` on the simplified name (the floor) and
   rapidfuzz ``process.extractOne`` over every Chinese name (a fuzzy baseline);
2. romanised look-ups/s: pinyin of organisation names, persons in reordered, capitalised and
   Wade-Giles forms; next to rapidfuzz over every English name;
3. one-off costs in fresh interpreters: ``Normalizer()`` on the shipped glossary (and that it
   loads neither jieba nor OpenCC), the first Chinese query that needs no segmentation, the
   first one that loads aeronorm's jieba tokenizer (target < 1.5 s), and jieba's full
   dictionary for comparison.

Prints ``metric | aeronorm | baseline | ratio | target | result`` and writes JSON to
``benchmarks/results/chinese.json``. It is a report: it exits 0 even when a target fails.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from _synthetic import make_corpus  # noqa: E402

from aeronorm import Normalizer  # noqa: E402
from aeronorm.text.person_names import chinese_name_keys, split_chinese_name, wade_giles  # noqa: E402
from aeronorm.text.pinyin import to_pinyin  # noqa: E402

DEFAULT_OUT = HERE / "results" / "chinese.json"
TOKENIZER_TARGET_S = 1.5
BUILD_TARGET_S = 1.0


def _clear_caches() -> None:
    """Empty the per-string caches, so that every timed look-up does its work."""
    from aeronorm import chinese, names, romanization, text

    for fn in (
        chinese.to_simplified,
        chinese.fold_han,
        names.read_romanised,
        romanization.split_syllables,
        text.fold,
        text.fold_key,
    ):
        fn.cache_clear()


def _rate(fn: Callable[[str], Any], queries: Sequence[str], *, repeat: int = 3) -> float:
    """Best-of-``repeat`` look-ups per second of ``fn`` over distinct ``queries``."""
    best = float("inf")
    for _ in range(repeat):
        _clear_caches()
        start = time.perf_counter()
        for q in queries:
            fn(q)
        best = min(best, time.perf_counter() - start)
    return len(queries) / best if best > 0 else float("inf")


def _chinese_queries(n: Normalizer, rng: random.Random, size: int) -> dict[str, list[str]]:
    import opencc

    s2t = opencc.OpenCC("s2t")
    orgs = [e for e in n.glossary.entities if e.type == "org" and e.zh and len(e.zh) >= 4]
    people = [e for e in n.glossary.entities if e.type == "person" and split_chinese_name(e.zh or "")]
    rng.shuffle(orgs)
    sample = orgs[:size]
    by_id = {e.id: e for e in n.glossary.entities}
    mixed = []  # a parent's abbreviation + the rest of a child's Chinese alias: CASIC + 二院
    for e in n.glossary.entities:
        parent = by_id.get(e.parent or "")
        if parent is None or not parent.abbreviations:
            continue
        for alias in e.zh_aliases:
            for pz in parent.chinese_names():
                if alias.startswith(pz) and len(alias) > len(pz):
                    mixed.append(parent.abbreviations[0] + alias[len(pz) :])
    titles = ["局长", "同志", "院士", "总经理"]
    return {
        "simplified": [e.zh for e in sample],
        "traditional": [s2t.convert(e.zh) for e in sample],
        "company form changed": [_change_form(e.zh) for e in sample],
        "abbreviation + Chinese": sorted(set(mixed)) or ["CASIC二院"],
        "person + title (jieba)": [e.zh + rng.choice(titles) for e in people],
    }


def _change_form(zh: str) -> str:
    for old, new in (("有限责任公司", "有限公司"), ("有限公司", "公司"), ("集团", "集团公司")):
        if zh.endswith(old):
            return zh[: -len(old)] + new
    return "中国" + zh if not zh.startswith("中国") else zh[2:]


def _romanised_queries(n: Normalizer, rng: random.Random, size: int) -> dict[str, list[str]]:
    orgs = [e for e in n.glossary.entities if e.type == "org" and e.zh and len(e.zh) >= 4]
    rng.shuffle(orgs)
    people = [e for e in n.glossary.entities if e.type == "person" and split_chinese_name(e.zh or "")]
    reordered, wg = [], []
    for e in people:
        surname, given = chinese_name_keys(e.zh)[0]
        reordered += [
            f"{given.capitalize()} {surname.capitalize()}",
            f"{surname.upper()} {given.capitalize()}",
        ]
        wg.append(wade_giles(e.zh))
    return {
        "pinyin of org names": [" ".join(to_pinyin(e.zh)).title() for e in orgs[:size]],
        "person reordered / capitals": reordered,
        "person Wade-Giles": wg,
    }


def _fresh(code: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE.parent,
    )
    return {"stdout": json.loads(out.stdout.strip().splitlines()[-1]), "stderr": out.stderr}


ONE_OFF = """
import json, sys, time
t = time.perf_counter()
from aeronorm import Normalizer
n = Normalizer()
build = time.perf_counter() - t
loaded_after_build = [m for m in ("jieba", "opencc") if m in sys.modules]
t = time.perf_counter(); n.match("中國航天科工集團"); first_t2s = time.perf_counter() - t
jieba_after_t2s = "jieba" in sys.modules
t = time.perf_counter(); n.match("張克儉局長"); first_jieba = time.perf_counter() - t
tok = n.pipeline.stages["chinese"].table.get().tokenizer
t = time.perf_counter(); n.match("张克俭同志"); second = time.perf_counter() - t
print(json.dumps({"build": build, "loaded_after_build": loaded_after_build, "first_t2s": first_t2s,
                  "jieba_after_t2s": jieba_after_t2s, "first_jieba": first_jieba,
                  "tokenizer_load": tok.load_seconds, "user_words": len(tok.user_words),
                  "second_jieba": second}))
"""

FULL_DICT = """
import json
from aeronorm.text.segment import ChineseTokenizer
tok = ChineseTokenizer([("航天科工二院", "nt")], full_dictionary=True)
tok.cut("航天科工二院")
print(json.dumps({"full_dictionary_load": tok.load_seconds}))
"""


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, a few seconds")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    rng = random.Random(7)
    n_entities, size = (600, 60) if args.quick else (3000, 300)

    corpus = make_corpus(n_entities, seed=11)
    t = time.perf_counter()
    n = Normalizer(corpus.glossary())
    build_big = time.perf_counter() - t
    n.match("中國航天科工集團")
    n.match("張克儉局長")  # warm: jieba loaded, tables built

    rows: list[dict[str, Any]] = []

    def row(
        metric: str, value: float, baseline: float | None, unit: str, target: str = "", ok: bool | None = None
    ):
        ratio = value / baseline if baseline else None
        rows.append(
            {
                "metric": metric,
                "aeronorm": round(value, 3),
                "baseline": None if baseline is None else round(baseline, 3),
                "ratio": None if ratio is None else round(ratio, 2),
                "unit": unit,
                "target": target,
                "result": "" if ok is None else ("ok" if ok else "FAIL"),
            }
        )

    from rapidfuzz import fuzz, process

    zh_names = [z for e in n.glossary.entities for z in e.chinese_names()]
    by_zh = {z: i for i, z in enumerate(zh_names)}
    en_names = [s for e in n.glossary.entities for s in e.english_names()]
    sample = max(20, size // 10)

    def fuzzy_rate(choices: list[str], qs: list[str]) -> float:
        return _rate(
            lambda q: process.extractOne(q, choices, scorer=fuzz.WRatio, score_cutoff=85),
            qs[:sample],
            repeat=1,
        )

    for kind, queries in _chinese_queries(n, rng, size).items():
        qs = list(dict.fromkeys(queries))
        rate = _rate(n.match, qs)
        found = sum(n.match(q) is not None for q in qs) / len(qs)
        baseline = _rate(by_zh.get, qs) if kind == "simplified" else fuzzy_rate(zh_names, qs)
        row(f"Chinese look-ups/s: {kind} ({len(qs)}, {found:.0%} matched)", rate, baseline, "1/s")
    for kind, queries in _romanised_queries(n, rng, size).items():
        qs = list(dict.fromkeys(queries))
        rate = _rate(n.match, qs)
        found = sum(n.match(q) is not None for q in qs) / len(qs)
        row(
            f"romanised look-ups/s: {kind} ({len(qs)}, {found:.0%} matched)",
            rate,
            fuzzy_rate(en_names, qs),
            "1/s",
        )
    row(f"Normalizer build, {len(n.glossary)} entities (warm process)", build_big, None, "s")

    one = _fresh(ONE_OFF)
    full = _fresh(FULL_DICT)["stdout"]["full_dictionary_load"]
    o = one["stdout"]
    row(
        "Normalizer() build, shipped glossary (fresh process)",
        o["build"],
        None,
        "s",
        f"< {BUILD_TARGET_S}",
        o["build"] < BUILD_TARGET_S,
    )
    row(
        "modules loaded by the build: " + (", ".join(o["loaded_after_build"]) or "none"),
        len(o["loaded_after_build"]),
        None,
        "count",
        "0",
        not o["loaded_after_build"],
    )
    row(
        "first traditional query (OpenCC, no jieba: %s)"
        % ("loaded" if o["jieba_after_t2s"] else "not loaded"),
        o["first_t2s"],
        None,
        "s",
        "no jieba",
        not o["jieba_after_t2s"],
    )
    row(
        f"aeronorm jieba tokenizer, one-off ({o['user_words']} user words)",
        o["tokenizer_load"],
        full,
        "s",
        f"< {TOKENIZER_TARGET_S}",
        o["tokenizer_load"] < TOKENIZER_TARGET_S,
    )
    row("first query that loads it, end to end", o["first_jieba"], None, "s")
    row("next such query", o["second_jieba"], None, "s")
    row("jieba log lines on stderr", one["stderr"].count("\n"), None, "lines", "0", one["stderr"] == "")

    width = max(len(r["metric"]) for r in rows)
    print(f"{'metric':{width}} | {'aeronorm':>10} | {'baseline':>10} | {'ratio':>7} | {'target':>8} | result")
    for r in rows:

        def fmt(v: Any) -> str:
            return "" if v is None else f"{v:,.3f}" if isinstance(v, float) else str(v)

        print(
            f"{r['metric']:{width}} | {fmt(r['aeronorm']):>10} | {fmt(r['baseline']):>10} | "
            f"{fmt(r['ratio']):>7} | {r['target']:>8} | {r['result']}"
        )
    print(
        "baselines, on the same queries: dict.get on the simplified name (simplified row); rapidfuzz "
        "extractOne (WRatio, cutoff 85) over every Chinese name (other Chinese rows) or English name "
        "(romanised rows); jieba's full dictionary (tokenizer row). ratio = aeronorm / baseline"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "python": platform.python_version(),
                "machine": platform.machine(),
                "entities": len(n.glossary),
                "rows": rows,
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
