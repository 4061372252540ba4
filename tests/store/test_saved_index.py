"""A saved normalizer is the built one: same answers on every kind of query, every table loaded
built, and a clear error for an index of another version, another glossary or a damaged file."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import pytest

import aeronorm
from aeronorm import Glossary, Normalizer
from aeronorm.caching import BuildOnce
from aeronorm.errors import CorruptIndexError, IndexVersionError, SavedIndexError
from aeronorm.mt import FunctionTranslator
from aeronorm.store import check_index, read_index_header

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import _devset  # noqa: E402
from _synthetic import fuzzy_variant, light_variant, make_corpus  # noqa: E402

TEXTS = (
    "Officials of {a} met {b} in Beijing; {c} said so.",
    "According to {a}, the {b} Co., Ltd. and {c} will launch next year.",
    "{a}（{b}）与{c}签署协议。",
)


def answers(n: Normalizer, names: list[str], texts: list[str]) -> list:
    out: list = [_row(m) for m in n.match_many(names)]
    out += [[(m.start, m.end, m.match and m.match.entity_id, m.match and m.match.score) for m in n.find(t)]
            for t in texts]
    out += [str(n.normalize_text(t)) for t in texts]
    out += [n.explain(name) for name in names[:40]]
    return out


def _row(m):
    if m is None:
        return None
    return m.entity_id, m.score, m.method, m.evidence, [c.entity_id for c in m.candidates]


def saved(n: Normalizer) -> bytes:
    buffer = io.BytesIO()
    n.save(buffer)
    return buffer.getvalue()


def unbuilt_tables(root: object) -> list[str]:
    """Every BuildOnce reachable from ``root`` that is not built yet (a first-query cost)."""
    seen, stack, found = set(), [(root, "n")], []
    while stack:
        obj, path = stack.pop()
        if id(obj) in seen or isinstance(obj, (str, int, float, bytes, type)) or obj is None:
            continue
        seen.add(id(obj))
        if isinstance(obj, BuildOnce):
            if not obj.built:
                found.append(path)
            else:
                stack.append((obj.get(), path))
        elif isinstance(obj, dict):
            stack += [(v, f"{path}[]") for v in obj.values()]
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack += [(v, f"{path}[]") for v in obj]
        elif type(obj).__module__.startswith("aeronorm"):
            attrs = dict(getattr(obj, "__dict__", {}))
            for cls in type(obj).__mro__:
                attrs.update({s: getattr(obj, s) for s in getattr(cls, "__slots__", ()) if hasattr(obj, s)})
            stack += [(v, f"{path}.{k}") for k, v in attrs.items()]
    return found


@pytest.fixture(scope="module")
def synthetic():
    corpus = make_corpus(900, seed=11, n_unknown=300)
    built = Normalizer(corpus.glossary())
    return corpus, built, Normalizer.load(saved(built))


def test_a_loaded_normalizer_answers_as_the_built_one(synthetic):
    corpus, built, loaded = synthetic
    rng = random.Random(4)
    ids = sorted(corpus.orgs)
    names = [fuzzy_variant(corpus.orgs[i], rng)[0] for i in ids[:300]]
    names += [light_variant(corpus.orgs[i], rng) for i in ids[300:500]]
    names += corpus.unknown[:200]
    orgs = [corpus.orgs[i] for i in ids[:150]]
    names += [o.zh for o in orgs] + [o.zh[2:] for o in orgs]
    from pypinyin import lazy_pinyin

    names += [" ".join(s.capitalize() for s in lazy_pinyin(o.zh)) for o in orgs[:100]]
    shipped = [e for e in built.glossary if not e.id.startswith("syn-")]
    for e in shipped:
        names += [e.name, e.name.upper(), *e.abbreviations, *e.zh_aliases]
    texts = [t.format(a=rng.choice(names), b=rng.choice(names), c=rng.choice(names))
             for t in TEXTS for _ in range(30)]
    assert answers(loaded, names, texts) == answers(built, names, texts)


def test_dev_names_get_the_same_answers_loaded(tmp_path):
    reason = _devset.missing_reason(_devset.DEFAULT_ALIASES)
    if reason:
        pytest.skip(reason)
    scorer = _devset.load_scorer(_devset.DEFAULT_ALIASES)
    rows = scorer.load(_devset.DEFAULT_ALIASES)
    for mode in ("zero", "half"):
        records, queries = scorer.build(rows, mode)
        built = Normalizer(Glossary.from_records(records))
        path = tmp_path / f"dev-{mode}.idx"
        built.save(path)
        names = [q[0] for q in queries]
        assert answers(Normalizer.load(path), names, []) == answers(built, names, []), mode


def test_the_shipped_normalizer_saved_and_loaded():
    built = Normalizer(Glossary.default())
    loaded = Normalizer.load(saved(built))
    names = [s for e in built.glossary
             for s in (e.name, e.name.lower(), *e.aliases, *e.abbreviations, e.zh) if s]
    texts = [(ROOT / "examples" / "news" / p).read_text(encoding="utf-8")
             for p in sorted(p.name for p in (ROOT / "examples" / "news").glob("*.txt"))[:3]]
    assert answers(loaded, names, texts) == answers(built, names, texts)


def test_every_table_is_built_after_warm_and_after_load(synthetic):
    _, _, loaded = synthetic
    records = [{"id": "x", "name": "Vega Orbital Works", "zh": "织女星轨道工厂"}]
    fresh = Normalizer(Glossary.from_records(records))
    assert unbuilt_tables(fresh) != []  # lazy until asked
    assert unbuilt_tables(fresh.warm()) == []
    assert unbuilt_tables(loaded) == []
    assert unbuilt_tables(Normalizer(fresh.glossary, warm=True)) == []


def test_threshold_and_translators_given_when_loading():
    g = Glossary.from_records([{"id": "v", "name": "Vega Orbital Engineering Bureau",
                                "zh": "织女星轨道工程局"}])
    data = saved(Normalizer(g))
    strict = Normalizer.load(data, threshold=0.99, margin=0.2)
    assert (strict.threshold, strict.margin) == (0.99, 0.2)
    assert strict.pipeline.stages["fuzzy"].calibration is strict.calibration
    assert strict.match("Vega Orbital Engineering") is None
    assert Normalizer.load(data).match("Vega Orbital Engineering") is not None
    en_zh = FunctionTranslator(lambda texts: ["织女星轨道工程局" for _ in texts], source="en", target="zh")
    with_mt = Normalizer.load(data, en_zh=en_zh)
    assert with_mt.en_zh is en_zh and with_mt.match("Lyra Star Track Works").method == "retranslation"


def test_translators_are_not_saved():
    g = Glossary.from_records([{"id": "v", "name": "Vega Orbital Engineering Bureau"}])
    en_zh = FunctionTranslator(lambda texts: ["" for _ in texts], source="en", target="zh")
    loaded = Normalizer.load(saved(Normalizer(g, en_zh=en_zh)))
    assert loaded.en_zh is None and loaded.match("Vega Orbital Engineering Bureau") is not None


def test_an_index_of_another_glossary_is_refused_when_one_is_given():
    a = Glossary.from_records([{"id": "a", "name": "Alpha Rocket Works"}])
    b = Glossary.from_records([{"id": "b", "name": "Beta Rocket Works"}])
    data = saved(Normalizer(a))
    assert Normalizer.load(data, glossary=a).match("Alpha Rocket Works").entity_id == "a"
    with pytest.raises(SavedIndexError, match="glossary"):
        Normalizer.load(data, glossary=b)


def test_another_version_or_library_is_a_version_error(monkeypatch):
    data = saved(Normalizer(Glossary.from_records([{"id": "a", "name": "Alpha Rocket Works"}])))
    assert read_index_header(data)["aeronorm"] == aeronorm.__version__
    monkeypatch.setattr(aeronorm, "__version__", "99.0")
    with pytest.raises(IndexVersionError, match="saved by aeronorm"):
        Normalizer.load(data)
    monkeypatch.undo()
    import aeronorm.store as store

    monkeypatch.setattr(store, "code_digest", lambda: "0" * 64)
    with pytest.raises(IndexVersionError, match="other sources"):
        Normalizer.load(data)
    monkeypatch.undo()
    monkeypatch.setattr(store, "library_versions", lambda: {"jieba": "0.0", "pypinyin": "0", "opencc": "0"})
    with pytest.raises(IndexVersionError, match="jieba"):
        Normalizer.load(data)


def test_a_damaged_index_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "x.idx"
    Normalizer(Glossary.from_records([{"id": "a", "name": "Alpha Rocket Works"}])).save(path)
    data = path.read_bytes()
    rng = random.Random(7)
    for _ in range(30):
        damaged = bytearray(data)
        at = rng.randrange(len(damaged))
        damaged[at] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(damaged))
        try:
            n = Normalizer.load(path)
        except SavedIndexError as exc:
            assert str(path) in str(exc) or "index" in str(exc)
            continue
        assert n.match("Alpha Rocket Works").entity_id == "a"  # only padding was hit
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(CorruptIndexError, match="truncated"):
        Normalizer.load(path)


def test_check_index_makes_the_checks_of_loading_without_decoding(monkeypatch):
    data = saved(Normalizer(Glossary.from_records([{"id": "a", "name": "Alpha Rocket Works"}])))
    header = check_index(data, name="shared/a.idx")
    assert header == read_index_header(data) and header["entities"] == 1
    with pytest.raises(SavedIndexError, match="built from something else"):
        check_index(data, expect={"glossary": "0" * 64})
    last = max(header["sections"], key=lambda s: s["offset"])  # a section's last byte, not padding
    damaged = bytearray(data)
    damaged[last["offset"] + last["length"] - 1] ^= 1
    with pytest.raises(CorruptIndexError, match=rf"shared/a\.idx: section '{last['name']}'"):
        check_index(bytes(damaged), name="shared/a.idx")
    monkeypatch.setattr(aeronorm, "__version__", "99.0")
    with pytest.raises(IndexVersionError, match=r"shared/a\.idx: saved by aeronorm"):
        check_index(data, name="shared/a.idx")
