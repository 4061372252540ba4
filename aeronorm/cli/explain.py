"""``aeronorm explain NAME``: why a name matches what it matches, or nothing."""

from __future__ import annotations

import argparse

from .build import normalizer_from
from .files import check_glossary_paths

__all__ = ["cmd_explain"]


def cmd_explain(args: argparse.Namespace) -> int:
    check_glossary_paths(args.glossary)
    normalizer = normalizer_from(args)
    name = " ".join(args.name)
    print(normalizer.explain(name, type=args.type))
    return 0 if normalizer.match(name, type=args.type) is not None else 1
