"""Lint rule ``formula-like`` (issue 15 item 12): a name, alias, abbreviation or Chinese name that
a spreadsheet would run as a formula (``=HYPERLINK(...)``) is reported, from an untrusted glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from aeronorm import Glossary
from aeronorm.glossary import LINT_CODES, Entity, lint_files


def _formula_issues(glossary: Glossary) -> list[tuple[str, tuple[str, ...]]]:
    return [(i.severity, i.entity_ids) for i in glossary.lint() if i.code == "formula-like"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
@pytest.mark.parametrize("field", ["name", "aliases", "abbreviations", "zh_aliases"])
def test_every_formula_start_in_every_form_is_reported(start: str, field: str) -> None:
    value = f"{start}HYPERLINK(\"http://example.invalid\",\"Open\")"
    fields = {"name": "Lantern Valve Works", "zh": "灯笼阀门厂"}
    if field == "name":
        fields["name"] = value
    else:
        fields[field] = (value,)
    g = Glossary([Entity("lantern", **fields)])  # type: ignore[arg-type]
    assert _formula_issues(g) == [("warning", ("lantern",))]


def test_ordinary_names_are_not_reported() -> None:
    g = Glossary([Entity("a", "Lantern Valve Works", zh="灯笼阀门厂",
                         aliases=("A-1 Valve Co.", "Valve + Pump Co."), abbreviations=("LVW",))])
    assert _formula_issues(g) == []
    assert not [i for i in Glossary.default().lint() if i.code == "formula-like"]


def test_a_file_from_an_untrusted_source(tmp_path: Path) -> None:
    path = tmp_path / "suppliers.csv"
    row = 'x,"=HYPERLINK(""http://e.invalid"",""Click"")",+cmd|Fine Alias'
    path.write_text(f"id,name,aliases\n{row}\n", "utf-8")
    issues = [i for i in lint_files(path) if i.code == "formula-like"]
    assert [(i.origin, i.severity) for i in issues] == [(f"{path}:2", "warning")] * 2
    assert "HYPERLINK" in issues[0].message and "'+cmd'" in issues[1].message
    assert LINT_CODES["formula-like"] == "warning"
