"""Asides in names: which bracketed or quoted parts only repeat the name (an acronym, a quoted
short name, an "a.k.a." note) and which say more (a place, a number)."""

from __future__ import annotations

import re
from functools import cache

from ..resources import load_chinese_words, load_common_words, load_place_codes
from .fold import ASIDE_RE
from .pinyin import split_syllables

__all__ = ["acronym_asides", "aside_items", "is_redundant_aside", "without_redundant_asides"]

_SPACES = re.compile(r"\s+")
_AKA_EN = r"(?:a[./]?k[./]?a\.?|f/k/a|aka|also|formerly|former|or|i\.e\.|hereinafter)\b"
_AKA_WORDS_EN = (r"(?:a[./]?k[./]?a\.?|f/k/a|aka|also|formerly|former|or|i\.e\.|known|called|named|as|the"
                 r"|previously|originally|hereinafter|referred|to)\b\W*")


@cache
def _aka() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An "a.k.a." note's opening, and the note's words before the name it gives ("also known
    as", "formerly called", and the Chinese notes of ``chinese.yaml``: 以下简称, 原名)."""
    words = load_chinese_words()
    notes = sorted((*words.short_name_notes, *words.other_name_notes), key=len, reverse=True)
    zh = "|".join(map(re.escape, notes))
    return (re.compile(rf"^\W*(?:{_AKA_EN}|{zh})", re.IGNORECASE),
            re.compile(rf"^\W*(?:{_AKA_WORDS_EN}|(?:{zh})[为:：]?\W*)+", re.IGNORECASE))


_QUOTES = " \"'“”‘’「」『』"
_ITEMS = re.compile(r"\s*[,;\uff0c\uff1b]\s*")
_MAX_ACRONYM = 8


def is_redundant_aside(aside: str, *, caseless: bool = False) -> bool:
    """Whether an aside (brackets or quotes included) only repeats the name: a quoted short
    name, an "a.k.a." note, or one word of two capitals or more (an acronym). In a name written
    all in lower case (``caseless``), where no capital tells an acronym, one word that is
    neither English nor pinyin is one too.

    Examples
    --------
    >>> is_redundant_aside("(BUPT)"), is_redundant_aside('("Huada Coffee")'), is_redundant_aside("(Xi'an)")
    (True, True, False)
    >>> is_redundant_aside("(CASTC, also known as CASC)"), is_redundant_aside("(JSLC, Base 20)")
    (True, False)
    >>> [is_redundant_aside(a, caseless=True) for a in ("(bupt)", "(xi'an)", "(hubei)", "(group)")]
    [True, False, False, False]
    """
    inner = aside.strip(" ()[]（）【】")
    if inner[:1] in "\"“":
        return True
    return _redundant_item(inner, caseless) or all(_redundant_item(i, caseless) for i in _ITEMS.split(inner))


def _redundant_item(item: str, caseless: bool = False) -> bool:
    """One item of an aside that repeats the name: an acronym or an "a.k.a." note ("CASTC, also
    known as CASC" is two); a place's code is no acronym of the name ("X Co. (HK)" is its Hong
    Kong company: ``place_codes`` of ``places.yaml``)."""
    words = item.split()
    if len(words) == 1 and item.replace(".", "").upper() in load_place_codes()[1]:
        return False
    if _aka()[0].match(item):
        return True
    if len(words) != 1:
        return False
    if caseless:
        return _caseless_acronym(item)
    return sum(c.isupper() for c in item) >= 2


def _caseless_acronym(word: str) -> bool:
    """Whether a word in lower case may be an acronym: 2 to 8 letters, no English word, no pinyin."""
    return 2 <= len(word) <= _MAX_ACRONYM and word.isascii() and word.isalpha() and \
        word not in load_common_words() and split_syllables(word) is None


def _caseless(text: str) -> bool:
    return not any(c.isupper() for c in text)


def aside_items(aside: str) -> tuple[str, ...]:
    """The names an aside gives, an "a.k.a." note's words taken off each: what each says the
    name is.

    Examples
    --------
    >>> aside_items("CASTC, also known as CASC")
    ('CASTC', 'CASC')
    >>> aside_items("a.k.a. Xiling Orbital"), aside_items("a.k.a., Xiling Orbital")
    (('Xiling Orbital',), ('Xiling Orbital',))
    """
    items = (_aka()[1].sub("", item).strip(_QUOTES) for item in _ITEMS.split(aside.strip(" ()[]（）【】")))
    return tuple(item for item in items if item)


def acronym_asides(text: str) -> tuple[str, ...]:
    """The acronyms ``text`` gives in brackets after its words (one word of two capitals or
    more), brackets off: the acronyms of the whole name. One inside the name is a part's
    ("China Aerospace Science and Industry Corporation (CASIC) Second Academy").

    Examples
    --------
    >>> acronym_asides("China Academy of Space Technology (CAST)")
    ('CAST',)
    >>> acronym_asides("China Aerospace Science and Industry Corporation (CASIC) Second Academy")
    ()
    >>> acronym_asides("China Academy of Space Technology (Xi'an)")
    ()
    """
    out = []
    end = len(text.rstrip())
    caseless = _caseless(text)
    for m in reversed(list(ASIDE_RE.finditer(text))):
        if m.end() < end:
            break  # words follow: this aside and those before it are inside the name
        end = m.start()
        aside = m.group().strip()
        inner = aside.strip(" ()[]（）【】")
        bracketed = aside[:1] in "([（【"
        if bracketed and is_redundant_aside(aside, caseless=caseless) and not _aka()[0].match(inner) \
                and len(inner.split()) == 1:
            out.append(inner)
    return tuple(reversed(out))


def without_redundant_asides(text: str) -> str:
    """``text`` without its redundant asides, or ``""`` when it has none (or nothing else).

    Examples
    --------
    >>> without_redundant_asides("Beijing University of Posts and Telecommunications (BUPT)")
    'Beijing University of Posts and Telecommunications'
    >>> without_redundant_asides("China Academy of Space Technology (Xi'an)")
    ''
    """
    caseless = _caseless(text)
    kept = ASIDE_RE.sub(lambda m: " " if is_redundant_aside(m.group(), caseless=caseless) else m.group(),
                        text)
    core = _SPACES.sub(" ", kept).strip()
    return core if core and core != text else ""
