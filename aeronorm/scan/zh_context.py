"""Chinese names inside longer Chinese names: which of the Chinese scan's mentions stay.

Chinese text writes no space between a name and what makes it another one, so a name the scan
finds may be part of a longer name the glossary lacks. Such a mention is dropped (the text keeps
what it wrote), a plain policy apart from the matching, as the English overlap policy is:

* a title after a word that makes it another post: 副董事长 is no 董事长 (``title_modifiers``), and
  before one: 总经理助理 is no 总经理 (``title_suffixes``); 部长 after a department that is no
  ministry (研究发展部部长: its head; ``ministries`` and the glossary's ministries are);
* a model after a letter that makes it another model: 长征五号甲 is no 长征五号 (``model_suffixes``);
* a name before its own unit: an ordinal or a number and a unit word (中国航天科技集团第十研究院,
  航天科技二院), a place and a unit word (北京理工大学珠海学院), a bracketed place (哈尔滨工业大学
  （深圳）), or a short word and a unit word (中共福建省委组织部): the unit is another entity;
* a name a place is glued before, when the name holds no place or national scope of its own:
  南京工业大学 is no 工业大学 the glossary knows under another city's name;
* a place, an organisation or a term glued before more characters that end as a body's name does
  (公司, 研究所, 中心 ...), with no other name starting among them and no word no name holds
  (``name_breaks``: 是, 所属): 北京航天时代激光导航技术有限
  责任公司 is no mention of Beijing, 中国科学院空间科学与应用中心 none of the Academy;
* a programme followed by a model's number: 长征六号 is no mention of Long March (the glossary's
  own models, 长征五号, are found whole);
* a "plus" policy's name without its plus: 航天 is no 航天+;
* a place before a word that makes the two another thing (``place_compounds``): 北京时间;
* a body or a programme before a building's or a street's word (``building_words``): 神舟大厦;
* a term before 司 (商业航天司: a ministry's department, as a term before a body's ending is);
* a name that starts inside a word of the field (``field_compounds``): 国家航空航天局 holds no
  航天局, 航空航天强国 no 航天强国;
* a name with a place in brackets (银河航天（北京）科技有限公司, :func:`bracketed_names`) is one
  name: the place in its brackets and the words around it are no mentions of their own;
* (:func:`field_phrase`, read by the Chinese scan) a stretch made of the field's common nouns
  alone (``field_words``: 航天科技 "space science and technology", 卫星网络 "satellite
  networks") names no body where the scan reads it as a core or short form, or where another
  such noun follows it (航天科技创新): it is prose.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from ..glossary.entity import body_kind_of_words
from ..resources import load_chinese_words, load_places
from ..results import Mention
from ..text.zh import fold_han

__all__ = ["bracketed_names", "field_phrase", "field_word_at", "keep_whole_names"]

_NUMERAL = "零〇一二三四五六七八九十百千两"
_BRACKETED = re.compile(r"[（(]([\u4e00-\u9fff]{2,6})[)）]")
_LONGEST_FIELD_WORD = 4  # characters of the longest word field_words may hold
_MODEL_NUMBER = re.compile(rf"[{_NUMERAL}\d]+[号號]|-?\d")  # 长征六号, 高分03 (a series' satellite)


@cache
def _body_after(least: int = 1) -> re.Pattern[str]:
    """Characters glued after a name that end as a body's name does (``name_endings``, in the
    folded text): a longer name the glossary lacks. After a place, an ending of two characters
    or more alone is one (西安分院, ``least`` 0); after a body, it may be the body's own form
    (集团公司)."""
    endings = sorted(load_chinese_words().name_endings, key=len, reverse=True)
    alternatives = "|".join(map(re.escape, endings))
    glued = rf"[\u4e00-\u9fff]{{1,12}}?(?:{alternatives})(?!长)"  # (副局长: a post of the name's)
    if least:
        return re.compile(glued)
    # (an ending of one character alone is a word's too: 北京局势)
    longer = "|".join(re.escape(e) for e in endings if len(e) > 1)
    return re.compile(f"(?:{longer})(?!长)|{glued}")


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
    # (a unit word then 长 is a post of the name's: 国家航天局副局长, 院长; 部 then 门 is the
    # common noun "department(s)": 国家航天局等部门, 有关部门)
    unit = f"{units}(?![长门])"
    unit_after = re.compile(rf"第?[{_NUMERAL}\d]+[\u4e00-\u9fff]{{0,2}}?{unit}"
                            rf"|{place}[\u4e00-\u9fff]{{0,4}}?{unit}|[\u4e00-\u9fff]{{1,2}}{unit}")
    return (tuple(words.title_modifiers), frozenset(words.model_suffixes), unit_after,
            re.compile(rf"{place}$"), re.compile(place))


def _ministries_end(mentions: Sequence[Mention], known: list[frozenset[int]]) -> frozenset[int]:
    """Where mentions of ministries (their English name's head: "Ministry of ...") end, read once
    into ``known``."""
    if not known:
        known.append(frozenset(m.end for m in mentions if m.match.type == "org"
                               and body_kind_of_words(m.match.canonical.casefold().split()) == "ministry"))
    return known[0]


@cache
def _compound_splits() -> tuple[tuple[str, str], ...]:
    """Each way to cut a word of ``field_compounds`` in two: (the part before, the part after)."""
    return tuple((word[:k], word[k:]) for word in load_chinese_words().field_compounds
                 for k in range(1, len(word)))


@cache
def _field_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The field's common nouns, and the scope words longest first (read once: the Chinese scan
    asks for each name it finds)."""
    words = load_chinese_words()
    return tuple(words.field_words), tuple(sorted(words.scope_words, key=len, reverse=True))


def field_word_at(folded: str, i: int) -> bool:
    """Whether one of the field's common nouns starts at ``folded[i]``: 创新 of 航天科技创新."""
    return folded.startswith(_field_words()[0], i)


def field_phrase(span: str) -> bool:
    """Whether ``span`` (folded) is made of the field's common nouns alone (``field_words``),
    after a country or scope word: 航天科技, 中国航天科技, 卫星网络.

    >>> field_phrase("卫星网络"), field_phrase("中国航天科技"), field_phrase("航天科工")
    (True, True, False)
    """
    field, scopes = _field_words()
    for scope in scopes:
        if span.startswith(scope):
            span = span[len(scope) :]
            break
    # (each prefix of the span that field words cover, by dynamic programming)
    covered = [True] + [False] * len(span)
    for end in range(1, len(span) + 1):
        covered[end] = any(covered[start] and span[start:end] in field
                           for start in range(max(0, end - _LONGEST_FIELD_WORD), end))
    return bool(span) and covered[-1]


@cache
def _bracketed() -> re.Pattern[str]:
    """Han characters, a place (or a company form) in brackets, then Han characters up to a
    body's name ending (``name_endings``): 银河航天(北京)科技有限公司 (in the folded text, brackets
    unified)."""
    endings = "|".join(map(re.escape, sorted(load_chinese_words().name_endings, key=len, reverse=True)))
    place = _tables()[4].pattern
    bracketed = f"{place}|集团|控股|股份"  # a place, or a form written in brackets: X(集团)有限公司
    return re.compile(rf"[\u4e00-\u9fff]{{2,12}}\((?:{bracketed})\)[\u4e00-\u9fff]{{0,16}}?(?:{endings})")


def bracketed_names(folded: str) -> list[tuple[int, int, int]]:
    """The names in ``folded`` (text folded by :func:`~aeronorm.text.zh.fold_han`) with a place in
    brackets after their first words, as ``(start, bracket, end)``: the Han characters before the
    bracket (where the name may start), the bracket's position, the name's end."""
    if "(" not in folded:
        return []
    return [(m.start(), folded.index("(", m.start()), m.end()) for m in _bracketed().finditer(folded)]


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
    fillers = tuple(load_chinese_words().fillers)
    compounds = load_chinese_words().place_compounds
    title_suffixes = load_chinese_words().title_suffixes
    breaks = load_chinese_words().name_breaks
    false_endings = tuple(load_chinese_words().false_endings)
    notes = tuple(load_chinese_words().short_name_notes)
    forms = tuple(load_chinese_words().company_forms)
    buildings = load_chinese_words().building_words
    ministries = load_chinese_words().ministries
    ends: list[frozenset[int]] = []  # (where the glossary's ministries end: read once, if asked)
    compounds_split = _compound_splits()
    ids_at: dict[int, set[str]] = {}
    for m in mentions:
        ids_at.setdefault(m.start, set()).add(m.entity_id)
    # (a term is a word of a longer name as much as of prose: 航天 of 上海国家民用航天产业基地)
    starts = sorted(m.start for m in mentions if m.match.type != "term")
    folded = fold_han(text)  # (folded character for character)
    whole = bracketed_names(folded)
    out = []
    for m in mentions:
        if any(start <= m.start < end and not (m.start < bracket and m.end == end)
               for start, bracket, end in whole):
            continue  # 北京 of 银河航天（北京）科技有限公司, 航天科技有限公司 of X（北京）航天科技有限公司
        # (read folded: traditional 貴州 is the place 贵州 of the tables)
        before, after, kind = folded[max(0, m.start - 8) : m.start], folded[m.end : m.end + 12], m.match.type
        if m.match.canonical.endswith("+") and not text.startswith(("+", "＋"), m.end):
            continue  # 航天 is no 航天+
        if kind in ("program", "term") and _MODEL_NUMBER.match(after.lstrip("\"'")):
            continue  # 长征六号, 高分03; 遥感三十六号 (a series named by a field's word); “长征”三号甲
        # (遥感中心: a term, then a body's ending alone; but 央企集团, a term and a company form,
        # is prose: "central SOE groups")
        least = 0 if kind == "place" or (kind == "term" and not folded.startswith(forms, m.end)) else 1
        if kind in ("org", "place", "term", "program") and (run := _body_after(least).match(folded, m.end)) \
                is not None \
                and (kind == "term" or not folded.startswith(fillers, m.end)):
            # (和北京大学: another name after 和; but a field's word is one of a name's:
            # 遥感与数字地球研究所)
            nxt = bisect_right(starts, m.end)
            if (nxt == len(starts) or starts[nxt] >= run.end()) and not any(
                    b in run.group() for b in breaks) and not run.group().endswith(false_endings):
                # (布局 "layout", 网站 "website" end as a bureau's or a station's name does)
                continue  # 北京航天时代激光导航技术有限责任公司, 中国科学院空间科学与应用中心
        if kind == "place" and folded.startswith(compounds, m.end):
            continue  # 北京时间: a time zone
        if kind == "term" and after.startswith("司") and not after.startswith("司令"):
            continue  # 商业航天司: a ministry's department (as 遥感中心, a term before a body's ending)
        if kind in ("org", "program") and folded.startswith(buildings, m.end):
            continue  # 神舟大厦: a building named after it
        if any(before.endswith(head) and folded.startswith(tail, m.start) for head, tail in compounds_split):
            continue  # 国家航空[航天局]: the name starts inside 航空航天
        if kind == "title" and (before.endswith(modifiers) or after.startswith(title_suffixes)):
            continue  # 副董事长, 总经理助理
        if kind == "title" and folded[m.start : m.end].endswith("部长") and before.endswith("部") \
                and not before.endswith(ministries) and m.start not in _ministries_end(mentions, ends):
            continue  # 研究发展部副部长: a department's head, no minister
        if kind == "program" and after[:1] in suffixes:
            continue  # 长征五号甲
        if kind in ("org", "program") and place_at_end.search(before) and not place_first.match(m.text) \
                and not m.text.startswith(scopes):
            continue  # 南京工业大学 (but 在北京中国航天科技集团: no city has a 中国X of its own)
        bracket = _BRACKETED.match(folded, m.end) if kind == "org" else None
        if bracket is not None and (bracket.group(1).startswith(notes)
                                    or m.entity_id in ids_at.get(m.end + 1, ())):
            bracket = None  # its own short name in the brackets: 北京理工大学（北理工）, （下称北理工）
        unit = unit_after.match(after) if kind == "org" and not after.startswith(fillers) else None
        if kind == "org" and (bracket is not None or (unit and not unit.group().endswith(false_endings))):
            # (与大学合作: 与 opens another name, no unit of this one)
            continue  # 中国航天科技集团第十研究院, 北京理工大学珠海学院, 哈尔滨工业大学（深圳）
        out.append(m)
    return out
