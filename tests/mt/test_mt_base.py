"""Translator protocol and FunctionTranslator: no MT library needed."""

from __future__ import annotations

import doctest
import functools
import importlib

import pytest

from aeronorm.errors import AeronormError
from aeronorm.mt import FunctionTranslator, Translator, TranslatorOutputError, cache_key_of


def _upper(texts: list[str]) -> list[str]:
    return [t.upper() for t in texts]


def test_function_translator_translates_in_order() -> None:
    t = FunctionTranslator(_upper, source="en", target="en")
    assert t.translate(["b", "a", "b"]) == ["B", "A", "B"]
    assert t.translate(("x",)) == ["X"]
    assert t.translate([]) == []
    assert (t.source, t.target) == ("en", "en")


def test_function_translator_is_a_translator() -> None:
    assert isinstance(FunctionTranslator(_upper, source="en", target="zh"), Translator)
    assert not isinstance(object(), Translator)


def test_empty_input_does_not_call_the_function() -> None:
    calls = []
    t = FunctionTranslator(lambda texts: calls.append(texts) or [], source="en", target="zh")
    assert t.translate([]) == []
    assert calls == []


@pytest.mark.parametrize(
    ("fn", "fragment"),
    [
        (lambda texts: texts[:-1], "returned 1 translation(s) for 2 input text(s)"),
        (lambda texts: [*texts, "extra"], "returned 3 translation(s) for 2 input text(s)"),
        (lambda texts: "AB", "must return a list of str"),
        (lambda texts: None, "must return a list of str"),
        (lambda texts: (t for t in texts), "must return a list of str"),
        (lambda texts: [1, 2], "returned int at position 0, not str"),
        (lambda texts: ["ok", None], "returned NoneType at position 1, not str"),
    ],
)
def test_function_translator_checks_output(fn, fragment: str) -> None:
    t = FunctionTranslator(fn, source="en", target="zh")
    with pytest.raises(TranslatorOutputError) as info:
        t.translate(["a", "b"])
    assert fragment in str(info.value)
    assert isinstance(info.value, AeronormError)
    assert isinstance(info.value, ValueError)


def test_function_translator_accepts_tuple_output() -> None:
    t = FunctionTranslator(lambda texts: tuple(texts), source="en", target="zh")
    assert t.translate(["a"]) == ["a"]


def test_function_translator_checks_arguments() -> None:
    with pytest.raises(TypeError, match="callable"):
        FunctionTranslator("not a function", source="en", target="zh")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="source"):
        FunctionTranslator(_upper, source="", target="zh")
    with pytest.raises(ValueError, match="target"):
        FunctionTranslator(_upper, source="en", target=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        FunctionTranslator(_upper, "en", "zh")  # type: ignore[misc]  # keyword-only


def test_translate_rejects_a_bare_string_and_non_str_items() -> None:
    t = FunctionTranslator(_upper, source="en", target="en")
    with pytest.raises(TypeError, match="not a single str"):
        t.translate("Star River Rocket Works")
    with pytest.raises(TypeError, match="item 1 is int"):
        t.translate(["a", 3])  # type: ignore[list-item]


def test_cache_key_is_what_the_translator_declares() -> None:
    assert cache_key_of(FunctionTranslator(_upper, source="en", target="en", cache_key="v2")) == "v2"

    class Keyed:
        source, target, cache_key = "en", "zh", "engine-7"

        def translate(self, texts):
            return list(texts)

    assert cache_key_of(Keyed()) == "engine-7"


def _echo(texts: list[str], *, model: str) -> list[str]:
    return [f"[{model}] {t}" for t in texts]


def test_nothing_is_guessed_from_the_function_or_the_class() -> None:
    # Two partials, two lambdas, two instances of one class: any name-based guess would be
    # shared by both, and a disk cache would serve one's translations to the other.
    partials = [functools.partial(_echo, model=m) for m in ("A", "B")]
    lambdas = [lambda ts: [t.upper() for t in ts], lambda ts: [t[::-1] for t in ts]]

    class Engine:
        source, target = "en", "zh"

        def __init__(self, model: str) -> None:
            self.model = model

        def translate(self, texts):
            return _echo(list(texts), model=self.model)

    for fn in (*partials, *lambdas, _upper, str.upper, Engine("A").translate):
        assert cache_key_of(FunctionTranslator(fn, source="en", target="zh")) is None
    assert cache_key_of(Engine("A")) is None
    assert cache_key_of(object()) is None


def test_a_cache_key_must_be_a_non_blank_str() -> None:
    for bad in ("", "  ", 3, b"key"):
        with pytest.raises(ValueError, match="cache_key"):
            FunctionTranslator(_upper, source="en", target="en", cache_key=bad)  # type: ignore[arg-type]

    class Numbered:
        source, target, cache_key = "en", "zh", 42

        def translate(self, texts):
            return list(texts)

    with pytest.raises(TypeError, match=r"cache_key of .* must be a non-blank str or None, not 42"):
        cache_key_of(Numbered())


def test_repr_shows_the_cache_key() -> None:
    assert repr(FunctionTranslator(_upper, source="en", target="zh", cache_key="u1")) == (
        "FunctionTranslator(_upper, source='en', target='zh', cache_key='u1')"
    )
    assert repr(FunctionTranslator(_upper, source="en", target="zh")) == (
        "FunctionTranslator(_upper, source='en', target='zh')"
    )


_MODULES = ["aeronorm.mt", "aeronorm.mt.base", "aeronorm.mt.cache", "aeronorm.mt.store"]


@pytest.mark.parametrize("module", _MODULES)
def test_docstring_examples(module: str) -> None:
    # tests/test_doctests.py leaves aeronorm.mt out (MarianTranslator's examples need a model);
    # these modules' examples need none.
    failed, attempted = doctest.testmod(importlib.import_module(module), report=True)
    assert attempted > 0 and failed == 0
