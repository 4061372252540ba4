"""Shared fixtures: the shipped glossary and one default Normalizer per test session.

Building the default :class:`~aeronorm.Normalizer` takes a fraction of a second, but most
test modules need it, so it is built once. Tests that change a normalizer build their own.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest

import aeronorm
from aeronorm.glossary import Glossary


def require(module: str) -> ModuleType:
    """Import an optional dependency: skip without it, but fail under CI (``CI=true``)."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        message = f"optional dependency {module!r} is not installed ({exc})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    """The shipped glossaries."""
    return Glossary.default()


@pytest.fixture(scope="session")
def normalizer(glossary: Glossary) -> aeronorm.Normalizer:
    """The library's default normalizer (the one ``aeronorm.match`` uses)."""
    n = aeronorm.default_normalizer()
    assert n.glossary is glossary
    return n


@pytest.fixture(scope="session")
def lexicon(normalizer: aeronorm.Normalizer):
    """The term lexicon of the default normalizer."""
    return normalizer.lexicon


@pytest.fixture(scope="session")
def index(normalizer: aeronorm.Normalizer):
    """The index of the default normalizer."""
    return normalizer.index


@pytest.fixture(scope="session")
def optional():
    """``optional("pandas")`` imports an optional dependency or skips (fails under CI)."""
    return require
