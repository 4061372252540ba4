"""CachedTranslator over counting function translators: no MT library needed (but for one test)."""

from __future__ import annotations

import functools
import json
import multiprocessing as mp
import os
import pickle
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aeronorm import Glossary, Normalizer
from aeronorm.mt import (
    CachedTranslator,
    CacheStats,
    FunctionTranslator,
    MarianTranslator,
    TranslationCacheWarning,
    Translator,
    TranslatorOutputError,
)
from aeronorm.mt.marian import folder_digest
from aeronorm.mt.store import SqliteStore, from_sql


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
    inner = FunctionTranslator(_bracket, source="en", target="zh", cache_key="bracket-v1")
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


# -- any text: the disk cache answers what the memory cache answers ----------------------------

# Every code point, with lone surrogates and NUL drawn often (text() merges character
# strategies, so a list of single characters is joined instead).
_any_char = st.one_of(
    st.characters(blacklist_categories=()),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, blacklist_categories=()),
    st.sampled_from(["\x00", "航", "😀", "a", " "]),
)
_any_text = st.lists(_any_char, max_size=12).map("".join)


def _mark(texts: list[str]) -> list[str]:
    """A deterministic engine whose output carries its input (surrogates included)."""
    return [f"<{t[::-1]}\ud800{len(t)}>" for t in texts]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches=st.lists(st.lists(_any_text, max_size=8), min_size=1, max_size=4))
def test_disk_and_memory_caches_give_identical_answers_on_any_text(batches: list[list[str]]) -> None:
    engine = FunctionTranslator(_mark, source="en", target="zh", cache_key="mark-v1")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.sqlite"
        memory = CachedTranslator(engine)
        disk_only = CachedTranslator(engine, path=path, maxsize=0)
        for batch in batches:
            expected = _mark(batch)
            assert memory.translate(batch) == expected
            assert disk_only.translate(batch) == expected
        disk_only.close()
        # A new process would read back exactly what was written, without translating.
        calls: list[list[str]] = []
        counted = FunctionTranslator(
            lambda ts: calls.append(ts) or _mark(ts), source="en", target="zh", cache_key="mark-v1"
        )
        reader = CachedTranslator(counted, path=path, maxsize=0)
        for batch in batches:
            assert reader.translate(batch) == _mark(batch)
        assert calls == []
        reader.close()


def test_surrogates_in_keys_and_texts_do_not_collide(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    # A lone surrogate pair is not the character it would encode in UTF-16, nor its UTF-8 bytes.
    texts = ["\ud83d\ude00", "😀", "\udced\udca0\udc80", "\ud800", "a\x00b", "a"]
    with CachedTranslator(Counting(key="k\udfff"), path=path) as cached:
        assert cached.translate(texts) == [f"<{t}>" for t in texts]
    inner = Counting(key="k\udfff")
    with CachedTranslator(inner, path=path) as cached:
        assert cached.translate(texts[::-1]) == [f"<{t}>" for t in texts[::-1]]
        assert cached.stats.disk_hits == len(texts)
    assert inner.calls == []
    with CachedTranslator(Counting(key="k"), path=path) as other:  # another key: nothing shared
        other.translate(["\ud800"])
        assert other.stats.disk_hits == 0


def test_normalizer_with_a_disk_cache_answers_names_with_lone_surrogates(tmp_path: Path) -> None:
    glossary = Glossary.from_records(
        [{"id": "star", "name": "Starfield Launch Services Co., Ltd.", "zh": "星野发射服务有限公司"}]
    )
    engine = FunctionTranslator(
        lambda ts: ["星野发射服务有限公司" if "Wild" in t else "" for t in ts],
        source="en",
        target="zh",
        cache_key="table-v1",
    )
    names = ["Wild\ud800 Star Rocket Company", "Zorblax\udfff Works", "Starfield Launch Services"]
    answers = {}
    file = tmp_path / "c.sqlite"
    for label, path in (("memory", None), ("disk", file), ("disk again", file)):
        cached = CachedTranslator(engine, path=path)
        answers[label] = Normalizer(glossary, en_zh=cached).normalize_many(names)
        cached.close()
    assert answers["memory"][0] == "Starfield Launch Services Co., Ltd."
    assert answers["memory"] == answers["disk"] == answers["disk again"]


# -- cache keys --------------------------------------------------------------------------------


def _engine(texts: list[str], *, model: str) -> list[str]:
    return [f"[{model}] {t}" for t in texts]


class _Service:
    source, target = "en", "zh"

    def __init__(self, model: str) -> None:
        self.model = model

    def translate(self, texts):
        return _engine(list(texts), model=self.model)


@pytest.mark.parametrize(
    "make",
    [
        lambda m: FunctionTranslator(functools.partial(_engine, model=m), source="en", target="zh"),
        lambda m: FunctionTranslator(lambda ts: _engine(ts, model=m), source="en", target="zh"),
        lambda m: FunctionTranslator(_Service(m).translate, source="en", target="zh"),
        _Service,
    ],
    ids=["partial", "lambda", "bound method", "instance"],
)
def test_a_disk_cache_needs_a_declared_key(make, tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    a, b = make("model-A"), make("model-B")
    for translator in (a, b):
        with pytest.raises(ValueError, match=r"declares no cache_key.*drop path= to cache in memory only"):
            CachedTranslator(translator, path=path)
    assert not path.exists()
    # In memory each cache is its own: no collision is possible.
    assert CachedTranslator(a).translate(["hello"]) == ["[model-A] hello"]
    assert CachedTranslator(b).translate(["hello"]) == ["[model-B] hello"]


def test_declared_keys_keep_models_apart_in_one_file(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    a, b = (
        FunctionTranslator(functools.partial(_engine, model=m), source="en", target="zh", cache_key=m)
        for m in ("model-A", "model-B")
    )
    with CachedTranslator(a, path=path) as cached:
        assert cached.translate(["hello"]) == ["[model-A] hello"]
    with CachedTranslator(b, path=path) as cached:
        assert cached.translate(["hello"]) == ["[model-B] hello"]
    with CachedTranslator(a, path=path) as cached:  # and A is still served its own, from disk
        assert cached.translate(["hello"]) == ["[model-A] hello"]
        assert cached.stats.disk_hits == 1


def test_the_disk_key_is_fixed_at_construction(tmp_path: Path) -> None:
    inner = Counting(key="v1")
    with CachedTranslator(inner, path=tmp_path / "c.sqlite") as cached:
        inner.cache_key = "v2"  # rows keep the key the file was configured with
        cached.translate(["a"])
    rows = sqlite3.connect(tmp_path / "c.sqlite").execute("SELECT model FROM translations")
    assert [model for (model,) in rows] == ["v1"]


def test_folder_digest_depends_on_content_not_place(tmp_path: Path) -> None:
    def model_folder(where: Path) -> Path:
        where.mkdir(parents=True)
        for name, data in {
            "config.json": b'{"d_model": 32}',
            "generation_config.json": b'{"num_beams": 4}',
            "source.spm": b"spm-a",
            "target.spm": b"spm-b",
            "vocab.json": b'{"a": 0}',
            "model.safetensors": b"\x00weights" * 1000,
            "README.md": b"about",
            "rust_model.ot": b"unused",
        }.items():
            (where / name).write_bytes(data)
        return where

    first = model_folder(tmp_path / "a" / "opus-mt-en-zh")
    digest = folder_digest(first)
    assert folder_digest(model_folder(tmp_path / "b" / "elsewhere")) == digest
    (first / "README.md").write_text("edited")  # does not decide the output
    (first / "rust_model.ot").write_bytes(b"other")
    assert folder_digest(first) == digest
    for name, data in [
        ("model.safetensors", b"\x00retrained" * 1000),
        ("generation_config.json", b'{"num_beams": 1}'),
        ("target.spm", b"spm-c"),
    ]:
        changed = model_folder(tmp_path / "c" / name)
        (changed / name).write_bytes(data)
        assert folder_digest(changed) != digest, name
    swapped = model_folder(tmp_path / "d" / "swapped")  # the same bytes under other names
    (swapped / "source.spm").write_bytes(b"spm-b")
    (swapped / "target.spm").write_bytes(b"spm-a")
    assert folder_digest(swapped) != digest


def test_marian_cache_key_is_content_derived(tiny_en_zh: Path, tmp_path: Path) -> None:
    here = shutil.copytree(tiny_en_zh, tmp_path / "a" / "tiny")
    there = shutil.copytree(tiny_en_zh, tmp_path / "b" / "tiny")
    key = MarianTranslator(here, source="en", target="zh", cache=False).cache_key
    assert key is not None and key.startswith("marian:tiny@sha256:")
    assert MarianTranslator(there, source="en", target="zh", cache=False).cache_key == key
    # Changed files in the same folder (here the generation settings) are a new key.
    config = json.loads((here / "generation_config.json").read_text())
    (here / "generation_config.json").write_text(json.dumps({**config, "repetition_penalty": 1.5}))
    assert MarianTranslator(here, source="en", target="zh", cache=False).cache_key != key


# -- unusable cache files: a warning with the path at construction, then memory only -----------


def _engine_k(texts: list[str]) -> list[str]:
    return [f"<{t}>" for t in texts]


def _keyed() -> FunctionTranslator:
    return FunctionTranslator(_engine_k, source="en", target="zh", cache_key="k")


def _construct(path: Path) -> tuple[CachedTranslator, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cached = CachedTranslator(_keyed(), path=path)
    return cached, [str(w.message) for w in caught if issubclass(w.category, TranslationCacheWarning)]


def _garbage(path: Path) -> None:
    path.write_bytes(b"not a database" * 100)


def _truncated(path: Path) -> None:
    with CachedTranslator(_keyed(), path=path) as cached:
        cached.translate([f"name {i}" for i in range(2_000)])
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * 400 + data[500:])  # header intact, the schema page not


def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE users (name TEXT)")


def _other_translations(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE translations (src TEXT, dst TEXT)")


def _directory(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


_needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (_garbage, "is not an sqlite database, or is corrupt (file is not a database)"),
        (_truncated, "is not an sqlite database, or is corrupt"),
        (_foreign, "is an sqlite database of something else (tables: users), not a translation cache"),
        (_other_translations, "has a 'translations' table with columns ['src', 'dst']"),
        (_directory, "is a directory, not a cache file"),
        pytest.param(_fifo, "is not a regular file", marks=_needs_fifo),
    ],
    ids=["garbage", "corrupt", "foreign", "other-columns", "directory", "fifo"],
)
def test_an_unusable_file_warns_with_its_path_and_caches_in_memory(make, fragment: str, tmp_path) -> None:
    path = tmp_path / "cache.sqlite"
    make(path)
    before = path.read_bytes() if path.is_file() else None
    cached, warned = _construct(path)
    assert len(warned) == 1
    assert str(path) in warned[0] and fragment in warned[0] and "caching in memory only" in warned[0]
    assert cached.disk == "unusable"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing more at run time
        assert cached.translate(["a", "b", "a"]) == ["<a>", "<b>", "<a>"]
        assert cached.translate(["a"]) == ["<a>"]
    assert cached.stats.hits == 2
    if before is not None:
        assert path.read_bytes() == before  # never modified


def test_the_warning_can_be_made_an_error(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    _garbage(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error", TranslationCacheWarning)
        with pytest.raises(TranslationCacheWarning, match=r"cache\.sqlite"):
            CachedTranslator(_keyed(), path=path)


def test_missing_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "c.sqlite"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with CachedTranslator(_keyed(), path=path) as cached:
            assert cached.disk == "read-write"
            cached.translate(["x"])
    assert path.is_file()


def test_an_error_at_run_time_warns_once_and_keeps_the_translations(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "c.sqlite"
    inner = Counting(key="k")
    cached = CachedTranslator(inner, path=path)
    cached.translate(["a"])

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(SqliteStore, "put", full)
    with pytest.warns(TranslationCacheWarning) as caught:
        assert cached.translate(["a", "b"]) == ["<a>", "<b>"]
    assert len(caught) == 1
    message = str(caught[0].message)
    assert f"writing {path} failed (OperationalError: database or disk is full)" in message
    assert cached.disk == "unusable"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cached.translate(["b", "c"]) == ["<b>", "<c>"]  # memory only, no second warning
    assert inner.translated == ["a", "b", "c"]

    monkeypatch.setattr(SqliteStore, "get", full)
    reader = CachedTranslator(Counting(key="k"), path=path)
    with pytest.warns(TranslationCacheWarning, match=f"reading {path} failed"):
        assert reader.translate(["a"]) == ["<a>"]


# File modes bind root only without CAP_DAC_OVERRIDE: such cases run in a child process that drops
# it (as root) or as is (as another user).
_MODE_SCRIPT = """
import json, os, sys, warnings
from aeronorm.mt import CachedTranslator, FunctionTranslator, TranslationCacheWarning
calls = []
def engine(texts):
    calls.append(list(texts))
    return ["<" + t + ">" for t in texts]
path, then = sys.argv[1], sys.argv[2]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    cached = CachedTranslator(FunctionTranslator(engine, source="en", target="zh", cache_key="k"), path=path)
    at_construction = [str(w.message) for w in caught if w.category is TranslationCacheWarning]
    state = cached.disk
    if then:
        os.chmod(then, 0o555)
    answers = cached.translate(["cached", "new"])
    later = [str(w.message) for w in caught if w.category is TranslationCacheWarning][len(at_construction):]
print(json.dumps({"disk": state, "after": cached.disk, "answers": answers, "calls": calls,
                  "warned": at_construction, "later": later, "disk_hits": cached.stats.disk_hits}))
"""


def _run_with_file_modes(path: Path, then: Path | None = None) -> dict:
    command = [sys.executable, "-c", _MODE_SCRIPT, str(path), str(then or "")]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file modes cannot be made to bind")
        drop = "-dac_override,-dac_read_search"
        command = [setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture
def filled(tmp_path: Path):
    """A cache file holding the translation of 'cached', in a folder restored to 0o755 after the test."""
    folder = tmp_path / "cache"
    path = folder / "c.sqlite"
    with CachedTranslator(_keyed(), path=path) as cached:
        cached.translate(["cached"])
    yield path
    folder.chmod(0o755)
    if path.exists():
        path.chmod(0o644)


def _rows(path: Path) -> list[tuple[str, str]]:
    rows = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True).execute(
        "SELECT text, translation FROM translations"
    )
    return sorted((from_sql(text), from_sql(translation)) for text, translation in rows)


@pytest.mark.parametrize("locked", ["file", "folder"])
def test_a_read_only_cache_is_read_and_new_translations_are_kept_in_memory(filled: Path, locked: str) -> None:
    (filled if locked == "file" else filled.parent).chmod(0o444 if locked == "file" else 0o555)
    out = _run_with_file_modes(filled)
    assert out["disk"] == out["after"] == "read-only"
    assert len(out["warned"]) == 1 and str(filled) in out["warned"][0]
    assert "cannot be written (attempt to write a readonly database)" in out["warned"][0]
    assert out["answers"] == ["<cached>", "<new>"]
    assert out["calls"] == [["new"]] and out["disk_hits"] == 1
    assert out["later"] == []  # no late sqlite error after the translator ran
    assert _rows(filled) == [("cached", "<cached>")]


def test_a_new_cache_in_a_read_only_folder_warns_at_construction(filled: Path) -> None:
    filled.parent.chmod(0o555)
    path = filled.parent / "new.sqlite"
    out = _run_with_file_modes(path)
    assert out["disk"] == "unusable"
    assert len(out["warned"]) == 1 and f"cannot create {path}" in out["warned"][0]
    assert "is its folder writable?" in out["warned"][0]
    assert out["answers"] == ["<cached>", "<new>"] and out["later"] == []
    assert not path.exists()


def test_an_unreadable_cache_warns_at_construction(filled: Path) -> None:
    filled.chmod(0o000)
    out = _run_with_file_modes(filled)
    assert out["disk"] == "unusable"
    assert len(out["warned"]) == 1 and str(filled) in out["warned"][0]
    assert out["answers"] == ["<cached>", "<new>"] and out["calls"] == [["cached", "new"]]


def test_a_folder_made_read_only_mid_run_turns_the_disk_cache_off(filled: Path) -> None:
    out = _run_with_file_modes(filled, then=filled.parent)
    assert (out["disk"], out["after"]) == ("read-write", "unusable")
    assert out["warned"] == [] and len(out["later"]) == 1
    assert f"writing {filled} failed" in out["later"][0] and "caching in memory only" in out["later"][0]
    assert out["answers"] == ["<cached>", "<new>"]  # the translation is not lost
    assert _rows(filled) == [("cached", "<cached>")]


# -- pickling, fork, threads -------------------------------------------------------------------


def test_an_unpickled_copy_opens_the_file_at_its_first_lookup(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    inner = FunctionTranslator(_bracket, source="en", target="zh", cache_key="bracket-v1")
    with CachedTranslator(inner, path=path) as cached:
        cached.translate(["a"])
        data = pickle.dumps(cached)
    path.unlink()  # the copy must not have opened it when it was unpickled
    copy = pickle.loads(data)
    assert copy.disk == "unopened" and not path.exists()
    assert copy.translate(["b"]) == ["[b]"]
    assert copy.disk == "read-write" and path.is_file()
    copy.close()
    assert copy.disk == "closed"


def _translate_in_child(cached: CachedTranslator, texts: list[str]) -> tuple[list[str], int, str]:
    answers = cached.translate(texts)
    return answers, cached.stats.disk_hits, cached.disk


_METHODS = [m for m in ("spawn", "forkserver", "fork") if m in mp.get_all_start_methods()]


@pytest.mark.parametrize("method", _METHODS)
def test_workers_share_the_disk_cache(tmp_path: Path, method: str) -> None:
    path = tmp_path / "c.sqlite"
    inner = FunctionTranslator(_bracket, source="en", target="zh", cache_key="bracket-v1")
    cached = CachedTranslator(inner, path=path)
    cached.translate(["a"])  # the parent's connection is open when a fork happens
    with ProcessPoolExecutor(2, mp_context=mp.get_context(method)) as pool:
        results = list(pool.map(_translate_in_child, [cached, cached], [["a", "b"], ["a", "c"]]))
    assert [r[0] for r in results] == [["[a]", "[b]"], ["[a]", "[c]"]]
    assert [r[1] for r in results] == [1, 1] and {r[2] for r in results} == {"read-write"}
    fresh = Counting(key="bracket-v1")
    with CachedTranslator(fresh, path=path) as reader:
        reader.translate(["a", "b", "c"])
    assert fresh.calls == []  # the children wrote to the file
    assert cached.translate(["b", "c"]) == ["[b]", "[c]"] and cached.stats.disk_hits == 2
    cached.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_a_fork_while_another_thread_holds_the_lock_does_not_deadlock_the_child(tmp_path: Path) -> None:
    cached = CachedTranslator(Counting(key="k"), path=tmp_path / "c.sqlite")
    cached.translate(["a"])
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with cached._lock:
            held.set()
            release.wait()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads, on Python 3.12+
        pid = os.fork()
    if pid == 0:  # child: exit 0 only if the cache answers and writes to the file
        ok = cached.translate(["a", "b"]) == ["<a>", "<b>"] and cached.disk == "read-write"
        os._exit(0 if ok else 1)
    try:
        deadline = time.monotonic() + 20
        while (done := os.waitpid(pid, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        if done[0] == 0:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            pytest.fail("the child process was stuck on the cache's lock")
        assert os.waitstatus_to_exitcode(done[1]) == 0
    finally:
        release.set()
        thread.join()
    assert cached.translate(["b"]) == ["<b>"] and cached.stats.disk_hits == 1  # written by the child
    cached.close()


def test_thread_safety_with_a_disk_cache(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    shared = CachedTranslator(Counting(delay=0.001), path=path, maxsize=20)
    vocabulary = [f"name {i}" for i in range(150)] + ["\ud800 lone", "星河 火箭"]
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        # Half the threads share one instance; the others each open the same file.
        cached = shared if seed % 2 else CachedTranslator(Counting(delay=0.001), path=path, maxsize=20)
        try:
            barrier.wait()
            for _ in range(25):
                batch = rng.choices(vocabulary, k=rng.randint(1, 15))
                assert cached.translate(batch) == [f"<{t}>" for t in batch]
        except BaseException as exc:  # reported below
            errors.append(exc)

    with warnings.catch_warnings():
        warnings.simplefilter("error", TranslationCacheWarning)  # no lock timeout, no fallback
        threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert shared.disk == "read-write"
    rows = _rows(path)
    assert all(translation == f"<{text}>" for text, translation in rows)
    shared.close()
