"""Read glossary files (YAML, JSON, CSV, TSV) and plain records into entities and terms.

Every reader validates what it reads and raises :class:`~aeronorm.errors.GlossaryError` naming
the file (or ``<records>``), the line where known and the entry. Errors from ``yaml``, ``json``
and ``csv`` never leak out unwrapped.

Formats
-------
YAML and JSON
    A mapping with ``entities:`` and/or ``terms:`` (and an optional ``type:``, the default type
    of the file's entities), or a bare list of entities. YAML is loaded safely: tags that would
    construct Python objects are rejected, and so are duplicate mapping keys.
CSV and TSV
    One entity per row with columns from :data:`ENTITY_FIELDS`; multi-valued cells are
    separated by ``|``. The reference header names ``canonical_en``, ``variants_en`` and
    ``parent_id`` are accepted too. A file whose columns are ``zh`` and ``en`` (or
    ``en_renderings``), plus optional ``notes``, is a term file. CSV follows the usual quoting
    rules; TSV has no quoting (a tab never occurs inside a value).

All files must be UTF-8 (a byte order mark is allowed).

Entity fields
-------------
``id`` and ``name`` are required non-empty strings; ``type`` defaults to ``"org"`` (an empty
value too). ``aliases``, ``abbreviations``, ``zh_aliases`` and ``context_aliases`` are lists of
strings; a single string means a one-value list and ``None`` an empty one. Values are stripped,
empty strings dropped and duplicates removed (first kept). An alias equal to the name, or a
Chinese alias equal to ``zh``, is dropped. An abbreviation containing Chinese characters is a
Chinese short form and is stored in ``zh_aliases``.

A name, alias, abbreviation, Chinese name or term rendering has at most 1,000 characters, and
a word (a run without spaces) at most 100 (:mod:`aeronorm.glossary.limits`).

``description`` is a string that tells the entity apart from others written alike; it is shown,
never written into text (a name holds no bracketed note: ``glossary lint`` says so).
``templates`` are written forms with one slot (``{province}``, ``{city}`` or ``{place}``); the
first, its slot taken out, must be the name. ``bodies`` (titles) lists the kinds of body the
title is the post of, from :data:`~aeronorm.glossary.entity.BODY_KINDS`.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import json.decoder
import json.scanner
import math
import os
import reprlib
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import GlossaryError
from ..resources import LineMap, load_yaml
from ..text.fold import fold_key, has_han
from .entity import BODY_KINDS, Entity, Term, check_entity_type, fill_template, template_slot
from .limits import entity_problem, term_problem

if TYPE_CHECKING:  # importlib.resources.abc is 3.11+; the annotation is all that needs it
    from importlib.resources.abc import Traversable

__all__ = [
    "ENTITY_FIELDS",
    "LIST_FIELDS",
    "SUFFIXES",
    "TERM_FIELDS",
    "entities_from_records",
    "iter_glossary_files",
    "parse_entity",
    "parse_term",
    "read_file",
    "terms_from_records",
]

#: Fields an entity record may have.
ENTITY_FIELDS: tuple[str, ...] = (
    "id", "name", "type", "zh", "aliases", "abbreviations", "zh_aliases", "context_aliases",
    "former_names", "parent", "source", "notes", "description", "templates", "bodies", "location",
)
#: The multi-valued entity fields.
LIST_FIELDS: tuple[str, ...] = (
    "aliases", "abbreviations", "zh_aliases", "context_aliases", "former_names", "templates", "bodies",
    "location",
)
#: Fields a term record may have (``en_renderings`` and ``renderings`` are accepted for ``en``).
TERM_FIELDS: tuple[str, ...] = ("zh", "en", "notes")
_TERM_KEY_ALIASES = {"en_renderings": "en", "renderings": "en"}
# Column names of the reference TSV.
_REFERENCE_COLUMNS = {"canonical_en": "name", "variants_en": "aliases", "parent_id": "parent"}
_TOP_LEVEL_KEYS = ("type", "entities", "terms")
_STRING_FIELDS = ("id", "name", "type", "zh", "parent", "source", "notes", "description")

#: File name suffixes the readers understand, and their format.
SUFFIXES: dict[str, str] = {
    ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
}

# An error collector: readers append entry-level errors to it (and skip the entry) instead of
# raising, so that a linter can report every problem of a file at once.
Errors = list[GlossaryError] | None


def _suggest(name: object, allowed: Iterable[str]) -> str:
    if isinstance(name, str):
        close = difflib.get_close_matches(name.strip().lower(), list(allowed), n=1, cutoff=0.6)
        if close:
            return f" (did you mean {close[0]!r}?)"
    return ""


def _type_name(value: object) -> str:
    if isinstance(value, Mapping):
        return "mapping"  # a YAML or JSON mapping is a LineMap
    return {list: "list", tuple: "list"}.get(type(value), type(value).__name__)


class _BriefRepr(reprlib.Repr):
    """``repr`` cut short at every level, for values quoted in error messages."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel, self.maxdict, self.maxlist, self.maxstring, self.maxother = 2, 4, 4, 60, 60

    def repr_LineMap(self, x: dict, level: int) -> str:  # reprlib's naming: repr_<type name>
        return self.repr_dict(x, level)


_BRIEF = _BriefRepr()


def _brief(value: object) -> str:
    """A value for an error message, cut short: YAML aliases let a file of a few hundred bytes
    hold nested lists whose full ``repr`` is gigabytes ("billion laughs")."""
    return _BRIEF.repr(value)


class _Ctx:
    """Where a record comes from: for errors and for :attr:`Entity.origin`."""

    __slots__ = ("bool_texts", "key_lines", "line", "source")

    def __init__(self, source: str, line: int | None = None, key_lines: Mapping[Any, int] | None = None,
                 bool_texts: Mapping[Any, str] | None = None):
        self.source = source
        self.line = line
        self.key_lines = key_lines or {}
        self.bool_texts = bool_texts or {}

    def got(self, value: object, field: str) -> str:
        """How a wrong value is shown: a YAML boolean as the user wrote it, with the fix."""
        written = self.bool_texts.get(field)
        if isinstance(value, bool) and written is not None:
            return (f"{written!r}, which YAML reads as the boolean {str(value).lower()} (unquoted yes, no, "
                    f"on, off, true and false are booleans): quote it ('{written}')")
        return f"{_type_name(value)} {_brief(value)}"

    @property
    def origin(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    def error(self, message: str, *, entry: str = "", key: object = None) -> GlossaryError:
        line = self.key_lines.get(key, self.line) if key is not None else self.line
        return GlossaryError(message, source=self.source, line=line, entry=entry)


def _missing(value: object) -> bool:
    # None, or a float NaN (what pandas puts in empty cells of ``df.to_dict("records")``).
    return value is None or (isinstance(value, float) and math.isnan(value))


def _string(value: object, field: str, ctx: _Ctx, entry: str) -> str:
    if _missing(value):
        return ""
    if not isinstance(value, str):
        raise ctx.error(f"field {field!r} must be a string, got {ctx.got(value, field)}", entry=entry,
                        key=field)
    return value.strip()


def _string_list(value: object, field: str, ctx: _Ctx, entry: str) -> tuple[str, ...]:
    if _missing(value):
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise ctx.error(
            f"field {field!r} must be a list of strings (or one string), got {ctx.got(value, field)}",
            entry=entry, key=field,
        )
    out: dict[str, None] = {}
    for item in value:
        if not isinstance(item, str):
            raise ctx.error(f"field {field!r} must hold strings only, got {ctx.got(item, field)}",
                            entry=entry, key=field)
        item = item.strip()
        if item:
            out[item] = None
    return tuple(out)


def _check_fields(data: Mapping, allowed: Iterable[str], ctx: _Ctx, entry: str, what: str) -> None:
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            raise ctx.error(f"unknown {what} {key!r}{_suggest(key, allowed)}", entry=entry, key=key)


def parse_entity(data: Mapping[str, Any], *, source: str = "<records>", line: int | None = None,
                 default_type: str = "org") -> Entity:
    """Validate one entity record and build an :class:`Entity`.

    Parameters
    ----------
    data : mapping
        The record: ``id``, ``name`` and optional fields (see the module documentation).
    source : str
        File name (or ``<records>[i]``) for error messages and :attr:`Entity.origin`.
    line : int, optional
        Line where the record starts.
    default_type : str
        Type used when the record has none.

    Returns
    -------
    Entity

    Raises
    ------
    GlossaryError
        When a field is missing, unknown or of the wrong type.

    Examples
    --------
    >>> e = parse_entity({"id": "casic", "name": " CASIC Corp ", "abbreviations": "航天科工"})
    >>> e.name, e.abbreviations, e.zh_aliases, e.type
    ('CASIC Corp', (), ('航天科工',), 'org')
    """
    ctx = _Ctx(source, line, getattr(data, "key_lines", None), getattr(data, "bool_texts", None))
    return _parse_entity(data, ctx, default_type)


def _parse_entity(data: object, ctx: _Ctx, default_type: str) -> Entity:
    if not isinstance(data, Mapping):
        raise ctx.error(
            f"an entity must be a mapping with 'id' and 'name', got {_type_name(data)} {_brief(data)}")
    raw_id = data.get("id")
    entry = raw_id.strip() if isinstance(raw_id, str) else ""
    _check_fields(data, ENTITY_FIELDS, ctx, entry, "field")
    values = {f: _string(data.get(f), f, ctx, entry) for f in _STRING_FIELDS}
    if not values["id"]:
        raise ctx.error("missing or empty 'id'", entry=entry, key="id" if "id" in data else None)
    control = next((c for c in values["id"] if unicodedata.category(c) in ("Cc", "Zl", "Zp")), None)
    if control is not None:
        what = ("a line break" if control in "\n\r\x0b\x0c\x85\u2028\u2029"
                else "a control character")
        raise ctx.error(f"the id {values['id']!r} holds {what} (U+{ord(control):04X}); an id is one line of "
                        "visible text (a TSV or CSV written from the glossary would change it)",
                        entry=entry, key="id")
    if not values["name"]:
        raise ctx.error("missing or empty 'name'", entry=entry, key="name" if "name" in data else None)
    etype = values["type"] or default_type
    try:
        check_entity_type(etype)
    except ValueError as exc:
        raise ctx.error(str(exc), entry=entry, key="type") from None
    lists = {f: _string_list(data.get(f), f, ctx, entry) for f in LIST_FIELDS}
    name, zh = values["name"], values["zh"]
    _check_templates(lists["templates"], name, ctx, entry)
    for kind in lists["bodies"]:
        if kind not in BODY_KINDS:
            raise ctx.error(f"unknown body kind {kind!r}{_suggest(kind, BODY_KINDS)}; "
                            f"expected one of {', '.join(BODY_KINDS)}", entry=entry, key="bodies")
    zh_short = [a for a in lists["abbreviations"] if has_han(a)]
    # a former name is matched as an alias is (a column of old records names the entity); the
    # scan leaves it as written in running text (the text speaks of that time)
    former = tuple(f for f in lists["former_names"] if f not in (name, zh))
    entity = Entity(
        id=values["id"],
        name=name,
        type=etype,
        zh=zh,
        # (the former names last, wherever the record lists them: to_records writes them apart)
        aliases=tuple(a for a in dict.fromkeys((*(a for a in lists["aliases"] if a not in former),
                                                *(f for f in former if not has_han(f)))) if a != name),
        abbreviations=tuple(a for a in lists["abbreviations"] if not has_han(a)),
        zh_aliases=tuple(a for a in dict.fromkeys((*(a for a in (*lists["zh_aliases"], *zh_short)
                                                     if a not in former),
                                                   *(f for f in former if has_han(f)))) if a != zh),
        context_aliases=lists["context_aliases"],
        former_names=former,
        parent=values["parent"] or None,
        source=values["source"],
        notes=values["notes"],
        description=values["description"],
        templates=lists["templates"],
        bodies=lists["bodies"],
        location=lists["location"],
        origin=ctx.origin,
    )
    problem = entity_problem(entity)
    if problem is not None:
        raise ctx.error(f"field {problem[0]!r}: {problem[1]}", entry=entry, key=problem[0])
    return entity


def _check_templates(templates: tuple[str, ...], name: str, ctx: _Ctx, entry: str) -> None:
    """Each template has one slot of a known kind; the first, without it, is the name."""
    for t in templates:
        try:
            kind = template_slot(t)
        except ValueError as exc:
            raise ctx.error(str(exc), entry=entry, key="templates") from None
        if kind is None:
            raise ctx.error(f"template {t!r} has no slot ({{province}}, {{city}} or {{place}})",
                            entry=entry, key="templates")
    if templates and fold_key(fill_template(templates[0], "")) != fold_key(name):
        raise ctx.error(f"the first template {templates[0]!r}, its slot taken out, must be the name {name!r}",
                        entry=entry, key="templates")


def parse_term(data: Mapping[str, Any], *, source: str = "<records>", line: int | None = None) -> Term:
    """Validate one term record (``zh``, ``en``, optional ``notes``) and build a :class:`Term`.

    ``en`` is a list of English renderings or one string; ``en_renderings`` and ``renderings``
    are accepted as its name.

    Examples
    --------
    >>> parse_term({"zh": "航天", "en": ["aerospace", "space", "aerospace"]})
    Term(zh='航天', renderings=('aerospace', 'space'), notes='', origin='<records>')
    """
    ctx = _Ctx(source, line, getattr(data, "key_lines", None), getattr(data, "bool_texts", None))
    return _parse_term(data, ctx)


def _parse_term(data: object, ctx: _Ctx) -> Term:
    if not isinstance(data, Mapping):
        raise ctx.error(f"a term must be a mapping with 'zh' and 'en', got {_type_name(data)} {_brief(data)}")
    raw_zh = data.get("zh")
    entry = raw_zh.strip() if isinstance(raw_zh, str) else ""
    allowed = (*TERM_FIELDS, *_TERM_KEY_ALIASES)
    _check_fields(data, allowed, ctx, entry, "term field")
    en_keys = [k for k in ("en", *_TERM_KEY_ALIASES) if k in data]
    if len(en_keys) > 1:
        raise ctx.error(f"give the renderings once, not as both {en_keys[0]!r} and {en_keys[1]!r}",
                        entry=entry)
    en_key = en_keys[0] if en_keys else "en"
    zh = _string(raw_zh, "zh", ctx, entry)
    if not zh:
        raise ctx.error("missing or empty 'zh'", entry=entry, key="zh" if "zh" in data else None)
    renderings = _string_list(data.get(en_key), en_key, ctx, entry)
    if not renderings:
        raise ctx.error("a term needs at least one English rendering in 'en'", entry=entry,
                        key=en_key if en_key in data else None)
    problem = term_problem(zh, renderings)
    if problem is not None:
        field = en_key if problem[0] == "en" else "zh"
        raise ctx.error(f"field {field!r}: {problem[1]}", entry=entry[:40], key=field)
    return Term(zh, renderings, _string(data.get("notes"), "notes", ctx, entry), origin=ctx.origin)


def _collect(items: Iterable[tuple[object, _Ctx]], parse: Callable[[object, _Ctx], Any], key: str,
             what: str, errors: Errors) -> list:
    """Parse items, rejecting a key (``id`` or ``zh``) seen twice in one file or call."""
    out, seen = [], {}
    for data, ctx in items:
        try:
            obj = parse(data, ctx)
            value = getattr(obj, key)
            if value in seen:
                raise ctx.error(f"duplicate {what} {value!r} (first defined at {seen[value]})", entry=value)
        except GlossaryError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        seen[value] = obj.origin
        out.append(obj)
    return out


def _record_items(records: Iterable[object], source: str) -> Iterator[tuple[object, _Ctx]]:
    if isinstance(records, (str, bytes, Mapping)) or not isinstance(records, Iterable):
        raise GlossaryError(f"records must be an iterable of mappings, got {_type_name(records)}",
                            source=source)
    for i, rec in enumerate(records):
        yield rec, _Ctx(f"{source}[{i}]")


def entities_from_records(records: Iterable[Mapping[str, Any]], *, source: str = "<records>",
                          default_type: str = "org", errors: Errors = None) -> list[Entity]:
    """Validate an iterable of entity records; errors name ``<records>[i]`` and the entry.

    Examples
    --------
    >>> [e.id for e in entities_from_records([{"id": "a", "name": "A"}, {"id": "b", "name": "B"}])]
    ['a', 'b']
    """
    return _collect(_record_items(records, source), lambda d, c: _parse_entity(d, c, default_type),
                    "id", "id", errors)


def terms_from_records(records: Iterable[Mapping[str, Any] | Term], *, source: str = "<records>",
                       errors: Errors = None) -> list[Term]:
    """Validate an iterable of term records (or :class:`Term` objects, kept as they are).

    Examples
    --------
    >>> terms_from_records([{"zh": "科工", "en": "science and industry"}])[0].renderings
    ('science and industry',)
    """
    def parse(data: object, ctx: _Ctx) -> Term:
        return data if isinstance(data, Term) else _parse_term(data, ctx)

    return _collect(_record_items(records, source), parse, "zh", "term", errors)


# --------------------------------------------------------------------------- files

def iter_glossary_files(path: str | Path) -> list[Path]:
    """The glossary files a path stands for: the file itself, or a directory's files, sorted.

    Only files with a suffix from :data:`SUFFIXES` are taken from a directory (not recursively).

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for name in ("b.yaml", "a.csv", "notes.txt"):
    ...     _ = (d / name).write_text("", "utf-8")
    >>> [p.name for p in iter_glossary_files(d)]
    ['a.csv', 'b.yaml']
    """
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.iterdir()
                      if p.suffix.lower() in SUFFIXES and p.is_file() and not p.name.startswith("."))
    if not path.exists():
        raise FileNotFoundError(f"glossary file not found: {path}")
    return [path]


def _decode(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise GlossaryError("file is UTF-16; glossary files must be UTF-8 (re-save it as UTF-8)",
                            source=source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(
            f"file is not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded "
            "(GBK or another legacy encoding?); glossary files must be UTF-8 (re-save it as UTF-8)",
            source=source, line=line,
        ) from None
    return text.removeprefix("\ufeff")


def read_file(path: str | Path | Traversable, *, errors: Errors = None) -> tuple[list[Entity], list[Term]]:
    """Read one glossary file into its entities and terms (file order).

    Parameters
    ----------
    path : str or Path
        A ``.yaml``/``.yml``, ``.json``, ``.csv`` or ``.tsv``/``.tab`` file.
    errors : list, optional
        When given, invalid entries are appended to it as :class:`GlossaryError` and skipped;
        otherwise the first one is raised. Errors about the whole file are always raised.

    Raises
    ------
    GlossaryError
        The file is not UTF-8, is malformed, or holds an invalid entry.
    FileNotFoundError
        The file does not exist.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "orgs.csv"
    >>> _ = p.write_text("id,name,abbreviations\\ncasic,CASIC Corp,CASIC|航天科工\\n", "utf-8")
    >>> entities, terms = read_file(p)
    >>> entities[0].abbreviations, entities[0].zh_aliases, entities[0].origin.endswith("orgs.csv:2")
    (('CASIC',), ('航天科工',), True)
    """
    if isinstance(path, (str, os.PathLike)):
        path = Path(path)
    # Otherwise an importlib.resources Traversable (a glossary inside a zip or wheel).
    source = str(path)
    kind = SUFFIXES.get(os.path.splitext(path.name)[1].lower())
    if kind is None:
        raise GlossaryError(
            f"unsupported file type {os.path.splitext(path.name)[1]!r}; "
            f"expected one of {', '.join(SUFFIXES)}",
            source=source,
        )
    text = _decode(path.read_bytes(), source)
    if kind == "yaml":
        return _from_document(load_yaml(text, source), source, errors)
    if kind == "json":
        return _from_document(_load_json(text, source), source, errors)
    return _read_delimited(text, source, "\t" if kind == "tsv" else ",", errors)


def _from_document(doc: object, source: str, errors: Errors) -> tuple[list[Entity], list[Term]]:
    top = _Ctx(source, getattr(doc, "line", None), getattr(doc, "key_lines", None),
               getattr(doc, "bool_texts", None))
    if doc is None:
        return [], []
    if isinstance(doc, list):
        doc = {"entities": doc}
    if not isinstance(doc, Mapping):
        raise top.error(f"expected a mapping with 'entities' and/or 'terms', or a list of entities; "
                        f"got {_type_name(doc)}")
    for key in doc:
        if key not in _TOP_LEVEL_KEYS:
            raise top.error(f"unknown top-level key {key!r}{_suggest(key, _TOP_LEVEL_KEYS)}; "
                            f"expected {', '.join(_TOP_LEVEL_KEYS)}", key=key)
    default_type = _string(doc.get("type"), "type", top, "") or "org"
    try:
        check_entity_type(default_type)
    except ValueError as exc:
        raise top.error(str(exc), key="type") from None
    sections = {}
    for key in ("entities", "terms"):
        items = doc.get(key)
        if items is None:
            items = []
        if not isinstance(items, list):
            raise top.error(f"{key!r} must be a list, got {_type_name(items)}", key=key)
        sections[key] = [(item, _Ctx(source, getattr(item, "line", None) or top.key_lines.get(key),
                                     getattr(item, "key_lines", None), getattr(item, "bool_texts", None)))
                         for item in items]
    entities = _collect(sections["entities"], lambda d, c: _parse_entity(d, c, default_type),
                        "id", "id", errors)
    terms = _collect(sections["terms"], _parse_term, "zh", "term", errors)
    return entities, terms


# --------------------------------------------------------------------------- JSON

class _LineDecoder(json.JSONDecoder):
    """JSON decoder whose objects are :class:`LineMap` with the line where they start."""

    def __init__(self, text: str, source: str):
        super().__init__()
        newlines = [i for i, ch in enumerate(text) if ch == "\n"]

        def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):
            end = s_and_end[1]
            line = bisect_right(newlines, end - 1) + 1

            def make(pairs: list[tuple[str, Any]]) -> LineMap:
                out = LineMap(line)
                for key, value in pairs:
                    if key in out:
                        raise GlossaryError(f"duplicate key {key!r} in the object starting here",
                                            source=source, line=line)
                    out[key] = value
                return out

            return json.decoder.JSONObject(s_and_end, strict, scan_once, None, make, memo)

        self.parse_object = parse_object
        self.scan_once = json.scanner.py_make_scanner(self)


def _load_json(text: str, source: str) -> object:
    try:
        return _LineDecoder(text, source).decode(text)
    except json.JSONDecodeError as exc:
        raise GlossaryError(f"malformed JSON: {exc.msg} (column {exc.colno})", source=source,
                            line=exc.lineno) from None
    except RecursionError:
        raise GlossaryError("malformed JSON: nested too deeply", source=source) from None


# --------------------------------------------------------------------------- CSV / TSV

def _read_delimited(
    text: str, source: str, delimiter: str, errors: Errors
) -> tuple[list[Entity], list[Term]]:
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=quoting, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise GlossaryError(f"malformed {'TSV' if delimiter == chr(9) else 'CSV'}: {exc}",
                            source=source, line=reader.line_num or None) from None
    if not rows:
        return [], []
    header_line, header = rows[0]
    columns = [c.strip().lower() for c in header]
    is_terms = "zh" in columns and ("en" in columns or "en_renderings" in columns) and "id" not in columns
    allowed = (*TERM_FIELDS, *_TERM_KEY_ALIASES) if is_terms else (*ENTITY_FIELDS, *_REFERENCE_COLUMNS)
    for col in columns:
        if col not in allowed:
            needs = "; an entity file needs 'id' and 'name' columns, a term file 'zh' and 'en'"
            hint = _suggest(col, allowed) or ("" if is_terms else needs)
            raise GlossaryError(f"unknown column {col!r}{hint}", source=source, line=header_line)
        if columns.count(col) > 1:
            raise GlossaryError(f"duplicate column {col!r}", source=source, line=header_line)
    if not is_terms:
        columns = [_REFERENCE_COLUMNS.get(c, c) for c in columns]
        if len(set(columns)) != len(columns):
            raise GlossaryError("a column is given under two names (e.g. 'name' and 'canonical_en')",
                                source=source, line=header_line)
    multi = set(LIST_FIELDS) | {"en", *_TERM_KEY_ALIASES}

    def items() -> Iterator[tuple[object, _Ctx]]:
        for line, row in rows[1:]:
            ctx = _Ctx(source, line)
            if len(row) > len(columns):
                record: object = GlossaryError(
                    f"row has {len(row)} cells but the header has {len(columns)} columns",
                    source=source, line=line,
                )
            else:
                record = {c: (v.split("|") if c in multi else v) for c, v in zip(columns, row, strict=False)}
            yield record, ctx

    def parse_row(record: object, ctx: _Ctx) -> Any:
        if isinstance(record, GlossaryError):
            raise record
        return _parse_term(record, ctx) if is_terms else _parse_entity(record, ctx, "org")

    found = _collect(items(), parse_row, "zh" if is_terms else "id", "term" if is_terms else "id", errors)
    return ([], found) if is_terms else (found, [])
