"""Text normalisation: Unicode folding, tokens with spans, script detection.

Everything here is pure Python with no data files, cheap enough for the exact-match hot path.
This module holds the package's only definition of a Han character (:data:`HAN_CLASS`) and of
a bracketed or quoted aside (:data:`ASIDE_RE`); every other module uses these.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, wraps
from itertools import accumulate, compress, islice
from typing import Any

__all__ = [
    "ASIDE_RE",
    "HAN_CLASS",
    "HAN_RE",
    "HAN_RUN_RE",
    "INVISIBLE_RE",
    "Reading",
    "Token",
    "clean_text",
    "fold",
    "fold_key",
    "has_han",
    "has_latin",
    "is_han_char",
    "is_upper_word",
    "looks_like_acronym",
    "positions_of",
    "probe_key",
    "probe_keys",
    "reading",
    "reading_without",
    "tokenize",
    "without_invisibles",
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
#: One of those characters (:func:`without_invisibles`).
INVISIBLE_RE = re.compile("[" + "".join(f"\\u{c:04x}" for c in _INVISIBLE) + "]")
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


def without_invisibles(text: str) -> tuple[str, list[int] | None]:
    """``text`` without the invisible characters :func:`clean_text` drops (soft hyphen, zero-width
    marks, bidi controls, BOM), and where each kept character stood in ``text`` (with ``len(text)``
    last, for an end offset); ``(text, None)`` when there is none.

    Running text is scanned on the first, and offsets found there mapped back through the second:
    ``Uni\u00adversity`` is one word, as it is in a name.

    Examples
    --------
    >>> without_invisibles("NW\u200bPU met")
    ('NWPU met', [0, 1, 3, 4, 5, 6, 7, 8, 9])
    >>> without_invisibles("NWPU")
    ('NWPU', None)
    """
    if not INVISIBLE_RE.search(text):
        return text, None
    kept = [i for i, ch in enumerate(text) if ord(ch) not in _INVISIBLE]
    return "".join(text[i] for i in kept), [*kept, len(text)]


@lru_cache(maxsize=1)
def _marks_class() -> str:
    """A regex class of the combining marks (canonical combining class not 0): the marks
    :func:`fold` drops from a name. Built on first need (a pass over the code points)."""
    marks = [c for c in range(0x300, 0x110000) if unicodedata.combining(chr(c))]
    ranges: list[list[int]] = []
    for c in marks:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "".join(f"\\U{a:08x}" + (f"-\\U{b:08x}" if b > a else "") for a, b in ranges)


@lru_cache(maxsize=1)
def _marks_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    marks = _marks_class()
    invisible = INVISIBLE_RE.pattern
    # an invisible character, or a character with the combining marks after it (marks alone at
    # the start of the text, or after an invisible, have no character before them)
    return re.compile(f"[{marks}]"), re.compile(f"({invisible}|.?[{marks}]+)", re.DOTALL)


@lru_cache(maxsize=4096)
def _composed(piece: str) -> str:
    """An invisible character read as nothing; a character and its marks composed (NFC), the marks
    that compose nothing dropped, as :func:`fold` drops them."""
    if len(piece) == 1 and ord(piece) in _INVISIBLE:
        return ""
    return "".join(c for c in unicodedata.normalize("NFC", piece) if not unicodedata.combining(c))


class Reading:
    """A text as a name is read (:func:`reading`), and where its characters stood in the text.

    ``text`` is the reading; :meth:`span` maps a span of it back to the text as written.
    """

    __slots__ = ("_at", "_lens", "_olens", "_orig", "text")

    def __init__(self, text: str, at: list[int], lens: list[int], orig: list[int], olens: list[int]):
        self.text = text
        # each piece that differs: where it starts and its length, in the reading and in the text
        self._at, self._lens, self._orig, self._olens = at, lens, orig, olens

    def _piece(self, k: int) -> tuple[int, bool]:
        """Where character ``k`` of the reading starts in the text, and whether it is a piece
        (its end is then the piece's end)."""
        i = bisect_right(self._at, k) - 1
        if i < 0:
            return k, False
        if k < self._at[i] + self._lens[i]:
            return i, True
        return k - self._at[i] - self._lens[i] + self._orig[i] + self._olens[i], False

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the text as written that ``self.text[start:end]`` reads: the marks of its
        letters and the invisibles between them inside it."""
        at, piece = self._piece(start)
        first = self._orig[at] if piece else at
        if end <= start:
            return first, first
        at, piece = self._piece(end - 1)
        return first, (self._orig[at] + self._olens[at] if piece else at + 1)


def reading(text: str) -> Reading | None:
    """``text`` as a name is read (:func:`fold`): without its invisible characters, and with each
    character and the combining marks after it composed (NFC), the marks that compose no
    character dropped; ``None`` when that is ``text`` itself.

    Running text is scanned on the reading, and its spans mapped back (:meth:`Reading.span`):
    ``Uni\u00adversity`` is one word, and so is decomposed (NFD) text's ``NWPU\u0301s`` (a mark is
    no word break); a mark after a name's last letter is inside the name's span, not after it.

    Examples
    --------
    >>> r = reading("NW\u200bPU met Xi\u0304 Q\u0301")
    >>> r.text
    'NWPU met Xī Q'
    >>> r.span(0, 4), r.span(9, 11), r.span(12, 13)
    ((0, 5), (10, 13), (14, 16))
    >>> reading("Xī Q") is None
    True
    """
    if not INVISIBLE_RE.search(text) and (text.isascii() or not _marks_res()[0].search(text)):
        return None
    parts = _marks_res()[1].split(text)  # plain, piece, plain, piece, ..., plain
    pieces = parts[1::2]
    where = [0, *accumulate(map(len, parts))]
    out = parts.copy()
    out[1::2] = composed = list(map(_composed, pieces))
    at = [0, *accumulate(map(len, out))]
    # (the offsets of the parts at odd places, the pieces; the last offset is the text's end)
    return Reading("".join(out), at[1:-1:2], list(map(len, composed)), where[1:-1:2], list(map(len, pieces)))


def reading_without(text: str, cuts: Sequence[tuple[int, int]]) -> Reading:
    """``text`` read without the spans ``cuts`` (in order, apart), as a :class:`Reading`: a scan
    of it is placed back on the text as written, a cut inside a span staying inside it.

    >>> r = reading_without("集團(tuán)第十", [(2, 8)])
    >>> r.text, r.span(0, 4)
    ('集團第十', (0, 10))
    """
    pieces: list[str] = []
    at: list[int] = []
    pos = length = 0
    for start, end in cuts:
        pieces.append(text[pos:start])
        length += start - pos
        at.append(length)
        pos = end
    pieces.append(text[pos:])
    return Reading("".join(pieces), at, [0] * len(cuts), [start for start, _ in cuts],
                   [end - start for start, end in cuts])


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
    return _tokens(fold(text))


def _tokens(folded: str) -> list[str]:
    """:func:`tokenize` of a text :func:`fold` (or :func:`_prefold`) made: its whitespace, squashed
    or not, only separates tokens."""
    return [m.group().replace("'", "") for m in _TOKEN.finditer(folded.replace("&", " and "))]


_PRINTABLE_ASCII = re.compile(r"[ -_a-~]*")  # printable ASCII except the backtick
_ASCII_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


# Probe keys (probe_key, probe_keys): a batch of texts is keyed as bytes, a newline between two
# texts. A key of letters is written in title case without its spaces (the letters pass: title case,
# then one translation drops the separators, and any byte but a letter or the newline becomes a NUL,
# a text that pass cannot key); a key with digits as the folded key itself, in ASCII (the digits
# pass: lower case, separators squashed to one space).
_SEPARATORS = bytes(c for c in range(0x20, 0x7F) if not (chr(c).isalpha() or chr(c).isdigit() or c == 0x60))
_NUL_FOR_OTHERS = bytes(c if (chr(c).isascii() and chr(c).isalpha()) or c == 0x0A else 0 for c in range(256))
_LETTER_KEY = re.compile(r"(?:[a-z]+(?: [a-z]+)*)?")
_DIGIT = re.compile(rb"[0-9]")
_BATCH = 50_000  # texts keyed together at most


def _lower_table(backtick: bytes) -> bytes:
    """The digits pass's translation: letters in lower case; digits, ``'``, ``&``, the newline and
    NUL kept; the backtick as ``backtick``; every other byte a space."""
    out = bytearray(b" " * 0x100)
    for c in b"abcdefghijklmnopqrstuvwxyz0123456789'&\n\x00":
        out[c] = c
    for c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        out[c] = c + 32
    out[0x60] = backtick[0]
    return bytes(out)


_LOWER = _lower_table(b"'")  # raw ASCII: a backtick folds to an apostrophe
_LOWER_PREFOLDED = _lower_table(b" ")  # after fold's steps, a backtick is what NFKC made of a full-width one
# Characters a combining mark may be among: outside ASCII and not Han (no ideograph is a mark).
_MAY_COMBINE = re.compile(r"[^\x00-\x7f" + HAN_CLASS[1:])
_NOT_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_INVISIBLE_RE = re.compile("[" + "".join(map(chr, sorted(_INVISIBLE))) + "]")
_PUNCT_RE = re.compile("[" + re.escape("".join(map(chr, sorted(_PUNCT_FOLD)))) + "]")


def _inside(char: str) -> str | None:
    """What ``char`` becomes inside a folded text, when that is one printable ASCII character.

    The characters given are letters, spaces and punctuation that compose with nothing: NFKC joins
    a character to what follows only through a combining mark, and no mark is in the map (a name
    holding one takes fold's own steps), so between any other mapped characters it folds the same."""
    folded = fold("a" + char + "a")
    middle = folded[1:-1]
    ok = len(folded) == 3 and folded[0] == folded[2] == "a" and " " <= middle <= "~"
    return middle if ok else None


_RARE = "#$%*+<=>@\\^{|}~"  # ASCII punctuation rare in names: its bytes go to other characters


def _wide_tables() -> tuple[Any, bytes]:
    """The character map of :func:`probe_keys`' non-ASCII batches and the translation of its bytes.

    ASCII letters, digits and common punctuation keep their bytes; the bytes of controls, of rare
    ASCII punctuation and 0x80-0xFF are given to the characters that fold to one ASCII character
    on their own: no-break and ideographic spaces, the quotes and dashes of :func:`clean_text`,
    full-width forms, small accented letters of Latin-1 and of pinyin, then other accented letters
    while bytes are left. The translation writes each byte as the bytes passes read it: the folded
    character (an ASCII backtick as the apostrophe it folds to, a full-width one as the separator
    NFKC makes of it), and a NUL for ``?`` (any character outside the map, and ``?`` itself).
    """
    ascii_kept = [c for c in range(0x80)
                  if chr(c) in "\t\n\r" or (" " <= chr(c) <= "~" and chr(c) not in _RARE)]
    free = iter([c for c in range(0x100) if c not in ascii_kept and c != 0])
    decoding = ["\ufffe"] * 0x100  # U+FFFE: a byte no character maps to
    fold_of = bytearray(0x100)  # NUL unless set
    for c in ascii_kept:
        decoding[c] = chr(c)
        fold_of[c] = c
    decoding[0] = "\x00"  # charmap_build wants it; a NUL stays a NUL
    fold_of[ord("?")] = 0
    fold_of[ord("`")] = ord("'")
    accented = [chr(c) for c in range(0xC0, 0x250) if unicodedata.decomposition(chr(c))[:1] not in ("", "<")]
    pinyin = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
    wanted = ["\u00a0", "\u3000", *map(chr, _PUNCT_FOLD), *map(chr, range(0xFF01, 0xFF5F)),
              *(c for c in accented if c.islower() and c < "\u0100"), *pinyin, *accented]  # most wanted first
    for char in dict.fromkeys(wanted):
        middle = _inside(char)
        if middle is None:
            continue
        byte = next(free, None)
        if byte is None:
            break
        decoding[byte] = char
        fold_of[byte] = ord(" " if middle == "`" else middle)
    return codecs.charmap_build("".join(decoding)), bytes(fold_of)


_WIDE_MAP, _WIDE_FOLD = _wide_tables()


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
    (``b"ChinaGreatWall"``): the capitals keep the word boundaries. Any other key in ASCII (with
    digits) is itself as bytes; a key in other scripts (Han characters, ...) is itself, a ``str``.
    :func:`probe_keys` computes these for a batch of raw names with a few operations on the whole
    batch.

    Examples
    --------
    >>> probe_key("china great wall"), probe_key("no 5 institute"), probe_key("航天")
    (b'ChinaGreatWall', b'no 5 institute', '航天')
    """
    if _LETTER_KEY.fullmatch(key):
        return key.encode("ascii").title().replace(b" ", b"")  # as _letter_keys writes it
    return key.encode("ascii") if key.isascii() else key


def probe_keys(texts: Iterable[str], *, joined: str | None = None) -> list[bytes | str]:
    """``[probe_key(fold_key(t)) for t in texts]``, computed for the whole batch at once.

    The texts are joined by newlines and keyed together. A batch in ASCII is its own bytes; a
    batch with other characters is encoded with one character map (:data:`_WIDE_MAP`: full-width
    forms, typographic quotes and dashes, no-break spaces and common accented letters, each to one
    byte that one ``bytes.translate`` folds); when few of its texts have such characters, the
    texts in ASCII are keyed apart, as a batch in ASCII. The letters pass keys the batch:
    apostrophes inside words dropped, ``&`` spelt out, title case marks the first letter of each
    word and one ``bytes.translate`` drops every character but the letters. The texts it cannot key take the
    digits pass (lower case, separators squashed), together; those with a character outside the
    map take :func:`fold`'s Unicode steps, together; only what is left then (a character left
    outside ASCII: Han, other scripts) is tokenized one by one, from its folded line. A batch of
    distinct names costs a few C passes over its bytes, not a regular expression per name.

    ``joined``, when given, is ``"\\n".join(texts)`` (a caller that joined them already).

    Examples
    --------
    >>> probe_keys(["CHINA GREAT-WALL Co.", "China Great Wall Co", "Ｃｈｉｎａ’s No. 5"])
    [b'ChinaGreatWallCo', b'ChinaGreatWallCo', b'chinas no 5']
    """
    texts = texts if isinstance(texts, list) else list(texts)
    if not texts:
        return []
    if len(texts) > _BATCH:  # the passes copy the batch a few times: bounded copies, same speed
        out: list[bytes | str] = []
        for start in range(0, len(texts), _BATCH):
            out += probe_keys(texts[start : start + _BATCH])
        return out
    if joined is None:
        joined = "\n".join(texts)
    if not joined.isascii() and (apart := _ascii_apart(texts)) is not None:
        return apart
    encode = _ascii_bytes if joined.isascii() else _wide_bytes
    keys, redo = _letter_keys(encode(joined))  # redo: a digit, a backtick, a control, a NUL
    if len(keys) != len(texts):  # a newline inside a text (no folding step makes or takes one)
        return [probe_key(fold_key(t)) for t in texts]
    if redo:
        redo = _digit_keys([texts[k] for k in redo], redo, keys, encode, _LOWER)
    if redo:  # characters outside the map: fold's Unicode steps
        redo = _unicode_keys(texts, redo, keys)
    for k in redo:
        keys[k] = probe_key(fold_key(texts[k]))
    return keys  # type: ignore[return-value]


def _ascii_apart(texts: list[str]) -> list[bytes | str] | None:
    """:func:`probe_keys` of a batch in which a few texts are not in ASCII (a Han or an accented
    name among English ones): the ASCII texts keyed apart, as a batch in ASCII, so that they skip
    the character map (about 150 ns a name); ``None`` when more than a quarter are not in ASCII."""
    if sum(not t.isascii() for t in islice(texts, 32)) > 8:  # mostly wide: one map for all
        return None
    plain = list(map(str.isascii, texts))
    wide = positions_of(plain, False)
    if 4 * len(wide) > len(texts):
        return None
    ascii_keys = probe_keys(list(compress(texts, plain)))
    out: list[bytes | str] = []
    at = 0
    for k, key in zip(wide, probe_keys([texts[k] for k in wide]), strict=True):
        take = k - len(out)  # the ASCII texts before text k
        out += ascii_keys[at : at + take]
        at += take
        out.append(key)
    out += ascii_keys[at:]
    return out


def positions_of(values: list[Any], value: Any) -> list[int]:
    """The positions of ``value`` in ``values``, found by ``list.index`` (a C loop: for values that
    are few, the batch paths' misses and odd names)."""
    out = []
    k = -1
    try:
        while True:
            k = values.index(value, k + 1)
            out.append(k)
    except ValueError:
        return out


def _ascii_bytes(text: str) -> bytes:
    return text.encode("ascii")


def _wide_bytes(text: str) -> bytes:
    """One C pass maps each character :data:`_WIDE_MAP` knows to its byte (``?`` for any other),
    one translation folds those bytes (the others become NULs)."""
    return codecs.charmap_encode(text, "replace", _WIDE_MAP)[0].translate(_WIDE_FOLD)


def _digit_keys(texts: list[str], which: list[int], keys: list[bytes], encode: Callable[[str], bytes],
                lower: bytes) -> list[int]:
    """The digits pass over ``texts`` (``keys[which[j]]`` is that of ``texts[j]``): each text in
    lower case, separators squashed to one space. Returns the texts it could not key (a NUL)."""
    raw = encode("\n".join(texts)).translate(lower)
    if b"&" in raw:
        raw = raw.replace(b"&", b" and ")
    if b"'" in raw:
        raw = _inner_apostrophes(raw)
    while b"  " in raw:
        raw = raw.replace(b"  ", b" ")
    raw = raw.replace(b" \n", b"\n").replace(b"\n ", b"\n").strip(b" ")
    left = []
    for k, key in zip(which, raw.split(b"\n"), strict=True):
        if 0 in key:
            left.append(k)
        else:  # the folded key itself; without a digit, the letters' title case
            keys[k] = key if _DIGIT.search(key) else key.title().replace(b" ", b"")
    return left


def _unicode_keys(texts: list[str], which: list[int], keys: list[bytes]) -> list[int]:
    """Keys of ``texts[k]`` for ``k`` in ``which`` through :func:`fold`'s Unicode steps (all
    of them at once), written into ``keys``; returns the texts left to key one by one (all of
    them if a step made a newline, else none)."""
    prefolded = _prefold("\n".join([texts[k] for k in which]))
    if prefolded.count("\n") != len(which) - 1:  # no folding step makes a newline; if one did
        return which
    # A character left outside ASCII (Han, other scripts) becomes a NUL: the bytes passes leave
    # that text, whose key is then made from its folded line as fold_key makes it from fold's.
    folded = prefolded if prefolded.isascii() else _NOT_ASCII_RUN.sub("\x00", prefolded)
    some, redo = _letter_keys(folded.encode("ascii"))
    for k, key in zip(which, some, strict=True):
        keys[k] = key
    if redo:
        lines = folded.split("\n")
        redo = _digit_keys([lines[j] for j in redo], redo, some, _ascii_bytes, _LOWER_PREFOLDED)
        for j, key in enumerate(some):
            keys[which[j]] = key
    if redo:
        lines = prefolded.split("\n")
        for j in redo:
            keys[which[j]] = probe_key(" ".join(_tokens(lines[j])))
    return []


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
        for mark in {c for c in _MAY_COMBINE.findall(decomposed) if unicodedata.combining(c)}:
            decomposed = decomposed.replace(mark, "")
        text = unicodedata.normalize("NFC", decomposed)
    return text.casefold()


def _letter_keys(raw: bytes) -> tuple[list[bytes], list[int]]:
    """Probe keys of texts joined by newlines, and which of the texts they do not fit (a byte
    other than a letter or punctuation: a digit, a backtick, a control)."""
    if b"'" in raw:
        # An apostrophe between two letters is dropped, any other is a separator: dropped too, as
        # a separator is next to it already (title case marks the word after it), unless that
        # is another apostrophe. (Deleted in one pass, not split and joined: a copy of the batch
        # and no object per apostrophe.)
        raw = _inner_apostrophes(raw) if _doubled(raw, b"'") else raw.replace(b"'", b"")
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


def _doubled(raw: bytes, char: bytes) -> bool:
    """Whether ``char`` (one byte) occurs twice in a row in ``raw``. Its occurrences are walked
    with memchr while they are sparse (apostrophes: a few in a thousand bytes); the rest is
    searched for the pair, a loop over every byte, once they are not."""
    pair = char + char
    k = raw.find(char)
    walked = 0
    while k >= 0:
        if raw.startswith(pair, k):
            return True
        walked += 1
        if walked > 16 + (k >> 7):  # more than one occurrence in 128 bytes so far
            return raw.find(pair, k + 1) >= 0
        k = raw.find(char, k + 1)
    return False


def _inner_apostrophes(raw: bytes) -> bytes:
    """An apostrophe between two letters dropped ("People's" is one word), any other one a
    space, as fold_key's tokens read them."""
    pieces = raw.split(b"'")
    out = [pieces[0]]
    for piece in pieces[1:]:
        inside = out[-1][-1:].isalnum() and piece[:1].isalnum()
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
