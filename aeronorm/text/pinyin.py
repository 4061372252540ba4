"""Pinyin: recognising romanised Chinese and computing romanisations of Chinese names.

pypinyin is imported on first use only, so that ``import aeronorm`` stays cheap.
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..resources import load_pinyin_syllables

__all__ = ["has_syllables", "is_pinyin_word", "pinyin_initials", "split_syllables", "to_pinyin"]

_MAX_SYLLABLE = 6
# A Chinese word (a brand, a place, a person's given name) is one or two syllables: pinyin that
# short is a word of its own, never a typo of another (Huaxing 华兴 is not Huaxin 华信, Keyi is
# not Keji). A longer chain (zhizhiqu for zizhiqu) is rarely another word.
_WORD_SYLLABLES = 2


@lru_cache(maxsize=65536)
def split_syllables(word: str) -> tuple[str, ...] | None:
    """Split a lower-case word into toneless pinyin syllables, fewest syllables first.

    Apostrophes and hyphens mark syllable boundaries. Returns ``None`` when the word is
    not pinyin.

    Examples
    --------
    >>> split_syllables("hangtian")
    ('hang', 'tian')
    >>> split_syllables("xi'an")
    ('xi', 'an')
    >>> split_syllables("kepler") is None
    True
    """
    parts = [p for p in word.replace("-", "'").split("'") if p]
    if not parts:
        return None
    out: list[str] = []
    for part in parts:
        found = _split_one(part)
        if found is None:
            return None
        out.extend(found)
    return tuple(out)


def _split_one(word: str) -> tuple[str, ...] | None:
    prefixes = _syllable_prefixes()
    n = len(word)
    # count[i]: fewest syllables covering word[i:] (n + 1: none does), the first of them
    # word[i:after[i]]; ties prefer a longer first syllable. From each i only the prefixes of
    # syllables are read, and ints are kept, not a tuple per candidate (half the time).
    none = n + 1
    count = [none] * (n + 1)
    count[n] = 0
    after = [0] * (n + 1)
    get = prefixes.get
    for i in range(n - 1, -1, -1):
        best = none
        stop = i + _MAX_SYLLABLE if i + _MAX_SYLLABLE < n else n
        j = i + 1
        while j <= stop:
            whole = get(word[i:j])
            if whole is None:
                break  # no syllable begins so
            if whole and count[j] <= best:  # (<=: the longer of two equal ones)
                best = count[j]
                after[i] = j
            j += 1
        if best < none:
            count[i] = best + 1
    if count[0] == none:
        return None
    syllables = _syllables()
    out = []
    i = 0
    while i < n:
        j = after[i]
        out.append(syllables[word[i:j]])
        i = j
    return tuple(out)


def has_syllables(word: str, least: int, reading: tuple[str, ...] | None = None) -> bool:
    """``len(split_syllables(word) or ()) >= least``. ``reading``, syllables ``word`` is known to
    be made of (the pinyin of its Chinese), spares the split where they settle it: a word of
    syllables splits, and one longer than ``least - 1`` of the longest syllables cannot split
    into fewer than ``least``.

    Examples
    --------
    >>> has_syllables("xibeigongyedaxue", 3, ("xi", "bei", "gong", "ye", "da", "xue"))
    True
    >>> has_syllables("xian", 2), has_syllables("kepler", 1)
    (False, False)
    """
    if reading is not None and len(word) > (least - 1) * _MAX_SYLLABLE and "".join(reading) == word:
        known = _syllables()
        if all(s in known and len(s) <= _MAX_SYLLABLE for s in reading):
            return True
    return len(split_syllables(word) or ()) >= least


@lru_cache(maxsize=65536)
def to_pinyin(zh: str) -> tuple[str, ...]:
    """Toneless pinyin syllables of the Han characters of ``zh`` (other characters dropped).

    Examples
    --------
    >>> to_pinyin("西北工业大学")
    ('xi', 'bei', 'gong', 'ye', 'da', 'xue')
    """
    from pypinyin import Style, lazy_pinyin

    syllables = _syllables()
    read = lazy_pinyin(zh, style=Style.NORMAL, errors="ignore", v_to_u=False)
    return tuple(syllables.get(s, s) for s in read if s.isalpha())


@cache
def _syllables() -> dict[str, str]:
    """Each pinyin syllable, as one string object: the splits and readings remembered above
    (65,536 each) hold that one instead of a copy per word."""
    return {s: s for s in load_pinyin_syllables()}


@cache
def _syllable_prefixes() -> dict[str, bool]:
    """Each beginning of a pinyin syllable -> whether it is a syllable itself."""
    syllables = _syllables()
    return {s[:k]: s[:k] in syllables for s in syllables for k in range(1, len(s) + 1)}


def is_pinyin_word(word: str) -> bool:
    """Whether a lower-case romanised word reads as a Chinese word of its own: pinyin of one
    or two syllables, never read as a typo of other pinyin.

    Examples
    --------
    >>> is_pinyin_word("huaxing"), is_pinyin_word("keyi"), is_pinyin_word("zhizhiqu")
    (True, True, False)
    >>> is_pinyin_word("hauxin")
    False
    """
    syllables = split_syllables(word)
    return syllables is not None and len(syllables) <= _WORD_SYLLABLES


def pinyin_initials(word: str) -> str | None:
    """Initials of the syllables of a romanised word, or ``None`` if it is not one syllable chain.

    Examples
    --------
    >>> pinyin_initials("dalian")
    'dl'
    """
    syl = split_syllables(word)
    return "".join(s[0] for s in syl) if syl else None
