"""aeronorm.normalizer: options, the pipeline over a glossary, many names at once, user glossaries."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aeronorm import Glossary, NoMatchError, Normalizer
from aeronorm.batch import is_missing
from aeronorm.normalizer import DEFAULT_MARGIN, DEFAULT_THRESHOLD
from aeronorm.text.fold import fold_key

TWINS = [
    {"id": "kodi", "name": "Kepler Orbital Dynamics Institute"},
    {"id": "kods", "name": "Kepler Orbital Dynamics Management Institute"},
    {"id": "orion-co", "name": "Orion", "type": "org"},
    {"id": "orion-prog", "name": "Orion", "type": "program"},
    # Make 'Institute' commoner than 'Laboratory', so that omitting it costs less.
    {"id": "f1", "name": "Vega Propulsion Institute"},
    {"id": "f2", "name": "Lyra Optics Institute"},
]


@pytest.fixture(scope="module")
def twins() -> Glossary:
    return Glossary.from_records(TWINS)


# ------------------------------------------------------------------ options


def test_defaults(normalizer):
    assert (normalizer.threshold, normalizer.margin) == (DEFAULT_THRESHOLD, DEFAULT_MARGIN) == (0.8, 0.05)
    assert "449 entities" in repr(normalizer) and "0.8" in repr(normalizer)
    assert normalizer.en_zh is None and normalizer.zh_en is None


@pytest.mark.parametrize("threshold", [-0.01, 1.01, 2, float("nan")])
def test_threshold_must_be_in_0_1(twins, threshold):
    with pytest.raises(ValueError, match="threshold"):
        Normalizer(twins, threshold=threshold)


@pytest.mark.parametrize("margin", [-0.1, 1.0, 5, float("nan")])
def test_margin_must_be_in_0_1(twins, margin):
    with pytest.raises(ValueError, match="margin"):
        Normalizer(twins, margin=margin)


@pytest.mark.parametrize("threshold", [0.0, 0.5, 1.0])
def test_threshold_bounds_are_accepted(twins, threshold):
    assert Normalizer(twins, threshold=threshold).threshold == threshold


def test_options_are_keyword_only(twins):
    with pytest.raises(TypeError):
        Normalizer(twins, 0.9)  # type: ignore[misc]


@pytest.mark.parametrize("bad", [[{"id": "x", "name": "X"}], "glossary.yaml", 42])
def test_glossary_must_be_a_glossary(bad):
    with pytest.raises(TypeError, match="Glossary"):
        Normalizer(bad)


def test_threshold_decides(glossary):
    name = "People's Government of Fujian"  # a fuzzy match around 0.88
    m = Normalizer(glossary).match(name)
    assert m is not None and m.method == "fuzzy" and m.entity_id == "fujian-gov"
    strict = Normalizer(glossary, threshold=min(1.0, m.score + 0.01))
    assert strict.match(name) is None
    assert strict.match("People's Government of Fujian Province").entity_id == "fujian-gov"  # exact: 1.0
    # Every answer clears the threshold it was given.
    for q in ("China Astronautics Foundation", "BISE", "Xibei Gongye Daxue", "CASIC"):
        got = strict.match(q)
        assert got is None or got.score >= strict.threshold


def test_threshold_between_concept_and_exact_accepts_only_exact(glossary):
    strict = Normalizer(glossary, threshold=0.98)
    assert strict.match("China Space Foundation").entity_id == "csf"
    assert strict.match("China Astronautics Foundation") is None


def test_margin_decides(twins):
    q = "Kepler Orbital Dynamics Institute of the PLA"  # a generic word more; the twin has another
    m = Normalizer(twins, margin=0.0).match(q)
    assert m is not None and m.entity_id == "kodi" and m.method == "fuzzy"
    runner_up = m.candidates[0]
    assert runner_up.entity_id == "kods"
    lead = m.score - runner_up.score
    assert 0 < lead < 0.2
    assert Normalizer(twins, margin=lead / 2).match(q).entity_id == "kodi"
    wide = Normalizer(twins, margin=lead + 0.001)
    assert wide.match(q) is None
    text = wide.explain(q)
    assert "no match" in text and "kodi" in text and "kods" in text


# ------------------------------------------------------------------ type filter


def test_type_filter_separates_namesakes(twins):
    n = Normalizer(twins)
    assert n.match("Orion") is None
    assert n.match("Orion", type="org").entity_id == "orion-co"
    assert n.match("Orion", type="program").entity_id == "orion-prog"
    assert n.match("Orion", type="person") is None
    assert n.normalize("Orion", type="program", on_unknown="none") == "Orion"


def test_type_filter_on_the_default_glossary(normalizer):
    assert normalizer.match("Fujian", type="place").entity_id == "fujian"
    assert normalizer.match("CASIC", type="person") is None
    assert normalizer.match("Zhang Kejian", type="person").type == "person"
    assert normalizer.match("Party Secretary", type="title") is None  # two titles claim it
    for etype in ("org", "person", "title", "award", "event"):
        ms = normalizer.match_many(
            [
                "CASIC",
                "Zhang Kejian",
                "Party chief",
                "Laurel Award",
                "2020 China Space Conference",
                "Wenchang",
            ],
            type=etype,
        )
        assert all(m is None or m.type == etype for m in ms)


@pytest.mark.parametrize("bad", ["company", "ORG", ""])
def test_unknown_type_raises(normalizer, bad):
    with pytest.raises(ValueError, match="unknown type"):
        normalizer.match("CASIC", type=bad)
    with pytest.raises(ValueError, match="unknown type"):
        normalizer.normalize_many(["CASIC"], type=bad)


# ------------------------------------------------------------------ on_unknown


def test_on_unknown(normalizer):
    unknown = "Zzyzx Orbital Widgets"
    assert normalizer.normalize(unknown) == unknown
    assert normalizer.normalize(unknown, on_unknown="keep") == unknown
    assert normalizer.normalize(unknown, on_unknown="none") is None
    with pytest.raises(NoMatchError, match="Zzyzx Orbital Widgets"):
        normalizer.normalize(unknown, on_unknown="raise")
    assert (
        normalizer.normalize("CASIC", on_unknown="raise")
        == "China Aerospace Science and Industry Corporation Limited"
    )
    assert issubclass(NoMatchError, LookupError)


def test_on_unknown_in_normalize_many(normalizer):
    names = ["CASIC", "Zzyzx Orbital Widgets", None]
    assert normalizer.normalize_many(names, on_unknown="none")[1:] == [None, None]
    assert normalizer.normalize_many(names, on_unknown="keep")[1] == "Zzyzx Orbital Widgets"
    with pytest.raises(NoMatchError):
        normalizer.normalize_many(names, on_unknown="raise")
    assert normalizer.normalize_many(["CASIC", None, ""], on_unknown="raise")[1:] == [None, ""]


@pytest.mark.parametrize("bad", ["ignore", "KEEP", None, ""])
def test_invalid_on_unknown(normalizer, bad):
    with pytest.raises(ValueError, match="on_unknown"):
        normalizer.normalize("CASIC", on_unknown=bad)  # checked even when the name matches
    with pytest.raises(ValueError, match="on_unknown"):
        normalizer.normalize_many(["CASIC"], on_unknown=bad)


# ------------------------------------------------------------------ explain


def test_explain_a_match(normalizer):
    text = normalizer.explain("China Astronautics Foundation")
    lines = text.splitlines()
    assert lines[0] == "'China Astronautics Foundation' -> China Space Foundation [csf] (org)"
    assert lines[1].startswith("  method: concept, score 0.97")
    assert lines[2].startswith("  evidence: ")
    assert text == normalizer.match("China Astronautics Foundation").explain()


def test_explain_no_match(normalizer):
    text = normalizer.explain("Zzyzx Orbital Widgets")
    assert text.startswith("'Zzyzx Orbital Widgets' -> no match (threshold 0.80)")


def test_explain_an_abstention_lists_candidates(normalizer):
    text = normalizer.explain("Party Secretary")
    assert "no match" in text
    assert "candidates:" in text
    assert "title-party-leadership-group-secretary" in text and "title-party-committee-secretary" in text


def test_explain_rejects_non_strings(normalizer):
    with pytest.raises(TypeError):
        normalizer.explain(None)  # type: ignore[arg-type]


# ------------------------------------------------------------------ many names


def test_many_deduplicate(monkeypatch, glossary):
    n = Normalizer(glossary)
    distinct = [
        "CASIC",
        "NWPU",
        "China Aerospace Foundation",
        "Xibei Gongye Daxue",
        "Kejian Zhang",
        "Zzyzx Orbital Widgets",
        "西工大",
        "CASC",
        "China Great Wall Industry Corp",
        "Space Pioneer",
    ]
    names = [distinct[i % 10] for i in range(100_000)]
    calls: list[str] = []
    exact = n.pipeline.stages["exact"]
    # every distinct name's first look-up: the exact path, for a whole batch
    written_many, canonical_many = exact.written_many, exact.canonical_many

    def counting(look_up):
        def counted(names, type_=None, **options):
            calls.extend(names)
            return look_up(names, type_, **options)
        return counted

    monkeypatch.setattr(exact, "written_many", counting(written_many))
    monkeypatch.setattr(exact, "canonical_many", counting(canonical_many))
    out = n.normalize_many(names)
    assert len(calls) == 10 and set(calls) == set(distinct)
    assert len(out) == 100_000
    expected = {d: n.match(d) for d in distinct}
    calls.clear()
    assert out[:10] == [expected[d].canonical if expected[d] else d for d in distinct]
    assert out[-1] == out[9]

    calls.clear()
    ms = n.match_many(names)
    assert len(calls) == 10
    assert ms[:10] == [expected[d] for d in distinct]
    assert ms[10] is ms[0]  # one result object per distinct value


def test_many_preserve_order_and_accept_iterables(normalizer):
    names = ["Zzyzx Orbital Widgets", "CASC", "CASIC", "CASC", "NWPU"]
    expected = [normalizer.normalize(x) for x in names]
    assert normalizer.normalize_many(names) == expected
    assert normalizer.normalize_many(tuple(names)) == expected
    assert normalizer.normalize_many(x for x in names) == expected
    assert normalizer.normalize_many(dict.fromkeys(names).keys()) == list(dict.fromkeys(expected))
    assert normalizer.normalize_many([]) == [] and normalizer.match_many([]) == []


def _missing_values(optional) -> list:
    np = optional("numpy")
    pd = optional("pandas")
    return [None, float("nan"), np.nan, np.float64("nan"), pd.NA, pd.NaT, "", "   ", "\t\n"]


def test_missing_values_pass_through(normalizer, optional):
    missing = _missing_values(optional)
    names = ["CASIC", *missing, "NWPU"]
    out = normalizer.normalize_many(names)
    assert out[0] == "China Aerospace Science and Industry Corporation Limited"
    assert out[-1] == "Northwestern Polytechnical University"
    for got, given_ in zip(out[1:-1], missing, strict=True):
        assert got is given_  # the very same object
    assert normalizer.match_many(names)[1:-1] == [None] * len(missing)
    for mode in ("none", "raise"):  # missing is not unknown: it passes through whatever on_unknown says
        out = normalizer.normalize_many(names, on_unknown=mode)
        assert all(g is v for g, v in zip(out[1:-1], missing, strict=True))


def test_pandas_series(normalizer, optional):
    pd = optional("pandas")
    s = pd.Series(["CASIC", None, "NWPU", pd.NA, "CASIC"], dtype=object)
    out = normalizer.normalize_many(s)
    assert out[0] == out[4] == "China Aerospace Science and Industry Corporation Limited"
    assert out[2] == "Northwestern Polytechnical University"
    assert out[1] is s[1] and out[3] is s[3] and is_missing(out[1]) and is_missing(out[3])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, True),
        (float("nan"), True),
        ("", True),
        ("  \t", True),
        ("x", False),
        (0, False),
        (0.0, False),
        ("nan", False),
        ("None", False),
        ([], False),
        (b"", False),
    ],
)
def test_is_missing(value, expected):
    assert is_missing(value) is expected


def test_is_missing_numpy_pandas(optional):
    np = optional("numpy")
    pd = optional("pandas")
    assert is_missing(np.nan) and is_missing(np.float32("nan")) and is_missing(pd.NA) and is_missing(pd.NaT)
    assert not is_missing(np.float64(1.0)) and not is_missing(np.array([1, 2]))
    assert not is_missing(pd.Timestamp("2020-01-01"))


# ------------------------------------------------------------------ user glossaries


def test_user_glossary_from_records():
    g = Glossary.from_records(
        [
            {
                "id": "vega",
                "name": "Vega Orbital Works Co., Ltd.",
                "zh": "织女星轨道工程有限公司",
                "aliases": ["Vega Orbital"],
                "abbreviations": ["VOW"],
            },
            {"id": "person-x", "name": "Zhang Sanfeng", "type": "person", "zh": "张三丰"},
        ],
        terms=[{"zh": "织女星", "en": ["vega", "altair star"]}, {"zh": "轨道", "en": ["orbital", "orbit"]}],
    )
    n = Normalizer(g)
    assert n.normalize("VOW") == "Vega Orbital Works Co., Ltd."
    assert n.normalize("vega orbital") == "Vega Orbital Works Co., Ltd."
    assert n.match("Vega Orbit Works Company Limited").entity_id == "vega"  # user term + legal forms
    assert n.match("织女星轨道工程有限公司").method == "exact"
    assert n.match("Sanfeng Zhang").entity_id == "person-x"
    assert n.match("Zhang San Feng").entity_id == "person-x"
    assert n.match("CASIC") is None  # only the user's entities are known
    assert n.normalize("China Space Foundation") == "China Space Foundation"


def test_later_glossary_overrides_by_id():
    first = Glossary.from_records([{"id": "vega", "name": "Vega Orbital Works", "aliases": ["Old Vega"]}])
    second = Glossary.from_records([{"id": "vega", "name": "Vega Space Works", "aliases": ["Vega Rocketry"]}])
    before, after = Normalizer(first), Normalizer(first + second)
    assert before.normalize("Vega Rocketry") == "Vega Rocketry"
    assert after.normalize("Vega Rocketry") == "Vega Space Works"
    assert before.normalize("Vega Orbital Works") == "Vega Orbital Works"
    assert after.normalize("Old Vega", on_unknown="none") is None  # the replaced entry is gone
    assert len(first + second) == 1


def test_override_a_shipped_entity(glossary):
    override = Glossary.from_records(
        [
            {
                "id": "csf",
                "name": "China Space Foundation (CSF)",
                "zh": "中国航天基金会",
                "aliases": ["China Aerospace Foundation", "China Space Foundation"],
                "abbreviations": ["CSF"],
            }
        ]
    )
    n = Normalizer(glossary + override)
    assert n.normalize("China Aerospace Foundation") == "China Space Foundation (CSF)"
    assert n.match("中国航天基金会").canonical == "China Space Foundation (CSF)"
    assert n.normalize("NWPU") == "Northwestern Polytechnical University"  # the rest is untouched
    assert len(n.glossary) == len(glossary)


# ------------------------------------------------------------------ the shipped glossary, exhaustively


def test_every_canonical_name_normalizes_to_itself(normalizer, glossary):
    ambiguous = glossary.ambiguous_keys()
    wrong = []
    for e in glossary.entities:
        if fold_key(e.name) in ambiguous:
            continue
        m = normalizer.match(e.name, type="term" if e.type == "term" else None)
        if m is None or m.entity_id != e.id or m.canonical != e.name:
            wrong.append((e.id, e.name, m and m.entity_id))
    assert wrong == []


def test_every_alias_maps_to_its_own_entity(normalizer, glossary):
    ambiguous = glossary.ambiguous_keys()
    index = normalizer.pipeline.index
    wrong = []
    checked = 0
    for e in glossary.entities:
        for s in (*e.aliases, *e.abbreviations, *e.chinese_names()):
            # written alike by several entities, or reading as a Chinese short form they share
            if fold_key(s) in ambiguous or not fold_key(s) or len(index.owners(fold_key(s))) > 1:
                continue
            checked += 1
            m = normalizer.match(s, type="term" if e.type == "term" else None)
            if m is None or m.entity_id != e.id:
                wrong.append((e.id, s, m and m.entity_id))
    assert checked > 1000
    assert wrong == []


def test_ambiguous_keys_abstain(normalizer, glossary):
    for key, ids in glossary.ambiguous_keys().items():
        m = normalizer.match(key)
        assert m is None or m.entity_id in ids, (key, m and m.entity_id)


# ------------------------------------------------------------------ normalize_many == map(normalize)


def _pool(glossary) -> list:
    names = []
    for e in glossary.entities[::7]:
        names.extend([e.name, *e.aliases[:1], *e.abbreviations[:1]])
    junk = [
        "",
        "   ",
        None,
        "Zzyzx Orbital Widgets",
        "the",
        "Co., Ltd.",
        "((CASIC))",
        "nwpu ",
        "西北工业",
        "🚀",
        "China Aerospace",
        "Academy",
        "Xibei",
        "CASIC航天科工",
    ]
    return sorted(set(filter(None, names))) + junk


@pytest.fixture(scope="module")
def pool(glossary) -> list:
    return _pool(glossary)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_normalize_many_equals_normalize_each(normalizer, pool, data):
    xs = data.draw(st.lists(st.sampled_from(pool), max_size=30))
    expected = [x if is_missing(x) else normalizer.normalize(x) for x in xs]
    assert normalizer.normalize_many(xs) == expected
    ms = normalizer.match_many(xs)
    assert ms == [None if is_missing(x) else normalizer.match(x) for x in xs]


def test_nan_passes_through_normalize_many(normalizer):
    out = normalizer.normalize_many([float("nan"), "CASC"])
    assert math.isnan(out[0]) and out[1] == "China Aerospace Science and Technology Corporation"


# ------------------------------------------------------------------ parents qualify names


def test_a_parent_qualifier_may_be_left_out():
    g = Glossary.from_records(
        [
            {"id": "acad", "name": "Lunar Academy of Sciences", "abbreviations": ["LAS"]},
            {"id": "orbit", "name": "Institute of Mechanics, LAS", "parent": "acad"},
            {"id": "sky", "name": "Lunar Academy of Sciences Sky Observatory", "parent": "acad"},
        ]
    )
    n = Normalizer(g)
    assert n.match("Institute of Mechanics").entity_id == "orbit"
    assert n.match("Sky Observatory").entity_id == "sky"
    # Without the parent link, common words that leave a naming word out match nothing.
    orphan = Glossary.from_records(
        [
            {"id": "acad", "name": "Lunar Academy of Sciences", "abbreviations": ["LAS"]},
            {"id": "orbit", "name": "Institute of Mechanics, LAS"},
        ]
    )
    assert Normalizer(orphan).match("Institute of Mechanics") is None
    # The parent alone is still the parent, and another child is not this one.
    assert n.match("Lunar Academy of Sciences").entity_id == "acad"
    assert n.match("Institute of Optics") is None


# ------------------------------------------------------------------ invisible characters
INVISIBLES = ["\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff"]  # soft hyphen, zero-width marks, BOM


@pytest.mark.parametrize("mark", INVISIBLES)
def test_an_invisible_character_inside_a_name_is_nothing(normalizer, mark):
    """rt50u #8: as in a name (folded away, exact), so in running text: ``Uni\\u00adversity`` is one
    word; the mention's span holds the mark, and everything but a replaced mention stays as it was."""
    for name in (f"Beihang Uni{mark}versity", f"NW{mark}PU", f"北京航{mark}空航天大学"):
        m = normalizer.match(name)
        assert m is not None and m.method == "exact" and m.score == 1.0, name
    text = f"{mark}Officials of Beihang Uni{mark}versity met NW{mark}PU and CA{mark}SIC."
    found = normalizer.find(text)
    assert [m.entity_id for m in found] == ["beihang", "nwpu", "casic"]
    assert [m.text for m in found] == [f"Beihang Uni{mark}versity", f"NW{mark}PU", f"CA{mark}SIC"]
    assert all(text[m.start:m.end] == m.text for m in found) and found.source == text
    out = normalizer.normalize_text(text, style="annotate")
    assert out == (f"{mark}Officials of Beihang University [beihang] met Northwestern Polytechnical "
                   "University [nwpu] and China Aerospace Science and Industry Corporation Limited [casic].")
    assert all(out[r.out_start:r.out_end] == r.new for r in out.replacements) and out.source == text
    kept = normalizer.normalize_text(text)  # a mention that reads as its canonical is left as written
    assert kept.startswith(f"{mark}Officials of Beihang Uni{mark}versity met Northwestern")
    assert [r.changed for r in kept.replacements] == [False, True, True]


def test_text_without_invisible_characters_is_scanned_as_it_is(normalizer):
    text = "Engineers from NWPU met CASIC in Xi'an."
    assert normalizer.find(text) == normalizer.scanner.find(text)
    assert normalizer.normalize_text(text) == normalizer.scanner.normalize_text(text)
