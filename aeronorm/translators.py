"""What a translator must be, checked where one is given and where it answers.

Below the pipeline and the ``mt`` package both: the retranslation stage checks the translators it
is given, and the ``mt`` translators check their own output, without ``import aeronorm.mt``
importing the pipeline (its glossary, index and lexicon modules).
"""

from __future__ import annotations

import os
from typing import Any

from .errors import TranslatorOutputError

__all__ = ["check_output", "check_translator", "primary_language"]


def check_output(result: object, expected: int, *, who: str) -> list[str]:
    """Check that a translator's ``result`` is a list of ``expected`` strings and return it."""
    if not isinstance(result, (list, tuple)):
        raise TranslatorOutputError(
            f"{who} must return a list of str, one per input text; got {type(result).__name__}"
        )
    if len(result) != expected:
        raise TranslatorOutputError(
            f"{who} returned {len(result)} translation(s) for {expected} input text(s); "
            "it must return exactly one per input, in order"
        )
    for i, item in enumerate(result):
        if not isinstance(item, str):
            raise TranslatorOutputError(
                f"{who} returned {type(item).__name__} at position {i}, not str: {item!r}"
            )
    return list(result)


def check_translator(translator: Any, role: str, *, source: str, target: str) -> Any:
    """``translator`` if it translates ``source`` -> ``target``; a clear error otherwise."""
    if translator is None:
        return None
    # str and bytes have a translate() method of their own: a model name passed as is.
    if isinstance(translator, (str, bytes, os.PathLike)) or not callable(
        getattr(translator, "translate", None)
    ):
        raise TypeError(
            f"{role} must be a translator with a translate(texts) method (see aeronorm.mt.Translator), "
            f"not {type(translator).__name__}; for a model folder or id use aeronorm.mt.MarianTranslator(...)"
        )
    missing = [a for a in ("source", "target") if not isinstance(getattr(translator, a, None), str)]
    if missing:
        raise TypeError(
            f"{role} must say which languages it translates: set {' and '.join(missing)} "
            f"(here {source!r} -> {target!r}), as aeronorm.mt.Translator requires"
        )
    got = (translator.source, translator.target)
    if (primary_language(got[0]), primary_language(got[1])) != (source, target):
        raise ValueError(f"{role} must translate {source}->{target}, this one translates {got[0]}->{got[1]}")
    return translator


def primary_language(code: object) -> object:
    """The primary language of a code: ``"zh-CN"``, ``"zh_Hans"``, ``"zho"`` -> ``"zh"``."""
    if not isinstance(code, str):
        return code
    primary = code.strip().lower().replace("_", "-").split("-", 1)[0]
    return _ISO639_3.get(primary, primary)


_ISO639_3 = {"zho": "zh", "chi": "zh", "cmn": "zh", "eng": "en"}
