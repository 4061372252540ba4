"""Chinese personal names: romanised from the Chinese, and read back from any romanisation.

A Chinese name is a surname (one character, or two: 欧阳, 司马) and a given name. Its pinyin
takes the surname's *surname* reading (单 is Shan, 曾 Zeng, 解 Xie) from
``aeronorm/data/surnames.yaml`` and the given name's from pypinyin.

A romanised name is read into words in either order (Zhang Kejian, Kejian Zhang, ZHANG
Ke-jian, Qian Xue Sen), as pinyin or as Wade-Giles (Ch'ien Hsüeh-sen), using the syllable
table of ``aeronorm/data/wade_giles.yaml`` in both directions. A name *key* is the pair
``(surname letters, given-name letters)``: two names are the same person only when both
agree, so a shared surname never suffices.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice, product

from ..resources import load_name_affixes, load_surnames
from .fold import clean_text, is_han_char
from .pinyin import split_syllables, to_pinyin
from .wade_giles import APOSTROPHES, fold_wade_giles, pinyin_to_wade_giles, wade_giles_to_pinyin

__all__ = [
    "NameKey",
    "Reading",
    "chinese_name_keys",
    "english_name_keys",
    "is_surname",
    "name_splits",
    "read_romanised",
    "split_chinese_name",
    "surname_readings",
    "wade_giles",
]

#: ``(surname letters, given-name letters)``, lower case, ü written u.
NameKey = tuple[str, str]

_WORD_SPLIT = re.compile(r"[\s\-,.·・•_/]+")
# Passport and older spellings of ü syllables (LYU for 吕).
_U_SPELLINGS = {"lyu": "lu", "nyu": "nu", "lue": "lue", "nue": "nue"}
_MAX_WORDS = 6
_MAX_READINGS = 64


def _readings(value: str | list[str]) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else (value,)


@dataclass(frozen=True)
class _Surnames:
    compound: dict[str, tuple[str, ...]]
    single: dict[str, tuple[str, ...]]
    pinyin: frozenset[str]


@cache
def _surnames() -> _Surnames:
    raw = load_surnames()
    compound = {k: _readings(v) for k, v in raw["compound"].items()}
    single = {k: _readings(v) for k, v in raw["single"].items()}
    letters = {_key(r) for table in (compound, single) for rs in table.values() for r in rs}
    return _Surnames(compound, single, frozenset(letters))


def _key(letters: str) -> str:
    """Comparison form of romanised letters: ü (v) and u are one letter."""
    return letters.replace("v", "u")


# -- Chinese names --------------------------------------------------------------------------
def is_surname(letters: str) -> bool:
    """True when ``letters`` is the pinyin of a known Chinese surname (``zhang``, ``ouyang``).

    Examples
    --------
    >>> is_surname("ouyang"), is_surname("zhang"), is_surname("kejian")
    (True, True, False)
    """
    return _key(letters.lower()) in _surnames().pinyin


def split_chinese_name(zh: str) -> tuple[str, str] | None:
    """Split a Chinese personal name into surname and given name.

    Two-character surnames are recognised first. Returns ``None`` for strings that are not a
    Chinese name of 2 to 4 characters (a foreign name written 克里斯汀·费奇廷格, a title).

    Examples
    --------
    >>> split_chinese_name("欧阳自远")
    ('欧阳', '自远')
    >>> split_chinese_name("张克俭")
    ('张', '克俭')
    """
    zh = zh.strip()
    if not 2 <= len(zh) <= 4 or not all(is_han_char(c) for c in zh):
        return None
    table = _surnames()
    if len(zh) >= 3 and zh[:2] in table.compound:
        return zh[:2], zh[2:]
    return zh[:1], zh[1:]


def surname_readings(surname: str) -> tuple[str, ...]:
    """Pinyin of a surname as a surname (``单`` -> ``('shan',)``), pypinyin as a fallback.

    Examples
    --------
    >>> surname_readings("单"), surname_readings("曾"), surname_readings("欧阳")
    (('shan',), ('zeng',), ('ouyang',))
    """
    table = _surnames()
    found = table.compound.get(surname) or table.single.get(surname)
    if found:
        return found
    return ("".join(to_pinyin(surname)),)


def chinese_name_keys(zh: str) -> list[NameKey]:
    """Every :data:`NameKey` a Chinese personal name romanises to (surname readings first).

    Examples
    --------
    >>> chinese_name_keys("单忠德")
    [('shan', 'zhongde')]
    >>> chinese_name_keys("欧阳自远")
    [('ouyang', 'ziyuan')]
    """
    split = split_chinese_name(zh)
    if split is None:
        return []
    surname, given = split
    given_py = _key("".join(to_pinyin(given)))
    if not given_py:
        return []
    return [(_key(s), given_py) for s in surname_readings(surname)]


def wade_giles(zh: str) -> str:
    """The Wade-Giles spelling of a Chinese personal name (surname, then hyphenated given name).

    Examples
    --------
    >>> wade_giles("钱学森")
    "Ch'ien Hsüeh-sên"
    >>> wade_giles("欧阳自远")
    'Ou-yang Tzŭ-yüan'
    """
    split = split_chinese_name(zh)
    if split is None:
        raise ValueError(f"{zh!r} is not a Chinese personal name")
    surname, given = split
    table = _surnames()
    if surname in table.compound:
        sur_syl = list(split_syllables(table.compound[surname][0]) or ())
    else:
        sur_syl = [surname_readings(surname)[0]]
    parts = [
        "-".join(pinyin_to_wade_giles(s) for s in sur_syl),
        "-".join(pinyin_to_wade_giles(s) for s in to_pinyin(given)),
    ]
    return " ".join(p[:1].upper() + p[1:] for p in parts)


# -- romanised names --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Reading:
    """One way of reading a romanised name: its words as pinyin letters.

    ``system`` is ``"pinyin"`` or ``"wade-giles"``; ``caps`` is the index of the one word
    written in capitals (``ZHANG Kejian``: a surname marker), or ``None``.
    """

    system: str
    words: tuple[str, ...]
    caps: int | None = None


def _raw_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", clean_text(text)).translate(APOSTROPHES)
    return [w for w in _WORD_SPLIT.split(text.strip()) if w]


def _without_affixes(words: list[str]) -> list[str]:
    """The words of a name without the titles before it and the degrees after it
    (``name_affixes.yaml``): "Prof. Yuan Jie, PhD" is Yuan Jie. A word is left at least."""
    before, after = load_name_affixes()
    low = [w.casefold() for w in words]
    start, end = 0, len(words)
    moved = True
    while moved:
        moved = False
        for n in (2, 1):
            if end - start > n and tuple(low[start:start + n]) in before:
                start, moved = start + n, True
                break
            if end - start > n and tuple(low[end - n:end]) in after:
                end, moved = end - n, True
                break
    return words[start:end]


def _caps_index(words: list[str]) -> int | None:
    upper = [i for i, w in enumerate(words) if len(w) > 1 and w.isupper()]
    if len(upper) == 1 and len(words) > 1:
        return upper[0]
    return None


@lru_cache(maxsize=16384)
def read_romanised(text: str) -> tuple[Reading, ...]:
    """Readings of a romanised personal name: as pinyin, then syllable by syllable as Wade-Giles.

    Words are split at spaces, hyphens, commas and dots; a title before the name and a degree
    after it are no part of it ("Prof. Yuan Jie, PhD"). Returns ``()`` when the text is neither
    (an English name, a Han string, more than six words).

    Examples
    --------
    >>> read_romanised("ZHANG Ke-jian")[0]
    Reading(system='pinyin', words=('zhang', 'ke', 'jian'), caps=0)
    >>> [(r.system, r.words) for r in read_romanised("Ch'ien Hsüeh-sen")]
    [('wade-giles', ('qian', 'xue', 'sen'))]
    """
    raw = _without_affixes(_raw_words(text))
    if not raw or len(raw) > _MAX_WORDS:
        return ()
    caps = _caps_index(raw)
    folded = [fold_wade_giles(w) for w in raw]
    if not all(w.replace("'", "").isalpha() and w.isascii() for w in folded):
        return ()
    out: list[Reading] = []
    pinyin_words = []
    for w in folded:
        plain = w.replace("'", "")
        plain = _U_SPELLINGS.get(plain, plain)
        if split_syllables(plain) is None:
            break
        pinyin_words.append(_key(plain))
    else:
        out.append(Reading("pinyin", tuple(pinyin_words), caps))
    # Each word as one Wade-Giles syllable (Ch'ien Hsüeh-sen); also tried when the words
    # happen to spell pinyin too (Chang Chien), after the pinyin reading.
    options = []
    for w in folded:
        syllables = wade_giles_to_pinyin(w)
        if not syllables:
            return tuple(out)  # a word no syllable: no reading (the rest are not read)
        options.append(syllables)
    for combo in islice(product(*options), _MAX_READINGS):
        reading = Reading("wade-giles", tuple(_key(s) for s in combo), caps)
        if reading.words != (out[0].words if out else None):
            out.append(reading)
    return tuple(out)


def name_splits(reading: Reading, *, max_given: int = 3) -> list[tuple[NameKey, bool]]:
    """Every ``(surname, given)`` split of a reading, with whether the surname comes first.

    The surname is one word or two (``Ou-yang``); the given name is the rest, 1 to
    ``max_given`` syllables, in either order.

    Examples
    --------
    >>> [k for k, first in name_splits(Reading("pinyin", ("kejian", "zhang")))]
    [('kejian', 'zhang'), ('zhang', 'kejian')]
    """
    words = reading.words
    n = len(words)
    out: list[tuple[NameKey, bool]] = []
    if n < 2:
        return out
    for size in (1, 2):
        if size >= n:
            break
        for surname_first in (True, False):
            if surname_first:
                sur, giv = words[:size], words[size:]
            else:
                sur, giv = words[n - size :], words[: n - size]
            if reading.caps is not None:
                pos = 0 if surname_first else n - size
                if not pos <= reading.caps < pos + size:
                    continue
            given = "".join(giv)
            syl = split_syllables(given.replace("ü", "v"))
            if syl is None or not 1 <= len(syl) <= max_given:
                continue
            key = ("".join(sur), given)
            if (key, surname_first) not in out:
                out.append((key, surname_first))
    return out


def english_name_keys(name: str, zh_keys: Iterable[NameKey] = ()) -> list[NameKey]:
    """Name keys of an English (pinyin) spelling of a person's name.

    With the keys of the person's Chinese name, the surname is the word that spells one of
    its surname readings; without them, a word that is a known surname (first word first).

    Examples
    --------
    >>> english_name_keys("Shan Zhongde")
    [('shan', 'zhongde')]
    >>> english_name_keys("Hsue-Shen Tsien")
    []
    """
    out: list[NameKey] = []
    zh_surnames = {s for s, _ in zh_keys}
    for reading in read_romanised(name):
        if reading.system != "pinyin":
            continue
        for key, _first in name_splits(reading):
            known = key[0] in zh_surnames if zh_surnames else is_surname(key[0])
            if known and key not in out:
                out.append(key)
    return out
