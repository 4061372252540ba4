"""Memory kept after ``find`` returns does not grow with the distinct long tokens seen (issue 15
item 10, ``m6_memory_retention.py``: +2 MB per 1 MB token, +201 MB after 100 documents).

The cause was the memo of ``fold`` (``lru_cache(65536)``), which kept each megabyte token and its
folded copy; memos now answer strings over 1,000 characters without keeping them, like
``BoundedCache``'s ``max_key_chars``.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from aeronorm.text.fold import fold, fold_key


@pytest.mark.parametrize("memo", [fold, fold_key], ids=["fold", "fold_key"])
def test_memos_do_not_keep_long_strings(memo) -> None:  # type: ignore[no-untyped-def]
    long = "Ünïcödé " * 200 + "x" * 2_000
    before = memo.cache_info().currsize
    assert memo(long) == memo(long)  # answered, twice
    assert memo.cache_info().currsize == before
    short = "Ünïcödé Short Name"
    memo(short)
    assert memo.cache_info().currsize == before + 1  # short strings are still remembered


@pytest.mark.slow
def test_rss_after_find_does_not_grow_with_long_tokens() -> None:
    # The reproducer, 20 documents of one distinct ~1 MB token each, in a fresh interpreter.
    code = textwrap.dedent("""
        import gc, os, random, string, aeronorm
        def rss():
            with open("/proc/self/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        n = aeronorm.default_normalizer(); n.find("CASIC")
        rnd = random.Random(0)
        def doc():
            return "CASIC signed. Attachment: " + "".join(rnd.choices(string.ascii_lowercase, k=1_000_000))
        for _ in range(3):  # the allocator's arenas settle
            n.find(doc())
        gc.collect(); start = rss()
        for _ in range(20):
            n.find(doc())
        gc.collect(); print(rss() - start)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    grew = float(result.stdout.strip())
    assert grew < 12, f"RSS grew {grew:.0f} MB over 20 documents of a 1 MB token (it was 40 MB)"
