"""Glossary checks: clashing aliases, broken parent links, malformed files.

Codes and default severities (see :data:`LINT_CODES`):

``malformed`` (error)
    A file or entry could not be read (:func:`~aeronorm.glossary.lint_files` only).
``unknown-parent`` (error)
    ``parent`` names no entity of the glossary.
``parent-cycle`` (error)
    Following ``parent`` links comes back to where it started.
``duplicate-id`` (warning)
    An id is defined in several files given to :func:`~aeronorm.glossary.lint_files`; the last one wins.
``alias-is-other-name`` (warning)
    An alias, abbreviation or Chinese alias of one entity is another entity's name (or full
    Chinese name), under :func:`~aeronorm.text.fold.fold_key`.
``shared-alias`` (warning)
    Another key (name, alias, abbreviation, Chinese name) claimed by more than one entity.
    Matchers abstain on such keys (:meth:`Glossary.ambiguous_keys`), so it is deliberate at
    times (``CAST``) but usually a mistake. A key gives one issue: ``alias-is-other-name`` when
    it applies, else ``shared-alias``.
``bracketed-note`` (warning)
    A name or alias holds a bracketed aside that is a note ("Director (board member)",
    "... Agreement (2021)"): a name is what a text writes, and ``normalize_text`` writes it.
    The note belongs in ``description``. An aside the Chinese name has too (银河航天(北京) for
    "GalaxySpace (Beijing)") or a place is part of the name, not a note.
``formula-like`` (warning)
    A name, alias, abbreviation or Chinese name starts like a spreadsheet formula (``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return: ``=HYPERLINK(...)``). Written into a CSV, a
    spreadsheet would run it: a sign of an untrusted or damaged glossary.
``numbered-alias`` (warning)
    An alias is the entity's name with a model number or ordinal ("Chang'e-5" of "Chang'e",
    嫦娥五号 of 嫦娥): a family is not its numbered model, and the model answered as the family
    is a wrong answer. The model belongs in an entity of its own, with the family as parent.
``unknown-location`` (warning)
    A ``location`` in which the matcher reads no place of ``aeronorm/data/places.yaml``: an
    address there would not be read as where the body is. A place with its level (北京市,
    ``Beijing Municipality``, ``Haidian District``) or several places (``Beijing, Shanghai``)
    are read, as the matcher reads them (:func:`reads_as_place`).
``list-like-alias`` (warning)
    One alias, abbreviation or Chinese alias reads as several names: pieces separated by ``;``,
    ``|`` or ``、`` (a Chinese piece may be one character: ``甲、乙``), or by commas (``,`` or
    the full-width ``，``) when the pieces are clearly alternatives (abbreviations alike, Chinese
    names, names with the same last word, or one of them another name of the entity). A comma inside
    one name ("X Co., Ltd.", "Institute of Mechanics, CAS") is not reported. Each list item is
    one alias: a YAML list, or ``|`` between them in a CSV cell.
``empty`` (warning)
    A file holds no entity and no term (an empty file, or ``entities:`` with nothing under it;
    :func:`~aeronorm.glossary.lint_files` only).
``missing-zh`` (info)
    The entity has no Chinese name.

A clash the shipped data makes on purpose (``一院`` is the First Academy of both CASC and
CASIC) is listed with its reason in ``glossaries/lint/ambiguous.yaml``
(:func:`~aeronorm.glossary.glossary.deliberate_clashes`); while exactly the entities listed there
claim the key, it is reported as ``info`` with that reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Protocol

from ..errors import GlossaryError
from ..resources import load_places
from ..text.fold import fold_key, has_han, has_latin
from ..text.pinyin import to_pinyin
from ..text.zh import to_simplified
from .entity import Entity

__all__ = [
    "LINT_CODES", "SEVERITIES", "LintIssue", "bracketed_note", "lint_glossary", "list_like", "make_issue",
    "malformed_issue", "numbered_alias", "reads_as_place", "sort_issues",
]


class _HasEntities(Protocol):
    @property
    def entities(self) -> Sequence[Entity]: ...

#: Severities, most severe first.
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
#: Every lint code and its severity.
LINT_CODES: dict[str, str] = {
    "malformed": "error",
    "unknown-parent": "error",
    "parent-cycle": "error",
    "duplicate-id": "warning",
    "alias-is-other-name": "warning",
    "shared-alias": "warning",
    "bracketed-note": "warning",
    "formula-like": "warning",
    "numbered-alias": "warning",
    "unknown-location": "warning",
    "list-like-alias": "warning",
    "empty": "warning",
    "missing-zh": "info",
}


@dataclass(frozen=True, slots=True)
class LintIssue:
    """One finding of the linter.

    Attributes
    ----------
    code : str
        One of :data:`LINT_CODES`.
    message : str
        What is wrong, for a person.
    origin : str
        ``file:line`` (or ``<records>[i]``) of the entry concerned.
    entity_ids : tuple of str
        The entities involved.
    severity : str
        ``"error"``, ``"warning"`` or ``"info"``.
    """

    code: str
    message: str
    origin: str = ""
    entity_ids: tuple[str, ...] = ()
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.origin or '<glossary>'}: {self.severity}: {self.message} [{self.code}]"


def make_issue(code: str, message: str, origin: str, entity_ids: Iterable[str] = ()) -> LintIssue:
    return LintIssue(code, message, origin, tuple(entity_ids), LINT_CODES[code])


#: ``(folded key, claimant ids) -> reason`` of clashes a glossary makes on purpose.
Deliberate = Mapping[tuple[str, frozenset[str]], str]


def lint_glossary(glossary: _HasEntities, *, deliberate: Deliberate | None = None) -> list[LintIssue]:
    """Check a loaded glossary; issues come grouped by check, errors first.

    A clash listed in ``deliberate`` with exactly its claimants is reported as ``info`` with its
    reason (:meth:`Glossary.lint <aeronorm.Glossary.lint>` passes the shipped list).

    Examples
    --------
    >>> from aeronorm.glossary import Glossary
    >>> g = Glossary.from_records([
    ...     {"id": "cast", "name": "China Academy of Space Technology", "abbreviations": "CAST", "zh": "甲"},
    ...     {"id": "cast-assoc", "name": "China Association for Science and Technology",
    ...      "abbreviations": "CAST", "zh": "乙"},
    ... ])
    >>> [(i.code, i.severity, i.entity_ids) for i in g.lint()]
    [('shared-alias', 'warning', ('cast', 'cast-assoc'))]
    """
    entities = glossary.entities
    by_id = {e.id: e for e in entities}
    issues: list[LintIssue] = []

    for e in entities:
        if e.parent is not None and e.parent not in by_id:
            issues.append(make_issue("unknown-parent", f"{e.id!r} has parent {e.parent!r}, which is not in "
                                     "the "
                                 "glossary", e.origin, (e.id,)))

    reported: set[frozenset[str]] = set()
    for e in entities:
        path, node = [], e
        while node is not None and node.id not in path:
            path.append(node.id)
            node = by_id.get(node.parent) if node.parent is not None else None
        if node is not None:  # came back to node.id
            cycle = path[path.index(node.id):]
            if frozenset(cycle) not in reported:
                reported.add(frozenset(cycle))
                chain = " -> ".join([*cycle, cycle[0]])
                issues.append(make_issue("parent-cycle", f"parent links form a cycle: {chain}",
                                     by_id[cycle[0]].origin, cycle))

    # key -> [(entity, kind, text)], kinds: name, zh (full names) and alias kinds.
    claims: dict[str, list[tuple[str, str, str]]] = {}
    for e in entities:
        for kind, text in e.forms():
            key = fold_key(text)
            if key:
                bucket = claims.setdefault(key, [])
                if not any(c[0] == e.id for c in bucket):
                    bucket.append((e.id, kind, text))
    for key, bucket in claims.items():
        if len(bucket) < 2:
            continue
        reason = (deliberate or {}).get((key, frozenset(c[0] for c in bucket)))
        ids = [c[0] for c in bucket]
        listing = ", ".join(f"{i} ({kind} {text!r})" for i, kind, text in bucket)
        names = [c for c in bucket if c[1] in ("name", "zh")]
        others = [c for c in bucket if c[1] not in ("name", "zh")]
        last = by_id[ids[-1]].origin
        if names and others:
            owner, _, text = names[0]
            rest = ", ".join(f"{i} ({kind} {t!r})" for i, kind, t in bucket if i != owner)
            message = f"{text!r} is the name of {owner!r} but also an alias of another entity: {rest}"
            issue = make_issue("alias-is-other-name", message, by_id[others[0][0]].origin, ids)
        else:
            message = f"key {key!r} is claimed by {len(ids)} entities: {listing}"
            issue = make_issue("shared-alias", message, last, ids)
        if reason:  # a documented, deliberate ambiguity: kept visible, not a warning
            issue = replace(issue, severity="info", message=f"{issue.message}; deliberate: {reason}")
        issues.append(issue)

    for e in entities:
        for label, text in e.forms():
            note = bracketed_note(text, zh=e.zh) if label in ("name", "alias") else None
            if note is not None:
                issues.append(make_issue(
                    "bracketed-note", f"{e.id!r}: the {label} {text!r} holds the note {note!r}; a name is "
                    "what a text writes: move the note to 'description'", e.origin, (e.id,)))

    for e in entities:
        for label, text in e.forms():
            if text.startswith(_FORMULA_START):
                issues.append(make_issue(
                    "formula-like", f"{e.id!r}: the {label} {text[:60]!r} starts like a spreadsheet formula "
                    f"({text[0]!r}); a spreadsheet opening a CSV it is written into would run it",
                    e.origin, (e.id,)))

    for e in entities:
        numbered = numbered_alias(e)
        if numbered is not None:
            issues.append(make_issue(
                "numbered-alias", f"{e.id!r}: the alias {numbered!r} is its name with a model number; a "
                "family is not its numbered model: give the model an entity of its own, with "
                f"parent {e.id!r}", e.origin, (e.id,)))

    for e in entities:
        for place in e.location:
            if not reads_as_place(place):
                issues.append(make_issue(
                    "unknown-location", f"{e.id!r}: the location {place!r} names no place aeronorm knows "
                    "(aeronorm/data/places.yaml): an address there will not be read as where it is",
                    e.origin, (e.id,)))

    for e in entities:
        for label, text in e.forms():
            pieces = list_like(text, e) if label in ("alias", "abbreviation", "zh_alias") else None
            if pieces is not None:
                issues.append(make_issue(
                    "list-like-alias", f"{e.id!r}: the {label} {text[:80]!r} reads as {len(pieces)} names "
                    f"({', '.join(repr(p) for p in pieces[:4])}) but is one {label}; give each as an item of "
                    "its own (a YAML list, or '|' between them in a CSV cell)", e.origin, (e.id,)))

    for e in entities:
        if not e.zh:
            issues.append(make_issue("missing-zh", f"{e.id!r} has no Chinese name", e.origin, (e.id,)))

    return sort_issues(issues)


# A model number or ordinal after a name: "-5", " 1A", " II", 五号, 一号甲.
_EN_NUMBERED = re.compile(r"(.+?) (?:\d+[a-z]?|[ivx]{1,4})")
_ZH_NUMBERED = re.compile(r"(.+?)[零一二三四五六七八九十百]+号[甲乙丙丁]?")


def numbered_alias(entity: Entity) -> str | None:
    """The first alias of ``entity`` that is one of its names with a model number or ordinal
    ("Chang'e-5" for "Chang'e", 嫦娥五号 for 嫦娥), or ``None``.

    Examples
    --------
    >>> numbered_alias(Entity(id="x", name="Chang'e", zh="嫦娥", aliases=("Chang'e-5",)))
    "Chang'e-5"
    >>> print(numbered_alias(Entity(id="y", name="Long March 2F", aliases=("Long March-2F",))))
    None
    """
    names = {fold_key(t) for label, t in entity.forms() if label in ("name", "alias")}
    zh_names = {t for label, t in entity.forms() if label in ("zh", "zh_alias")}
    for label, text in entity.forms():
        if label == "alias":
            m = _EN_NUMBERED.fullmatch(fold_key(text))
            if m and m.group(1) in names:
                return text
        elif label == "zh_alias":
            m = _ZH_NUMBERED.fullmatch(text)
            if m and m.group(1) in zh_names:
                return text
    return None


_LIST_SEPARATORS = re.compile(r"\s*[;；|、]\s*")
_COMMAS = re.compile(r"\s*[,，]\s*")
# Pieces that end a name rather than start another: "X Co., Ltd.", "X Group, Inc".
_LEGAL_TAILS = frozenset({"ltd", "limited", "co", "inc", "incorporated", "llc", "llp", "plc", "corp", "gmbh",
                          "ag", "sa", "jsc", "pte ltd", "co ltd"})
_UNIT_OF = re.compile(r"(?:the\s+)?\w+\s+of\b", re.IGNORECASE)  # "Institute of ...": a unit, then its parent


def _name_like(piece: str) -> bool:
    if _han_only(piece):
        return True  # one character is a Chinese name too: 甲、乙
    if len(piece) < 2 or not (piece[0].isupper() or piece[0].isdigit() or has_han(piece[0])):
        return False
    return fold_key(piece).strip(". ") not in _LEGAL_TAILS


def _han_only(piece: str) -> bool:
    return has_han(piece) and not has_latin(piece)


def _stem(word: str) -> str:
    word = word.lower()
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _acronym_like(piece: str) -> bool:
    return " " not in piece and sum(c.isupper() or c.isdigit() for c in piece) >= 2 and not piece.islower()


def list_like(text: str, entity: Entity | None = None) -> list[str] | None:
    """The names a single alias seems to list, or ``None`` when it reads as one name.

    Examples
    --------
    >>> list_like("Moon Bakeries, Lunar Bakery")
    ['Moon Bakeries', 'Lunar Bakery']
    >>> list_like("Star Bakeries;Stellar Bakery")
    ['Star Bakeries', 'Stellar Bakery']
    >>> list_like("甲、乙"), list_like("长城公司，长城工业")
    (['甲', '乙'], ['长城公司', '长城工业'])
    >>> print(list_like("Moon Bakery Co., Ltd."), list_like("Institute of Mechanics, CAS"),
    ...       list_like("Institute of Mechanics, Chinese Academy of Sciences"))
    None None None
    """
    pieces = [p for p in _LIST_SEPARATORS.split(text) if p]
    if len(pieces) > 1:
        return pieces if all(map(_name_like, pieces)) else None
    pieces = [p for p in _COMMAS.split(text) if p]
    if len(pieces) < 2 or not all(map(_name_like, pieces)):
        return None
    if all(map(_acronym_like, pieces)) or all(map(_han_only, pieces)):
        return pieces  # acronyms, or Chinese names: a Chinese name holds no comma (长城公司，长城工业)
    if any(_UNIT_OF.match(p) for p in pieces[:-1]):
        return None  # "School of Astronautics, Beihang University": a unit of its parent
    words = [p.split() for p in pieces]
    if all(len(w) > 1 for w in words) and len({_stem(w[-1]) for w in words}) == 1:
        return pieces  # alternatives with one head noun: "Moon Bakeries, Lunar Bakery"
    if entity is not None:
        own = {fold_key(t) for label, t in entity.forms() if t != text}
        if any(fold_key(p) in own for p in pieces):
            return pieces  # one piece is another name of the entity
    return None


# What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ASIDE = re.compile(r"[(\[（]([^()\[\]（）]*)[)\]）]")


@cache
def _place_keys() -> frozenset[str]:
    return frozenset(fold_key(en) for _, ens in load_places() for en in ens)


@cache
def _place_readings() -> tuple[frozenset[str], frozenset[str], int, int]:
    """The Chinese places, their English forms and pinyin (folded), and the longest of each
    (characters, words)."""
    zh = frozenset(z for z, _ in load_places())
    en = _place_keys() | frozenset("".join(to_pinyin(z)) for z in zh)
    return zh, en, max(map(len, zh)), max(len(k.split()) for k in en)


def reads_as_place(text: str) -> bool:
    """Whether the matcher reads a place of ``places.yaml`` in ``text`` (a glossary ``location``):
    a Chinese place anywhere in its Han characters (北京市, 海淀区), or an English form or the
    pinyin of one among its words (``Beijing Municipality``, ``Haidian District``, ``xian``,
    ``Beijing, Shanghai``). The term lexicon reads a location so
    (``TermLexicon.read``/``read_zh``; ``tests/glossary/test_lint.py`` checks that they agree).

    Examples
    --------
    >>> [reads_as_place(t) for t in ("北京市", "Beijing Municipality", "Xi'an, Mianyang", "Atlantis")]
    [True, True, True, False]
    """
    zh, en, zh_longest, en_longest = _place_readings()
    han = to_simplified(text) if has_han(text) else ""
    for i in range(len(han)):
        if any(han[i:j] in zh for j in range(i + 2, min(len(han), i + zh_longest) + 1)):
            return True
    words = [w for w in fold_key(text).split() if not has_han(w)]
    return any(" ".join(words[i:j]) in en
               for i in range(len(words)) for j in range(i + 1, min(len(words), i + en_longest) + 1))


def bracketed_note(name: str, *, zh: str = "") -> str | None:
    """The first bracketed aside of an English name that is a note rather than part of the name.

    An aside is part of the name when it is a place ("GalaxySpace (Beijing) Technology") or when
    the Chinese name has a bracketed aside too (中国(国际)商业航天高峰论坛).

    Examples
    --------
    >>> bracketed_note("Director (board member)")
    'board member'
    >>> bracketed_note("Future Travel (Hainan) Aerospace Culture Media Co., Ltd.") is None
    True
    >>> bracketed_note("China (International) Forum", zh="中国(国际)论坛") is None
    True
    """
    if zh and any(c in zh for c in "(（"):
        return None
    for m in _ASIDE.finditer(name):
        inner = m.group(1).strip()
        if fold_key(inner) not in _place_keys():
            return inner
    return None


def sort_issues(issues: Iterable[LintIssue]) -> list[LintIssue]:
    """Issues most severe first (stable: the order of checks is kept within a severity)."""
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(issues, key=lambda i: rank[i.severity])


def malformed_issue(exc: GlossaryError) -> LintIssue:
    origin = exc.source + (f":{exc.line}" if exc.line else "")
    prefix = ", ".join(p for p in (origin, f"entry {exc.entry!r}" if exc.entry else "") if p) + ": "
    message = str(exc)
    message = message[len(prefix):] if message.startswith(prefix) else message
    if exc.entry:
        message = f"entry {exc.entry!r}: {message}"
    return make_issue("malformed", message, origin, (exc.entry,) if exc.entry else ())
