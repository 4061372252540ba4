"""Run the example notebook's code cells and compare or rewrite their stored outputs.

    python tools/notebook.py check examples/notebook.ipynb     # exit 1 when a stored output is stale
    python tools/notebook.py refresh examples/notebook.ipynb   # rewrite the outputs from a fresh run

A cell runs as IPython would show it: its printed text, then the value of its last expression
(``text/plain`` as ``repr``, ``text/html`` where the value has ``_repr_html_``). No kernel is
needed (nbclient is not a dependency); the cells run in one namespace, in the notebook's folder.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

__all__ = ["run_cells", "stale_cells"]


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def run_cells(path: Path) -> list[list[dict[str, Any]]]:
    """Every code cell's outputs, in nbformat 4's shape, from a fresh run of the notebook."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    namespace: dict[str, Any] = {"__name__": "__main__"}
    here = Path.cwd()
    os.chdir(path.parent)
    with contextlib.ExitStack() as stack:
        with contextlib.suppress(ImportError):
            import pandas as pd

            # as in a notebook's front end (pandas sets 0, fit to the terminal, outside one)
            stack.enter_context(pd.option_context("display.max_columns", 20, "display.width", 80))
        try:
            return _run(notebook, namespace, path)
        finally:
            os.chdir(here)


def _run(notebook: dict[str, Any], namespace: dict[str, Any], path: Path) -> list[list[dict[str, Any]]]:
    outputs: list[list[dict[str, Any]]] = []
    count = 0
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        count += 1
        tree = ast.parse("".join(cell["source"]))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(tree, path.name, "exec"), namespace)
            value = eval(compile(ast.Expression(last.value), path.name, "eval"), namespace) if last else None
        out: list[dict[str, Any]] = []
        if printed.getvalue():
            out.append({"name": "stdout", "output_type": "stream", "text": _lines(printed.getvalue())})
        if value is not None:
            data = {"text/plain": _lines(_plain(value))}
            html = getattr(value, "_repr_html_", None)
            if callable(html) and (shown := html()):
                data = {"text/html": _lines(shown), **data}
            # a pandas object's text is pandas' own, which changes between its versions
            shown_by = _pandas_version() if type(value).__module__.startswith("pandas") else ""
            out.append({"data": data, "execution_count": count,
                        "metadata": {"pandas": shown_by} if shown_by else {},
                        "output_type": "execute_result"})
        outputs.append(out)
    return outputs


def _plain(value: Any) -> str:
    """The value as IPython prints it: a long list one item a line, each item by ``repr``."""
    text = repr(value)
    if isinstance(value, list) and len(text) > 79 and value:
        return "[" + ",\n ".join(map(repr, value)) + "]"
    return text


def _pandas_version() -> str:
    import pandas as pd

    return str(pd.__version__)


def _shown(outputs: list[dict[str, Any]], *, pandas: bool = True) -> list[tuple[str, str]]:
    """What a reader sees of a cell's outputs: printed text and the plain value (``pandas=False``:
    without the pandas objects')."""
    return [(o["output_type"], "".join(o.get("text") or o.get("data", {}).get("text/plain", "")))
            for o in outputs if pandas or not o.get("metadata", {}).get("pandas")]


def _running_pandas() -> str | None:
    try:
        return _pandas_version()
    except ImportError:
        return None


def stale_cells(path: Path) -> list[int]:
    """The code cells (counted from 1) whose stored outputs differ from a fresh run's."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    stored = [c["outputs"] for c in notebook["cells"] if c["cell_type"] == "code"]
    fresh = run_cells(path)
    running = _running_pandas()
    stale = []
    for k, (a, b) in enumerate(zip(stored, fresh, strict=True)):
        # another pandas than the one that wrote the outputs shows its objects its own way
        same = all(o.get("metadata", {}).get("pandas") in (None, running) for o in a)
        if _shown(a, pandas=same) != _shown(b, pandas=same):
            stale.append(k + 1)
    return stale


def _refresh(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    fresh = iter(run_cells(path))
    count = 0
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            count += 1
            cell["outputs"] = next(fresh)
            cell["execution_count"] = count
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("check", "refresh"):
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[1]).resolve()
    if argv[0] == "refresh":
        _refresh(path)
        return 0
    stale = stale_cells(path)
    if stale:
        print(f"{path.name}: stale outputs in code cells {stale}; "
              f"run: python tools/notebook.py refresh {argv[1]}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
