"""The article a full name needs where it is written over an acronym: "approved by MIIT" is
"approved by the Ministry of Industry and Information Technology", not "approved by Ministry of
...". A name takes "the" when its head noun is one of ``article_heads`` of ``text.yaml`` (a
university, college or institute only with "of" after it; a company only when its name opens
with "China", "National", ...: ``article_company_openers``); the article is written only where
the text has no determiner or possessive before the acronym."""

from __future__ import annotations

import re

from .cues import load_text_cues

__all__ = ["article_before", "described_by", "is_company_name", "modifies_next", "takes_article"]

_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]*[A-Z][A-Z0-9&]*")  # CNSA, MIIT, PLASSF
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][sS])?")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their",
                          "our", "your", "my", "whose", "each", "every", "any", "no", "which", "what"})
_SENTENCE_END = re.compile(r"(?:^|[.!?]['\"\u2019\u201d)]*|\n)\s*$")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
# a determiner, then a word in lower case, an adverb in -ly before it ("the newly formed") or
# another joined by "and" ("the old and new"), no other function word ("the ministry and CASC"),
# quotation marks aside ('the "new" COSTIND'); not two words ("the government split COSTIND": a
# noun and its verb)
_FUNCTION = r"(?!(?:and|or|of|to|by|with|for|in|on|at|from|as|than)\b)"
_ADJECTIVES_BEFORE = re.compile(
    rf"(?:^|\s)([A-Za-z]+)(?:\s+{_FUNCTION}[a-z][a-z-]*ly)?(?:\s+{_FUNCTION}[a-z][a-z-]*\s+(?:and|or))?"
    rf"\s+{_FUNCTION}[a-z][a-z-]*\s+$")
_QUOTE_MARKS = re.compile("[\"\u201c\u201d\u2018\u2019']")
_COMPANY_END = re.compile(r"(?:co|ltd|limited|inc|llc|plc|corp)\.?$", re.IGNORECASE)


def is_company_name(name: str) -> bool:
    """Whether ``name`` ends in a company form ("... Co., Ltd.", "... Limited")."""
    return bool(_COMPANY_END.search(name.rstrip()))


def takes_article(name: str) -> bool:
    """Whether English writes ``name`` with "the" (module docstring).

    Examples
    --------
    >>> [takes_article(n) for n in ("Ministry of Industry and Information Technology",
    ...  "China National Space Administration", "National University of Defense Technology",
    ...  "Northwestern Polytechnical University", "Orbix Technology Co., Ltd.",
    ...  "China Orbital Industry Corporation", "Orbix Technology Corporation")]
    [True, True, True, False, False, True, False]
    """
    words = name.split()
    if not words or is_company_name(name):
        return False
    lowered = [w.strip(",.()").casefold() for w in words]
    head = next((i - 1 for i, w in enumerate(lowered) if w in ("of", "for") and i), len(lowered) - 1)
    cues = load_text_cues()
    word = lowered[head]
    if word in cues.article_of_heads:
        return head + 1 < len(lowered) and lowered[head + 1] == "of"
    if word in cues.article_company_heads:
        return lowered[0] in cues.article_company_openers
    return word in cues.article_heads


def article_before(text: str, start: int, written: str, name: str) -> str:
    """The article to write before ``name`` where it replaces ``written`` (an acronym, or a
    name written without an article: "according to Sanjiang Group" is "according to the Fourth
    Academy of ...") at ``text[start:]``: "the", "The" at the start of a sentence, or "" (none
    needed, or the text has a determiner or a possessive there already).

    Examples
    --------
    >>> article_before("It was approved by MIIT.", 19, "MIIT", "Ministry of Industry")
    'the '
    >>> article_before("Founded in 1993, CNSA grew.", 17, "CNSA", "China National Space Administration")
    'the '
    >>> article_before("CNSA grew.", 0, "CNSA", "China National Space Administration")
    'The '
    >>> article_before("The CNSA grew.", 4, "CNSA", "China National Space Administration")
    ''
    >>> article_before("CNSA", 0, "CNSA", "China National Space Administration")
    ''
    >>> article_before("The new CNSA grew.", 8, "CNSA", "China National Space Administration")
    ''
    """
    if not written[:1].isupper() or written.casefold().startswith("the ") or not takes_article(name):
        return ""  # (a name in lower case describes: :func:`described_by`)
    if not _ACRONYM.fullmatch(written) and name.split()[0].casefold() == written.split()[0].casefold():
        return ""  # the writer's name heads the full one ("Landspace" said): so does the writer's usage
    if not text[:start].strip() and not text[start + len(written) :].strip(" \t\n.,;:!?"):
        return ""  # the name alone (a cell, a heading): no sentence to fit into
    before = text[max(0, start - 60) : start]
    if before and not before[-1:].isspace():
        return ""  # glued to something: "(CNSA", "-MIIT", a bracket, a compound, a quotation mark
    if not _stands_alone(text[start + len(written) : start + len(written) + 40]):
        return ""  # "the official CASC press release", "two NUDT professors": a modifier
    if _SENTENCE_END.search(before):
        return "The "
    if before.split()[-1:] and "-" in before.split()[-1]:
        return ""  # "Wuhan-based CASIC": the article goes before the modifier, if anywhere
    last = _WORD.findall(before)
    if last:
        word = last[-1].casefold()
        if word in _DETERMINERS or word.endswith(("'s", "\u2019s")):
            return ""
        if before.rstrip().endswith(last[-1]) and last[-1].islower() and \
                word in load_text_cues().apposition_nouns:
            return ""  # "the space contractor CASC": the description is its article
        # "The new CASIC-IT": a determiner and an adjective or two in lower case right before it
        adjectives = _ADJECTIVES_BEFORE.search(_QUOTE_MARKS.sub("", before))
        if adjectives and adjectives.group(1).casefold() in _DETERMINERS:
            return ""
    return "the "


def modifies_next(text: str, end: int) -> bool:
    """Whether the words ending at ``text[end]`` modify the noun after them ("SASTIND Director",
    "a CASC subsidiary") rather than end their noun phrase (:func:`_stands_alone`)."""
    return not _stands_alone(text[end : end + 40])


def _stands_alone(after: str) -> bool:
    """Whether what follows an acronym ends its noun phrase: punctuation, the end, a possessive,
    a word of ``article_followers`` ("of", "and", "has", "said") or a verb in the past; any other
    word ("press release", "professors", "-built") makes the acronym a modifier of a noun, whose
    article, if any, the text has already written before the phrase."""
    if not after.strip() or after[:1] in ".,;:!?)]\u3002\uff0c" or after.lstrip()[:1] in "([\uff08":
        return True  # (a bracket after it: "Chinese Communist Party (CCP) provincial committees")
    if after[:2] in ("'s", "\u2019s") or after[:1] in "'\u2019":
        return True  # a possessive ("CNSA's", "IAF' seven")
    if after[:1] in "-\u2010\u2011":
        return False  # "CETC-backed"
    nxt = _NEXT_WORD.match(after)
    if not nxt:
        return False
    word = nxt.group(1).casefold()
    # a verb in the past ("CNSA approved"): the acronym is its subject
    return word in load_text_cues().article_followers or (len(word) > 4 and word.endswith("ed"))


def described_by(text: str, start: int) -> str | None:
    """The word before ``text[start:]`` if it is a determiner other than "the" or a possessive
    ("a", "its", "the country's"): the words after it then describe a thing rather than name it
    ("a manned space program", "its manned space program").

    Examples
    --------
    >>> described_by("A crewed program flew", 2), described_by("the crewed program flew", 4)
    ('a', None)
    >>> described_by("the country's crewed program", 14)
    "country's"
    """
    before = text[max(0, start - 60) : start]
    if not before[-1:].isspace():
        return None
    last = _WORD.findall(before)
    if not last:
        return None
    word = last[-1].casefold()
    if (word in _DETERMINERS and word != "the") or word.endswith(("'s", "\u2019s")):
        return word
    return None
