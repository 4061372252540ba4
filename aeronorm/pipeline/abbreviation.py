"""Stage 4, abbreviation: acronyms, given (``CASIC``) and derived from names (``NWPU``, ``DLUT``).

The acronyms derived from every English name are this stage's own table, built on its first
acronym query (or by :meth:`AbbreviationStage.warm`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache
from itertools import product
from typing import Any, ClassVar

from ..caching import BuildOnce
from ..glossary.entity import Entity
from ..glossary.glossary import Glossary
from ..index import Index
from ..lexicon import Kind, TermLexicon
from ..lexicon.word_classes import load_word_classes
from ..resources import load_affiliations, load_english_words, load_known_acronyms
from ..results import Method
from ..text.fold import ASIDE_RE, fold, fold_key, has_han, is_upper_word, looks_like_acronym
from ..text.pinyin import split_syllables, to_pinyin
from .affiliation import Affiliations
from .base import Outcome, SharedTables, ambiguous, found
from .calibration import Calibration
from .entity_ids import KeyTable, add_ids, ids_of, seal
from .query import Query

__all__ = ["AbbreviationStage", "Acronyms", "derive_acronyms"]

_ASIDE_OPENS = re.compile(r"[(\[（【\"“]")  # what each of ASIDE_RE's asides opens with
_ACRONYM_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ARTICLE = re.compile(r"the\s+", re.IGNORECASE)
_LIMIT = 64
_SHORT = 3  # derived acronyms of this many letters or fewer are candidates, not answers


class Acronyms:
    """Acronyms derived from every English name of the glossary's organisations (an award, an
    event, a programme or a post is called by its initials where the glossary gives them).

    Attributes
    ----------
    whole : KeyTable
        Acronym -> entities (:class:`~aeronorm.pipeline.entity_ids.KeyTable`, read as a dict),
        from whole names.
    parts : KeyTable
        Acronym -> entities, from the comma-separated parts of names, for the keys no whole name
        gives (consulted after ``whole``). A part counts only where the rest of the name is a
        parent organisation (the entity's glossary parent, or one of ``affiliations.yaml``):
        "National Space Science Center, CAS" is NSSC, but in "Academy of Military Medical
        Sciences, Institute of Microbiology" neither part is said to be the parent, and AMMS is
        the academy's acronym, not its institute's.
    """

    def __init__(self, index: Index, *, affiliations: Affiliations | None = None):
        whole: dict[str, Any] = {}
        parts: dict[str, Any] = {}
        lexicon = index.lexicon
        words: dict[str, _WordOptions] = {}  # a word's options, worked out once per build
        affiliations = affiliations or Affiliations(lexicon)  # the stages' shared one, usually
        by_id = {e.id: e for e in index.entities}
        for i, entity in enumerate(index.entities):
            if entity.type != "org":
                continue
            for text in entity.english_names():
                # (most names have no aside: the pattern, tried at every space, is not run)
                core = ASIDE_RE.sub(" ", text) if _ASIDE_OPENS.search(text) else text
                add_ids(whole, _acronyms_of(lexicon, core, _LIMIT, words), i)
                if "," in core:
                    pieces = core.split(",")
                    parent = by_id.get(entity.parent) if entity.parent else None
                    for k, part in enumerate(pieces):
                        if len(part.split()) >= 2 and all(
                                _is_parent(lexicon, affiliations, other, parent)
                                for j, other in enumerate(pieces) if j != k and other.strip()):
                            add_ids(parts, _acronyms_of(lexicon, part, _LIMIT, words), i)
        # 700,000 acronyms at 100,000 entities: one string of them each, not a dict (KeyTable).
        # A key whole names give is never looked up in parts (nearly every part's key is one: a
        # part is mostly another entity's whole name).
        self.parts = KeyTable(seal({key: ids for key, ids in parts.items() if key not in whole}))
        self.whole = KeyTable(seal(whole))

    def ids(self, key: str) -> tuple[int, ...]:
        """The entities one of whose whole names gives the acronym ``key``, else those one of
        whose parts does."""
        return ids_of(self.whole, key) or ids_of(self.parts, key)


class AbbreviationStage:
    """An acronym query against given and derived acronyms."""

    name: ClassVar[Method] = "abbreviation"

    def __init__(self, index: Index, calibration: Calibration, shared: SharedTables):
        self.index = index
        self.calibration = calibration
        self.acronyms = BuildOnce(lambda: Acronyms(index, affiliations=shared.affiliations.get()))

    def warm(self) -> None:
        """Derive every name's acronyms now."""
        self.acronyms.get()

    def match(self, query: Query, allowed: Collection[int] | None = None) -> Outcome | None:
        text = query.text
        article = _ARTICLE.match(text)
        if article and looks_like_acronym(text[article.end():]):
            text = text[article.end():]  # "the SASTIND", as a name cut from a sentence is written
        if not looks_like_acronym(text):
            text = self._before_company_form(text)  # "CETC Group": the acronym with its form
            if text is None:
                return None
        index, cal = self.index, self.calibration
        given = index.owners(fold_key(text))
        key = _acronym_key(text)
        ids = set(given) if given else set(self.acronyms.get().ids(key))
        body = None if given else self._body_known_as(key)
        if body is not None:
            ids.add(body[0])
        if allowed is not None:
            ids = {i for i in ids if i in allowed}
        if len(ids) == 1:
            (i,) = ids
            if given:
                return found(index, i, cal.abbreviation_given, "abbreviation", (f"acronym {text!r} (given)",))
            if body is not None:
                return found(index, i, cal.abbreviation_known, "abbreviation",
                             (f"acronym {text!r} (what {body[1].name!r} goes by)",))
            score, how = self._derived_score(key, i)
            why = (f"acronym {text!r} (derived from the name{how})",)
            if score < cal.threshold:
                # Evidence, not an answer; and no weaker stage may guess on an acronym either.
                return ambiguous(index, [i], score, "abbreviation", why)
            return found(index, i, score, "abbreviation", why)
        if len(ids) > 1:
            return ambiguous(index, ids, cal.abbreviation_derived, "abbreviation",
                             (f"acronym {text!r} fits {len(ids)} entities",))
        return None


    def _before_company_form(self, text: str) -> str | None:
        """The acronym of a name that is an acronym and a company form ("CETC Group", "CASC
        Co., Ltd."), else None. The form still speaks: the pipeline holds a group's form to a
        group (CCCC is the company, not the group)."""
        head, _, rest = text.partition(" ")
        if not rest or not looks_like_acronym(head):
            return None
        if not all(t.kind == Kind.LEGAL for t in self.index.lexicon.read(rest)):
            return None
        return head

    def spelt_by(self, text: str) -> tuple[int, ...]:
        """The entities whose names spell an acronym ``text`` long enough to prove something
        (a derived one of three letters or fewer is a candidate only: no entity is said to)."""
        key = _acronym_key(text)
        if sum(c.isalpha() for c in key) <= _SHORT:
            return ()
        return self.acronyms.get().ids(key)

    def _derived_score(self, key: str, entity: int) -> tuple[float, str]:
        """What a derived acronym proves: a short one, one that spells an English word, or one
        that a known body goes by (:func:`_known_acronyms`) fits entities the glossary does not
        hold as well as the one it does."""
        cal = self.calibration
        letters = sum(c.isalpha() for c in key)
        if letters <= _SHORT:
            return cal.abbreviation_derived_short, f"; {letters} letters: a candidate only"
        word = key.lower()
        if self.index.lexicon.knows(word) or word in load_english_words():
            return cal.abbreviation_derived_word, "; also an English word"
        other = self._known_as(key, entity)
        if other is not None:
            # "CASC" derived from "China Avionics Systems Company" is, to any reader of the
            # field, China Aerospace Science and Technology Corporation's
            return cal.abbreviation_derived_word, f"; also the acronym of {other.name!r}"
        return cal.abbreviation_derived, ""

    def _body_known_as(self, key: str) -> tuple[int, Entity] | None:
        """The glossary's one entity that is a known body going by the acronym ``key``
        (:func:`_known_acronyms`), with that body: its Chinese name or an English one as
        written is the entity's. A glossary that holds "Commercial Aircraft Corporation of China"
        is read as meaning it by "COMAC", as any reader of the field would. None when no entity,
        or more than one, is such a body, and for an acronym of three letters or fewer (the
        Canadian Space Agency, the Holon Institute of Technology go by CSA and HIT too)."""
        if sum(c.isalpha() for c in key) <= _SHORT:
            return None  # three letters name too many bodies: CSA, HIT, CEC are others' too
        index = self.index
        hits: dict[int, Entity] = {}
        for owner in _known_acronyms().get(key, ()):
            for name in (*owner.chinese_names(), *owner.english_names()):
                for i in index.owners(fold_key(name)):
                    hits.setdefault(i, owner)
        if len(hits) != 1:
            return None
        return next(iter(hits.items()))

    def _known_as(self, key: str, entity: int) -> Entity | None:
        """A known body that goes by the acronym ``key`` and that no name of the glossary's
        ``entity`` is, if any: neither its Chinese name or an English one as written, nor an
        English one but for the company form ("... Group Limited", "... Group Co., Ltd.")."""
        index = self.index
        own: set[tuple[str, ...]] | None = None
        for owner in _known_acronyms().get(key, ()):
            names = (*owner.chinese_names(), *owner.english_names())
            if any(entity in index.owners(fold_key(name)) for name in names):
                continue
            if own is None:
                own = {self._formless(name) for name in index.entities[entity].english_names()}
            if own.isdisjoint(self._formless(name) for name in owner.english_names()):
                return owner
        return None

    def _formless(self, name: str) -> tuple[str, ...]:
        return tuple(t.key for t in self.index.lexicon.read(name) if t.kind != Kind.LEGAL)


@cache
def _known_acronyms() -> dict[str, tuple[Entity, ...]]:
    """Acronym key -> the known bodies that go by it: those of the shipped glossaries given it,
    those of ``known_acronyms.yaml``, and the organisations of ``affiliations.yaml`` written with
    an acronym (PLAAF is the PLA Air Force's, whatever name of a glossary spells it)."""
    out: dict[str, list[Entity]] = {}
    for entity in Glossary.default():
        for abbreviation in entity.abbreviations:
            if not has_han(abbreviation):
                out.setdefault(_acronym_key(abbreviation), []).append(entity)
    known = [(acronym, english, chinese) for acronym, english, chinese in load_known_acronyms()]
    for forms in load_affiliations():
        english = tuple(f for f in forms if not has_han(f) and not is_upper_word(f))
        chinese = tuple(f for f in forms if has_han(f))
        known += [(f, english, chinese) for f in forms if is_upper_word(f) and english]
    for acronym, english, chinese in known:
        body = Entity(f"known-acronym:{acronym}", english[0], zh=chinese[0] if chinese else "",
                      aliases=english[1:], zh_aliases=chinese[1:], abbreviations=(acronym,))
        out.setdefault(_acronym_key(acronym), []).append(body)
    return {key: tuple(owners) for key, owners in out.items()}


def _acronym_key(text: str) -> str:
    return text.upper().replace("-", "").replace("&", "").rstrip(".")


def _is_parent(lexicon: TermLexicon, affiliations: Affiliations, text: str, parent: Entity | None) -> bool:
    """Whether ``text`` (a comma-separated part of a name) names a parent organisation: one of
    the entity's glossary parent's forms, or an organisation of ``affiliations.yaml`` whole."""
    key = fold_key(text)
    if parent is not None and key in {fold_key(form) for _, form in parent.forms()}:
        return True
    tokens = [t for t in lexicon.read(text) if t.kind != Kind.LEGAL]
    spans = affiliations.spans(tokens) if tokens else []
    return len(spans) == 1 and spans[0][:2] == (0, len(tokens))


def derive_acronyms(lexicon: TermLexicon, text: str, *, limit: int = _LIMIT) -> set[str]:
    """Acronyms a name is commonly shortened to (3 letters or more).

    Each content word gives its initial; a romanised place or name may give the initial
    of each syllable (``Dalian`` -> ``DL``, ``Xi'an`` -> ``XA``); compass compounds give
    two (``NW``); a trailing company form may give its initial (``...Technology Ltd`` ->
    ``...TL``). Asides in brackets are left out, and each comma-separated part of a name
    ("Aerospace Information Research Institute, Chinese Academy of Sciences") gives its
    own acronyms too.
    """
    core = ASIDE_RE.sub(" ", text)
    parts = [core] + ([p for p in core.split(",") if len(p.split()) >= 2] if "," in core else [])
    out: set[str] = set()
    for part in parts:
        out |= _acronyms_of(lexicon, part, limit)
    return out


#: What one word of a name gives an acronym: nothing (``None``: a skipped word), the initial of
#: a company form (a ``str``), or each lexicon word's options, in capitals.
_WordOptions = str | tuple[tuple[str, ...], ...] | None


def _acronyms_of(lexicon: TermLexicon, text: str, limit: int,
                 memo: dict[str, _WordOptions] | None = None) -> set[str]:
    raw = _ACRONYM_WORD.findall(fold(text).replace("&", " and ").replace("-", " "))
    if memo is None:
        memo = {}
    written = _acronyms_written_in(text)
    options: list[tuple[str, ...]] = []
    legal_tail: list[str] = []
    last = len(raw) - 1
    for at, word in enumerate(raw):
        if word in written:
            # An acronym closing a name is the body it belongs to, kept whole in the name's own
            # acronym (IECAS for "Institute of Electronics, CAS"), never its initial alone; one
            # leading it may give its initial too (COMEC for "CSSC Offshore & Marine ...").
            if legal_tail:
                legal_tail = []
            options.append((word.upper(),) if at == last else (word[0].upper(), word.upper()))
            continue
        got = memo.get(word, _UNSEEN)
        if got is _UNSEEN:
            got = memo[word] = _word_options(lexicon, word)
        if got is None:
            continue
        if type(got) is str:
            legal_tail.append(got)
            continue
        if legal_tail:  # a company form in the middle is not a tail
            legal_tail = []
        options.extend(got)
    if not options or len(options) > 10:
        return set()
    tails = ["", *sorted({legal_tail[0], legal_tail[-1]})] if legal_tail else [""]
    combinations = 1
    for opts in options:
        combinations *= len(opts)
    if combinations * len(tails) <= limit:
        # The loop below would take every combination (no stop at the limit): they are joined
        # in C. Each option is a letter or more, so three options or more make 3 letters.
        stems = list(map("".join, product(*options)))
        out = set(stems) if len(options) >= 3 else {s for s in stems if len(s) >= 3}
        for tail in tails[1:]:
            out.update(acro for acro in (s + tail for s in stems) if len(acro) >= 3)
        return out
    out = set()
    for combo in product(*options):
        stem_ = "".join(combo)
        for tail in tails:
            acro = stem_ + tail
            if len(acro) >= 3:
                out.add(acro)
        if len(out) >= limit:
            break
    return out


_UNSEEN: object = object()


def _acronyms_written_in(text: str) -> frozenset[str]:
    """The words of a mixed-case name written as acronyms (``CAS`` in "X Center, CAS"), folded;
    none in a name written all in capitals, where every word is."""
    if not any(c.islower() for c in text):
        return frozenset()
    return frozenset(w.lower() for w in _ACRONYM_WORD.findall(text.replace("-", " "))
                     if len(w) >= 2 and w.isupper() and w.isalpha())


def _word_options(lexicon: TermLexicon, word: str) -> _WordOptions:
    """What ``word`` gives an acronym (see :data:`_WordOptions`); capitals, as acronyms are written."""
    wc = load_word_classes()
    compass = wc.compass_words
    if word.endswith("'s"):
        word = word[:-2]
    pieces = [p for p in word.split("'") if p]
    joined = "".join(pieces)
    if not joined or (joined in wc.acronym_skip and (joined,) not in wc.legal_phrases):
        return None
    if (joined,) in wc.legal_phrases or wc.abbreviations.get(joined) in {"company", "corporation"}:
        return joined[0].upper()
    options: list[tuple[str, ...]] = []
    for w in lexicon.words(joined):
        opts = {w[0]}
        if w.isalpha():
            head = next((c for c in compass if w.startswith(c) and len(w) > len(c) + 2), None)
            if head and any(w[len(head) :].startswith(c) for c in compass):
                opts.add(head[0] + w[len(head)])
            if len(pieces) > 1 and all(split_syllables(p) for p in pieces):
                opts.add("".join(p[0] for p in pieces))
            else:
                syl = _syllables_of(lexicon, w)
                if syl and len(syl) >= 2 and _romanised(lexicon, w):
                    opts.add("".join(s[0] for s in syl))
        options.append(tuple(o.upper() for o in sorted(opts)))
    return tuple(options)


def _syllables_of(lexicon: TermLexicon, word: str) -> tuple[str, ...] | None:
    """The syllables of a romanised word: those of the Chinese the lexicon reads it as (湖南 is
    hu-nan), else its one split; ``None`` where a syllable after the first begins with a vowel
    and no apostrophe says so ("hunan" may be hun-an: its initials would be a guess)."""
    for tok in lexicon.tokens(word)[:1]:
        for key in sorted(tok.keys):
            if has_han(key) and "".join(syl := to_pinyin(key)) == word:
                return syl
    syl = split_syllables(word)
    if syl and any(s[0] in "aeo" for s in syl[1:]):
        return None
    return syl


def _romanised(lexicon: TermLexicon, word: str) -> bool:
    toks = lexicon.tokens(word)
    return len(toks) == 1 and (toks[0].kind == Kind.PLACE or toks[0].key == word)
