"""Throughput of aeronorm.mt: batched vs one-by-one translation, and the cache-hit path.

Run from the repository root::

    python benchmarks/bench_mt.py [--n 500] [--batch-size 32] [--repeat 3]
    python benchmarks/bench_mt.py --model path/to/opus-mt-en-zh --n 200 --repeat 1   # a real model

By default it trains the tiny MarianMT model of the tests (tests/mt/tiny_marian.py; a few
seconds, reused from a temporary folder on later runs). It times, in one run on the same inputs:

- one by one: ``translate([text])`` per text, no cache;
- batched: ``translate(texts)`` with ``batch_size``, no cache;
- cache hits: the same texts again through the in-memory LRU cache, then through a fresh
  ``CachedTranslator`` whose sqlite file already holds them.

The tiny model (d_model 32, one encoder and one decoder layer, 30k parameters) runs far faster
than a real opus-mt model (d_model 512, 6+6 layers, ~77M parameters): its times are mostly
transformers' per-call and per-step overhead. A cache hit costs the same with either model, so
with a real model the cache ratios are much larger. See docs/mt.md for real-model estimates.
"""

from __future__ import annotations

import argparse
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "mt"))

from tiny_marian import EN_ZH_PAIRS, build_tiny_marian  # noqa: E402

from aeronorm.mt import CachedTranslator, MarianTranslator  # noqa: E402

SUFFIXES = {"en": ("", " Co", " Group", " Branch", " Ltd"), "zh": ("", "公司", "集团", "分公司", "有限公司")}


def make_inputs(n: int, *, language: str = "en", seed: int = 0) -> list[str]:
    """``n`` distinct name-like inputs recombined from the training names (short outputs)."""
    if language == "zh":
        heads = [zh[:2] for _, zh in EN_ZH_PAIRS]
        tails = [zh[2:] for _, zh in EN_ZH_PAIRS]
        sep = ""
    else:
        heads = [" ".join(en.split()[:2]) for en, _ in EN_ZH_PAIRS]
        tails = [" ".join(en.split()[2:]) for en, _ in EN_ZH_PAIRS]
        sep = " "
    suffixes = SUFFIXES["zh" if language == "zh" else "en"]
    pool = [f"{h}{sep}{t}{s}" for s in suffixes for h in heads for t in tails]
    while len(pool) < n:  # more than the combinations: number them
        pool += [f"{text} {len(pool) + i}" for i, text in enumerate(pool[: n - len(pool)])]
    random.Random(seed).shuffle(pool)
    return pool[:n]


def best_rate(run: Callable[[], object], count: int, repeat: int) -> float:
    """Texts per second of the fastest of ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return count / best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=500, help="distinct input texts (default 500)")
    parser.add_argument("--batch-size", type=int, default=32, help="MarianTranslator batch_size (default 32)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per measurement; best is kept (default 3)"
    )
    parser.add_argument(
        "--model", help="benchmark this MarianMT folder or cached hub id instead of the tiny model"
    )
    parser.add_argument("--source", help="source language, if the --model name does not say it")
    parser.add_argument("--target", help="target language, if the --model name does not say it")
    parser.add_argument("--device", default="cpu", help="torch device (default cpu)")
    parser.add_argument(
        "--model-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "aeronorm-bench-mt" / "tiny-en-zh",
        help="where to build (or reuse) the tiny model",
    )
    args = parser.parse_args(argv)

    import torch
    from transformers import MarianMTModel  # noqa: F401  # import time is not build or load time

    start = time.perf_counter()
    if args.model:
        folder, what = args.model, f"MarianMT {args.model}"
        languages = {"source": args.source, "target": args.target}
    else:
        folder = build_tiny_marian(args.model_dir, EN_ZH_PAIRS)
        languages, what = {"source": "en", "target": "zh"}, "tiny MarianMT en->zh (tests/mt/tiny_marian.py)"
    build_s = time.perf_counter() - start
    start = time.perf_counter()
    model = MarianTranslator(folder, **languages, device=args.device, batch_size=args.batch_size, cache=False)
    load_s = time.perf_counter() - start
    texts = make_inputs(args.n, language=model.source)
    model.translate(texts[:64])  # warm-up

    one_by_one = best_rate(lambda: [model.translate([t]) for t in texts], len(texts), args.repeat)
    batched = best_rate(lambda: model.translate(texts), len(texts), args.repeat)

    memory = CachedTranslator(model)
    memory.translate(texts)  # fill
    memory_hits = best_rate(lambda: memory.translate(texts), len(texts), args.repeat)
    assert memory.stats.misses == len(texts)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mt.sqlite"
        with CachedTranslator(model, path=path) as filler:
            filler.translate(texts)

        def disk_run() -> None:
            with CachedTranslator(model, path=path) as cold:  # empty memory: every hit from sqlite
                cold.translate(texts)

        disk_hits = best_rate(disk_run, len(texts), args.repeat)

    params = sum(p.numel() for p in model._model.parameters())
    print(f"aeronorm.mt benchmark: {what}")
    print(
        f"  {params:,} parameters; python {platform.python_version()}, torch {torch.__version__}, "
        f"{torch.get_num_threads()} threads, device {model.device} ({platform.machine()})"
    )
    if not args.model:
        print(f"  model built (or reused) in {build_s:.1f} s")
    print(f"  model loaded in {load_s * 1000:.0f} ms")
    print(f"  {len(texts)} distinct name-like inputs, best of {args.repeat} runs")
    print()
    rows = [
        ("one by one (translate([t]), no cache)", one_by_one, 1.0, one_by_one / batched),
        (f"batched (batch_size={args.batch_size}, no cache)", batched, batched / one_by_one, 1.0),
        ("cache hits, in-memory LRU", memory_hits, memory_hits / one_by_one, memory_hits / batched),
        ("cache hits, sqlite file (cold memory)", disk_hits, disk_hits / one_by_one, disk_hits / batched),
    ]
    header = f"{'path':<42} {'texts/s':>12} {'x one-by-one':>13} {'x batched':>10}"
    print(header)
    print("-" * len(header))
    for name, rate, vs_one, vs_batched in rows:
        print(f"{name:<42} {rate:>12,.0f} {vs_one:>12.1f}x {vs_batched:>9.1f}x")
    print()
    print(
        f"batched / one-by-one = {batched / one_by_one:.1f}x; "
        f"memory cache hit / uncached batched = {memory_hits / batched:.0f}x; "
        f"sqlite hit / uncached batched = {disk_hits / batched:.1f}x"
    )


if __name__ == "__main__":
    main()
