"""Text below the level of names: folding, Chinese strings, segmentation, romanisation.

Modules (import them directly; this package imports nothing, so using one costs only it):

* :mod:`~aeronorm.text.fold`: Unicode folding, exact-match keys, tokens, script detection;
* :mod:`~aeronorm.text.zh`: traditional to simplified (OpenCC), folding for Chinese matching;
* :mod:`~aeronorm.text.segment`: aeronorm's own jieba tokenizer;
* :mod:`~aeronorm.text.pinyin`: pinyin syllables and romanisations of Chinese names;
* :mod:`~aeronorm.text.wade_giles`: the Wade-Giles romanisation, both ways;
* :mod:`~aeronorm.text.person_names`: Chinese personal names read from any romanisation.
"""
