"""``aeronorm index build|info`` and ``--index FILE``: a glossary's tables saved once, loaded after."""

from __future__ import annotations

import csv
import json

from .helpers import one_line_error, run

GLOSSARY = """\
type: org
entities:
  - id: vega
    name: Vega Orbital Engineering Bureau
    zh: 织女星轨道工程局
    abbreviations: [VOEB]
"""


def test_build_then_use_the_index(tmp_path, capsys):
    glossary = tmp_path / "mine.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    index = tmp_path / "mine.idx"
    code, out, err = run(["index", "build", str(glossary), "-o", str(index)], capsys)
    assert code == 0, err
    assert "entities" in err and index.stat().st_size > 0 and out == ""
    code, out, err = run(["explain", "VOEB", "--index", str(index)], capsys)
    assert code == 0 and "Vega Orbital Engineering Bureau" in out, err
    code, out, _ = run(["explain", "NWPU", "--index", str(index)], capsys)
    assert code == 0 and "Northwestern Polytechnical University" in out  # the shipped glossary is in it
    table = tmp_path / "in.csv"
    table.write_text("org\n织女星轨道工程局\nVega Orbital Engineering Bureau\n", encoding="utf-8")
    code, out, err = run(["normalize", str(table), "-c", "org", "--index", str(index), "--no-summary"],
                         capsys)
    assert code == 0, err
    rows = list(csv.DictReader(out.splitlines()))
    assert [r["org_id"] for r in rows] == ["vega", "vega"]


def test_only_the_glossary_files(tmp_path, capsys):
    glossary = tmp_path / "mine.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    index = tmp_path / "mine.idx"
    code, _, err = run(["index", "build", str(glossary), "--no-default-glossary", "-o", str(index)], capsys)
    assert code == 0, err
    code, out, _ = run(["index", "info", str(index), "--json"], capsys)
    header = json.loads(out)
    assert code == 0 and header["entities"] == 1 and header["format"] >= 1
    code, out, _ = run(["index", "info", str(index)], capsys)
    assert code == 0 and "entities      1" in out and "build it again" not in out
    code, out, _ = run(["explain", "NWPU", "--index", str(index)], capsys)
    assert code == 1


def test_errors_are_one_line(tmp_path, capsys):
    glossary = tmp_path / "mine.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    code, _, err = run(["index", "build", "-o", str(tmp_path / "x.idx"), "--no-default-glossary"], capsys)
    assert code == 2 and one_line_error(err, "--no-default-glossary")
    code, _, err = run(["index", "build", str(glossary), "-o", str(glossary)], capsys)
    assert code == 2 and one_line_error(err, "same file")
    code, _, err = run(["explain", "X", "--index", str(tmp_path / "missing.idx")], capsys)
    assert code == 2 and one_line_error(err, "missing.idx")
    bad = tmp_path / "bad.idx"
    bad.write_bytes(b"not an index at all")
    code, _, err = run(["explain", "X", "--index", str(bad)], capsys)
    assert code == 2 and one_line_error(err, "not a saved aeronorm index")
    code, _, err = run(["index", "info", str(bad)], capsys)
    assert code == 2 and one_line_error(err, "not a saved aeronorm index")
    code, _, err = run(["explain", "X", "--index", str(bad), "--glossary", str(glossary)], capsys)
    assert code == 2 and one_line_error(err, "--index")


def test_an_index_is_never_written_to_standard_output(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["index", "build", "-o", "-"], capsys)
    assert code == 2
    one_line_error(err, "binary file")
    assert not (tmp_path / "-").exists()


def test_build_refuses_a_glossary_with_lint_errors(tmp_path, capsys):
    """rt46u #7: an unknown parent and a self-cycle were built without a word."""
    glossary = tmp_path / "bad.yaml"
    loop = "  - id: loop\n    name: Loop Works\n    parent: loop\n"
    glossary.write_text(GLOSSARY + "    parent: nowhere\n" + loop, encoding="utf-8")
    index = tmp_path / "bad.idx"
    code, out, err = run(["index", "build", str(glossary), "-o", str(index)], capsys)
    assert code == 2 and out == "" and not index.exists()
    one_line_error(err, "2 lint errors", "no index written", "unknown-parent", "glossary lint")
    # warnings do not stop it
    glossary.write_text(GLOSSARY + "    aliases: Vega Bureaus, Vega Orbital Bureau\n", encoding="utf-8")
    code, _, err = run(["index", "build", str(glossary), "-o", str(index), "--no-default-glossary"], capsys)
    assert code == 0 and index.exists(), err


def test_info_shows_the_saved_threshold(tmp_path, capsys):
    """rt45u, rt46u #7: 'index info' did not show the threshold saved with --threshold."""
    glossary = tmp_path / "mine.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    index = tmp_path / "mine.idx"
    code, _, err = run(["index", "build", str(glossary), "--no-default-glossary", "--threshold", "0.93",
                        "-o", str(index)], capsys)
    assert code == 0, err
    code, out, _ = run(["index", "info", str(index)], capsys)
    assert code == 0 and "threshold     0.93" in out
    code, out, _ = run(["index", "info", str(index), "--json"], capsys)
    assert json.loads(out)["threshold"] == 0.93
