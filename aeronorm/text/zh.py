"""Chinese strings: traditional to simplified (OpenCC), and folding for Chinese matching.

* :func:`to_simplified` converts traditional characters with OpenCC (``t2s``), cached; OpenCC
  is loaded here only, on first use.
* :func:`fold_han` folds a string for Chinese matching *character for character* (full-width
  letters and digits to ASCII, brackets and quotes unified, traditional to simplified), so
  that a position in the folded string is the same position in the original.
* :func:`compact_han` is the comparison form of a Chinese name.
* :func:`fold_keeps` tells a folded string that no stretch of it can fold to other characters.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import unicodedata
from functools import cache, lru_cache
from typing import Any

from ..resources import data_yaml, load_chinese_words
from .fold import HAN_CLASS, HAN_RE, HAN_RUN_RE, clean_text, is_han_char

__all__ = ["body_ending", "chinese_numeral", "compact_han", "fold_han", "fold_keeps", "gb2312_han",
           "maybe_traditional", "to_simplified"]


_converter: Any = None
_converter_lock = threading.Lock()


def _opencc() -> Any:
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                import opencc

                _converter = opencc.OpenCC("t2s")
    return _converter


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional Chinese characters converted to simplified (OpenCC ``t2s``); other text kept.

    Examples
    --------
    >>> to_simplified("中國航天科工集團")
    '中国航天科工集团'
    >>> to_simplified("CASIC 二院")
    'CASIC 二院'
    """
    if HAN_RE.search(text) is None:
        return text
    return _opencc().convert(text)


def maybe_traditional(text: str) -> bool:
    """Whether ``text`` may hold traditional characters: a Han character outside GB 2312, the
    simplified set, without loading OpenCC (電 is outside it, 电 inside).

    Examples
    --------
    >>> maybe_traditional("智能電子"), maybe_traditional("智能电子"), maybe_traditional("CASC")
    (True, False, False)
    """
    if text.isascii():
        return False
    try:  # the Han characters at once: one of them outside GB 2312 fails the whole encoding
        "".join(HAN_RUN_RE.findall(text)).encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """One character folded for Chinese matching, or itself when folding would change length."""
    folded = unicodedata.normalize("NFKC", clean_text(ch))
    return folded if len(folded) == 1 else ch


# The characters met by fold_han, and the folds of those folding changes: a str.translate table
# (one pass in C over a text, not a Python call per character). Capped, never cleared (another
# thread may be reading it): past the cap, a text with a character not met yet takes the loop.
_met: set[str] = set()
_changed: dict[int, str] = {}
_MAX_MET = 100_000
_MAX_REPLACED = 8  # more characters to fold in one text: translate's one pass is cheaper


def _fold_chars(text: str) -> str:
    """:func:`_fold_char` of every character of ``text``."""
    chars = set(text)
    new = chars.difference(_met)
    if new:
        if len(_met) + len(new) > _MAX_MET:
            return "".join(_fold_char(c) for c in text)
        for c in new:
            folded = _fold_char(c)
            if folded != c:
                _changed[ord(c)] = folded
        _met.update(new)  # after their folds: a character met is a character whose fold is known
    folds = {c: f for c in chars if (f := _changed.get(ord(c))) is not None}
    if len(folds) > _MAX_REPLACED or not folds.keys().isdisjoint(folds.values()):
        return text.translate(_changed)
    # A few characters to fold (punctuation, mostly): one str.replace each is a pass in C over
    # the text, where translate looks every character up; the same text, as no fold is another's.
    for c, f in folds.items():
        text = text.replace(c, f)
    return text


@lru_cache(maxsize=16384)
def fold_han(text: str) -> str:
    """Fold ``text`` for Chinese matching, keeping its length: position *i* stays position *i*.

    Full-width letters, digits and punctuation become ASCII, brackets and quotes are unified,
    traditional characters become simplified. OpenCC's phrase conversion is used when it keeps
    the length (it almost always does); otherwise each character is converted on its own.

    Examples
    --------
    >>> fold_han("中國航天科工集團（ＣＡＳＩＣ）")
    '中国航天科工集团(CASIC)'
    """
    if fold_keeps(text):
        return text  # no character of it folds (a stretch of folded text, as the scan looks up)
    folded = _fold_chars(text)
    simplified = to_simplified(folded)
    if len(simplified) == len(folded):
        return simplified
    out = []
    for c in folded:
        s = to_simplified(c) if is_han_char(c) else c
        out.append(s if len(s) == 1 else c)
    return "".join(out)


_NOT_NAME_CHAR = re.compile(r"[^0-9a-z" + HAN_CLASS[1:-1] + "]+")


def compact_han(text: str) -> str:
    """The comparison form of a Chinese name: folded, lower case, spaces and punctuation gone.

    Examples
    --------
    >>> compact_han("九天微星 (上海)航天科 技有限公司")
    '九天微星上海航天科技有限公司'
    >>> compact_han("中國航天科工集團·二院")
    '中国航天科工集团二院'
    """
    return _NOT_NAME_CHAR.sub("", fold_han(text).lower())


# Characters of a string fold_keeps may vouch for: Han characters of GB 2312's range, ASCII letters
# and digits, and the joiners of a unit of the Chinese scan.
_PLAIN = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9_+#&.%\-]*")


def fold_keeps(text: str) -> bool:
    """Whether :func:`fold_han` leaves every stretch of ``text`` as it is: its characters are Han
    characters of GB 2312 that OpenCC's ``t2s`` never changes, in any phrase
    (``aeronorm/data/opencc_t2s.yaml``), ASCII letters, digits and ``_+#&.%-`` (each of which
    folds to itself: ``tests/text/test_zh_fold.py``).

    ``fold_han`` of a stretch cut out of folded text may differ from the stretch, because
    OpenCC converts phrases: ``藉口`` becomes ``借口`` although ``狼藉口`` keeps its ``藉``. Not so
    for these characters. ``False`` whenever OpenCC's installed dictionaries are not those the
    list was read from.

    With those dictionaries ``fold_keeps("CASIC二院2020")`` is ``True``; whatever is installed:

    >>> fold_keeps("藉口"), fold_keeps("航天 CASC"), fold_keeps("電子")
    (False, False, False)
    """
    if _PLAIN.fullmatch(text) is None:
        return False
    changed = _t2s_changed()
    if changed is None or maybe_traditional(text):
        return False
    return changed.isdisjoint(text)


@cache
def _t2s_changed() -> frozenset[str] | None:
    """The GB 2312 characters OpenCC's ``t2s`` may change, or ``None`` when the installed
    dictionaries are not those the list was read from (or cannot be read)."""
    data = data_yaml("opencc_t2s.yaml")
    try:
        import opencc

        folder = os.path.join(os.path.dirname(opencc.__file__), "clib", "share", "opencc")
        digest = hashlib.sha256()
        for name in data["files"]:
            with open(os.path.join(folder, name), "rb") as fh:
                content = fh.read()
            digest.update(name.encode() + b"\0" + len(content).to_bytes(8, "little") + content)
    except (ImportError, OSError):
        return None
    if digest.hexdigest() != data["digest"]:
        return None
    return frozenset(data["changed"])


_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_numeral(text: str) -> int | None:
    """The value of a Chinese numeral below 10,000, written with its units (十二 is 12, 二十一
    is 21, 一百零一 is 101) or digit by digit (二〇二〇 is 2020); ``None`` for anything else.

    Examples
    --------
    >>> [chinese_numeral(s) for s in ("五", "十二", "一百零一", "二〇二〇")]
    [5, 12, 101, 2020]
    >>> chinese_numeral("九天") is None, chinese_numeral("") is None, chinese_numeral("十十") is None
    (True, True, True)
    """
    if not text:
        return None
    if all(c in _ZH_DIGITS for c in text):
        return int("".join(str(_ZH_DIGITS[c]) for c in text))
    total, digit, last_unit = 0, None, 10_000
    for c in text:
        if c in _ZH_DIGITS:
            if digit is not None:
                return None  # two digits side by side, outside a number written digit by digit
            digit = _ZH_DIGITS[c] or None  # a zero only holds a place (一百零一)
        elif c in _ZH_UNITS:
            unit = _ZH_UNITS[c]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit  # 十 alone is ten
            digit, last_unit = None, unit
        else:
            return None
    return total + (digit or 0)


@cache
def gb2312_han() -> tuple[str, ...]:
    """The Han characters of GB 2312, the simplified characters of everyday Chinese (6,763).

    Examples
    --------
    >>> len(gb2312_han()), "航" in gb2312_han(), "電" in gb2312_han()
    (6763, True, False)
    """
    out = []
    for hi in range(0xB0, 0xF8):  # the rows of Han characters
        for lo in range(0xA1, 0xFF):
            try:
                c = bytes((hi, lo)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            if is_han_char(c):
                out.append(c)
    return tuple(out)


def body_ending(zh: str) -> str:
    """The type of body a Chinese name ends in (``unit_endings`` of ``aeronorm/data/chinese.yaml``,
    the longest: 学校, not 校), or ``""``.

    >>> body_ending("秦岭火箭军士官学校"), body_ending("秦岭航天研究院"), body_ending("秦岭航天")
    ('学校', '院', '')
    """
    return max((u for u in load_chinese_words().unit_endings if zh.endswith(u)), key=len, default="")
