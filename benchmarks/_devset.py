"""Access to the dev alias set (``../shared/dev-eval``) for benchmarks, read at run time only.

The dev set is real data kept outside the repository: benchmarks read it where it lies and
never copy its rows. Its glossaries are built by the dev scorer's own ``load``/``build``
(``score.py`` beside the TSV), imported by path, so that a benchmark sees exactly the
glossary the scorer scores.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

__all__ = ["DEFAULT_ALIASES", "load_scorer", "missing_reason"]

ROOT = Path(__file__).resolve().parents[1]
#: ``../shared/dev-eval/aliases_dev.tsv`` relative to the repository root.
DEFAULT_ALIASES = ROOT.parent / "shared" / "dev-eval" / "aliases_dev.tsv"


def missing_reason(aliases: Path, scorer: Path | None = None) -> str | None:
    """Why the dev part cannot run (a message), or None when both files are there."""
    scorer = scorer or aliases.with_name("score.py")
    if not aliases.is_file():
        return f"dev alias set not found at {aliases}"
    if not scorer.is_file():
        return f"dev scorer not found at {scorer}"
    return None


def load_scorer(aliases: Path, scorer: Path | None = None) -> ModuleType:
    """The dev scorer module (``score.py`` beside ``aliases`` unless given), imported by path."""
    scorer = scorer or aliases.with_name("score.py")
    spec = importlib.util.spec_from_file_location("aeronorm_dev_score", scorer)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import the dev scorer from {scorer}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("load", "build"):
        if not callable(getattr(module, name, None)):
            raise ImportError(f"{scorer} has no {name}() function")
    return module
