"""Bounds on a glossary's names and words (issue 15 item 6, ``m2_glossary_quadratic.py``).

One long name used to cost quadratic time and memory: a 40,000-character word 1.6 GB at the
first fuzzy match, a name of 12,000 words 3 s and 700 MB, a 20,000-character hyphenated pinyin
word 1 GB in ``Normalizer()``, ``'x' * 1_000_000`` a hang. Each is now an error naming the file
(or ``<records>[i]``), the entry and the field, wherever entities enter; what is within the
bounds builds and matches as before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.errors import GlossaryError
from aeronorm.glossary import Entity, Term, lint_files
from aeronorm.glossary.limits import (
    MAX_NAME_CHARS,
    MAX_WORD_CHARS,
    entity_problem,
    form_problem,
    term_problem,
)
from aeronorm.pipeline.retranslation import MAX_QUERY_CHARS

# The reproducer's names, and the one that hung match().
REPRO_NAMES = {
    "long word": "an" * 5_000,
    "many words": " ".join(f"Word{i}" for i in range(6_000)),
    "hyphenated pinyin": "an" * 5_000 + "-bei Corp",
    "megabyte": "x" * 1_000_000,
}


def _words_of(size: int) -> str:
    """A name of ``size`` characters made of ordinary words."""
    words = ["Northern", "Star", "Rocket", "Engine", "Works", "Propulsion", "Institute", "Centre"]
    out, k = [], 0
    while len(" ".join(out)) < size:
        out.append(f"{words[k % len(words)]}{k}")
        k += 1
    return " ".join(out)[:size].rstrip()


@pytest.mark.parametrize("name", list(REPRO_NAMES.values()), ids=list(REPRO_NAMES))
def test_repro_names_are_refused_from_records(name: str) -> None:
    with pytest.raises(GlossaryError) as info:
        Glossary.from_records([{"id": "ok", "name": "Alpha Corp"}, {"id": "long", "name": name}])
    err = info.value
    assert (err.source, err.entry) == ("<records>[1]", "long")
    assert "field 'name'" in str(err) and "at most" in str(err)
    assert len(str(err)) < 300  # the name is quoted cut short


@pytest.mark.parametrize("field", ["aliases", "abbreviations", "zh_aliases", "context_aliases"])
def test_every_list_of_forms_is_bounded(field: str) -> None:
    with pytest.raises(GlossaryError, match=f"field '{field}'"):
        Glossary.from_records([{"id": "a", "name": "Alpha Corp", field: ["A", "y" * (MAX_NAME_CHARS + 1)]}])


def test_chinese_name_is_one_word() -> None:
    Glossary.from_records([{"id": "a", "name": "A", "zh": "航" * MAX_WORD_CHARS}])
    with pytest.raises(GlossaryError, match=r"field 'zh'.*a word of 101 characters"):
        Glossary.from_records([{"id": "a", "name": "A", "zh": "航" * (MAX_WORD_CHARS + 1)}])


def test_entities_built_in_code_are_checked_too() -> None:
    with pytest.raises(GlossaryError) as info:
        Glossary([Entity("a", "Alpha Corp", aliases=("x" * 200,), origin="mine.py:3")])
    assert (info.value.source, info.value.entry) == ("mine.py:3", "a")
    assert "field 'aliases'" in str(info.value) and "a word of 200 characters" in str(info.value)
    g = Glossary([Entity("a", "Alpha Corp")])
    with pytest.raises(GlossaryError):  # combining rebuilds, and checks
        g + Glossary([Entity("b", "B " * 600)])


def test_terms_are_bounded() -> None:
    with pytest.raises(GlossaryError, match="field 'zh'"):
        Glossary.from_records([], terms=[{"zh": "航" * (MAX_WORD_CHARS + 1), "en": "space"}])
    with pytest.raises(GlossaryError, match="field 'en'"):
        Glossary.from_records([], terms=[{"zh": "航天", "en": ["space", "s" * (MAX_WORD_CHARS + 1)]}])
    with pytest.raises(GlossaryError, match="field 'zh'"):
        Glossary((), [Term("航" * (MAX_WORD_CHARS + 1), ("space",))])


def test_folding_cannot_stretch_a_name_past_the_bound() -> None:
    # U+FDFA is one character written, 18 once NFKC-folded (as the matcher reads it).
    assert form_problem("\ufdfa" * 60) is not None and "once folded" in form_problem("\ufdfa" * 60)
    assert form_problem("\ufb03" * 40) is not None  # the ligature ffi: a word of 120 letters
    assert form_problem("\ufb03" * 30) is None


def _write(path: Path, kind: str, name: str) -> None:
    if kind == "yaml":
        text = f"entities:\n  - id: ok\n    name: Alpha Corp\n  - id: long\n    name: {name}\n"
        path.write_text(text, "utf-8")
    elif kind == "json":
        path.write_text(json.dumps({"entities": [{"id": "ok", "name": "Alpha Corp"},
                                                 {"id": "long", "name": name}]}, indent=1), "utf-8")
    else:
        sep = "," if kind == "csv" else "\t"
        path.write_text(f"id{sep}name\nok{sep}Alpha Corp\nlong{sep}{name}\n", "utf-8")


@pytest.mark.parametrize("kind, line", [("yaml", 5), ("json", 7), ("csv", 3), ("tsv", 3)])
@pytest.mark.parametrize("case", ["long word", "many words", "hyphenated pinyin"])
def test_files_name_file_line_entry_and_field(tmp_path: Path, kind: str, line: int, case: str) -> None:
    path = tmp_path / f"orgs.{kind}"
    _write(path, kind, REPRO_NAMES[case])
    with pytest.raises(GlossaryError) as info:
        Glossary.load(path)
    err = info.value
    assert (err.source, err.line, err.entry) == (str(path), line, "long")
    assert str(err).startswith(f"{path}:{line}, entry 'long': field 'name': the name has ")


def test_lint_reports_the_entry_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "orgs.yaml"
    _write(path, "yaml", "x" * 5_000)
    issues = lint_files(path)
    assert [(i.code, i.entity_ids) for i in issues if i.severity == "error"] == [("malformed", ("long",))]
    assert "characters" in issues[0].message


def test_the_bound_is_what_match_reads() -> None:
    assert MAX_NAME_CHARS == MAX_QUERY_CHARS


@pytest.mark.parametrize("name", [
    _words_of(MAX_NAME_CHARS),
    "Alpha " + "z" * MAX_WORD_CHARS + " Corp",
    "-".join(["an"] * 33) + " Corp",  # a 98-character hyphenated chain
], ids=["1000 characters", "100-letter word", "hyphenated chain"])
def test_names_at_the_bounds_build_and_match_themselves(name: str) -> None:
    assert len(name) <= MAX_NAME_CHARS
    assert form_problem(name) is None and entity_problem(Entity("a", name)) is None
    records = [{"id": "a", "name": name}, {"id": "b", "name": "Beta Rocket Corp"}]
    n = Normalizer(Glossary.from_records(records))
    n.warm()
    assert n.match(name).entity_id == "a"  # type: ignore[union-attr]
    assert n.normalize("Beta Rocket Corporation") == "Beta Rocket Corp"
    assert n.match("Delta Aviation Group") is None


def test_the_shipped_glossary_is_within_the_bounds() -> None:
    g = Glossary.default()
    assert all(entity_problem(e) is None for e in g)
    assert all(term_problem(t.zh, t.renderings) is None for t in g.terms)
