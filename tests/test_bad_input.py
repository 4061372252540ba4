"""Hostile and malformed input: wrong types, odd characters, huge strings, broken glossary files."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aeronorm
from aeronorm import Glossary, GlossaryError, Match

# ------------------------------------------------------------------ wrong types


@pytest.mark.parametrize(
    ("value", "type_name"),
    [
        (None, "NoneType"),
        (3, "int"),
        (b"CASIC", "bytes"),
        (float("nan"), "float"),
        (["CASIC"], "list"),
        (3.5, "float"),
    ],
)
def test_match_rejects_non_strings(normalizer, value, type_name):
    for call in (normalizer.match, normalizer.normalize, aeronorm.match, aeronorm.normalize):
        with pytest.raises(TypeError) as info:
            call(value)
        message = str(info.value)
        assert "str" in message and type_name in message


@pytest.mark.parametrize("value", [3, b"CASIC", 2.5, object(), ("CASIC",)])
def test_many_reject_non_string_values_and_name_them(normalizer, value):
    for call in (normalizer.normalize_many, normalizer.match_many):
        with pytest.raises(TypeError) as info:
            call(["CASIC", value, "NWPU"])
        assert type(value).__name__ in str(info.value)
        assert repr(value) in str(info.value)


@pytest.mark.parametrize("single", ["CASIC", "", b"CASIC"])
def test_many_reject_a_single_string(normalizer, single):
    for call in (
        normalizer.match_many,
        normalizer.normalize_many,
        aeronorm.match_many,
        aeronorm.normalize_many,
    ):
        with pytest.raises(TypeError, match="single string"):
            call(single)


@pytest.mark.parametrize("mapping", [{"a": "Moon Bakery"}, {}])
def test_many_and_cluster_reject_a_mapping(normalizer, mapping):
    """rt46u #8: match_many({"a": ...}) gave [None] (the keys), cluster({"a": "NWPU"}) clustered 'a'."""
    for call in (normalizer.match_many, normalizer.normalize_many, aeronorm.match_many,
                 aeronorm.normalize_many, aeronorm.cluster):
        with pytest.raises(TypeError, match=r"not a mapping \(dict\).*list\(d.values\(\)\)"):
            call(mapping)


def test_a_calibration_must_be_a_calibration():
    """rt46u #8: calibration={"threshold": 0.5} gave AttributeError: 'dict' object has no attribute..."""
    import dataclasses

    from aeronorm.pipeline.calibration import DEFAULT_CALIBRATION

    glossary = aeronorm.Glossary.from_records([{"id": "a", "name": "Alpha Rocket Co"}])
    for wrong in ({"threshold": 0.5}, {}, 0.5):
        with pytest.raises(TypeError, match=r"calibration must be a Calibration, not .*threshold="):
            aeronorm.Normalizer(glossary, calibration=wrong)  # type: ignore[arg-type]
    custom = dataclasses.replace(DEFAULT_CALIBRATION, threshold=0.7)
    assert aeronorm.Normalizer(glossary, calibration=custom).threshold == 0.7


def test_many_reject_non_iterables(normalizer):
    with pytest.raises(TypeError):
        normalizer.normalize_many(42)  # type: ignore[arg-type]


# ------------------------------------------------------------------ empty and blank


@pytest.mark.parametrize(
    "blank", ["", " ", "   ", "\t\n", "\u3000", "\u200b", "\u200b\u200e\ufeff", "\x00\x1b"]
)
def test_blank_names_match_nothing(normalizer, blank):
    assert normalizer.match(blank) is None
    assert normalizer.normalize(blank) == blank
    assert normalizer.normalize(blank, on_unknown="none") is None
    assert normalizer.match_many([blank]) == [None]


# ------------------------------------------------------------------ odd characters: never an exception

ODD = [
    "x" * 100_000,  # 100 kB
    "China Space Foundation " * 5000,
    "CASIC\x00",
    "\x00CASIC\x1b",
    "\x1b[31mCASIC\x1b[0m",
    "\ud800",
    "CAS\ud800IC",
    "\udfff\ud800",
    "\u200bNWPU\u200b",
    "\u200fNWPU\u200e",
    "\u202eCISAC\u202c",
    "\ufeffCASIC",
    "CASIC🚀",
    "🚀🛰️👩‍🚀",
    "CASIC航天科工",
    "航天科工CASIC Sixth Academy",
    "Москва Space Foundation",
    "ＣＡＳＩＣ",
    "(" * 5000,
    ")" * 5000,
    "(" * 2500 + "CASIC" + ")" * 2500,
    "(((((((((((((((((((((((((((((((CASIC",
    "\u201c" * 3000,
    "&" * 1000,
    "'" * 1000,
    "-" * 1000,
    "a'" * 2000,
    "Co., Ltd." * 200,
    "Sixth " * 300,
    "xi'an" * 200,
    "zhang" * 500,
    "\\" * 100,
    "%s %d {0} {name}",
    "\n".join(["CASIC"] * 100),
]


@pytest.mark.parametrize("text", ODD, ids=lambda s: repr(s[:20]) + f"..{len(s)}")
def test_odd_input_never_raises(normalizer, text):
    m = normalizer.match(text)
    assert m is None or (isinstance(m, Match) and 0.0 <= m.score <= 1.0)
    out = normalizer.normalize(text)
    assert out == (m.canonical if m else text)
    assert normalizer.match_many([text, text]) == [m, m]
    assert normalizer.normalize_many([text]) == [out]
    assert isinstance(normalizer.explain(text), str)


def test_invisible_and_control_characters_are_ignored(normalizer):
    for text in ("\u200bNWPU\u200b", "\u200fNWPU\u200e", "\ufeffNWPU", "NW\u00adPU"):
        m = normalizer.match(text)
        assert m is not None and m.entity_id == "nwpu", text
        assert m.query == text  # the query is reported as given


def test_huge_input_is_fast(normalizer):
    import time

    start = time.perf_counter()
    for text in ("x" * 100_000, "(" * 5000, "China " * 20_000):
        normalizer.match(text)
    assert time.perf_counter() - start < 2.0


# ------------------------------------------------------------------ property: match never raises


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=60))
def test_match_never_raises_on_any_text(normalizer, text):
    m = normalizer.match(text)
    assert m is None or (
        isinstance(m, Match) and 0.0 <= m.score <= 1.0 and m.entity_id in normalizer.glossary
    )
    assert normalizer.normalize(text) == (m.canonical if m else text)


_WORDS = [
    "China",
    "Space",
    "Aerospace",
    "Science",
    "and",
    "Industry",
    "Technology",
    "Corp.",
    "Co., Ltd.",
    "Academy",
    "of",
    "CASIC",
    "CASC",
    "Sixth",
    "6th",
    "Northwestern",
    "Polytechnical",
    "University",
    "Xibei",
    "Gongye",
    "Daxue",
    "Zhang",
    "Kejian",
    "航天",
    "科工",
    "(",
    ")",
    "&",
    "'s",
    "\u2019",
    "Hainan",
    "Future",
    "Travel",
    "Foundation",
    "Fujian",
    "People's",
    "Government",
    "Province",
    "Party",
    "Secretary",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12))
def test_match_never_raises_on_name_like_text(normalizer, words):
    text = " ".join(words)
    m = normalizer.match(text)
    assert m is None or (0.0 <= m.score <= 1.0 and m.score >= normalizer.threshold and m.evidence)


# ------------------------------------------------------------------ malformed glossary files


def test_yaml_entry_without_name(tmp_path):
    path = tmp_path / "my_orgs.yaml"
    path.write_text(
        "type: org\nentities:\n"
        "  - id: good\n    name: Good Orbital Co\n"
        "  - id: nameless-one\n    aliases: [X]\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError) as info:
        Glossary.load(path)
    message = str(info.value)
    assert "my_orgs.yaml" in message and "nameless-one" in message and "name" in message
    assert info.value.entry == "nameless-one"
    assert info.value.line == 5


def test_yaml_that_is_not_yaml(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("entities: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"broken\.yaml"):
        Glossary.load(path)


def test_records_without_name_or_id():
    with pytest.raises(GlossaryError, match=r"<records>\[1\].*'name'"):
        Glossary.from_records([{"id": "a", "name": "A"}, {"id": "b"}])
    with pytest.raises(GlossaryError, match="id"):
        Glossary.from_records([{"name": "Nameless Id"}])


@pytest.mark.parametrize("records", [None, 5])
def test_records_that_are_no_iterable_are_named(records):
    with pytest.raises(GlossaryError, match=r"<records>: records must be an iterable of mappings, got"):
        Glossary.from_records(records)  # type: ignore[arg-type]
    with pytest.raises(GlossaryError, match=r"<records>\.terms: records must be an iterable"):
        Glossary.from_records([], terms=records)  # type: ignore[arg-type]


def test_glossary_error_is_a_value_error():
    assert issubclass(GlossaryError, ValueError)


# -- options and paths: the caller's mistake, named before anything is read or built --------------
@pytest.mark.parametrize(("options", "error"), [
    ({"threshold": "0.9"}, TypeError),
    ({"threshold": True}, TypeError),
    ({"threshold": 3}, ValueError),
])
def test_a_threshold_that_is_no_number_in_0_1_is_named(options, error):
    g = Glossary.from_records([{"id": "x", "name": "Xiling Orbital Works"}])
    with pytest.raises(error, match="threshold"):
        aeronorm.Normalizer(g, **options)


def test_load_names_a_bad_threshold_not_the_file(tmp_path):
    n = aeronorm.Normalizer(Glossary.from_records([{"id": "x", "name": "Xiling Orbital Works"}]))
    path = tmp_path / "x.idx"
    n.save(path)
    with pytest.raises(ValueError, match="threshold must be within"):
        aeronorm.Normalizer.load(path, threshold=3)


def test_save_names_a_directory_or_a_target_that_is_no_path(tmp_path):
    n = aeronorm.Normalizer(Glossary.from_records([{"id": "x", "name": "Xiling Orbital Works"}]))
    with pytest.raises(IsADirectoryError, match="is a directory"):
        n.save(tmp_path)
    with pytest.raises(TypeError, match="path or a binary file"):
        n.save(None)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_save_names_a_missing_folder_not_its_temporary_file(tmp_path):
    n = aeronorm.Normalizer(Glossary.from_records([{"id": "x", "name": "Xiling Orbital Works"}]))
    target = tmp_path / "nodir" / "x.idx"
    with pytest.raises(FileNotFoundError) as info:
        n.save(target)
    message = str(info.value)
    assert "no such directory" in message and repr(str(tmp_path / "nodir")) in message
    assert str(target) in message and ".tmp" not in message


def test_glossary_load_names_what_is_no_path():
    with pytest.raises(TypeError, match="from_records"):
        Glossary.load(5)  # type: ignore[arg-type]


def test_load_reads_a_binary_file_and_names_a_glossary_given_as_a_path(tmp_path):
    import io
    n = aeronorm.Normalizer(Glossary.from_records([{"id": "x", "name": "Xiling Orbital Works"}]))
    buffer = io.BytesIO()
    n.save(buffer)
    buffer.seek(0)
    assert aeronorm.Normalizer.load(buffer).normalize("Xiling Orbital Works") == "Xiling Orbital Works"
    path = tmp_path / "x.idx"
    n.save(path)
    with open(path, "rb") as f:
        assert aeronorm.Normalizer.load(f).match("Xiling Orbital Works") is not None
    with pytest.raises(TypeError, match=r"Glossary\.load"):
        aeronorm.Normalizer.load(path, glossary=str(path))  # type: ignore[arg-type]


def test_a_saved_index_is_written_as_any_file_and_through_a_link(tmp_path):
    import os
    import stat
    n = aeronorm.Normalizer(Glossary.from_records([{"id": "x", "name": "Xiling Orbital Works"}]))
    path = tmp_path / "x.idx"
    path.write_bytes(b"")
    os.chmod(path, 0o644)
    n.save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # the mode of the file it replaces
    link = tmp_path / "link.idx"
    link.symlink_to(path)
    n.save(link)
    assert link.is_symlink() and aeronorm.Normalizer.load(link).match("Xiling Orbital Works")


@pytest.mark.parametrize("threshold", ["0.5", True])
def test_cluster_names_a_threshold_that_is_no_number(threshold):
    with pytest.raises(TypeError, match="threshold must be a number"):
        aeronorm.cluster(["Xiling Orbital Works"], threshold=threshold)
    with pytest.raises(TypeError, match="min_size must be an int"):
        aeronorm.cluster(["Xiling Orbital Works"]).to_yaml(min_size="2")  # type: ignore[arg-type]


def test_an_index_saved_to_a_device_is_written_as_a_stream():
    import os
    n = aeronorm.Normalizer(Glossary.from_records([{"id": "x", "name": "Xiling Orbital Works"}]))
    assert n.save(os.devnull) > 0
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)  # still the device
