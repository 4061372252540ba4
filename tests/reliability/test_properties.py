"""Properties that hold for every input: the shipped glossary resolves to itself, batch equals
one by one, mentions are exact spans, text outside mentions is untouched, nothing raises.

``tests/test_normalizer.py``, ``tests/test_bad_input.py`` and ``tests/test_scan.py`` hold the
first versions of some of these on narrower inputs; here the inputs are hostile (lone
surrogates, bidirectional and zero-width marks, combining marks, emoji, NUL, very long tokens)
and the oracle for the glossary is :meth:`Glossary.lint`, not the matcher's own tables.
"""

from __future__ import annotations

import math
import os
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from aeronorm import Glossary, Match, Normalizer
from aeronorm.batch import is_missing
from aeronorm.pipeline.retranslation import MAX_QUERY_CHARS
from aeronorm.results import Mention
from aeronorm.text.fold import fold_key, tokenize

SHARED_CODES = ("shared-alias", "alias-is-other-name")
# Modest in CI; AERONORM_PROPERTY_EXAMPLES=5000 makes a deep run (docs/reliability.md).
EXAMPLES = int(os.environ.get("AERONORM_PROPERTY_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------------------------- strategies
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
COMBINING = "\u0301\u0308\u0327\u0303\u0336\u20dd"
CONTROL = "\x00\x01\x07\x1b\x7f\x85\u2028\u2029"
EMOJI = ["🚀", "🛰️", "👩‍🚀", "🇨🇳", "🏳️‍🌈", "1️⃣"]
BRACKETS = "()[]（）【】《》「」"
SPECIAL = list(INVISIBLE + BIDI + COMBINING + CONTROL + BRACKETS) + EMOJI + ["\ud800", "\udfff", "\ud83d"]


def _forms(glossary: Glossary) -> list[str]:
    out = []
    for e in glossary.entities:
        out += [e.name, *e.aliases, *e.abbreviations, *e.chinese_names()]
    return out


FORMS = _forms(Glossary.default())

any_char = st.characters(blacklist_categories=())  # every code point, lone surrogates included
long_token = st.builds(
    lambda c, n: c * n,
    st.sampled_from(["a", "7", "(", "航", "國", "\u0301", "\u200b", "🚀", "Xi'", "CASIC", "a-", "\ud800"]),
    st.integers(min_value=500, max_value=6000),
)
piece = st.one_of(
    st.text(any_char, max_size=12),
    st.sampled_from(SPECIAL),
    st.sampled_from(FORMS),
    st.sampled_from([" ", " ", "\n", ", ", ". ", "'s ", " of ", " and ", "-", "\t"]),
    long_token,
)
hostile = st.lists(piece, max_size=10).map("".join)
# Texts that name nothing: lower-case nonsense, punctuation, and every kind of odd character.
quiet = st.lists(
    st.one_of(st.text(st.sampled_from("abcdefgh xyz.,;'’-\n\té"), max_size=12), st.sampled_from(SPECIAL)),
    max_size=12,
).map("".join)


# ---------------------------------------------------------------------------------- the glossary
def _shared(issues, glossary: Glossary, entity_id: str, form: str) -> bool:
    """Whether lint reports ``form`` of ``entity_id`` as claimed by another entity too."""
    key = fold_key(form)
    for issue in issues:
        if issue.code in SHARED_CODES and entity_id in issue.entity_ids:
            others = [glossary[i] for i in issue.entity_ids if i != entity_id]
            if any(key == fold_key(s) for o in others for s in (o.name, *o.aliases, *o.abbreviations,
                                                                  *o.chinese_names())):
                return True
    return False


def _reads_as_shared_chinese(normalizer: Normalizer, glossary: Glossary, entity_id: str, form: str) -> bool:
    """Whether ``form`` names several entities only because it reads as a Chinese short form that
    they share and lint reports ("Sixth Academy" is 六院, CASC's sixth academy and CASIC's; the
    test below checks that lint reports every such key)."""
    owners = {normalizer.index.entities[i].id for i in normalizer.index.exact.get(fold_key(form), ())}
    if len(owners) < 2 or entity_id not in owners:
        return False
    shared = glossary.ambiguous_keys()
    return any(owners <= set(shared.get(fold_key(zh), ())) for zh in glossary[entity_id].chinese_names())


def _own_forms(glossary: Glossary, normalizer: Normalizer) -> tuple[list[tuple[str, str]], int]:
    """(entity id, form) for every name, alias, abbreviation and Chinese name lint does not
    report as shared; and how many forms lint does report. Domain terms are vocabulary, not
    names: a name lookup never answers one (they are checked with ``type="term"`` apart)."""
    issues = glossary.lint()
    own, shared = [], 0
    for e in glossary.entities:
        if e.type == "term":
            continue
        for form in dict.fromkeys((e.name, *e.aliases, *e.abbreviations, *e.chinese_names())):
            if not fold_key(form):
                continue
            if (_shared(issues, glossary, e.id, form)
                    or _reads_as_shared_chinese(normalizer, glossary, e.id, form)):
                shared += 1
            else:
                own.append((e.id, form))
    return own, shared


@pytest.fixture(scope="module")
def own_forms(glossary, normalizer):
    return _own_forms(glossary, normalizer)


def test_every_canonical_name_is_its_own_canonical_name(normalizer, glossary):
    issues = glossary.lint()
    wrong = []
    for e in glossary.entities:
        if _shared(issues, glossary, e.id, e.name):
            continue
        kind = {"type": "term"} if e.type == "term" else {}
        answer = normalizer.match(e.name, **kind)
        if normalizer.normalize(e.name, **kind) != e.name or answer.entity_id != e.id:
            wrong.append((e.id, e.name, normalizer.normalize(e.name)))
    assert wrong == []


def test_every_form_maps_to_its_own_entity_unless_lint_reports_it_shared(normalizer, own_forms):
    forms, shared = own_forms
    assert len(forms) > 1500 and shared > 0
    got = normalizer.match_many([f for _, f in forms])  # the batch path, deduplicated
    wrong = [(eid, f, m and m.entity_id) for (eid, f), m in zip(forms, got, strict=True)
             if m is None or m.entity_id != eid]
    assert wrong == []
    # the one-by-one path agrees (it has its own fast path for forms written as in the glossary)
    assert [normalizer.match(f) for _, f in forms] == got


def test_lint_reports_every_key_the_matcher_abstains_on(glossary):
    issues = [i for i in glossary.lint() if i.code in SHARED_CODES]
    for key, ids in glossary.ambiguous_keys().items():
        assert any(set(ids) <= set(i.entity_ids) for i in issues), (key, ids)


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in s)


NOISE: dict[str, Callable[[str], str]] = {
    "upper": str.upper,
    "lower": str.lower,
    "swapcase": str.swapcase,
    "spaces": lambda s: "  " + s.replace(" ", " \t ") + " \n",
    "zero-width": "\u200b".join,
    "soft hyphen": lambda s: s.replace("a", "a\u00ad"),
    "bidi marks": lambda s: "\u200f" + s + "\u200e",
    "byte order mark": lambda s: "\ufeff" + s,
    "no-break space": lambda s: s.replace(" ", "\u00a0"),
    "NUL for space": lambda s: s.replace(" ", "\x00"),
    "full width": _fullwidth,
    "curly apostrophe": lambda s: s.replace("'", "\u2019"),
    "combining accent": lambda s: s.replace("e", "e\u0301"),
    "decomposed": lambda s: unicodedata.normalize("NFD", s),
}


@pytest.mark.parametrize("noise", sorted(NOISE))
def test_forms_survive_formatting_noise(normalizer, own_forms, noise):
    """Case, spacing, invisible marks, full width and accents never change the entity."""
    change = NOISE[noise]
    forms, _ = own_forms
    wrong = []
    for eid, form in forms:
        m = normalizer.match(change(form))
        if m is None or m.entity_id != eid:
            wrong.append((eid, change(form), m and m.entity_id))
    assert wrong == []


@SETTINGS
@given(data=st.data())
def test_noise_composes(normalizer, own_forms, data):
    eid, form = data.draw(st.sampled_from(own_forms[0]))
    for name in data.draw(st.lists(st.sampled_from(sorted(NOISE)), min_size=2, max_size=4)):
        form = NOISE[name](form)
    assume(len(form) <= MAX_QUERY_CHARS)  # longer input is no name: documented pass-through
    m = normalizer.match(form)
    assert m is not None and m.entity_id == eid, form


@settings(max_examples=max(300, EXAMPLES), deadline=None)
@given(st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30))
def test_fold_key_ascii_fast_path_is_the_general_path(text):
    assert fold_key(text) == " ".join(tokenize(text))


# ---------------------------------------------------------------------------------- many == each
missing_values = st.sampled_from([None, float("nan"), "", "  ", "\t\n"])


@SETTINGS
@given(
    values=st.lists(st.one_of(hostile, st.sampled_from(FORMS), missing_values), max_size=25),
    type_=st.sampled_from([None, "org", "person", "place", "title"]),
    on_unknown=st.sampled_from(["keep", "none"]),
)
def test_normalize_many_equals_a_loop_of_normalize(normalizer, values, type_, on_unknown):
    values = values + values[::2]  # repeats go through the memo
    expected = [v if is_missing(v) else normalizer.normalize(v, type=type_, on_unknown=on_unknown)
                for v in values]
    got = normalizer.normalize_many(values, type=type_, on_unknown=on_unknown)
    assert len(got) == len(values)
    for g, e, v in zip(got, expected, values, strict=True):
        if not is_missing(v):
            assert g == e
        elif isinstance(v, str):
            assert g == v  # blank strings pass through (an equal one may stand for a repeat)
        else:
            assert g is v  # None and NaN: the very object
    matches = normalizer.match_many(values, type=type_)
    assert matches == [None if is_missing(v) else normalizer.match(v, type=type_) for v in values]


# ---------------------------------------------------------------------------------- find
def _check_mentions(normalizer, text: str, mentions) -> None:
    assert mentions.source == text
    end = 0
    for m in mentions:
        assert isinstance(m, Mention) and isinstance(m.match, Match)
        assert 0 <= end <= m.start < m.end <= len(text), (m, end)  # in bounds, ordered, disjoint
        assert text[m.start : m.end] == m.text
        assert m.text.strip() == m.text  # no surrounding space
        assert m.match.entity_id in normalizer.glossary and 0.0 < m.match.score <= 1.0
        assert m.match.score >= normalizer.threshold
        # a rewrite must not leave a bracket of the mention open
        assert sum(map(m.text.count, "([（")) <= sum(map(m.text.count, ")]）")), m.text
        end = m.end


@SETTINGS
@given(text=hostile)
def test_find_spans_are_exact_ordered_and_disjoint(normalizer, text):
    _check_mentions(normalizer, text, normalizer.find(text))


@SETTINGS
@given(
    names=st.lists(st.sampled_from(FORMS), min_size=1, max_size=6),
    glue=st.lists(st.sampled_from([" ", " and ", ", ", " (", ") ", "\n\n", " 的 ", "。", "\u200b ", " 🚀 "]),
                  min_size=6, max_size=6),
    type_=st.sampled_from([None, "org", "person"]),
)
def test_find_in_name_dense_text(normalizer, names, glue, type_):
    text = "Reportedly " + "".join(n + g for n, g in zip(names, glue, strict=False))
    mentions = normalizer.find(text, type=type_)
    _check_mentions(normalizer, text, mentions)
    assert all(type_ is None or m.type == type_ for m in mentions)


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        ("Officials said Future Travel (Hainan) had agreed.",
         "Officials said Future Travel (Hainan) Aerospace Culture Media Co., Ltd. had agreed."),
        # the place in brackets is kept: a rewrite never drops a place the text names (issue 14)
        ("Spacety Co., Ltd. (Changsha) signed.", "Spacety Co., Ltd. (Changsha) signed."),
        # (the brand takes no article: after the writer's "The" the legal name stays)
        ("The Spacety Co., Ltd. (Changsha branch) said", "The Spacety Co., Ltd. (Changsha branch) said"),
        ("Spacety Co., Ltd. (Changsha branch) said", "Spacety (Changsha branch) said"),
    ],
)
def test_a_mention_never_leaves_a_bracket_open(normalizer, text, rewritten):
    """A name ending in an aside ("... (Hainan)") was found without its ")", so the rewrite read
    "... Co., Ltd.)"; now the mention takes the bracket, or stops before an aside that goes on."""
    assert normalizer.normalize_text(text) == rewritten
    for m in normalizer.find(text):
        assert m.text.count("(") == m.text.count(")")


# ---------------------------------------------------------------------------------- rewriting
def _rebuilt(text: str, out) -> str:
    pieces, pos = [], 0
    for r in out.replacements:
        pieces += [text[pos : r.mention.start], r.new]
        pos = r.mention.end
    return "".join(pieces) + text[pos:]


@SETTINGS
@given(text=hostile, style=st.sampled_from(["canonical", "abbreviation", "annotate"]))
def test_normalize_text_changes_mentions_only(normalizer, text, style):
    out = normalizer.normalize_text(text, style=style)
    assert out.source == text
    assert [r.mention for r in out.replacements] == list(normalizer.find(text))
    assert _rebuilt(text, out) == out  # every character outside a mention is the input's
    for r in out.replacements:
        assert out[r.out_start : r.out_end] == r.new


@SETTINGS
@given(text=quiet)
def test_text_without_mentions_is_byte_identical(normalizer, text):
    assert normalizer.find(text) == []
    out = normalizer.normalize_text(text)
    assert out == text and not out.replacements
    assert out.encode("utf-8", "surrogatepass") == text.encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------------------------- never raises
@settings(max_examples=max(80, EXAMPLES), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile)
def test_arbitrary_unicode_never_raises(normalizer, text):
    m = normalizer.match(text)
    assert m is None or (isinstance(m, Match) and 0.0 <= m.score <= 1.0)
    assert normalizer.normalize(text) == (m.canonical if m else text)
    assert normalizer.normalize_many([text, None, text]) == [normalizer.normalize(text), None,
                                                             normalizer.normalize(text)]
    assert normalizer.match_many([text]) == [m]
    assert isinstance(normalizer.explain(text), str)
    _check_mentions(normalizer, text, normalizer.find(text))
    assert isinstance(normalizer.normalize_text(text, style="annotate"), str)


def test_a_fresh_normalizer_agrees_with_a_warm_one(glossary, normalizer):
    """Caches filled by other inputs never change an answer."""
    queries = [*FORMS[::9], "Xibei Gongye Daxue", "Kejian Zhang", "China Astronautics Foundation",
               "Zzyzx Orbital Widgets", "中國航天科工集團", "NWPU's"]
    cold = Normalizer(glossary)
    assert [cold.match(q) for q in reversed(queries)][::-1] == [normalizer.match(q) for q in queries]


def test_nan_is_missing_not_a_name(normalizer):
    out = normalizer.normalize_many([float("nan"), "CASIC"], on_unknown="none")
    assert math.isnan(out[0]) and out[1].startswith("China Aerospace Science and Industry")
