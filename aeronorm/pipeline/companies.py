"""Whether a glossary entity is a company: one of its names ends in a company form.

A company form inside a name is a parent's ("CASC Fifth Academy" is no company); a bracketed
aside after it is left out ("X Co., Ltd. (Beijing)" still ends in its form).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..glossary.entity import Entity
from ..lexicon import Kind, TermLexicon
from ..lexicon.word_classes import load_word_classes
from ..resources import load_chinese_words
from ..text.fold import ASIDE_RE, fold

__all__ = ["Companies", "foreign_form", "is_company"]

_FORM_WORD = re.compile(r"[^\W_]+")


def is_company(entity: Entity, lexicon: TermLexicon) -> bool:
    """Whether one of ``entity``'s names ends in a company form: a Chinese name in one of
    ``company_forms`` (``chinese.yaml``: 有限公司, 集团, ...) or of ``enterprise_endings`` (厂, a
    works), an English name in a legal form ("Co., Ltd.", "Corporation", "Group").

    Examples
    --------
    >>> from aeronorm.glossary.glossary import shipped_terms
    >>> lex = TermLexicon(shipped_terms())
    >>> is_company(Entity("a", "Orion Rocket Co., Ltd. (Beijing)"), lex)
    True
    >>> is_company(Entity("b", "Fifth Academy", zh="第五研究院", aliases=("CASC Fifth Academy",)), lex)
    False
    """
    words = load_chinese_words()
    forms = (*words.company_forms, *words.enterprise_endings)
    if any(ASIDE_RE.sub("", zh).endswith(forms) for zh in entity.chinese_names()):
        return True
    for name in entity.english_names():
        tokens = lexicon.read(ASIDE_RE.sub(" ", name).strip() or name)
        if tokens and tokens[-1].kind == Kind.LEGAL:
            return True
    return False


def foreign_form(name: str, entity: Entity) -> str:
    """The company form of another country (or a partnership) that ``name`` ends in and no
    English name of ``entity`` does (``foreign_legal_forms`` of ``wordclasses.yaml``), or ``""``:
    "X GmbH" is a foreign subsidiary or a namesake of X, "X Limited Partnership" a fund.

    Examples
    --------
    >>> foreign_form("Orbix Space GmbH", Entity("o", "Orbix Space Co., Ltd."))
    'gmbh'
    >>> foreign_form("Orbix Space S.A.", Entity("o", "Orbix Space S.A."))
    ''
    >>> foreign_form("Orbix Space Co., Ltd.", Entity("o", "Orbix Space"))
    ''
    >>> foreign_form("Orbix Space (Limited Partnership)", Entity("o", "Orbix Space Co., Ltd."))
    'limited partnership'
    """
    # a partnership's form is written in brackets (有限合伙, "X (Limited Partnership)"): a
    # bracketed form counts, and so does the name's last word before its asides
    form = _ending_form(name, asides=True) or _ending_form(name)
    if not form or any(form in (_ending_form(own, asides=True), _ending_form(own))
                       for own in entity.english_names()):
        return ""
    return " ".join(form)


def _ending_form(name: str, *, asides: bool = False) -> tuple[str, ...]:
    text = name if asides else ASIDE_RE.sub(" ", name)
    words = _FORM_WORD.findall(fold(text).casefold().replace(".", "").replace("/", ""))
    forms = _foreign_forms()
    for n in range(min(3, len(words) - 1), 0, -1):  # the longest form first ("pte ltd" before "ltd")
        if (tail := tuple(words[-n:])) in forms:
            return tail
    return ()


@cache
def _foreign_forms() -> frozenset[tuple[str, ...]]:
    return frozenset(load_word_classes().foreign_legal_forms)


class Companies:
    """:func:`is_company` of an index's entities, asked of few and remembered: a place before a
    name is where a company is registered, before another entity's it names another one."""

    def __init__(self, entities: Sequence[Entity], lexicon: TermLexicon):
        self._entities = entities
        self._lexicon = lexicon
        self._known: dict[int, bool] = {}

    def __contains__(self, i: object) -> bool:
        if not isinstance(i, int):
            return False
        found = self._known.get(i)
        if found is None:
            found = self._known[i] = is_company(self._entities[i], self._lexicon)
        return found
