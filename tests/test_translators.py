"""What a translator must be (aeronorm/translators.py): its languages and its output."""

from __future__ import annotations

import pytest

from aeronorm.errors import TranslatorOutputError
from aeronorm.translators import check_output, check_translator, primary_language


class _Fake:
    def __init__(self, source: object = "en", target: object = "zh") -> None:
        self.source, self.target = source, target

    def translate(self, texts: list[str]) -> list[str]:
        return list(texts)


@pytest.mark.parametrize(("code", "primary"), [
    ("zh", "zh"), ("zh-CN", "zh"), ("zh_Hans", "zh"), ("ZHO", "zh"), ("cmn", "zh"), (" en-GB ", "en"),
    ("eng", "en"), ("fr", "fr"), (None, None),
])
def test_primary_language(code, primary):
    assert primary_language(code) == primary


def test_check_output_takes_a_list_of_strings_one_per_input():
    assert check_output(("a", "b"), 2, who="t") == ["a", "b"]
    with pytest.raises(TranslatorOutputError, match="must return a list of str"):
        check_output("ab", 2, who="t")
    with pytest.raises(TranslatorOutputError, match=r"returned 1 translation\(s\) for 2"):
        check_output(["a"], 2, who="t")
    with pytest.raises(TranslatorOutputError, match="NoneType at position 1"):
        check_output(["a", None], 2, who="t")


def test_check_translator_names_what_is_wrong():
    fake = _Fake("en-US", "zh_Hans")
    assert check_translator(fake, "en_zh", source="en", target="zh") is fake
    assert check_translator(None, "en_zh", source="en", target="zh") is None
    with pytest.raises(TypeError, match="MarianTranslator"):
        check_translator("models/opus-mt-en-zh", "en_zh", source="en", target="zh")
    with pytest.raises(TypeError, match="set source"):
        check_translator(_Fake(source=None), "en_zh", source="en", target="zh")
    with pytest.raises(ValueError, match="must translate en->zh, this one translates zh->en"):
        check_translator(_Fake("zh", "en"), "en_zh", source="en", target="zh")
