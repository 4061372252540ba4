"""The :class:`Normalizer`: a glossary's index and the pipeline of stages over it."""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from .errors import NoMatchError
from .glossary import ENTITY_TYPES, Glossary, Term
from .index import Index
from .lexicon import TermLexicon
from .results import Candidate, Match
from .stages import (
    Outcome,
    Query,
    match_abbreviation,
    match_concept,
    match_exact,
    match_fuzzy,
    match_pinyin,
)
from .stages.chinese import match_chinese
from .stages.person import match_person
from .text import fold_key, has_han, has_latin

if TYPE_CHECKING:
    from .mention import Mentions, NormalizedText

__all__ = ["DEFAULT_MARGIN", "DEFAULT_THRESHOLD", "Normalizer", "is_missing"]

#: Default acceptance threshold on :attr:`Match.score`.
DEFAULT_THRESHOLD = 0.8
#: Default lead of the best entity over the next one in the fuzzy stage.
DEFAULT_MARGIN = 0.05
#: A match found through a machine translation is that much less sure than the same match
#: found on the name itself.
RETRANSLATION_DISCOUNT = 0.95

OnUnknown = Literal["keep", "none", "raise"]
_ON_UNKNOWN = ("keep", "none", "raise")
_MAX_QUERY_CHARS = 1000
_MISSING = object()


def is_missing(value: object) -> bool:
    """True for ``None``, NaN (float, NumPy or pandas ``NA``/``NaT``) and empty/blank strings."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    try:  # pandas.NA, numpy.nan and friends, without importing either
        return bool(value != value)
    except (TypeError, ValueError):
        return type(value).__name__ in {"NAType", "NaTType"}


class Normalizer:
    """Resolve names against a glossary.

    Parameters
    ----------
    glossary : Glossary, optional
        Defaults to :meth:`Glossary.default`.
    threshold : float
        Minimum :attr:`Match.score` to accept; below it ``match`` abstains.
    margin : float
        In the fuzzy stage, how far the best entity must lead the next one.
    en_zh, zh_en : Translator, optional
        Machine translators for the retranslation stage (the ``mt`` extra).
    learn_terms : bool
        Extend the term lexicon with the Chinese-English pairs the glossary's own names
        teach (:mod:`aeronorm.learn`); they are in :attr:`learned_terms`.

    Examples
    --------
    >>> from aeronorm import Glossary, Normalizer
    >>> n = Normalizer(Glossary.from_records([
    ...     {"id": "csf", "name": "China Space Foundation", "zh": "中国航天基金会"}]))
    >>> n.normalize("China Aerospace Foundation")
    'China Space Foundation'
    >>> n.match("China Astronautics Foundation").method
    'concept'
    >>> n.normalize("Lunar Foundation")
    'Lunar Foundation'
    """

    def __init__(
        self,
        glossary: Glossary | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
        en_zh: Any = None,
        zh_en: Any = None,
        learn_terms: bool = True,
    ):
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be within 0..1, got {threshold!r}")
        if not 0.0 <= margin < 1.0:
            raise ValueError(f"margin must be within 0..1, got {margin!r}")
        self.glossary = Glossary.default() if glossary is None else glossary
        if not isinstance(self.glossary, Glossary):
            raise TypeError(f"glossary must be a Glossary, not {type(self.glossary).__name__}")
        self.threshold = threshold
        self.margin = margin
        self.en_zh = _check_translator(en_zh, "en_zh", source="en", target="zh")
        self.zh_en = _check_translator(zh_en, "zh_en", source="zh", target="en")
        terms = _lexicon_terms(self.glossary)
        self.lexicon = TermLexicon(terms)
        #: Terms learned from the glossary's own names (see aeronorm.learn), after the given ones.
        self.learned_terms: list[Term] = []
        if learn_terms:
            from .learn import learn_terms as _learn

            self.learned_terms = _learn(self.glossary.entities, self.lexicon)
            if self.learned_terms:
                self.lexicon = TermLexicon([*terms, *self.learned_terms])
        self.index = Index(self.glossary.entities, self.lexicon)
        self._lock = threading.Lock()
        self._written: dict[str, Match] | None = None

    def __repr__(self) -> str:
        return f"Normalizer({len(self.glossary)} entities, threshold={self.threshold})"

    # -- single names ------------------------------------------------------------------------
    def match(self, name: str, *, type: str | None = None) -> Match | None:
        """Resolve one name; ``None`` when it is not confidently in the glossary.

        Parameters
        ----------
        name : str
            An English rendering, a Chinese name or a romanisation.
        type : str, optional
            Only consider entities of this type (``"org"``, ``"person"``, ...).

        Raises
        ------
        TypeError
            If ``name`` is not a string.
        """
        if isinstance(name, str):
            found = self._exact_fast(name, type)
            if found is not None:
                return found
        match, _ = self._resolve(name, type)
        if match is None and self._translator_for(name) is not None:
            match, _ = self._retranslate([name], type)[name]
        return match

    def _exact_fast(self, name: str, type_: str | None) -> Match | None:
        """Stage 1 without preparing a query: a name written exactly as in the glossary (its
        :class:`Match` is built once), else its folded key. Anything else (several owners,
        asides, other stages) goes the long way."""
        if type_ is not None and type_ not in ENTITY_TYPES:
            return None  # _resolve raises the error
        written = self._written
        if written is None:
            with self._lock:  # built once, even when threads share a fresh normalizer
                written = self._written
                if written is None:
                    written = self._written = self._written_forms()
        hit = written.get(name)
        if hit is None:
            if len(name) > _MAX_QUERY_CHARS:
                return None
            key = fold_key(name)
            ids = self.index.exact.get(key)
            if ids is None or len(ids) != 1:
                return None
            (i,) = ids
            e = self.index.entities[i]
            evidence = (f"{self.index.exact_label.get((key, i), 'name')} {name!r}",)
            hit = Match(name, e.id, e.name, e.type, 1.0, "exact", evidence)
        return hit if type_ is None or hit.type == type_ else None

    def _written_forms(self) -> dict[str, Match]:
        """Every name, alias, abbreviation and Chinese name as written, owned by one entity."""
        index = self.index
        out: dict[str, Match] = {}
        for e in index.entities:
            for label, text in index.names_of(e):
                key = fold_key(text)
                if len(index.exact.get(key, ())) == 1 and text not in out:
                    out[text] = Match(text, e.id, e.name, e.type, 1.0, "exact", (f"{label} {text!r}",))
        return out

    def explain(self, name: str, *, type: str | None = None) -> str:
        """Why ``name`` matched what it matched, or why it matched nothing."""
        match, outcome = self._resolve(name, type)
        if match is None and self._translator_for(name) is not None:
            match, outcome = self._retranslate([name], type)[name]
        if match is not None:
            return match.explain()
        lines = [f"{name!r} -> no match (threshold {self.threshold:.2f})"]
        if outcome is not None:
            lines.append(f"  last stage: {outcome.method}; " + "; ".join(outcome.evidence))
            if outcome.candidates:
                lines.append(
                    "  candidates: "
                    + "; ".join(
                        f"{c.canonical} [{c.entity_id}] {c.score:.2f}"
                        for c in self._candidates(outcome.candidates)
                    )
                )
        return "\n".join(lines)

    def normalize(self, name: str, *, type: str | None = None, on_unknown: OnUnknown = "keep") -> str | None:
        """The canonical name of ``name``; unknown names per ``on_unknown``.

        ``"keep"`` returns the input unchanged, ``"none"`` returns ``None``, ``"raise"``
        raises :class:`~aeronorm.errors.NoMatchError`.
        """
        _check_on_unknown(on_unknown)
        m = self.match(name, type=type)
        if m is not None:
            return m.canonical
        return self._unknown(name, on_unknown)

    # -- many names --------------------------------------------------------------------------
    def match_many(self, names: Iterable[Any], *, type: str | None = None) -> list[Match | None]:
        """Resolve many names, each distinct value once. Missing values give ``None``.

        Missing values are ``None``, NaN and empty or blank strings; other non-strings raise
        :class:`TypeError`.
        """
        if self.en_zh is None and self.zh_en is None:
            return self._map_distinct(names, lambda s: self.match(s, type=type), missing=lambda v: None)
        resolved = self._map_distinct(names, lambda s: (s, self._resolve(s, type)[0]), missing=lambda v: None)
        unresolved = list(
            dict.fromkeys(
                r[0]
                for r in resolved
                if r is not None and r[1] is None and self._translator_for(r[0]) is not None
            )
        )
        retranslated = self._retranslate(unresolved, type) if unresolved else {}
        return [
            None if r is None else (r[1] if r[1] is not None else retranslated.get(r[0], (None, None))[0])
            for r in resolved
        ]

    def normalize_many(
        self, names: Iterable[Any], *, type: str | None = None, on_unknown: OnUnknown = "keep"
    ) -> list[Any]:
        """Canonical names of many names, each distinct value resolved once.

        Missing values (``None``, NaN, empty or blank strings) pass through unchanged.
        """
        _check_on_unknown(on_unknown)

        if self.en_zh is None and self.zh_en is None:

            def one(s: str) -> str | None:
                m = self.match(s, type=type)
                return m.canonical if m is not None else self._unknown(s, on_unknown)

            return self._map_distinct(names, one, missing=lambda v: v)
        values = list(names) if not isinstance(names, (str, bytes)) else names
        matches = self.match_many(values, type=type)
        return [
            v if is_missing(v) else (m.canonical if m is not None else self._unknown(v, on_unknown))
            for v, m in zip(values, matches, strict=True)
        ]

    # -- running text (aeronorm.scan builds its trie on the first call, once) -----------------
    def find(self, text: str, *, type: str | None = None) -> Mentions:
        """Known names in running text, in text order; see :mod:`aeronorm.scan`.

        Each :class:`~aeronorm.Mention` has ``start``, ``end``, ``text`` (``text[start:end]``)
        and ``match``. Nested names resolve to the longest.
        """
        from .scan import scanner_for

        return scanner_for(self).find(text, type=type)

    def normalize_text(
        self, text: str, *, style: Literal["canonical", "abbreviation", "annotate"] = "canonical",
        type: str | None = None,
    ) -> NormalizedText:
        """``text`` with every mention replaced by its canonical name, all else byte-identical.

        ``style="abbreviation"`` writes the entity's abbreviation when it has one,
        ``style="annotate"`` writes ``canonical [id]``.
        """
        from .scan import scanner_for

        return scanner_for(self).normalize_text(text, style=style, type=type)

    # -- internals ---------------------------------------------------------------------------
    def _map_distinct(
        self, names: Iterable[Any], fn: Callable[[str], Any], missing: Callable[[Any], Any]
    ) -> list[Any]:
        if isinstance(names, (str, bytes)):
            raise TypeError("expected a sequence of names, not a single string; use match()/normalize()")
        cache: dict[str, Any] = {}
        out = []
        append = out.append
        for v in names:
            if type(v) is str:  # the common case first: one dict probe per repeated value
                hit = cache.get(v, _MISSING)
                if hit is _MISSING:
                    hit = cache[v] = missing(v) if not v.strip() else fn(v)
                append(hit)
            elif is_missing(v):
                append(missing(v))
            elif isinstance(v, str):  # a str subclass
                append(fn(str(v)) if v.strip() else missing(v))
            else:
                raise TypeError(f"names must be strings (or missing values), got {type(v).__name__}: {v!r}")
        return out

    def _unknown(self, name: str, on_unknown: OnUnknown) -> str | None:
        if on_unknown == "keep":
            return name
        if on_unknown == "none":
            return None
        raise NoMatchError(f"{name!r} is not in the glossary")

    def _allowed(self, type_: str | None) -> set[int] | None:
        if type_ is None:
            return None
        if type_ not in ENTITY_TYPES:
            raise ValueError(f"unknown type {type_!r}; expected one of {', '.join(ENTITY_TYPES)}")
        return self.index.by_type.get(type_, set())

    def _resolve(self, name: object, type_: str | None) -> tuple[Match | None, Outcome | None]:
        if not isinstance(name, str):
            raise TypeError(f"name must be a str, not {type(name).__name__}")
        allowed = self._allowed(type_)
        if not name.strip() or len(name) > _MAX_QUERY_CHARS:
            return None, None  # too long to be a name: documented pass-through
        query = Query(name)
        if not query.text:
            return None, None
        last: Outcome | None = None
        for stage in (
            match_exact, match_chinese, match_concept, match_abbreviation, match_person, match_pinyin
        ):
            outcome = stage(self.index, query, allowed)
            if outcome is None:
                continue
            if outcome.entity is not None and outcome.score >= self.threshold:
                return self._to_match(name, outcome), outcome
            last = outcome
            if outcome.entity is None:
                return None, outcome  # a sure stage found several owners: do not guess
        outcome = match_fuzzy(self.index, query, allowed, threshold=self.threshold, margin=self.margin)
        if outcome is not None:
            if outcome.entity is not None:
                return self._to_match(name, outcome), outcome
            last = outcome
        return None, last

    # -- retranslation (stage 6) ------------------------------------------------------------
    def _translator_for(self, name: str) -> Any:
        """The translator that applies to an unresolved name, if any."""
        if not isinstance(name, str) or not name.strip() or len(name) > _MAX_QUERY_CHARS:
            return None
        if has_han(name):
            return self.zh_en
        return self.en_zh if has_latin(name) else None

    def _retranslate(
        self, names: Sequence[str], type_: str | None
    ) -> dict[str, tuple[Match | None, Outcome | None]]:
        """Translate unresolved names (each once, in one batch per direction) and match the
        translations with the stages 1-5; a match so found has method ``retranslation``."""
        from .mt.base import check_output  # no MT library: only the output check

        out: dict[str, tuple[Match | None, Outcome | None]] = {}
        for translator in (self.en_zh, self.zh_en):
            batch = [n for n in names if translator is not None and self._translator_for(n) is translator]
            if not batch:
                continue
            # One str per name: a bare string (zipped char by char) or a wrong length must fail.
            translations = check_output(
                translator.translate(batch), len(batch), who=f"{type(translator).__name__}.translate"
            )
            for name, translation in zip(batch, translations, strict=True):
                out[name] = self._match_translation(name, translation, type_, translator)
        return out

    def _match_translation(
        self, name: str, translation: str, type_: str | None, translator: Any
    ) -> tuple[Match | None, Outcome | None]:
        direction = f"{translator.source}->{translator.target}"
        tried = f"{direction} translation {translation!r}"
        if not isinstance(translation, str) or not translation.strip():
            return None, Outcome(None, 0.0, "retranslation", (f"{direction} translation was empty",))
        inner, outcome = self._resolve(translation, type_)
        score = round(inner.score * RETRANSLATION_DISCOUNT, 4) if inner is not None else 0.0
        if inner is None or score < self.threshold:
            why = (tried, *(outcome.evidence if outcome is not None else ("no match",)))
            return None, Outcome(None, 0.0, "retranslation", why, outcome.candidates if outcome else ())
        evidence = (tried, f"then {inner.method}: " + "; ".join(inner.evidence))
        return (
            Match(
                name,
                inner.entity_id,
                inner.canonical,
                inner.type,
                score,
                "retranslation",
                evidence,
                inner.candidates,
            ),
            outcome,
        )

    def _candidates(self, pairs: Sequence[tuple[int, float]]) -> tuple[Candidate, ...]:
        ents = self.index.entities
        return tuple(Candidate(ents[i].id, ents[i].name, s) for i, s in pairs)

    def _to_match(self, name: str, outcome: Outcome) -> Match:
        e = self.index.entities[outcome.entity]  # type: ignore[index]
        return Match(
            query=name,
            entity_id=e.id,
            canonical=e.name,
            type=e.type,
            score=outcome.score,
            method=outcome.method,
            evidence=outcome.evidence,
            candidates=self._candidates(outcome.candidates),
        )


def _check_translator(translator: Any, role: str, *, source: str, target: str) -> Any:
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
    if (_language(got[0]), _language(got[1])) != (source, target):
        raise ValueError(f"{role} must translate {source}->{target}, this one translates {got[0]}->{got[1]}")
    return translator


def _language(code: object) -> object:
    """The primary language of a code: ``"zh-CN"``, ``"zh_Hans"``, ``"zho"`` -> ``"zh"``."""
    if not isinstance(code, str):
        return code
    primary = code.strip().lower().replace("_", "-").split("-", 1)[0]
    return _ISO639_3.get(primary, primary)


_ISO639_3 = {"zho": "zh", "chi": "zh", "cmn": "zh", "eng": "en"}


def _lexicon_terms(glossary: Glossary) -> list[Term]:
    """The glossary's own terms first, then the shipped lexicon (same morpheme: merged)."""
    shipped = Glossary.default().terms
    return [*glossary.terms, *shipped] if glossary.terms is not shipped else list(shipped)


def _check_on_unknown(on_unknown: str) -> None:
    if on_unknown not in _ON_UNKNOWN:
        raise ValueError(f"on_unknown must be one of {_ON_UNKNOWN}, got {on_unknown!r}")
