"""A Normalizer pickles (issue 15 item 8, ``m8_pickle.py``): its glossary and options travel, and
the copy builds its tables on first use, in threads, spawn and forkserver workers and a
``ProcessPoolExecutor``."""

from __future__ import annotations

import multiprocessing as mp
import pickle
import threading
from concurrent.futures import ProcessPoolExecutor

import pytest

import aeronorm
from aeronorm import Glossary, Normalizer
from aeronorm.mt import FunctionTranslator
from aeronorm.pipeline.calibration import DEFAULT_CALIBRATION

RECORDS = [
    {"id": "nsre", "name": "Northern Star Rocket Engine Co., Ltd.", "zh": "北星火箭发动机有限公司",
     "abbreviations": ["NSRE"]},
    {"id": "jlgs", "name": "Jade Lake Ground Station", "type": "place", "zh": "玉湖地面站"},
]
NAMES = ["NSRE", "Northern Star Rocket Engine Company Limited", "北星火箭发动机有限公司",
         "Jade Lake Ground Station", "Beixing Huojian Fadongji", "Unknown Works"]
TEXT = "NSRE signed with the Jade Lake Ground Station (玉湖地面站) in May."


def _upper(texts: list[str]) -> list[str]:  # module level: picklable
    return [t.upper() for t in texts]


def _answers(n: Normalizer) -> tuple:
    return ([repr(n.match(x)) for x in NAMES], [repr(m) for m in n.find(TEXT)],
            str(n.normalize_text(TEXT)))


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(Glossary.from_records(RECORDS))


def test_a_copy_answers_as_the_original(normalizer: Normalizer) -> None:
    copy = pickle.loads(pickle.dumps(normalizer))
    assert _answers(copy) == _answers(normalizer)


def test_options_travel() -> None:
    translator = FunctionTranslator(_upper, source="zh", target="en", cache_key="upper-v1")
    calibration = DEFAULT_CALIBRATION.with_options(threshold=0.9)
    n = Normalizer(Glossary.from_records(RECORDS), margin=0.2, calibration=calibration, zh_en=translator,
                   learn_terms=False)
    copy = pickle.loads(pickle.dumps(n))
    assert (copy.threshold, copy.margin, copy.calibration) == (0.9, 0.2, n.calibration)
    assert copy.glossary == n.glossary
    assert isinstance(copy.zh_en, FunctionTranslator) and copy.zh_en.translate(["a"]) == ["A"]
    assert copy.en_zh is None
    assert copy.learned_terms == [] and n.learned_terms == []


def test_tables_are_not_shipped_and_are_built_on_first_use(normalizer: Normalizer) -> None:
    normalizer.warm()
    data = pickle.dumps(normalizer)
    assert len(data) < 4_000  # two entities and the options, no tables
    copy = pickle.loads(data)
    assert "index" not in vars(copy)
    assert repr(copy) == repr(normalizer) and copy.threshold == normalizer.threshold  # no build needed
    again = pickle.loads(pickle.dumps(copy))  # a copy of a copy: still nothing built
    assert "index" not in vars(copy) and "index" not in vars(again)
    assert again.normalize("NSRE") == "Northern Star Rocket Engine Co., Ltd."
    assert "index" in vars(again)


def test_unknown_attributes_still_raise(normalizer: Normalizer) -> None:
    copy = pickle.loads(pickle.dumps(normalizer))
    with pytest.raises(AttributeError):
        copy.no_such_attribute  # noqa: B018
    with pytest.raises(AttributeError):
        normalizer.no_such_attribute  # noqa: B018
    assert not hasattr(copy, "__array__")


def test_threads_share_one_build_of_a_copy(normalizer: Normalizer) -> None:
    copy = pickle.loads(pickle.dumps(normalizer))
    barrier = threading.Barrier(8)
    results: list[tuple] = []

    def work() -> None:
        barrier.wait()
        results.append(_answers(copy))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [_answers(normalizer)] * 8


def test_the_default_normalizer_pickles() -> None:
    n = aeronorm.default_normalizer()
    copy = pickle.loads(pickle.dumps(n))
    assert copy.normalize("CASIC") == n.normalize("CASIC")


def _work(n: Normalizer, names: list[str]) -> list[str | None]:
    return [repr(n.match(x)) for x in names]


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_process_pool_workers(normalizer: Normalizer, method: str) -> None:
    if method not in mp.get_all_start_methods():
        pytest.skip(f"no {method} on this platform")
    expected = _work(normalizer, NAMES)
    with ProcessPoolExecutor(2, mp_context=mp.get_context(method)) as pool:
        futures = [pool.submit(_work, normalizer, NAMES) for _ in range(3)]
        assert [f.result(timeout=120) for f in futures] == [expected] * 3
