"""``MayMatch`` is a necessary condition: wherever the matcher gives a capitalised run an answer
the scan keeps, it says yes. Held to the matcher on generated runs of the shipped glossary:
truncations of names and aliases, typos, romanised Chinese names, acronyms written in capitals
and in title case, and runs of random capitalised words."""

from __future__ import annotations

import random
import re

import pytest

from aeronorm import Normalizer
from aeronorm.pipeline.abbreviation import derive_acronyms
from aeronorm.pipeline.may_match import SURE_METHODS, FormAgreement, MayMatch
from aeronorm.pipeline.query import Query
from aeronorm.scan.scanner import Scanner
from aeronorm.text.fold import fold_key, looks_like_acronym, tokenize
from aeronorm.text.pinyin import split_syllables, to_pinyin

_TAILS = ("", " Co., Ltd", " Group Corporation", " Institute", " Center")


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    k = rng.randrange(1, len(word) - 1)
    how = rng.randrange(3)
    if how == 0:
        return word[:k] + word[k + 1 :]  # a letter dropped
    if how == 1:
        return word[:k] + word[k + 1] + word[k] + word[k + 2 :]  # two swapped
    return word[:k] + rng.choice("aeiourstn") + word[k + 1 :]  # one changed


def _runs(normalizer: Normalizer, n: int, seed: int) -> list[str]:
    """Capitalised runs of every kind the scan sends to the matcher, ``n`` of them."""
    rng = random.Random(seed)
    entities = [e for e in normalizer.glossary.entities if e.type != "term"]
    vocabulary = sorted({w for e in entities for name in e.english_names() for w in name.split()
                         if w[:1].isupper()})
    out: list[str] = []
    while len(out) < n:
        e = rng.choice(entities)
        names = e.english_names()
        words = rng.choice(names).split() if names else []
        kind = rng.randrange(7)
        if kind == 0 and len(words) > 1:  # a prefix, as a glued word cuts it
            run = " ".join(words[: rng.randrange(1, len(words))])
        elif kind == 1 and len(words) > 1:  # a suffix, as a sentence start cuts it
            run = " ".join(words[rng.randrange(1, len(words)) :])
        elif kind == 2 and words:  # a typo in one word
            k = rng.randrange(len(words))
            run = " ".join([*words[:k], _typo(words[k], rng), *words[k + 1 :]])
        elif kind == 3 and e.chinese_names():  # romanised: word by word, or syllable by syllable
            syllables = [s.capitalize() for s in to_pinyin(rng.choice(e.chinese_names()))]
            if rng.random() < 0.5:
                pairs = [syllables[i : i + 2] for i in range(0, len(syllables), 2)]
                run = " ".join("".join(p[:1] + [x.lower() for x in p[1:]]) for p in pairs)
            else:
                run = " ".join(syllables)
            run += rng.choice(_TAILS)
        elif kind == 4 and (acronyms := [*e.abbreviations, *sorted(
                derive_acronyms(normalizer.lexicon, names[0]) if names else ())[:3]]):
            a = rng.choice(acronyms)  # an acronym, given or derived, in capitals or in title case
            run = a if rng.random() < 0.5 else a.capitalize()
        elif kind == 5:  # random capitalised words
            run = " ".join(rng.choice(vocabulary) for _ in range(rng.randrange(1, 5)))
        elif words:  # a name, with a company form or a place before it
            run = rng.choice(("", "Beijing ", "China ", "Shanghai ")) + " ".join(words) + rng.choice(_TAILS)
        else:
            continue
        out.append(re.sub(r"\s+", " ", run).strip())
    return list(dict.fromkeys(r for r in out if r))


@pytest.fixture(scope="module")
def may_match(normalizer: Normalizer) -> MayMatch:
    return MayMatch(normalizer.index, pinyin=normalizer.pipeline.stages["pinyin"])


@pytest.fixture(scope="module")
def runs(normalizer: Normalizer) -> list[str]:
    return _runs(normalizer, 1_500, seed=16)


def _kept(normalizer: Normalizer, agreement: FormAgreement, run: str) -> bool:
    """Whether the scan keeps the matcher's answer for a run (``SpanResolver``'s policy)."""
    m = normalizer.match(run)
    if m is None:
        return False
    if m.method in SURE_METHODS:
        return True
    if m.method == "fuzzy" and m.score < normalizer.calibration.span_fuzzy_min:
        return False
    ids = {e.id: i for i, e in enumerate(normalizer.index.entities)}
    return agreement.agrees(run, ids[m.entity_id])


def _reasons(normalizer: Normalizer, may_match: MayMatch, run: str) -> set[str]:
    """Which of the test's clauses let a run through."""
    q = Query(run)
    exact = normalizer.index.exact
    out = set()
    if fold_key(run) in exact or any(k in exact for k in q.keys):
        out.add("exact")
    if looks_like_acronym(q.text):
        out.add("abbreviation")
    if may_match.agreement.agrees_with_any(run):
        out.add("agreement")
    if (any(sum(1 for w in tokenize(f) if w.isalpha() and split_syllables(w)) >= 2 for f in q.forms)
            or may_match.pinyin.match(q, None) is not None):
        out.add("pinyin")
    return out


def test_never_rules_out_a_run_the_scan_keeps(normalizer: Normalizer, may_match: MayMatch,
                                              runs: list[str]) -> None:
    kept = [r for r in runs if _kept(normalizer, may_match.agreement, r)]
    missed = [r for r in kept if not may_match(r)]
    assert missed == []
    # Each clause is needed: for each, a kept run that no other clause lets through.
    alone = {next(iter(why)) for r in kept if len(why := _reasons(normalizer, may_match, r)) == 1}
    assert alone == {"exact", "abbreviation", "agreement", "pinyin"}
    # ... and the test is worth its cost: it rules out most runs that answer nothing.
    ruled_out = [r for r in runs if not may_match(r)]
    assert len(ruled_out) > len(runs) // 4
    assert len(kept) > len(runs) // 8


def test_agreement_with_any_entity_is_agreement_with_one(normalizer: Normalizer, may_match: MayMatch,
                                                          runs: list[str]) -> None:
    agreement = may_match.agreement
    n = len(normalizer.index.entities)
    some = runs[::5]
    brute = [any(agreement.agrees(r, i) for i in range(n)) for r in some]
    assert [agreement.agrees_with_any(r) for r in some] == brute
    assert 0 < sum(brute) < len(some)


def test_a_name_with_chinese_characters_or_no_name_is_always_tried(may_match: MayMatch) -> None:
    assert may_match("Xyzzy航天")
    assert may_match("   ")
    assert not may_match("Xyzzy Quux")


def test_find_is_the_same_with_and_without_it(normalizer: Normalizer, runs: list[str]) -> None:
    """Running text, English and mixed: the same mentions, scores, methods and evidence."""
    rng = random.Random(7)
    chinese = normalizer.pipeline.stages["chinese"].table  # type: ignore[attr-defined]
    plain = Scanner(normalizer.index, normalizer.calibration, resolve=normalizer.match, chinese=chinese)
    gated = normalizer.scanner
    assert gated.spans.may_match is not None
    glue = ("表示", "的", " said ", "与", "。", ", and ")
    text = "".join(r + rng.choice(glue) for r in rng.sample(runs, min(600, len(runs))))
    for t in (text, text.replace("表示", " told ")):
        a = [(m.start, m.end, m.entity_id, m.match.score, m.match.method, m.match.evidence)
             for m in plain.find(t)]
        b = [(m.start, m.end, m.entity_id, m.match.score, m.match.method, m.match.evidence)
             for m in gated.find(t)]
        assert a == b
        assert len(a) > 50
