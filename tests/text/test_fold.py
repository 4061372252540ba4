"""aeronorm.text: cleaning, folding, tokens, exact keys and script detection."""

from __future__ import annotations

import re
import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aeronorm.text import fold as fold_module
from aeronorm.text.fold import (
    _doubled,
    clean_text,
    fold,
    fold_key,
    has_han,
    has_latin,
    is_han_char,
    iter_tokens,
    probe_key,
    probe_keys,
    tokenize,
    without_invisibles,
)

# ------------------------------------------------------------------ clean_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("China Sp\u200bace Foundation", "China Space Foundation"),  # zero-width space
        ("\ufeffCASIC", "CASIC"),  # byte-order mark
        ("CAS\u00adIC", "CASIC"),  # soft hyphen
        ("\u202eCASIC\u202c", "CASIC"),  # bidi override and pop
        ("\u200fNWPU\u200e", "NWPU"),  # RTL and LTR marks
        ("CASIC\x00Academy", "CASIC Academy"),  # NUL becomes a separator, not glue
        ("CASIC\x1b[0m", "CASIC [0m"),  # escape sequences lose their ESC
        ("Xi\u2019an", "Xi'an"),
        ("\u201cSmart\u201d", '"Smart"'),
        ("Beidou\u2014Navigation", "Beidou-Navigation"),
        ("Future Travel\uff08Hainan\uff09", "Future Travel(Hainan)"),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def test_without_invisibles_maps_each_kept_character_back():
    text = "\ufeffBei\u00adhang Uni\u200b\u200dversity\u200e"
    clean, where = without_invisibles(text)
    assert clean == clean_text(text) == "Beihang University"
    assert [text[i] for i in where[:-1]] == list(clean) and where[-1] == len(text)
    assert without_invisibles("Beihang University") == ("Beihang University", None)


def test_clean_text_replaces_lone_surrogates():
    out = clean_text("a\ud800b\udfffc")
    assert out == "a\ufffdb\ufffdc"
    out.encode("utf-8")  # now encodable


def test_clean_text_keeps_plain_text_identical():
    s = "Northwestern Polytechnical University,  Xi'an (NWPU)"
    assert clean_text(s) == s


# ------------------------------------------------------------------ fold / tokenize / fold_key


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  CHINA   Space\tFoundation ", "china space foundation"),
        ("Ｃｈｉｎａ\u3000Ａｅｒｏｓｐａｃｅ", "china aerospace"),  # full-width letters and space
        ("Tsien Hsüeh-sên", "tsien hsueh-sen"),  # accents dropped
        ("STRASSE Straße", "strasse strasse"),  # casefold, not lower
        ("Xi’an", "xi'an"),
        ("中国航天", "中国航天"),  # Han untouched
        ("CASIC, Ltd.", "casic, ltd."),  # other punctuation kept by fold
    ],
)
def test_fold(raw, expected):
    assert fold(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "China Aerospace Science & Industry Corp.",
            ["china", "aerospace", "science", "and", "industry", "corp"],
        ),
        ("Sci.&Tech.", ["sci", "and", "tech"]),
        ("People\u2019s Government", ["peoples", "government"]),
        ("Xi'an", ["xian"]),
        ("Co.,Ltd.", ["co", "ltd"]),
        ("snake_case", ["snake", "case"]),
        ("CASIC-IT", ["casic", "it"]),
        ("6th Academy", ["6th", "academy"]),
        ("中国 航天", ["中国", "航天"]),
        ("", []),
        ("(((...)))", []),
    ],
)
def test_tokenize(raw, expected):
    assert tokenize(raw) == expected


@pytest.mark.parametrize(
    "variant",
    [
        "China Great Wall Industry Corp.",
        "CHINA GREAT WALL INDUSTRY CORP",
        "china-great-wall industry corp",
        "  China  Great Wall,  Industry (Corp) ",
        "Ｃｈｉｎａ Ｇｒｅａｔ Ｗａｌｌ Ｉｎｄｕｓｔｒｙ Ｃｏｒｐ．",
        "\u201cChina Great Wall\u201d Industry Corp",
    ],
)
def test_fold_key_collapses_formatting(variant):
    assert fold_key(variant) == "china great wall industry corp"


def test_fold_key_keeps_words_apart():
    # Folding is formatting only: different words stay different keys.
    assert fold_key("China Aerospace Science and Technology Corp") != fold_key(
        "China Aerospace Science and Industry Corp"
    )
    assert fold_key("Science & Industry") == fold_key("Science and Industry")


def _reference_fold_key(s: str) -> str:
    """A straightforward spelling of the documented key: NFKC, casefold, ``&`` read as
    ``and``, apostrophes inside words dropped, everything else non-alphanumeric a space."""
    s = unicodedata.normalize("NFKC", s).casefold().replace("`", "'")
    s = s.replace("&", " and ")
    s = re.sub(r"(?<=[a-z0-9])'(?=[a-z0-9])", "", s)
    s = "".join(c if c.isalnum() and c.isascii() else " " for c in s)
    return " ".join(s.split())


_NAME_ALPHABET = string.ascii_letters + string.digits + " .,;:-()&'`_/\t\n" + "ＡＢＣａｂｃ１２３（）＆＇"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_NAME_ALPHABET, max_size=40))
def test_fold_key_matches_reference(s):
    assert fold_key(s) == _reference_fold_key(s)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_fold_key_is_idempotent_and_tokenize_agrees(s):
    key = fold_key(s)
    assert fold_key(key) == key
    assert key == " ".join(tokenize(s))
    assert key == key.strip() and "  " not in key


# ------------------------------------------------------------------ probe keys (the exact stage's batch path)


def test_probe_key_examples():
    assert probe_key("china great wall") == b"ChinaGreatWall"
    assert probe_key("") == b""
    # a key with digits is itself in bytes; Han characters and other scripts are their own keys
    assert probe_key("no 502 institute") == b"no 502 institute"
    assert probe_key("5th") != probe_key("5 th")
    assert probe_key("中国 航天") == "中国 航天"
    assert probe_key("xi an") != probe_key("xian")  # word boundaries kept


@pytest.mark.parametrize(
    "variant",
    [
        "CHINA GREAT WALL INDUSTRY CORP.",
        "china great wall industry corp",
        "China  Great-Wall, Industry Corp.",
        "Ｃｈｉｎａ Ｇｒｅａｔ Ｗａｌｌ Ｉｎｄｕｓｔｒｙ Ｃｏｒｐ",
        "\u201cChina Great Wall\u201d Industry \u2014 Corp",
        "China Gre\u200bat Wall Industry Corp",
    ],
)
def test_probe_keys_of_variants_are_one_key(variant):
    expected = probe_key(fold_key("China Great Wall Industry Corp"))
    assert probe_keys([variant]) == [expected]
    assert probe_keys(["x", variant, "5th Academy"])[1] == expected


# Names as people write them: ASCII letters and punctuation most, and everything that sends a name
# another way: digits, backticks, controls, newlines, full-width forms, quotes, accents, Han,
# invisible characters, a lone surrogate.
_PROBE_ALPHABET = (
    string.ascii_letters + "  .,;:-()&'/\"_" + "`0123456789\t\n\x00\x7f"
    + "ＡＢＣａｂｃ１２（）＆＇\u2019\u201c\u201d\u2014·éüßİ航天科\u200b\u00ad\ud800"
)
_names = st.text(alphabet=_PROBE_ALPHABET, max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(_names, max_size=12))
def test_probe_keys_are_the_probe_keys_of_fold_key(texts):
    # The batch path and the one-by-one reference agree on every text, in any company.
    assert probe_keys(texts) == [probe_key(fold_key(t)) for t in texts]


@settings(max_examples=300, deadline=None)
@given(_names, _names)
def test_probe_keys_are_equal_exactly_when_fold_keys_are(a, b):
    assert (probe_keys([a])[0] == probe_keys([b])[0]) == (fold_key(a) == fold_key(b))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=string.ascii_letters + " -.,'&", max_size=25), min_size=1, max_size=20))
def test_probe_keys_of_letter_names_take_the_batch_path(texts):
    # Letters and punctuation only: every key comes from the bytes pass, none one by one.
    fold_key.cache_clear()
    keys = probe_keys(texts)
    assert fold_key.cache_info().currsize == 0
    assert keys == [probe_key(fold_key(t)) for t in texts]
    assert all(isinstance(k, bytes) for k in keys)


@pytest.mark.parametrize(
    "text",
    ["People's Daily", "PEOPLE'S  DAILY", "a''b", "'quoted' name", "x'-y", "o'&a", "Xi`an", "Xi\u2019an",
     "it's'", "'", "''", "a' b", "Rock'n'Roll Co.", "No.5", "5'6", "A & B", "&&", "5th", "5 th", "3'a",
     "Ｎｏ．５０２", "\u201c5\u201d", "x`5", "x\uff405"],
)
def test_probe_keys_of_apostrophes_ampersands_and_digits(text):
    expected = probe_key(fold_key(text))
    assert probe_keys([text]) == [expected]
    assert probe_keys(["Abc Def", text, "x"]) == [b"AbcDef", expected, b"X"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["'", "a", "B", "\n", " ", "b" * 200]), max_size=300))
def test_doubled_apostrophes_are_found_however_many_apostrophes(parts):
    # The letters pass deletes apostrophes in one pass unless two are side by side ("a''b" is two
    # words): found by walking the apostrophes, then, when they are dense, by a search of the rest.
    raw = "".join(parts)
    assert _doubled(raw.encode(), b"'") == ("''" in raw)
    texts = raw.split("\n")
    assert probe_keys(texts) == [probe_key(fold_key(t)) for t in texts]


# Characters of the batch map (full-width forms, typographic quotes and dashes, no-break spaces,
# accented letters) and digits: keyed by the bytes passes, none one by one.
def _batched(char: str) -> bool:
    # neither fold_key nor the tokenizer of what is left outside ASCII is asked
    fold_key.cache_clear()
    asked: list[str] = []
    tokens = fold_module._tokens
    fold_module._tokens = lambda folded: asked.append(folded) or tokens(folded)
    try:
        probe_keys(["a" + char + "b"])
    finally:
        fold_module._tokens = tokens
    return fold_key.cache_info().currsize == 0 and not asked


_CANDIDATES = [*range(0x80, 0x250), *range(0x2000, 0x2070), *range(0x3000, 0x3020), *range(0xFF00, 0xFF60)]
_MAPPED = "".join(filter(_batched, map(chr, _CANDIDATES)))


def test_the_batch_map_holds_what_names_are_written_with():
    for char in "\u00a0\u3000\u2019\u201c\u201d\u2014（），．＆＇ＡＺａｚ０９éüñçāǎǚ":
        assert char in _MAPPED


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=string.ascii_letters + string.digits + " -.,'&`/()" + _MAPPED, max_size=25),
                min_size=1, max_size=20))
def test_probe_keys_of_mapped_characters_and_digits_take_the_batch_path(texts):
    fold_key.cache_clear()
    keys = probe_keys(texts)
    assert fold_key.cache_info().currsize == 0
    assert keys == [probe_key(fold_key(t)) for t in texts]
    assert all(isinstance(k, bytes) for k in keys)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_PROBE_ALPHABET + _MAPPED[::7] + "#+~?|\x01\x85\u0301ﬁǖİ²", max_size=20),
                max_size=12))
def test_probe_keys_of_any_mix_are_those_of_fold_key(texts):
    # characters in and out of the map, in one batch: each text keyed as fold_key keys it
    assert probe_keys(texts) == [probe_key(fold_key(t)) for t in texts]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=string.ascii_letters + " -.,'&5", max_size=20), min_size=1, max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.text(alphabet=_PROBE_ALPHABET + "ǖİ²航", min_size=1,
                                                      max_size=12)), max_size=10))
def test_probe_keys_of_a_few_texts_outside_ascii_among_ascii_ones(plain, others):
    # A few texts outside ASCII, anywhere in a batch in ASCII (keyed apart from the others, which
    # take the ASCII path when they are three quarters or more): each keyed as fold_key keys it.
    texts = list(plain)
    for at, text in others:
        texts.insert(at, text)
    assert probe_keys(texts) == [probe_key(fold_key(t)) for t in texts]


def test_probe_keys_of_nothing():
    assert probe_keys([]) == []
    assert probe_keys(iter(["A", "b"])) == [b"A", b"B"]


# ------------------------------------------------------------------ iter_tokens


def test_iter_tokens_spans_point_into_the_original():
    text = "Ｘｉ\u2019an \u201cNWPU\u201d  中国航天 6th"
    toks = iter_tokens(text)
    assert [(t.start, t.end, t.norm) for t in toks] == [
        (0, 5, "xian"),
        (7, 11, "nwpu"),
        (14, 18, "中国航天"),
        (19, 22, "6th"),
    ]
    for t in toks:
        assert text[t.start : t.end] == t.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_iter_tokens_spans_are_ordered_and_exact(text):
    end = 0
    for t in iter_tokens(text):
        assert end <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        end = t.end


# ------------------------------------------------------------------ scripts


@pytest.mark.parametrize(
    ("text", "han", "latin"),
    [
        ("China Space Foundation", False, True),
        ("中国航天基金会", True, False),
        ("中國航天基金會", True, False),  # traditional
        ("CASIC航天科工", True, True),
        ("Hsüeh", False, True),
        ("Москва", False, False),
        ("🚀 123", False, False),
        ("\U00020000", True, False),  # CJK extension B
    ],
)
def test_scripts(text, han, latin):
    assert has_han(text) is han
    assert has_latin(text) is latin


@pytest.mark.parametrize(
    ("ch", "expected"),
    [
        ("航", True),
        ("國", True),
        ("\U0002a700", True),
        ("a", False),
        ("ア", False),
        ("한", False),
        ("、", False),
    ],
)
def test_is_han_char(ch, expected):
    assert is_han_char(ch) is expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x7F), max_size=40))
def test_fold_of_ascii_is_the_unicode_fold(text):
    # fold's fast path for printable ASCII must give what the Unicode path gives
    reference = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", clean_text(text)).casefold()).strip()
    assert fold(text) == reference


def test_probe_keys_of_a_long_batch_are_keyed_in_parts():
    texts = [f"Name {k % 7} \u201cX{k}\u201d" if k % 3 else f"NAME-{chr(65 + k % 26)}"
             for k in range(120_000)]
    texts[60_001] = "two\nlines"  # one part keyed one by one
    assert probe_keys(texts) == [probe_key(fold_key(t)) for t in texts]
