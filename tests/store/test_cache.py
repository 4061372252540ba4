"""The shipped glossary's index: built once per installation, loaded by every later Normalizer()."""

from __future__ import annotations

import os
import time

import pytest

import aeronorm.normalizer as normalizer_module
from aeronorm import Normalizer
from aeronorm.store.cache import CACHE_DIR_ENV, NO_CACHE_ENV, cache_dir, cached_index_path, prune

NAMES = ["NWPU", "CASIC", "中國航天科工集團", "Xibei Gongye Daxue", "Zhang Kejian", "Moon Bakery",
         "China Aerospace Science & Industry Corp", "航天科工二院的专家"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    monkeypatch.delenv(NO_CACHE_ENV, raising=False)
    return tmp_path


def _answers(n: Normalizer) -> list:
    return [None if m is None else (m.entity_id, m.score, m.method) for m in n.match_many(NAMES)]


def test_built_once_then_loaded(cache, monkeypatch):
    first = Normalizer()
    files = list(cache.glob("*.aeronorm-index"))
    assert len(files) == 1
    written = files[0].stat().st_mtime_ns

    def no_build(*args, **kwargs):
        raise AssertionError("a cached normalizer is loaded, not built")

    monkeypatch.setattr(normalizer_module, "Index", no_build)
    second = Normalizer()
    assert _answers(second) == _answers(first)
    assert files[0].stat().st_mtime_ns == written
    strict = Normalizer(threshold=0.95)  # the same index, another threshold
    assert strict.threshold == 0.95 and strict.pipeline.calibration is strict.calibration


def test_turned_off_it_writes_nothing(cache, monkeypatch):
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    assert cache_dir() is None
    Normalizer()
    assert list(cache.iterdir()) == []


def test_a_damaged_cached_index_is_built_again(cache):
    Normalizer()
    (path,) = cache.glob("*.aeronorm-index")
    good = _answers(Normalizer())
    path.write_bytes(path.read_bytes()[:1000])
    assert _answers(Normalizer()) == good  # built, not loaded
    assert path.stat().st_size > 1000  # and saved again
    assert _answers(Normalizer()) == good


def test_where_the_cache_is(monkeypatch, tmp_path):
    monkeypatch.delenv(NO_CACHE_ENV, raising=False)
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "aeronorm"
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    assert cache_dir() == (tmp_path.home() / ".cache" / "aeronorm")
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    for off in ("1", "true", "yes"):
        monkeypatch.setenv(NO_CACHE_ENV, off)
        assert cache_dir() is None
    monkeypatch.setenv(NO_CACHE_ENV, "0")
    assert cache_dir() == tmp_path / "mine"


def test_other_keys_other_files_and_old_ones_pruned(tmp_path):
    paths = [cached_index_path(tmp_path, "0.1.0", f"code{k}") for k in range(7)]
    assert len(set(paths)) == 7 and cached_index_path(tmp_path, "0.1.0", "code0") == paths[0]
    now = time.time()
    for k, path in enumerate(paths):
        path.write_bytes(b"x")
        os.utime(path, (now - 100 * k, now - 100 * k))
    prune(tmp_path, keep=paths[6])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in [*paths[:4], paths[6]])
