"""The examples run, and their totals show unknown names as unknown.

``examples/clean_table.py`` sums contract values per organisation. A supplier the glossary does
not know is no organisation that can be totalled: ranked under its own spelling, the look-alike
*China Great Wall Asset Management* (50 million, the largest row) topped the list. It is now summed
under one ``(unknown)`` label after the known organisations, with the names listed.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def clean_table(optional):
    optional("pandas")
    sys.path.insert(0, str(EXAMPLES))
    try:
        import clean_table
    finally:
        sys.path.remove(str(EXAMPLES))
    return clean_table


@pytest.fixture(scope="module")
def cleaned(clean_table):
    import pandas as pd

    df = pd.read_csv(EXAMPLES / "messy_orgs.csv", dtype={"supplier": object})
    return clean_table.clean(df, "supplier")


def test_unknown_names_are_totalled_as_unknown_after_the_known(clean_table, cleaned):
    totals = clean_table.value_by_organisation(cleaned, "supplier", "contract_value_musd")
    labels = list(totals.index)
    assert labels[-2:] == [clean_table.UNKNOWN, clean_table.BLANK]
    known = labels[:-2]
    assert set(known) == set(cleaned.loc[cleaned["supplier_id"].notna(), "supplier_canonical"])
    assert "China Great Wall Asset Management Co. Ltd." not in labels
    assert "Moon Harbour Logistics" not in labels
    assert totals[clean_table.UNKNOWN] == pytest.approx(50.2)
    assert totals[clean_table.BLANK] == pytest.approx(0.1)
    assert list(totals[known]) == sorted(totals[known], reverse=True)
    assert totals.sum() == pytest.approx(cleaned["contract_value_musd"].sum())  # nothing lost


def test_labels_appear_only_when_they_hold_rows(clean_table, cleaned):
    only_known = cleaned[cleaned["supplier_id"].notna()]
    totals = clean_table.value_by_organisation(only_known, "supplier", "contract_value_musd")
    assert clean_table.UNKNOWN not in totals.index and clean_table.BLANK not in totals.index


def test_script_prints_unknown_names_apart(clean_table, tmp_path):
    out = tmp_path / "clean.csv"
    proc = subprocess.run([sys.executable, str(EXAMPLES / "clean_table.py"), "-o", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    section = proc.stdout.split("contract value by organisation")[1].split("news, normalised")[0]
    rows = [line for line in section.splitlines()[2:] if line.strip()]
    assert rows[0].startswith("China Aerospace Science and Industry Corporation Limited")
    assert any(r.startswith("(unknown)") and r.rstrip().endswith("50.20") for r in rows)
    assert "'China Great Wall Asset Management Co. Ltd.': 50" in section
    assert out.is_file()


@pytest.mark.parametrize("output", ["missing-folder/clean.csv", "."])
def test_script_with_a_bad_output_fails_in_one_line(clean_table, tmp_path, output):
    """rt46u #8: '-o /nonexist/x.csv' or '-o /tmp' ended in a pandas traceback."""
    proc = subprocess.run([sys.executable, str(EXAMPLES / "clean_table.py"), "-o", output], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"clean_table.py: cannot write {output}")


def test_notebook_code_runs_and_its_totals_keep_unknown_apart(optional, monkeypatch):
    optional("pandas")
    notebook = json.loads((EXAMPLES / "notebook.ipynb").read_text(encoding="utf-8"))
    monkeypatch.chdir(EXAMPLES)
    namespace: dict = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), "notebook.ipynb", "exec"), namespace)
    totals = namespace["totals"]
    assert totals.index[-1] == "(unknown)" and totals.iloc[0] == totals.iloc[:-1].max()
    stored = next(c for c in notebook["cells"] if "totals" in "".join(c["source"]))
    text = "".join(stored["outputs"][0]["data"]["text/plain"])
    assert "(unknown)" in text and "Asset Management" not in text


def test_notebook_outputs_are_those_a_fresh_run_gives(optional):
    # a reader trusts what the notebook shows: refresh with `python tools/notebook.py refresh ...`
    optional("pandas")
    spec = importlib.util.spec_from_file_location("notebook_tool", EXAMPLES.parent / "tools" / "notebook.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.stale_cells(EXAMPLES / "notebook.ipynb") == []
