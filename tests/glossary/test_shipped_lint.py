"""The shipped glossary lints clean, apart from the clashes documented as deliberate.

``glossaries/lint/ambiguous.yaml`` lists each key that several shipped entities claim on purpose
(一院 is the First Academy of both CASC and CASIC), with its reason. Lint reports those as
``info``; everything else that lint finds in the shipped data is a warning or an error, and none
is allowed. An entry of the list that no longer matches a clash is stale and fails here too.
"""

from __future__ import annotations

import yaml

from aeronorm.cli import main
from aeronorm.glossary import Glossary, lint_files
from aeronorm.glossary.glossary import shipped_glossary_dir
from aeronorm.text.fold import fold_key

CLASH_CODES = {"shared-alias", "alias-is-other-name"}


def _documented() -> list[dict]:
    path = shipped_glossary_dir() / "lint" / "ambiguous.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["ambiguous"]


def test_every_documented_clash_has_key_ids_and_a_reason():
    items = _documented()
    assert items
    for item in items:
        assert set(item) == {"key", "ids", "reason"}, item
        assert len(item["ids"]) >= 2 and len(set(item["ids"])) == len(item["ids"]), item
        assert len(item["reason"].split()) >= 5, item  # a reason a person can check, not a tag
    keys = [fold_key(i["key"]) for i in items]
    assert len(keys) == len(set(keys))


def test_shipped_glossary_has_no_warning_or_error():
    issues = Glossary.default().lint()
    assert [str(i) for i in issues if i.severity != "info"] == []


def test_shipped_files_lint_clean_as_the_command_checks_them():
    files = sorted(shipped_glossary_dir().glob("*.yaml"))
    issues = lint_files(*files, base=Glossary.default())
    assert [str(i) for i in issues if i.severity != "info"] == []
    standalone = lint_files(*files)
    assert [str(i) for i in standalone if i.severity != "info"] == []


def test_each_documented_clash_is_a_real_one_and_shown_with_its_reason():
    g = Glossary.default()
    ambiguous = {k: set(v) for k, v in g.ambiguous_keys().items()}
    clashes = [i for i in g.lint() if i.code in CLASH_CODES]
    for item in _documented():
        key, ids = fold_key(item["key"]), set(item["ids"])
        assert ambiguous.get(key) == ids, f"stale entry in lint/ambiguous.yaml: {item}"
        shown = [i for i in clashes if set(i.entity_ids) == ids and item["reason"] in i.message]
        assert len(shown) == 1 and shown[0].severity == "info", item
    assert len(clashes) == len(_documented())  # no clash is info without being documented


def test_a_third_claimant_brings_the_warning_back():
    extra = Glossary.from_records([{"id": "cast-of-somewhere", "name": "Vega Space Works",
                                    "abbreviations": ["CAST"]}])
    issues = (Glossary.default() + extra).lint()
    warned = [i for i in issues if i.severity == "warning"]
    assert len(warned) == 1 and set(warned[0].entity_ids) == {"cast", "cast-association", "cast-of-somewhere"}
    assert "deliberate" not in warned[0].message


def test_an_undocumented_clash_between_other_entities_is_a_warning():
    g = Glossary.from_records([
        {"id": "cast", "name": "Vega Space Works", "abbreviations": ["CAST"], "zh": "甲"},
        {"id": "vega-assoc", "name": "Vega Association", "abbreviations": ["CAST"], "zh": "乙"},
    ])
    assert [(i.code, i.severity) for i in g.lint()] == [("shared-alias", "warning")]


def test_command_reports_no_warning_on_the_shipped_files(capsys):
    files = [str(p) for p in sorted(shipped_glossary_dir().glob("*.yaml"))]
    assert main(["glossary", "lint", *files]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""  # warnings and errors only, by default
    assert "0 errors, 0 warnings" in captured.err
