"""Text normalisation: Unicode folding, tokens with spans, script detection.

Everything here is pure Python with no data files, cheap enough for the exact-match hot path.
This module holds the package's only definition of a Han character (:data:`HAN_CLASS`) and of
a bracketed or quoted aside (:data:`ASIDE_RE`); every other module uses these.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps

__all__ = [
    "ASIDE_RE",
    "HAN_CLASS",
    "HAN_RE",
    "HAN_RUN_RE",
    "Token",
    "clean_text",
    "fold",
    "fold_key",
    "has_han",
    "has_latin",
    "is_han_char",
    "is_upper_word",
    "looks_like_acronym",
    "tokenize",
]

# Characters that only change how a name looks: zero-width marks, bidi controls, soft hyphen.
_INVISIBLE = dict.fromkeys(
    [
        0x00AD,
        0x034F,
        0x061C,
        0x180E,
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2070),
        0xFEFF,
    ],
    None,
)
# Quotes and dashes that translators use interchangeably.
_PUNCT_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "´": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "﹣": "-",
        "－": "-",
        "（": "(",
        "）": ")",
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
        "［": "(",
        "］": ")",
        "《": '"',
        "》": '"',
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "〈": '"',
        "〉": '"',
        "，": ",",
        "、": ",",
        "。": ".",
        "：": ":",
        "；": ";",
        "·": " ",
        "・": " ",
        "•": " ",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
# A token: a run of letters/digits (Han characters included), apostrophes allowed inside.
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
#: A character class of the CJK ideographs, simplified and traditional (BMP and supplementary).
HAN_CLASS = (
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002ebef\U00030000-\U0003134f]"
)
#: One Han character.
HAN_RE = re.compile(HAN_CLASS)
#: A run of Han characters.
HAN_RUN_RE = re.compile(HAN_CLASS + "+")
#: A parenthesised, bracketed or quoted aside with the spaces around it: "(BUPT)",
#: "(“Huada Coffee”)", "[CALT sea launch]", full-width brackets included.
ASIDE_RE = re.compile(r"\s*[(\[（【][^()\[\]（）【】]*[)\]）】]\s*|\s*[\"“][^\"“”]*[\"”]\s*")
_HAN = HAN_RE
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def clean_text(text: str) -> str:
    """Make a string safe to match: lone surrogates replaced, controls and invisibles dropped.

    Quotes, dashes and full-width brackets are folded to ASCII. Whitespace is *not* squashed,
    so that the result can still be compared with the input character by character when
    the input had no such characters.

    Examples
    --------
    >>> clean_text("China Sp\\u200bace\\x00Foundation")
    'China Space Foundation'
    >>> clean_text("Xi’an")
    "Xi'an"
    """
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    text = text.translate(_INVISIBLE)
    text = _CONTROL.sub(" ", text)
    return text.translate(_PUNCT_FOLD)


def _memo(fn: Callable[[str], str]) -> Callable[[str], str]:
    """``lru_cache(maxsize=65536)``, except that a string of more than 1,000 characters (a
    megabyte token of running text) is folded, not remembered: memory kept after a call must
    not grow with the long strings seen."""
    cached = lru_cache(maxsize=65536)(fn)

    @wraps(fn)
    def call(text: str) -> str:
        return cached(text) if len(text) <= 1000 else fn(text)

    call.cache_info = cached.cache_info  # type: ignore[attr-defined]
    call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return call


@_memo
def fold(text: str) -> str:
    """Fold a name for comparison: NFKC, accents removed, casefolded, quotes and dashes unified.

    Punctuation other than quotes and dashes is kept; whitespace is squashed.

    Examples
    --------
    >>> fold("  Ｘｉ’ＡＮ  Ｓａｔｅｌｌｉｔｅ ")
    "xi'an satellite"
    >>> fold("Hsüeh-sen")
    'hsueh-sen'
    """
    text = unicodedata.normalize("NFKC", clean_text(text))
    if not text.isascii():
        decomposed = unicodedata.normalize("NFD", text)
        # Drop combining marks on Latin letters only: Han and other scripts keep theirs.
        text = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    return _SPACES.sub(" ", text.casefold()).strip()


def tokenize(text: str) -> list[str]:
    """Split a folded or raw string into word tokens, apostrophes removed, ``&`` read as ``and``.

    Examples
    --------
    >>> tokenize("China Aerospace Science & Industry Corp.")
    ['china', 'aerospace', 'science', 'and', 'industry', 'corp']
    >>> tokenize("People's Government of Fujian Province")
    ['peoples', 'government', 'of', 'fujian', 'province']
    """
    folded = fold(text).replace("&", " and ")
    return [m.group().replace("'", "") for m in _TOKEN.finditer(folded)]


_PRINTABLE_ASCII = re.compile(r"[ -_a-~]*")  # printable ASCII except the backtick
_ASCII_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


@_memo
def fold_key(text: str) -> str:
    """The exact-match key: folded tokens joined by single spaces.

    Examples
    --------
    >>> fold_key("China Great Wall Industry Corp.")
    'china great wall industry corp'
    >>> fold_key("CHINA  great-wall industry corp")
    'china great wall industry corp'
    """
    if text.isascii() and _PRINTABLE_ASCII.fullmatch(text):
        # Fast path, same result: printable ASCII needs no Unicode folding.
        return " ".join(_ASCII_TOKEN.findall(text.lower().replace("&", " and "))).replace("'", "")
    return " ".join(tokenize(text))


@dataclass(frozen=True, slots=True)
class Token:
    """A word of running text with its span in the original string."""

    start: int
    end: int
    text: str
    norm: str


def iter_tokens(text: str) -> list[Token]:
    """Word tokens of ``text`` with spans into ``text`` itself (not into a folded copy).

    Examples
    --------
    >>> [(t.start, t.end, t.norm) for t in iter_tokens("CASIC’s 6th Academy")]
    [(0, 7, 'casics'), (8, 11, '6th'), (12, 19, 'academy')]
    """
    cleaned = text.translate(_PUNCT_FOLD)
    out = []
    for m in _TOKEN.finditer(cleaned):
        raw = m.group()
        norm = fold(raw).replace("'", "")
        out.append(Token(m.start(), m.end(), text[m.start() : m.end()], norm))
    return out


def is_han_char(ch: str) -> bool:
    """True for a CJK ideograph (simplified or traditional)."""
    return bool(_HAN.match(ch))


def has_han(text: str) -> bool:
    """True when ``text`` contains at least one CJK ideograph."""
    return _HAN.search(text) is not None


def has_latin(text: str) -> bool:
    """True when ``text`` contains at least one Latin letter."""
    return _LATIN.search(text) is not None



_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&\-]{1,11}$")


def looks_like_acronym(text: str) -> bool:
    """One word of two capitals or more, mostly upper case (``NWPU``, ``AIRCAS``, ``CASIC-IT``).

    Examples
    --------
    >>> [looks_like_acronym(s) for s in ["NWPU", "Nwpu", "ExPace", "CAS Space"]]
    [True, False, False, False]
    """
    text = text.strip().rstrip(".")
    if not _ACRONYM.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def is_upper_word(word: str) -> bool:
    """A word written all in capitals, with a letter in it (``CAST``, ``CZ-5``, not ``5``).

    Examples
    --------
    >>> [is_upper_word(w) for w in ["CAST", "CZ-5", "Cast", "55"]]
    [True, True, False, False]
    """
    return len(word) >= 2 and word.isupper() and any(c.isalpha() for c in word)
