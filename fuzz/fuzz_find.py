"""atheris target: running text through ``find`` and ``normalize_text`` of the default glossary.

The input is the text as UTF-8 (bytes that are not UTF-8 become lone surrogates); its length
picks a type filter and a rewriting style. Spans must be exact, ordered and disjoint, the text
outside mentions untouched, and nothing may raise (:func:`checks.check_find`).

Run it through ``python fuzz/run.py`` (bounded time, crashers saved); directly, it takes
libFuzzer's options::

    python fuzz/fuzz_find.py fuzz/corpus/find -max_total_time=60
"""

from __future__ import annotations

import importlib
import sys

import atheris

# Instrument aeronorm for coverage; everything the target reaches is imported here, because
# modules imported later, lazily, would not be instrumented.
MODULES = (
    "aeronorm.batch",
    "aeronorm.caching",
    "aeronorm.index",
    "aeronorm.lexicon.compare",
    "aeronorm.lexicon.lexicon",
    "aeronorm.lexicon.word_classes",
    "aeronorm.normalizer",
    "aeronorm.pipeline.run",
    "aeronorm.results",
    "aeronorm.scan.scanner",
    "aeronorm.text.fold",
    "aeronorm.text.person_names",
    "aeronorm.text.pinyin",
    "aeronorm.text.segment",
    "aeronorm.text.zh",
)

with atheris.instrument_imports(include=["aeronorm", "checks"]):
    for module in MODULES:
        importlib.import_module(module)
    import checks

import aeronorm  # noqa: E402 - instrumented above

NORMALIZER = aeronorm.default_normalizer()


def TestOneInput(data: bytes) -> None:  # the name atheris looks for
    text, type_, style = checks.text_input(data)
    checks.check_find(NORMALIZER, text, type_, style)


def main() -> None:
    # Everything lazy is built before fuzzing starts: the trie, the Chinese and pinyin tables,
    # jieba. Otherwise the first input that reaches them would look slow.
    for warm in ("CASIC and 中国航天科工集团 met Xibei Gongye Daxue and Kejian Zhang.", "NWPU"):
        checks.check_find(NORMALIZER, warm, None, "canonical")
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
