"""Whether a Chinese name's leading place is part of it.

A company's name may leave out the place where it is registered: 北京天兵科技有限公司 is
"Tianbing Keji" too. So may an institution named by a proper word (紫金山, a brand). An
institution named by common words only keeps its place: 上海交通大学 is not "Jiaotong Daxue" (five
universities are named 交通大学), 哈尔滨工业大学 is not "Gongye Daxue".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..glossary.entity import Entity
from ..lexicon import Kind, TermLexicon, Tok
from ..resources import load_chinese_words

__all__ = ["english_places", "keeps_its_place"]


def english_places(entity: Entity, read: Callable[[str], Sequence[Tok]]) -> frozenset[str]:
    """The places ``entity``'s English names state ("X (Beijing) Space Technology"), as the
    lexicon reads them (``read``: a name's tokens): Chinese place words (北京)."""
    return frozenset(t.key for name in entity.english_names() for t in read(name) if t.kind == Kind.PLACE)


def keeps_its_place(tokens: Sequence[Tok], lexicon: TermLexicon) -> bool:
    """Whether a Chinese name (its lexicon tokens) keeps its leading place: an institution's name
    (no company form, a unit word at its end: 大学, 研究所, 中心, 学校, ``unit_endings`` of
    ``chinese.yaml``) whose words are all common words of the lexicon.

    Examples
    --------
    >>> from aeronorm.glossary.glossary import shipped_terms
    >>> lex = TermLexicon(shipped_terms())
    >>> [keeps_its_place(lex.zh_tokens(zh), lex) for zh in ("上海交通大学", "北京天兵科技有限公司")]
    [True, False]
    """
    if not tokens or tokens[-1].kind == Kind.LEGAL:
        return False
    if not "".join(t.text for t in tokens).endswith(load_chinese_words().unit_endings):
        return False
    return not any(t.kind == Kind.NAME and lexicon.is_proper(t) for t in tokens)
