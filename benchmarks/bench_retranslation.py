"""What stage 6 (retranslation) costs inside ``Normalizer.match_many``.

Run from the repository root::

    python benchmarks/bench_retranslation.py [--names 20000] [--mt-names 300] [--repeat 5] [--threads 1]

Two measurements, printed as tables and written to ``benchmarks/results/retranslation.json``:

(a) **Unused, it costs nothing.** ``match_many`` on ``--names`` distinct names built from the
    shipped glossary, all of which stages 1-5 resolve: a ``Normalizer`` without translators
    against the same ``Normalizer`` with an ``en_zh`` and a ``zh_en``
    :class:`~aeronorm.mt.FunctionTranslator` that count their calls. The translators must be
    called 0 times and the time ratio be about 1.0x. A second pair of runs adds 10% names that
    nothing resolves, with translators that answer at once (``""``): the stage's own overhead
    apart from MT (one call per direction).

(b) **Needed, batching and caching are what matter.** ``--mt-names`` distinct English names
    that stages 1-5 leave unresolved, through the tiny MarianMT model of the tests
    (``tests/mt/tiny_marian.py``, trained here in a few seconds, reused from a temporary folder
    on later runs): ``match`` one name at a time, ``match_many`` (one batched translation), and
    ``match_many`` again when the translator's cache already holds every name.

Times are CPU seconds of this process (``time.process_time``), best of ``--repeat`` runs, so
that other jobs on a shared machine do not blur them; torch runs on ``--threads`` threads (1 by
default), which makes CPU time the same as wall time on an idle machine.

The tiny model (d_model 32, one layer each side) is far cheaper than a real opus-mt model, so
(b) understates what batching and caching save with a real one; see docs/mt.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "mt"))

from tiny_marian import build_tiny_marian  # noqa: E402

from aeronorm import Glossary, Normalizer  # noqa: E402
from aeronorm.mt import FunctionTranslator  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "retranslation.json"

# Invented entities and invented English free translations of their Chinese names; the tiny
# en->zh model learns these pairs (and maps any other input to one of their outputs).
RECORDS = [
    {"id": "x-starfield", "name": "Starfield Launch Services Co., Ltd.", "zh": "星野发射服务有限公司"},
    {"id": "x-bluewhale", "name": "Lanjing Satellite Technology Co., Ltd.", "zh": "蓝鲸卫星科技有限公司"},
    {"id": "x-skybridge", "type": "program", "name": "Tianqiao Programme", "zh": "天桥计划"},
]
PAIRS = (
    ("Wild Star Rocket Company", "星野发射服务有限公司"),
    ("Azure Leviathan Orbital", "蓝鲸卫星科技有限公司"),
    ("Heavenly Bridge Plan", "天桥计划"),
    ("Moon Rabbit Propulsion", "玉兔推进公司"),  # in no glossary entry
)
FIRST = ("Wild", "Azure", "Heavenly", "Silent", "Crimson", "Hidden", "Misty", "Windy", "Frosty", "Amber")
SECOND = ("Star", "Leviathan", "Bridge", "Rabbit", "Falcon", "Comet", "Lantern", "Willow", "Otter", "Kite")
THIRD = ("Rocket Company", "Orbital", "Plan", "Propulsion", "Works", "Dynamics", "Ventures", "Labs")


def best_seconds(
    run: Callable[[], object], repeat: int, *, clock: Callable[[], float] = time.process_time
) -> float:
    """CPU seconds of this process for the fastest of ``repeat`` runs (the machine may be shared)."""
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        run()
        best = min(best, clock() - start)
    return best


def variants(name: str) -> list[str]:
    """Spellings of one glossary name that differ only in case, spacing and punctuation."""
    return [
        name,
        name.lower(),
        name.upper(),
        name.title(),
        f"  {name} ",
        f"{name}.",
        f"{name},",
        name.replace(" ", "  "),
        f"the {name}",
        f"({name})",
        f"[{name}]",
        f'"{name}"',
        f"'{name}'",
        f"{name};",
        name.swapcase(),
        name.replace(" ", "_") if " " in name else f"{name} ",
    ]


def resolvable_names(plain: Normalizer, count: int, *, seed: int = 0) -> list[str]:
    """``count`` distinct names (fewer if the glossary cannot give them) that stages 1-5 resolve."""
    pool: dict[str, None] = {}
    for e in plain.glossary.entities:
        for s in (e.name, *e.aliases, *e.abbreviations, e.zh, *e.zh_aliases):
            if s:
                pool.update(dict.fromkeys(variants(s)))
    names = list(pool)
    names = [n for n, m in zip(names, plain.match_many(names), strict=True) if m is not None]
    random.Random(seed).shuffle(names)
    return names[:count]


def unresolved_names(plain: Normalizer, count: int, *, seed: int = 0) -> list[str]:
    """``count`` distinct invented English names that stages 1-5 do not resolve."""
    pool = [" ".join(p) for p in itertools.product(FIRST, SECOND, THIRD)]
    random.Random(seed).shuffle(pool)
    names = [n for n, m in zip(pool, plain.match_many(pool), strict=True) if m is None]
    if len(names) < count:
        raise SystemExit(f"only {len(names)} unresolved invented names; lower --mt-names")
    return names[:count]


class Counting:
    """A translator function that counts its calls and texts and answers ``""`` at once."""

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    def __call__(self, texts: list[str]) -> list[str]:
        self.calls += 1
        self.texts += len(texts)
        return [""] * len(texts)


def bench_unused(glossary: Glossary, count: int, repeat: int) -> dict:
    plain = Normalizer(glossary)
    en, zh = Counting(), Counting()
    with_mt = Normalizer(
        glossary,
        en_zh=FunctionTranslator(en, source="en", target="zh", cache_key="counting-en-zh"),
        zh_en=FunctionTranslator(zh, source="zh", target="en", cache_key="counting-zh-en"),
    )
    names = resolvable_names(plain, count)
    unknown = unresolved_names(plain, min(len(names) // 10, 700))
    mixed = names[: len(names) - len(unknown)] + unknown
    random.Random(1).shuffle(mixed)

    out: dict = {"glossary_entities": len(glossary)}
    for label, batch in (("resolvable", names), ("mixed", mixed)):
        assert plain.match_many(batch) == with_mt.match_many(batch)  # same answers; warms both
        en.calls = en.texts = zh.calls = zh.texts = 0
        # Alternate the two, so that neither profits from the other's warm caches.
        without_s = with_s = float("inf")
        for _ in range(repeat):
            without_s = min(without_s, best_seconds(lambda b=batch: plain.match_many(b), 1))
            with_s = min(with_s, best_seconds(lambda b=batch: with_mt.match_many(b), 1))
        resolved = sum(m is not None for m in plain.match_many(batch))
        out[label] = {
            "names": len(batch),
            "distinct": len(set(batch)),
            "resolved_by_stages_1_5": resolved,
            "without_translators_s": without_s,
            "with_translators_s": with_s,
            "ratio_with_over_without": with_s / without_s,
            "translator_calls_per_run": (en.calls + zh.calls) / repeat,
            "texts_translated_per_run": (en.texts + zh.texts) / repeat,
        }
    return out


def bench_marian(glossary: Glossary, count: int, repeat: int, model_dir: Path, threads: int) -> dict:
    import torch
    from transformers import MarianMTModel  # noqa: F401  # import time is not build time

    from aeronorm.mt import MarianTranslator

    if threads > 0:
        torch.set_num_threads(threads)

    start = time.perf_counter()
    folder = build_tiny_marian(model_dir, PAIRS)
    build_s = time.perf_counter() - start
    plain = Normalizer(glossary)
    names = unresolved_names(plain, count)

    uncached = MarianTranslator(folder, source="en", target="zh", cache=False)
    n = Normalizer(glossary, en_zh=uncached)
    n.match_many(names[:32])  # warm-up
    stages_s = best_seconds(lambda: plain.match_many(names), repeat)
    one_s = best_seconds(lambda: [n.match(x) for x in names], repeat)
    batched_s = best_seconds(lambda: n.match_many(names), repeat)
    one_by_one = [n.match(x) for x in names]
    batched = n.match_many(names)
    assert batched == one_by_one

    cached = MarianTranslator(folder, source="en", target="zh")  # in-memory LRU
    nc = Normalizer(glossary, en_zh=cached)

    def first_run() -> list:
        cached.cache.clear()  # every name a miss again
        return nc.match_many(names)

    nc.match_many(names[:32])  # warm-up of this model instance
    first_s = best_seconds(first_run, repeat)
    first = first_run()
    hit_s = best_seconds(lambda: nc.match_many(names), repeat)
    assert nc.match_many(names) == first == batched
    assert cached.cache.stats.misses == len(names)

    return {
        "model": "tiny MarianMT en->zh (tests/mt/tiny_marian.py)",
        "parameters": sum(p.numel() for p in uncached._model.parameters()),
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "build_s": build_s,
        "names": len(names),
        "matched_through_retranslation": sum(m is not None for m in batched),
        "stages_1_5_only_s": stages_s,
        "one_by_one_match_s": one_s,
        "batched_match_many_s": batched_s,
        "cached_first_run_s": first_s,
        "cached_second_run_s": hit_s,
        "speedup_batched_vs_one_by_one": one_s / batched_s,
        "speedup_cached_vs_uncached_batched": batched_s / hit_s,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--names", type=int, default=20_000, help="names for (a) (default 20000)")
    parser.add_argument("--mt-names", type=int, default=300, help="unresolved names for (b) (default 300)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement, best kept (default 5)")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="torch threads for (b); 0 keeps torch's default (default 1: on a busy machine, a tiny "
        "model runs many times slower on several threads than on one)",
    )
    parser.add_argument(
        "--model-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "aeronorm-bench-retranslation" / "tiny-en-zh",
        help="where to build (or reuse) the tiny model",
    )
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.relative_to(ROOT)}")
    args = parser.parse_args(argv)

    glossary = Glossary.default() + Glossary.from_records(RECORDS)
    unused = bench_unused(glossary, args.names, args.repeat)
    marian = bench_marian(glossary, args.mt_names, args.repeat, args.model_dir, args.threads)

    print("aeronorm retranslation (stage 6) benchmark")
    print(
        f"  python {platform.python_version()} ({platform.machine()}), {os.cpu_count()} CPUs; "
        f"glossary: shipped + {len(RECORDS)} invented = {unused['glossary_entities']} entities; "
        f"CPU time, best of {args.repeat}"
    )
    print()
    print("(a) match_many when no name needs MT: Normalizer without vs with en_zh + zh_en")
    header = f"{'names':<44} {'without':>9} {'with':>9} {'with/without':>13} {'MT calls':>9} {'texts':>6}"
    print(header)
    print("-" * len(header))
    for label, text in (
        ("resolvable", "all resolved by stages 1-5"),
        ("mixed", "10% unresolved, instant fake translator"),
    ):
        r = unused[label]
        print(
            f"{r['names']:>6,} {text:<37} {r['without_translators_s'] * 1000:>7.0f}ms "
            f"{r['with_translators_s'] * 1000:>7.0f}ms {r['ratio_with_over_without']:>12.2f}x "
            f"{r['translator_calls_per_run']:>9.0f} {r['texts_translated_per_run']:>6.0f}"
        )
    r = unused["resolvable"]
    print(
        f"=> translators called {r['translator_calls_per_run']:.0f} times on {r['names']:,} resolvable "
        f"names; time ratio {r['ratio_with_over_without']:.2f}x: the stage costs nothing when unused"
    )
    print()
    m = marian
    n_names = m["names"]
    print(
        f"(b) {n_names} distinct unresolved English names through the {m['model']}, "
        f"{m['parameters']:,} parameters, torch {m['torch']}, threads={m['torch_threads']}"
    )
    one = m["one_by_one_match_s"]
    rows = [
        ("stages 1-5 only (no translator)", m["stages_1_5_only_s"]),
        ("match() one by one, uncached", one),
        ("match_many(), one batched translation", m["batched_match_many_s"]),
        ("match_many(), cache empty (first run)", m["cached_first_run_s"]),
        ("match_many(), every name cached (second)", m["cached_second_run_s"]),
    ]
    header = f"{'path':<44} {'time':>9} {'names/s':>10} {'x one by one':>13}"
    print(header)
    print("-" * len(header))
    for label, seconds in rows:
        print(f"{label:<44} {seconds * 1000:>7.0f}ms {n_names / seconds:>10,.0f} {one / seconds:>12.1f}x")
    batched_s, hit_s = m["batched_match_many_s"], m["cached_second_run_s"]
    print(
        f"=> batched / one by one = {one / batched_s:.1f}x; "
        f"cached second run / uncached batched = {batched_s / hit_s:.1f}x; "
        f"{m['matched_through_retranslation']} of {n_names} names matched "
        "(the tiny model maps every unknown name onto one of its training outputs)"
    )

    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "command": (
                "python benchmarks/bench_retranslation.py " + " ".join(sys.argv[1:] if argv is None else argv)
            ).strip(),
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "repeat": args.repeat,
            "unused_stage": unused,
            "tiny_marian": marian,
        }
        RESULTS.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
