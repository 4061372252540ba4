"""Glossaries: entities with their names and aliases, and the term lexicon.

>>> from aeronorm.glossary import Glossary
>>> g = Glossary.default()
>>> g["casic"].name
'China Aerospace Science and Industry Corporation Limited'
"""

from __future__ import annotations

from .entity import ENTITY_TYPES, Entity, Term, check_entity_type
from .glossary import Glossary, lint_files, shipped_glossary_dir, shipped_terms
from .lint import LINT_CODES, LintIssue, lint_glossary
from .readers import SUFFIXES, read_file

__all__ = [
    "ENTITY_TYPES",
    "LINT_CODES",
    "SUFFIXES",
    "Entity",
    "Glossary",
    "LintIssue",
    "Term",
    "check_entity_type",
    "lint_files",
    "lint_glossary",
    "read_file",
    "shipped_glossary_dir",
    "shipped_terms",
]
