"""aeronorm.lexicon.spelling: typos and spacing of words outside the vocabulary.

The examples are invented: a brand word, place words, generic words, pinyin syllable chains,
ambiguous typos, joined and split words. A property test checks the deletion index against a
brute-force reading over every known word, with a Damerau (OSA) distance written out here.
"""

from __future__ import annotations

import pickle
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aeronorm.lexicon.spelling import Correction, Speller

VOCABULARY = [
    "tianbing", "hubei", "hebei", "corporation", "technology", "industry", "hangtian", "kejian",
    "kejiang", "launch", "data", "group", "space", "craft", "spacecraft", "spaceflight", "light",
    "unit", "cas", "beijing", "star", "start", "tup", "up", "research", "institute",
]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(VOCABULARY)


# -- typos --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typo", "reading", "distance"),
    [
        ("Tianbimg", "tianbing", 1),  # a brand word, one letter changed
        ("Corporaton", "corporation", 1),  # a generic word, one letter dropped
        ("hangtain", "hangtian", 1),  # a pinyin syllable chain, two letters swapped
        ("Reseearch", "research", 1),  # a letter doubled
        ("Hubel", "hubei", 1),  # a place word, one letter changed (Hebei is two edits away)
        ("Institue", "institute", 1),
        ("Corportin", "corporation", 2),  # long words: two edits
        ("Orporation", "corporation", 1),  # long words: the first letter may be lost
    ],
)
def test_an_unknown_word_within_reach_of_one_word_is_read_as_it(speller, typo, reading, distance):
    corrected = speller.correct(typo)
    assert corrected == Correction(typo, reading, distance, distance / max(len(typo), len(reading)))
    assert corrected.words == (reading,)


def test_two_known_words_are_never_bridged(speller):
    # Hubei and Hebei, Kejian and Kejiang: each a word of its own, however alike.
    for word in ("Hubei", "Hebei", "Kejian", "Kejiang", "Technology", "Industry"):
        assert speller.known(word)
        assert speller.correct(word) is None


def test_a_typo_within_reach_of_two_words_is_left_unread(speller):
    assert {w for w, _ in speller.neighbours("hobei")} == {"hubei", "hebei"}
    assert speller.correct("Hobei") is None
    assert speller.correct("Kejiag") is None  # kejian (g changed) or kejiang (n dropped)


def test_short_words_are_never_read_and_never_a_reading(speller):
    assert speller.correct("Uni") is None  # shorter than min_length
    assert speller.correct("Unti") == Correction("Unti", "unit", 1, 0.25)
    assert speller.correct("Cass") is None  # its one neighbour, CAS, is too short to be a reading
    assert Speller(VOCABULARY, min_length=5).correct("Unti") is None


def test_a_short_word_keeps_its_first_letter(speller):
    assert speller.correct("Eijing") is None  # short: a lost first letter is another word
    assert speller.correct("Bubei") is None
    assert speller.correct("Beijng") == Correction("Beijng", "beijing", 1, 1 / 7)


def test_two_edits_only_between_long_words(speller):
    assert speller.correct("Tianbmg") is None  # two edits, but eight letters
    assert Speller(VOCABULARY, long_from=7).correct("Tianbmg").reading == "tianbing"
    assert Speller(VOCABULARY, max_edits_long=1).correct("Corportin") is None


def test_protected_words_are_known_never_a_reading_and_count_as_neighbours():
    speller = Speller(["hubei", "orbital"], protected=["hebei", "station"])
    assert speller.known("Hebei") and speller.correct("Hebei") is None
    assert speller.correct("Hobei") is None  # Hubei or the protected Hebei
    assert speller.correct("Statoin") is None  # its only neighbour is protected
    assert speller.correct("Orbitl").reading == "orbital"


def test_only_plain_letters_are_edited():
    speller = Speller(["unit701", "zurich", "xi'an", "orbital"])
    assert speller.correct("unit702") is None  # numbers are distinctive
    assert speller.correct("zürich") is None  # callers fold accents first
    assert speller.correct("xian") is None  # a reading is plain letters too
    assert speller.correct("北京大学") is None
    assert speller.correct("") is None


def test_case_is_folded_and_the_original_kept(speller):
    assert speller.correct("CORPORATON").reading == "corporation"
    assert speller.correct("corporaton").original == "corporaton"  # memo keyed by the folded word
    assert speller.correct("Corporaton").original == "Corporaton"


def test_no_edits_allowed_reads_nothing():
    assert Speller(VOCABULARY, max_edits_short=0, max_edits_long=0).correct("Corporaton") is None
    assert Speller(VOCABULARY, max_edits_short=0).correct("Tianbimg") is None
    assert Speller(VOCABULARY, max_edits_short=0).correct("Corporaton").reading == "corporation"


# -- joined and split words ---------------------------------------------------------------------------
def test_a_joined_word_splits_into_its_one_pair(speller):
    assert speller.split("LaunchData") == ("launch", "data")
    assert speller.split("groupcorporation") == ("group", "corporation")
    assert speller.split("spaceflight") is None  # a word of its own
    assert speller.split("startup") is None  # star+tup or start+up
    assert speller.split("launchdta") is None  # parts must be words as written
    assert speller.split("unit1data") is None


def test_a_split_needs_two_vocabulary_words():
    speller = Speller(["launch"], protected=["data"])
    assert speller.split("launchdata") is None
    assert Speller(["ab", "cd"], min_part=3).split("abcd") is None
    assert Speller(["ab", "cd"]).split("abcd") == ("ab", "cd")


def test_a_split_word_joins_when_one_part_needs_a_reading(speller):
    assert speller.join("spacef", "light") == "spaceflight"  # a misplaced space
    assert speller.join("Corpo", "ration") == "corporation"
    assert speller.join("space", "craft") is None  # two known words stay two words
    assert speller.join("launch", "dat") is None  # the join is no word
    assert speller.join("u", "nit") is None  # a part shorter than min_part


def test_read_gives_the_one_reading(speller):
    split = speller.read("LaunchData")
    assert split == Correction("LaunchData", "launch data", 1, 1 / 11)
    assert split.words == ("launch", "data")
    assert speller.read("Corporaton").reading == "corporation"
    assert speller.read("Hubei") is None
    both = Speller(["launch", "data", "launchdate"])
    assert both.correct("launchdata").reading == "launchdate"
    assert both.split("launchdata") == ("launch", "data")
    assert both.read("launchdata") is None  # two readings: ambiguous


# -- bad input ---------------------------------------------------------------------------------------
def test_bad_input_is_a_clear_error():
    with pytest.raises(TypeError, match="not one string"):
        Speller("corporation")
    with pytest.raises(TypeError, match="must hold strings"):
        Speller(["corporation", None])
    with pytest.raises(TypeError, match="must hold strings"):
        Speller(["corporation"], protected=[3])
    with pytest.raises(ValueError, match="max_edits_short"):
        Speller([], max_edits_short=2)
    with pytest.raises(ValueError, match="max_edits_long"):
        Speller([], max_edits_long=3)
    with pytest.raises(ValueError, match="min_length"):
        Speller([], min_length=0)
    with pytest.raises(ValueError, match="long_from"):
        Speller([], long_from=1)
    with pytest.raises(ValueError, match="min_part"):
        Speller([], min_part=2.5)
    speller = Speller(["corporation"])
    for call in (speller.correct, speller.split, speller.known, speller.read, speller.neighbours):
        with pytest.raises(TypeError, match="must be a string"):
            call(None)
    with pytest.raises(TypeError, match="must be a string"):
        speller.join("corpo", 5)


def test_pickles(speller):
    speller.correct("Corporaton")
    copy = pickle.loads(pickle.dumps(speller))
    assert copy.correct("Corporaton") == speller.correct("Corporaton")
    assert copy.split("launchdata") == ("launch", "data")


def test_the_index_is_linear_in_the_vocabulary():
    rng = random.Random(7)
    words = {"".join(rng.choice("abcdefghij") for _ in range(rng.randint(1, 16))) for _ in range(3000)}
    speller = Speller(words)
    assert speller.index_keys <= sum(len(w) + 2 for w in words)


# -- the deletion index against brute force -----------------------------------------------------------
def osa(a: str, b: str) -> int:
    """Optimal string alignment distance, the textbook dynamic programme."""
    d = [[i + j if not i * j else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def reference(vocabulary, protected, word, *, short, long, long_from, min_length):
    """The reading the rules give, looking at every known word."""
    known = set(vocabulary) | set(protected)
    near = []
    for other in sorted(known):
        allowed = long if min(len(word), len(other)) >= long_from else short
        if other == word or abs(len(word) - len(other)) > allowed:  # each edit adds one letter at most
            continue
        distance = osa(word, other)
        if distance <= allowed:
            near.append((other, distance))
    near.sort(key=lambda pair: (pair[1], pair[0]))
    # a word and its plural are one candidate (the nearer kept)
    candidates = []
    for other, distance in near:
        if not any(other in (k + "s", k + "es") or k in (other + "s", other + "es") for k, _ in candidates):
            candidates.append((other, distance))
    # a long word one edit from one word and two from the others is the one edit's
    if len(candidates) > 1 and candidates[0][1] == 1 < candidates[1][1] and len(word) >= long_from:
        candidates = candidates[:1]
    reading = None
    if len(word) >= min_length and word.isalpha() and word not in known and len(candidates) == 1:
        other, distance = candidates[0]
        long_pair = min(len(word), len(other)) >= long_from
        if other in vocabulary and len(other) >= min_length and (other[0] == word[0] or long_pair):
            reading = (other, distance)
    return tuple(near), reading


def edited(rng: random.Random, word: str, alphabet: str) -> str:
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(word) + 1)
        op = rng.choice("dist")
        if op == "d" and i < len(word):
            word = word[:i] + word[i + 1:]
        elif op == "i":
            word = word[:i] + rng.choice(alphabet) + word[i:]
        elif op == "s" and i < len(word):
            word = word[:i] + rng.choice(alphabet) + word[i + 1:]
        elif op == "t" and i + 1 < len(word):
            word = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32),
    alphabet=st.sampled_from(["ab", "abc", "abcdef", "abcdefghijklmnopqrstuvwxyz"]),
    edits=st.sampled_from([(0, 0), (0, 1), (1, 1), (0, 2), (1, 2)]),
    long_from=st.integers(2, 11),
    min_length=st.integers(1, 6),
)
def test_the_index_finds_what_brute_force_finds(seed, alphabet, edits, long_from, min_length):
    rng = random.Random(seed)
    word = lambda: "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 15)))  # noqa: E731
    vocabulary = {word() for _ in range(rng.randint(0, 60))}
    protected = {word() for _ in range(rng.randint(0, 10))}
    known = sorted(vocabulary | protected)
    queries = [word() for _ in range(20)]
    queries += [edited(rng, rng.choice(known), alphabet) for _ in range(40)] if known else []
    short, long = edits
    speller = Speller(vocabulary, protected=protected, max_edits_short=short, max_edits_long=long,
                      long_from=long_from, min_length=min_length)
    for query in queries:
        near, reading = reference(vocabulary, protected, query, short=short, long=long,
                                  long_from=long_from, min_length=min_length)
        assert speller.neighbours(query) == near, query
        corrected = speller.correct(query)
        assert (corrected and (corrected.reading, corrected.distance)) == (reading or None), query


def test_a_word_and_its_plural_are_one_reading():
    # "orbitallcs" is a typo of "orbitalics"; "orbitalic", two edits away, is the same word
    s = Speller(["orbitalics", "orbitalic", "tarnwell"])
    assert s.correct("orbitallcs").reading == "orbitalics"
    # two different words as near stay ambiguous
    assert Speller(["orbitalics", "orbitalecs"]).correct("orbitalxcs") is None


def test_a_long_word_one_edit_from_one_word_and_two_from_another_is_the_one_edit_s():
    s = Speller(["corporation", "cooperation", "hubei", "hebei"])
    assert s.correct("Corpration").reading == "corporation"  # cooperation: two edits
    assert s.correct("Hobei") is None  # a short word: one edit from both
    assert Speller(["corporation", "corpuration"]).correct("Corpration") is None  # one edit from both
