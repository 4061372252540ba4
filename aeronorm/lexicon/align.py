"""Aligning one English name with its Chinese name, word by segment.

The Chinese name is segmented into lexicon morphemes; each English word explains the segments
whose concept it carries (``aerospace`` -> 航天) or whose pinyin it spells (``tianbing`` -> 天兵,
cutting an unknown stretch around it). When exactly one run of each is left unexplained, they
translate each other: that pair is what :mod:`aeronorm.lexicon.learn` counts.
"""

from __future__ import annotations

from ..text.fold import HAN_RUN_RE, has_han
from ..text.pinyin import split_syllables, to_pinyin
from .lexicon import Kind, TermLexicon, Tok

__all__ = ["align_name"]


def _pinyin(text: str) -> str:
    return "".join(to_pinyin(text))


def _split_by_pinyin(piece: str, letters: str) -> tuple[str, str, str] | None:
    """``piece`` cut around the characters whose pinyin spells ``letters`` (天兵 in 北京天兵)."""
    syllables = list(to_pinyin(piece))
    if len(syllables) != len(piece):
        return None
    for i in range(len(piece)):
        acc = ""
        for j in range(i, len(piece)):
            acc += syllables[j]
            if acc == letters:
                return piece[:i], piece[i : j + 1], piece[j + 1 :]
            if len(acc) >= len(letters):
                break
    return None


def align_name(lexicon: TermLexicon, zh: str, english: str, *, max_words: int = 3) -> tuple[str, str] | None:
    """Align one English name with one Chinese name; the one-to-one leftover pair, if any.

    Examples
    --------
    >>> from aeronorm.glossary import Term
    >>> lex = TermLexicon([Term("航天", ("aerospace",)), Term("研究所", ("institute",))])
    >>> align_name(lex, "航天动力研究所", "Aerospace Propulsion Institute")
    ('动力', 'propulsion')
    >>> align_name(lex, "航天动力研究所", "Aerospace Institute") is None
    True
    """
    pieces: list[tuple[str, bool]] = []  # (text, explained)
    for run in HAN_RUN_RE.findall(zh):
        pieces.extend((p, False) for p in lexicon.segment_zh(run))
    if not pieces:
        return None
    tokens = [t for t in lexicon.read(english) if t.kind != Kind.LEGAL]
    leftover_en: list[int] = []
    for k, tok in enumerate(tokens):
        if _explain(tok, pieces):
            continue
        leftover_en.append(k)
    left_zh = [k for k, (p, done) in enumerate(pieces) if not done and _kind(lexicon, p) != Kind.LEGAL]
    if not left_zh or not leftover_en:
        return None
    # One contiguous run on each side.
    if left_zh != list(range(left_zh[0], left_zh[-1] + 1)):
        return None
    if leftover_en != list(range(leftover_en[0], leftover_en[-1] + 1)):
        return None
    # Joining words glued to an unknown stretch (和改革 in 发展和改革) are not part of it.
    zh_run = "".join(pieces[k][0] for k in left_zh).strip("和与及的")
    en_toks = [tokens[k] for k in leftover_en]
    words = " ".join(t.text for t in en_toks).split()
    if not 2 <= len(zh_run) <= 4 or not len(words) <= max_words:
        return None
    for tok in en_toks:
        # Only English the lexicon does not know yet: no romanisation, number or initialism.
        letters = tok.text.replace(" ", "")
        if tok.kind != Kind.NAME or tok.keys != frozenset((tok.text,)):
            return None
        if not letters.isalpha() or len(letters) < 3 or split_syllables(letters):
            return None
    return zh_run, " ".join(words)


def _kind(lexicon: TermLexicon, piece: str) -> Kind:
    toks = lexicon.read_zh(piece)
    return toks[0].kind if len(toks) == 1 else Kind.NAME


def _explain(tok: Tok, pieces: list[tuple[str, bool]]) -> bool:
    """Mark the Chinese pieces an English token accounts for; whether it accounts for any."""
    hit = False
    for k, (p, _) in enumerate(pieces):
        if p in tok.keys:
            pieces[k] = (p, True)
            hit = True
    if hit:
        return True
    letters = tok.text.replace(" ", "")
    if not letters.isalpha() or not split_syllables(letters):
        return False
    for k, (p, done) in enumerate(pieces):
        if done or not has_han(p):
            continue
        if _pinyin(p) == letters:
            pieces[k] = (p, True)
            return True
        cut = _split_by_pinyin(p, letters)
        if cut is not None:
            before, middle, after = cut
            pieces[k : k + 1] = [(x, x == middle) for x in (before, middle, after) if x]
            return True
    return False
