"""Typo and spacing tolerance for words outside the vocabulary.

A :class:`Speller` reads a word it does not know as the one vocabulary word it is a typo of
(``corporaton`` as ``corporation``), splits a joined word into the one pair of vocabulary words
it is made of (``launchdata`` as ``launch data``), and joins two written words whose join is a
vocabulary word (``spacef light`` as ``spaceflight``). It answers only when the reading is
unique and never touches a word it knows: two known words are different words however alike
they are spelt (Hubei/Hebei), and a typo within reach of two words is left unread.

Edits are Damerau (OSA) edits: a letter dropped, added, changed, or two neighbours swapped. A
word within ``max_edits_short`` edits of a vocabulary word may be its typo, ``max_edits_long``
when both are at least ``long_from`` letters long; a long word one edit from one word and two
from others is the one edit's. Only long words may differ in their first
letter (typists rarely miss it; in short words a new first letter is usually a new word).

Candidates come from a deletion index (symmetric deletion, as SymSpell) and are verified with
rapidfuzz's OSA distance. Short words are indexed by their one-letter deletions; long words by
the one-letter deletions of their first and of their last ``len // 2`` letters: two edits never
touch both halves twice, so the two words agree up to one deletion each in one of the halves.
The index holds at most ``len + 2`` keys per word: for 100,000 random words, 0.9 million keys
built in under two seconds on a busy machine, where symspellpy at two edits (prefix 7) holds 2.1
million deletions and took three times as long.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from ..caching import BoundedCache

__all__ = ["Correction", "Speller", "joins_two_words"]

_MISS = object()


@dataclass(frozen=True, slots=True)
class Correction:
    """A word outside the vocabulary and how it is read.

    Attributes
    ----------
    original : str
        The word as it was given.
    reading : str
        The vocabulary word it is read as, casefolded; for a split word, its two words separated
        by one space.
    distance : int
        Damerau (OSA) edits between the casefolded original and the reading (a split is one
        edit: a space added).
    cost : float
        ``distance`` over the length of the longer of the two, in 0..1: the share of the word
        that was changed. The stages turn it into a score discount (the weight is theirs).
    """

    original: str
    reading: str
    distance: int
    cost: float

    @property
    def words(self) -> tuple[str, ...]:
        """The reading's words: one for a typo, two for a split word."""
        return tuple(self.reading.split(" "))


def _keys(text: str) -> list[str]:
    """``text`` and ``text`` with one letter left out, at each position."""
    return [text, *[text[:i] + text[i + 1:] for i in range(len(text))]]


def _add(index: dict[str, str | tuple[str, ...]], keys: list[str], word: str) -> None:
    # A key's words are a string while there is one (most keys), then a tuple: neither is
    # tracked by the garbage collector, which would otherwise walk a million lists at each pass.
    for key in keys:
        words = index.get(key)
        if words is None:
            index[key] = word
        elif type(words) is str:
            if words is not word:  # the same key twice for one word ("aab" without either a)
                index[key] = (words, word)
        elif words[-1] is not word:
            index[key] = (*words, word)


def _gather(found: set[str], index: dict[str, str | tuple[str, ...]], keys: list[str]) -> None:
    for key in keys:
        words = index.get(key)
        if words is None:
            continue
        if type(words) is str:
            found.add(words)
        else:
            found.update(words)


def _one_word_each(near: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    """Neighbours (nearest first) without those that are a nearer one's singular or plural: a
    word and its plural are one word, no ambiguity (``astronautlcs`` is ``astronautics``, not
    also ``astronautic``)."""
    if len(near) < 2:
        return near
    kept: list[tuple[str, int]] = []
    for word, distance in near:
        if not any(word in (k + "s", k + "es") or k in (word + "s", word + "es") for k, _ in kept):
            kept.append((word, distance))
    return tuple(kept)


def _check_words(words: Iterable[str], what: str) -> Iterator[str]:
    if isinstance(words, str):
        raise TypeError(f"{what} must be an iterable of words, not one string ({words[:40]!r})")
    for word in words:
        if not isinstance(word, str):
            raise TypeError(f"{what} must hold strings, got {type(word).__name__}: {word!r}")
        if word:
            yield word.casefold()


def _check_word(word: object) -> str:
    if not isinstance(word, str):
        raise TypeError(f"a word must be a string, got {type(word).__name__}: {word!r}")
    return word.casefold()


def _readable(word: str) -> bool:
    # Only plain Latin letters are edited: digits and codes are distinctive (Unit 701 is not
    # Unit 702), and other scripts do not err by letters. Callers fold accents first.
    return word.isascii() and word.isalpha()


class Speller:
    """Reads a word outside the vocabulary as the one vocabulary word it is a typo of.

    Parameters
    ----------
    vocabulary : iterable of str
        The words a reading may give (glossary words, lexicon words, pinyin syllables).
        Compared casefolded.
    protected : iterable of str
        Words that are known but never a reading (English words, say): never corrected or
        split, and they count as neighbours, so a typo between one of them and a vocabulary
        word is ambiguous.
    max_edits_short, max_edits_long : int
        Edits allowed between a typo and its word: ``max_edits_long`` (at most 2) when both are
        ``long_from`` letters or longer, else ``max_edits_short`` (at most 1).
    long_from : int
        Length from which a word is long (at least 2).
    min_length : int
        Shorter words are never read as something else, and are never a typo's reading.
    min_part : int
        Shortest part of a split or joined word.

    Words that are not strings raise ``TypeError``; words that are not plain ASCII letters are
    passed through (no reading).

    Examples
    --------
    >>> s = Speller(["corporation", "hubei", "hebei", "launch", "data", "spaceflight"])
    >>> s.correct("Corporaton")
    Correction(original='Corporaton', reading='corporation', distance=1, cost=0.09090909090909091)
    >>> s.correct("Hebei") is None, s.correct("Hobei") is None  # known; two neighbours
    (True, True)
    >>> s.split("LaunchData"), s.join("spacef", "light")
    (('launch', 'data'), 'spaceflight')
    """

    __slots__ = ("_long", "_memo", "_short", "known_words", "long_from", "max_edits_long",
                 "max_edits_short", "min_length", "min_part", "vocabulary")

    def __init__(self, vocabulary: Iterable[str], *, protected: Iterable[str] = (), max_edits_short: int = 1,
                 max_edits_long: int = 2, long_from: int = 9, min_length: int = 4, min_part: int = 2):
        # The index finds up to 1 edit between short words and 2 between long ones; a long
        # word has two halves, so long_from is at least 2.
        for name, value, least, most in (("max_edits_short", max_edits_short, 0, 1),
                                         ("max_edits_long", max_edits_long, max_edits_short, 2),
                                         ("long_from", long_from, 2, None),
                                         ("min_length", min_length, 1, None),
                                         ("min_part", min_part, 1, None)):
            if type(value) is not int or value < least or (most is not None and value > most):
                raise ValueError(f"{name} must be an integer within {least}..{most or ''}, got {value!r}")
        self.max_edits_short = max_edits_short
        self.max_edits_long = max_edits_long
        self.long_from = long_from
        self.min_length = min_length
        self.min_part = min_part
        self.vocabulary: frozenset[str] = frozenset(_check_words(vocabulary, "vocabulary"))
        protected_words = frozenset(_check_words(protected, "protected"))
        # (no copy of the vocabulary when nothing is protected: 100,000 words at 100,000 entities)
        self.known_words: frozenset[str] = (
            self.vocabulary | protected_words if protected_words - self.vocabulary else self.vocabulary)
        self._memo: BoundedCache[str, Correction | None] = BoundedCache(max_entries=100_000)
        # Short words: the word and its one-letter deletions. Long words, one table per half
        # length p: the first p letters and their deletions, and the last p letters (see above).
        self._short: dict[str, str | tuple[str, ...]] = {}
        self._long: dict[int, tuple[dict[str, str | tuple[str, ...]], dict[str, str | tuple[str, ...]]]] = {}
        for word in self.known_words:
            if len(word) < self.long_from:
                if max_edits_short:
                    _add(self._short, _keys(word), word)
            elif max_edits_long:
                p = len(word) // 2
                heads, tails = self._long.setdefault(p, ({}, {}))
                _add(heads, _keys(word[:p]), word)
                _add(tails, _keys(word[-p:]), word)

    @property
    def index_keys(self) -> int:
        """Keys held by the deletion index: at most ``len + 2`` per known word (memory is linear)."""
        return len(self._short) + sum(len(heads) + len(tails) for heads, tails in self._long.values())

    def known(self, word: str) -> bool:
        """Whether ``word`` is a vocabulary or protected word (casefolded)."""
        return _check_word(word) in self.known_words

    def neighbours(self, word: str) -> tuple[tuple[str, int], ...]:
        """Known words other than ``word`` within the edits allowed, nearest first, with the edits.

        Every known word counts, whatever its length or first letter: these are the words a
        typo might have been meant as (``explain`` can show them).
        """
        w = _check_word(word)
        found = []
        n, long_from, short, long = len(w), self.long_from, self.max_edits_short, self.max_edits_long
        for candidate in self._candidates(w):
            allowed = long if n >= long_from and len(candidate) >= long_from else short
            distance = OSA.distance(w, candidate, score_cutoff=allowed)
            if distance <= allowed and candidate != w:
                found.append((candidate, distance))
        found.sort(key=lambda pair: (pair[1], pair[0]))
        return tuple(found)

    def _candidates(self, w: str) -> set[str]:
        found: set[str] = set()
        n = len(w)
        if self.max_edits_short and n - self.max_edits_short < self.long_from:
            _gather(found, self._short, _keys(w))
        if self.max_edits_long:
            # The half lengths of the long words within reach of n letters.
            low = max(self.long_from, n - self.max_edits_long) // 2
            for p in range(low, (n + self.max_edits_long) // 2 + 1):
                tables = self._long.get(p)
                if tables is not None:
                    _gather(found, tables[0], _keys(w[:p]))
                    _gather(found, tables[1], _keys(w[-p:]))
        return found

    def correct(self, word: str) -> Correction | None:
        """The vocabulary word ``word`` is a typo of, if it is unknown and there is exactly one.

        None for a known word, a word shorter than ``min_length``, one with other characters than
        ASCII letters, one within reach of no known word or of several, one whose only neighbour
        is protected or short, or a short word whose neighbour has another first letter.
        """
        w = _check_word(word)
        cached = self._memo.get(w, _MISS)
        if cached is _MISS:
            cached = self._memo.put(w, self._correct(w))
        if cached is None or cached.original == word:
            return cached
        return Correction(word, cached.reading, cached.distance, cached.cost)

    def _correct(self, w: str) -> Correction | None:
        if len(w) < self.min_length or not _readable(w) or w in self.known_words:
            return None
        near = _one_word_each(self.neighbours(w))
        if len(near) > 1 and near[0][1] == 1 < near[1][1] and len(w) >= self.long_from:
            # a long word one edit from one word and two from others ("corpration": corporation,
            # cooperation) is the one edit's: two typos in one word are far rarer than one
            near = near[:1]
        if len(near) != 1:
            return None  # no neighbour, or several as near: ambiguous
        reading, distance = near[0]
        if reading not in self.vocabulary or len(reading) < self.min_length or not _readable(reading):
            return None
        if reading[0] != w[0] and min(len(w), len(reading)) < self.long_from:
            return None
        return Correction(w, reading, distance, distance / max(len(w), len(reading)))

    def split(self, word: str) -> tuple[str, ...] | None:
        """The two vocabulary words an unknown joined word is made of, if there is exactly one split.

        >>> Speller(["group", "corporation"]).split("groupcorporation")
        ('group', 'corporation')
        """
        w = _check_word(word)
        if len(w) < self.min_length or not _readable(w) or w in self.known_words:
            return None
        known = self.known_words
        splits = [(w[:i], w[i:]) for i in range(self.min_part, len(w) - self.min_part + 1)
                  if w[:i] in known and w[i:] in known]
        if len(splits) != 1 or not all(part in self.vocabulary for part in splits[0]):
            return None
        return splits[0]

    def join(self, first: str, second: str) -> str | None:
        """``first + second`` when that is a vocabulary word and at least one part is unknown.

        Two known words stay two words (the query says them both); a part that is unknown needs
        a reading, and a misplaced space often leaves the other part a word ("spacef light").
        """
        a, b = _check_word(first), _check_word(second)
        if len(a) < self.min_part or len(b) < self.min_part or not (_readable(a) and _readable(b)):
            return None
        joined = a + b
        if len(joined) < self.min_length or joined not in self.vocabulary:
            return None
        if a in self.known_words and b in self.known_words:
            return None
        return joined

    def read(self, word: str) -> Correction | None:
        """The one reading of an unknown word: its typo correction or its split, not both.

        >>> Speller(["launch", "data"]).read("launchdata")
        Correction(original='launchdata', reading='launch data', distance=1, cost=0.09090909090909091)
        """
        corrected = self.correct(word)
        parts = self.split(word)
        if parts is None:
            return corrected
        if corrected is not None:
            return None  # two readings: ambiguous
        reading = " ".join(parts)
        return Correction(word, reading, 1, 1 / len(reading))


def joins_two_words(word: str, words: frozenset[str] | set[str], *, shortest: int = 4) -> bool:
    """Whether ``word`` is two of ``words`` joined, each of ``shortest`` letters or more: a
    compound ("headspace", "openspace"), no misspelt brand.

    Examples
    --------
    >>> joins_two_words("openspace", {"open", "space"}), joins_two_words("orienspace", {"open", "space"})
    (True, False)
    """
    return any(word[:i] in words and word[i:] in words for i in range(shortest, len(word) - shortest + 1))
