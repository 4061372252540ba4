"""aeronorm: map inconsistent English renderings of Chinese entity names onto canonical names.

>>> import aeronorm
>>> aeronorm.normalize("Northwestern Polytechnic University")
'Northwestern Polytechnical University'
>>> aeronorm.match("NWPU").entity_id
'nwpu'

Importing the package is cheap: the glossary, its index, jieba and any translation model
are loaded on first use.
"""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Candidate",
    "Entity",
    "Glossary",
    "GlossaryError",
    "Match",
    "NoMatchError",
    "Normalizer",
    "Term",
    "__version__",
    "default_normalizer",
    "match",
    "match_many",
    "normalize",
    "normalize_many",
]

if TYPE_CHECKING:
    from .errors import GlossaryError, NoMatchError
    from .glossary import Entity, Glossary, Term
    from .results import Candidate, Match
    from .normalizer import Normalizer

_LAZY = {
    "Candidate": ".results",
    "Match": ".results",
    "Entity": ".glossary",
    "Glossary": ".glossary",
    "Term": ".glossary",
    "GlossaryError": ".errors",
    "NoMatchError": ".errors",
    "Normalizer": ".normalizer",
}

_default: Normalizer | None = None
_default_lock = threading.Lock()


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
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                from .normalizer import Normalizer

                _default = Normalizer()
    return _default


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
