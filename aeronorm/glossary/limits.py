"""What a glossary's names and words may be: bounds that keep the cost of every name constant.

Building a normaliser reads every written form of every entity (name, alias, abbreviation,
Chinese name and short form, context alias) and every rendering of every term. Some steps
cost more than linear time in the length of one name or one word (grouping a name's words
into lexicon phrases, splitting a word into pinyin syllables, the spelling table's
one-deletion neighbourhoods of a word). With these bounds each costs at most a constant per
form, so a glossary costs time and memory linear in its number of forms.

* A form or rendering has at most :data:`MAX_NAME_CHARS` characters, as written and once
  folded (NFKC can make one character several).
  ``Normalizer.match`` reads no more of a query either: a longer form could never be matched.
* A word, a run of characters between spaces, has at most :data:`MAX_WORD_CHARS` characters.
  A Chinese name is usually one word, and so is a hyphenated chain (``Xi-an``).
* A term's Chinese is one word.

:func:`form_problem` says why a string breaks a bound; the readers and
:class:`~aeronorm.glossary.Glossary` turn it into a :class:`~aeronorm.errors.GlossaryError`
naming the file, the line and the entry.
"""

from __future__ import annotations

import re
import unicodedata

from .entity import Entity

__all__ = ["MAX_NAME_CHARS", "MAX_WORD_CHARS", "entity_problem", "form_problem", "term_problem"]

#: Most characters of a name, alias, abbreviation, Chinese name or term rendering.
MAX_NAME_CHARS = 1000
#: Most characters of a word (a run without spaces) of such a form, and of a term's Chinese.
MAX_WORD_CHARS = 100

_LONG_WORD = re.compile(r"\S{" + str(MAX_WORD_CHARS + 1) + ",}")
# Entity fields holding written forms, as (field, how one value is called in a message).
_FORM_FIELDS = (("name", "the name"), ("zh", "the Chinese name"), ("aliases", "an alias"),
                ("abbreviations", "an abbreviation"), ("zh_aliases", "a Chinese alias"),
                ("context_aliases", "a context alias"), ("former_names", "a former name"),
                ("templates", "a template"))


def _cut(text: str, size: int = 24) -> str:
    return repr(text if len(text) <= size else text[:size] + "…")


def form_problem(text: str, *, what: str = "the value") -> str | None:
    """Why ``text`` cannot be a written form of a glossary, or ``None`` when it can.

    Examples
    --------
    >>> form_problem("China Aerospace Science and Industry Corporation") is None
    True
    >>> form_problem("an" * 2_000, what="the name")
    "the name has 4,000 characters ('anananananananananananan…'); a name or alias may have at most 1,000"
    >>> form_problem("Alpha " + "x" * 150 + " Corp", what="an alias")
    "an alias has a word of 150 characters ('xxxxxxxxxxxxxxxxxxxxxxxx…'); a word may have at most 100"
    """
    if len(text) > MAX_NAME_CHARS:  # checked first: nothing below runs on a long string
        return (f"{what} has {len(text):,} characters ({_cut(text)}); "
                f"a name or alias may have at most {MAX_NAME_CHARS:,}")
    # NFKC may make one character several (U+FDFA is 18): matching reads the folded text.
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        folded = unicodedata.normalize("NFKC", text)
        if len(folded) > MAX_NAME_CHARS:
            return (f"{what} has {len(folded):,} characters once folded (NFKC) ({_cut(text)}); "
                    f"a name or alias may have at most {MAX_NAME_CHARS:,}")
        text = folded
    long_word = _LONG_WORD.search(text)
    if long_word is not None:
        return (f"{what} has a word of {len(long_word.group()):,} characters ({_cut(long_word.group())}); "
                f"a word may have at most {MAX_WORD_CHARS:,}")
    return None


def entity_problem(entity: Entity) -> tuple[str, str] | None:
    """The first field of an entity's forms that breaks a bound, and why; ``None`` if none does.

    Examples
    --------
    >>> entity_problem(Entity("a", "Alpha Corp", aliases=("Alpha", "A" * 1001)))[0]
    'aliases'
    """
    for field, what in _FORM_FIELDS:
        value = getattr(entity, field, ())
        for text in (value,) if isinstance(value, str) else value:
            problem = form_problem(text, what=what) if isinstance(text, str) else None
            if problem is not None:
                return field, problem
    return None


def term_problem(zh: str, renderings: tuple[str, ...]) -> tuple[str, str] | None:
    """The first field of a term that breaks a bound (``"zh"`` or ``"en"``), and why.

    Examples
    --------
    >>> term_problem("航天", ("aerospace", "space"))
    >>> term_problem("航" * 101, ("x",))[1].split(" (")[0]
    "the term's Chinese has 101 characters"
    """
    if len(zh) > MAX_WORD_CHARS:
        return "zh", (f"the term's Chinese has {len(zh):,} characters ({_cut(zh)}); "
                      f"a term's Chinese is one word of at most {MAX_WORD_CHARS:,}")
    for text in renderings:
        problem = form_problem(text, what="a rendering")
        if problem is not None:
            return "en", problem
    return None
