"""Glossary checks: clashing aliases, broken parent links, malformed files.

Codes and default severities (see :data:`LINT_CODES`):

``malformed`` (error)
    A file or entry could not be read (:func:`lint_files` only).
``unknown-parent`` (error)
    ``parent`` names no entity of the glossary.
``parent-cycle`` (error)
    Following ``parent`` links comes back to where it started.
``duplicate-id`` (warning)
    An id is defined in several of the files given to :func:`lint_files`; the last one wins.
``alias-is-other-name`` (warning)
    An alias, abbreviation or Chinese alias of one entity is another entity's name (or full
    Chinese name), under :func:`~aeronorm.text.fold_key`.
``shared-alias`` (warning)
    Another key (name, alias, abbreviation, Chinese name) claimed by more than one entity.
    Matchers abstain on such keys (:meth:`Glossary.ambiguous_keys`), so it is deliberate at
    times (``CAST``) but usually a mistake. A key gives one issue: ``alias-is-other-name`` when
    it applies, else ``shared-alias``.
``missing-zh`` (info)
    The entity has no Chinese name.

A clash the shipped data makes on purpose (``一院`` is the First Academy of both CASC and
CASIC) is listed with its reason in ``glossaries/lint/ambiguous.yaml``; while exactly the
entities listed there claim the key, it is reported as ``info`` with that reason.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GlossaryError
from ..text import fold_key
from .readers import iter_glossary_files, read_file

if TYPE_CHECKING:
    from .glossary import Glossary

__all__ = ["LINT_CODES", "SEVERITIES", "LintIssue", "lint_files", "lint_glossary"]

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


def _issue(code: str, message: str, origin: str, entity_ids: Iterable[str] = ()) -> LintIssue:
    return LintIssue(code, message, origin, tuple(entity_ids), LINT_CODES[code])


@functools.cache
def _deliberate_clashes() -> dict[tuple[str, frozenset[str]], str]:
    """(folded key, claimant ids) -> reason, from the shipped ``lint/ambiguous.yaml``."""
    import yaml

    from .glossary import shipped_glossary_dir

    try:
        path = shipped_glossary_dir() / "lint" / "ambiguous.yaml"
    except FileNotFoundError:  # a broken installation; Glossary.default() says so itself
        return {}
    if not path.is_file():
        return {}
    try:
        items = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("ambiguous") or ()
        return {(fold_key(i["key"]), frozenset(i["ids"])): str(i["reason"]) for i in items}
    except (OSError, yaml.YAMLError, AttributeError, KeyError, TypeError) as exc:
        raise GlossaryError(f"malformed list of deliberate clashes ({type(exc).__name__}: {exc}); "
                            "each item needs key, ids and reason", source=str(path)) from None


def lint_glossary(glossary: Glossary) -> list[LintIssue]:
    """Check a loaded glossary; issues come grouped by check, errors first.

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
            issues.append(_issue("unknown-parent", f"{e.id!r} has parent {e.parent!r}, which is not in the "
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
                issues.append(_issue("parent-cycle", f"parent links form a cycle: {chain}",
                                     by_id[cycle[0]].origin, cycle))

    # key -> [(entity, kind, text)], kinds: name, zh (full names) and alias kinds.
    claims: dict[str, list[tuple[str, str, str]]] = {}
    for e in entities:
        fields = [("name", (e.name,)), ("alias", e.aliases), ("abbreviation", e.abbreviations),
                  ("zh", (e.zh,) if e.zh else ()), ("zh_alias", e.zh_aliases)]
        for kind, values in fields:
            for text in values:
                key = fold_key(text)
                if key:
                    bucket = claims.setdefault(key, [])
                    if not any(c[0] == e.id for c in bucket):
                        bucket.append((e.id, kind, text))
    deliberate = _deliberate_clashes()
    for key, bucket in claims.items():
        if len(bucket) < 2:
            continue
        reason = deliberate.get((key, frozenset(c[0] for c in bucket)))
        ids = [c[0] for c in bucket]
        listing = ", ".join(f"{i} ({kind} {text!r})" for i, kind, text in bucket)
        names = [c for c in bucket if c[1] in ("name", "zh")]
        others = [c for c in bucket if c[1] not in ("name", "zh")]
        last = by_id[ids[-1]].origin
        if names and others:
            owner, _, text = names[0]
            message = f"{text!r} is the name of {owner!r} but also an alias of another entity: {listing}"
            issue = _issue("alias-is-other-name", message, by_id[others[0][0]].origin, ids)
        else:
            issue = _issue("shared-alias", f"key {key!r} is claimed by {len(ids)} entities: {listing}",
                           last, ids)
        if reason:  # a documented, deliberate ambiguity: kept visible, not a warning
            issue = replace(issue, severity="info", message=f"{issue.message}; deliberate: {reason}")
        issues.append(issue)

    for e in entities:
        if not e.zh:
            issues.append(_issue("missing-zh", f"{e.id!r} has no Chinese name", e.origin, (e.id,)))

    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(issues, key=lambda i: rank[i.severity])


def _malformed(exc: GlossaryError) -> LintIssue:
    origin = exc.source + (f":{exc.line}" if exc.line else "")
    prefix = ", ".join(p for p in (origin, f"entry {exc.entry!r}" if exc.entry else "") if p) + ": "
    message = str(exc)
    message = message[len(prefix):] if message.startswith(prefix) else message
    if exc.entry:
        message = f"entry {exc.entry!r}: {message}"
    return _issue("malformed", message, origin, (exc.entry,) if exc.entry else ())


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
    from .glossary import Glossary

    issues: list[LintIssue] = []
    loaded = base if base is not None else Glossary()
    file_ids: dict[str, str] = {}
    for path in paths:
        try:
            files = iter_glossary_files(path)
        except OSError as exc:
            issues.append(_issue("malformed", f"cannot read: {exc}", str(path)))
            continue
        for file in files:
            errors: list[GlossaryError] = []
            try:
                entities, terms = read_file(file, errors=errors)
            except GlossaryError as exc:
                errors.append(exc)
                entities, terms = [], []
            except OSError as exc:
                issues.append(_issue("malformed", f"cannot read: {exc}", str(file)))
                continue
            issues.extend(_malformed(exc) for exc in errors)
            for e in entities:
                if e.id in file_ids:
                    issues.append(_issue("duplicate-id", f"{e.id!r} is also defined at {file_ids[e.id]}; "
                                         "this later definition replaces it", e.origin, (e.id,)))
                file_ids[e.id] = e.origin
            loaded = loaded + Glossary(entities, terms)
    found = lint_glossary(loaded)
    if base is not None:
        found = [i for i in found if any(x in file_ids for x in i.entity_ids)]
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(issues + found, key=lambda i: rank[i.severity])
