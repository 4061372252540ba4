"""aeronorm.pipeline.fuzzy: the fast paths give what the plain computation gives.

The blocking adds votes in C and reads only the names that can rank from the last posting; a
pair whose naming words have no counterpart on either side is rejected before alignment. Both
are checked here against the straightforward computation on invented names.
"""

from __future__ import annotations

import heapq
import random
from collections import defaultdict
from operator import itemgetter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aeronorm import Glossary, Normalizer
from aeronorm.lexicon import Kind
from aeronorm.lexicon.compare import spelling_comparable
from aeronorm.pipeline import fuzzy as fuzzy_module
from aeronorm.pipeline.query import Query

_BRANDS = ["Qinglan", "Qinglaan", "Kestrel", "Tianbing", "Tianbin", "Huoli", "Zhongke", "Yuntu",
           "Xingji", "Lanjian"]
_FIELDS = ["Space", "Aerospace", "Satellite", "Technology", "Science and Technology", "Rocket", "Optics"]
_KINDS = ["Research Institute", "Company", "Group", "Academy", "Centre", "Factory"]
_PLACES = ["Beijing", "Shanghai", "Xi'an", "Hubei", "Hebei"]
_PARENTS = ["Chinese Academy of Sciences", "CAS", "AVIC",
            "China Aerospace Science and Technology Corporation"]
_WORDS = [*_BRANDS, *_FIELDS, *_KINDS, *_PLACES, *_PARENTS, "502", "No. 6", "of", "Co., Ltd."]


def _records() -> list[dict[str, str]]:
    rng = random.Random(13)
    records, seen = [], set()
    while len(records) < 90:
        words = [rng.choice(_PLACES)] if rng.random() < 0.4 else []
        words += [rng.choice(_BRANDS), rng.choice(_FIELDS), rng.choice(_KINDS)]
        if rng.random() < 0.2:
            words.append(rng.choice(["502", "No. 6"]))
        if rng.random() < 0.2:
            words += [",", rng.choice(_PARENTS)]
        name = " ".join(words).replace(" ,", ",")
        if name not in seen:
            seen.add(name)
            records.append({"id": f"e{len(records)}", "name": name})
    return records


@pytest.fixture(scope="module")
def stage():
    n = Normalizer(Glossary.from_records(_records()))
    return n.pipeline.stages["fuzzy"]


def _reference_block(stage, tokens):
    """The blocking as first written: every name of every posting read, votes added one by one,
    each query word's vote once per name."""
    index = stage.index
    votes: dict[int, float] = defaultdict(float)
    postings = []
    for k, tok in enumerate(tokens):
        if tok.kind == Kind.LEGAL:
            continue
        weight = stage.weight(tok)
        hit = False
        for key in tok.keys:
            posting = index.postings.get(key)
            if posting:
                hit = True
                postings.append((len(posting), weight, posting, k))
        if not hit and spelling_comparable(tok):
            for word in stage.spellings.get().near(tok.text):
                posting = index.postings.get(word)
                if posting:
                    postings.append((len(posting), weight, posting, k))
    postings.sort(key=itemgetter(0))
    budget = fuzzy_module._BLOCK_BUDGET
    voted: set[tuple[int, int]] = set()
    for size, weight, posting, k in postings:
        if budget <= 0:
            break
        for rep_id in posting[:budget]:
            if (k, rep_id) not in voted:
                voted.add((k, rep_id))
                votes[rep_id] += weight
        budget -= size
    return [r for r, _ in heapq.nlargest(fuzzy_module._MAX_CANDIDATES, votes.items(), key=itemgetter(1))]


names = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6).map(" ".join)


@pytest.mark.parametrize(("budget", "candidates"), [(2000, 24), (40, 5), (15, 3), (1, 1)])
def test_block_equals_the_plain_vote_count(stage, monkeypatch, budget, candidates):
    monkeypatch.setattr(fuzzy_module, "_BLOCK_BUDGET", budget)
    monkeypatch.setattr(fuzzy_module, "_MAX_CANDIDATES", candidates)
    rng = random.Random(budget)
    lex = stage.index.lexicon
    queries = [r["name"] for r in _records()] + [" ".join(rng.sample(_WORDS, 4)) for _ in range(300)]
    for text in queries:
        tokens = lex.tokens(text)
        assert stage._block(tokens) == _reference_block(stage, tokens), text


@settings(max_examples=300, deadline=None)
@given(names, names)
def test_a_surely_different_pair_scores_nothing(stage, query, name):
    lex = stage.index.lexicon
    q, c = lex.tokens(query), lex.tokens(name)
    if stage._surely_different(stage._side(q), stage._side(c)):
        assert stage.score(q, c)[0] == 0.0
        assert stage.score(q, c, person=True)[0] == 0.0


def test_the_shortcut_rejects_other_brands_and_spares_typos(stage):
    lex = stage.index.lexicon

    def surely(a: str, b: str) -> bool:
        return stage._surely_different(stage._side(lex.tokens(a)), stage._side(lex.tokens(b)))

    assert surely("Kestrel Space Company", "Huoli Space Company")
    assert surely("502 Research Institute", "No. 6 Research Institute")
    assert not surely("Qinglan Space Company", "Qinglaan Space Company")  # one letter apart
    assert surely("Qinglan Space Company", "Qinglan Rocket Company")  # Space is not Rocket
    assert not surely("Qinglan Space Company", "Beijing Qinglan Space Company")  # a place is weighed
    assert not surely("Space Company, CAS", "Kestrel Space Company")  # a parent is set apart, not left


def test_match_is_unchanged_by_the_prepared_sides(stage):
    # the names' prepared sides are remembered: asking twice answers alike
    for text in ("Qinglaan Space Company", "Kestrel Optics Academy", "Beijing Tianbin Rocket Group"):
        first = stage.match(Query(text))
        again = stage.match(Query(text))
        assert first == again
