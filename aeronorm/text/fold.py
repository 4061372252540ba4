"""Text normalisation: Unicode folding, tokens with spans, script detection.

Everything here is pure Python with no data files, cheap enough for the exact-match hot path.
This module holds the package's only definition of a Han character (:data:`HAN_CLASS`) and of
a bracketed or quoted aside (:data:`ASIDE_RE`); every other module uses these.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
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
    "probe_key",
    "probe_keys",
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
    if text.isascii() and _PRINTABLE_ASCII.fullmatch(text):
        # Fast path, same result: printable ASCII but the backtick needs no Unicode folding.
        return " ".join(text.lower().split())
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


# Probe keys (probe_key, probe_keys): texts in printable ASCII without digits or backticks are keyed
# as bytes, a newline between two texts of a batch. The separators are printable ASCII but letters,
# digits and the backtick; any other byte but a letter or the newline becomes a NUL (a text the
# bytes path cannot key).
_SEPARATORS = bytes(c for c in range(0x20, 0x7F) if not (chr(c).isalpha() or chr(c).isdigit() or c == 0x60))
_NUL_FOR_OTHERS = bytes(c if (chr(c).isascii() and chr(c).isalpha()) or c == 0x0A else 0 for c in range(256))
_LETTER_KEY = re.compile(r"(?:[a-z]+(?: [a-z]+)*)?")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_NOT_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_INVISIBLE_RE = re.compile("[" + "".join(map(chr, sorted(_INVISIBLE))) + "]")
_PUNCT_RE = re.compile("[" + re.escape("".join(map(chr, sorted(_PUNCT_FOLD)))) + "]")


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


def probe_key(key: str) -> bytes | str:
    """The exact stage's table key for a folded key (a :func:`fold_key` result); one-to-one.

    A key of lower-case ASCII letters is written in title case without its spaces, as bytes
    (``b"ChinaGreatWall"``): the capitals keep the word boundaries. :func:`probe_keys` computes
    that for a batch of raw names with a few operations on the whole batch. Any other key
    (digits, Han characters, other scripts) is its own probe key, a ``str``.

    Examples
    --------
    >>> probe_key("china great wall"), probe_key("no 5 institute"), probe_key("航天")
    (b'ChinaGreatWall', 'no 5 institute', '航天')
    """
    if _LETTER_KEY.fullmatch(key):
        return key.encode("ascii").title().replace(b" ", b"")  # as _letter_keys writes it
    return key


def probe_keys(texts: Iterable[str]) -> list[bytes | str]:
    """``[probe_key(fold_key(t)) for t in texts]``, computed for the whole batch at once.

    The texts are joined by newlines and folded together: a non-ASCII batch goes through
    :func:`fold`'s Unicode steps once (each maps a newline to itself and never reaches across
    one); then, on the bytes, apostrophes inside words are dropped, ``&`` spelt out, title case
    marks the first letter of each word and one ``bytes.translate`` drops every character but
    the letters. Texts this cannot key (digits, characters left outside ASCII, controls) are
    keyed one by one. A batch of distinct names costs a few C passes over its bytes, not a
    regular expression per name.

    Examples
    --------
    >>> probe_keys(["CHINA GREAT-WALL Co.", "China Great Wall Co", "Ｃｈｉｎａ’s No. 5"])
    [b'ChinaGreatWallCo', b'ChinaGreatWallCo', 'chinas no 5']
    """
    texts = texts if isinstance(texts, list) else list(texts)
    if not texts:
        return []
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # a newline inside a text
        return [probe_key(fold_key(t)) for t in texts]
    if joined.isascii():
        keys, redo = _letter_keys(joined.encode("ascii"))  # redo: a digit, a backtick, a control
    else:
        folded = _prefold(joined)
        if folded.count("\n") != len(texts) - 1:  # no folding step makes a newline; if one did
            return [probe_key(fold_key(t)) for t in texts]
        if not folded.isascii():  # a character left outside ASCII: a NUL, that text keyed on its own
            folded = _NOT_ASCII_RUN.sub("\x00", folded)
        keys, redo = _letter_keys(folded.encode("ascii"))
    for k in redo:
        keys[k] = probe_key(fold_key(texts[k]))
    return keys  # type: ignore[return-value]


def _prefold(text: str) -> str:
    """:func:`fold` without its whitespace squashing, for a batch joined by newlines: cleaned as
    :func:`clean_text` does, NFKC, accents removed, casefolded."""
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if _INVISIBLE_RE.search(text):
        text = _INVISIBLE_RE.sub("", text)
    text = _CONTROL.sub(" ", text)
    for char in set(_PUNCT_RE.findall(text)):
        text = text.replace(char, _PUNCT_FOLD[ord(char)])
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFD", text)
        for mark in {c for c in _NOT_ASCII.findall(decomposed) if unicodedata.combining(c)}:
            decomposed = decomposed.replace(mark, "")
        text = unicodedata.normalize("NFC", decomposed)
    return text.casefold()


def _letter_keys(raw: bytes) -> tuple[list[bytes], list[int]]:
    """Probe keys of texts joined by newlines, and which of the texts they do not fit (a byte
    other than a letter or punctuation: a digit, a backtick, a control)."""
    if b"'" in raw:
        raw = _inner_apostrophes(raw)
    if b"&" in raw:
        raw = raw.replace(b"&", b" and ")
    # Title case reads every non-letter as a word boundary, as fold_key does; then separators go,
    # and any other byte becomes a NUL (found with memchr, counting the lines on the way).
    keyed = raw.title().translate(_NUL_FOR_OTHERS, _SEPARATORS)
    redo: list[int] = []
    at = keyed.find(0)
    line = start = 0
    while at >= 0:
        line += keyed.count(b"\n", start, at)
        redo.append(line)
        start = keyed.find(b"\n", at) + 1
        if not start:
            break
        line += 1
        at = keyed.find(0, start)
    return keyed.split(b"\n"), redo


def _inner_apostrophes(raw: bytes) -> bytes:
    """An apostrophe between two letters dropped ("People's" is one word), any other one a
    space, as fold_key's tokens read them."""
    pieces = raw.split(b"'")
    out = [pieces[0]]
    for piece in pieces[1:]:
        inside = out[-1][-1:].isalpha() and piece[:1].isalpha()
        out.append(piece if inside else b" " + piece)
    return b"".join(out)


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
