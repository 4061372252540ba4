"""CachedTranslator over a counting function translator: no MT library needed."""

from __future__ import annotations

import pickle
import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from aeronorm.mt import CachedTranslator, CacheStats, FunctionTranslator, Translator, TranslatorOutputError


class Counting:
    """A translator that records every batch it is asked for."""

    def __init__(self, *, source="en", target="zh", key="counting-v1", delay=0.0) -> None:
        self.source, self.target, self.cache_key = source, target, key
        self.calls: list[list[str]] = []
        self.delay = delay
        self._lock = threading.Lock()

    def translate(self, texts):
        with self._lock:
            self.calls.append(list(texts))
        if self.delay:
            time.sleep(self.delay)
        return [f"<{t}>" for t in texts]

    @property
    def translated(self) -> list[str]:
        return [t for call in self.calls for t in call]


def test_only_misses_are_translated_in_one_deduplicated_batch() -> None:
    inner = Counting()
    cached = CachedTranslator(inner)
    assert cached.translate(["a", "b", "a", "c"]) == ["<a>", "<b>", "<a>", "<c>"]
    assert inner.calls == [["a", "b", "c"]]
    assert cached.translate(["c", "d", "a", "d"]) == ["<c>", "<d>", "<a>", "<d>"]
    assert inner.calls == [["a", "b", "c"], ["d"]]
    assert cached.stats == CacheStats(hits=4, misses=4, disk_hits=0, size=4, maxsize=100_000)
    assert cached.stats.hit_rate == 0.5


def test_second_call_is_all_hits() -> None:
    inner = Counting()
    cached = CachedTranslator(inner)
    first = cached.translate(["x", "y"])
    assert cached.translate(["y", "x"]) == first[::-1]
    assert len(inner.calls) == 1
    assert (cached.stats.hits, cached.stats.misses) == (2, 2)


def test_empty_call_and_attributes() -> None:
    inner = Counting(source="zh", target="en", key="k")
    cached = CachedTranslator(inner)
    assert cached.translate([]) == []
    assert inner.calls == []
    assert (cached.source, cached.target, cached.cache_key) == ("zh", "en", "k")
    assert isinstance(cached, Translator)


def test_lru_eviction() -> None:
    inner = Counting()
    cached = CachedTranslator(inner, maxsize=2)
    cached.translate(["a", "b"])
    cached.translate(["a"])  # a is now the most recent
    cached.translate(["c"])  # evicts b
    assert len(cached) == 2
    cached.translate(["a", "b"])
    assert inner.translated == ["a", "b", "c", "b"]


def test_maxsize_zero_keeps_nothing_in_memory() -> None:
    inner = Counting()
    cached = CachedTranslator(inner, maxsize=0)
    cached.translate(["a", "a"])
    cached.translate(["a"])
    assert inner.calls == [["a"], ["a"]]
    assert len(cached) == 0


def test_a_batch_larger_than_the_cache_is_still_answered() -> None:
    cached = CachedTranslator(Counting(), maxsize=1)
    assert cached.translate(["a", "b", "c"]) == ["<a>", "<b>", "<c>"]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="maxsize"):
        CachedTranslator(Counting(), maxsize=-1)
    with pytest.raises(TypeError, match="translate"):
        CachedTranslator(object())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a single str"):
        CachedTranslator(Counting()).translate("abc")


def test_bad_inner_output_is_reported_and_not_cached() -> None:
    cached = CachedTranslator(FunctionTranslator(lambda ts: ts[:1], source="en", target="zh"))
    # FunctionTranslator itself catches it ...
    with pytest.raises(TranslatorOutputError):
        cached.translate(["a", "b"])

    class Short:
        source, target = "en", "zh"

        def translate(self, texts):
            return list(texts)[:-1]

    # ... and so does the cache, for translators that do not check themselves.
    cached = CachedTranslator(Short())
    with pytest.raises(TranslatorOutputError, match="1 translation"):
        cached.translate(["a", "b"])
    assert len(cached) == 0


def test_disk_cache_persists_across_instances(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "mt.sqlite"
    first = Counting()
    with CachedTranslator(first, path=path) as cached:
        assert cached.translate(["a", "b"]) == ["<a>", "<b>"]
    assert path.is_file()

    second = Counting()
    with CachedTranslator(second, path=path) as cached:
        assert cached.translate(["b", "a", "c"]) == ["<b>", "<a>", "<c>"]
        assert second.calls == [["c"]]
        assert cached.stats.disk_hits == 2
        # Read from disk once, then served from memory.
        cached.translate(["a"])
        assert cached.stats.disk_hits == 2

    rows = sqlite3.connect(path).execute("SELECT model, source, target, text, translation FROM translations")
    assert sorted(rows) == [
        ("counting-v1", "en", "zh", "a", "<a>"),
        ("counting-v1", "en", "zh", "b", "<b>"),
        ("counting-v1", "en", "zh", "c", "<c>"),
    ]


def test_disk_cache_is_keyed_by_model_and_languages(tmp_path: Path) -> None:
    path = tmp_path / "mt.sqlite"
    with CachedTranslator(Counting(key="model-1"), path=path) as cached:
        cached.translate(["a"])
    others = [
        Counting(key="model-2"),
        Counting(key="model-1", source="fr"),
        Counting(key="model-1", target="ja"),
    ]
    for other in others:
        with CachedTranslator(other, path=path) as cached:
            cached.translate(["a"])
        assert other.calls == [["a"]], other.__dict__


def test_disk_cache_handles_many_texts(tmp_path: Path) -> None:
    texts = [f"name {i}" for i in range(1_234)]  # more than one SELECT chunk
    with CachedTranslator(Counting(), path=tmp_path / "mt.sqlite") as cached:
        cached.translate(texts)
    inner = Counting()
    with CachedTranslator(inner, path=tmp_path / "mt.sqlite", maxsize=None) as cached:
        assert cached.translate(texts) == [f"<{t}>" for t in texts]
    assert inner.calls == []


def test_clear_and_close(tmp_path: Path) -> None:
    inner = Counting()
    cached = CachedTranslator(inner, path=tmp_path / "mt.sqlite")
    cached.translate(["a"])
    cached.clear()
    assert cached.stats == CacheStats(0, 0, 0, 0, 100_000)
    cached.translate(["a"])  # from disk
    assert cached.stats.disk_hits == 1
    cached.close()
    cached.close()  # idempotent
    assert cached.translate(["a", "z"]) == ["<a>", "<z>"]  # memory still works
    assert inner.calls == [["a"], ["z"]]


def _bracket(texts: list[str]) -> list[str]:
    return [f"[{t}]" for t in texts]


def test_pickle_keeps_configuration(tmp_path: Path) -> None:
    inner = FunctionTranslator(_bracket, source="en", target="zh")
    cached = CachedTranslator(inner, maxsize=7, path=tmp_path / "c.db")
    cached.translate(["a"])
    copy = pickle.loads(pickle.dumps(cached))
    assert (copy.maxsize, copy.path, copy.source, copy.target) == (7, tmp_path / "c.db", "en", "zh")
    assert copy.translate(["a"]) == ["[a]"]
    assert copy.stats.disk_hits == 1
    cached.close()
    copy.close()


def test_thread_safety() -> None:
    inner = Counting(delay=0.002)
    cached = CachedTranslator(inner, maxsize=50)  # small: evictions happen under contention
    vocabulary = [f"name {i}" for i in range(200)]
    expected = {t: f"<{t}>" for t in vocabulary}
    errors: list[BaseException] = []
    sizes: list[int] = []
    barrier = threading.Barrier(8)

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        try:
            barrier.wait()
            for _ in range(30):
                batch = rng.choices(vocabulary, k=rng.randint(1, 20))
                sizes.append(len(batch))
                assert cached.translate(batch) == [expected[t] for t in batch]
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    stats = cached.stats
    assert stats.misses == len(inner.translated)  # every miss went to the inner translator once
    assert stats.hits + stats.misses == sum(sizes)
    assert stats.size <= 50
