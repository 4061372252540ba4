"""What a rewrite must keep: the text's meaning around and inside a mention.

:func:`keeps_meaning` says whether writing ``new`` over a mention keeps what the text says:

* every digit run of the mention (a year, an edition, a designation: ``Chang'e-6`` is not
  rewritten to ``Chang'e``), and no digit run the text did not write (``2024``);
* every place word of the mention, and no place the text did not name (a province invented);
* no bracket the mention did not have (a note);
* no name the text introduces as a name ("formerly known as X", "full name X"), nor one in the
  slot of its original script or romanisation ("Chinese: 西北工业大学", "pinyin: ..."): the text
  speaks of the name itself;
* no name written as notation: glued by a slash to another word ("CAS/CSU"), or part of a web
  address ("casc.cn"); in English text, no Chinese name in brackets (a gloss of the name before
  it) or inside a longer run of Chinese characters (嫦娥 of 嫦娥工程);
* no words the text writes right before or after the mention (``"Slogan" Exhibition`` is not
  rewritten to ``"Slogan" 'Slogan' Exhibition``, nor "the Long March rockets" to "the Long March
  rocket family rockets").

:func:`names_a_part` says whether a mention names one part of a name that joins two with "and"
(one body with two names, a pair of programmes): the whole would name more than the text does.

:func:`plural_of` keeps the number of a mention: "Members of ..." stays plural.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from rapidfuzz.distance import OSA

from ..lexicon import stem
from ..lexicon.word_classes import load_word_classes
from ..pipeline.asides import initials_spell
from ..text.fold import has_han, is_han_char
from .article import modifies_next
from .cues import load_text_cues, read_aka

__all__ = ["in_script_slot", "is_plural", "keeps_meaning", "keeps_rank", "named_as_such", "names_a_part",
           "owner_stated", "plural_of"]

_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+")
_LOOK_BACK = 80  # characters around a mention searched for words a rewrite would double
_SENTENCE_END = re.compile(r"[.!?;:\n]\s")
_NEXT_LOWER = re.compile(r"\s+([a-z][a-z-]+)")  # the word after a mention, in lower case
_CLAUSE_END = re.compile(r"[.,;:!?()\[\]\u3002\uff0c]")
_LAST_LOWER = re.compile(r"\b([a-z][a-z-]+)\s*$")
_PHRASE_BREAKS = frozenset({"the", "a", "an", "its", "their", "this", "that", "these", "those", "his", "her",
                            "is", "are", "was", "were", "has", "have", "had", "will", "to"})
# A citation's year and volume after a name: a journal's title ("..., 2025, 45(1): 1-11",
# "2024; 12 (3)"), whatever body its words name.
_CITED = re.compile(r"[,.]?\s*(?:19|20)\d\d\s*[,;]\s*(?:vol\.?\s*)?\d+\s*\(\s*\d+\s*\)", re.IGNORECASE)
# words in lower case before a name, no function word among them: a description ("own subsidiary")
_DESCRIBED = re.compile(
    r"(?:\s+(?!(?:and|or|the|a|an|of|to|with|for|in|on|at|by|from|as)\b)[a-z][a-z-]*){1,3}\s+$")
_LAST_WORD = re.compile(r"([^\W\d_]+)(?:['\u2019][sS])?\s*$")
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "your", "my", "whose"})
_NATIONAL = frozenset({"china", "chinese", "prc"})  # one country, however written ("China's" folded)
# "Chinese: ", "pinyin：", and a table's cell after its label ("Simplified Chinese | ", a tab)
_LABEL = re.compile(r"([^\W\d_]+(?:\s+[^\W\d_]+)?)\s*[:\uff1a|\t]\s*$")
_LABEL_REACH = 30
_ASIDE_REACH = 120  # how far back an open bracket is looked for
# a label that opens an aside, then a colon or Chinese characters: "(Chinese 中国...", "(pinyin: "
_GLOSS_LABEL = re.compile(r"\s*([^\W\d_]+)\s*(?=[:\uff1a]|[\u3400-\u9fff])")
# a label without its colon, opening a bracket or a clause: "(Chinese 西岭大学, pinyin Xiling Daxue)"
_BARE_LABEL = re.compile(r"(?:[(\[\uff08,\uff0c;\uff1b])\s*([^\W\d_]+(?:\s+[^\W\d_]+)?)\s+$")
_LIST_REACH = 240  # characters searched back for the cue that opens a list of names
# a list of names runs across ";" and ":", not across sentences or out of brackets
# where a list of names ends (not before a dash-led item of an a.k.a. list)
_LIST_END = re.compile(r"[.!?]\s(?![\u2014\u2013\u2022-])|\n(?![\u2014\u2013\u2022-])|[)\]\uff09]")
_BRACKETED = re.compile(r"[(\[\uff08][^()\[\]\uff08\uff09]*[)\]\uff09]")
_LIST_TOKEN = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")  # ("Surface-to-Air": one word of a name)
# The rest of a list of capitalised names after a mention: ", Gansu and Shandong"
# a plural head with "of" and a list of names after it: "the provinces of Shaanxi, Yunnan and"
_HEAD_OF_LIST = re.compile(r"\b([a-z]+)s of(?:(?:\s*(?:,|\band\b|\bor\b|&))*\s*[A-Z][\w'\u2019-]*)*"
                           r"(?:\s*(?:,|\band\b|\bor\b|&))*\s*$")
_LIST_AFTER = re.compile(r"(?:\s*(?:,|\band\b|\bor\b|&)\s*(?:[A-Z][\w'\u2019-]*\s+)*?[A-Z][\w'\u2019-]*)+")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
_BRACKET_AFTER = re.compile(r"\s*[(\[\uff08]([^()\[\]\uff08\uff09]{3,100})[)\]\uff09]")
# "Conference on ...", "Center for ...": a name after them is the topic of another name
_TOPIC_BEFORE = re.compile(r"\b[A-Z][\w'\u2019-]*\s+(?:on|for)\s+(?:the\s+)?$")
# capitalised words that go on to a company form: the mention begins a company's name
_FORM = r"(?:Co|Company|Corporation|Corp|Ltd|Limited|Inc|LLC)\b"
_COMPANY_AFTER = re.compile(rf" (?:(?!{_FORM})[A-Z][\w&'\u2019-]*\.?,? ){{1,6}}{_FORM}")
_OF = re.compile(r"\bof\b", re.IGNORECASE)
_AND = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)
_PERIOD_THEN_CAPITAL = re.compile(r"\.[ \t]+[A-Z]")
_ACRONYM_AFTER = re.compile(r"\s*[(\uff08]([A-Z][A-Z0-9&-]{1,9})[)\uff09]")  # "(CASIC)" right after
_POSSESSIVE_AFTER = re.compile(r"['\u2019]s?\b")
# (an aside may stand between, and a comma: "X (XI; Chinese: ...), of the Academy of ...")
_OWNER_AFTER = re.compile(r"(?:\s*[(\uff08][^()\uff08\uff09]{0,60}[)\uff09])?\s*,?\s+of\s+(?:the\s+)?[A-Z]")
_QUOTE_REACH = 200  # a quoted title may be long
_DOMAIN_AFTER = re.compile(r"\.[a-z]{2,6}\b")  # "casc.cn", "CASICloud.com"
_APPOSITION = re.compile(r"\s*,\s*((?:the|a|an)\s[^,.;:!?()]*)", re.IGNORECASE)  # ", an island province"
# Words a list repeats without doubling a name: function words and company forms.
_MINOR = frozenset({"the", "a", "an", "of", "and", "for", "with", "in", "at", "on", "to", "co", "ltd", "inc",
                    "corp", "company", "limited", "corporation", "group"})


def keeps_meaning(text: str, start: int, written: str, new: str, *, places: Callable[[str], set[str]]
                  ) -> bool:
    """Whether ``new`` may replace the mention ``written`` at ``text[start:]`` (module docstring).

    ``places(s)`` gives the place words of a string ("Fuzhou City" and "Fuzhou" name one place).

    Examples
    --------
    >>> def places(s):
    ...     return {w for w in s.casefold().split() if w in ("fujian", "hainan")}
    >>> keeps_meaning("the Chang'e-6 probe", 4, "Chang'e-6", "Chang'e", places=places)
    False
    >>> keeps_meaning("Secretary of CPC Fujian Provincial Committee", 0,
    ...               "Secretary of CPC Fujian Provincial Committee",
    ...               "Secretary of the CPC Fujian Provincial Committee", places=places)
    True
    """
    if sorted(_DIGITS.findall(written)) != sorted(_DIGITS.findall(new)):
        return False
    if new.count("(") > written.count("(") or new.count("[") > written.count("["):
        return False
    if places(written) != places(new):
        return False
    end = start + len(written)
    if named_as_such(text, start) or in_script_slot(text, start) or _notation(text, start, end):
        return False
    if _abbreviated(written) and not new.endswith(".") and _PERIOD_THEN_CAPITAL.match(text, end):
        # "X Corp. President Y": the period may end the abbreviation or the sentence; written
        # out, the name would leave it to end the sentence ("X Corporation. President Y")
        return False
    if _quoted(text, start, end) or _explained_after(text, written, end) or \
            _in_a_longer_name(text, written, start, end):
        return False
    if has_han(written) and _chinese_gloss(text, start, end):
        return False
    if _OF.search(written) and _POSSESSIVE_AFTER.match(text, end):
        return False  # "head of the academy's design department": the 's is the academy's
    if _CITED.match(text, end):
        return False  # "X Science and Technology 2025, 45 (1): 1-11": a journal cited, its title
    return not _doubles(text, start, end, written, new)


def names_a_part(written: str, name: str) -> bool:
    """Whether ``written`` names only one side of ``name`` joined by "and": the side itself, or
    an acronym its words' initials spell (:func:`~aeronorm.pipeline.asides.initials_spell`).

    "CCDI" or "National Supervisory Commission" for "Central Commission for Discipline
    Inspection and National Supervisory Commission": a rewrite would add the other body.

    >>> names_a_part("CCDI", "Central Commission for Discipline Inspection and National "
    ...              "Supervisory Commission")
    True
    >>> names_a_part("CASC", "China Aerospace Science and Technology Corporation")
    False
    """
    key = _part_key(written)
    acronym = written if _ACRONYM.fullmatch(written) else ""
    for m in _AND.finditer(name):
        for part in (name[: m.start()], name[m.end() :]):
            if _part_key(part) == key or (acronym and initials_spell(part, acronym)):
                return True
    return False


def _part_key(s: str) -> str:
    return " ".join(_WORD.findall(s.casefold()))


def keeps_rank(written: str, new: str) -> bool:
    """Whether the title ``new`` keeps every rank word of the title ``written`` (``rank_modifiers``
    of ``text.yaml``; "deputy" and "vice" both render 副, "general" and "chief" 总; "chief" last
    or before "of" is the post itself: "Party chief").

    Examples
    --------
    >>> keeps_rank("Director General", "Director"), keeps_rank("Deputy Minister", "Vice Minister")
    (False, True)
    >>> keeps_rank("General Designer", "Chief Designer"), keeps_rank("Party chief", "Party Secretary")
    (True, True)
    """
    return _ranks(written) <= _ranks(new)


_SAME_RANK = {"deputy": "vice", "general": "chief"}


def _ranks(title: str) -> set[str]:
    ranks = load_text_cues().rank_modifiers
    words = _WORD.findall(title.casefold())
    # ("chief" last or before "of" is the post: "Party chief of the city")
    return {_SAME_RANK.get(w, w) for i, w in enumerate(words) if w in ranks and not (
        w == "chief" and words[i + 1 : i + 2] in ([], ["of"]))}


def owner_stated(text: str, start: int, end: int, written: str, new: str) -> bool:
    """Whether ``new`` adds an owner ("... of the Chinese Academy of Sciences") where the text
    states one itself: a possessive before the mention, perhaps with a description between ("its
    National Space Science Center", "CASIC's own subsidiary Sanjiang Group"), or "of" and a name
    after it ("X Center of the State Administration ...", which may differ)."""
    if len(_OF.findall(new)) <= len(_OF.findall(written)):
        return False
    if _OWNER_AFTER.match(text, end):
        return True
    last = _LAST_WORD.search(text, max(0, start - 20), start)
    if last and _owner(last.group(0)):
        return True
    described = _DESCRIBED.search(text, max(0, start - 60), start)
    last = _LAST_WORD.search(text, max(0, described.start() - 20), described.start()) if described else None
    return bool(last) and _owner(last.group(0))


def in_script_slot(text: str, start: int) -> bool:
    """Whether ``text[start:]`` follows a label of a script or a romanisation and a colon
    ("Chinese: ", "pinyin: ": ``script_labels`` of ``text.yaml``).

    Examples
    --------
    >>> in_script_slot("Xiling University (Chinese: 西岭大学)", 28)
    True
    >>> in_script_slot("Xiling University (Chinese 西岭大学, pinyin Xiling Daxue)", 40)
    True
    >>> in_script_slot("Reported by: Xiling University", 13)
    False
    >>> in_script_slot("(the Chinese Xiling University)", 13)
    False
    >>> in_script_slot("Xiling Co. (Chinese 西岭公司, short XLC)", 32)
    True
    >>> in_script_slot("Simplified Chinese | 西岭大学 |", 21)
    True
    """
    labels = load_text_cues().script_labels
    # an aside that opens with a script's label is notation to its end ("(Chinese 中国长城工业
    # 集团有限公司, short 长城公司 or CGWIC)": the names after the label are the glossed ones)
    before = text[max(0, start - _ASIDE_REACH) : start]
    opened = max(before.rfind(o) for o in "(\uff08")
    if opened >= 0 and max(before.rfind(c) for c in ")\uff09") < opened:
        glossed = _GLOSS_LABEL.match(before, opened + 1)
        if glossed and glossed.group(1).casefold() in labels:
            return True
    label = _LABEL.search(text, max(0, start - _LABEL_REACH), start)
    if label is None:
        # without a colon, only a whole label ("(the Chinese X)" is no label of X)
        label = _BARE_LABEL.search(text, max(0, start - _LABEL_REACH), start)
        return label is not None and " ".join(_WORD.findall(label.group(1).casefold())) in labels
    words = _WORD.findall(label.group(1).casefold())
    return " ".join(words) in labels or (bool(words) and words[-1] in labels)


def _notation(text: str, start: int, end: int) -> bool:
    """A mention glued by a slash to another word ("CAS/CSU": written as a pair), or part of a web
    address ("casc.cn", "www.casc.cn")."""
    if (start > 1 and text[start - 1] == "/" and not text[start - 2].isspace()) or \
            (end + 1 < len(text) and text[end] == "/" and not text[end + 1].isspace()):
        return True
    if _DOMAIN_AFTER.match(text, end) or (text[end - 1 : end] == "." and text[end : end + 1].isalnum()):
        return True  # "casc.cn"; a found name that took the dot ("CASICloud." of "CASICloud.com")
    before = text[max(0, start - 8) : start].casefold()
    return before.endswith(("www.", "://", "@", "."))


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether the mention is part of a quoted title: words cited as written, in title case
    ("A History of China's Lunar Exploration Project"). A name that fills the quotation marks is
    a name in quotes ("the \"X Award\""), and a quoted sentence is speech: both are read."""
    before = text[max(0, start - _QUOTE_REACH) : start]
    before = before[before.rfind("\n") + 1 :]
    after = text[end : end + _QUOTE_REACH].split("\n", 1)[0]
    for opening, closing in (('"', '"'), ("\u201c", "\u201d")):
        if opening == closing:
            inside = before.count(opening) % 2 == 1
        else:
            inside = before.rfind(opening) > before.rfind(closing)
        if inside and closing in after:
            opened = before[before.rfind(opening) + 1 :]
            cited = opened + after[: after.index(closing)]
            # (a name in quotes inside brackets glosses the name before them: "(千帆, "Thousand Sails")")
            if not any(ch.isalnum() for ch in cited):
                return _in_brackets(before)
            words = [w for w in _WORD.findall(opened + " " + after[: after.index(closing)]) if len(w) > 3]
            return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
    return False


def _in_brackets(before: str) -> bool:
    opened = max(before.rfind(o) for o in "([\uff08\u3010")
    return opened >= 0 and max(before.rfind(c) for c in ")]\uff09\u3011") < opened


def _explained_after(text: str, written: str, end: int) -> bool:
    """Whether an acronym is followed by the writer's own expansion of it in brackets ("CASC
    (China aerospace science and technology corporation)"): the name once, as written."""
    if not _ACRONYM.fullmatch(written):
        return False
    m = _BRACKET_AFTER.match(text, end)
    if m is None:
        return False
    initials = "".join(w[0] for w in _WORD.findall(m.group(1).casefold()))
    letters = iter(initials)
    return len(initials) >= 2 and all(c in letters for c in written.casefold())


def _in_a_longer_name(text: str, written: str, start: int, end: int) -> bool:
    """Whether a name (not an acronym) is part of a longer name the text writes: the topic
    of one ("Conference on Space Science and Technology"), or the words a company's name begins
    with ("China Aerospace Science and Industry Rocket Technology Co., Ltd.")."""
    if _ACRONYM.fullmatch(written):
        return False
    if _TOPIC_BEFORE.search(text[max(0, start - 40) : start]):
        return True
    return bool(_COMPANY_AFTER.match(text, end))


def _chinese_gloss(text: str, start: int, end: int) -> bool:
    """In English text, a Chinese name that glosses the name before it in brackets ("CNSA;
    国家航天局"), or that is part of a longer run of Chinese characters: written as the original."""
    around = text[max(0, start - _LOOK_BACK) : start] + text[end : end + _LOOK_BACK]
    latin = sum(1 for ch in around if ch.isascii() and ch.isalpha())
    if latin <= sum(1 for ch in around if is_han_char(ch)):
        return False  # Chinese text: its names are the text's words
    if (start > 0 and is_han_char(text[start - 1])) or (end < len(text) and is_han_char(text[end])):
        return True
    return _in_brackets(text[max(0, start - _LOOK_BACK) : start])  # ("CNSA; 国家航天局": not cut at ";")


def named_as_such(text: str, start: int) -> bool:
    """Whether the words right before ``text[start:]`` introduce it as a name ("formerly known
    as", "(formerly", "full name": ``naming_cues`` of ``text.yaml``).

    Examples
    --------
    >>> named_as_such("Orbix, formerly known as Starbit, grew", 25)
    True
    >>> named_as_such("Orbix was known for Starbit", 20)
    False
    """
    before = _sentence_before(text, start)
    words = tuple(w for w in _WORD.findall(before.casefold()) if w not in ("the", "a", "an"))
    cues = load_text_cues()
    if words and any(words[-len(cue) :] == cue for cue in _cues_ending(cues.naming).get(words[-1], ())
                     if len(cue) <= len(words)):
        return True
    if words and before.rstrip()[-1:] in _OPENING_QUOTES and any(
            words[-len(cue) :] == cue for cue in cues.meaning if len(cue) <= len(words)):
        return True  # "literally means 'Thousand Sails'": a meaning, given as a name
    return _listed_after_a_cue(text, start, cues.naming, cues.naming_list_words)


_OPENING_QUOTES = "\"'\u2018\u201c"


@cache
def _cues_ending(naming: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The naming cues by their last word: a mention's words are held to those ending as they do."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for cue in naming:
        if cue:
            out.setdefault(cue[-1], []).append(cue)
    return {last: tuple(cues) for last, cues in out.items()}


def _listed_after_a_cue(text: str, start: int, naming: tuple[tuple[str, ...], ...],
                        list_words: frozenset[str]) -> bool:
    """Whether ``text[start:]`` is a later item of a list of names that a naming cue opens ("also
    known as A, B and C", "Other Name: X; Y; Z"): between the cue and it, only names (capitalised
    words, acronyms, Chinese, numbers, brackets) and the words of ``naming_list_words``."""
    # a bracket opened and closed inside the list is one of its items ("CASTR" in "X (CASTR); Y")
    window = _BRACKETED.sub(" X ", read_aka(text[max(0, start - _LIST_REACH) : start]))
    cut = list(_LIST_END.finditer(window))
    window = window[cut[-1].end() :] if cut else window
    tokens = _LIST_TOKEN.findall(window)
    folded = [t.casefold() for t in tokens]
    ending = _cues_ending(naming)
    for k in range(len(tokens) - 1, -1, -1):
        t = tokens[k]
        if any(tuple(folded[k - len(cue) + 1 : k + 1]) == cue for cue in ending.get(folded[k], ())
               if len(cue) <= k + 1):
            return True
        prose = t[:1].isalpha() and t == t.casefold() and t.isascii() and folded[k] not in list_words
        # (a name's number, as institutes, bases and factories have: "Base 067", not "April 24")
        named = t.isdigit() and len(t) == 3 and k > 0 and tokens[k - 1][:1].isupper()
        if prose or (t.isdigit() and not named):
            return False  # a word of prose, or a number ("in 1999"): the list (if any) has ended
    return False


def _doubles(text: str, start: int, end: int, written: str, new: str) -> bool:
    """Whether ``new`` would repeat the words next to the mention: the words it puts before
    the ones it shares with the mention are the text's last words before it ('"Slogan"
    Exhibition'), or the words it puts after them begin the text after it ("Long March
    rocket family rockets")."""
    mine = _word_list(written)
    theirs = _word_list(new)
    defined = _ACRONYM_AFTER.match(text, end)
    if defined and defined.group(1).casefold() in theirs and defined.group(1).casefold() not in mine:
        # "Second Academy of China Aerospace Science and Industry Corporation (CASIC)": the
        # acronym the text defines would follow the name that now writes it
        return True
    at = next((j for j in range(len(theirs) - len(mine), -1, -1) if theirs[j : j + len(mine)] == mine), -1)
    last = _LAST_WORD.search(text, max(0, start - 20), start)
    if theirs[:1] and theirs[0] in _NATIONAL and last and last.group(1).casefold() in _NATIONAL:
        return True  # "China's Chang'e program" is not "China's Chinese Lunar Exploration Program"
    # a word the new name adds that the text writes right after the mention, in lower case: the
    # mention modifies it ("Beidou satellite navigation system", "BeiDou system navigation")
    nxt = _NEXT_LOWER.match(text, end)
    added = set(theirs) - set(mine)
    if nxt and any(_same_word(stem(nxt.group(1)), w) for w in added):
        return True
    if nxt and modifies_next(text, end):
        # a modifier of a longer noun phrase whose head is the word the new name adds ("its Tianqi
        # low-Earth orbit ... constellation"): the name would say it twice
        phrase = _CLAUSE_END.split(text[end : end + 100], maxsplit=1)[0]
        last = _LAST_LOWER.search(phrase)  # the phrase's last word, its head noun
        words = _WORD.findall(phrase.casefold())
        # (one noun phrase: no determiner or verb-like word before its head, "CASIC actively
        # developed the ... industry" is a clause)
        if last and stem(last.group(1)) in {stem(a) for a in added} and len(words) <= 10 and not any(
                w in _PHRASE_BREAKS or w.endswith(("ed", "ly")) for w in words):
            return True
    if not mine or at < 0:
        # the mention is not written inside the new name; its first words may still be the text's
        # last ones ("the Long March CZ-2F": "Long March Long March 2F")
        before_words = _word_list(_sentence_before(text, start))
        return any(theirs[:k] == before_words[-k:] for k in range(min(len(theirs), 3), 0, -1))
    prefix, suffix = theirs[:at], theirs[at + len(mine) :]
    before = _sentence_before(text, start)
    before_words = _word_list(before)
    if prefix and before_words[-len(prefix) :] == prefix:
        return True
    owner = _LAST_WORD.search(before)
    if prefix and owner and _owner(owner.group(0)):
        return True  # "its Strategic Support Force" is not "its PLA Strategic Support Force"
    if suffix:
        # "the province of Hunan" is not "the province of Hunan Province"
        if before.rstrip().casefold().endswith(" of") and before_words[-len(suffix) :] == suffix:
            return True
        after_text = text[end : end + _LOOK_BACK]
        after = _word_list(_POSSESSIVE_AFTER.sub("", after_text, count=1))
        if after[:1] == suffix[:1]:
            return True  # (a possessive between: "capital of Hubei's province")
        # nor "Hainan, Gansu and Shandong provinces" "Hainan Province, Gansu and ... provinces"
        listed = _LIST_AFTER.match(after_text)
        if listed and _word_list(after_text[listed.end() :])[:1] == suffix[:1]:
            return True
        # nor "the provinces of Shaanxi, Yunnan and Hubei" "... and Hubei Province"
        head = _HEAD_OF_LIST.search(before)
        if head and stem(head.group(1).casefold()) == suffix[0]:
            return True
        # nor "Hainan, an island province" "Hainan Province, an island province"
        apposition = _APPOSITION.match(after_text)
        if apposition and suffix[0] in _word_list(apposition.group(1)):
            return True
    return False


def _abbreviated(written: str) -> bool:
    """Whether a name ends in an abbreviation that takes a period ("Corp", "Ltd", "Univ": the
    scanner's, ``abbreviations`` and one-word ``legal_phrases`` of ``wordclasses.yaml``)."""
    words = written.split()
    return bool(words) and words[-1].casefold() in _abbreviations()


@cache
def _abbreviations() -> frozenset[str]:
    wc = load_word_classes()
    return frozenset(wc.abbreviations) | {p[0] for p in wc.legal_phrases if len(p) == 1}


def _same_word(written: str, word: str) -> bool:
    """Whether a word of the text is ``word``, or it cut short or mistyped by a letter ("provinc"
    for "province": the text's own word after the name, which the name would repeat)."""
    if written == word:
        return True
    if len(written) < 4:
        return False
    return word.startswith(written) or OSA.distance(written, word, score_cutoff=1) <= 1


def _sentence_before(text: str, start: int) -> str:
    """The words of ``text`` before ``start`` in the same sentence (at most ``_LOOK_BACK`` characters)."""
    before = read_aka(text[max(0, start - _LOOK_BACK) : start])
    cut = list(_SENTENCE_END.finditer(before))
    return before[cut[-1].end() :] if cut else before


def _owner(word: str) -> bool:
    """Whether a word says whose the next name is: a possessive ("its", "China's")."""
    w = word.strip().casefold()
    return w in _POSSESSIVES or w.endswith(("'s", "\u2019s"))


def _word_list(s: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(s.casefold()) if w not in _MINOR]


def _head(words: list[str]) -> int:
    """Index of the head word of a name: the word before its first "of", else the last word."""
    for i, w in enumerate(words):
        if w.casefold() == "of" and i:
            return i - 1
    return len(words) - 1


def is_plural(written: str) -> bool:
    """Whether a mention is written in the plural: its head word is ("Members of the ...",
    "launch vehicles"); an acronym's plural ("CALTs") counts too.

    Examples
    --------
    >>> is_plural("Members of the Leading Party Group"), is_plural("smart cities"), is_plural("Jiangsu")
    (True, True, False)
    """
    words = written.split()
    if not words:
        return False
    head = words[_head(words)].rstrip(",.")
    first, dash, rest = head.partition("-")
    if dash and rest[:1].isupper():
        head = first  # "Secretaries-General"
    low = head.casefold()
    if low.endswith("men") and len(low) > 4:
        return True  # chairmen
    return stem(low) != low and head[:1].isalpha()


def plural_of(name: str) -> str:
    """``name`` with its head word in the plural.

    Examples
    --------
    >>> plural_of("Member of the Party Leadership Group"), plural_of("Deputy General Manager")
    ('Members of the Party Leadership Group', 'Deputy General Managers')
    >>> plural_of("smart city"), plural_of("Vice Chairman"), plural_of("Secretary-General")
    ('smart cities', 'Vice Chairmen', 'Secretaries-General')
    """
    words = name.split(" ")
    i = _head(words)
    head = words[i]
    first, dash, rest = head.partition("-")
    if dash and rest[:1].isupper():
        words[i] = _plural_word(first) + dash + rest  # Secretaries-General
    else:
        words[i] = _plural_word(head)
    return " ".join(words)


def _plural_word(w: str) -> str:
    low = w.casefold()
    if low.endswith("man"):
        return w[:-3] + w[-3] + ("e" if w[-2:-1].islower() else "E") + w[-1]
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return w[:-1] + ("ies" if w[-1].islower() else "IES")
    if low.endswith(("s", "x", "ch", "sh")):
        return w + ("es" if w[-1].islower() else "ES")
    return w + ("s" if w[-1:].islower() or not w[-1:].isalpha() else "S")
