"""aeronorm: map inconsistent English renderings of Chinese entity names onto canonical names.

>>> import aeronorm
>>> aeronorm.normalize("Northwestern Polytechnic University")
'Northwestern Polytechnical University'
>>> aeronorm.match("NWPU").entity_id
'nwpu'

Importing the package is cheap: the glossary, its index, jieba and any translation model
are loaded on first use. pandas is not imported either: the ``Series.aeronorm`` accessor is
registered when pandas is (see :mod:`aeronorm.integrations.pandas`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Candidate",
    "Clusters",
    "Entity",
    "Glossary",
    "GlossaryError",
    "Match",
    "Mention",
    "Mentions",
    "NoMatchError",
    "NormalizedText",
    "Normalizer",
    "Replacement",
    "Term",
    "__version__",
    "cluster",
    "default_normalizer",
    "find",
    "match",
    "match_many",
    "normalize",
    "normalize_many",
    "normalize_text",
]

# The return types of the functions below, loaded at import (they are light) so that their
# annotations resolve (``typing.get_type_hints(aeronorm.find)``: sphinx, pydantic, typer).
from .clustering.clusters import Clusters
from .results import Candidate, Match, Mention, Mentions, NormalizedText, Replacement

if TYPE_CHECKING:
    from .errors import GlossaryError, NoMatchError
    from .glossary import Entity, Glossary, Term
    from .normalizer import Normalizer

_LAZY = {
    "Entity": ".glossary",
    "Glossary": ".glossary",
    "Term": ".glossary",
    "GlossaryError": ".errors",
    "NoMatchError": ".errors",
    "Normalizer": ".normalizer",
}

def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'aeronorm' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def default_normalizer() -> Normalizer:
    """The :class:`Normalizer` over the shipped glossaries, built once on first use."""
    from .normalizer import default_normalizer as default

    return default()


def match(name: str, *, type: str | None = None) -> Match | None:
    """Resolve ``name`` against the shipped glossaries; see :meth:`Normalizer.match`."""
    return default_normalizer().match(name, type=type)


def normalize(name: str, *, type: str | None = None, on_unknown: str = "keep") -> str | None:
    """Canonical name of ``name`` per the shipped glossaries; see :meth:`Normalizer.normalize`."""
    return default_normalizer().normalize(name, type=type, on_unknown=on_unknown)  # type: ignore[arg-type]


def match_many(names: Any, *, type: str | None = None) -> list[Match | None]:
    """Resolve many names, each distinct value once; see :meth:`Normalizer.match_many`."""
    return default_normalizer().match_many(names, type=type)


def normalize_many(names: Any, *, type: str | None = None, on_unknown: str = "keep") -> list[Any]:
    """Canonical names of many names; see :meth:`Normalizer.normalize_many`."""
    return default_normalizer().normalize_many(names, type=type, on_unknown=on_unknown)  # type: ignore[arg-type]


def find(text: str, *, type: str | None = None) -> Mentions:
    """Known names in running text, per the shipped glossaries; see :meth:`Normalizer.find`."""
    return default_normalizer().find(text, type=type)


def normalize_text(text: str, *, style: str = "canonical", type: str | None = None,
                   terms: bool = False) -> NormalizedText:
    """``text`` with every known name replaced by its canonical name (domain terms only with
    ``terms=True``); see :meth:`Normalizer.normalize_text`."""
    return default_normalizer().normalize_text(text, style=style, type=type, terms=terms)  # type: ignore[arg-type]


def cluster(values: Any, *, glossary: Any = None, threshold: float | None = None,
            type: str | None = None, units: str = "apart") -> Clusters:
    """Group the values of a column that name one entity, and propose each entity
    (``units="with_parent"``: units and subsidiaries join their parent's cluster); see
    :func:`aeronorm.clustering.cluster`."""
    from .clustering import cluster as run

    return run(values, glossary=glossary, threshold=threshold, type=type, units=units)


def _register_pandas_accessor() -> None:
    # ``Series.aeronorm`` without importing pandas (~0.3 s): registered now if pandas is already
    # imported, else by an import hook right after ``import pandas`` completes.
    from .integrations import pandas as _pandas_integration

    _pandas_integration.register_when_imported()


_register_pandas_accessor()
