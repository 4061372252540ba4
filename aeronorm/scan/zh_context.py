"""Chinese names inside longer Chinese names: which of the Chinese scan's mentions stay.

Chinese text writes no space between a name and what makes it another one, so a name the scan
finds may be part of a longer name the glossary lacks. Such a mention is dropped (the text keeps
what it wrote), a plain policy apart from the matching, as the English overlap policy is:

* a title after a word that makes it another post: 副董事长 is no 董事长 (``title_modifiers``);
* a model after a letter that makes it another model: 长征五号甲 is no 长征五号 (``model_suffixes``);
* a name before its own unit: an ordinal or a number and a unit word (中国航天科技集团第十研究院,
  航天科技二院), a place and a unit word (北京理工大学珠海学院), a bracketed place (哈尔滨工业大学
  （深圳）), or a short word and a unit word (中共福建省委组织部): the unit is another entity;
* a name a place is glued before, when the name holds no place or national scope of its own:
  南京工业大学 is no 工业大学 the glossary knows under another city's name;
* a place or an organisation glued before more characters that end as a body's name does
  (公司, 研究所, 中心 ...), with no other name starting among them: 北京航天时代激光导航技术有限
  责任公司 is no mention of Beijing, 中国科学院空间科学与应用中心 none of the Academy;
* a programme followed by a model's number: 长征六号 is no mention of Long March (the glossary's
  own models, 长征五号, are found whole);
* a "plus" policy's name without its plus: 航天 is no 航天+.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from ..resources import load_chinese_words, load_places
from ..results import Mention
from ..text.zh import fold_han

__all__ = ["keep_whole_names"]

_NUMERAL = "零〇一二三四五六七八九十百千两"
_BRACKETED = re.compile(r"[（(]([\u4e00-\u9fff]{2,6})[)）]")
_MODEL_NUMBER = re.compile(rf"[{_NUMERAL}\d]+[号號]")


@cache
def _body_after() -> re.Pattern[str]:
    """Characters glued after a name that end as a body's name does (``name_endings``, in the
    folded text): a longer name the glossary lacks."""
    endings = sorted(load_chinese_words().name_endings, key=len, reverse=True)
    alternatives = "|".join(map(re.escape, endings))
    return re.compile(rf"[\u4e00-\u9fff]{{1,12}}?(?:{alternatives})")


@cache
def _tables() -> tuple[tuple[str, ...], frozenset[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = load_chinese_words()
    suffixes = sorted(words.admin_suffixes, key=len, reverse=True)
    # a place: its name (its administrative suffix optional: 衢州 or 衢州市)
    stems = {zh for zh, _ in load_places() if len(zh) >= 2}
    stems |= {zh[: -len(s)] for zh in stems for s in suffixes if zh.endswith(s) and len(zh) - len(s) >= 2}
    place = "(?:{})(?:{})?".format("|".join(map(re.escape, sorted(stems, key=len, reverse=True))),
                                   "|".join(map(re.escape, suffixes)))
    units = "(?:{})".format("|".join(map(re.escape, sorted(words.unit_endings, key=len, reverse=True))))
    # what may follow a name and make the whole a unit of it: an ordinal or number and a unit
    # word, a place and a unit word, or a short word ending in one (组织部)
    # (a unit word then 长 is a post of the name's: 国家航天局副局长, 院长)
    unit = f"{units}(?!长)"
    unit_after = re.compile(rf"第?[{_NUMERAL}\d]+[\u4e00-\u9fff]{{0,2}}?{unit}"
                            rf"|{place}[\u4e00-\u9fff]{{0,4}}?{unit}|[\u4e00-\u9fff]{{1,2}}{unit}")
    return (tuple(words.title_modifiers), frozenset(words.model_suffixes), unit_after,
            re.compile(rf"{place}$"), re.compile(place))


def keep_whole_names(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The Chinese scan's mentions of ``text`` that are not part of a longer name (see the
    module's docstring), in their order.

    Examples
    --------
    >>> from aeronorm.results import Match
    >>> m = Match("董事长", "t", "Chairman", "title", 1.0, "chinese")
    >>> [x.text for x in keep_whole_names("副董事长王某", [Mention(1, 4, "董事长", m)])]
    []
    """
    modifiers, suffixes, unit_after, place_at_end, place_first = _tables()
    scopes = tuple(load_chinese_words().scope_words)
    starts = sorted(m.start for m in mentions)
    body_after, folded = _body_after(), fold_han(text)  # (folded character for character)
    out = []
    for m in mentions:
        before, after, kind = text[max(0, m.start - 8) : m.start], text[m.end : m.end + 12], m.match.type
        if m.match.canonical.endswith("+") and not text.startswith(("+", "＋"), m.end):
            continue  # 航天 is no 航天+
        if kind == "program" and _MODEL_NUMBER.match(after):
            continue  # 长征六号
        if kind in ("org", "place") and (run := body_after.match(folded, m.end)) is not None:
            nxt = bisect_right(starts, m.end)
            if nxt == len(starts) or starts[nxt] >= run.end():
                continue  # 北京航天时代激光导航技术有限责任公司, 中国科学院空间科学与应用中心
        if kind == "title" and before.endswith(modifiers):
            continue  # 副董事长
        if kind == "program" and after[:1] in suffixes:
            continue  # 长征五号甲
        if kind in ("org", "program") and place_at_end.search(before) and not place_first.match(m.text) \
                and not m.text.startswith(scopes):
            continue  # 南京工业大学 (but 在北京中国航天科技集团: no city has a 中国X of its own)
        if kind == "org" and (_BRACKETED.match(after) or unit_after.match(after)):
            continue  # 中国航天科技集团第十研究院, 北京理工大学珠海学院, 哈尔滨工业大学（深圳）
        out.append(m)
    return out
