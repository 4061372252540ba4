"""One Normalizer shared by eight threads: exactly the answers of one thread, and every lazy
structure (written forms, scanner trie, Chinese tables, jieba, pinyin and person tables) built
once, even when all threads ask for it at the same moment.

Each test starts from a *fresh* normalizer, so that the threads race on the lazy builds, and
shrinks the interpreter's switch interval so that they interleave inside them.
``tests/test_scan.py``, ``tests/test_chinese.py`` and ``tests/mt`` hold narrower thread tests
(the scanner alone, the tokenizer alone, MarianTranslator alone).
"""

from __future__ import annotations

import random
import sys
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.mt import CachedTranslator, FunctionTranslator

THREADS = 8


@pytest.fixture
def busy_switching():
    """Switch threads every microsecond: races inside lazy builds become likely."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(old)


def run_threads(work: Callable[[int], Any], n: int = THREADS) -> list[Any]:
    """Run ``work(i)`` in ``n`` threads released together; their results, errors re-raised."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def _workload(glossary: Glossary) -> tuple[list[str], list[str]]:
    """A few hundred names reaching every stage, and texts made of them."""
    names: list[str] = []
    for e in glossary.entities[::3]:
        names += [e.name, *e.aliases[:1], *e.abbreviations[:1], *([e.zh] if e.zh else [])]
    names += [
        "China Astronautics Foundation", "Northwestern Polytechnic University", "Xibei Gongye Daxue",
        "Kejian Zhang", "ZHANG Ke-jian", "Tsien Hsue-shen", "中國航天科工集團", "航天科工二院",
        "Tianbing Keji", "Lanjian Hangtian", "People's Government of Fujian", "Zzyzx Orbital Widgets",
        "Party Secretary", "CASIC's 6th Academy", "Chinese Academy of Space Tech.", "🚀",
        "C\u200bA\u200bS\u200bI\u200bC",
    ]
    texts = [f"On Monday {a} met {b}; later {c} said so. 另据报道，{d}与西北工业大学签约。"
             for a, b, c, d in zip(names[::4], names[1::4], names[2::4], names[3::4], strict=False)]
    return names, texts


def _answers(n: Normalizer, names: list[str], texts: list[str], seed: int | None = None) -> dict[str, Any]:
    """Every kind of answer, asked in an order of the seed's choosing, given back in input order."""
    rng = random.Random(seed)
    order = list(range(len(names)))
    text_order = list(range(len(texts)))
    if seed is not None:
        rng.shuffle(order)  # each thread asks in its own order
        rng.shuffle(text_order)
    one = {i: n.match(names[i]) for i in order}
    many = dict(zip(order, n.normalize_many([names[i] for i in order]), strict=True))
    found = {i: [(m.start, m.end, m.match) for m in n.find(texts[i])] for i in text_order}
    rewritten = {i: str(n.normalize_text(texts[i], style="annotate")) for i in text_order if i % 3 == 0}
    return {
        "match": [one[i] for i in range(len(names))],
        "many": [many[i] for i in range(len(names))],
        "find": [found[i] for i in range(len(texts))],
        "text": sorted(rewritten.items()),
    }


def test_eight_threads_give_the_answers_of_one(glossary, busy_switching):
    names, texts = _workload(glossary)
    assert len(names) > 300
    expected = _answers(Normalizer(glossary), names, texts)
    shared = Normalizer(glossary)
    got = run_threads(lambda i: _answers(shared, names, texts, seed=i))
    for i, answers in enumerate(got):
        for key in expected:
            assert answers[key] == expected[key], (i, key)
    assert _answers(shared, names, texts) == expected  # and the shared one is not left damaged


def test_lazy_structures_are_built_once_under_contention(glossary, busy_switching, monkeypatch):
    import aeronorm.pipeline.chinese
    import aeronorm.pipeline.exact
    import aeronorm.pipeline.person
    import aeronorm.pipeline.pinyin
    import aeronorm.scan.scanner
    import aeronorm.text.segment

    built: Counter[str] = Counter()
    lock = threading.Lock()

    def count(owner: Any, method: str, label: str) -> None:
        original = getattr(owner, method)

        def counted(*args: Any, **kwargs: Any) -> Any:
            with lock:
                built[label] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, method, counted)

    count(aeronorm.pipeline.exact.ExactStage, "_build_view", "written forms")
    count(aeronorm.pipeline.exact.ExactStage, "_folded_table", "folded keys")
    count(aeronorm.scan.scanner.Scanner, "__init__", "scanner trie")
    count(aeronorm.pipeline.chinese.ChineseIndex, "__init__", "Chinese tables")
    count(aeronorm.text.segment.ChineseTokenizer, "_build", "jieba")
    count(aeronorm.pipeline.pinyin.RomanIndex, "__init__", "pinyin tables")
    count(aeronorm.pipeline.person.PersonIndex, "__init__", "person tables")
    names, texts = _workload(glossary)
    for _ in range(2):  # two fresh normalizers: the count is per normalizer
        shared = Normalizer(glossary)
        built.clear()
        run_threads(lambda i, n=shared: _answers(n, names[i::THREADS], texts[i::THREADS], seed=i))
        assert built == dict.fromkeys(
            ["written forms", "folded keys", "scanner trie", "Chinese tables", "jieba", "pinyin tables",
             "person tables"], 1)


def test_derived_index_tables_are_the_same_objects_in_every_thread(glossary, busy_switching):
    shared = Normalizer(glossary)
    stages = shared.pipeline.stages

    def tables(i: int) -> tuple[int, ...]:
        shared.match("Xibei Gongye Daxue" if i % 2 else "CASIC Inst. of Sci.")
        shared.match("CASICX" if i % 2 else "Kepller Orbital")
        return (id(stages["abbreviation"].acronyms.get()), id(stages["pinyin"].pinyin_keys.get()),
                id(stages["pinyin"].roman.get()), id(stages["fuzzy"].spellings.get()))

    assert len(set(run_threads(tables))) == 1


def _translators(calls: list[str], lock: threading.Lock) -> tuple[CachedTranslator, CachedTranslator]:
    en_zh_table = {"Vega Orbital Engineering Bureau": "织女星轨道工程局",
                   "Altair Launch Office": "牛郎星发射办公室"}
    zh_en_table = {"织女星轨道工程总局": "Vega Orbital Works"}

    def engine(table: dict[str, str]) -> Callable[[list[str]], list[str]]:
        def translate(texts: list[str]) -> list[str]:
            with lock:
                calls.extend(texts)
            return [table.get(t, "") for t in texts]
        return translate

    return (CachedTranslator(FunctionTranslator(engine(en_zh_table), source="en", target="zh")),
            CachedTranslator(FunctionTranslator(engine(zh_en_table), source="zh", target="en")))


def test_translators_shared_by_threads(busy_switching):
    records = [
        {"id": "vega", "name": "Vega Orbital Works", "zh": "织女星轨道工程局"},
        {"id": "altair", "name": "Altair Launch Services", "zh": "牛郎星发射办公室"},
    ]
    g = Glossary.from_records(records)
    names = ["Vega Orbital Engineering Bureau", "Altair Launch Office", "Vega Orbital Works",
             "织女星轨道工程总局", "Unknown Rocket Shop", "未知公司"] * 20
    lock = threading.Lock()
    calls: list[str] = []
    alone = Normalizer(g, en_zh=_translators([], lock)[0], zh_en=_translators([], lock)[1])
    expected = alone.match_many(names)
    methods = [m and m.method for m in expected[:6]]
    assert methods == ["retranslation", "retranslation", "exact", "retranslation", None, None]
    en_zh, zh_en = _translators(calls, lock)
    shared = Normalizer(g, en_zh=en_zh, zh_en=zh_en)
    got = run_threads(lambda i: (shared.match_many(random.Random(i).sample(names, len(names))),
                                 [shared.match(x) for x in names[:6]]))
    for many, one in got:
        assert sorted(map(repr, many)) == sorted(map(repr, expected))
        assert one == expected[:6]
    # each distinct unresolved name reaches the engine; the cache keeps the rest (a name two
    # threads miss at the same moment may be translated twice, never more than once per thread)
    distinct = {"Vega Orbital Engineering Bureau", "Altair Launch Office", "织女星轨道工程总局",
                "Unknown Rocket Shop", "未知公司"}
    assert set(calls) == distinct
    assert all(count <= THREADS for count in Counter(calls).values())
