"""Pinyin keys of every Chinese name of a glossary: the table the pinyin and person stages share."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..index import Index
from ..lexicon import Kind, TermLexicon
from ..lexicon.word_classes import load_word_classes
from ..resources import load_chinese_words
from ..text.fold import has_han
from ..text.person_names import chinese_name_keys
from ..text.pinyin import has_syllables, to_pinyin
from .entity_ids import EntityIds, add_id, add_ids, ids_of, seal
from .places import keeps_its_place

__all__ = ["PinyinKeys", "pinyin_variants"]


class PinyinKeys:
    """Romanisation keys of every Chinese name: pinyin letters with and without the place
    prefix and the company-form suffix (北京天兵科技有限公司 -> ``tianbingkeji`` too); a
    person's name read with its surname's surname reading (单 Shan, not Dan).

    Attributes
    ----------
    keys : dict
        Pinyin letters -> entity positions (:mod:`~aeronorm.pipeline.entity_ids`).
    full : dict
        The whole romanisation of each Chinese name (not a person's) -> entity positions: it
        beats a shortened key of another name (中国科学院 over 中国科学院控股有限公司 without
        its company form).
    """

    def __init__(self, index: Index, readings: dict[str, tuple[str, ...]] | None = None):
        """``readings``, if given, is filled with the pinyin of each Chinese word read."""
        table: dict[str, Any] = {}
        full: dict[str, Any] = {}
        for i, entity in enumerate(index.entities):
            for zh in entity.chinese_names():
                person = entity.type == "person" and chinese_name_keys(zh)
                if person:
                    keys = {s + g for s, g in person}
                else:
                    keys = pinyin_variants(index.lexicon, zh, readings)
                    if keys and entity.type != "person":
                        add_id(full, max(keys, key=len), i)
                add_ids(table, keys, i)
        self.keys: EntityIds[str] = seal(table)
        self.full: EntityIds[str] = seal(full)

    def get(self, letters: str) -> tuple[int, ...]:
        """The entities one of whose Chinese names romanises to ``letters``."""
        return ids_of(self.keys, letters)


def pinyin_variants(lexicon: TermLexicon, zh: str, record: dict[str, tuple[str, ...]] | None = None
                    ) -> set[str]:
    """Pinyin keys of one Chinese name (6 letters or more; ü written ``u``).

    The full name, without its company form, without its place, without trailing
    descriptors (科技); a place with its administrative suffix also gives the bare place
    (上海市 -> ``shanghai``). ``record``, if given, is filled with each Chinese word's pinyin.
    """
    tokens = lexicon.zh_tokens(zh)
    readings = [to_pinyin(t.text) if has_han(t.text) else None for t in tokens]
    if record is not None:
        record.update((t.text, r) for t, r in zip(tokens, readings, strict=True) if r is not None)
    pieces = [(t.kind, "".join(r) if r is not None else t.text)
              for t, r in zip(tokens, readings, strict=True)]
    # the syllables each piece of Chinese reads as (a key made of them all need not be split)
    syllables_of = {p: r for (_, p), r in zip(pieces, readings, strict=True) if r is not None}
    variants = set()
    texts = [t.text for t in tokens]
    variants.add("".join(p for _, p in pieces))
    if (len(texts) >= 2 and tokens[0].kind == Kind.PLACE
            and "".join(texts[1:]) in load_chinese_words().admin_suffixes):
        # A place and its administrative suffix (内蒙古自治区): the bare place, never the suffix.
        variants.add(pieces[0][1])
        shortened: list[list[tuple[Kind, str]]] = []
    else:
        core = list(pieces)
        while core and core[-1][0] == Kind.LEGAL:
            core.pop()
        # A leading place only, and no institution's (keeps_its_place): a place further on
        # (火箭派（湖州）) names a more specific entity.
        placed = core and core[0][0] == Kind.PLACE and not keeps_its_place(tokens, lexicon)
        without_place = core[1:] if placed else core
        descriptors = _descriptor_pinyin()
        short = list(without_place)
        while short and short[-1][1] in descriptors:
            short.pop()
        shortened = [core, without_place, short]
    names = {p: t.text for p, t in zip(pieces, tokens, strict=True) if t.kind == Kind.NAME}
    for k, seq in enumerate(shortened):
        key = "".join(p for _, p in seq)
        # Shortened keys must keep three syllables or more; without place or descriptors,
        # also two naming words or one that is no common morpheme (中国航天 is not
        # 中国航天科技 shortened; 微纳星空 is 北京微纳星空科技 shortened).
        if len(key) < 6 or key in variants:
            continue  # left out below, or there already: no syllables to count
        kept = [names[p] for p in seq if p in names]
        telling = k == 0 or len(kept) >= 2 or any(t not in lexicon.zh_terms for t in kept)
        if not telling:
            continue
        read = [syllables_of.get(p) for _, p in seq]
        reading = None if None in read else tuple(s for r in read for s in r)  # type: ignore[union-attr]
        if has_syllables(key, 3, reading):
            variants.add(key)
    return {v.replace("v", "u") for v in variants if len(v) >= 6}


@cache
def _descriptor_pinyin() -> frozenset[str]:
    return frozenset("".join(to_pinyin(d)) for d in load_word_classes().zh_descriptors)
