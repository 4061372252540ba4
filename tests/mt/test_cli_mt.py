"""The ``aeronorm`` command with a real (tiny) MarianMT model passed by ``--en-zh``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from tiny_marian import build_tiny_marian

from aeronorm.cli import main

PAIRS = (("Wild Star Rocket Company", "星野发射服务有限公司"), ("Moon Rabbit Propulsion", "玉兔推进公司"))


@pytest.fixture(scope="module")
def model(mt_backend: None, tiny_models_dir: Path) -> Path:
    return build_tiny_marian(tiny_models_dir / "cli-en-zh", PAIRS)


@pytest.fixture()
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "orgs.yaml"
    record = {"id": "starfield", "name": "Starfield Launch Services Co., Ltd.", "zh": "星野发射服务有限公司"}
    path.write_text(yaml.safe_dump({"entities": [record]}, allow_unicode=True), encoding="utf-8")
    return path


def test_normalize_column_through_retranslation(model, glossary, tmp_path, capsys):
    table = tmp_path / "in.jsonl"
    table.write_text("".join(json.dumps({"org": org}) + "\n" for org, _ in PAIRS), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["normalize", str(table), "-c", "org", "-o", str(out)]
    assert main([*args, "-g", str(glossary), "--no-default-glossary", "--en-zh", str(model)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["org_id"] == "starfield" and rows[0]["org_method"] == "retranslation"
    assert rows[1]["org_id"] is None  # its Chinese is in no entry
    # Without the model the same table resolves nothing.
    assert main([*args, "-g", str(glossary), "--no-default-glossary"]) == 0
    assert all(json.loads(line)["org_id"] is None for line in out.read_text(encoding="utf-8").splitlines())


def test_explain_shows_the_translation(model, glossary, capsys):
    code = main(["explain", "Moon Rabbit Propulsion", "-g", str(glossary), "--no-default-glossary",
                 "--en-zh", str(model)])
    assert code == 1  # no match
    assert "玉兔推进公司" in capsys.readouterr().out


def test_a_missing_model_is_one_clear_line(tmp_path, capsys):
    code = main(["explain", "CASIC", "--en-zh", str(tmp_path / "no-model")])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "--en-zh" in err and "no-model" in err


@pytest.mark.parametrize("option", [["--en-zh", "M"], ["--zh-en", "M"], ["--mt-cache", "c.sqlite"]])
def test_text_refuses_the_translation_options_it_would_not_use(option, tmp_path, capsys):
    doc = tmp_path / "a.txt"
    doc.write_text("CASIC signed.", encoding="utf-8")
    assert main(["text", str(doc), *option]) == 2
    err = capsys.readouterr().err
    assert option[0] in err and "without retranslation" in err
