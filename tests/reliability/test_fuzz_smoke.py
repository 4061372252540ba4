"""The fuzzing set-up works: every seed and every saved regression input passes the fuzz
targets' checks, and a short atheris run of each target (``fuzz/run.py --seconds 4``) executes
inputs and finds nothing.

Long runs are for people (``python fuzz/run.py --seconds 300``, see docs/reliability.md). atheris
is optional on a developer machine; under ``CI=true`` a missing atheris fails this module.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import aeronorm

ROOT = Path(__file__).resolve().parents[2]
FUZZ = ROOT / "fuzz"
if str(FUZZ) not in sys.path:
    sys.path.insert(0, str(FUZZ))

import checks  # noqa: E402

INPUTS = sorted(p for d in ("corpus", "regressions") for p in (FUZZ / d).glob("*/*") if p.is_file())


def test_there_are_seeds_and_regressions_for_both_targets():
    kinds = {(p.parent.parent.name, p.parent.name) for p in INPUTS}
    assert kinds == {(d, t) for d in ("corpus", "regressions") for t in ("find", "glossary")}


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_saved_inputs_pass_the_checks(path, normalizer):
    data = path.read_bytes()
    if path.parent.name == "glossary":
        checks.check_glossary(checks.glossary_input(data))
    else:
        text, type_, style = checks.text_input(data)
        checks.check_find(normalizer, text, type_, style)


def test_the_checks_catch_a_broken_invariant(normalizer, monkeypatch):
    """A check that cannot fail proves nothing: break find's spans and watch."""
    from aeronorm.results import Mention, Mentions

    real = aeronorm.Normalizer.find

    def shifted(self, text, **kw):
        found = real(self, text, **kw)
        return Mentions([Mention(m.start + 1, m.end + 1, m.text, m.match) for m in found], text)

    monkeypatch.setattr(aeronorm.Normalizer, "find", shifted)
    with pytest.raises(checks.Finding, match="is not text"):
        checks.check_find(normalizer, "Officials of NWPU met.", None, "canonical")


def test_glossary_inputs_pick_their_format():
    assert checks.glossary_input(b"yentities: []").name.endswith(".yaml")
    assert checks.glossary_input(b"j[]").name.endswith(".json")
    assert checks.glossary_input(b"cid,name").name.endswith(".csv")
    assert checks.glossary_input(b"tid\tname").name.endswith(".tsv")
    assert checks.glossary_input(b"").read_bytes() == b""
    text, _, _ = checks.text_input(b"CASIC \xed\xa0\x80 \xff")
    assert text.startswith("CASIC ") and "\udcff" in text  # undecodable bytes: lone surrogates


@pytest.mark.fuzz
def test_short_atheris_run_finds_nothing(optional, tmp_path):
    optional("atheris")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, str(FUZZ / "run.py"), "--seconds", "4", "--work", str(tmp_path / "work"),
         "--crashers", str(tmp_path / "crashers")],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    report = proc.stdout + proc.stderr
    assert proc.returncode == 0, report
    assert "findings: none" in report
    for target in ("find", "glossary"):
        row = re.search(rf"^{target}\s+[\d.]+\s+([\d,]+)\s+([\d,]+)", report, re.M)
        assert row is not None, report
        assert int(row.group(1).replace(",", "")) > 10, report  # executions
    assert not list((tmp_path / "crashers").iterdir())
