"""Chinese mentions in running text: the Chinese stage's tables and jieba over a folded copy.

The text is folded character for character (:func:`~aeronorm.text.zh.fold_han`), so a position in
the folded copy is the same position in the text; aeronorm's jieba tokenizer (loaded with the
glossary's Chinese names) segments it, and runs of words are resolved longest first against the
Chinese names (exact, traditional to simplified, without company forms, an English abbreviation
joined to a Chinese suffix such as ``CASIC二院``). Only mentions holding Chinese characters are
reported; English mentions are the English scanner's.
"""

from __future__ import annotations

from collections.abc import Collection

from ..caching import BuildOnce
from ..index import Index
from ..pipeline.calibration import Calibration
from ..pipeline.chinese import ChineseIndex, Hit
from ..results import Match, Mention
from ..text.fold import HAN_RE
from ..text.zh import fold_han

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
    out: list[Mention] = []
    made: dict[tuple[str, Hit], Match] = {}  # a name written the same way, found the same way (frozen)
    for start, end, hit in ci.scan(folded):
        (i,) = hit.ids
        if allowed is not None and i not in allowed:
            continue
        score = calibration.chinese[hit.level]
        if score < calibration.threshold:
            continue
        span = text[start:end]
        match = made.get((span, hit))
        if match is None:
            match = made[span, hit] = Match.of(span, entities[i], score, "chinese", (hit.evidence,))
        out.append(Mention(start, end, span, match))
    return out
