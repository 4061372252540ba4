"""Translator protocol and FunctionTranslator: no MT library needed."""

from __future__ import annotations

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


def test_cache_key() -> None:
    assert cache_key_of(FunctionTranslator(_upper, source="en", target="en")).endswith("test_mt_base._upper")
    assert cache_key_of(FunctionTranslator(_upper, source="en", target="en", cache_key="v2")) == "v2"

    class Plain:
        source, target = "en", "zh"

        def translate(self, texts):
            return list(texts)

    assert cache_key_of(Plain()).endswith("test_cache_key.<locals>.Plain")
