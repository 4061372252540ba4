"""A column's distinct values, prepared once for clustering.

Values that fold to the same key (case, spacing, punctuation; traditional and simplified
Chinese) are one :class:`Item`: they are the same name written twice, and every later step
compares items, not values. Each item keeps what the evidence needs: its soft form (redundant
asides such as an acronym in brackets set aside), the acronyms it writes or defines, its pinyin
letters, and the written form an :class:`~aeronorm.index.Index` over the column tokenizes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..batch import is_missing
from ..resources import data_yaml
from ..text.fold import ASIDE_RE, fold_key, has_han, has_latin, looks_like_acronym
from ..text.zh import compact_han

_ASIDE_PUNCT = ' ()[]（）【】"“”'

__all__ = ["LEFT_OUT_PLACEHOLDER", "LEFT_OUT_PUNCTUATION", "Item", "Reading", "acronym_key", "count_values",
           "left_out_reason", "prepare_items", "read_value"]

#: Why a value is left out of clustering: a cell standing for no value (``placeholders.yaml``).
LEFT_OUT_PLACEHOLDER = "placeholder, not a name"
#: Why a value is left out of clustering: no letter, digit or Chinese character.
LEFT_OUT_PUNCTUATION = "no letter, digit or Chinese character, not a name"


@dataclass(slots=True)
class Item:
    """One name of the column and the distinct values that write it.

    Attributes
    ----------
    position : int
        Its place among the items: most rows first, then Latin before acronyms before Chinese,
        then by folded text; never the order of the input, so the clusters do not depend on it.
    values : list of (str, int)
        The distinct input values it stands for, with their counts, in :func:`spelling_rank`
        order (the most frequent, then mixed case, then by code point).
    text : str
        The value it is compared as (its first value).
    soft : str
        ``text`` without its redundant asides ("... (BUAA)" -> "..."), or ``text``.
    script : str
        ``"han"`` (Chinese characters and no Latin letter), ``"acronym"`` (one word of
        capitals: ``NWPU``) or ``"latin"``.
    acronym : str
        The acronym an ``"acronym"`` item writes (upper case, no dots or hyphens), else ``""``.
    defines : tuple of str
        Acronyms the value itself gives for its name: ``"Beihang University (BUAA)"``.
    asides : tuple of str
        What ``soft`` holds in brackets or quotes.
    """

    position: int
    values: list[tuple[str, int]]
    text: str
    soft: str
    script: str
    acronym: str = ""
    defines: tuple[str, ...] = ()
    asides: tuple[str, ...] = ()
    tokens: tuple[Any, ...] = field(default=())  # concept tokens of ``soft``, set by the caller
    specific: frozenset[str] = frozenset()  # places and numbers in brackets, set by the caller
    form: tuple[bool, bool, bool] | None = None  # its company form's class, set by the caller
    form_ambiguous: bool = False  # no company form, where the column has two that conflict

    @property
    def count(self) -> int:
        """Rows of the column holding one of its values."""
        return sum(n for _, n in self.values)


def acronym_key(text: str) -> str:
    """How an acronym is compared: upper case, without dots, hyphens, ampersands or spaces.

    Examples
    --------
    >>> acronym_key("C.A.S.C."), acronym_key("casic-"), acronym_key("R&D")
    ('CASC', 'CASIC', 'RD')
    """
    return "".join(c for c in text.upper() if c.isalnum())


def count_values(values: Iterable[Any]) -> tuple[Counter[str], int]:
    """Distinct non-missing strings with their counts (first-seen order), and the number of
    missing values (``None``, NaN, empty or blank strings).

    Raises
    ------
    TypeError
        For a single string or a mapping (a column is expected) and for values that are neither
        strings nor missing.
    """
    if isinstance(values, (str, bytes)):
        raise TypeError("expected a column of names (a sequence), not a single string")
    if isinstance(values, Mapping):
        raise TypeError(f"expected a column of names (a sequence), not a mapping ({type(values).__name__}): "
                        "iterating it would give its keys; pass list(d.values()) or list(d) to say which")
    counts: Counter[str] = Counter()
    missing = 0
    for v in values:
        if isinstance(v, str) and v.strip():
            counts[str(v)] += 1
        elif is_missing(v):
            missing += 1
        else:
            raise TypeError(f"values must be strings (or missing values), got {type(v).__name__}: {v!r}")
    return counts, missing


@dataclass(frozen=True, slots=True)
class Reading:
    """How one value is read: see the attributes of :class:`Item`."""

    text: str
    soft: str
    script: str
    acronym: str
    defines: tuple[str, ...]
    asides: tuple[str, ...]


def read_value(value: str) -> Reading:
    """How a value is read: cleaned, its redundant asides set aside, its script, the acronym it
    writes or defines.

    Examples
    --------
    >>> r = read_value("Beihang University (BUAA)")
    >>> r.soft, r.script, r.defines
    ('Beihang University', 'latin', ('BUAA',))
    >>> r = read_value("BUAA (Beijing University of Aeronautics and Astronautics)")
    >>> r.soft, r.defines
    ('Beijing University of Aeronautics and Astronautics', ('BUAA',))
    >>> read_value("C.A.S.C.").acronym
    'CASC'
    """
    from ..pipeline.query import Query

    query = Query(value)
    text = query.text
    soft = query.core or text
    script = "han" if has_han(text) and not has_latin(text) else "latin"
    acronym = ""
    if script == "latin" and looks_like_acronym(text.replace(".", "")):
        script, acronym = "acronym", acronym_key(text)
    defines = _defined(text, query.asides)
    bare = " ".join(ASIDE_RE.sub(" ", text).split())
    if not defines and bare != text and looks_like_acronym(bare) and len(query.asides) == 1:
        # "BUAA (Beijing University of Aeronautics and Astronautics)": the acronym first
        script, acronym, defines, soft = "latin", "", (acronym_key(bare),), query.asides[0]
    asides = tuple(a.strip(_ASIDE_PUNCT) for a in ASIDE_RE.findall(soft) if a.strip(_ASIDE_PUNCT))
    return Reading(text, soft, script, acronym, defines, asides)


def prepare_items(counts: Counter[str]) -> list[Item]:
    """The items of a column's distinct values: values with the same folded key are one item.

    Neither the items nor their values depend on the order of ``counts``: each item's values are
    in :func:`spelling_rank` order (its text is the first), and the items are sorted by rows,
    script and folded text."""
    by_key: dict[str, list[tuple[str, int]]] = {}
    for value, n in counts.items():
        by_key.setdefault(_item_key(value), []).append((value, n))
    items: list[Item] = []
    for values in by_key.values():
        values.sort(key=spelling_rank)
        r = read_value(values[0][0])
        items.append(Item(0, values, r.text, r.soft, r.script, r.acronym, r.defines, r.asides))
    items.sort(key=lambda item: (-item.count, _SCRIPT_ORDER[item.script], fold_key(item.text), item.text))
    for position, item in enumerate(items):
        item.position = position
    return items


_SCRIPT_ORDER = {"latin": 0, "acronym": 1, "han": 2}


def spelling_rank(value: tuple[str, int]) -> tuple[int, int, str]:
    """How the spellings of one name (the same up to case, spacing and punctuation) are ranked,
    best first: the most frequent, then mixed case over all capitals or all lower case, then by
    code point (a stable tie-break).

    Examples
    --------
    >>> sorted([("MOON BAKERY", 1), ("Moon Bakery", 1), ("moon bakery", 3)], key=spelling_rank)
    [('moon bakery', 3), ('Moon Bakery', 1), ('MOON BAKERY', 1)]
    """
    text, n = value
    mixed = text != text.upper() and text != text.lower()
    return (-n, 0 if mixed else 1, text)


def left_out_reason(value: str) -> str:
    """Why a value names no entity and is left out of clustering, or ``""``: a placeholder
    (``N/A``, ``NULL``, ``-``, ``unknown``, ``不详``: ``aeronorm/data/placeholders.yaml``), or
    no letter, digit or Chinese character at all.

    Examples
    --------
    >>> left_out_reason("#N/A"), left_out_reason("..."), left_out_reason("Moon Bakery")
    ('placeholder, not a name', 'no letter, digit or Chinese character, not a name', '')
    """
    if not any(c.isalnum() for c in value):
        return LEFT_OUT_PUNCTUATION
    if "".join(fold_key(value).split()) in _placeholders():
        return LEFT_OUT_PLACEHOLDER
    return ""


@cache
def _placeholders() -> frozenset[str]:
    words = data_yaml("placeholders.yaml")["placeholders"]
    return frozenset("".join(fold_key(str(w)).split()) for w in words)


def _defined(text: str, asides: tuple[str, ...]) -> tuple[str, ...]:
    """The acronym a name gives for itself: one acronym in brackets, at its end, 3 letters or
    more ("Beihang University (BUAA)"). An acronym inside the name is a part's ("Chinese Academy
    of Sciences (CAS) - Institute of ..."), a short one in brackets often a place ("(HK)")."""
    acronyms = [a for a in asides if looks_like_acronym(a)]
    if len(acronyms) != 1 or len(acronym_key(acronyms[0])) < 3:
        return ()
    last = ASIDE_RE.findall(text)[-1].strip()
    if not text.endswith(last) or acronyms[0] not in last:
        return ()
    return (acronym_key(acronyms[0]),)


def _item_key(value: str) -> str:
    if has_han(value) and not has_latin(value):
        return "han:" + compact_han(value)
    return fold_key(value) or value.strip()
