"""Glossaries: entities with their names and aliases, and the term lexicon.

>>> from aeronorm.glossary import Glossary
>>> g = Glossary.default()
>>> g["casic"].name
'China Aerospace Science and Industry Corporation Limited'
"""

from __future__ import annotations

from .entity import ENTITY_TYPES, Entity, Term
from .glossary import Glossary, shipped_glossary_dir
from .lint import LINT_CODES, LintIssue, lint_files, lint_glossary
from .readers import SUFFIXES, read_file

__all__ = [
    "ENTITY_TYPES",
    "LINT_CODES",
    "SUFFIXES",
    "Entity",
    "Glossary",
    "LintIssue",
    "Term",
    "lint_files",
    "lint_glossary",
    "read_file",
    "shipped_glossary_dir",
]
