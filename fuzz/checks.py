"""What the fuzz targets assert: the invariants of glossary loading and of ``find``.

Kept apart from the atheris entry points so that the tests can replay any input through the
same checks without atheris (``tests/reliability/test_fuzz_smoke.py``). A violated invariant
raises :class:`Finding` (an ``AssertionError``); under atheris any exception other than the
documented :class:`~aeronorm.errors.GlossaryError` is a crash and its input is saved.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from aeronorm.pipeline.retranslation import MAX_QUERY_CHARS

if TYPE_CHECKING:
    from aeronorm import Glossary, Normalizer

__all__ = ["FORMATS", "Blob", "Finding", "check_find", "check_glossary", "glossary_input", "text_input"]

#: File format of a glossary input, chosen by its first byte (y, j, c, t; otherwise by value).
FORMATS = {ord("y"): ".yaml", ord("j"): ".json", ord("c"): ".csv", ord("t"): ".tsv"}
_BY_VALUE = (".yaml", ".json", ".csv", ".tsv")
#: Options of a ``find`` input, chosen by its length (so that the target stays deterministic).
_TYPES = (None, None, None, "org", "person", "place", "title")
_STYLES = ("canonical", "abbreviation", "annotate")
# Building a Normalizer costs ~20 ms: only for glossaries small enough to keep the fuzzer fast.
_MAX_ENTITIES_TO_MATCH = 30


class Finding(AssertionError):
    """An invariant of aeronorm that an input broke."""


class Blob:
    """A file in memory, as :func:`aeronorm.glossary.read_file` reads a resource (``name`` and
    ``read_bytes``): no disk in the fuzzing loop."""

    def __init__(self, name: str, data: bytes):
        self.name = name
        self._data = data

    def read_bytes(self) -> bytes:
        return self._data

    def __str__(self) -> str:
        return self.name


def glossary_input(data: bytes) -> Blob:
    """The glossary file an input stands for: format from the first byte, content the rest."""
    if not data:
        return Blob("fuzz.yaml", b"")
    suffix = FORMATS.get(data[0], _BY_VALUE[data[0] % 4])
    return Blob(f"fuzz{suffix}", data[1:])


def text_input(data: bytes) -> tuple[str, str | None, str]:
    """(text, type filter, style) of a ``find`` input. Bytes that are not UTF-8 become lone
    surrogates, so the text holds every kind of code point."""
    text = data.decode("utf-8", "surrogateescape")
    return text, _TYPES[len(data) % len(_TYPES)], _STYLES[len(data) % len(_STYLES)]


# ---------------------------------------------------------------------------------- glossary
def check_glossary(blob: Blob, normalizer_factory: Any = None) -> Glossary | None:
    """Load a glossary input and check what aeronorm promises about it.

    * Reading raises :class:`GlossaryError` or nothing; the error names the file.
    * The lenient reader (the linter's) agrees with the strict one on valid files, and on
      invalid ones raises only for the whole file.
    * A loaded glossary lints, survives ``to_records``/``from_records`` and pickling, and a
      normalizer built on it maps each canonical name to its own entity unless lint reports
      the name as shared by another entity.
    """
    import pickle

    from aeronorm import Glossary, Normalizer
    from aeronorm.errors import GlossaryError
    from aeronorm.glossary import read_file

    try:
        entities, terms = read_file(blob)
    except GlossaryError as exc:
        if exc.source != str(blob) or str(blob) not in str(exc):
            raise Finding(f"error does not name the file: {exc!r}") from exc
        if len(str(exc)) > 10_000:
            raise Finding(f"error message of {len(str(exc))} characters") from exc
        errors: list[GlossaryError] = []
        try:
            lenient = read_file(blob, errors=errors)
        except GlossaryError:
            return None  # a whole-file error: both readers refuse the file
        if not errors:
            raise Finding(f"strict reader failed ({exc}) but the lenient one found nothing wrong: "
                          f"{lenient}") from exc
        return None
    errors = []
    if read_file(blob, errors=errors) != (entities, terms) or errors:
        raise Finding(f"lenient reader disagrees on a valid file: {errors}")
    glossary = Glossary(entities, terms)
    issues = glossary.lint()
    again = Glossary.from_records(glossary.to_records(), terms=glossary.terms)
    if [e.id for e in again] != [e.id for e in glossary] or again.to_records() != glossary.to_records():
        raise Finding("to_records/from_records changed the glossary")
    if pickle.loads(pickle.dumps(glossary)).to_records() != glossary.to_records():
        raise Finding("pickling changed the glossary")
    if not 0 < len(glossary) <= _MAX_ENTITIES_TO_MATCH:
        return glossary
    normalizer = (normalizer_factory or Normalizer)(glossary)
    _check_own_names(normalizer, glossary, issues)
    return glossary


def _check_own_names(normalizer: Normalizer, glossary: Glossary, issues: list) -> None:
    from aeronorm.text.fold import fold_key

    shared_ids = {i for issue in issues if issue.code in ("shared-alias", "alias-is-other-name")
                  for i in issue.entity_ids}
    claims = glossary.claims()
    for e in glossary.entities:
        key = fold_key(e.name)
        if not key or len(e.name) > MAX_QUERY_CHARS or len(claims.get(key, ())) > 1:
            if len(claims.get(key, ())) > 1 and e.id not in shared_ids:
                raise Finding(f"{e.name!r} is claimed by {claims[key]} but lint does not say so")
            continue
        m = normalizer.match(e.name)
        if m is None or m.entity_id != e.id:
            raise Finding(f"canonical name {e.name!r} of {e.id!r} resolves to {m and m.entity_id!r}")
        check_find(normalizer, f"Officials of {e.name} met on Monday.", None, "canonical")


# ---------------------------------------------------------------------------------- find
def check_find(normalizer: Normalizer, text: str, type_: str | None, style: str) -> None:
    """``find`` spans are in bounds, ordered, disjoint and exact; ``normalize_text`` changes the
    mentions only; ``match``/``normalize_many`` agree with each other; nothing raises."""
    mentions = normalizer.find(text, type=type_)
    if mentions.source != text:
        raise Finding("Mentions.source is not the text searched")
    end = 0
    for m in mentions:
        if not (0 <= end <= m.start < m.end <= len(text)):
            raise Finding(f"span {m.start}:{m.end} out of order or out of bounds "
                          f"(previous end {end}, length {len(text)})")
        if text[m.start : m.end] != m.text:
            raise Finding(f"mention text {m.text!r} is not text[{m.start}:{m.end}]")
        if m.match.entity_id not in normalizer.glossary or not normalizer.threshold <= m.match.score <= 1.0:
            raise Finding(f"mention {m.text!r} has a bad match {m.match!r}")
        if type_ is not None and m.match.type != type_:
            raise Finding(f"type filter {type_!r} let {m.match.type!r} through")
        if sum(map(m.text.count, "([（")) > sum(map(m.text.count, ")]）")):
            raise Finding(f"mention {m.text!r} leaves a bracket open")
        end = m.end
    out = normalizer.normalize_text(text, style=style, type=type_)
    pieces, pos = [], 0
    for r in out.replacements:
        pieces += [text[pos : r.mention.start], r.new]
        pos = r.mention.end
    if "".join(pieces) + text[pos:] != out:
        raise Finding("normalize_text changed text outside the mentions")
    if [r.mention for r in out.replacements] != list(mentions):
        raise Finding("normalize_text and find disagree on the mentions")
    name = text[:200]
    m = normalizer.match(name, type=type_)
    if m is not None and not (m.entity_id in normalizer.glossary and 0.0 <= m.score <= 1.0):
        raise Finding(f"bad match {m!r}")
    values = [name, None, float("nan"), name, text[:40], " "]
    got = normalizer.normalize_many(values, type=type_)
    want = [v if v is None or (isinstance(v, float) and math.isnan(v)) or not v.strip()
            else normalizer.normalize(v, type=type_) for v in values]
    if got[0] != want[0] or got[3] != want[3] or got[4] != want[4] or got[1] is not None:
        raise Finding(f"normalize_many {got!r} != loop {want!r}")
