"""The Normalizer the command-line options describe (glossaries, type, threshold, translators)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .errors import CLIError

if TYPE_CHECKING:
    from ..normalizer import Normalizer

__all__ = ["check_options", "normalizer_from"]


def check_options(args: argparse.Namespace) -> None:
    """Option values that can be refused before any file is read."""
    from ..glossary import check_entity_type

    if args.type is not None:
        try:
            check_entity_type(args.type)
        except ValueError as exc:
            raise CLIError(str(exc)) from None
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        raise CLIError(f"--threshold must be within 0..1, got {args.threshold}")
    if args.no_default_glossary and not args.glossary:
        raise CLIError("--no-default-glossary needs at least one --glossary FILE")
    if getattr(args, "mt_cache", None) and not (getattr(args, "en_zh", None) or getattr(args, "zh_en", None)):
        raise CLIError("--mt-cache caches translations: give it with --en-zh or --zh-en MODEL")
    if getattr(args, "index", None) is not None and (args.glossary or args.no_default_glossary):
        raise CLIError("--index is a saved index of its glossaries: give it without --glossary "
                       "(aeronorm index build GLOSSARY... -o FILE saves them)")


def normalizer_from(args: argparse.Namespace) -> Normalizer:
    """The shipped glossary plus ``--glossary`` files (paths already checked by the caller)."""
    from ..glossary import Glossary
    from ..normalizer import DEFAULT_THRESHOLD, Normalizer

    check_options(args)
    files = list(args.glossary)
    en_zh, zh_en = _translator(args, "en_zh"), _translator(args, "zh_en")
    if getattr(args, "index", None) is not None:
        return _load_index(args.index, threshold=args.threshold, en_zh=en_zh, zh_en=zh_en)
    if not files and args.threshold is None and en_zh is None and zh_en is None:
        from ..normalizer import default_normalizer

        return default_normalizer()
    glossary = Glossary.load(*files) if files else Glossary()
    if not args.no_default_glossary:
        glossary = Glossary.default() + glossary
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    return Normalizer(glossary, threshold=threshold, en_zh=en_zh, zh_en=zh_en)


def _load_index(path: str, **options: Any) -> Normalizer:
    """The normalizer saved in ``path``; a one-line error for a missing, old or damaged file."""
    from ..errors import SavedIndexError
    from ..normalizer import Normalizer
    from .files import file_kind, os_reason, stat_path

    st = stat_path(path, what="index ")
    if st is None or file_kind(st) != "file":
        why = "no such file" if st is None else f"a {file_kind(st)}, not a file"
        raise CLIError(f"cannot read index {path}: {why}")
    try:
        return Normalizer.load(path, **options)
    except SavedIndexError as exc:
        raise CLIError(str(exc)) from None
    except OSError as exc:
        raise CLIError(f"cannot read index {path}: {os_reason(exc)}") from None


def _translator(args: argparse.Namespace, role: str) -> Any:
    """The MarianMT translator an ``--en-zh``/``--zh-en`` option names, or ``None``."""
    model = getattr(args, role, None)
    if model is None:
        return None
    from ..errors import AeronormError
    from ..mt import CachedTranslator, MarianTranslator

    source, target = role.split("_")
    try:
        translator = MarianTranslator(
            model, source=source, target=target, device=args.device, cache=args.mt_cache is None
        )
    except (AeronormError, ImportError, OSError, ValueError) as exc:
        raise CLIError(f"--{role.replace('_', '-')} {model}: {str(exc).splitlines()[0]}") from None
    return CachedTranslator(translator, path=args.mt_cache) if args.mt_cache else translator
