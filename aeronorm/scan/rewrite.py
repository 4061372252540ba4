"""Rewriting a text: every mention replaced where that keeps its meaning, every other character
left as it was."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Literal

from rapidfuzz.fuzz import token_sort_ratio

from ..index import Index
from ..resources import load_chinese_words
from ..results import Mention, NormalizedText, Replacement
from ..text.fold import fold_key, has_han, is_han_char
from .article import article_before, described_by, is_company_name, modifies_next, takes_article
from .cues import load_text_cues, read_aka
from .keep import is_plural, keeps_meaning, keeps_rank, names_a_part, owner_stated, plural_of
from .words import APOSTROPHES

__all__ = ["STYLES", "Style", "rewrite"]

Style = Literal["canonical", "abbreviation", "annotate"]
#: How :func:`rewrite` may rewrite a mention.
STYLES: tuple[str, ...] = ("canonical", "abbreviation", "annotate")

_OPEN_BRACKET = re.compile(r"(?:['\u2019]s?)?\s*,?\s*[(\[（]\s*")  # "Co. Ltd., (CGST)", "X's (ACR)" too
_CLOSE_BRACKET = re.compile(r"\s*[)\]）]")
# the same with a common noun or two outside or inside the brackets: "Long March rocket (Changzheng
# rocket)"; lower-case words only, so a bracket that goes on to name something else is no gloss
_COMMON_TAIL = r"(?:\s+[a-z][a-z-]*){0,2}"
_OPEN_GLOSS = re.compile(_COMMON_TAIL + _OPEN_BRACKET.pattern)
_CLOSE_GLOSS = re.compile(_COMMON_TAIL + _CLOSE_BRACKET.pattern)
_MAX_APPOSED_GAP = 40
# what stands between a name and its parent: ", ", " under the ", " of the "
# (an acronym in brackets may come first: "X (NSSC) of the CAS"; a relative clause may say it:
# "X which comes under the CAS")
_PARENT_GAP = re.compile(
    r"(?:\s*\([^()]{1,20}\))?\s*(?:,\s*|\s(?:(?:which|that)\s+(?:comes?|is|was|are|were|operates?)\s+)?"
    r"(?:of|under|at|in|from|within|affiliated\s+(?:to|with))\s+)(?:the\s+)?", re.IGNORECASE)
_GAP_WORDS = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?;\n]")
_OF = re.compile(r"\s(?:of|for)\s", re.IGNORECASE)
_NAME_GOES_ON = re.compile(r" [A-Z][a-z]")  # a capitalised word right after a mention, in one run
_THE_BEFORE = re.compile(r"\bthe\s+[\"\u201c\u2018']?$", re.IGNORECASE)  # (a quotation may open after it)
_HYPHEN_AFTER = re.compile(r"[-\u2010\u2011][^\W\d_]")
_HYPHEN_BEFORE = re.compile(r"[^\W\d_][-\u2010\u2011]$")
_ACRONYM_IN_BRACKETS = re.compile(r"[A-Z][A-Z&]{1,9}")
# "of (the) X" right after a mention: X's capitalised words (an acronym among them)
_OWNER_OF = re.compile(r"\s+of\s+(?:the\s+)?((?:[A-Z][\w'\u2019-]*)(?:\s+(?:of\s+)?[A-Z][\w'\u2019-]*){0,5})")
_SHORT_FOR = re.compile(r"\s+(?:for|in)\s+short\b", re.IGNORECASE)  # "... or BUAA for short"
# an acronym's expansion in brackets right after it: capitalised words, "of", "and", "for" between
_EXPANSION_AFTER = re.compile(r"\s*[(\[\uff08]\s*[A-Z][\w'\u2019&.-]*(?:\s+(?:(?:of|and|for|the|&)\s+)?"
                              r"[A-Z][\w'\u2019&.-]*)+\s*[)\]\uff09]")
_ACRONYM_BEFORE_BRACKET = re.compile(r"\b([A-Z][A-Z&]{1,9})\s*[(\[\uff08]\s*$")
_NUMBER_AFTER = re.compile(r"[ \t]*(?:-[ \t]*)?(?:\d+\b|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                           r"eleven|twelve|I{1,3}|IV|V|VI{1,3})\b)")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+(?:-[^\W\d_]+)?)")
_IN_CAPITALS = re.compile(r"\b[A-Z]{3,}\b")  # another word in capitals beside a mention: a heading
_QUOTED_ACRONYM = re.compile(r"[\"\u201c'\u2018][A-Z][A-Z0-9&-]+[\"\u201d'\u2019]")
_ACRONYM_AFTER = re.compile(r"\s*[(\[（]\s*([A-Z][A-Z&]{1,9})\s*[)\]）]")
# a name, or a bracket after it ("Name (gloss) (ACR)"), then an opening bracket
_NAME_THEN_BRACKET = re.compile(r"(?:[A-Z][^\W_]*[.'\u2019]?|[)\]）])\s*[(\[（]\s*$")
_LIST_GAP = re.compile(r"\s*[(\[（][^()\[\]（）]{0,40}?[/,;]\s*")  # "(Zhongke-1A / ": earlier names listed
_LETTERS_OR_DIGITS = re.compile(r"[^\W_]")
_NAME_WORD = re.compile(r"[^\W\d_]+")
_NATIONAL_WORDS = frozenset({"china", "chinese"})
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ ]$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s*|\n\s*)$")  # an adjective of the country, not of a name
# two names of one entity side by side, one describing the other: "X, Y", "X -- Y", "X, or Y", "X/Y"
# (a hyphen between spaces is a dash too: "CSS - Chinese Space Station")
_APPOSED = re.compile(r"\s*(?:(?:,|--|\u2014|\u2013)\s*(?:or\s+|also\s+)?|\s+-\s+|\s+or\s+|\s*/\s*)")
# Types whose names are written in the plural for several ("Members of ...", "launch vehicles");
# an acronym in the plural ("two CALTs") is left as written.
_COUNTABLE = frozenset({"title", "term", "award", "event"})
# Types whose names prose writes in lower case when it means them ("the governor of Hainan"):
# a lower-case mention of any other type after "a" or a possessive ("its manned space program")
# describes, and gets no proper name written over it; after "the" it is a name a translation
# wrote in lower case ("the smart industry summit forum").
_COMMON_NOUN_TYPES = frozenset({"title", "term"})
_PLURAL_ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]+s")


def check_style(style: object) -> Style:
    """``style`` if it is one of :data:`STYLES`; :class:`ValueError` otherwise."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, got {style!r}")
    return style  # type: ignore[return-value]


def rewrite(text: str, mentions: Sequence[Mention], *, style: Style, index: Index, terms: bool = False,
            places: Callable[[str], set[str]] | None = None) -> NormalizedText:
    """``text`` with ``mentions`` (in text order, not overlapping) rewritten in ``style``.

    ``canonical`` writes the canonical name; ``abbreviation`` the entity's first abbreviation
    (its canonical name when it has none); ``annotate`` writes ``canonical [id]``.

    A mention is left as written where a rewrite would change what the text says
    (:func:`~aeronorm.scan.keep.keeps_meaning`: a digit, a place, a bracket, words doubled);
    domain terms are found but left as written unless ``terms`` (then in the mention's number).
    ``places(s)`` gives the place words of a string (default: none known).

    An abbreviation in brackets right after a mention of the same entity ("China National
    Space Administration (CNSA)") is left as written: it defines the abbreviation; in the
    ``abbreviation`` style the name before it is written in full, so that the abbreviation is
    written once. A lower-case canonical name that replaces a capitalised mention gets a capital.
    A full name written over an acronym brings the article it needs ("by MIIT" is "by the
    Ministry of ..."; :func:`~aeronorm.scan.article.article_before`), as part of the replacement.
    """
    check_style(style)
    abbreviations = {e.id: e.abbreviations for e in index.entities} if style == "abbreviation" else {}
    places = places or _no_places
    names = _TextNames(index)
    pieces: list[str] = []
    reps: list[Replacement] = []
    pos = 0
    out_len = 0
    for i, m in enumerate(mentions):
        written_style = style
        if m.match.type == "term" and not terms:
            new = m.text
        elif names.former(m):
            # "China Aerospace Machinery and Electronics Corporation (1999-2001)": the text
            # speaks of that time; the entity's name now would change what it says
            new = m.text
        elif _in_chinese_prose(text, m.start, m.end, latin=not has_han(m.text)):
            # "“千帆星座”是继央企...", "据 CASC 消息": a name in a Chinese sentence is the writer's;
            # an English name written into it would make the sentence half English
            new = m.text
        elif has_han(m.text) and _beside_itself(text, mentions, i):
            # "中国卫通集团股份有限公司\nChina Satellite Communications Co., Ltd.": the text writes the
            # name in both scripts (a bilingual heading); the Chinese is the writer's
            new = m.text
        elif i and mentions[i - 1].entity_id == m.entity_id and (
                _glossed(text, mentions[i - 1].end, m.start, m.end)
                or _OPEN_BRACKET.fullmatch(text, mentions[i - 1].end, m.start)
                or _listed_in_brackets(text, mentions[i - 1].end, m.start)):
            # "Full Name (ACR)", "ACR (Full Name, ...)", "X (Y / ACR)": the text defines its
            # abbreviation, or lists the entity's other names
            new = m.text
        elif _parent_follows(text, mentions, i, index) and (
                _adds_parent(m, names.get(m.match.canonical, m.entity_id))
                or names.head(m.match.canonical, m.entity_id)):
            # "X Institute under the Chinese Academy of Sciences", "NSSC, CAS": the text names the
            # parent the canonical name would add ("X Institute, CAS under the ..."); an acronym
            # is written as the name without it
            head = names.head(m.match.canonical, m.entity_id)
            written = _adds_parent(m, names.get(m.match.canonical, m.entity_id)) or style != "canonical"
            new = m.text if written else _kept(text, m, head, places, style)
        elif _parent_precedes(text, mentions, i, index) and \
                _adds_parent(m, names.get(m.match.canonical, m.entity_id)):
            # "Communist Party of China (CPC) Central Committee": the text names the parent right
            # before the unit; the canonical name would add it again after
            new = m.text
        elif i and _PARENT_GAP.fullmatch(text, mentions[i - 1].end, m.start) and \
                _is_ancestor(index, m.entity_id, mentions[i - 1].entity_id):
            # "NSSC, CAS", "(X, CAS)": the parent named after its unit is the unit's note; a
            # full name over it would read as another name of the unit
            new = m.text
        elif _SHORT_FOR.match(text, m.end) or (
                _ACRONYM_IN_BRACKETS.fullmatch(m.text) and _EXPANSION_AFTER.match(text, m.end)) or \
                _expands_the_acronym_before(text, m.start, m.end):
            # "... or BUAA for short", "CASC [China Aerospace Corporation]", "CHETA [China Haiying
            # ... Academy]": the text defines an acronym; a canonical name over either side would
            # undo the definition (or make it say another body's)
            new = m.text
        elif m.match.type != "org" and _NUMBER_AFTER.match(text, m.end):
            new = m.text  # 'the "Tiangong two" mission': a numbered one of its own, not the name
        elif _ACRONYM_IN_BRACKETS.fullmatch(m.text) and _alone_on_its_line(text, m.start, m.end):
            # an acronym that is all its line says heads or labels what follows (a table's
            # section, a list's key): written in full it would no longer be the acronym it names
            new = m.text
        elif _ACRONYM_IN_BRACKETS.fullmatch(m.text) and _after_a_name_in_brackets(text, m.start, m.end):
            # "the Ministry of Education (MOST)": the writer's abbreviation of the name before it,
            # right or wrong; a full name there would say the two are one
            new = m.text
        elif _apposed(text, mentions, i - 1, i) or _apposed(text, mentions, i, i + 1):
            # "Tiangong, China's space station", "X Co., Ltd., or X Net": the text gives two names
            # of one entity side by side; one canonical name over both would say it twice
            new = m.text
        else:
            defines = (i + 1 < len(mentions) and mentions[i + 1].entity_id == m.entity_id
                       and _glossed(text, m.end, mentions[i + 1].start, mentions[i + 1].end))
            written_style = "canonical" if defines and style == "abbreviation" else style
            new = _replacement(m, written_style, abbreviations, names)
            new = _kept(text, m, new, places, style)
            if defines and fold_key(new) == fold_key(mentions[i + 1].text):
                # "Smart Dragon 3 (Jielong-3)": the name the text glosses with; written over the
                # first, the text would give one name twice
                new = m.text
            elif new != m.text and _owner_follows(text, m, new, index):
                # "the Aerospace Force of the People's Liberation Army": the owner the canonical
                # name puts first ("PLA Aerospace Force") is the one the text states after it
                new = m.text
            elif new != m.text and m.match.type == "person":
                # "President Xi": the title the text gives the person stays before the name
                new = _with_its_title(m.text, new, index)
            elif new != m.text and _defines_its_own_acronym(text, m, new, mentions, i):
                # "Shanghai Bureau of Astronautics (SHBOA)": the text defines the acronym of the
                # name as written, which the canonical name does not spell
                new = m.text
            if _PLURAL_ACRONYM.fullmatch(m.text + "s") and i + 1 < len(mentions) \
                    and mentions[i + 1].entity_id == m.entity_id \
                    and _OPEN_BRACKET.fullmatch(text, m.end, mentions[i + 1].start):
                new = m.text  # "CGWIC (China Great Wall Industry Corporation, ...)": the text defines it
        if new != m.text and _OF.search(new) and not _OF.search(m.text) and modifies_next(text, m.end):
            # "a SASTIND official", "was MIIT Vice Minister": a name with "of" before the noun it
            # modifies no longer parses ("was Ministry of ... Technology Vice Minister")
            new = m.text
        if new != m.text and _repeats_the_words_before(text, m.start, m.text, new):
            # "State-owned Assets Supervision ..." found from "Assets" (its first words glued to
            # a label: "OwnerState-owned"): the canonical name would write them twice
            new = m.text
        if new != m.text and " " in new and (_HYPHEN_AFTER.match(text, m.end) or _HYPHEN_BEFORE.search(
                text[max(0, m.start - 2) : m.start])):
            new = m.text  # "CASC-built", "ex-CASIC": a compound, no place for a name of several words
        if new != m.text and written_style == "canonical" and m.match.type == "org" and \
                _THE_BEFORE.search(text[max(0, m.start - 8) : m.start]) and is_company_name(m.text) \
                and not is_company_name(new) and not takes_article(new):
            # "developed by the Zhongke ... Co., Ltd.": a brand written over a company's legal
            # name ("CAS Space") takes no article, and the writer's would stay before it
            new = m.text
        name = new[: -len(f" [{m.entity_id}]")] if style == "annotate" else new
        if new != m.text and written_style == "canonical" and m.match.type == "org" and not m.text.isupper() \
                and _THE_BEFORE.search(text[max(0, m.start - 8) : m.start]) and is_company_name(name) \
                and not is_company_name(m.text) and not takes_article(name) \
                and name.split()[0].casefold() not in load_text_cues().article_company_openers:
            # the writer's "the" before a description ("the Aerospace Information") would stay
            # before a brand's company name, which takes none ("the Aisino Corporation"): left as
            # written
            new = m.text
        if new != m.text and written_style == "canonical" and takes_article(m.text) \
                and not takes_article(name) and m.text.split()[-1].casefold() not in name.casefold().split() \
                and _THE_BEFORE.search(text[max(0, m.start - 8) : m.start]):
            # the writer's "the" stays before what is written: a name without the head noun that
            # took it ("the Qianfan Constellation" is not "the Qianfan") is left as written
            new = m.text
        if new != m.text and written_style != "abbreviation":
            # the article the full name needs is part of what is written over the acronym
            new = article_before(text, m.start, m.text, name) + new
        gap = text[pos : m.start]
        pieces.append(gap)
        out_len += len(gap)
        pieces.append(new)
        reps.append(Replacement(m, new, out_len, out_len + len(new)))
        out_len += len(new)
        pos = m.end
    pieces.append(text[pos:])
    return NormalizedText("".join(pieces), text, reps, style)


def _no_places(_: str) -> set[str]:
    return set()


def _kept(text: str, m: Mention, new: str, places: Callable[[str], set[str]], style: str) -> str:
    """``new`` in the mention's number, or the mention as written where ``new`` would change the
    meaning."""
    if new == m.text:
        return new
    name = new[: -len(f" [{m.entity_id}]")] if style == "annotate" else new
    # in lower case but for "Chinese", "China's" in front (in the mention or right before it)
    before = _words_before(text, m.start)
    after_the = before[-1:] == ["the"]
    national = m.text != m.text.casefold() or (before[-1:] and before[-1] in _NATIONAL_WORDS
                                               and before[-2:-1] != ["the"])
    if m.match.type not in _COMMON_NOUN_TYPES and _in_lower_case(m.text) and name != name.casefold() \
            and (described_by(text, m.start) or (national and not after_the) or _after_a_name(text, m.start)):
        # "a manned space program" describes one; a proper name would name one. So do common
        # nouns after the country's adjective with no article ("of Chinese manned space
        # engineering"); in lower case after "the" (or "and"), a name a translation wrote so.
        return m.text
    last = m.text.rsplit(None, 1)[-1].casefold()
    if m.match.type == "place" and last in load_text_cues().level_adjectives and last not in name.casefold():
        return m.text  # "the Beijing Municipal CPC Committee": the adjective opens a body's name
    if m.match.type == "place" and (nxt := _NEXT_WORD.match(text, m.end)) and \
            nxt.group(1).casefold() in load_text_cues().level_adjectives:
        return m.text  # "a Hubei provincial official": the place names the province's, as written
    if m.text.isupper() and name.casefold() == m.text.casefold():
        # "IN SHANGHAI AEROSPACE ... LIMITED", "AEROSPACE SHANGHAI, Vol. 41": capitals are how
        # the writer sets a heading, a registered name or a title; the same name in another
        # case would say nothing new and could be a part of a longer name in capitals
        return m.text
    if m.match.type == "title" and m.text.isupper() and _IN_CAPITALS.search(
            text[max(0, m.start - 40) : m.start] + " " + text[m.end : m.end + 40]):
        return m.text  # "PRINCIPAL BANKS": a heading in capitals, not a post
    if _QUOTED_ACRONYM.fullmatch(text, max(0, m.start - 1), min(len(text), m.end + 1)):
        return m.text  # 'abbreviations like "CASC"': the acronym as a word, not the body
    if m.match.type == "place" and _NAME_GOES_ON.match(text, m.end):
        return m.text  # "Hubei Sanjiang Aerospace Group": the place opens a longer name
    if m.match.type == "title" and m.text == m.text.casefold() and is_plural(m.text):
        return m.text  # "100 academicians" are people who hold the post, not the post's name
    if m.match.type == "title" and not keeps_rank(m.text, name):
        return m.text  # "Director General" is not the director: a rank the title would lose
    if names_a_part(m.text, m.match.canonical):
        return m.text  # "the CCDI": one of the two bodies a joint name names
    if m.match.type in _COUNTABLE:
        if is_plural(m.text) and not is_plural(name):
            plural = plural_of(name)
            new = plural + new[len(name) :]
            name = plural
    elif _PLURAL_ACRONYM.fullmatch(m.text):
        return m.text  # "two CALTs": no plural of a full name is written for it
    elif _plural_of_a_word(m.text, name):
        return m.text  # "the Hubei and Hainan provincial governments": several bodies, not one
    if not keeps_meaning(text, m.start, m.text, name, places=places):
        return m.text
    if m.match.type not in _COUNTABLE and owner_stated(text, m.start, m.end, m.text, name):
        return m.text  # "its National Space Science Center" gets no "of the Chinese Academy ..."
    return new


def _in_lower_case(written: str) -> bool:
    """Whether a mention is written in lower case, but for a national adjective in front
    ("manned space program", "Chinese manned space engineering")."""
    words = written.split()
    if words and words[0].casefold().rstrip("'\u2019s") in _NATIONAL_WORDS:
        words = words[1:]
    return any(c.islower() for w in words for c in w) and all(w == w.casefold() for w in words)


def _after_a_name(text: str, start: int) -> bool:
    """Whether the word right before ``text[start:]`` is a capitalised name word inside a sentence
    ("the Shenzhou manned space projects": projects of Shenzhou, not the programme's name)."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if m is None or not m.group(1)[:1].isupper() or m.group(1).casefold() in ("the", "a", "an"):
        return False
    return not _SENTENCE_START.search(text[max(0, m.start(1) - 3) : m.start(1)]) and m.start(1) > 0


def _with_its_title(written: str, name: str, index: Index) -> str:
    """A person's name written over a form that holds a title before the name ("President Xi",
    "General Secretary Xi"): the title, then the name (words before the name that are no title of
    the glossary's, a given name written first, "Xue-Sen Qian", are the name's)."""
    words = written.split()
    own = {w.casefold() for w in _NAME_WORD.findall(name)}
    at = next((k for k, w in enumerate(words) if w.casefold().strip(".,") in own), 0)
    if not at:
        return name
    title = " ".join(words[:at])
    owners = index.exact.get(fold_key(title), ())
    if any(index.entities[i].type == "title" for i in owners):
        return f"{title} {name}"
    return name


def _repeats_the_words_before(text: str, start: int, written: str, new: str) -> bool:
    """Whether ``new`` puts words before the mention's first word that the text already has right
    before the mention (hyphens read as spaces, case aside)."""
    first = _NAME_WORD.findall(written.casefold())[:1]
    words = _NAME_WORD.findall(new.casefold().replace("-", " "))
    if not first or first[0] not in words[1:]:
        return False
    prefix = words[: words.index(first[0])]
    if not prefix:
        return False  # (the word opens the name too: nothing is put before it)
    before = _NAME_WORD.findall(text[max(0, start - 60) : start].casefold().replace("-", " "))[-len(prefix) :]
    # (the first of them may be glued to a word before it: "OwnerState-owned")
    return len(before) == len(prefix) and before[1:] == prefix[1:] and before[0].endswith(prefix[0])


def _words_before(text: str, start: int) -> list[str]:
    """The folded words right before ``text[start:]`` (a possessive's "'s" left out: "China's"
    is "china"), or ``[]`` when the mention is glued to what precedes it."""
    before = text[max(0, start - 30) : start]
    if not before[-1:].isspace():
        return []
    return [w.casefold() for w in _NAME_WORD.findall(before.replace("\u2019", "'").replace("'s ", " "))]


def _plural_of_a_word(written: str, name: str) -> bool:
    """Whether the last word of ``written`` is the plural of a word of ``name`` that ``name``
    writes in the singular ("governments" of "People's Government of ..."): a mention of several
    bodies of one kind, the name of one."""
    words = written.split()
    last = words[-1].casefold() if words else ""
    if len(last) < 4 or not last.endswith("s") or not last.isalpha():
        return False
    own = {w.casefold() for w in _NAME_WORD.findall(name)}
    if last in own:
        return False
    singular = {last[:-1]}
    if last.endswith("es"):
        singular.add(last[:-2])
    if last.endswith("ies"):
        singular.add(last[:-3] + "y")
    return bool(own & singular)


def _after_a_name_in_brackets(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands alone in brackets right after a capitalised word."""
    return bool(_NAME_THEN_BRACKET.search(text[max(0, start - 40) : start])) and \
        bool(_CLOSE_BRACKET.match(text, end))


class _TextNames:
    """The name written into text for a canonical name: a glossary's "X, CAS" (its parent after a
    comma, a note) is "X of the Chinese Academy of Sciences" in a sentence, where a comma would
    split a list or run into the next words ("Director of X, CAS, Deputy Director of ...").
    Looked up once per canonical name and text."""

    def __init__(self, index: Index):
        self.index = index
        self.known: dict[str, str] = {}

    def get(self, canonical: str, entity_id: str) -> str:
        name = self.known.get(canonical)
        if name is None:
            name = self.known[canonical] = self._name(canonical, entity_id)
        return name

    def former(self, m: Mention) -> bool:
        """Whether a mention writes one of its entity's former names: nearer one of them than
        any of the entity's names now (words compared, case and punctuation aside)."""
        entity = self.index.entities[self.index.positions[m.entity_id]]
        if not entity.former_names:
            return False
        now = [entity.name, entity.zh, *entity.abbreviations,
               *(a for a in (*entity.aliases, *entity.zh_aliases) if a not in entity.former_names)]
        written = fold_key(m.text)

        def nearest(names: list[str]) -> float:
            return max((token_sort_ratio(written, fold_key(n)) for n in names if n), default=0.0)

        return nearest(list(entity.former_names)) > nearest(now)

    def head(self, canonical: str, entity_id: str) -> str:
        """The canonical name without its parent after a comma ("X" of "X, CAS"), or ``""``
        when it ends in none."""
        return canonical.rpartition(", ")[0] if self.get(canonical, entity_id) != canonical else ""

    def _name(self, canonical: str, entity_id: str) -> str:
        head, comma, tail = canonical.rpartition(", ")
        if not comma or not head or not tail:
            return canonical
        entities = self.index.entities
        for owner in self.index.owners(fold_key(tail)):
            parent = entities[owner]
            if _is_ancestor(self.index, parent.id, entity_id):
                the = "the " if takes_article(parent.name) else ""
                return f"{head} of {the}{parent.name}"
        return canonical


def _replacement(m: Mention, style: str, abbreviations: dict[str, tuple[str, ...]],
                 names: _TextNames) -> str:
    new = m.match.canonical
    if style == "abbreviation" and abbreviations.get(m.match.entity_id):
        new = abbreviations[m.match.entity_id][0]
    elif (style == "canonical" or (style == "abbreviation" and new == m.match.canonical)) and new != m.text:
        new = names.get(new, m.match.entity_id)  # (the canonical name as the text writes it stays)
    if new[:1].islower() and m.text[:1].isupper():
        new = new[0].upper() + new[1:]  # a lower-case term opening a sentence
    if style == "annotate":
        new = f"{new} [{m.match.entity_id}]"
    return new


def _adds_parent(m: Mention, name: str) -> bool:
    """Whether the name to write is the mention with a parent after it ("X, CAS", "X of Y")."""
    if not name.casefold().startswith(m.text.casefold()):
        return False
    extra = name[len(m.text) :]
    return extra.startswith(",") or " of " in extra


def _parent_follows(text: str, mentions: Sequence[Mention], i: int, index: Index) -> bool:
    """Whether the text names mention ``i``'s parent (or an ancestor) right after it ("X under
    the CAS", "X (NSSC) of the Chinese Academy of Sciences": its own acronym in brackets may
    stand between them, found as a mention or not)."""
    m = mentions[i]
    end = m.end
    for k in range(i + 1, min(i + 3, len(mentions))):
        nxt = mentions[k]
        if nxt.entity_id == m.entity_id and _bracketed(text, end, nxt.start, nxt.end):
            close = _CLOSE_BRACKET.match(text, nxt.end)
            end = close.end() if close else nxt.end
            continue  # "X (ACR)": its own acronym, then perhaps the parent
        return bool(_PARENT_GAP.fullmatch(text, end, nxt.start)) and \
            _is_ancestor(index, nxt.entity_id, m.entity_id)
    return False


_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")


def _beside_itself(text: str, mentions: Sequence[Mention], i: int) -> bool:
    """Whether mention ``i`` has a mention of the same entity next to it, with only spaces, line
    breaks or a slash between: the text writes the name twice, in two scripts."""
    m = mentions[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(mentions) and mentions[j].entity_id == m.entity_id:
            a, b = sorted((mentions[j], m), key=lambda x: x.start)
            if not text[a.end : b.start].strip(" \t\r\n/|"):
                return True
    return False


def _in_chinese_prose(text: str, start: int, end: int, *, latin: bool = False) -> bool:
    """Whether ``text[start:end]`` stands in Chinese prose: most letters around it are Han
    characters, or (for a Chinese name) the nearest character of a word before or after it, past
    spaces, punctuation and quotation marks, is one. (A Latin name beside a Chinese gloss in
    English text, "CASC (中国航天科技集团) said", stands in English.)"""
    # (a bracket glosses: "中国空间技术研究院(China Academy of Space Technology)隶属于..." is Chinese)
    around = _BRACKETS.sub(" ", text[max(0, start - 40) : start] + " " + text[end : end + 60])
    han = sum(map(is_han_char, around))
    mostly_han = han > sum(1 for c in around if c.isascii() and c.isalpha())
    if latin:
        if is_han_char(text[start - 1 : start] or " ") or is_han_char(text[end : end + 1] or " "):
            return True  # glued to a Chinese word ("为CASC提供"): a word of the Chinese sentence
        # a Latin name between Chinese words, spaces aside ("据 CASC 消息"); not one beside a
        # bracket or a comma of an English sentence glossed in Chinese
        left, right = text[:start].rstrip()[-1:], text[end:].lstrip()[:1]
        if left in "(（" and right in ")）" and is_han_char(text[:start].rstrip()[:-1].rstrip()[-1:] or " "):
            # "中国航天工业总公司(CASC)": the writer's gloss of the Chinese name before it (which
            # may be another body's, a predecessor's)
            return True
        return mostly_han and any(c and is_han_char(c) for c in (left, right))
    if mostly_han:
        return True
    before = next((c for c in reversed(text[max(0, start - 8) : start]) if c.isalnum()), "")
    after = next((c for c in text[end : end + 8] if c.isalnum()), "")
    return is_han_char(before) or is_han_char(after)


def _parent_precedes(text: str, mentions: Sequence[Mention], i: int, index: Index) -> bool:
    """Whether the text names mention ``i``'s parent (or an ancestor) right before it, with only
    a space or the parent's acronym in brackets between ("Chinese Academy of Sciences (CAS)
    Institute of X")."""
    if not i:
        return False
    j, end = i - 1, mentions[i - 1].end
    if j and mentions[j - 1].entity_id == mentions[j].entity_id and \
            _bracketed(text, mentions[j - 1].end, mentions[j].start, mentions[j].end):
        close = _CLOSE_BRACKET.match(text, end)
        j, end = j - 1, close.end() if close else end
    # only a space between, or a possessive's apostrophe ("Chinese Academy of Sciences’ X"; the
    # "'s" of a possessive is left out of the mention before)
    between = text[end : mentions[i].start].strip()
    return (not between or (len(between) == 1 and between in APOSTROPHES)) and \
        _is_ancestor(index, mentions[j].entity_id, mentions[i].entity_id)


def _is_ancestor(index: Index, ancestor: str, entity: str) -> bool:
    """Whether ``ancestor`` is the parent of ``entity``, or its parent's, and so on (the
    glossary's ``parent`` links, read through the index's id -> position table)."""
    positions, entities = index.positions, index.entities
    seen = {entity}
    at = positions.get(entity)
    parent = entities[at].parent if at is not None else ""
    while parent and parent not in seen:
        if parent == ancestor:
            return True
        seen.add(parent)
        at = positions.get(parent)
        parent = entities[at].parent if at is not None else ""
    return False


def _apposed(text: str, mentions: Sequence[Mention], a: int, b: int) -> bool:
    """Whether mentions ``a`` and ``b`` name one entity side by side: only punctuation, "or",
    and words that introduce a name ("formerly known as", ``naming_cues``) between them."""
    if a < 0 or b >= len(mentions) or mentions[a].entity_id != mentions[b].entity_id:
        return False
    gap = read_aka(text[mentions[a].end : mentions[b].start])
    if len(gap) > _MAX_APPOSED_GAP:
        return False
    if _APPOSED.fullmatch(gap):
        return True
    words = _GAP_WORDS.findall(gap.casefold())
    return bool(words) and all(w in _naming_words() for w in words) and not _LETTERS_OR_DIGITS.search(
        _GAP_WORDS.sub("", gap)) and not _SENTENCE_END.search(gap)  # "X. The X said": two sentences


@cache
def _naming_words() -> frozenset[str]:
    # (and the verb that says it: "Beihang was formerly known as BUAA")
    return frozenset(w for cue in load_text_cues().naming for w in cue) | {
        "or", "also", "the", "a", "an", "is", "was", "were", "are", "been", "be", "has", "had", "have"}


def _listed_in_brackets(text: str, prev_end: int, start: int) -> bool:
    """Whether ``text[start:]`` stands in a list of names in brackets that opens right after
    ``text[:prev_end]`` ("Lijian-1 (Zhongke-1A / ZK-1A)")."""
    return bool(_LIST_GAP.fullmatch(text, prev_end, start))


def _owner_follows(text: str, m: Mention, new: str, index: Index) -> bool:
    """Whether the words ``new`` adds to the mention name what the text states right after it
    with "of" ("Manned Space Program of the PRC" for "China Manned Space Program"): the same
    concept, the country however written."""
    after = _OWNER_OF.match(text, m.end)
    if after is None:
        return False
    read = index.lexicon.read
    written = {k for t in read(m.text) for k in t.keys}
    added = {k for t in read(new) if t.key not in written for k in t.keys}
    owner = {k for t in read(after.group(1)) for k in t.keys}
    return bool(_countries(added) & _countries(owner))


def _countries(keys: set[str]) -> set[str]:
    # China, the PRC, the People's Republic: one country however written
    return keys | {"中国"} if not load_chinese_words().country_words.isdisjoint(keys) else keys


def _defines_its_own_acronym(text: str, m: Mention, new: str, mentions: Sequence[Mention], i: int) -> bool:
    """Whether a bracketed acronym that names nothing found follows mention ``m`` and spells the
    name as written but not ``new``: the letters in order, the first one the name's initial."""
    after = _ACRONYM_AFTER.match(text, m.end)
    if after is None or (i + 1 < len(mentions) and mentions[i + 1].start < after.end()):
        return False
    acronym = after.group(1).casefold()
    return _spells(acronym, m.text) and not _spells(acronym, new)


def _spells(acronym: str, name: str) -> bool:
    letters = iter(name.casefold())
    return name[:1].casefold() == acronym[:1] and all(c in letters for c in acronym)


def _expands_the_acronym_before(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in brackets right after an acronym it spells ("CHETA
    [China Haiying Electromechanical Technology Academy]")."""
    before = _ACRONYM_BEFORE_BRACKET.search(text, max(0, start - 20), start)
    return before is not None and bool(_CLOSE_BRACKET.match(text, end)) and \
        _spells(before.group(1).casefold(), text[start:end])


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is all its line holds, and the text has other lines."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    return (line_start > 0 or line_end < len(text)) and not text[line_start:start].strip() \
        and not text[end:line_end].strip()


def _glossed(text: str, prev_end: int, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in brackets after ``text[:prev_end]``, as another name of
    what it names: right after it, or with a common noun or two ("Long March rocket (Changzheng
    rocket)")."""
    return bool(_OPEN_GLOSS.fullmatch(text, prev_end, start)) and bool(_CLOSE_GLOSS.match(text, end))


def _bracketed(text: str, prev_end: int, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in brackets right after ``text[:prev_end]``."""
    return bool(_OPEN_BRACKET.fullmatch(text, prev_end, start)) and bool(_CLOSE_BRACKET.match(text, end))
