"""Short names a Chinese text defines for a body of its own: which mentions of them stay.

A text that writes a body's name and a short name in brackets after it (国家中山科学研究院（中科院）,
X公司（以下简称“航天科技”）) uses that short name for that body from then on, whatever the
glossary's short name of the same characters means elsewhere (中科院 is the Chinese Academy of
Sciences in Beijing, the Chung-Shan Institute in Taiwan). So a mention of an organisation whose
text the text defines for a body the glossary lacks (a name that ends as a body's does and is no
mention) is dropped everywhere in the text; a definition for a body it has (中国科学院（以下简称
中科院）) keeps them. A plain policy over the text and its mentions, apart from the matching, as
the overlap policies are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..resources import load_chinese_words
from ..results import Mention
from ..text.zh import fold_han

__all__ = ["drop_redefined"]

_QUOTE = "\"'“”‘’「」『』"


@cache
def _definition() -> re.Pattern[str]:
    """A bracket right after a name (spaces between allowed), holding a short name, maybe after
    a note (以下简称) and in quotes: in the folded text, whose brackets are ASCII."""
    notes = sorted(load_chinese_words().short_name_notes, key=len, reverse=True)
    note = "|".join(map(re.escape, notes))
    q = re.escape(_QUOTE)
    return re.compile(rf"\s*\((?:{note})?[:：为]?[{q}]?([^\s(){q},，、;；:：。]{{2,12}}?)[{q}]?\)")


def drop_redefined(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` of ``text`` but those of an organisation whose words the text defines as the
    short name of another body (module docstring), in their order.

    Examples
    --------
    >>> from aeronorm.results import Match
    >>> cas = Match("中科院", "cas", "Chinese Academy of Sciences", "org", 1.0, "chinese")
    >>> text = "中山科学研究院（中科院）研制。中科院表示"
    >>> found = [Mention(8, 11, "中科院", cas), Mention(15, 18, "中科院", cas)]
    >>> drop_redefined(text, found)
    []
    """
    if not mentions or ("(" not in text and "（" not in text):
        return list(mentions)
    folded = fold_han(text)  # (folded character for character)
    ends = {m.end: m for m in mentions}
    endings = tuple(load_chinese_words().name_endings)
    owners: dict[str, set[str | None]] = {}  # short name -> the bodies the text gives it to
    for d in _definition().finditer(folded):
        name_end = d.start()
        owner = ends.get(name_end)
        if owner is not None:
            owners.setdefault(d.group(1), set()).add(owner.entity_id)
        elif folded.endswith(endings, 0, name_end):
            owners.setdefault(d.group(1), set()).add(None)  # a body the glossary lacks
    # (a short name given to another body the glossary has is the writer's equation of two of
    # its entities, or a unit's name: 中国航天系统工程有限公司（中国航天科工一院）; only one the
    # glossary lacks takes the words from the glossary's entity)
    if not owners:
        return list(mentions)
    return [m for m in mentions
            if m.match.type != "org" or None not in owners.get(folded[m.start : m.end], ())]
