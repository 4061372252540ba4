"""The learned term lexicon: a glossary teaches the matcher its own vocabulary.

For every entity with a Chinese name and English names, the Chinese name is segmented into
morphemes and the English words are aligned to them: an English word that carries a
morpheme's concept (``aerospace`` -> 航天), spells its pinyin (``tianbing`` -> 天兵, which
also splits an unknown stretch around it) or is a company form is explained. When exactly one
stretch of Chinese and one run of English words (with no meaning in the lexicon yet) are left
over, they translate each other. Pairs shown by enough English names, and whose English
points to that Chinese in most of them, become new terms.

Segmentation here is the term lexicon's own (dynamic programming over the lexicon morphemes
and places, unknown stretches kept whole): it needs no jieba dictionary, so building a
:class:`~aeronorm.Normalizer` never loads jieba, and an unknown stretch left whole is exactly
the unit that one-to-one alignment needs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .glossary import Entity, Term
from .lexicon import Kind, TermLexicon, Tok
from .romanization import split_syllables, to_pinyin
from .text import has_han

__all__ = ["LearnedPair", "align_name", "learn_pairs", "learn_terms"]

_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
#: Share of an English phrase's pairings that must name the same Chinese.
DOMINANCE = 0.75


@dataclass(frozen=True, slots=True)
class LearnedPair:
    """A Chinese morpheme, the English it was aligned with, and where: the entities, and how
    many of their English names showed the pair."""

    zh: str
    en: str
    entities: tuple[str, ...]
    support: int


def _pinyin(text: str) -> str:
    return "".join(to_pinyin(text))


def _split_by_pinyin(piece: str, letters: str) -> tuple[str, str, str] | None:
    """``piece`` cut around the characters whose pinyin spells ``letters`` (天兵 in 北京天兵)."""
    syllables = list(to_pinyin(piece))
    if len(syllables) != len(piece):
        return None
    for i in range(len(piece)):
        acc = ""
        for j in range(i, len(piece)):
            acc += syllables[j]
            if acc == letters:
                return piece[:i], piece[i : j + 1], piece[j + 1 :]
            if len(acc) >= len(letters):
                break
    return None


def align_name(lexicon: TermLexicon, zh: str, english: str, *, max_words: int = 3) -> tuple[str, str] | None:
    """Align one English name with one Chinese name; the one-to-one leftover pair, if any.

    Examples
    --------
    >>> from aeronorm.glossary import Term
    >>> lex = TermLexicon([Term("航天", ("aerospace",)), Term("研究所", ("institute",))])
    >>> align_name(lex, "航天动力研究所", "Aerospace Propulsion Institute")
    ('动力', 'propulsion')
    >>> align_name(lex, "航天动力研究所", "Aerospace Institute") is None
    True
    """
    pieces: list[tuple[str, bool]] = []  # (text, explained)
    for run in _HAN_RUN.findall(zh):
        pieces.extend((p, False) for p in lexicon.segment_zh(run))
    if not pieces:
        return None
    tokens = [t for t in lexicon.tokens(english) if t.kind != Kind.LEGAL]
    leftover_en: list[int] = []
    for k, tok in enumerate(tokens):
        if _explain(tok, pieces):
            continue
        leftover_en.append(k)
    left_zh = [k for k, (p, done) in enumerate(pieces) if not done and _kind(lexicon, p) != Kind.LEGAL]
    if not left_zh or not leftover_en:
        return None
    # One contiguous run on each side.
    if left_zh != list(range(left_zh[0], left_zh[-1] + 1)):
        return None
    if leftover_en != list(range(leftover_en[0], leftover_en[-1] + 1)):
        return None
    # Joining words glued to an unknown stretch (和改革 in 发展和改革) are not part of it.
    zh_run = "".join(pieces[k][0] for k in left_zh).strip("和与及的")
    en_toks = [tokens[k] for k in leftover_en]
    words = " ".join(t.text for t in en_toks).split()
    if not 2 <= len(zh_run) <= 4 or not len(words) <= max_words:
        return None
    for tok in en_toks:
        # Only English the lexicon does not know yet: no romanisation, number or initialism.
        letters = tok.text.replace(" ", "")
        if tok.kind != Kind.NAME or tok.keys != frozenset((tok.text,)):
            return None
        if not letters.isalpha() or len(letters) < 3 or split_syllables(letters):
            return None
    return zh_run, " ".join(words)


def _kind(lexicon: TermLexicon, piece: str) -> Kind:
    toks = lexicon.zh_tokens(piece)
    return toks[0].kind if len(toks) == 1 else Kind.NAME


def _explain(tok: Tok, pieces: list[tuple[str, bool]]) -> bool:
    """Mark the Chinese pieces an English token accounts for; whether it accounts for any."""
    hit = False
    for k, (p, _) in enumerate(pieces):
        if p in tok.keys:
            pieces[k] = (p, True)
            hit = True
    if hit:
        return True
    letters = tok.text.replace(" ", "")
    if not letters.isalpha() or not split_syllables(letters):
        return False
    for k, (p, done) in enumerate(pieces):
        if done or not has_han(p):
            continue
        if _pinyin(p) == letters:
            pieces[k] = (p, True)
            return True
        cut = _split_by_pinyin(p, letters)
        if cut is not None:
            before, middle, after = cut
            pieces[k : k + 1] = [(x, x == middle) for x in (before, middle, after) if x]
            return True
    return False


def learn_pairs(
    entities: Iterable[Entity], lexicon: TermLexicon, *, min_count: int = 2, max_words: int = 3
) -> list[LearnedPair]:
    """The (Chinese, English) pairs a glossary's names teach.

    A pair must be shown by ``min_count`` English names or more (of one entity or several),
    and its English must point to that Chinese in most of its pairings (:data:`DOMINANCE`).

    Examples
    --------
    >>> from aeronorm.glossary import Entity, Term
    >>> lex = TermLexicon([Term("航天", ("aerospace",)), Term("研究所", ("institute",)),
    ...                    Term("公司", ("company",))])
    >>> ents = [Entity("a", "Aerospace Propulsion Institute", zh="航天动力研究所"),
    ...         Entity("b", "Propulsion Company", zh="动力公司")]
    >>> [(p.zh, p.en, p.entities, p.support) for p in learn_pairs(ents, lex)]
    [('动力', 'propulsion', ('a', 'b'), 2)]
    """
    seen: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for entity in entities:
        if not entity.zh or entity.type == "person":
            continue
        for english in entity.english_names():
            pair = align_name(lexicon, entity.zh, english, max_words=max_words)
            if pair is not None:
                seen[pair].add((entity.id, english))
    by_english: dict[str, Counter[str]] = defaultdict(Counter)
    for (zh, en), shown in seen.items():
        by_english[en][zh] += len(shown)
    out = []
    for (zh, en), shown in sorted(seen.items()):
        if len(shown) < min_count:
            continue
        if len(shown) / sum(by_english[en].values()) < DOMINANCE:
            continue  # the English word stands for other Chinese elsewhere: not a rendering
        out.append(LearnedPair(zh, en, tuple(sorted({i for i, _ in shown})), len(shown)))
    return out


def learn_terms(
    entities: Iterable[Entity], lexicon: TermLexicon, *, min_count: int = 2, max_words: int = 3
) -> list[Term]:
    """New terms learned from a glossary's names (see :func:`learn_pairs`), one per morpheme.

    Examples
    --------
    >>> from aeronorm.glossary import Entity, Term
    >>> lex = TermLexicon([Term("航天", ("aerospace",)), Term("研究所", ("institute",)),
    ...                    Term("公司", ("company",))])
    >>> ents = [Entity("a", "Aerospace Propulsion Institute", zh="航天动力研究所"),
    ...         Entity("b", "Propulsion Company", zh="动力公司")]
    >>> [(t.zh, t.renderings, t.notes) for t in learn_terms(ents, lex)]
    [('动力', ('propulsion',), 'learned from 2 glossary names')]
    """
    grouped: dict[str, list[LearnedPair]] = defaultdict(list)
    for pair in learn_pairs(entities, lexicon, min_count=min_count, max_words=max_words):
        grouped[pair.zh].append(pair)
    terms = []
    for zh, pairs in grouped.items():
        shown = sum(p.support for p in pairs)
        terms.append(Term(zh, tuple(p.en for p in pairs), notes=f"learned from {shown} glossary names"))
    return terms
