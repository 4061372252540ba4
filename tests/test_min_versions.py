"""ci/min-versions.txt pins every dependency of pyproject.toml at its lower bound.

``.ci/run`` installs those pins and runs the tests a second time, so a lower bound in
pyproject.toml is a version that was tested. Two documented exceptions: numpy is pinned though it
is not a dependency of ours (pandas 2.0 and pyarrow 14 need numpy 1), and torch is tested at
2.13.0, the only CPU build CI can install, above its bound of 2.1.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOT_OURS = {"numpy"}
TESTED_ABOVE_BOUND = {"torch": "2.13.0"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _version(v: str) -> tuple[int, ...]:
    parts = [int(p) for p in v.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _bounds() -> dict[str, str]:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += extra
    bounds: dict[str, str] = {}
    for req in requirements:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9.]+)", req)
        assert m, f"{req!r}: every dependency states its lower bound as name>=version, nothing else"
        name, version = _norm(m.group(1)), m.group(2)
        assert bounds.setdefault(name, version) == version, f"{name} has two lower bounds"
    return bounds


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "ci" / "min-versions.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"{line!r}: pins are name==version"
            pins[_norm(name)] = version
    return pins


def test_every_dependency_is_pinned_at_its_lower_bound():
    bounds, pins = _bounds(), _pins()
    assert set(bounds) == set(pins) - NOT_OURS
    for name, bound in bounds.items():
        expected = TESTED_ABOVE_BOUND.get(name, bound)
        assert _version(pins[name]) == _version(expected), (name, bound, pins[name])
