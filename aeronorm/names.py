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
from importlib import resources
from itertools import product

import yaml

from .romanization import split_syllables, to_pinyin
from .text import clean_text, is_han_char

__all__ = [
    "NameKey",
    "Reading",
    "chinese_name_keys",
    "english_name_keys",
    "is_surname",
    "name_splits",
    "pinyin_to_wade_giles",
    "read_romanised",
    "split_chinese_name",
    "surname_readings",
    "wade_giles",
    "wade_giles_to_pinyin",
]

#: ``(surname letters, given-name letters)``, lower case, ü written u.
NameKey = tuple[str, str]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_WORD_SPLIT = re.compile(r"[\s\-,.·・•_/]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "´": "'", "ʻ": "'"})
# Passport and older spellings of ü syllables (LYU for 吕).
_U_SPELLINGS = {"lyu": "lu", "nyu": "nu", "lue": "lue", "nue": "nue"}
_MAX_WORDS = 6
_MAX_READINGS = 64


def _read(name: str) -> dict:
    text = resources.files("aeronorm").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)


def _readings(value: str | list[str]) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else (value,)


@dataclass(frozen=True)
class _Surnames:
    compound: dict[str, tuple[str, ...]]
    single: dict[str, tuple[str, ...]]
    pinyin: frozenset[str]


@cache
def _surnames() -> _Surnames:
    raw = _read("surnames.yaml")
    compound = {k: _readings(v) for k, v in raw["compound"].items()}
    single = {k: _readings(v) for k, v in raw["single"].items()}
    letters = {_key(r) for table in (compound, single) for rs in table.values() for r in rs}
    return _Surnames(compound, single, frozenset(letters))


@dataclass(frozen=True)
class _WadeGiles:
    to_wg: dict[str, str]
    # folded Wade-Giles syllable -> pinyin syllables, surest first
    to_pinyin: dict[str, tuple[str, ...]]


@cache
def _wade_giles() -> _WadeGiles:
    table = {str(k): str(v) for k, v in _read("wade_giles.yaml")["syllables"].items()}
    exact: dict[str, list[str]] = {}
    loose: dict[str, list[str]] = {}
    for py, wg in table.items():
        # ü kept as v; ê and ŭ lose their marks (writers drop them more often than not).
        marked = _fold_wg(wg)
        exact.setdefault(marked, []).append(py)
        # Diaeresis dropped (hsueh), aspiration apostrophe dropped (chien): weaker readings.
        for variant in {
            marked.replace("v", "u"),
            marked.replace("'", ""),
            marked.replace("v", "u").replace("'", ""),
        } - {marked}:
            loose.setdefault(variant, []).append(py)
    merged: dict[str, tuple[str, ...]] = {}
    for key in exact.keys() | loose.keys():
        seen: list[str] = []
        for py in (*exact.get(key, ()), *loose.get(key, ())):
            if py not in seen:
                seen.append(py)
        merged[key] = tuple(seen)
    return _WadeGiles(table, merged)


def _fold_wg(text: str) -> str:
    """Lower case, ü -> v, other marks dropped, apostrophes unified."""
    text = unicodedata.normalize("NFC", text.translate(_APOSTROPHES).lower()).replace("ü", "v")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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


# -- syllables --------------------------------------------------------------------------------
def pinyin_to_wade_giles(syllable: str) -> str:
    """The Wade-Giles spelling of one toneless pinyin syllable.

    Examples
    --------
    >>> [pinyin_to_wade_giles(s) for s in ["qian", "xue", "zhong", "hai", "huo", "shuo", "si"]]
    ["ch'ien", 'hsüeh', 'chung', 'hai', 'huo', 'shuo', 'ssŭ']
    """
    s = syllable.lower().replace("ü", "v")
    wg = _wade_giles().to_wg.get(s) or _wade_giles().to_wg.get(s.replace("u", "v"))
    if wg is None:
        raise ValueError(f"{syllable!r} is not a pinyin syllable")
    return wg


def wade_giles_to_pinyin(syllable: str) -> tuple[str, ...]:
    """Pinyin syllables a Wade-Giles syllable may stand for, surest first (``()`` if none).

    Marks may be missing: ``hsueh`` is read as ``hsüeh``; without its apostrophe ``chien``
    is first ``jian`` (``chien``), then ``qian`` (``ch'ien``).

    Examples
    --------
    >>> wade_giles_to_pinyin("Ch'ien"), wade_giles_to_pinyin("hsüeh"), wade_giles_to_pinyin("hsueh")
    (('qian',), ('xue',), ('xue',))
    >>> wade_giles_to_pinyin("chien")
    ('jian', 'qian')
    """
    return _wade_giles().to_pinyin.get(_fold_wg(syllable), ())


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
    text = unicodedata.normalize("NFKC", clean_text(text)).translate(_APOSTROPHES)
    return [w for w in _WORD_SPLIT.split(text.strip()) if w]


def _caps_index(words: list[str]) -> int | None:
    upper = [i for i, w in enumerate(words) if len(w) > 1 and w.isupper()]
    if len(upper) == 1 and len(words) > 1:
        return upper[0]
    return None


@lru_cache(maxsize=16384)
def read_romanised(text: str) -> tuple[Reading, ...]:
    """Readings of a romanised personal name: as pinyin, then syllable by syllable as Wade-Giles.

    Words are split at spaces, hyphens, commas and dots. Returns ``()`` when the text is
    neither (an English name, a Han string, more than six words).

    Examples
    --------
    >>> read_romanised("ZHANG Ke-jian")[0]
    Reading(system='pinyin', words=('zhang', 'ke', 'jian'), caps=0)
    >>> [(r.system, r.words) for r in read_romanised("Ch'ien Hsüeh-sen")]
    [('wade-giles', ('qian', 'xue', 'sen'))]
    """
    raw = _raw_words(text)
    if not raw or len(raw) > _MAX_WORDS:
        return ()
    caps = _caps_index(raw)
    folded = [_fold_wg(w) for w in raw]
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
    options = [wade_giles_to_pinyin(w) for w in folded]
    if all(options):
        for combo in list(product(*options))[:_MAX_READINGS]:
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
