"""Stage 8, retranslation (optional): a name no stage resolved, machine-translated into the other
language and resolved again.

An English name goes through the ``en_zh`` translator and its Chinese is matched against the
Chinese names; a Chinese name through ``zh_en``. Each distinct name is translated once, in one
batch per direction. Translators are any objects with ``source``, ``target`` and
``translate(texts) -> list[str]`` (see :mod:`aeronorm.mt`, which needs no import here).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from ..text.fold import has_han, has_latin
from ..translators import check_output, check_translator, primary_language
from .base import Outcome
from .calibration import Calibration

__all__ = ["MAX_QUERY_CHARS", "Retranslator"]

#: Longer input is not a name: every stage passes it through unmatched.
MAX_QUERY_CHARS = 1000

# (outcome of the accepted stage or None, the last outcome seen) for one name
Resolution = tuple[Outcome | None, Outcome | None]


class Retranslator:
    """The retranslation stage: translators, and the resolution of what they return.

    Parameters
    ----------
    en_zh, zh_en : translator or None
    calibration : Calibration
        ``retranslation_discount`` and ``threshold``.
    resolve : callable
        ``resolve(text, allowed) -> (accepted outcome or None, last outcome)``: stages 1-7.
    refusal : callable, optional
        ``refusal(name, entity, translation) -> str``: why ``entity`` is no answer for the name
        although the translation names it (the translation dropped a place or a number of the
        name that the entity's names lack: a campus), or ``""``.
    """

    name = "retranslation"

    def __init__(self, en_zh: Any, zh_en: Any, calibration: Calibration,
                 resolve: Callable[[str, Collection[int] | None], Resolution], *,
                 refusal: Callable[[str, Any, str], str] | None = None):
        self.en_zh = check_translator(en_zh, "en_zh", source="en", target="zh")
        self.zh_en = check_translator(zh_en, "zh_en", source="zh", target="en")
        self.calibration = calibration
        self.resolve = resolve
        self.refusal = refusal

    @property
    def active(self) -> bool:
        """Whether any translator is set."""
        return self.en_zh is not None or self.zh_en is not None

    def translator_for(self, name: object) -> Any:
        """The translator that applies to an unresolved name, if any."""
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_QUERY_CHARS:
            return None
        if has_han(name):
            return self.zh_en
        return self.en_zh if has_latin(name) else None

    def retranslate(self, names: Sequence[str], allowed: Collection[int] | None) -> dict[str, Resolution]:
        """Translate unresolved names (each once, in one batch per direction) and resolve the
        translations; an outcome so found has method ``retranslation``."""
        out: dict[str, Resolution] = {}
        for translator in (self.en_zh, self.zh_en):
            batch = [n for n in names if translator is not None and self.translator_for(n) is translator]
            if not batch:
                continue
            # One str per name: a bare string (zipped char by char) or a wrong length must fail.
            translations = check_output(
                translator.translate(batch), len(batch), who=f"{type(translator).__name__}.translate"
            )
            for name, translation in zip(batch, translations, strict=True):
                out[name] = self._resolve_translation(name, translation, allowed, translator)
        return out

    def _resolve_translation(self, name: str, translation: str, allowed: Collection[int] | None,
                             translator: Any) -> Resolution:
        direction = f"{translator.source}->{translator.target}"
        tried = f"{direction} translation {translation!r}"
        if not isinstance(translation, str) or not translation.strip():
            return None, Outcome(None, 0.0, "retranslation", (f"{direction} translation was empty",))
        chinese = primary_language(translator.target) == "zh"
        if not (has_han(translation) if chinese else has_latin(translation)):
            # a model of another language pair (or one that copied its input): what it wrote
            # is not the other language's name
            why = f"{tried} is not written in the target language's script"
            return None, Outcome(None, 0.0, "retranslation", (why,))
        inner, last = self.resolve(translation, allowed)
        score = round(inner.score * self.calibration.retranslation_discount, 4) if inner is not None else 0.0
        if inner is None or score < self.calibration.threshold:
            why = (tried, *(last.evidence if last is not None else ("no match",)))
            return None, Outcome(None, 0.0, "retranslation", why, last.candidates if last else ())
        refused = self.refusal(name, inner.entity, translation) if self.refusal is not None and inner.entity \
            else ""
        if refused:
            why = (tried, f"then {inner.method}: {inner.entity.name!r}, but {refused}")
            return None, Outcome(None, 0.0, "retranslation", why, inner.candidates)
        evidence = (tried, f"then {inner.method}: " + "; ".join(inner.evidence))
        accepted = Outcome(inner.entity, score, "retranslation", evidence, inner.candidates)
        return accepted, last
