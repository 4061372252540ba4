"""Asides in names: which bracketed or quoted parts only repeat the name (an acronym, a quoted
short name, an "a.k.a." note) and which say more (a place, a number)."""

from __future__ import annotations

import re

from .fold import ASIDE_RE

__all__ = ["acronym_asides", "is_redundant_aside", "without_redundant_asides"]

_SPACES = re.compile(r"\s+")
_AKA = re.compile(r"^\W*(a\.?k\.?a\.?|aka|also|formerly|former|or|i\.e\.)\b", re.IGNORECASE)


def is_redundant_aside(aside: str) -> bool:
    """Whether an aside (brackets or quotes included) only repeats the name: a quoted short
    name, an "a.k.a." note, or one word of two capitals or more (an acronym).

    Examples
    --------
    >>> is_redundant_aside("(BUPT)"), is_redundant_aside('("Huada Coffee")'), is_redundant_aside("(Xi'an)")
    (True, True, False)
    """
    inner = aside.strip(" ()[]（）【】")
    if inner[:1] in "\"“":
        return True
    words = inner.split()
    return bool(_AKA.match(inner)) or (len(words) == 1 and sum(c.isupper() for c in inner) >= 2)


def acronym_asides(text: str) -> tuple[str, ...]:
    """The acronyms ``text`` gives in brackets after its words (one word of two capitals or
    more), brackets off: the acronyms of the whole name. One inside the name is a part's
    ("China Aerospace Science and Industry Corporation (CASIC) Second Academy").

    Examples
    --------
    >>> acronym_asides("China Academy of Space Technology (CAST)")
    ('CAST',)
    >>> acronym_asides("China Aerospace Science and Industry Corporation (CASIC) Second Academy")
    ()
    >>> acronym_asides("China Academy of Space Technology (Xi'an)")
    ()
    """
    out = []
    end = len(text.rstrip())
    for m in reversed(list(ASIDE_RE.finditer(text))):
        if m.end() < end:
            break  # words follow: this aside and those before it are inside the name
        end = m.start()
        aside = m.group().strip()
        inner = aside.strip(" ()[]（）【】")
        bracketed = aside[:1] in "([（【"
        if bracketed and is_redundant_aside(aside) and not _AKA.match(inner) and len(inner.split()) == 1:
            out.append(inner)
    return tuple(reversed(out))


def without_redundant_asides(text: str) -> str:
    """``text`` without its redundant asides, or ``""`` when it has none (or nothing else).

    Examples
    --------
    >>> without_redundant_asides("Beijing University of Posts and Telecommunications (BUPT)")
    'Beijing University of Posts and Telecommunications'
    >>> without_redundant_asides("China Academy of Space Technology (Xi'an)")
    ''
    """
    kept = ASIDE_RE.sub(lambda m: " " if is_redundant_aside(m.group()) else m.group(), text)
    core = _SPACES.sub(" ", kept).strip()
    return core if core and core != text else ""
