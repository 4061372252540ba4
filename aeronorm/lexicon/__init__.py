"""The term lexicon: English words as the Chinese morphemes they translate.

* :mod:`~aeronorm.lexicon.lexicon`: :class:`TermLexicon`, concept tokens (:class:`Tok`) of
  English, romanised and Chinese names;
* :mod:`~aeronorm.lexicon.compare`: when two tokens are one word, and token alignment;
* :mod:`~aeronorm.lexicon.align` and :mod:`~aeronorm.lexicon.learn`: the pairs a glossary's
  own names teach.
"""

from .lexicon import Kind, TermLexicon, Tok, stem

__all__ = ["Kind", "TermLexicon", "Tok", "stem"]
