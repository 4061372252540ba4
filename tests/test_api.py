"""The public API of the ``aeronorm`` package: lazy names, module-level functions, Match."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import threading

import pytest

import aeronorm
from aeronorm import Candidate, Match

HEAVY = (
    "jieba",
    "torch",
    "transformers",
    "pypinyin",
    "opencc",
    "rapidfuzz",
    "yaml",
    "pandas",
    "numpy",
    "aeronorm.normalizer",
    "aeronorm.glossary",
    "aeronorm.index",
)


def _modules_after(code: str) -> list[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_is_cheap():
    loaded = _modules_after("import aeronorm")
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY]
    assert heavy == [], f"import aeronorm loaded {heavy}"


def test_match_class_does_not_build_the_default_normalizer():
    loaded = _modules_after("import aeronorm\naeronorm.Match\naeronorm.Candidate\naeronorm.GlossaryError")
    assert "aeronorm.normalizer" not in loaded and "jieba" not in loaded


def test_all_names_resolve():
    for name in aeronorm.__all__:
        assert getattr(aeronorm, name) is not None, name
    assert set(aeronorm.__all__) <= set(dir(aeronorm))
    assert isinstance(aeronorm.__version__, str)


def test_unknown_attribute():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        aeronorm.nope  # noqa: B018


def test_default_normalizer_is_a_singleton(normalizer):
    assert aeronorm.default_normalizer() is normalizer
    assert isinstance(normalizer, aeronorm.Normalizer)


def test_default_normalizer_is_built_once_under_threads():
    code = (
        "import threading, aeronorm\n"
        "import aeronorm.normalizer as nm\n"
        "built = []\n"
        "orig = nm.Normalizer.__init__\n"
        "def init(self, *a, **k):\n"
        "    built.append(1)\n"
        "    orig(self, *a, **k)\n"
        "nm.Normalizer.__init__ = init\n"
        "out = []\n"
        "def get():\n"
        "    out.append(aeronorm.default_normalizer())\n"
        "ts = [threading.Thread(target=get) for _ in range(8)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "assert len(built) == 1, built\n"
        "assert len({id(n) for n in out}) == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


# ------------------------------------------------------------------ module-level functions


def test_normalize_on_the_default_glossary():
    assert aeronorm.normalize("Future Journey (Hainan) Aerospace Culture Media Co., Ltd.") == (
        "Future Travel (Hainan) Aerospace Culture Media Co., Ltd."
    )
    assert (
        aeronorm.normalize("Northwestern Polytechnic University") == "Northwestern Polytechnical University"
    )
    assert aeronorm.normalize("Zzyzx Orbital Widgets") == "Zzyzx Orbital Widgets"
    assert aeronorm.normalize("Zzyzx Orbital Widgets", on_unknown="none") is None
    with pytest.raises(aeronorm.NoMatchError, match="Zzyzx"):
        aeronorm.normalize("Zzyzx Orbital Widgets", on_unknown="raise")


def test_match_on_the_default_glossary():
    m = aeronorm.match("NWPU")
    assert isinstance(m, Match)
    assert (m.entity_id, m.canonical, m.type) == ("nwpu", "Northwestern Polytechnical University", "org")
    assert aeronorm.match("Zzyzx Orbital Widgets") is None


def test_type_filter_at_module_level():
    assert aeronorm.match("CASIC", type="org").entity_id == "casic"
    assert aeronorm.match("CASIC", type="person") is None
    with pytest.raises(ValueError, match="unknown type 'company'"):
        aeronorm.match("CASIC", type="company")


def test_many_at_module_level():
    names = ["CASIC", None, "Zzyzx Orbital Widgets", "CASIC", ""]
    assert aeronorm.normalize_many(names) == [
        "China Aerospace Science and Industry Corporation Limited",
        None,
        "Zzyzx Orbital Widgets",
        "China Aerospace Science and Industry Corporation Limited",
        "",
    ]
    ms = aeronorm.match_many(names)
    assert [m.entity_id if m else None for m in ms] == ["casic", None, None, "casic", None]
    assert aeronorm.normalize_many(names, on_unknown="none")[2] is None


def test_module_functions_agree_with_the_default_normalizer(normalizer):
    for name in ("CASC", "China Astronautics Foundation", "Xibei Gongye Daxue", "Kejian Zhang", "西工大"):
        assert aeronorm.match(name) == normalizer.match(name)
        assert aeronorm.normalize(name) == normalizer.normalize(name)


# ------------------------------------------------------------------ Match and Candidate


def test_match_fields_and_frozen():
    m = aeronorm.match("China Astronautics Foundation")
    assert [f.name for f in dataclasses.fields(Match)] == [
        "query",
        "entity_id",
        "canonical",
        "type",
        "score",
        "method",
        "evidence",
        "candidates",
        "slot",
        "description",
    ]
    assert m.query == "China Astronautics Foundation"
    assert m.entity_id == "csf" and m.canonical == "China Space Foundation" and m.type == "org"
    assert isinstance(m.score, float) and 0.0 <= m.score <= 1.0
    assert isinstance(m.evidence, tuple) and m.evidence and all(isinstance(e, str) for e in m.evidence)
    assert isinstance(m.candidates, tuple) and all(isinstance(c, Candidate) for c in m.candidates)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.entity_id = "casc"  # type: ignore[misc]
    assert str(m) == "China Space Foundation"
    assert hash(m) == hash(dataclasses.replace(m))


def test_match_defaults_and_equality():
    a = Match("q", "x", "X", "org", 1.0, "exact")
    assert a.evidence == () and a.candidates == ()
    assert a == Match("q", "x", "X", "org", 1.0, "exact")
    assert a != Match("q", "x", "X", "org", 0.9, "exact")


def test_candidate_is_frozen():
    c = Candidate("casc", "China Aerospace Science and Technology Corporation", 0.7)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.score = 0.1  # type: ignore[misc]


def test_match_explain_text():
    m = Match(
        "NWPU",
        "nwpu",
        "Northwestern Polytechnical University",
        "org",
        1.0,
        "exact",
        ("abbreviation 'NWPU'",),
        (Candidate("npu-x", "Other Polytechnic", 0.5),),
    )
    assert m.explain().splitlines() == [
        "'NWPU' -> Northwestern Polytechnical University [nwpu] (org)",
        "  method: exact, score 1.00",
        "  evidence: abbreviation 'NWPU'",
        "  runners-up: Other Polytechnic [npu-x] 0.50",
    ]


def test_match_html_is_escaped():
    m = Match("<b>A&B</b>", "x", "X <Corp>", "org", 0.91, "fuzzy")
    html = m._repr_html_()
    assert "<b>A&B</b>" not in html and "&lt;b&gt;A&amp;B&lt;/b&gt;" in html
    assert "X &lt;Corp&gt;" in html and "0.91" in html and "fuzzy" in html


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("China Space Foundation", "exact"),
        ("CSF", "exact"),
        ("China Astronautics Foundation", "concept"),
        ("BISE", "abbreviation"),
        ("Xibei Gongye Daxue", "pinyin"),
        ("People's Government of Fujian", "fuzzy"),  # the province word left out
    ],
)
def test_method_names_the_stage(name, method):
    m = aeronorm.match(name)
    assert m is not None and m.method == method, m
    assert m.evidence


def test_methods_are_documented():
    documented = {"exact", "concept", "abbreviation", "pinyin", "chinese", "fuzzy", "retranslation"}
    for name in (
        "China Space Foundation",
        "China Astronautics Foundation",
        "BISE",
        "Xibei Gongye Daxue",
        "Beijing Strength and Environment Institute",
        "西工大",
        "Kejian Zhang",
    ):
        assert aeronorm.match(name).method in documented


def test_threads_share_the_default_normalizer():
    errors: list[BaseException] = []
    results: list[str | None] = []

    def work():
        try:
            for _ in range(20):
                results.append(aeronorm.normalize("China Aerospace Foundation"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert set(results) == {"China Space Foundation"}
