"""Wade-Giles: the older romanisation of Chinese, syllable by syllable, both ways.

The table is ``aeronorm/data/wade_giles.yaml`` (pinyin syllable -> Wade-Giles spelling). Read
back, a Wade-Giles syllable may stand for several pinyin syllables when writers drop its marks
(``hsueh`` for ``hsüeh``, ``chien`` for ``ch'ien``), surest first.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from ..resources import load_wade_giles

__all__ = ["fold_wade_giles", "pinyin_to_wade_giles", "wade_giles_to_pinyin"]

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "´": "'", "ʻ": "'"})


def fold_wade_giles(text: str) -> str:
    """Lower case, ü -> v, other marks dropped, apostrophes unified.

    Examples
    --------
    >>> fold_wade_giles("Hsüeh-sên")
    'hsveh-sen'
    """
    text = unicodedata.normalize("NFC", text.translate(APOSTROPHES).lower()).replace("ü", "v")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class _WadeGiles:
    to_wg: dict[str, str]
    # folded Wade-Giles syllable -> pinyin syllables, surest first
    to_pinyin: dict[str, tuple[str, ...]]


@cache
def _wade_giles() -> _WadeGiles:
    table = load_wade_giles()
    exact: dict[str, list[str]] = {}
    loose: dict[str, list[str]] = {}
    for py, wg in table.items():
        # ü kept as v; ê and ŭ lose their marks (writers drop them more often than not).
        marked = fold_wade_giles(wg)
        exact.setdefault(marked, []).append(py)
        # Diaeresis dropped (hsueh), aspiration apostrophe dropped (chien): weaker readings.
        for variant in {
            marked.replace("v", "u"),
            marked.replace("'", ""),
            marked.replace("v", "u").replace("'", ""),
        } - {marked}:
            loose.setdefault(variant, []).append(py)
    merged: dict[str, tuple[str, ...]] = {}
    for key in exact.keys() | loose.keys():
        seen: list[str] = []
        for py in (*exact.get(key, ()), *loose.get(key, ())):
            if py not in seen:
                seen.append(py)
        merged[key] = tuple(seen)
    return _WadeGiles(table, merged)




def pinyin_to_wade_giles(syllable: str) -> str:
    """The Wade-Giles spelling of one toneless pinyin syllable.

    Examples
    --------
    >>> [pinyin_to_wade_giles(s) for s in ["qian", "xue", "zhong", "hai", "huo", "shuo", "si"]]
    ["ch'ien", 'hsüeh', 'chung', 'hai', 'huo', 'shuo', 'ssŭ']
    """
    s = syllable.lower().replace("ü", "v")
    wg = _wade_giles().to_wg.get(s) or _wade_giles().to_wg.get(s.replace("u", "v"))
    if wg is None:
        raise ValueError(f"{syllable!r} is not a pinyin syllable")
    return wg


def wade_giles_to_pinyin(syllable: str) -> tuple[str, ...]:
    """Pinyin syllables a Wade-Giles syllable may stand for, surest first (``()`` if none).

    Marks may be missing: ``hsueh`` is read as ``hsüeh``; without its apostrophe ``chien``
    is first ``jian`` (``chien``), then ``qian`` (``ch'ien``).

    Examples
    --------
    >>> wade_giles_to_pinyin("Ch'ien"), wade_giles_to_pinyin("hsüeh"), wade_giles_to_pinyin("hsueh")
    (('qian',), ('xue',), ('xue',))
    >>> wade_giles_to_pinyin("chien")
    ('jian', 'qian')
    """
    return _wade_giles().to_pinyin.get(fold_wade_giles(syllable), ())
