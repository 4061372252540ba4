"""Chinese mentions in running text: the Chinese stage's tables and jieba over a folded copy.

The text is folded character for character (:func:`~aeronorm.text.zh.fold_han`), so a position in
the folded copy is the same position in the text; aeronorm's jieba tokenizer (loaded with the
glossary's Chinese names) segments it, and runs of words are resolved longest first against the
Chinese names (exact, traditional to simplified, without company forms, an English abbreviation
joined to a Chinese suffix such as ``CASIC二院``). Only mentions holding Chinese characters are
reported; English mentions are the English scanner's.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Collection
from functools import cache

from ..caching import BuildOnce
from ..index import Index
from ..lexicon import Kind
from ..lexicon.word_classes import load_word_classes
from ..pipeline.calibration import Calibration
from ..pipeline.chinese import ChineseIndex, Hit
from ..resources import load_chinese_words
from ..results import Match, Mention
from ..text.fold import HAN_RE
from ..text.zh import fold_han
from .zh_context import bracketed_names, field_phrase, field_word_at

__all__ = ["find_chinese"]


def find_chinese(text: str, *, index: Index, table: BuildOnce[ChineseIndex], calibration: Calibration,
                 allowed: Collection[int] | None = None) -> list[Mention]:
    """Glossary names in a Chinese or mixed text, as mentions with spans into ``text``.

    Examples
    --------
    >>> from aeronorm import Glossary, Normalizer
    >>> n = Normalizer(Glossary.from_records([
    ...     {"id": "casic", "name": "CASIC", "zh": "中国航天科工集团有限公司", "zh_aliases": ["航天科工"]},
    ...     {"id": "nwpu", "name": "Northwestern Polytechnical University", "zh": "西北工业大学"}]))
    >>> text = "據報道，中國航天科工集團與西北工业大学签署了协议。"
    >>> [(m.start, m.end, m.text, m.entity_id) for m in n.find(text)]
    [(4, 12, '中國航天科工集團', 'casic'), (13, 19, '西北工业大学', 'nwpu')]
    """
    if HAN_RE.search(text) is None:
        return []
    ci = table.get()
    folded = fold_han(text)
    entities = index.entities
    forms = sorted(load_chinese_words().company_forms, key=len, reverse=True)
    ends = tuple(forms)
    prose = load_chinese_words().prose_forms
    determiners = load_chinese_words().field_determiners
    trailing, institutions = _descriptors_after_institutions()
    out: list[Mention] = []
    made: dict[tuple[str, Hit], Match] = {}  # a name written the same way, found the same way (frozen)
    found = ci.scan(folded)
    for first, bracket, end in bracketed_names(folded):
        # a name with a place in brackets: the scan reads no name across a bracket; its whole
        # name, from the earliest start that is one (据银河航天 is none: 银河航天 is)
        for start in range(first, bracket - 1):
            hit = ci.lookup(folded[start:end], allowed, loose=False)
            if hit is not None and len(hit.ids) == 1:
                found.append((start, end, hit))
                break
    for k, (start, end, hit) in enumerate(found):
        unit = ci.unit_of(hit.ids, folded[end : end + 8])
        if unit is not None:
            # a parent's name and a bare ordinal after it (航天科技五院): the parent's unit
            found[k] = (start, end + unit[1], Hit("core", frozenset((unit[0],)), f"{hit.evidence}, its unit"))
    named = [(f[0], next(iter(f[2].ids))) for f in found if len(f[2].ids) == 1]
    in_context = ci.in_context_of(folded, named)
    # (a term inside, 航天 of 航天二院, gives way to the name)
    taken = sorted((start, end) for start, end, hit in found
                   if any(entities[i].type != "term" for i in hit.ids)) if in_context else []
    field = sorted(load_chinese_words().field_words, key=len, reverse=True) if in_context else []
    for start, end, hit in in_context:
        # 八院 after the text named the academy: its context alias (one that overlaps a name
        # found, 航天八院, is that name's); a field's word before it is its name's (航天二院)
        start -= next((len(w) for w in field if folded.endswith(w, 0, start)), 0)
        k = bisect_right(taken, (start, len(folded)))
        if not (k and taken[k - 1][1] > start) and not (k < len(taken) and taken[k][0] < end):
            found.append((start, end, hit))
    for start, end, hit in sorted(found, key=lambda f: (f[0], -f[1])):
        (i,) = hit.ids
        if allowed is not None and i not in allowed:
            continue
        score = calibration.chinese[hit.level]
        if score < calibration.threshold:
            continue
        if hit.level != "exact" and folded.endswith(ends, start, end) \
                and _naming_word_before(folded, start, ci):
            continue  # 航天 + 东方红卫星有限公司: the tail of another company's full name
        if entities[i].type == "org" and entities[i].zh and not entities[i].zh.endswith(ends) \
                and (after := next((f for f in forms if folded.startswith(f, end)), None)) \
                and after not in prose:
            continue  # 东方航天港集团: a company named after a body that is none (a spaceport)
        if entities[i].type == "org" and field_phrase(folded[start:end]) and (
                hit.level != "exact" or field_word_at(folded, end) or folded.endswith(determiners, 0, start)):
            # 低轨卫星网络 (a core), 航天信息产业 (a short form and more), 航天科技创新 (a name and
            # more of the same nouns), 我国航天科技 (a country's field): the field's common nouns, prose
            continue
        form = next((f for f in forms if folded.startswith(f, start) and start + len(f) < end), "")
        if form:
            start += len(form)  # 有限公司董事长: the form ends the name before the post
        if entities[i].type == "term" and folded[start:end] not in (names := entities[i].chinese_names()):
            # 助推商业航天发展: a term found with a word more is the term, the word prose's (a
            # term has no company form or core that a longer span would be)
            # (and one found with a scope word before it, 国家商业航天发展: the term inside)
            inside = [(folded.find(n, start, end), len(n)) for n in names]
            at, size = max(((a, b) for a, b in inside if a >= 0), key=lambda f: f[1], default=(-1, 0))
            if at >= 0:
                start, end = at, at + size
        if hit.level != "exact" and entities[i].type == "org" \
                and (rest := next((d for d in trailing if folded.endswith(d, start, end)), "")) \
                and folded.endswith(institutions, start, end - len(rest)):
            # 研究院技术顾问: a descriptor after an institution's name (which a company's short name
            # may leave out, 航天驭星科技) opens the next word, a post here
            end -= len(rest)
        while start < end and unicodedata.category(text[start]) == "No":
            start += 1  # a list's numbering glued to the name: ❶中华人民共和国..., ⑵
        span = text[start:end]
        match = made.get((span, hit))
        if match is None:
            match = made[span, hit] = Match.of(span, entities[i], score, "chinese", (hit.evidence,))
        out.append(Mention(start, end, span, match))
    return out


@cache
def _descriptors_after_institutions() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The company descriptors a Chinese short name may leave out (``zh_descriptors``: 科技, 技术;
    not the forms 集团, 股份), longest first, and the endings of names of bodies that are no
    company (``name_endings`` but company forms and 集团: 研究院, 大学, 中心)."""
    words = load_chinese_words()
    forms = words.company_forms | words.body_markers | words.prose_forms
    trailing = sorted((d for d in load_word_classes().zh_descriptors if d not in forms and d != "实业"),
                      key=len, reverse=True)
    institutions = tuple(e for e in words.name_endings if e not in forms and not e.endswith("公司"))
    return tuple(trailing), institutions


def _naming_word_before(folded: str, start: int, ci: ChineseIndex) -> bool:
    """Whether a word of names (one the lexicon knows that names, not a filler: 航天, 东方) ends
    right before ``start``: a company's full name found after it without it is the tail of a
    longer name (航天东方红卫星有限公司 is no 东方红卫星股份有限公司)."""
    lex = ci.lexicon
    fillers = load_chinese_words().fillers
    for size in (4, 3, 2):
        word = folded[max(0, start - size) : start]
        if len(word) == size and word in lex.zh_terms and word not in fillers and all(
                t.kind == Kind.NAME for t in lex.zh_tokens(word)):
            return True
    return False
