"""Titles in running text: which words are a title, and which title they are.

A capitalised title of several words ("Deputy General Manager") is a mention where it stands.
A one-word title ("President") or one written in lower case ("vice administrator") is a mention
only where the sentence makes it a post: the title *of a named body* ("... of CALT", "... of the
administration", "CNSA Deputy Director", "CASC's president"), or after a word of appointment
("appointed chairman", "served as deputy director"). Several titles written alike (副院长 and
副总经理 are both "Vice President") are told apart by the kind of that body (the glossary's
``bodies``): an academy's vice president is not a company's. A rank word before the title that
it lacks makes another rank ("deputy chairman" is not the chairman).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from ..glossary.entity import body_kind, body_kind_of_words, fits_body, place_kind, title_bodies
from ..index import Index
from ..lexicon import Kind
from ..results import Match
from .cues import TextCues, load_text_cues
from .keep import is_plural
from .words import AND, HARD, JOIN, STOP, WORD, Doc

__all__ = ["TitleResolver"]

#: A body mention at content word ``c``: ``(first word, last word, match)`` or ``None``.
BodyFinder = Callable[[Doc, int, int], "tuple[int, int, Match] | None"]
#: The last word of a title path starting at content word ``c`` (``-1`` when none starts there).
TitleEnd = Callable[[Doc, int], int]

_LINKS = frozenset({"of", "at", "for"})
_GLUE = frozenset({"of", "for", "and", "the", "&"})  # inside a body's name
_ARTICLES = frozenset({"the", "a", "an"})
_MAX_ADJECTIVES = 3  # "of the newly established China ...": lower-case words before the body
_MAX_COORDINATED = 3  # "Vice President and President of CALT"
_CUE_REACH = 5  # words back from a title to a word of appointment
_MAX_PHRASE = 6  # words of a body's unit after its possessive ("CASC's science and technology committee")


class TitleResolver:
    """Decides whether title words are a mention, and of which title entity.

    Parameters
    ----------
    index : Index
    body_at : callable
        ``body_at(doc, c, covered_until)``: the organisation, place or programme mention that
        starts at content word ``c`` (the acceptor's longest path, titles left out).
    title_end : callable
        ``title_end(doc, c)``: last word of the longest title path starting at content word ``c``.
    """

    def __init__(self, index: Index, body_at: BodyFinder, title_end: TitleEnd):
        self.index = index
        self.cues: TextCues = load_text_cues()
        self.body_at = body_at
        self.title_end = title_end
        self._kinds: dict[int, str | None] = {}
        self._ids = index.positions

    def kind_of(self, i: int) -> str | None:
        """The kind of body entity ``i`` is (:func:`~aeronorm.glossary.entity.body_kind`), once."""
        kind = self._kinds.get(i, "")
        if kind == "":
            kind = self._kinds[i] = body_kind(self.index.entities[i])
        return kind

    def resolve(self, doc: Doc, first: int, last: int, strict: Collection[int], loose: Collection[int],
                prev: tuple[int, int, Any] | None) -> int | None:
        """The title entity words ``first`` to ``last`` name, or ``None``.

        ``strict``: titles whose form fits as written (capitalised, several words); ``loose``:
        titles that fit only as a post (one word, or lower case). ``prev`` is the mention just
        before, if any: a body written before the title ("CNSA Deputy Director").
        """
        if self._modified(doc, first, prev):
            return None
        kind, has_body, known = self._body_after(doc, last)
        if not has_body:
            kind, has_body, known = self._body_before(doc, first, prev)
        entities = self.index.entities
        candidates = set(strict) | set(loose)
        if len(candidates) > 1:
            if kind is None:
                return None
            if not known and self._generic(doc, first, last):
                # a word for any body's top post ("head", "party secretary") of a body the
                # glossary does not hold: the kind its English name suggests does not say which
                # post it is (the head of an audit office is its auditor-general)
                return None
            fit = [c for c in candidates if fits_body(kind, entities[c]) and self._same_level(c, prev, first)]
            if len(fit) != 1:
                return None
            chosen = fit[0]
        else:
            (chosen,) = candidates
            if kind is not None and title_bodies(entities[chosen]) and not fits_body(kind, entities[chosen]):
                return None  # the title of another kind of body
            if kind is None and has_body and not known and title_bodies(entities[chosen]) \
                    and _words(doc.text[doc.start(first) : doc.end(last)]) != _words(entities[chosen].name):
                # another name of the post, of a body the glossary does not hold and whose name
                # does not tell its kind: "Dean of the School of ..." (a school's 院长) is no
                # academy's President; written as it is, in capitals, it names nothing new
                return None
        written = doc.text[doc.start(first) : doc.end(last)]
        if not has_body and is_plural(written) and doc.text[doc.end(last) : doc.end(last) + 2].lstrip()[:1] \
                in (":", "\uff1a"):
            return None  # "Executive Directors: Mr A, Mr B": the label of a list of people, no post
        if chosen in strict or has_body:
            return chosen
        if self._cued(doc, first) and not is_plural(doc.text[doc.start(first) : doc.end(last)]):
            return chosen  # "appointed chairman"; "became board members" describes, it names no post
        return None

    def _same_level(self, title: int, prev: tuple[int, int, Any] | None, first: int) -> bool:
        """Whether the body named right before the title is of the level the title's name states
        ("... of the CPC Provincial Committee" is no post of the Central Committee)."""
        if prev is None or prev[1] != first - 1 or prev[2].type != "org":
            return True  # (a place's level is its kind: a province's post, a city's)
        levels = _LEVELS.intersection(_words(self.index.entities[title].name))
        return levels <= set(_words(prev[2].canonical))

    def _places_only(self, words: list[str]) -> bool:
        toks = self.index.lexicon.tokens(" ".join(words))
        return bool(toks) and all(t.kind == Kind.PLACE for t in toks)

    def _generic(self, doc: Doc, first: int, last: int) -> bool:
        """Whether the title words are a generic word for a post (``generic_posts`` of
        ``text.yaml``: "head", "party secretary")."""
        words = " ".join(doc.raws[k].casefold() for k in range(first, last + 1) if doc.infos[k].cls == WORD)
        return words in self.cues.generic_posts

    # -- the words around a title -------------------------------------------------------------
    def _modified(self, doc: Doc, first: int, prev: tuple[int, int, Any] | None) -> bool:
        """A rank word or a capitalised word before the title that the title lacks: another
        post ("deputy chairman", "Deputy Division Director")."""
        k = first - 1
        if k < 0 or doc.brk(first) != JOIN:
            return False
        info = doc.infos[k]
        if info.cls != WORD:
            return False
        if doc.raws[k].casefold() in self.cues.rank_modifiers:
            return True
        if prev is not None and prev[1] == k:
            return False  # the end of a name: a body ("CNSA Deputy Director") or a person
        return doc.raws[k][0].isupper() and not doc.sent(k) and not info.possessive and \
            info.tok is not None and info.tok.kind != Kind.PLACE

    def _body_after(self, doc: Doc, last: int) -> tuple[str | None, bool, bool]:
        """(kind, whether a named body follows, whether the glossary holds it): "... of [the]
        BODY", past coordinated titles."""
        n = doc.n
        k = last + 1
        for _ in range(_MAX_COORDINATED):
            nxt = self._coordinated(doc, k)
            if nxt < 0:
                break
            k = nxt
        if k >= n or doc.brk(k) != JOIN or doc.raws[k].casefold() not in _LINKS:
            return None, False, False
        k += 1
        article = False
        while k < n and doc.brk(k) == JOIN and doc.raws[k].casefold() in _ARTICLES:
            article = True
            k += 1
        start = k
        if article:  # "the newly established China ...": lower-case words before a capitalised body
            j = k
            while j < n and j - start < _MAX_ADJECTIVES and doc.brk(j) == JOIN and doc.infos[j].cls == WORD \
                    and not doc.infos[j].cap:
                j += 1
            if j > k and j < n and doc.brk(j) == JOIN and doc.infos[j].cls == WORD and doc.infos[j].cap:
                k = j
        if k >= n or doc.brk(k) != JOIN:
            return None, False, False
        info = doc.infos[k]
        if info.cls != WORD:
            return None, False, False
        if not info.cap:
            if not article or k != start or info.possessive:
                # ("head of the academy's design department": the post is the department's)
                return None, False, False
            kind = body_kind_of_words([doc.raws[k].casefold()])
            return kind, kind is not None, False  # "of the administration"
        c = _content_index(doc, k)
        if c is not None:
            hit = self.body_at(doc, c, k - 1)
            if hit is not None:
                if doc.infos[hit[1]].possessive and hit[1] + 1 < n and doc.brk(hit[1] + 1) == JOIN \
                        and doc.infos[hit[1] + 1].cls == WORD:
                    # "chairman of GalaxySpace's technical committee": the post is the
                    # committee's, a body the glossary does not hold
                    return body_kind_of_words(self._phrase_words(doc, hit[1] + 1)), True, False
                return self.kind_of(self._ids[hit[2].entity_id]), True, True
        words = self._run_words(doc, k)
        # a place the glossary does not hold ("of Hebei") is as good as one it does
        return body_kind_of_words(words), True, self._places_only(words)

    def _phrase_words(self, doc: Doc, k: int) -> list[str]:
        """The folded words of the noun phrase at word ``k``, any case ("science and technology
        committee"), up to a break or a link word."""
        out = []
        n = doc.n
        while k < n and len(out) < _MAX_PHRASE:
            info, raw = doc.infos[k], doc.raws[k]
            if info.cls == WORD:
                out.append(raw.casefold())
                if info.possessive:
                    break
            elif not (info.cls == AND and k + 1 < n and doc.brk(k + 1) == JOIN):
                break
            else:
                out.append(raw.casefold())
            k += 1
            if k < n and doc.brk(k) != JOIN:
                break
        return out

    def _run_words(self, doc: Doc, k: int) -> list[str]:
        """The folded words of the capitalised run at word ``k`` ("UN Office for Outer Space Affairs")."""
        out = []
        n = doc.n
        while k < n:
            info, raw = doc.infos[k], doc.raws[k]
            named = info.cls == WORD and (info.cap or raw[0].isdigit())
            glue = info.cls in (STOP, AND) and raw.casefold() in _GLUE and k + 1 < n and \
                doc.brk(k + 1) == JOIN
            if named or glue:
                out.append(raw.casefold())
            else:
                break
            k += 1
            if k < n and doc.brk(k) != JOIN:
                break
        return out

    def _coordinated(self, doc: Doc, k: int) -> int:
        """After "and"/"," at word ``k``, the word after a title that follows; ``-1`` otherwise."""
        n = doc.n
        if k >= n:
            return -1
        brk = doc.brk(k)
        if brk == HARD:
            return -1
        if doc.infos[k].cls == AND and brk == JOIN:
            k += 1
        elif brk != JOIN and "," in doc.parts[2 * k]:
            pass  # ", Vice President"
        else:
            return -1
        while k < n and doc.infos[k].cls == STOP and doc.raws[k].casefold() in _ARTICLES:
            k += 1
        c = _content_index(doc, k)
        if c is None:
            return -1
        end = self.title_end(doc, c)
        return end + 1 if end >= 0 else -1

    def _body_before(self, doc: Doc, first: int, prev: tuple[int, int, Any] | None
                     ) -> tuple[str | None, bool, bool]:
        """A body written just before the title: a mention ("CNSA Deputy Director", "CASC's
        president") or a place word ("Zhejiang governor")."""
        k = first - 1
        if k < 0 or doc.brk(first) != JOIN:
            return None, False, False
        if prev is not None and prev[1] == k:
            match = prev[2]
            if match.type in ("org", "place", "program"):
                return self.kind_of(self._ids[match.entity_id]), True, True
            return None, False, False
        info = doc.infos[k]
        if info.cls == WORD and info.cap and info.tok is not None and info.tok.kind == Kind.PLACE:
            # of the place's level: a province's post is no autonomous region's ("Guangxi's Party chief")
            return place_kind(info.tok.key), True, True
        return None, False, False

    def _cued(self, doc: Doc, first: int) -> bool:
        """A word of appointment shortly before the title, in the same sentence."""
        k = first
        for _ in range(_CUE_REACH):
            if k <= 0 or doc.brk(k) == HARD:
                return False
            k -= 1
            if doc.raws[k].casefold() in self.cues.appointment:
                return True
        return False


#: Words of a title's name that say the level of the body it is a post of.
_LEVELS = frozenset({"central", "provincial", "municipal", "county", "district"})


def _content_index(doc: Doc, k: int) -> int | None:
    """The index into ``doc.seq`` of word ``k`` (a content word), or ``None``."""
    seq = doc.seq
    lo, hi = 0, len(seq)
    while lo < hi:
        mid = (lo + hi) // 2
        if seq[mid] < k:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(seq) and seq[lo] == k else None


def _words(text: str) -> tuple[str, ...]:
    """The folded words of a title, articles and hyphens aside ("Secretary General" is
    "Secretary-General")."""
    return tuple(w for w in text.casefold().replace("-", " ").split() if w not in _ARTICLES)
