"""The package's data, read once: the one YAML loader and every word list of ``aeronorm/data``.

Data lives in YAML and text files (word classes, place names, pinyin syllables, surnames, the
Wade-Giles table, Chinese name words, prose words, the shipped term lexicon); this module only
loads and compiles them into the sets and tables the matcher uses. :func:`load_yaml` is also the
loader of glossary files: safe (no tags construct objects), dates kept as strings, duplicate
keys rejected, and every mapping remembers its line for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .errors import GlossaryError

__all__ = [
    "ChineseWords",
    "LineMap",
    "data_files",
    "data_yaml",
    "load_affiliations",
    "load_autonomous_regions",
    "load_chinese_words",
    "load_common_words",
    "load_english_words",
    "load_name_affixes",
    "load_pinyin_syllables",
    "load_place_codes",
    "load_place_levels",
    "load_places",
    "load_places_abroad",
    "load_places_within",
    "load_prose_words",
    "load_surnames",
    "load_wade_giles",
    "load_yaml",
    "read_data",
]


# --------------------------------------------------------------------------- the YAML loader
class LineMap(dict):
    """A dict that remembers the line where it starts and the line of each key, and for a value
    YAML read as a boolean (an unquoted ``no``, ``on``, ``yes``...) the text as written
    (``bool_texts``; for a list, its first boolean item's)."""

    __slots__ = ("bool_texts", "key_lines", "line")

    def __init__(self, line: int | None = None):
        super().__init__()
        self.line = line
        self.key_lines: dict[Any, int] = {}
        self.bool_texts: dict[Any, str] = {}


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader: records lines, rejects duplicate keys, keeps dates as strings."""


# Dates stay strings ("notes: 2020-11-25" is a note, not a datetime).
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class _DuplicateKey(Exception):
    def __init__(self, key: object, line: int, first_line: int):
        self.key, self.line, self.first_line = key, line, first_line


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineMap:
    # Keys merged in with "<<: *anchor" come first after flattening; the mapping's own keys
    # override them, as YAML says. Only a key written twice in the mapping itself is a duplicate.
    own = {id(k) for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"}
    loader.flatten_mapping(node)
    mapping = LineMap(node.start_mark.line + 1)
    merged: set[Any] = set()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            duplicate = key in mapping
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, "found an unhashable key",
                key_node.start_mark,
            ) from None
        if id(key_node) not in own:
            merged.add(key)
        elif duplicate and key not in merged:
            raise _DuplicateKey(key, line, mapping.key_lines[key])
        else:
            merged.discard(key)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
        written = _bool_text(value_node)
        if written is not None:
            mapping.bool_texts[key] = written
    return mapping


_BOOL_TAG = "tag:yaml.org,2002:bool"


def _bool_text(node: yaml.Node) -> str | None:
    """The text of a scalar YAML reads as a boolean, or of the first such item of a list."""
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag == _BOOL_TAG else None
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.tag == _BOOL_TAG:
                return item.value
    return None


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def load_yaml(text: str, source: str = "<yaml>") -> object:
    """Parse YAML safely; mappings are :class:`LineMap`.

    Raises
    ------
    GlossaryError
        Naming ``source`` and the line, for any malformed document (a duplicate key, a tag
        that would construct an object, a forbidden character, nesting too deep).
    """
    try:
        return yaml.load(text, Loader=_Loader)  # _Loader derives from the safe loader
    except _DuplicateKey as exc:
        raise GlossaryError(f"duplicate key {exc.key!r} (first at line {exc.first_line})",
                            source=source, line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        tabbed = _tab_indented(text, line)
        if tabbed is not None:
            raise GlossaryError(f"malformed YAML: line {tabbed} is indented with a tab; YAML indents with "
                                "spaces only (replace the tab with spaces)", source=source,
                                line=tabbed) from None
        if "could not determine a constructor" in problem:
            problem = f"{exc.problem}; glossary YAML may not construct objects (only plain data is allowed)"
        raise GlossaryError(f"malformed YAML: {problem}", source=source, line=line) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, most controls)
        char = exc.character if isinstance(exc.character, int) else None
        what = f"character U+{char:04X}" if char is not None else "a character"
        raise GlossaryError(f"malformed YAML: {what} is not allowed in YAML ({exc.reason})", source=source,
                            line=text.count("\n", 0, exc.position) + 1) from None
    except yaml.YAMLError as exc:
        raise GlossaryError(f"malformed YAML: {exc}", source=source) from None
    except RecursionError:
        raise GlossaryError("malformed YAML: nested too deeply", source=source) from None


def _tab_indented(text: str, line: int | None) -> int | None:
    """The line (``line`` or the one before it) whose indentation holds a tab, if any."""
    if line is None:
        return None
    lines = text.split("\n")
    for n in (line, line - 1):
        if 1 <= n <= len(lines):
            body = lines[n - 1]
            indent = body[: len(body) - len(body.lstrip(" \t"))]
            if "\t" in indent:
                return n
    return None


# --------------------------------------------------------------------------- data files
def read_data(*parts: str) -> str:
    """The text of a file of ``aeronorm/data`` (``read_data("terms", "terms.yaml")``)."""
    path = resources.files("aeronorm").joinpath("data")
    for part in parts:
        path = path.joinpath(part)
    return path.read_text(encoding="utf-8")


def data_yaml(*parts: str) -> Any:
    return load_yaml(read_data(*parts), "aeronorm/data/" + "/".join(parts))


@dataclass(frozen=True)
class ChineseWords:
    """Words of Chinese names that scope, locate or address rather than name (``chinese.yaml``)."""

    company_forms: frozenset[str]
    form_markers: frozenset[str]
    scope_words: frozenset[str]
    admin_suffixes: frozenset[str]
    honorifics: frozenset[str]
    fillers: frozenset[str]
    roman_scope: frozenset[str]
    unit_endings: tuple[str, ...]
    business_lines: tuple[str, ...]
    title_modifiers: tuple[str, ...]
    model_suffixes: frozenset[str]
    enterprise_endings: tuple[str, ...]
    body_markers: frozenset[str] = frozenset()
    province_suffixes: frozenset[str] = frozenset()
    city_suffixes: frozenset[str] = frozenset()
    name_endings: tuple[str, ...] = ()
    country_words: frozenset[str] = frozenset()
    place_compounds: tuple[str, ...] = ()
    title_suffixes: tuple[str, ...] = ()
    name_breaks: tuple[str, ...] = ()
    short_name_notes: tuple[str, ...] = ()
    other_name_notes: tuple[str, ...] = ()
    field_words: frozenset[str] = frozenset()
    prose_forms: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    false_endings: tuple[str, ...] = ()
    field_determiners: tuple[str, ...] = ()
    building_words: tuple[str, ...] = ()
    field_compounds: tuple[str, ...] = ()
    ministries: tuple[str, ...] = ()


@cache
def load_chinese_words() -> ChineseWords:
    """The word lists of ``aeronorm/data/chinese.yaml``.

    Examples
    --------
    >>> "中国" in load_chinese_words().scope_words, "市" in load_chinese_words().admin_suffixes
    (True, True)
    """
    raw = data_yaml("chinese.yaml")
    keys = ("company_forms", "form_markers", "scope_words", "admin_suffixes", "honorifics", "fillers",
            "roman_scope")
    return ChineseWords(*(frozenset(raw[k]) for k in keys), unit_endings=tuple(raw["unit_endings"]),
                        business_lines=tuple(raw["business_lines"]),
                        title_modifiers=tuple(raw["title_modifiers"]),
                        model_suffixes=frozenset(raw["model_suffixes"]),
                        enterprise_endings=tuple(raw["enterprise_endings"]),
                        body_markers=frozenset(raw["body_markers"]),
                        province_suffixes=frozenset(raw["province_suffixes"]),
                        city_suffixes=frozenset(raw["city_suffixes"]),
                        name_endings=tuple(raw["name_endings"]),
                        country_words=frozenset(raw["country_words"]),
                        place_compounds=tuple(raw["place_compounds"]),
                        title_suffixes=tuple(raw["title_suffixes"]),
                        name_breaks=tuple(raw["name_breaks"]),
                        short_name_notes=tuple(raw["short_name_notes"]),
                        other_name_notes=tuple(raw["other_name_notes"]),
                        field_words=frozenset(raw["field_words"]),
                        prose_forms=frozenset(raw["prose_forms"]),
                        regions=frozenset(raw["regions"]),
                        false_endings=tuple(raw["false_endings"]),
                        field_determiners=tuple(raw["field_determiners"]),
                        building_words=tuple(raw["building_words"]),
                        field_compounds=tuple(raw["field_compounds"]),
                        ministries=tuple(raw["ministries"]))


@cache
def _places_yaml() -> Any:
    """``places.yaml`` parsed once: six tables read it (each parse ~4 ms, some on a first query)."""
    return data_yaml("places.yaml")


@cache
def load_places() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Place names, in China and abroad: ``(zh, (english forms...))`` pairs."""
    raw = _places_yaml()
    return tuple((row["zh"], tuple(row["en"])) for row in (*raw["places"], *raw["abroad"]))


@cache
def load_place_levels() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The Chinese names of ``places.yaml``'s provinces, of its municipalities, and of every
    place in China it lists."""
    raw = _places_yaml()
    return (frozenset(raw["provinces"]), frozenset(raw["municipalities"]),
            frozenset(row["zh"] for row in raw["places"]))


@cache
def load_places_within() -> dict[str, tuple[str, ...]]:
    """``within`` of ``places.yaml``: each place's Chinese name -> the places it is in, nearest
    first (a district's city, then that city's province)."""
    inner = {str(k): str(v) for k, v in _places_yaml()["within"].items()}
    out: dict[str, tuple[str, ...]] = {}
    for place in inner:
        chain: list[str] = []
        at = place
        while at in inner and inner[at] not in chain and len(chain) < 4:
            at = inner[at]
            chain.append(at)
        out[place] = tuple(chain)
    return out


@cache
def load_place_codes() -> tuple[frozenset[str], frozenset[str]]:
    """``place_codes`` of ``places.yaml``: the country's own codes (a note in brackets) and the
    codes of other places (a branch or a subsidiary there), upper case, without periods."""
    raw = _places_yaml()["place_codes"]
    return frozenset(raw["own"]), frozenset(raw["other"]) - frozenset(raw["own"])


@cache
def load_autonomous_regions() -> frozenset[str]:
    """The Chinese names of ``places.yaml``'s autonomous regions (广西, 西藏, ...): provinces by
    level, whose posts are their own."""
    return frozenset(_places_yaml()["autonomous_regions"])


@cache
def load_places_abroad() -> frozenset[str]:
    """The Chinese names of the places outside China of ``places.yaml`` (美国, 日本, ...)."""
    return frozenset(row["zh"] for row in _places_yaml()["abroad"])


@cache
def load_affiliations() -> tuple[tuple[str, ...], ...]:
    """Organisations other entities are named under (``affiliations.yaml``): each one's English
    and Chinese forms."""
    raw = data_yaml("affiliations.yaml")
    return tuple(tuple(row["en"]) + tuple(row["zh"]) for row in raw["affiliations"])


@cache
def load_known_acronyms() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """Acronyms of widely known bodies outside the shipped glossaries (``known_acronyms.yaml``):
    ``(acronym, English names, Chinese names)`` each."""
    rows = data_yaml("known_acronyms.yaml")["known_acronyms"]
    return tuple((row["acronym"], tuple(row["en"]), tuple(row["zh"])) for row in rows)


@cache
def load_pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (``ü`` written ``v``)."""
    lines = read_data("pinyin_syllables.txt").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def load_english_words() -> frozenset[str]:
    """Common English words of 4 to 6 letters (``english_words.txt``), lower case."""
    return frozenset(w for w in load_common_words() if len(w) <= 6)


@cache
def load_common_words() -> frozenset[str]:
    """Common English words of 4 letters or more (``english_words.txt``), lower case."""
    lines = read_data("english_words.txt").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def load_prose_words() -> frozenset[str]:
    """Ordinary English words that are never a one-word mention at the start of a sentence."""
    raw = data_yaml("prose.yaml")
    return frozenset(w.casefold() for w in raw["sentence_initial_words"])


@cache
def load_surnames() -> dict[str, dict[str, Any]]:
    """The surname table of ``surnames.yaml``: ``compound`` and ``single`` surname readings."""
    raw = data_yaml("surnames.yaml")
    return {"compound": dict(raw["compound"]), "single": dict(raw["single"])}


@cache
def load_name_affixes() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """Words around a personal name that are no part of it (``name_affixes.yaml``): the titles
    written before it and the degrees written after it, each as a tuple of lower-case words.

    Examples
    --------
    >>> before, after = load_name_affixes()
    >>> ("prof",) in before, ("ph", "d") in after
    (True, True)
    """
    raw = data_yaml("name_affixes.yaml")
    return tuple(frozenset(tuple(w.split()) for w in raw[k]) for k in ("before", "after"))  # type: ignore[return-value]


@cache
def load_wade_giles() -> dict[str, str]:
    """Pinyin syllable -> Wade-Giles spelling (``wade_giles.yaml``)."""
    return {str(k): str(v) for k, v in data_yaml("wade_giles.yaml")["syllables"].items()}


def data_files(folder: str, suffix: str) -> list[str]:
    """Names of the files of ``aeronorm/data/<folder>`` ending in ``suffix``, in name order."""
    path = resources.files("aeronorm").joinpath("data").joinpath(folder)
    return sorted(f.name for f in path.iterdir() if f.name.endswith(suffix))
