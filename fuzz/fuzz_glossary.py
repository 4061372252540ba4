"""atheris target: glossary files (YAML, JSON, CSV, TSV) as bytes.

The first byte picks the format (``y``, ``j``, ``c``, ``t``), the rest is the file. Reading
may raise :class:`~aeronorm.errors.GlossaryError` naming the file, nothing else; a file that
loads must lint, round-trip and resolve its own canonical names (:func:`checks.check_glossary`).

Run it through ``python fuzz/run.py`` (bounded time, crashers saved); directly, it takes
libFuzzer's options::

    python fuzz/fuzz_glossary.py fuzz/corpus/glossary -max_total_time=60
"""

from __future__ import annotations

import importlib
import sys

import atheris

# Instrument aeronorm (and PyYAML's Python side) for coverage; everything the target reaches
# is imported here, because modules imported later, lazily, would not be instrumented.
MODULES = (
    "aeronorm.glossary.glossary",
    "aeronorm.glossary.lint",
    "aeronorm.glossary.readers",
    "aeronorm.index",
    "aeronorm.lexicon.learn",
    "aeronorm.lexicon.lexicon",
    "aeronorm.normalizer",
    "aeronorm.pipeline.run",
    "aeronorm.resources",
    "aeronorm.scan.scanner",
    "aeronorm.text.fold",
    "aeronorm.text.person_names",
    "aeronorm.text.zh",
)

with atheris.instrument_imports(include=["aeronorm", "yaml", "checks"]):
    for module in MODULES:
        importlib.import_module(module)
    import checks

from aeronorm import Glossary, Normalizer  # noqa: E402 - instrumented above


def _normalizer(glossary: Glossary) -> Normalizer:
    return Normalizer(glossary)


def TestOneInput(data: bytes) -> None:  # the name atheris looks for
    checks.check_glossary(checks.glossary_input(data), _normalizer)


def main() -> None:
    Glossary.default()  # the shipped terms every Normalizer reads: load them before fuzzing
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
