"""``BuildOnce`` and ``BoundedCache`` (aeronorm/caching.py).

A fork taken while another thread builds a table (issue 15 item 12, ``l1_fork_deadlock.py``:
6 of 30 children were stuck on a module-level lock) must leave the child free to build its own.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest

from aeronorm.caching import BoundedCache, BuildOnce

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")


def _run(code: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=timeout)


def test_fork_while_another_thread_holds_the_build_lock() -> None:
    # Deterministic: the child is forked while a thread is inside a build (holding the lock).
    result = _run("""
        import os, sys, threading, time
        from aeronorm import Glossary, Normalizer
        from aeronorm.caching import BuildOnce
        inside, release = threading.Event(), threading.Event()
        def slow():
            inside.set(); release.wait(); return 1
        threading.Thread(target=BuildOnce(slow).get, daemon=True).start()
        inside.wait()
        stuck = 0
        for _ in range(3):
            pid = os.fork()
            if pid == 0:
                import faulthandler
                faulthandler.dump_traceback_later(20, exit=True)  # a stuck child dies, status 1
                assert BuildOnce(lambda: 2).get() == 2
                n = Normalizer(Glossary.from_records([{"id": "a", "name": "Alpha Rocket Corp"}]))
                assert [m.match.entity_id for m in n.find("Alpha Rocket Corp signed.")] == ["a"]
                os._exit(0)
            _, status = os.waitpid(pid, 0)
            stuck += status != 0
        release.set()
        print("stuck", stuck)
    """)
    assert result.stdout.strip() == "stuck 0", result.stderr


@pytest.mark.slow
def test_fork_while_another_thread_builds_scanners() -> None:
    # The reproducer's shape: a thread builds normalizers and scanners in a loop; forks land anywhere.
    result = _run("""
        import os, random, threading, time
        from aeronorm import Glossary, Normalizer
        G = Glossary.default()
        small = Glossary.from_records([{"id": "a", "name": "Alpha Rocket Corp"}])
        def busy():
            while True:
                Normalizer(G).find("CASIC")
        threading.Thread(target=busy, daemon=True).start()
        time.sleep(1.0)
        stuck, rnd = 0, random.Random(0)
        for _ in range(10):
            pid = os.fork()
            if pid == 0:
                import faulthandler
                faulthandler.dump_traceback_later(20, exit=True)
                Normalizer(small).find("Alpha Rocket Corp")
                os._exit(0)
            _, status = os.waitpid(pid, 0)
            stuck += status != 0
            time.sleep(rnd.random() * 0.5)
        print("stuck", stuck)
    """, timeout=600)
    assert result.stdout.strip() == "stuck 0", result.stderr


def test_build_once_builds_once_under_threads() -> None:
    calls: list[int] = []
    barrier = threading.Barrier(8)

    def build() -> list[int]:
        calls.append(1)
        return [len(calls)]

    table = BuildOnce(build)
    got: list[object] = []

    def work() -> None:
        barrier.wait()
        got.append(table.get())

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1] and all(g is got[0] for g in got)


def test_bounded_cache_keeps_its_bounds() -> None:
    cache: BoundedCache[str, int] = BoundedCache(max_entries=100, max_chars=1_000, max_key_chars=50)
    assert cache.put("x" * 51, 1) == 1 and len(cache) == 0  # a long key is answered, not kept
    for i in range(1_000):
        cache.put(f"key{i:04d}" + "y" * (i % 40), i)
        assert len(cache) <= 100 and sum(map(len, cache)) <= 1_000
    assert cache.get("key0999" + "y" * (999 % 40)) == 999  # the newest stay


def test_bounded_cache_counts_the_characters_of_tuple_keys() -> None:
    # a tuple counts its strings' characters and 1 for any other part, whatever the mix
    cache: BoundedCache[tuple[object, ...], int] = BoundedCache(max_key_chars=4)
    assert cache.put(("ab", "cd"), 1) == 1 and ("ab", "cd") in cache  # 4 characters: kept
    cache.put(("ab", "cde"), 2)
    cache.put(("abc", 7, None), 3)  # 3 + 1 + 1
    assert ("ab", "cde") not in cache and ("abc", 7, None) not in cache
    cache.put(("ab", 7, None), 4)  # 2 + 1 + 1
    cache.put((), 5)
    assert cache.get(("ab", 7, None)) == 4 and cache.get(()) == 5
