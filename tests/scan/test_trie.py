"""aeronorm.scan.trie: the remembered walks answer what a fresh walk answers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Words that open many glossary paths, and what may follow them: more continuations per first
# word than the memo keeps, so that stretches are remembered, reordered and forgotten.
_OPENERS = ["China", "Chinese", "Beijing", "National", "Aerospace", "State", "CASIC", "the"]
_NEXT = ["Aerospace", "Academy", "of", "Science", "and", "Industry", "Technology", "Corporation", "Space",
         "Great", "Wall", "University", "Institute", "said", "Co.,", "Ltd.", "Launch", "Vehicle", "labour",
         "National", "Administration", "Foundation", "Society", "Astronautics", "'s", "(CASC)"]
_GAPS = [" ", " ", " ", ", ", ". ", "\n", " and "]


@st.composite
def _texts(draw):
    pieces = []
    for _ in range(draw(st.integers(1, 12))):
        pieces.append(draw(st.sampled_from(_OPENERS)))
        for _ in range(draw(st.integers(0, 6))):
            pieces.append(draw(st.sampled_from(_GAPS[:3])) + draw(st.sampled_from(_NEXT)))
        pieces.append(draw(st.sampled_from(_GAPS)))
    return "".join(pieces)


@pytest.fixture(scope="module")
def trie(normalizer):
    return normalizer.scanner.trie


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_texts(), min_size=1, max_size=6))
def test_remembered_ends_are_a_fresh_walks_longest_first(trie, texts):
    for text in texts:
        doc = trie.words.doc(text)
        for c in range(len(doc.seq)):
            ends = trie.ends(doc, c)
            fresh = trie.walk(doc, c)[0]
            assert ends == sorted(fresh, key=lambda e: e[0], reverse=True)
            assert [e for e, _ in ends] == sorted((e for e, _ in ends), reverse=True)


def test_more_stretches_than_the_memo_keeps(trie):
    # one first word, many continuations: later texts must not be answered by an earlier stretch
    conts = ["Aerospace Science and Industry Corporation", "Great Wall Industry Corporation", "said so",
             "Academy of Space Technology", "National Space Administration", "Aerospace Foundation"]
    tails = ["said", "Ltd.", "(CASC)", "and NWPU", "labour", "'s team"]
    texts = [f"China {c} {t}. China {c}." for t in tails for c in conts] * 2  # 36 stretches, twice
    for text in texts:
        doc = trie.words.doc(text)
        for c in range(len(doc.seq)):
            assert trie.ends(doc, c) == sorted(trie.walk(doc, c)[0], key=lambda e: e[0], reverse=True)


def test_more_stretches_than_the_memo_keeps_after_two_words(trie):
    # stretches are kept by their first two words: many continuations of "China Aerospace"
    conts = ["Science and Industry Corporation", "Science and Technology Corporation", "Foundation",
             "Academy", "Industry", "Science", "Technology", "Corporation", "said", "and NWPU"]
    tails = ["said", "Ltd.", "(CASC)", "labour", "'s team"]
    texts = [f"China Aerospace {c} {t}. China Aerospace {c}." for t in tails for c in conts] * 2
    for text in texts:
        doc = trie.words.doc(text)
        for c in range(len(doc.seq)):
            assert trie.ends(doc, c) == sorted(trie.walk(doc, c)[0], key=lambda e: e[0], reverse=True)


# -- the trie made from sorted paths -------------------------------------------------------------------
def _forms_at(root, labels):
    """The forms that end where ``labels`` lead from the root of a trie of :func:`_trie_of`."""
    from aeronorm.scan.trie import _END, _descend

    place = _descend(root, 0, labels)
    if place is None:
        return None
    node, at = place
    return node.get(_END) if type(node) is dict else node[at + 1] if node[at] == _END else None


def _dict_forms(paths):
    """Every path's forms, in the order they came, by its labels."""
    out: dict = {}
    for labels, form in paths:
        out.setdefault(tuple(labels), []).append(form)
    return out


_LABELS = st.lists(st.sampled_from(["航", "天", "科", "space", "\x00", "group"]), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_LABELS.map(tuple), st.integers(0, 50)), max_size=40),
       st.lists(_LABELS.map(tuple), max_size=10))
def test_trie_of_sorted_paths_finds_every_paths_forms(paths, others):
    from aeronorm.scan.trie import _trie_of

    root = _trie_of(list(paths))
    forms = _dict_forms(paths)
    for labels in [*forms, *others, *(p[:k] for p in forms for k in range(len(p)))]:
        assert _forms_at(root, labels) == forms.get(labels)


def test_trie_of_runs_of_nodes_that_hold_one_thing():
    from aeronorm.scan.trie import _END, _trie_of

    root = _trie_of([(("a", "b", "c"), 1), (("a", "b", "d", "e"), 2), (("x",), 3), (("x",), 4)])
    assert root == {"a": ("b", {"c": (_END, [1]), "d": ("e", _END, [2])}), "x": (_END, [3, 4])}


def test_trie_of_paths_of_fifteen_hundred_labels():
    from aeronorm.scan.trie import _trie_of

    long = tuple(str(k) for k in range(1500))
    paths = [(long, "a"), (long[:700], "b"), ((*long[:700], "x"), "c"), (long, "d")]
    root = _trie_of(list(paths))  # built without recursion
    assert _forms_at(root, long) == ["a", "d"]
    assert _forms_at(root, long[:700]) == ["b"]
    assert _forms_at(root, (*long[:700], "x")) == ["c"]
    assert _forms_at(root, long[:699]) is None
    assert _forms_at(root, (*long, "y")) is None
