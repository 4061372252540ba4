"""Chinese segmentation: aeronorm's own jieba tokenizer.

:class:`ChineseTokenizer` is jieba's dictionary plus every Chinese name of a glossary as a user
word tagged ``nt`` (organisation), ``nr`` (person), ``ns`` (place) or ``nz`` (other names). It
is built on first use, once, and never touches jieba's global default tokenizer; jieba's log
lines are kept off stderr while it loads. jieba is imported on first use only, so that
``import aeronorm`` stays cheap and a process that never sees Chinese input never pays for
jieba's dictionary.
"""

from __future__ import annotations

import logging
import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from math import log
from typing import Any

from ..caching import BoundedCache, BuildOnce

__all__ = [
    "JIEBA_MAX_PIECE",
    "JIEBA_MIN_FREQ",
    "ChineseTokenizer",
    "jieba_tag",
]


# -- jieba -----------------------------------------------------------------------------------
#: jieba part-of-speech tags for the glossary's entity types.
_TAGS = {"org": "nt", "person": "nr", "place": "ns"}
# Jieba's dictionary regex takes Han, Latin, digits and a few joiners as one block.
_JIEBA_BLOCK = re.compile(r"^[\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]+$")
# How far a user word's frequency is raised above what merely keeps it whole, so that a
# glossary name also wins against the words around it in running text.
_USER_WORD_BOOST = 50
#: Words of jieba's dictionary rarer than this are left out of aeronorm's copy: loading the
#: prefix dictionary takes a quarter of the time, and names come from the glossary anyway.
JIEBA_MIN_FREQ = 5
# Blocks of text remembered with their words (a phrase, a clause, a repeated run of a text).
_BLOCK_MEMO = 20_000


def jieba_tag(entity_type: str) -> str:
    """The jieba tag aeronorm gives a name of ``entity_type`` (``nt``, ``nr``, ``ns`` or ``nz``).

    Examples
    --------
    >>> jieba_tag("org"), jieba_tag("person"), jieba_tag("program")
    ('nt', 'nr', 'nz')
    """
    return _TAGS.get(entity_type, "nz")


class _QuietJieba(logging.Filter):
    """Drops jieba's records emitted by a thread that is building an aeronorm tokenizer."""

    def __init__(self) -> None:
        super().__init__()
        self.local = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(self.local, "quiet", False)


_quiet = _QuietJieba()
_quiet_lock = threading.Lock()
_quiet_installed = False


def _install_quiet_filter() -> None:
    # A filter on jieba's own logger, silent only for our loading thread: jieba's level,
    # handlers and default tokenizer stay exactly as other code set them.
    global _quiet_installed
    with _quiet_lock:
        if not _quiet_installed:
            logging.getLogger("jieba").addFilter(_quiet)
            _quiet_installed = True


class ChineseTokenizer:
    """aeronorm's jieba tokenizer: jieba's dictionary plus a glossary's Chinese names.

    Parameters
    ----------
    words : iterable of (word, tag)
        User words, e.g. every Chinese name and Chinese alias of a glossary with
        :func:`jieba_tag` of its entity type.
    full_dictionary : bool
        Load all of jieba's dictionary. By default the words rarer than
        :data:`JIEBA_MIN_FREQ` are left out (a copy is written once to the temporary
        directory, beside jieba's own cache), which loads four times faster.

    The jieba ``Tokenizer`` is created and loaded on first use (thread-safe, once), with
    jieba's log lines kept off stderr; jieba's global default tokenizer is never used.

    Examples
    --------
    >>> tok = ChineseTokenizer([("航天科工二院", "nt")])
    >>> tok.cut("航天科工二院的专家")
    ['航天科工二院', '的', '专家']
    """

    def __init__(self, words: Iterable[tuple[str, str]] = (), *, full_dictionary: bool = False):
        self._words = list(dict.fromkeys((w, t) for w, t in words if w and _JIEBA_BLOCK.match(w)))
        self._small = not full_dictionary
        self._tokenizer: BuildOnce[Any] = BuildOnce(self._build)
        self.load_seconds: float | None = None
        self._blocks: BoundedCache[str, tuple[str, ...]] = BoundedCache(max_entries=_BLOCK_MEMO)
        # Runs of single characters on jieba's best path, with their words (jieba's HMM).
        self._runs: BoundedCache[str, tuple[str, ...]] = BoundedCache(max_entries=_BLOCK_MEMO)

    def __repr__(self) -> str:
        state = "loaded" if self._tokenizer.built else "not loaded"
        return f"ChineseTokenizer({len(self._words)} user words, {state})"

    @property
    def loaded(self) -> bool:
        """Whether jieba has been loaded (it is on the first :meth:`cut` or :meth:`tokenize`)."""
        return self._tokenizer.built

    @property
    def user_words(self) -> list[tuple[str, str]]:
        return list(self._words)

    def _jieba(self) -> Any:
        return self._tokenizer.get()

    def _build(self) -> Any:
        import time

        start = time.perf_counter()
        import jieba

        _install_quiet_filter()
        _quiet.local.quiet = True
        try:
            path = _small_dictionary() if self._small else None
            tokenizer = jieba.Tokenizer(path) if path else jieba.Tokenizer()
            tokenizer.initialize()
            for word, tag in self._words:
                # suggest_freq keeps the word whole on its own; the boost makes it win in context.
                freq = tokenizer.suggest_freq(word, False) * _USER_WORD_BOOST
                tokenizer.add_word(word, freq=max(freq, 1), tag=tag)
        finally:
            _quiet.local.quiet = False
        self.load_seconds = time.perf_counter() - start
        return tokenizer

    def tag(self, word: str) -> str | None:
        """The tag a user word was added with, or ``None``."""
        return self._jieba().user_word_tag_tab.get(word)

    def frequencies(self) -> dict[str, int]:
        """jieba's word frequencies (its dictionary plus the user words); read only."""
        return self._jieba().FREQ

    def cut(self, text: str) -> list[str]:
        """Words of ``text`` (jieba's accurate mode, HMM on for unknown words)."""
        jieba = self._jieba()
        return [w for _, piece in _pieces(text) for w in jieba.lcut(piece)]

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """Words of ``text`` with their ``(start, end)`` offsets into ``text``."""
        jieba = self._jieba()
        return [(w, at + s, at + e) for at, piece in _pieces(text) for w, s, e in jieba.tokenize(piece)]

    def words_of(self, text: str, stretches: Sequence[tuple[int, int]]) -> list[tuple[str, ...]]:
        """The words :meth:`tokenize` finds in each of ``stretches`` of ``text``, without
        segmenting the rest of the text.

        ``stretches`` are ``(start, end)`` offsets, each bounded on both sides by an end of the
        text or a character outside jieba's blocks (a space, a punctuation mark): jieba
        segments each block (a run of Han, Latin letters, digits and ``+#&._%-``) on its own,
        so the words of such a stretch are jieba's words of the stretch alone (cut where
        :meth:`tokenize` cuts a long text). A stretch seen before is not segmented again
        (bounded memo).

        Examples
        --------
        >>> tok = ChineseTokenizer([("航天科工二院", "nt")])
        >>> tok.words_of("他说：航天科工二院的专家。", [(3, 12)])
        [('航天科工二院', '的', '专家')]
        """
        lcut = _Accurate(self._jieba(), self._runs).lcut  # made per call: nothing of it is saved
        memo = self._blocks
        n = len(text)
        cuts = _cuts(text)
        out: list[tuple[str, ...]] = []
        for start, end in stretches:
            if not 0 <= start <= end <= n or not (_open_before(text, start) and _open_before(text, end)):
                raise ValueError(f"({start}, {end}) is no stretch of whole jieba blocks of a text of {n} "
                                 "characters")
            inner = cuts[bisect_right(cuts, start) : bisect_left(cuts, end)] if cuts else ()
            parts = []
            for a, b in zip((start, *inner), (*inner, end), strict=True):
                part = text[a:b]
                found = memo.get(part)
                if found is None:
                    found = memo.put(part, tuple(lcut(part)))
                parts.append(found)
            out.append(parts[0] if len(parts) == 1 else tuple(chain.from_iterable(parts)))
        return out


_PREFIX: Any = object()  # a prefix of jieba's words that is no word itself (frequency 0)


class _Accurate:
    """jieba's accurate mode with its HMM, ``Tokenizer.lcut(text)``, word for word, for a
    tokenizer that is not changed while it is used (aeronorm's own, once built).

    jieba finds the most probable path through the words of its dictionary from the right,
    with ``log(freq or 1) - log(total)`` computed again for every word at every position, a
    generator and a ``max`` of tuples per character, then reads the path in a second loop over
    a dict of every word a position may start. Here one loop from the right reads the words a
    position may start and scores them at once, with each word's log probability remembered
    (the same float: the same two operations in the same order), and the best end of each
    position kept as jieba's ``max`` of ``(score, end)`` keeps it (the highest score, and of
    equal ones the furthest end). Runs of single characters go to jieba's own HMM
    (``finalseg.cut``), exactly as jieba sends them, remembered (``runs``: Latin words are such
    runs, and recur); a run without Han characters is what the HMM's own split makes of it.
    Held to ``lcut`` in ``tests/text/test_segment_words.py``.
    """

    __slots__ = ("_freq", "_hmm", "_hmm_skip", "_logp", "_none", "_re_han", "_re_skip", "_runs", "logtotal")

    def __init__(self, tokenizer: Any, runs: BoundedCache[str, tuple[str, ...]]):
        import jieba
        import jieba.finalseg

        self._freq: dict[str, int] = tokenizer.FREQ
        self.logtotal = log(tokenizer.total)
        self._none = log(1) - self.logtotal  # a character jieba has no frequency for
        # Bounded by jieba's dictionary (its words, and the prefixes it keeps with frequency 0,
        # as _PREFIX); one cut.
        self._logp: dict[str, Any] = {}
        self._hmm: Callable[[str], Iterable[str]] = jieba.finalseg.cut
        self._hmm_skip: re.Pattern[str] = jieba.finalseg.re_skip
        self._runs = runs
        self._re_han: re.Pattern[str] = jieba.re_han_default
        self._re_skip: re.Pattern[str] = jieba.re_skip_default

    def lcut(self, text: str) -> list[str]:
        """The words ``Tokenizer.lcut(text)`` gives (``Tokenizer.cut``'s blocks, each block by
        ``__cut_DAG``)."""
        out: list[str] = []
        re_han, re_skip = self._re_han, self._re_skip
        for blk in re_han.split(text):
            if not blk:
                continue
            if re_han.match(blk):
                self._block(blk, out)
            else:
                for x in re_skip.split(blk):
                    if re_skip.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def _block(self, sentence: str, out: list[str]) -> None:
        freq, logp, logtotal = self._freq, self._logp, self.logtotal
        n = len(sentence)
        score = [0.0] * (n + 1)  # jieba's route[N] = (0, 0): x + 0.0 is x
        nxt = [0] * n  # the end of the word each position starts, on the best path
        none = self._none
        for idx in range(n - 1, -1, -1):
            best, end = 0.0, -1
            i = idx
            frag = sentence[idx]
            while i < n:
                lp = logp.get(frag)
                if lp is None:  # not met yet: jieba's frequency (None: no word starts so)
                    f = freq.get(frag)
                    if f is None:
                        break
                    lp = logp[frag] = log(f) - logtotal if f else _PREFIX
                if lp is not _PREFIX:
                    v = lp + score[i + 1]
                    if end < 0 or v >= best:  # ends ascending: of equal scores the last wins
                        best, end = v, i
                i += 1
                frag = sentence[idx : i + 1]
            if end < 0:
                best, end = none + score[idx + 1], idx
            score[idx] = best
            nxt[idx] = end + 1
        x = 0
        buf = ""
        while x < n:
            y = nxt[x]
            if y - x == 1:
                buf += sentence[x]
            else:
                if buf:
                    self._flush(buf, out)
                    buf = ""
                out.append(sentence[x:y])
            x = y
        if buf:
            self._flush(buf, out)

    def _flush(self, buf: str, out: list[str]) -> None:
        """A run of single characters on the best path, as jieba's ``__cut_DAG`` yields it."""
        if len(buf) == 1:
            out.append(buf)
        elif not self._freq.get(buf):
            words = self._runs.get(buf)
            if words is None:
                if buf.isascii():  # no Han character: the HMM's cut is its split of letters and digits
                    words = tuple(x for x in self._hmm_skip.split(buf) if x)
                else:
                    words = tuple(self._hmm(buf))
                self._runs.put(buf, words)
            out.extend(words)
        else:
            out.extend(buf)


#: Longest stretch of text handed to jieba in one piece. jieba's HMM (``finalseg.viterbi``)
#: copies its best paths at every character, so a run of characters its dictionary leaves
#: single costs time quadratic in the run (100,000 of them: minutes). Longer texts are cut
#: where jieba cuts anyway (a space or a punctuation mark), which changes no word; a run of
#: more than half this many joinable characters is cut hard.
JIEBA_MAX_PIECE = 512
# The last character jieba does not join ("\r" aside: "\r\n" stays whole) in a stretch: the
# greedy ".*" runs to the end of the stretch and backs off to it (in C, not a Python loop).
_LAST_BREAK = re.compile(r".*[^\u4e00-\u9fd5a-zA-Z0-9+#&._%\-\r]", re.DOTALL)


def _cuts(text: str) -> list[int]:
    """Where :func:`_pieces` cuts ``text``: the offsets of its pieces but the first."""
    n = len(text)
    out: list[int] = []
    start = 0
    while n - start > JIEBA_MAX_PIECE:
        end = start + JIEBA_MAX_PIECE
        # After the last character jieba does not join in the second half; hard at the end
        # when there is none.
        found = _LAST_BREAK.match(text, start + JIEBA_MAX_PIECE // 2 + 1, end)
        start = found.end() if found is not None else end
        out.append(start)
    return out


def _pieces(text: str) -> list[tuple[int, str]]:
    """``text`` in pieces of at most :data:`JIEBA_MAX_PIECE` characters, with their offsets."""
    starts = [0, *_cuts(text)]
    return [(a, text[a:b]) for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


_BLOCK_CHAR = re.compile(r"[\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]")


def _open_before(text: str, at: int) -> bool:
    """Whether a jieba word may end at ``at`` and another begin there, whatever the text: an
    end of the text, or a character outside jieba's blocks on either side."""
    return at in (0, len(text)) or not _BLOCK_CHAR.match(text, at - 1) or not _BLOCK_CHAR.match(text, at)


def _small_dictionary() -> str | None:
    """Path of aeronorm's copy of jieba's dictionary without its rarest words, written once.

    ``None`` when it cannot be written (read-only temporary directory): jieba's own is used.
    """
    import os
    import tempfile

    import jieba

    source = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    if not os.path.isfile(source):
        return None
    target = os.path.join(
        tempfile.gettempdir(), f"aeronorm-jieba-{jieba.__version__}-min{JIEBA_MIN_FREQ}.dict.txt"
    )
    try:
        if os.path.isfile(target) and os.path.getmtime(target) >= os.path.getmtime(source):
            return target
        with open(source, encoding="utf-8") as fh:
            kept = [line for line in fh if _frequent(line)]
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.writelines(kept)
        os.replace(tmp, target)  # atomic: concurrent builders write the same content
        return target
    except OSError:
        return None


def _frequent(line: str) -> bool:
    parts = line.split(" ", 2)
    return len(parts) >= 2 and parts[1].strip().isdigit() and int(parts[1]) >= JIEBA_MIN_FREQ
