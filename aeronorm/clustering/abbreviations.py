"""Evidence found last, once the names are clustered: an acronym, or a syllable abbreviation
in pinyin, joins the one cluster whose names spell it (NWPU; Xibei Gongda, 西北工大)."""

from __future__ import annotations

from collections import defaultdict

from ..lexicon import Kind
from ..pipeline.abbreviation import derive_acronyms
from ..pipeline.pinyin import derived_forms, pinyin_letters
from ..text.fold import has_han
from .evidence import ColumnEvidence
from .items import Item
from .romanised import is_romanised, romanised_item

__all__ = ["abbreviation_owners", "acronym_owners", "letters_of"]


def abbreviation_owners(ev: ColumnEvidence) -> dict[str, list[int]]:
    """Pinyin letters -> the items whose Chinese name (written, or read through the concepts of
    an English name) abbreviates to them syllable by syllable (西北工业大学 -> 西北工大,
    ``xibeigongda``): the pinyin stage's derived forms. Only letters a romanised value writes."""
    wanted = {k for k in (letters_of(item) for item in ev.items) if k}
    owners: dict[str, list[int]] = defaultdict(list)
    if not wanted:
        return owners
    lex = ev.index.lexicon
    for item in ev.items:
        pieces = _chinese_pieces(item)
        if not pieces:
            continue
        for letters in set(derived_forms(pieces, lexicon_terms=lex.zh_terms).values()):
            if letters in wanted:
                owners[letters].append(item.position)
    return owners


def letters_of(item: Item) -> str:
    """The pinyin letters of a wholly romanised Latin value, else ``""``."""
    if item.script != "latin" or not romanised_item(item):
        return ""
    letters = pinyin_letters(item.soft)
    return letters[0] if letters else ""


def _chinese_pieces(item: Item) -> list[tuple[str, Kind]]:
    """The Chinese morphemes of a name and their kinds: a Chinese value's own, or the concepts an
    English name's words translate (none when a word has no Chinese concept)."""
    toks = [t for t in item.tokens if t.kind != Kind.LEGAL]
    if not toks or item.script == "acronym":
        return []
    if item.script == "han":
        return [(t.text, t.kind) for t in toks] if all(has_han(t.text) for t in toks) else []
    if any(is_romanised(t) or not has_han(t.key) for t in toks):
        return []
    return [(t.key, t.kind) for t in toks]


def acronym_owners(ev: ColumnEvidence) -> dict[str, list[int]]:
    """Acronym -> the Latin items whose names derive it (only acronyms the column writes).

    Whole names first: an acronym derived from a comma-separated part of a name ("..., Chinese
    Academy of Sciences" gives CAS) counts only when no whole name derives it, as in the
    abbreviation stage."""
    wanted = {item.acronym for item in ev.items if item.acronym}
    whole: dict[str, list[int]] = defaultdict(list)
    parts: dict[str, list[int]] = defaultdict(list)
    if not wanted:
        return whole
    lex = ev.index.lexicon
    for item in ev.items:
        if item.script != "latin" or len(item.tokens) < 2:
            continue
        pieces = [p for p in item.soft.split(",") if len(p.split()) >= 2] if "," in item.soft else []
        for acro in derive_acronyms(lex, item.soft.replace(",", " ")):
            if acro in wanted:
                whole[acro].append(item.position)
        for piece in pieces:
            for acro in derive_acronyms(lex, piece):
                if acro in wanted and item.position not in parts[acro]:
                    parts[acro].append(item.position)
    for acro, owners in parts.items():
        if acro not in whole:
            whole[acro] = owners
    return whole
