"""Whether a glossary entity is a company: one of its names ends in a company form.

A company form inside a name is a parent's ("CASC Fifth Academy" is no company); a bracketed
aside after it is left out ("X Co., Ltd. (Beijing)" still ends in its form).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..glossary.entity import Entity
from ..lexicon import Kind, TermLexicon, Tok
from ..lexicon.word_classes import load_word_classes
from ..resources import load_chinese_words
from ..text.fold import ASIDE_RE, fold

__all__ = ["Companies", "company_form_family", "country_before_form", "foreign_form", "is_company",
           "named_without_place", "stock_form_mismatch"]

_FORM_WORD = re.compile(r"[^\W_]+")
# the country between a company's brand and its form: "CNOOC China Limited", "X PRC Co., Ltd."
# ("Bank of China Limited" states the scope of its own name)
_COUNTRY_BEFORE = re.compile(r"\b(?!(?:of|the|in|for)\b)[^\W\d_][\w'&-]*\s+(China|PRC)\s+(?=\S)",
                             re.IGNORECASE)


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


def named_without_place(entity: Entity, lexicon: TermLexicon) -> bool:
    """Whether a Chinese name of ``entity`` is a company's full name (it ends in a company form of
    ``company_forms``) with no place in it: a company registered so has no place in its name (a
    name approved nationally), and the same name with a place in front is another company, its
    branch or subsidiary there (海南航天信息有限公司 is not 航天信息股份有限公司). A short name
    (天兵科技) may leave out the place the company's full name has. An entity with no Chinese
    name is read by its English full name as registered ("X Electronics Co., Limited", a Hong
    Kong company, is not "Shenzhen X Electronic Co., Ltd.").

    Examples
    --------
    >>> from aeronorm.glossary.glossary import shipped_terms
    >>> lex = TermLexicon(shipped_terms())
    >>> named_without_place(Entity("a", "Orbix Space Co., Ltd.", zh="奥比斯空间科技股份有限公司"), lex)
    True
    >>> [named_without_place(Entity("b", "Orbix", zh=zh), lex) for zh in ("北京奥比斯有限公司", "奥比斯科技")]
    [False, False]
    """
    forms = tuple(load_chinese_words().company_forms)
    if not entity.chinese_names():
        # without one, its English full name as registered (a sanctions list's, a register's):
        # one ending in a company form and stating no place
        return any((toks := lexicon.read(ASIDE_RE.sub(" ", name))) and toks[-1].kind == Kind.LEGAL
                   and not any(t.kind == Kind.PLACE for t in toks) for name in entity.english_names())
    return any(ASIDE_RE.sub("", zh).endswith(forms)
               and not any(t.kind == Kind.PLACE for t in lexicon.zh_tokens(zh))
               for zh in entity.chinese_names())


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


def country_before_form(name: str, entity: Entity) -> str:
    """The country that ``name`` writes between a brand and its company form where no English
    name of ``entity`` writes it, or ``""``: "CNOOC China Limited" is the company's subsidiary
    in China, not "CNOOC Limited" (as "X (Shenzhen) Co." is its company there).

    Examples
    --------
    >>> country_before_form("Orbix China Limited", Entity("o", "Orbix Limited"))
    'China'
    >>> country_before_form("Bank of China Limited", Entity("b", "Bank Limited"))
    ''
    >>> country_before_form("Orbix China Co., Ltd.", Entity("o", "Orbix China Co., Ltd."))
    ''
    """
    for found in _COUNTRY_BEFORE.finditer(name):
        rest = _FORM_WORD.findall(fold(name[found.end() :]).casefold().replace(".", ""))
        if any(tuple(rest[:n]) in _legal_phrases() for n in range(1, 4)):
            break
    else:
        return ""
    country = found.group(1)
    said = re.compile(rf"\b{re.escape(country)}\b", re.IGNORECASE)
    return "" if any(said.search(own) for own in entity.english_names()) else country


def company_form_family(tok: Tok) -> str:
    """The family of a company form: a group (集团), a joint-stock company (股份) or a company
    (``company_form_families`` of ``aeronorm/data/wordclasses.yaml``)."""
    words = " ".join((tok.text, *tok.keys))
    for family, markers in load_word_classes().company_form_families:
        if any(m in words for m in markers):
            return family
    return "company"


def stock_form_mismatch(tokens: Sequence[Tok], entity: Entity, lexicon: TermLexicon) -> str:
    """The query's joint-stock form as written (股份, "Joint Stock") when no name of ``entity``
    says joint-stock, or ``""``: for a group, 航天科技集团股份有限公司 is not the group (中国航天科技
    集团有限公司) but a listed company, or another body's name ending in the group's (the caller
    asks it of groups: a company's own 股份 is often its newer form). The other way round says
    little: writers drop 股份 from a joint-stock company's name, and "Co., Ltd." renders both."""
    stock = next((t.text for t in tokens if t.kind == Kind.LEGAL and _says_stock(t)), "")
    if not stock:
        return ""
    named = [*(lexicon.tokens(n) for n in entity.english_names()),
             *(lexicon.zh_tokens(zh) for zh in entity.chinese_names())]
    return "" if any(_says_stock(t) for toks in named for t in toks if t.kind == Kind.LEGAL) else stock


def _says_stock(tok: Tok) -> bool:
    """Whether a company form says joint-stock as written (股份有限公司, "Joint Stock Co."), not
    only among the forms it may render ("Co., Ltd.")."""
    markers = dict(load_word_classes().company_form_families)["stock"]
    return any(m in tok.text for m in markers)


def _ending_form(name: str, *, asides: bool = False) -> tuple[str, ...]:
    text = name if asides else ASIDE_RE.sub(" ", name)
    words = _FORM_WORD.findall(fold(text).casefold().replace(".", "").replace("/", ""))
    forms = _foreign_forms()
    for n in range(min(3, len(words) - 1), 0, -1):  # the longest form first ("pte ltd" before "ltd")
        if (tail := tuple(words[-n:])) in forms:
            return tail
    return ()


@cache
def _legal_phrases() -> frozenset[tuple[str, ...]]:
    return frozenset(load_word_classes().legal_phrases)


@cache
def _foreign_forms() -> frozenset[tuple[str, ...]]:
    return frozenset(load_word_classes().foreign_legal_forms)


class Companies:
    """:func:`is_company` of an index's entities, asked of few and remembered: a place before a
    name is where a company is registered, before another entity's it names another one; unless
    the company's full name states no place (:func:`named_without_place`, :meth:`registered_locally`)."""

    def __init__(self, entities: Sequence[Entity], lexicon: TermLexicon):
        self._entities = entities
        self._lexicon = lexicon
        self._known: dict[int, bool] = {}
        self._unplaced: dict[int, bool] = {}

    def registered_locally(self, i: int) -> bool:
        """Whether entity ``i`` is a company whose full name may leave out where it is
        registered: a place before one of its names may be that place."""
        if i not in self:
            return False
        found = self._unplaced.get(i)
        if found is None:
            found = self._unplaced[i] = named_without_place(self._entities[i], self._lexicon)
        return not found

    def __contains__(self, i: object) -> bool:
        if not isinstance(i, int):
            return False
        found = self._known.get(i)
        if found is None:
            found = self._known[i] = is_company(self._entities[i], self._lexicon)
        return found
