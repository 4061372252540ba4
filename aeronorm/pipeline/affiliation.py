"""Parent organisations written into names: "Chinese Academy of Sciences Institute of X",
"X, CAS", "PLA Y University", "AVIC Z Company".

A name that states its parent and one that leaves it out are the same entity when everything
else agrees; two names that state two different parents are two entities. The fuzzy stage asks
which tokens of a name are such a parent (:meth:`Affiliations.positions`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..lexicon import Kind, TermLexicon, Tok
from ..resources import load_affiliations
from ..text.fold import has_han

__all__ = ["Affiliations"]


class Affiliations:
    """The concept-key sequences of the parent organisations of ``affiliations.yaml``, as the
    lexicon reads them (so a query and a name are read alike)."""

    def __init__(self, lexicon: TermLexicon):
        by_first: dict[str, set[tuple[tuple[str, ...], int]]] = defaultdict(set)
        for org, forms in enumerate(load_affiliations()):
            chinese = [text for text in forms if has_han(text)]
            for text in forms:
                tokens = lexicon.zh_tokens(text) if has_han(text) else lexicon.tokens(text)
                if _describes(lexicon, text, tokens, chinese):
                    continue
                keys = tuple(t.key for t in tokens if t.kind != Kind.LEGAL)
                if keys:
                    by_first[keys[0]].add((keys, org))
        # A position is read by the lengths of the forms beginning with its key, longest first
        # ("PLA Air Force" before "PLA"): one look-up per length, not one comparison per form
        # (dozens of forms begin with "China"); a form several organisations write is the first's.
        self._lengths = {k: tuple(sorted({len(keys) for keys, _ in v}, reverse=True))
                         for k, v in by_first.items()}
        self._forms: dict[tuple[str, ...], int] = {}
        for forms in by_first.values():
            for keys, org in sorted(forms, key=lambda f: f[1], reverse=True):
                self._forms[keys] = org
        # An organisation whose form begins with another's is inside it (中国人民解放军火箭军 is the
        # PLA's): a name stating the PLA and one stating its Rocket Force do not disagree.
        orgs_of = defaultdict(set)
        for forms in by_first.values():
            for keys, org in forms:
                orgs_of[keys].add(org)
        self._inside: set[tuple[int, int]] = set()
        for forms in by_first.values():
            for keys, org in forms:
                for k in range(1, len(keys)):
                    self._inside.update((org, outer) for outer in orgs_of.get(keys[:k], ()) if outer != org)

    def related(self, a: int, b: int) -> bool:
        """Whether organisations ``a`` and ``b`` are one, or one is inside the other."""
        return a == b or (a, b) in self._inside or (b, a) in self._inside

    def spans(self, tokens: Sequence[Tok]) -> list[tuple[int, int, int]]:
        """``(start, end, organisation)`` of each parent organisation written in ``tokens``
        (legal forms excluded by the caller), the longest at each position, never overlapping;
        ``organisation`` tells "CAS" and "Chinese Academy of Sciences" for one."""
        keys = [t.key for t in tokens]
        lengths_of = self._lengths
        if lengths_of.keys().isdisjoint(keys):
            return []  # most names: no parent named
        forms = self._forms
        out: list[tuple[int, int, int]] = []
        i, n = 0, len(keys)
        while i < n:
            for length in lengths_of.get(keys[i], ()):
                end = i + length
                org = forms.get(tuple(keys[i:end])) if end <= n else None
                if org is not None:
                    out.append((i, end, org))
                    i = end
                    break
            else:
                i += 1
        return out


def _describes(lexicon: TermLexicon, text: str, tokens: Sequence[Tok], chinese: Sequence[str]) -> bool:
    """Whether a form, as the matcher reads it, is a description rather than the organisation:

    * a group's name without its scope whose legal word is what made it a name (航天科技集团 read
      without 集团 is "aerospace science and technology", a trade any company may name);
    * an acronym that the lexicon reads as an English word of another meaning (PLAN is the PLA
      Navy, "plan" a word of many names): case, which tells them apart, is folded away.
    """
    if any(t.kind == Kind.LEGAL for t in tokens):
        rest = [t for t in tokens if t.kind != Kind.LEGAL]
        if rest and all(t.kind == Kind.NAME and not lexicon.is_proper(t) for t in rest):
            return True
    if text.isascii() and text.isupper() and len(tokens) == 1:
        key = tokens[0].key
        return key != tokens[0].text and not any(key in zh for zh in chinese)
    return False
