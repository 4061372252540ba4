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

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..glossary.entity import Entity, Term
from .align import align_name
from .lexicon import TermLexicon

__all__ = ["LearnedPair", "learn_pairs", "learn_terms"]
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
