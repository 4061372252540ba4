"""Known names in running text: finding them (``find``) and rewriting them (``normalize_text``).

:class:`~aeronorm.scan.scanner.Scanner` owns the parts: ``words`` (the text's words, analysed),
``trie`` (the concept trie and its walk), ``accept`` (which paths are mentions), ``spans``
(capitalised runs resolved by the matcher), ``chinese`` (Chinese passages), ``merge`` (the
overlap policy) and ``rewrite`` (the replacement).
"""
