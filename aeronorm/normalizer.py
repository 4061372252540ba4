"""The :class:`Normalizer`: one object holding a glossary's index, its pipeline and its scanner."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any, BinaryIO

from .batch import OnUnknown, canonical_values, check_on_unknown, resolve_distinct, unknown_value
from .caching import BuildOnce, paused_gc
from .errors import SavedIndexError
from .glossary import Glossary, Term, shipped_glossary_dir, shipped_terms
from .index import Index
from .lexicon import TermLexicon
from .lexicon.learn import learn_terms as _learn_terms
from .pipeline.base import Outcome
from .pipeline.calibration import DEFAULT_CALIBRATION, Calibration
from .pipeline.may_match import MayMatch
from .pipeline.retranslation import Retranslator
from .pipeline.run import Pipeline
from .results import Candidate, Match, Mention, Mentions, NormalizedText, Replacement
from .scan.scanner import Scanner, Style
from .store import read_index, write_index
from .store.cache import cache_dir, cached_index_path, prune
from .store.digests import (
    aeronorm_version,
    code_digest,
    files_digest,
    library_versions,
    records_digest,
    value_digest,
)
from .text.fold import Reading, reading

__all__ = ["DEFAULT_MARGIN", "DEFAULT_THRESHOLD", "Normalizer", "default_normalizer"]

#: Default acceptance threshold on :attr:`Match.score`.
DEFAULT_THRESHOLD = DEFAULT_CALIBRATION.threshold
#: Default lead of the best entity over the next one in the fuzzy stage.
DEFAULT_MARGIN = DEFAULT_CALIBRATION.margin


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
        teach (:mod:`aeronorm.lexicon.learn`); they are in :attr:`learned_terms`.
    calibration : Calibration, optional
        Every score and cost (:class:`~aeronorm.pipeline.calibration.Calibration`);
        ``threshold`` and ``margin`` override its own. Only a ``Calibration`` is accepted (a
        mapping is a ``TypeError``): for other scores, ``dataclasses.replace(DEFAULT_CALIBRATION,
        exact=...)``.
    warm : bool
        Build every table now (:meth:`warm`) rather than on the first query that needs it.

    The shipped glossary's normalizer (no ``glossary``, ``calibration`` or ``learn_terms``
    given) is built once per installation and kept in a user cache directory
    (:mod:`aeronorm.store.cache`); later ones are loaded from it, every table built. A user's
    glossary is saved and loaded with :meth:`save` and :meth:`load`.

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
        threshold: float | None = None,
        margin: float | None = None,
        en_zh: Any = None,
        zh_en: Any = None,
        learn_terms: bool = True,
        calibration: Calibration | None = None,
        warm: bool = False,
    ):
        if calibration is not None and not isinstance(calibration, Calibration):
            raise TypeError(f"calibration must be a Calibration, not {type(calibration).__name__}: give "
                            "threshold= or margin= for those two; for other scores, dataclasses.replace("
                            "aeronorm.pipeline.calibration.DEFAULT_CALIBRATION, ...)")
        for flag, value in (("learn_terms", learn_terms), ("warm", warm)):
            if not isinstance(value, bool):  # ("no" would be true)
                raise TypeError(f"{flag} must be True or False, not {value!r}")
        base = DEFAULT_CALIBRATION if calibration is None else calibration
        self.calibration = base.with_options(threshold=threshold, margin=margin)
        shipped = glossary is None and calibration is None and learn_terms
        shipped_index = _shipped_index_path() if shipped else None
        if shipped_index is not None and self._load_cached(shipped_index):
            self._set_translators(en_zh, zh_en)
            return
        self.glossary = Glossary.default() if glossary is None else glossary
        if not isinstance(self.glossary, Glossary):
            raise TypeError(f"glossary must be a Glossary, not {type(self.glossary).__name__}")
        with paused_gc():  # millions of objects that stay: no garbage to look for while they are made
            self._build(en_zh, zh_en, learn_terms=learn_terms)
            if warm or shipped_index is not None:
                self.warm()
        if shipped_index is not None:
            self._save_cached(shipped_index)

    def _build(self, en_zh: Any, zh_en: Any, *, learn_terms: bool) -> None:
        # The glossary's own terms first, then the shipped lexicon (same morpheme: merged).
        shipped = shipped_terms()
        terms = list(shipped) if self.glossary.terms == shipped else [*self.glossary.terms, *shipped]
        self.lexicon = TermLexicon(terms)
        #: Terms learned from the glossary's own names (see aeronorm.lexicon.learn), after the given ones.
        self.learned_terms: list[Term] = []
        if learn_terms:
            self.learned_terms = _learn_terms(self.glossary.entities, self.lexicon)
            if self.learned_terms:
                self.lexicon = TermLexicon(terms, proper=self.learned_terms)
        self.index = Index(self.glossary.entities, self.lexicon)
        self.pipeline = Pipeline(self.index, self.calibration, en_zh=en_zh, zh_en=zh_en)
        self._names = BuildOnce(self.index.names)
        self._scanner = BuildOnce(self._build_scanner)

    def __repr__(self) -> str:
        return f"Normalizer({len(self.glossary)} entities, threshold={self.threshold})"

    def __reduce__(self) -> tuple[Any, ...]:
        # A copy (pickle: spawn/forkserver workers, ProcessPoolExecutor, Spark) carries the
        # glossary and the options, not tables or locks; it builds itself on first use.
        options = self.__dict__.get("_options")  # a copy not built yet: what it was sent
        if options is None:
            # learn_terms=True teaches nothing where no term was learned: the same normalizer.
            options = {"calibration": self.calibration, "en_zh": self.en_zh, "zh_en": self.zh_en,
                       "learn_terms": bool(self.learned_terms)}
        return (_unpickle, (self.glossary, options))

    def __getattr__(self, name: str) -> Any:
        # Reached only for an attribute that is not set: an unpickled copy not built yet.
        pending = self.__dict__.get("_pending")
        if pending is None or pending.built or name.startswith("__"):
            raise AttributeError(f"'Normalizer' object has no attribute {name!r}")
        pending.get()
        return getattr(self, name)

    @property
    def threshold(self) -> float:
        """Minimum score to accept an answer."""
        return self.calibration.threshold

    @property
    def margin(self) -> float:
        """How far the fuzzy stage's best entity must lead the next one."""
        return self.calibration.margin

    @property
    def en_zh(self) -> Any:
        """The English-to-Chinese translator of the retranslation stage, or ``None``."""
        return self.pipeline.retranslator.en_zh

    @property
    def zh_en(self) -> Any:
        """The Chinese-to-English translator of the retranslation stage, or ``None``."""
        return self.pipeline.retranslator.zh_en

    def warm(self) -> Normalizer:
        """Build every lazy table now (stages, scanner) instead of on the first query that needs
        it, and load what first queries load (pypinyin's and OpenCC's dictionaries, jieba, the
        word lists); returns the normalizer."""
        self.pipeline.warm()
        self._scanner.get()
        self._names.get()
        for probe in _PROBES:  # through the stages, never a translator: only what they load counts
            self.pipeline.resolve_text(probe, None)
        return self

    # -- saved indexes -----------------------------------------------------------------------
    def save(self, target: str | os.PathLike[str] | BinaryIO) -> int:
        """Write every table (lazy ones built first) to ``target``, a path (written atomically)
        or a binary file; returns the bytes written. :meth:`load` reads it back.

        The file holds the glossary and the tables exactly as built, in a versioned format
        (:mod:`aeronorm.store`); translators are not saved (give them to :meth:`load`).
        """
        if isinstance(target, io.TextIOBase):
            # (a text file would take the first bytes written as an error half-way)
            raise TypeError("target must be a path or a binary file, not a text file: "
                            "open it with open(path, 'wb')")
        if not hasattr(target, "write"):
            if not isinstance(target, (str, os.PathLike)):
                raise TypeError(f"target must be a path or a binary file, not {target.__class__.__name__}")
            if Path(target).is_dir():
                raise IsADirectoryError(f"{os.fspath(target)!r} is a directory: give the path of a file")
        self.warm()
        translators = [t for t in (self.en_zh, self.zh_en) if t is not None]
        header = {"glossary": records_digest(self.glossary.entities, self.glossary.terms),
                  "calibration": value_digest(self.calibration, leave_out=_LOAD_OPTIONS),
                  "entities": len(self.glossary), "learned_terms": len(self.learned_terms),
                  "threshold": self.calibration.threshold, "margin": self.calibration.margin}
        names = {"calibration": self.calibration, "glossary": self.glossary}
        return write_index(self, target, header=header, names=names, omit=translators)

    @classmethod
    def load(cls, source: str | os.PathLike[str] | bytes | BinaryIO, *, threshold: float | None = None,
             margin: float | None = None, en_zh: Any = None, zh_en: Any = None,
             glossary: Glossary | None = None) -> Normalizer:
        """The normalizer :meth:`save` wrote to ``source`` (a path, bytes or a binary file), every
        table built.

        Parameters
        ----------
        threshold, margin : float, optional
            Override the saved normalizer's (its other scores and costs are kept).
        en_zh, zh_en : Translator, optional
            Translators for the retranslation stage.
        glossary : Glossary, optional
            When given, the index must have been built from this glossary, and the loaded
            normalizer's ``glossary`` is this object.

        Raises
        ------
        IndexVersionError
            The file was written by another aeronorm (version or sources), another format, or
            with other versions of jieba, pypinyin or OpenCC: build it again.
        CorruptIndexError
            The file is truncated or was changed.
        SavedIndexError
            Not built from ``glossary``, or not a normalizer's index.

        Examples
        --------
        >>> import io
        >>> from aeronorm import Glossary, Normalizer
        >>> n = Normalizer(Glossary.from_records([{"id": "csf", "name": "China Space Foundation"}]))
        >>> buffer = io.BytesIO()
        >>> _ = n.save(buffer)
        >>> Normalizer.load(buffer.getvalue()).normalize("China Aerospace Foundation")
        'China Space Foundation'
        """
        DEFAULT_CALIBRATION.with_options(threshold=threshold, margin=margin)  # the caller's, checked first
        if glossary is not None and not isinstance(glossary, Glossary):
            raise TypeError(f"glossary must be a Glossary, not {glossary.__class__.__name__}: "
                            "load the file with Glossary.load() first")
        if hasattr(source, "read"):
            source = source.read()  # a binary file, as save() writes to
            if isinstance(source, str):  # (its text would be taken for a path)
                raise TypeError("source must be a path, bytes or a binary file, not a text file: "
                                "open it with open(path, 'rb')")
        if isinstance(source, (bytearray, memoryview)):
            source = bytes(source)
        expect = None if glossary is None else {"glossary": records_digest(glossary.entities, glossary.terms)}
        out = cls.__new__(cls)

        def calibration(saved: Calibration) -> Calibration:
            return saved.with_options(threshold=threshold, margin=margin)

        substitute: dict[str, Any] = {"calibration": calibration}
        if glossary is not None:
            substitute["glossary"] = lambda saved: glossary
        read_index(source, expect=expect, into={"root": out}, substitute=substitute)
        out.warm()  # every table is built: this loads what first queries would load
        out._set_translators(en_zh, zh_en)
        return out

    def _set_translators(self, en_zh: Any, zh_en: Any) -> None:
        if en_zh is None and zh_en is None:
            return
        pipeline = self.pipeline
        pipeline.retranslator = Retranslator(en_zh, zh_en, self.calibration, pipeline.resolve_text,
                                              refusal=pipeline.refusal)

    def _load_cached(self, path: Path) -> bool:
        """Load the shipped glossary's saved index into this normalizer, if there is one."""
        if not path.is_file():
            return False
        calibration = self.calibration
        default = Glossary.default()  # the normalizer's glossary is the one every caller shares

        def same_glossary(saved: Glossary) -> Glossary:
            if saved != default:
                raise SavedIndexError("the cached index holds another shipped glossary")
            return default

        try:
            read_index(path, into={"root": self},
                       substitute={"calibration": lambda saved: calibration, "glossary": same_glossary})
        except (SavedIndexError, OSError):
            vars(self).clear()
            self.calibration = calibration
            return False  # built again, and saved over it
        self.warm()
        return True

    def _save_cached(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.save(path)
        except OSError:
            return  # a read-only or full cache directory: the next normalizer builds again
        prune(path.parent, keep=path)

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
        return self._match_distinct([name], type)[0]

    def explain(self, name: str, *, type: str | None = None) -> str:
        """Why ``name`` matched what it matched, or why it matched nothing."""
        allowed = self._allowed(name, type)
        accepted, last = self.pipeline.resolve_text(name, allowed)
        retranslator = self.pipeline.retranslator
        if accepted is None and retranslator.translator_for(name) is not None:
            accepted, last = retranslator.retranslate([name], allowed)[name]
        if accepted is not None:
            return self._to_match(name, accepted).explain()
        lines = [f"{name!r} -> no match (threshold {self.threshold:.2f})"]
        if last is not None:
            lines.append(f"  last stage: {last.method}; " + "; ".join(last.evidence))
            if last.candidates:
                lines.append(
                    "  candidates: "
                    + "; ".join(f"{c.canonical} [{c.entity_id}] {c.score:.2f}" for c in _candidates(last))
                )
        shown = {c.entity_id for c in _candidates(last)} if last is not None else set()
        nearest = [n for n in self.pipeline.nearest(name, allowed, limit=3) if n[0].id not in shown]
        if nearest:
            lines.append("  nearest names, and why each falls short:")
            lines += [f"    {e.name} [{e.id}] {score:.2f}: {why}" for e, score, why in nearest]
        for word, near in self.pipeline.near_spellings(name):
            lines.append(f"  {word!r} is no known word; within a typo of: {', '.join(near[:5])}"
                         + ("" if len(near) == 1 else " (more than one: not read)"))
        return "\n".join(lines)

    def normalize(self, name: str, *, type: str | None = None, on_unknown: OnUnknown = "keep") -> str | None:
        """The canonical name of ``name``; unknown names per ``on_unknown``.

        ``"keep"`` returns the input unchanged, ``"none"`` returns ``None``, ``"raise"``
        raises :class:`~aeronorm.errors.NoMatchError`.
        """
        check_on_unknown(on_unknown)
        m = self.match(name, type=type)
        return m.canonical if m is not None else unknown_value(name, on_unknown)

    # -- many names --------------------------------------------------------------------------
    def match_many(self, names: Iterable[Any], *, type: str | None = None, progress: bool = False
                   ) -> list[Match | None]:
        """Resolve many names, each distinct value once. Missing values give ``None``.

        Missing values are ``None``, NaN and empty or blank strings; other non-strings raise
        :class:`TypeError`. ``progress=True`` reports the distinct names resolved on stderr.
        """
        self._allowed("", type)  # an unknown type fails before any work
        return resolve_distinct(names, lambda some: self._match_distinct(some, type), progress=progress)

    def normalize_many(
        self, names: Iterable[Any], *, type: str | None = None, on_unknown: OnUnknown = "keep",
        progress: bool = False,
    ) -> list[Any]:
        """Canonical names of many names, each distinct value resolved once.

        Missing values (``None``, NaN, empty or blank strings) pass through unchanged.
        """
        check_on_unknown(on_unknown)
        self._allowed("", type)
        exact = self.pipeline.stages["exact"]
        settle = not self.pipeline.retranslator.active  # (what nothing matches may be retranslated)
        return canonical_values(names, known=lambda some: exact.canonical_many(some, type, settle=settle),  # type: ignore[attr-defined]
                                resolve=lambda some: self._match_distinct(some, type, exact=False),
                                on_unknown=on_unknown, progress=progress)

    # -- running text ------------------------------------------------------------------------
    @property
    def scanner(self) -> Scanner:
        """The :class:`~aeronorm.scan.scanner.Scanner` of running text, built on first use."""
        return self._scanner.get()

    def find(self, text: str, *, type: str | None = None) -> Mentions:
        """Known names in running text, in text order; see :mod:`aeronorm.scan`.

        Each :class:`~aeronorm.Mention` has ``start``, ``end``, ``text`` (``text[start:end]``)
        and ``match``. Nested names resolve to the longest. Invisible characters (a soft hyphen,
        zero-width marks, a BOM) are read as in a name, as nothing: ``Uni\u00adversity`` is
        one word, and a mention's span and text keep any inside it. Decomposed (NFD) text is read
        composed: a combining mark belongs to the letter before it (inside the span, never a word
        break), so ``Xi\u0304'a\u0304n`` is found as ``Xī'ān`` is. ``type`` selects among the
        mentions of every type (the same spans: "Beijing" inside a company's name is no place).
        """
        read = reading(text) if isinstance(text, str) else None
        if read is None:
            return self.scanner.find(text, type=type)
        return Mentions((_placed(m, read, text) for m in self.scanner.find(read.text, type=type)), text)

    def normalize_text(
        self, text: str, *, style: Style = "canonical", type: str | None = None, terms: bool = False,
    ) -> NormalizedText:
        """``text`` with every mention of a named entity replaced by its canonical name, all else
        byte-identical.

        ``style="abbreviation"`` writes the entity's abbreviation when it has one,
        ``style="annotate"`` writes ``canonical [id]``. Domain terms (type ``term``) are found
        but written as they are unless ``terms=True``; a mention whose rewrite would change what
        the text says (a digit, a place, a note, a word doubled) is left as written. Invisible
        characters are read as by :meth:`find`, and kept where no mention is replaced.
        """
        read = reading(text) if isinstance(text, str) else None
        if read is None:
            return self.scanner.normalize_text(text, style=style, type=type, terms=terms)
        done = self.scanner.normalize_text(read.text, style=style, type=type, terms=terms)
        return _rewritten_around_invisibles(done, read, text)

    # -- internals ---------------------------------------------------------------------------
    def _build_scanner(self) -> Scanner:
        chinese = self.pipeline.stages["chinese"]
        may_match = MayMatch(self.index, pinyin=self.pipeline.stages["pinyin"])
        return Scanner(self.index, self.calibration, resolve=self.match, chinese=chinese.table,  # type: ignore[attr-defined]
                       may_match=may_match)

    def _allowed(self, name: object, type_: str | None) -> AbstractSet[int] | None:
        """The entities a name may resolve to: one type's, or, by default, every entity but the
        domain terms (vocabulary, not names: ``type="term"`` asks for them)."""
        if not isinstance(name, str):
            raise TypeError(f"name must be a str, not {type(name).__name__}")
        return self._names.get() if type_ is None else self.index.allowed(type_)

    def _match_distinct(self, names: Sequence[str], type_: str | None, *, exact: bool = True
                        ) -> list[Match | None]:
        """Matches of distinct names: the exact path for the batch, the pipeline for each name it
        left, then one retranslation batch per direction for those still unresolved.
        ``exact=False``: the names already went through the exact path."""
        if not set(map(type, names)) <= {str}:
            for name in names:
                self._allowed(name, type_)  # a TypeError for the first name that is not a str
        allowed = self._allowed("", type_)
        retranslator = self.pipeline.retranslator
        out: list[Match | None] = (self.pipeline.stages["exact"].written_many(  # type: ignore[attr-defined]
            names, type_, settle=not retranslator.active) if exact else [None] * len(names))
        unresolved: list[str] = []
        for k in [k for k, hit in enumerate(out) if hit is None or hit is False]:
            if out[k] is False:  # a name the exact path settled as unknown
                out[k] = None
                continue
            name = names[k]
            accepted, _ = self.pipeline.resolve_text(name, allowed)
            out[k] = None if accepted is None else self._to_match(name, accepted)
            if accepted is None and retranslator.active and retranslator.translator_for(name) is not None:
                unresolved.append(name)
        if unresolved:
            found = retranslator.retranslate(unresolved, allowed)
            for k, name in enumerate(names):
                if out[k] is None and name in found and found[name][0] is not None:
                    out[k] = self._to_match(name, found[name][0])  # type: ignore[arg-type]
        return out

    def _to_match(self, name: str, outcome: Outcome) -> Match:
        return Match.of(name, outcome.entity, outcome.score, outcome.method, outcome.evidence,  # type: ignore[arg-type]
                        _candidates(outcome))


def _candidates(outcome: Outcome) -> tuple[Candidate, ...]:
    return tuple(Candidate(e.id, e.name, s) for e, s in outcome.candidates)



def _unpickle(glossary: Glossary, options: dict[str, Any]) -> Normalizer:
    """A normalizer that builds itself from ``glossary`` and ``options`` on first use."""
    copy = Normalizer.__new__(Normalizer)
    copy.glossary = glossary
    copy.calibration = options["calibration"]
    copy._options = options

    def build() -> None:
        # Built whole, then published at once: another thread never sees half a normalizer.
        vars(copy).update(vars(Normalizer(glossary, **options)))
        del copy._options, copy._pending  # now a normalizer like any other

    copy._pending = BuildOnce(build)
    return copy


_LOAD_OPTIONS = ("threshold", "margin")  # what load() may change in a saved calibration
# Names that take every lane and stage (a typo, a romanised person, pinyin, an acronym, Chinese
# with traditional characters, a long Chinese text): warm() runs them once.
_PROBES = ("Vega Orbital Engineering", "VOEBX", "Zhang Kejian", "Tsien Hsue-shen", "Xibei Gongye Daxue",
           "Northwestren Polytechnical Universty", "中國航天科工集團", "织女星轨道工程局的专家说")


def _shipped_index_path() -> Path | None:
    """Where the shipped glossary's index is cached, by the digests of everything it is built
    from; ``None`` when the cache is off or the glossary is not in plain files."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        files = sorted(shipped_glossary_dir().glob("*.yaml"))
        glossary = files_digest(files)
    except (OSError, AttributeError):
        return None
    calibration = value_digest(DEFAULT_CALIBRATION, leave_out=_LOAD_OPTIONS)
    versions = sorted(library_versions().items())
    return cached_index_path(directory, aeronorm_version(), code_digest(), glossary, calibration,
                             repr(versions))


_default: BuildOnce[Normalizer] = BuildOnce(lambda: Normalizer())


def default_normalizer() -> Normalizer:
    """The :class:`Normalizer` over the shipped glossaries, built once on first use."""
    return _default.get()


# ---------------------------------------------------------------------------------- invisibles
def _placed(m: Mention, read: Reading, text: str) -> Mention:
    """A mention found in the reading of ``text`` (:func:`~aeronorm.text.fold.reading`), placed
    back in ``text``: invisibles inside it, and the marks on its letters, are in its span."""
    start, end = read.span(m.start, m.end)
    return Mention(start, end, text[start:end], m.match)


def _rewritten_around_invisibles(done: NormalizedText, read: Reading, text: str) -> NormalizedText:
    """``done``, the rewrite of ``text`` without its invisible characters, made again on ``text``
    itself: every character outside a replaced mention (invisibles included) as it was, a mention
    left as written kept with its invisibles."""
    out: list[str] = []
    length = 0
    replacements = []
    at = 0
    for r in done.replacements:
        m = _placed(r.mention, read, text)
        new = r.new if r.changed else m.text
        between = text[at:m.start]
        out += (between, new)
        length += len(between)
        replacements.append(Replacement(m, new, length, length + len(new)))
        length += len(new)
        at = m.end
    out.append(text[at:])
    return NormalizedText("".join(out), text, replacements, done.style)
