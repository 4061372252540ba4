"""What a name's brackets, lists and ending say of the answer a stage found for it: an aside that
names another entity ("China Academy of Space Technology (CALT)"), a name outside the brackets that
names another ("CASIC (Kuaizhou)"), an acronym in brackets that is a sister body's or an employer's
("Zhang San (CCTV)"), a place code or a numeral in brackets ("X (HK)", "X (II)"), names listed
together ("X and CASC", "X; Y"), a name cut after a joining word ("Nanjing University of"). The
pipeline's acceptance policy (:meth:`~aeronorm.pipeline.run.Pipeline.resolve`) asks these of every
answer; each says why it is no answer, or ``""``."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..glossary.entity import Entity
from ..index import Index
from ..lexicon.word_classes import load_word_classes
from ..resources import load_place_codes
from ..text.asides import acronym_asides, aside_items
from ..text.pinyin import split_syllables
from .abbreviation import derive_acronyms
from .base import Outcome, Stage
from .query import Query

__all__ = ["AsideCheck", "cut_after", "initials_spell", "listed_lines", "listed_with_marks"]

_NAME_WORD = re.compile(r"[A-Za-z]+")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_SEGMENT = re.compile(r"\s[\u2013\u2014-]\s|[,;)）】]")  # where the words an acronym shortens begin
# marks that list names ("A; B", "A、B", "A | B", "A // B"), and words that may join them or be
# part of one name ("A and B", "A & B", "A with B", "A与B"; "Science and Technology"; 和 is a
# brand's character too: 和德)
# (a full-width comma or space lists names between Latin ones; a Chinese comma is a comma)
_LIST_MARK = re.compile(r"\s*(?:[;；、|｜\\]+|//+|(?<=[^\W\d_])·(?=[^\W\d_])|\s[·~]\s)\s*"
                        r"|(?<=[A-Za-z.)])\s*[，\u3000]\s*(?=[A-Z])")
_LIST_WORD = re.compile(r"\s+(?:and|&|with|or|\+)\s+|(?<=[A-Za-z.)])[&+](?=[A-Z])"
                        r"|(?<=[\u4e00-\u9fff])[与及](?=[\u4e00-\u9fff])", re.IGNORECASE)
_BRACKET_CODE = re.compile(r"[(（]\s*((?:[A-Za-z]\.?){2,5})\s*[)）]")  # "(HK)", "(U.S.)", "（WH）"
_ROMAN = re.compile(r"I{2,3}|IV|VI{0,3}|IX|XI{0,3}")  # (not "I", a pronoun, nor "X", a brand's letter)
# A Chinese comma or ideographic space is a list mark only before a capital (_LIST_MARK): where a
# batch has one, only those so followed are looked at (a full-width name is full of both).
_MARKS_BEFORE_CAPITALS = ("，", "\u3000")
_MARK_BEFORE_CAPITAL = re.compile(r"[，\u3000]\s*[A-Z]")
_LIST_MARK_CHARS = (";", "；", "、", "|", "｜", "\\", "//", "·", "~", "，", "\u3000")  # what _LIST_MARK needs
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")  # a list part of one acronym names a body
_AS_WRITTEN = frozenset({"exact", "abbreviation"})  # methods that read a name as it is written
_BRACKETED = re.compile(r"[(（\[][^()（）\[\]]*[)）\]]")


class AsideCheck:
    """The asides of a name against the answer found for it.

    Parameters
    ----------
    index : Index
    exact : Stage
        The exact stage: what an aside, or the name outside the brackets, names as written.
    ancestors : callable
        ``ancestors(entity)``: the ids of an entity's glossary ancestors (its parent's acronym
        in brackets says whose unit it is).
    """

    def __init__(self, index: Index, exact: Stage, ancestors: Callable[[Entity], set[str]],
                 resolve: Callable[[str], Outcome | None] | None = None,
                 resolve_written: Callable[[str], Outcome | None] | None = None):
        self.index = index
        self.exact = exact
        self.ancestors = ancestors
        self.resolve = resolve or self._exactly
        # ``resolve`` run only through the stages that read a name as written (``None`` when they
        # leave it to later ones): all that is asked of a part whose other part names nothing
        self.resolve_written = resolve_written

    def aside_names_another(self, query: Query, entity: Entity) -> str:
        """An aside the query gives in brackets that names other entities, exactly, and not
        ``entity``: an acronym, or an organisation or a person by name (a place in brackets is a
        qualifier, which the stages weigh; a programme a note); or an acronym in
        brackets that no glossary name writes and no name of the query or the entity yields
        ("Zhang San (CCTV)": his employer, or a namesake's); ``""`` when there is none. (A stock
        code in brackets is left to say nothing: most are the company's own, which the glossary
        seldom gives.)"""
        exact = self.exact
        acronyms = set(acronym_asides(query.text))
        qualified = _qualifier(query.raw)
        if qualified and not any(qualified.replace(".", "").casefold() in _NAME_WORD.findall(name.casefold())
                                 for name in entity.english_names()):
            return qualified  # "X (HK)", "X (II)": a branch, a subsidiary, a second one (unless named so)
        items = [item for a in query.asides if a not in acronyms for item in aside_items(a)]
        for aside in (*acronyms, *(item for item in items if item not in acronyms)):
            # (each name an aside gives, "a.k.a." notes too: "X (a.k.a. Y)" says X is Y)
            said = exact.match(Query(aside), None)
            if said is None:
                if aside in acronyms and aside.isalpha() and not self._yields(query, entity, aside):
                    return aside
                continue
            if said.entity is not None and said.entity.type not in ("org", "person") and \
                    aside not in acronyms:
                continue  # a place is a qualifier, a programme a note ("Yang Liwei (Shenzhou-5)")
            named = {said.entity.id} if said.entity is not None else {e.id for e, _ in said.candidates}
            if named and entity.id not in named and named.isdisjoint(self.ancestors(entity)):
                return aside  # (its parent's acronym says whose unit it is: "Second Academy (CASIC)")
        return ""

    def _yields(self, query: Query, entity: Entity, acronym: str) -> bool:
        """Whether an acronym in brackets may be ``entity``'s own: the words before it, the
        query's name or a name of the entity shortens to it
        (:func:`~aeronorm.pipeline.abbreviation.derive_acronyms`) or its initials spell it; or
        it is a note: of three letters or fewer (a country's "CN", a fund's "LOF"). One of four
        letters or more that no name of the entity yields is another body's: a sister's a letter
        or two off ("BJUT" for BIT, "CASS" for CAS), a unit's ("CAS (IMECH)") or a parent's the
        glossary does not give; beside a person's name, any acronym is an employer's or a
        namesake's."""
        lex = self.index.lexicon
        wanted = acronym.upper()
        before = query.text[: query.text.find(acronym)]
        segment = _SEGMENT.split(before.rstrip(" ([（【"))[-1]
        names = (segment, query.bare or query.text, *(text for label, text in entity.forms()
                                                      if label not in ("zh", "zh_alias")))
        derived: set[str] = set()
        for name in names:
            derived |= derive_acronyms(lex, name)
        if wanted in derived or any(initials_spell(name, wanted) for name in names[1:]):
            return True
        if entity.type == "person":
            return False
        # three letters or fewer say little: a country's code ("CN"), or a short form of a
        # romanised name ("QLU" for Qinglan Daxue) a letter off a derived one
        return len(wanted) < 4

    def lists_another(self, query: Query, entity: Entity) -> str:
        """A name the query lists beside another ("China Academy of Space Technology and CASC",
        "Geespace; Geely", "A与B") when two or more of its parts each name an entity and one of
        them is not ``entity``: a cell of co-assignees, joint affiliations or the parties to an
        agreement names two bodies, whichever of them is the other's parent (a comma, "of" or
        brackets state a parent instead); ``""`` otherwise. A part is what the list marks
        (";", "、", "|", "//") leave, read as written; one part that names another organisation
        as written beside one that names nothing alone ("中国科学院、紫金山天文台") lists two
        as well. A part that names nothing may be two names joined by a word ("and",
        "with", 与) or one name with it inside ("Science and Technology"): it counts as two only
        where both sides name an entity, or one side names another organisation as written (its
        name or acronym exactly) and the other is what names the answer only with it
        ("Department of International Cooperation and CNSA"). (A part that names a term, a
        common word, names no body; an acronym alone names one, if only one the glossary does
        not give.)"""
        text = _BRACKETED.sub(" ", query.raw)  # (as written: folding makes "、" a comma)
        if not (_LIST_MARK.search(text) or _LIST_WORD.search(text)):
            return ""
        shouted = text.isupper()  # (in a column in upper case every word looks like an acronym)
        named: list[tuple[str, str]] = []
        parts = _LIST_MARK.split(text)
        unnamed = 0  # parts a list mark leaves that name nothing alone
        written_other = ""  # a part that names another organisation as written
        for part in parts:
            part = part.strip(" ,.")
            said, as_written = self._body(part, shouted) if len(parts) > 1 else ("", False)
            if said:
                named.append((part, said))
                if as_written and said != entity.id and self._organisation(said):
                    written_other = part
                continue
            unnamed += bool(part)
            for joint in _LIST_WORD.finditer(part):
                left, right = part[: joint.start()].strip(" ,."), part[joint.end() :].strip(" ,.")
                a, a_exact = self._body(left, shouted)
                # (with nothing named on the left, the right counts only if named as written)
                b, b_exact = self._body(right, shouted) if a else self._written_body(right, shouted)
                if a and b:
                    named += [(left, a), (right, b)]
                    break
                other = a if a_exact else b if b_exact else ""
                if left and right and other and other != entity.id and self._organisation(other):
                    # "Department of International Cooperation and CNSA": another organisation
                    # (here the answer's parent) beside what names the answer only with it
                    return left if other == a else right
        if len(named) == 1 and unnamed and named[0][0] == written_other:
            return named[0][0]  # "中国科学院、紫金山天文台": another organisation beside what needs it
        if len(named) < 2:
            return ""
        return next((part for part, said in named if said != entity.id), "")

    def _body(self, text: str, shouted: bool) -> tuple[str, bool]:
        """The id of the entity ``text`` names (not a term), and whether it names it as written
        (exactly, or as an acronym); an acronym that names none still names a body, one the
        glossary does not give (``"?"`` and the acronym; not in a name written all in capitals,
        ``shouted``); else ``""``."""
        if not text:
            return "", False
        said = self.resolve(text)
        if said is not None and said.entity is not None:
            return (said.entity.id, said.method in _AS_WRITTEN) if said.entity.type != "term" else ("", False)
        return ("?" + text, True) if not shouted and _ACRONYM.fullmatch(text) else ("", False)

    def _written_body(self, text: str, shouted: bool) -> tuple[str, bool]:
        """:meth:`_body` where only a name read as written counts: ``(id, True)`` where
        :meth:`_body` says so, else ``("", False)``. Only the stages that read a name as written
        are run (the later ones answer by other methods): a fuzzy search of a half of "Science
        and Technology" costs a millisecond. (An acronym that names nothing still names a body,
        which takes every stage to tell.)"""
        if self.resolve_written is None or (not shouted and _ACRONYM.fullmatch(text)):
            said, exact = self._body(text, shouted)
            return (said, True) if exact else ("", False)
        if not text:
            return "", False
        said = self.resolve_written(text)
        if said is not None and said.entity is not None and said.entity.type != "term" \
                and said.method in _AS_WRITTEN:
            return said.entity.id, True
        return "", False

    def _organisation(self, said: str) -> bool:
        """Whether what :meth:`_body` said is an organisation (one the glossary does not give too)."""
        at = self.index.positions.get(said)
        return said.startswith("?") or (at is not None and self.index.entities[at].type == "org")

    def _exactly(self, text: str) -> Outcome | None:
        return self.exact.match(Query(text), None)

    def main_names_another(self, query: Query, entity: Entity) -> str:
        """The name outside the brackets when it names other entities, exactly, and an aside
        names ``entity`` ("CASIC (Kuaizhou)": the group and its rocket); ``""`` otherwise. (A
        place or a number in brackets names no entity so: "X University (Shenzhen)".)"""
        if not query.asides or not query.bare:
            return ""
        exact = self.exact
        if not any((said := exact.match(Query(aside), None)) is not None and said.entity is not None
                   and said.entity.id == entity.id for aside in query.asides):
            return ""
        said = exact.match(Query(query.bare), None)
        if said is None:
            return ""
        named = {said.entity.id} if said.entity is not None else {e.id for e, _ in said.candidates}
        return query.bare if named and entity.id not in named else ""


def _qualifier(text: str) -> str:
    """A bracketed code of a place other than the country ("HK", "U.S.", "WH": ``place_codes`` of
    ``places.yaml``) or a Roman numeral ("II") in ``text``, or ``""``."""
    for m in _BRACKET_CODE.finditer(text):
        code = m.group(1).replace(".", "").upper()
        if code in load_place_codes()[1] or _ROMAN.fullmatch(code):
            return m.group(1)
    return ""


def listed_with_marks(text: str) -> bool:
    """Whether ``text`` lists parts with a list mark (";", "、", "|", " · ", ...) outside brackets:
    an exact name folded so ("X; CAS" is read as "X, CAS") may still list two bodies."""
    return bool(_LIST_MARK.search(_BRACKETED.sub(" ", text)))


def listed_lines(names: Sequence[str], joined: str) -> list[int]:
    """The positions of the ``names`` that list parts with a list mark (:func:`listed_with_marks`),
    given the names ``joined`` by newlines (none holds one).

    Only the names a mark may be found in are asked: the marks are found in the whole batch with
    substring searches (a comma or space of a Chinese text counted only where a capital follows
    it, as the mark wants), and each occurrence's name is known by counting the newlines before
    it. An occurrence that runs over into the next name makes both asked."""
    spans: list[tuple[int, int]] = []
    for mark in _LIST_MARK_CHARS:
        k = _find(joined, mark)
        if k < 0:
            continue
        before_capital = mark in _MARKS_BEFORE_CAPITALS
        while k >= 0:
            if not before_capital:
                spans.append((k, k + len(mark)))
            elif m := _MARK_BEFORE_CAPITAL.match(joined, k):
                spans.append(m.span())
            k = _find(joined, mark, k + 1)
    if not spans:
        return []
    if joined.count("\n") != len(names) - 1:  # a newline inside a name: each name asked
        return [k for k, name in enumerate(names) if listed_with_marks(name)]
    lines: set[int] = set()
    line = at = 0
    for start, end in sorted(spans):
        line += joined.count("\n", at, start)
        at = start
        lines.update(range(line, line + joined.count("\n", start, end) + 1))
    return [line for line in sorted(lines) if listed_with_marks(names[line])]


def _find(text: str, mark: str, start: int = 0) -> int:
    """``text.find(mark, start)``, faster for a mark of two characters in a long text: a search
    for one character is a memchr, one for two a loop over every character. The first
    character's few occurrences are tried first."""
    if len(mark) == 1:
        return text.find(mark, start)
    k = text.find(mark[0], start)
    for _ in range(32):
        if k < 0 or text.startswith(mark, k):
            return k
        k = text.find(mark[0], k + 1)
    return text.find(mark, k)


def cut_after(query: Query) -> str:
    """The word a Latin name ends in when no name ends so ("of": ``cut_endings``), else ``""``."""
    if query.lane != "latin":
        return ""
    words = query.text.rstrip(" ,;:-").rsplit(None, 1)
    last = words[-1].casefold() if words else ""
    return last if last in load_word_classes().cut_endings else ""


def initials_spell(name: str, acronym: str) -> bool:
    """Whether ``acronym`` is the initials of words of ``name`` in order, small words and
    syllables of a romanised or joined word counted ("MOST": Ministry of Science and
    Technology; "BDS": BeiDou ... System). Words may be left out: this only says the acronym
    may be the name's."""
    options = []
    for word in _NAME_WORD.findall(name):
        syllables = _CAMEL.findall(word) if any(c.isupper() for c in word[1:]) else \
            (split_syllables(word.casefold()) or (word,))
        options.append("".join(s[0] for s in syllables).upper())
    reachable = {0}
    for initials in options:
        step = set(reachable)
        for k in reachable:
            for n in range(1, len(initials) + 1):
                if acronym.startswith(initials[:n], k):
                    step.add(k + n)
        reachable = step
    return len(acronym) in reachable
