"""Typos and spacing in a name's unknown words, read before the stages run again (pass 8).

A word of the query that no vocabulary knows (the words of the glossary's names, the pinyin of
its Chinese names, the term lexicon's words) is read as the one known word it is a typo of
(``Cenral`` as ``central``), or split into the two known words it joins (``LaunchData``); two
words are joined when their join is a known word and one of them is not (``Spacef light``).
Known words are never changed: Hubei is not Hebei, Technology is not Industry; nor is a word
that is pinyin (Keyi is another Chinese word than Keji, not its typo), nor a Chinese word read as
a brand of the glossary (Huaxing is not Huaxin: :func:`~aeronorm.text.pinyin.is_pinyin_word`), nor an
acronym (IECAS is not IMCAS: one letter off is another body's acronym). The name so
mended goes through the stages once more; what they find is discounted by the share of letters
the reading changed (:class:`~aeronorm.pipeline.calibration.Calibration` ``typo_weight``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..index import Index
from ..lexicon import Kind, stem
from ..lexicon.spelling import Correction, Speller, joins_two_words
from ..lexicon.word_classes import load_word_classes
from ..resources import load_common_words
from ..text.fold import fold, has_han
from ..text.pinyin import is_pinyin_word, split_syllables

__all__ = ["Mended", "Mender"]

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# only words one plain space apart may be joined, or a word a line break cut ("Sout- heast")
_JOINABLE = re.compile(r" |-[ \t]*\r?\n[ \t]*|-[ \t]+")
# Optical character recognition mistakes a letter for a digit inside a word ("Techno1ogy") and
# letter pairs for one another ("Northwestem" for Northwestern): read only into a known word
_DIGIT_WORD = re.compile(r"[A-Za-z]+(?:[015][A-Za-z]+)+")
_DIGIT_LETTERS = {"0": ("o",), "1": ("l", "i"), "5": ("s",)}
_LOOKALIKE_LETTERS = (("rn", "m"), ("m", "rn"), ("cl", "d"), ("vv", "w"))
_PINYIN_READ_FROM = 6  # pinyin shorter than this is never read as other pinyin
_ACRONYM_MAX = 5  # a word in capitals this short is an acronym even where the whole name is in capitals


@dataclass(frozen=True, slots=True)
class Mended:
    """A name with its typos read: the new text, each reading, and the share of letters changed."""

    text: str
    readings: tuple[tuple[str, str], ...]  # (as written, read as)
    cost: float

    def evidence(self) -> str:
        return "read " + ", ".join(f"{a!r} as {b!r}" for a, b in self.readings)


class Mender:
    """The vocabulary of an index and the reading of a name's unknown words against it."""

    def __init__(self, index: Index):
        self.speller = Speller(_vocabulary(index))
        self.lexicon = index.lexicon

    def known(self, word: str) -> bool:
        """Whether a word needs no reading: a vocabulary word, or not a plain Latin word."""
        w = fold(word).replace("'", "").replace("’", "")
        return not w.isalpha() or not w.isascii() or self.speller.known(w) or self.speller.known(stem(w))

    def _read(self, word: str) -> Correction | None:
        w = _plain(word)
        reading = self.speller.read(w)
        if reading is not None and w.casefold() in load_common_words() and \
                not all(r.casefold() in load_common_words() for r in reading.words):
            # an English word is no misspelt brand ("Landscape" is not LandSpace); another word it may be
            return None
        brand = reading.words[0].casefold() if reading is not None and len(reading.words) == 1 else ""
        common = load_common_words()
        if brand and brand not in common and not self.lexicon.knows(brand) \
                and joins_two_words(w.casefold(), common) and not joins_two_words(brand, common):
            return None  # two English words joined ("Openspace") are no misspelt brand (Orienspace)
        if reading is None or not split_syllables(w) or not all(split_syllables(r) for r in reading.words):
            return reading
        if len(w) < _PINYIN_READ_FROM:
            # short pinyin read as other pinyin is another Chinese word (Keyi, Keji), not a typo;
            # a long chain (zhizhiqu for zizhiqu) is rarely another word of the glossary's
            return None
        if is_pinyin_word(w) and any(is_pinyin_word(r) and not self.lexicon.knows(r) for r in reading.words):
            return None  # nor is a Chinese word read as a brand (Huaxing, Huaxin): another brand
        read = reading.words[0]
        if len(reading.words) == 1 and _one_letter_changed(w, read) and self._place(read):
            # a place's pinyin with one letter changed is another place (Wencheng 文成 and
            # Wenchang 文昌, Hankou and Haikou): China has too many for a typo to say which; a
            # letter dropped, doubled or two swapped is the typo (Wenchng, Fuzhuo)
            return None
        return reading

    def _place(self, word: str) -> bool:
        return any(t.kind == Kind.PLACE for t in self.lexicon.tokens(word))

    def _scanned(self, word: str) -> str | None:
        """The one known word an unknown ``word`` is when scanning mistook its letters: a digit
        for a letter (``Techno1ogy``), ``m`` for ``rn`` and back, ``d`` for ``cl``, ``w`` for
        ``vv``, one confusion per word. None when no reading, or more than one, is known."""
        w = word.casefold()
        if _DIGIT_WORD.fullmatch(w):
            options = [""]
            for ch in w:
                options = [o + r for o in options for r in _DIGIT_LETTERS.get(ch, (ch,))]
        elif w.isalpha() and w.isascii() and len(w) >= self.speller.min_length and not self.known(w):
            options = [w[:i] + new + w[i + len(old):] for old, new in _LOOKALIKE_LETTERS
                       for i in range(len(w)) if w.startswith(old, i)]
        else:
            return None
        found = {o for o in options if self.speller.known(o) and o in self.speller.vocabulary}
        return found.pop() if len(found) == 1 else None

    def mend(self, text: str) -> Mended | None:
        """``text`` with its unknown words read, or ``None`` when no word needs (or has) a reading."""
        if has_han(text):
            return None
        pieces: list[str] = []
        readings: list[tuple[str, str]] = []
        cost = 0.0
        if any(c in text for c in _DIGIT_LETTERS):
            for m in reversed(list(_DIGIT_WORD.finditer(text))):
                read = self._scanned(m.group())
                if read is not None:
                    readings.append((m.group(), read))
                    cost += sum(c in _DIGIT_LETTERS for c in m.group()) / len(read)
                    text = text[: m.start()] + read + text[m.end():]
            readings.reverse()
        spans = list(_WORD.finditer(text))
        pos = 0
        k = 0
        while k < len(spans):
            m = spans[k]
            word = m.group()
            nxt = spans[k + 1] if k + 1 < len(spans) else None
            if nxt is not None and _JOINABLE.fullmatch(text, m.end(), nxt.start()) and not (
                    self.known(word) and self.known(nxt.group())):
                joined = self.speller.join(_plain(word), _plain(nxt.group()))
                if joined is not None:
                    pieces += [text[pos:m.start()], joined]
                    readings.append((text[m.start():nxt.end()], joined))
                    cost += 1 / len(joined)
                    pos = nxt.end()
                    k += 2
                    continue
            if not self.known(word) and not _acronym(word, text, known=self.known):
                reading = self._read(word)
                scanned = self._scanned(word) if reading is None else None
                if reading is not None:
                    pieces += [text[pos:m.start()], reading.reading]
                    readings.append((word, reading.reading))
                    cost += reading.cost
                    pos = m.end()
                elif scanned is not None:
                    pieces += [text[pos:m.start()], scanned]
                    readings.append((word, scanned))
                    cost += 1 / len(scanned)
                    pos = m.end()
            k += 1
        if not readings:
            return None
        pieces.append(text[pos:])
        return Mended("".join(pieces), tuple(readings), min(1.0, cost))

    def neighbours(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """Each unknown word of ``text`` and the known words within a typo of it (for ``explain``)."""
        out = []
        for m in _WORD.finditer(text):
            word = m.group()
            if not self.known(word) and len(word) >= self.speller.min_length:
                near = tuple(w for w, _ in self.speller.neighbours(_plain(word)))
                if near:
                    out.append((word, near))
        return out


def _acronym(word: str, text: str, *, known: Callable[[str], bool]) -> bool:
    """Whether ``word`` is written as an acronym: in capitals where the text has lower case too,
    or alone, or short, or among other codes in a text all in capitals (one with no word of the
    lexicon spelt out: "CASICS-IT"). Acronyms are dense: one letter off is another body's (IECAS
    is not IMCAS), so an acronym is never read as a typo."""
    if not word.isupper():
        return False
    if len(word) <= _ACRONYM_MAX or not text.isupper() or word == text.strip():
        return True
    return not any(w != word and len(w) >= 4 and known(w) for w in _WORD.findall(text))


def _one_letter_changed(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _plain(word: str) -> str:
    return word.casefold().replace("'", "").replace("’", "")


def _vocabulary(index: Index) -> Iterator[str]:
    """Every word the stages can compare: the glossary's written words (folded, as written and
    stemmed), the pinyin of its Chinese names, and the lexicon's words."""
    lexicon = index.lexicon
    # A written word met again gives again what it gave (its words are in already, in the order
    # they came): only the first of each is read (two million words at 100,000 entities, a
    # tenth of them distinct).
    seen: set[str] = set()
    for entity in index.entities:
        for label, text in entity.forms():
            if label in ("zh", "zh_alias"):
                for tok in lexicon.zh_tokens(text):
                    yield from (k for k in tok.keys if k.isascii() and k.isalpha())
                continue
            for raw in _WORD.findall(text):
                if raw in seen:
                    continue
                seen.add(raw)
                w = _plain(raw)
                if w.isascii():
                    yield w
                    yield stem(w)
    yield from lexicon.vocabulary()
    wc = load_word_classes()
    yield from wc.stop_words
    yield from wc.pinyin_legal
