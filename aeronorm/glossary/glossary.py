"""The :class:`Glossary`: an immutable collection of entities and terms."""

from __future__ import annotations

import difflib
import functools
import importlib.resources
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from ..resources import data_files, load_yaml
from ..text.fold import fold_key
from .entity import ENTITY_TYPES, Entity, Term, check_entity_type
from .limits import entity_problem, term_problem
from .lint import LintIssue, lint_glossary, make_issue, malformed_issue, sort_issues
from .readers import entities_from_records, iter_glossary_files, read_file, terms_from_records

__all__ = ["Glossary", "deliberate_clashes", "lint_files", "shipped_glossary_dir", "shipped_terms"]


def shipped_glossary_dir() -> Path:
    """The directory holding the shipped YAML glossaries.

    Inside an installed wheel it is the package's ``aeronorm/glossaries``; in a source tree or an
    editable install, ``glossaries/`` at the repository root.

    Raises
    ------
    FileNotFoundError
        When neither exists (a broken installation).

    Examples
    --------
    >>> (shipped_glossary_dir() / "organizations.yaml").is_file()
    True
    """
    candidates = []
    try:
        packaged = importlib.resources.files("aeronorm") / "glossaries"
    except (ImportError, TypeError, ValueError):  # no package / namespace package on old Pythons
        packaged = None
    if packaged is not None:
        if isinstance(packaged, Path) and packaged.is_dir():
            return packaged
        candidates.append(str(packaged))
    repo = Path(__file__).resolve().parents[2] / "glossaries"
    if repo.is_dir():
        return repo
    candidates.append(str(repo))
    raise FileNotFoundError(
        f"aeronorm's shipped glossaries are missing (looked in {' and '.join(candidates)}); "
        "reinstall aeronorm"
    )


@functools.cache
def shipped_terms() -> tuple[Term, ...]:
    """The shipped term lexicon, ``aeronorm/data/terms/*.yaml`` in name order, read once.

    It is the matcher's vocabulary, whatever the glossary: a :class:`~aeronorm.Normalizer` over a
    user's glossary reads it without reading the shipped entities.

    Examples
    --------
    >>> any(t.zh == "航天" and "aerospace" in t.renderings for t in shipped_terms())
    True
    """
    folder = importlib.resources.files("aeronorm") / "data" / "terms"
    terms: tuple[Term, ...] = ()
    for name in data_files("terms", ".yaml"):
        _, more = read_file(folder / name)
        terms = _merge_terms(terms, more)
    return terms


@functools.cache
def deliberate_clashes() -> dict[tuple[str, frozenset[str]], str]:
    """Clashes the shipped glossary makes on purpose (``glossaries/lint/ambiguous.yaml``):
    ``(folded key, claimant ids) -> reason``. Lint reports them as ``info``, with the reason."""
    try:
        path = shipped_glossary_dir() / "lint" / "ambiguous.yaml"
    except FileNotFoundError:  # a broken installation; Glossary.default() says so itself
        return {}
    if not path.is_file():
        return {}
    data = load_yaml(path.read_text(encoding="utf-8"), str(path))
    try:
        items = (data or {}).get("ambiguous") or ()  # type: ignore[union-attr]
        return {(fold_key(i["key"]), frozenset(i["ids"])): str(i["reason"]) for i in items}
    except (AttributeError, KeyError, TypeError) as exc:
        raise GlossaryError(f"malformed list of deliberate clashes ({type(exc).__name__}: {exc}); "
                            "each item needs key, ids and reason", source=str(path)) from None


@functools.cache
def _default_glossary() -> Glossary:
    packaged = importlib.resources.files("aeronorm") / "glossaries"
    if packaged.is_dir() and not isinstance(packaged, Path):
        # Inside a zip (Spark --py-files, zipapp): read through importlib.resources.
        files = sorted((f for f in packaged.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
        result = Glossary()
        for file in files:
            result = result + Glossary(*read_file(file))
    else:
        result = Glossary.load(*sorted(shipped_glossary_dir().glob("*.yaml")))
    return result + Glossary((), shipped_terms())


def _merge_terms(first: Iterable[Term], later: Iterable[Term]) -> tuple[Term, ...]:
    merged: dict[str, Term] = {t.zh: t for t in first}
    for t in later:
        old = merged.get(t.zh)
        if old is None:
            merged[t.zh] = t
        else:
            seen = {r.casefold() for r in t.renderings}
            renderings = (*t.renderings, *(r for r in old.renderings if r.casefold() not in seen))
            merged[t.zh] = Term(t.zh, renderings, t.notes or old.notes, origin=t.origin)
    return tuple(merged.values())


class Glossary:
    """Entities (canonical names with their aliases) and terms (Chinese morpheme -> English words).

    A glossary is immutable: combine glossaries with ``+`` instead of changing one. It pickles
    cheaply (only entities and terms travel), e.g. for a Spark broadcast.

    Parameters
    ----------
    entities : iterable of Entity
        Entities, ids unique.
    terms : iterable of Term
        Term lexicon entries, ``zh`` unique.

    Raises
    ------
    GlossaryError
        Two entities share an id, two terms share ``zh``, an entity has an unknown type, or a
        name, alias or word is longer than :mod:`aeronorm.glossary.limits` allows.

    Examples
    --------
    >>> g = Glossary([Entity("casic", "China Aerospace Science and Industry Corporation",
    ...                      abbreviations=("CASIC",))])
    >>> len(g), "casic" in g, g["casic"].abbreviations
    (1, True, ('CASIC',))
    >>> g2 = g + Glossary.from_records([{"id": "casc", "name": "CASC Corp", "type": "org"}])
    >>> [e.id for e in g2]
    ['casic', 'casc']
    """

    __slots__ = ("__weakref__", "_by_id", "_claims", "_entities", "_hash", "_terms")

    def __init__(self, entities: Iterable[Entity] = (), terms: Iterable[Term] = ()):
        entities = tuple(entities)
        terms = tuple(terms)
        by_id: dict[str, Entity] = {}
        for e in entities:
            if not isinstance(e, Entity):
                raise TypeError(f"Glossary entities must be Entity objects, got {type(e).__name__}")
            if e.id in by_id:
                raise GlossaryError(f"duplicate id {e.id!r} (also at {by_id[e.id].origin or '?'})",
                                    source=e.origin, entry=e.id)
            try:
                check_entity_type(e.type)
            except ValueError as exc:
                raise GlossaryError(str(exc), source=e.origin, entry=e.id) from None
            problem = entity_problem(e)  # entities built in code meet the readers' bounds too
            if problem is not None:
                raise GlossaryError(f"field {problem[0]!r}: {problem[1]}", source=e.origin, entry=e.id)
            by_id[e.id] = e
        seen_zh: set[str] = set()
        for t in terms:
            if not isinstance(t, Term):
                raise TypeError(f"Glossary terms must be Term objects, got {type(t).__name__}")
            if t.zh in seen_zh:
                raise GlossaryError(f"duplicate term {t.zh!r}", source=t.origin, entry=t.zh)
            problem = term_problem(t.zh, t.renderings)
            if problem is not None:
                raise GlossaryError(f"field {problem[0]!r}: {problem[1]}", source=t.origin, entry=t.zh[:40])
            seen_zh.add(t.zh)
        self._entities = entities
        self._terms = terms
        self._by_id = by_id
        self._claims: dict[str, tuple[str, ...]] | None = None
        self._hash: int | None = None

    # ------------------------------------------------------------------ construction
    @classmethod
    def default(cls) -> Glossary:
        """The shipped glossaries (every ``*.yaml`` of :func:`shipped_glossary_dir`), read once.

        Examples
        --------
        >>> g = Glossary.default()
        >>> g["nwpu"].zh
        '西北工业大学'
        >>> Glossary.default() is g
        True
        """
        return _default_glossary()

    @classmethod
    def load(cls, *paths: str | Path) -> Glossary:
        """Read glossary files and directories, combined left to right.

        Parameters
        ----------
        *paths : str or Path
            YAML (``.yaml``/``.yml``), JSON (``.json``), CSV (``.csv``) or TSV (``.tsv``/``.tab``)
            files, or directories (their such files, sorted by name). See
            :mod:`aeronorm.glossary.readers` for the formats.

        Returns
        -------
        Glossary
            Later files override earlier ones by id, as with ``+``.

        Raises
        ------
        GlossaryError
            A file is not UTF-8, malformed, or holds an invalid entry; the message names the
            file, the line and the entry. Ids must be unique within one file.
        FileNotFoundError
            A path does not exist.

        Examples
        --------
        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp())
        >>> _ = (d / "a.yaml").write_text("type: org\\nentities:\\n  - {id: x, name: X Corp}\\n", "utf-8")
        >>> _ = (d / "b.csv").write_text("id,name,aliases\\nx,X Corporation,X Corp.|XC\\n", "utf-8")
        >>> Glossary.load(d)["x"].aliases
        ('X Corp.', 'XC')
        """
        if not paths:
            raise TypeError("Glossary.load() needs at least one path")
        result = cls()
        for path in paths:
            if not isinstance(path, (str, os.PathLike)):
                raise TypeError(f"Glossary.load() takes paths (str or Path), not {path.__class__.__name__}: "
                                f"{path!r}; records in memory go to Glossary.from_records()")
            files = iter_glossary_files(path)
            if not files:
                raise GlossaryError("directory holds no glossary files (.yaml, .yml, .json, .csv, .tsv)",
                                    source=str(path))
            for file in files:
                entities, terms = read_file(file)
                result = result + cls(entities, terms)
        return result

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        terms: Iterable[Mapping[str, Any] | Term] = (),
        source: str = "<records>",
    ) -> Glossary:
        """Build a glossary from plain dicts, validated like files.

        Parameters
        ----------
        records : iterable of mapping
            Entities: ``id`` and ``name`` (required), ``type`` (default ``"org"``; ``""`` and
            ``None`` mean the default too), ``zh``, ``aliases``, ``abbreviations``, ``zh_aliases``,
            ``context_aliases``, ``parent``, ``source``, ``notes``, ``description``, ``templates``,
            ``bodies``, ``location``. A list field may be given as
            one string (a one-value list) or ``None`` (empty); a float NaN counts as missing.
        terms : iterable of mapping or Term, optional
            Term lexicon entries: ``zh``, ``en`` (list or one string), ``notes``.
        source : str
            Name used in error messages, followed by the record index: ``<records>[3]``.

        Raises
        ------
        GlossaryError
            A record is invalid, or two records share an id.

        Examples
        --------
        >>> g = Glossary.from_records([{"id": "nwpu", "name": "Northwestern Polytechnical University",
        ...                             "zh": "西北工业大学", "abbreviations": "NWPU"}])
        >>> g["nwpu"].abbreviations
        ('NWPU',)
        >>> Glossary.from_records([{"id": "x"}])
        Traceback (most recent call last):
        ...
        aeronorm.errors.GlossaryError: <records>[0], entry 'x': missing or empty 'name'
        """
        return cls(entities_from_records(records, source=source),
                   terms_from_records(terms, source=f"{source}.terms"))

    # ------------------------------------------------------------------ container protocol
    @property
    def entities(self) -> tuple[Entity, ...]:
        """All entities, in file order."""
        return self._entities

    @property
    def terms(self) -> tuple[Term, ...]:
        """The term lexicon."""
        return self._terms

    def __len__(self) -> int:
        return len(self._entities)

    def __bool__(self) -> bool:
        return bool(self._entities or self._terms)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Entity):
            return self._by_id.get(item.id) == item
        return isinstance(item, str) and item in self._by_id

    def __getitem__(self, entity_id: str) -> Entity:
        try:
            return self._by_id[entity_id]
        except KeyError:
            close = difflib.get_close_matches(str(entity_id), list(self._by_id), n=3)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise KeyError(f"no entity with id {entity_id!r}{hint}") from None

    def get(self, entity_id: str, default: Any = None) -> Entity | Any:
        """The entity with this id, or ``default``.

        Examples
        --------
        >>> Glossary.default().get("no-such-id") is None
        True
        """
        return self._by_id.get(entity_id, default)

    def by_type(self, type: str) -> tuple[Entity, ...]:
        """The entities of one type (one of :data:`ENTITY_TYPES`), in order.

        Examples
        --------
        >>> len(Glossary.default().by_type("award"))
        8
        """
        check_entity_type(type)
        return tuple(e for e in self._entities if e.type == type)

    # ------------------------------------------------------------------ combining, comparing
    def __add__(self, other: object) -> Glossary:
        """Combine: ``other`` overrides ``self``.

        An entity of ``other`` whose id is already in ``self`` *replaces* it, at the position of
        the replaced entity; new ids are appended. Terms with the same ``zh`` are merged: the
        renderings of ``other`` first, then those of ``self`` not already listed (ignoring case); ``other``'s
        notes win unless empty.
        """
        if not isinstance(other, Glossary):
            return NotImplemented
        if not other:
            return self
        if not self:
            return other
        merged = dict(self._by_id)
        merged.update(other._by_id)  # replaced keys keep their first position
        return Glossary(merged.values(), _merge_terms(self._terms, other._terms))

    def __radd__(self, other: object) -> Glossary:
        if other == 0:  # sum(glossaries)
            return self
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Glossary):
            return NotImplemented
        return self._entities == other._entities and self._terms == other._terms

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((self._entities, self._terms))
        return self._hash

    def __reduce__(self) -> tuple[Any, ...]:
        return (Glossary, (self._entities, self._terms))

    def __repr__(self) -> str:
        counts = {t: 0 for t in ENTITY_TYPES}
        for e in self._entities:
            counts[e.type] += 1
        by_type = ", ".join(f"{t}={n}" for t, n in counts.items() if n)
        return f"<Glossary: {len(self._entities)} entities ({by_type}), {len(self._terms)} terms>"

    # ------------------------------------------------------------------ export, reports
    def to_records(self) -> list[dict[str, Any]]:
        """The entities as plain dicts (lists for list fields); ``from_records`` reads them back.

        Terms are not included: pass ``terms=g.terms`` to :meth:`from_records`.

        Examples
        --------
        >>> g = Glossary.from_records([{"id": "x", "name": "X", "aliases": "X Co."}])
        >>> g.to_records()[0]["aliases"]
        ['X Co.']
        >>> Glossary.from_records(g.to_records()) == g
        True
        """
        return [
            {
                "id": e.id, "name": e.name, "type": e.type, "zh": e.zh,
                # (a former name is among the aliases too: written once, as a former name)
                "aliases": [a for a in e.aliases if a not in e.former_names],
                "abbreviations": list(e.abbreviations),
                "zh_aliases": [a for a in e.zh_aliases if a not in e.former_names],
                "context_aliases": list(e.context_aliases), "former_names": list(e.former_names),
                "parent": e.parent, "source": e.source, "notes": e.notes,
                "description": e.description, "templates": list(e.templates), "bodies": list(e.bodies),
                "location": list(e.location),
            }
            for e in self._entities
        ]

    def stats(self) -> dict[str, Any]:
        """Counts: entities (total and per type), aliases, abbreviations, Chinese names, terms.

        Examples
        --------
        >>> s = Glossary.default().stats()
        >>> s["entities"], s["types"]["org"], s["terms"] >= 265
        (449, 151, True)
        """
        types = {t: 0 for t in ENTITY_TYPES}
        for e in self._entities:
            types[e.type] += 1
        return {
            "entities": len(self._entities),
            "types": types,
            "aliases": sum(len(e.aliases) for e in self._entities),
            "abbreviations": sum(len(e.abbreviations) for e in self._entities),
            "chinese_names": sum(len(e.chinese_names()) for e in self._entities),
            "context_aliases": sum(len(e.context_aliases) for e in self._entities),
            "terms": len(self._terms),
            "term_renderings": sum(len(t.renderings) for t in self._terms),
        }

    def claims(self) -> dict[str, tuple[str, ...]]:
        """Every match key and the ids of the entities that claim it.

        Keys are :func:`~aeronorm.text.fold_key` of each name, alias, abbreviation, Chinese name
        and Chinese alias (context aliases are not matched and not included). Ids are in
        glossary order.

        Examples
        --------
        >>> Glossary.default().claims()["casic"]
        ('casic',)
        """
        if self._claims is None:
            claims: dict[str, dict[str, None]] = {}
            for e in self._entities:
                for _, text in e.forms():
                    key = fold_key(text)
                    if key:
                        claims.setdefault(key, {})[e.id] = None
            self._claims = {k: tuple(ids) for k, ids in claims.items()}
        return dict(self._claims)

    def ambiguous_keys(self) -> dict[str, tuple[str, ...]]:
        """The keys of :meth:`claims` claimed by more than one entity.

        A matcher should abstain (or ask for context) on these rather than pick one.

        Examples
        --------
        >>> Glossary.default().ambiguous_keys()["cast"]
        ('cast', 'cast-association')
        """
        return {k: ids for k, ids in self.claims().items() if len(ids) > 1}

    def lint(self) -> list[LintIssue]:
        """Report suspicious content; see :func:`aeronorm.glossary.lint.lint_glossary`.

        Examples
        --------
        >>> g = Glossary.from_records([{"id": "a", "name": "A", "parent": "nope", "zh": "甲"}])
        >>> [i.code for i in g.lint()]
        ['unknown-parent']
        """
        return lint_glossary(self, deliberate=deliberate_clashes())


def lint_files(*paths: str | Path, base: Glossary | None = None) -> list[LintIssue]:
    """Read glossary files and report everything: unreadable entries and the lint of the rest.

    Unlike :meth:`Glossary.load`, nothing is raised: a malformed file or entry becomes an issue
    with code ``malformed``, and the valid entries are still linted.

    Parameters
    ----------
    *paths : str or Path
        Files or directories, as for :meth:`Glossary.load`.
    base : Glossary, optional
        A glossary the files extend (e.g. ``Glossary.default()``): parents and clashes are
        resolved against it, and only issues involving an entity of the files are reported.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "orgs.yaml"
    >>> _ = p.write_text("entities:\\n  - {id: a, name: A, zh: 甲}\\n  - {id: b, alias: B}\\n", "utf-8")
    >>> [(i.code, i.origin.endswith("orgs.yaml:3")) for i in lint_files(p)]
    [('malformed', True)]
    """
    issues: list[LintIssue] = []
    loaded = base if base is not None else Glossary()
    based = {e.id: e for e in base.entities} if base is not None else {}
    file_ids: dict[str, str] = {}
    for path in paths:
        try:
            files = iter_glossary_files(path)
        except OSError as exc:
            issues.append(make_issue("malformed", f"cannot read: {exc}", str(path)))
            continue
        for file in files:
            errors: list[GlossaryError] = []
            try:
                entities, terms = read_file(file, errors=errors)
            except GlossaryError as exc:
                errors.append(exc)
                entities, terms = [], []
            except OSError as exc:
                issues.append(make_issue("malformed", f"cannot read: {exc}", str(file)))
                continue
            issues.extend(malformed_issue(exc) for exc in errors)
            if not (entities or terms or errors):
                issues.append(make_issue("empty", "no entities and no terms (an empty file, or 'entities:' "
                                         "with nothing under it)", str(file)))
            for e in entities:
                if e.id in file_ids:
                    issues.append(make_issue("duplicate-id", f"{e.id!r} is also defined at {file_ids[e.id]}; "
                                         "this later definition replaces it", e.origin, (e.id,)))
                elif e.id in based and (gone := _lost(based[e.id], e)):
                    issues.append(make_issue(
                        "duplicate-id", f"{e.id!r} is also an entity of the glossary this file extends "
                        f"({based[e.id].name!r}, {based[e.id].origin or 'shipped'}); this definition "
                        f"replaces it, and {gone} gone: repeat {'it' if gone.endswith(' is') else 'them'}, "
                        "or give the entity another id",
                        e.origin, (e.id,)))
                file_ids[e.id] = e.origin
            loaded = loaded + Glossary(entities, terms)
    found = lint_glossary(loaded, deliberate=deliberate_clashes())
    if base is not None:
        found = [i for i in found if any(x in file_ids for x in i.entity_ids)]
    return sort_issues(issues + found)


def _forms_lost(old: Entity, new: Entity) -> list[str]:
    """The written forms of ``old`` that ``new``, replacing it, no longer has."""
    kept = {fold_key(text) for _, text in new.forms()}
    return [text for _, text in old.forms() if fold_key(text) not in kept]


def _lost(old: Entity, new: Entity) -> str:
    """What ``new``, replacing ``old``, no longer has that the matcher reads: its written forms
    and the places of its ``location`` (an address there is read as where it is), said for a
    person ("2 of its names ('A', 'B') and its location 'Beijing' are", "its location 'Xi'an'
    is"), or ``""``."""
    names = _forms_lost(old, new)
    kept = {fold_key(p) for p in new.location}
    places = [p for p in old.location if fold_key(p) not in kept]
    parts = []
    if names:
        shown = ", ".join(map(repr, names[:3])) + (" ..." if len(names) > 3 else "")
        parts.append(f"{len(names)} of its names ({shown})")
    if places:
        parts.append(f"its location {', '.join(map(repr, places))}")
    if not parts:
        return ""
    return " and ".join(parts) + (" is" if not names else " are")
