"""``aeronorm glossary lint|stats``: check or count glossary files."""

from __future__ import annotations

import argparse
import json
import sys

from .files import check_glossary_paths

__all__ = ["cmd_lint", "cmd_stats"]


def cmd_lint(args: argparse.Namespace) -> int:
    from ..glossary import Glossary, lint_files
    from ..glossary.lint import SEVERITIES

    check_glossary_paths(args.files)
    if args.files:
        issues = lint_files(*args.files, base=None if args.standalone else Glossary.default())
    else:
        issues = Glossary.default().lint()
    shown_levels = SEVERITIES[: SEVERITIES.index(args.severity) + 1]
    counts = {s: 0 for s in SEVERITIES}
    for issue in issues:
        counts[issue.severity] += 1
        if issue.severity in shown_levels:
            print(issue)
    what = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items())
    target = " ".join(args.files) if args.files else "the shipped glossary"
    print(f"aeronorm glossary lint: {target}: {what}", file=sys.stderr)
    return 1 if counts["error"] else 0


def cmd_stats(args: argparse.Namespace) -> int:
    from ..glossary import Glossary

    check_glossary_paths(args.files)
    glossary = Glossary.load(*args.files) if args.files else Glossary.default()
    stats = glossary.stats()
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    print(f"entities          {stats['entities']}")
    for t, n in stats["types"].items():
        if n:
            print(f"  {t:<16}{n}")
    for key in ("aliases", "abbreviations", "chinese_names", "context_aliases", "terms", "term_renderings"):
        if key in stats:
            print(f"{key.replace('_', ' '):<18}{stats[key]}")
    return 0
