"""The shipped glossaries: counts, facts, consistency, and how they are found."""

from __future__ import annotations

import importlib.resources
import pickle
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import aeronorm
import aeronorm.glossary.glossary as glossary_module
from aeronorm.glossary import ENTITY_TYPES, Glossary, read_file, shipped_glossary_dir, shipped_terms

EXPECTED_COUNTS = {
    "org": 151, "person": 66, "place": 39, "event": 18, "program": 71, "award": 8, "title": 49, "term": 47,
}
FILE_TYPES = {
    "organizations.yaml": "org", "people.yaml": "person", "places.yaml": "place", "events.yaml": "event",
    "programs.yaml": "program", "awards.yaml": "award", "titles.yaml": "title", "domain_terms.yaml": "term",
}
# Keys claimed by several entities on purpose (reference/README.md, "Ambiguous aliases").
# A new clash makes this test fail: fix the data or add the key here deliberately.
EXPECTED_AMBIGUOUS = {
    "cast": {"cast", "cast-association"},
    "aerospace information": {"aisino", "term-space-information"},
    "海南商发": {"hical", "hainan-commercial-launch-site"},
    "head": {"head-aerospace", "title-administrator", "title-director"},
    "president": {"title-chairman-of-the-board", "title-general-manager", "title-society-chairman",
                  "title-president-academy", "title-university-president", "title-president-org"},
    "chairman": {"title-chairman-of-the-board", "title-president-org", "title-society-chairman"},
    "director": {"title-director", "title-director-board-member", "title-administrator",
                 "title-president-academy", "title-institute-director"},
    "vice president": {"title-deputy-general-manager", "title-vice-president-academy"},
    "director general": {"title-administrator", "title-director"},
    "deputy director": {"title-deputy-administrator", "title-vice-president-academy"},
    "party secretary": {"title-party-leadership-group-secretary", "title-party-committee-secretary"},
    "deputy party secretary": {"title-party-leadership-group-deputy-secretary",
                               "title-party-committee-deputy-secretary"},
    "party chief": {"title-party-leadership-group-secretary", "title-party-committee-secretary",
                    "title-provincial-party-secretary"},
    "general secretary": {"title-provincial-secretary-general", "title-secretary-general",
                          "title-cpc-general-secretary"},
}


@pytest.fixture(scope="module")
def g() -> Glossary:
    return Glossary.default()


def test_counts_per_type(g):
    assert g.stats()["types"] == EXPECTED_COUNTS
    assert len(g) == sum(EXPECTED_COUNTS.values()) == 449
    for etype, n in EXPECTED_COUNTS.items():
        assert len(g.by_type(etype)) == n


def test_one_file_per_type_and_file_type_is_default():
    d = shipped_glossary_dir()
    for name, etype in FILE_TYPES.items():
        entities, terms = read_file(d / name)
        assert len(entities) == EXPECTED_COUNTS[etype], name
        assert {e.type for e in entities} == {etype}, name
        assert terms == []
        first = (d / name).read_text("utf-8").splitlines()[0]
        assert first.startswith("# aeronorm glossary"), name


def test_term_lexicon():
    entities, terms = read_file(importlib.resources.files("aeronorm") / "data" / "terms" / "terms.yaml")
    assert entities == []
    assert len(terms) == 270
    by_zh = {t.zh: t for t in terms}
    assert by_zh["航天"].renderings[:3] == ("aerospace", "space", "astronautics")
    assert "研究院 (第N)" in by_zh
    shipped = {t.zh for t in Glossary.default().terms}
    assert set(by_zh) <= shipped == {t.zh for t in shipped_terms()}


def test_facts(g):
    casic = g["casic"]
    assert "CASIC" in casic.abbreviations
    assert "航天科工" in casic.zh_aliases
    assert not any("航天" in a for a in casic.abbreviations)
    assert g["nwpu"].zh == "西北工业大学"
    assert g["cnsa"].parent == "sastind"
    assert g["cnsa"].type == "org"
    assert g["cast"].abbreviations == ("CAST",)


def test_context_aliases_moved_out_of_aliases(g):
    alliance = g["commercial-aerospace-industry-alliance"]
    assert "the alliance" in alliance.context_aliases
    assert "the alliance" not in alliance.aliases
    assert "the city" in g["nanjing-gov"].context_aliases
    assert "the Conference" in g["china-space-conference"].context_aliases
    # Specific enough to stay matchable.
    assert "the State Council" in g["state-council"].aliases
    assert "the People's Government of Fujian Province" in g["fujian-gov"].aliases
    # Terms keep generic variants as aliases.
    assert "constellation" in g["term-constellation"].aliases
    # Descriptions that name a thing only in their sentence (issue 14): found in no other text.
    assert "first annual meeting of the Commercial Space Industry Alliance" in \
        g["caia-2020-annual-meeting"].context_aliases
    assert "Government Work Report" in g["government-work-report-2024"].context_aliases
    # Names of other bodies too, or common phrases: "Spacecom" (Israel's operator as well), 中国航天
    assert "Spacecom" in g["ssst"].context_aliases and "Spacecom" not in g["ssst"].aliases
    assert "中国航天" in g["casc"].context_aliases and "中国航天" not in g["casc"].zh_aliases
    # "Spacesail" alone: the company (its officers, its funding) or its constellation (its tenders)
    assert "Spacesail" in g["ssst"].context_aliases
    assert not any(a.casefold() == "spacesail" for e in g for a in e.aliases)
    # A bare ordinal ("Ninth Academy", 九院) is any group's academy of that number (a hospital's too)
    assert "Ninth Academy" in g["casic-9th-academy"].context_aliases and "五院" in g["cast"].context_aliases
    assert not any(a in ("Ninth Academy", "Second Academy") for e in g for a in e.aliases)
    assert "BeiDou satellite" in g["beidou"].context_aliases  # one satellite, or the system
    # A former name another body bears today ("Academia Sinica": CAS's until the 1980s, Taipei's now)
    assert "Academia Sinica" in g["cas"].context_aliases and "Academia Sinica" not in g["cas"].aliases
    assert sum(len(e.context_aliases) for e in g) == 52


def test_ids_unique_and_parents_resolve(g):
    ids = [e.id for e in g]
    assert len(ids) == len(set(ids))
    unresolved = [(e.id, e.parent) for e in g if e.parent is not None and e.parent not in g]
    assert unresolved == []
    assert all(e.type in ENTITY_TYPES for e in g)


def test_lint_has_no_errors_and_only_documented_clashes(g):
    issues = g.lint()
    assert [i for i in issues if i.severity == "error"] == []
    clash_codes = {"shared-alias", "alias-is-other-name"}
    assert {i.code for i in issues} <= clash_codes | {"missing-zh"}
    ambiguous = {k: set(v) for k, v in g.ambiguous_keys().items()}
    assert ambiguous == EXPECTED_AMBIGUOUS
    assert sum(i.code in clash_codes for i in issues) == len(EXPECTED_AMBIGUOUS)
    missing = {i.entity_ids[0] for i in issues if i.code == "missing-zh"}
    assert missing == {"aerospace-integration-committee", "beijing-aikong", "space-chinese-dream-exhibition"}


def test_default_is_cached_and_is_the_shipped_files_plus_the_term_lexicon(g):
    assert Glossary.default() is g
    files = sorted(shipped_glossary_dir().glob("*.yaml"))
    assert Glossary.load(*files) + Glossary((), shipped_terms()) == g


def test_default_pickles(g):
    assert pickle.loads(pickle.dumps(g)) == g


def test_shipped_dir_in_source_tree():
    d = shipped_glossary_dir()
    assert (d / "organizations.yaml").is_file()
    assert not (d / "terms.yaml").exists()  # the term lexicon is the matcher's data, not a glossary


def test_shipped_dir_prefers_packaged_copy(monkeypatch, tmp_path):
    (tmp_path / "glossaries").mkdir()
    monkeypatch.setattr(importlib.resources, "files", lambda package: tmp_path)
    assert shipped_glossary_dir() == tmp_path / "glossaries"


def test_shipped_dir_falls_back_to_repo_root(monkeypatch, tmp_path):
    monkeypatch.setattr(importlib.resources, "files", lambda package: tmp_path)  # no glossaries/ there
    repo = Path(glossary_module.__file__).resolve().parents[2] / "glossaries"
    assert shipped_glossary_dir() == repo


def test_shipped_dir_missing_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(importlib.resources, "files", lambda package: tmp_path)
    monkeypatch.setattr(glossary_module, "__file__", str(tmp_path / "a" / "b" / "glossary.py"))
    with pytest.raises(FileNotFoundError, match="shipped glossaries are missing"):
        shipped_glossary_dir()


def test_runs_from_a_zip(tmp_path):
    """Spark's --py-files and zipapps import aeronorm from a zip: the glossaries must load too."""
    package = Path(aeronorm.__file__).parent
    archive = tmp_path / "aeronorm.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in package.rglob("*"):
            if f.is_file() and "__pycache__" not in f.parts:
                zf.write(f, Path("aeronorm") / f.relative_to(package))
        for f in shipped_glossary_dir().glob("*.yaml"):
            zf.write(f, Path("aeronorm") / "glossaries" / f.name)
    code = (
        f"import sys; sys.path.insert(0, {str(archive)!r}); import aeronorm; "
        "assert aeronorm.__file__.startswith(sys.path[0]), aeronorm.__file__; "
        "print(aeronorm.normalize('NWPU'))"
    )
    cmd = [sys.executable, "-c", code]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Northwestern Polytechnical University"


@pytest.mark.parametrize(("query", "expected"), [
    # posts that only some kinds of body have (the titles' ``bodies``)
    ("Academician of Beihang University", None),  # 院士 is an academy's
    ("Chief Designer of Hainan Province", None),  # 总设计师 of a programme, an academy, a company
    ("Secretary of the Party Leadership Group of Tsinghua University", None),  # a university has a 党委
    ("Academician of the Chinese Academy of Sciences", "title-academician"),
    ("Secretary of the Party Leadership Group of CASC", "title-party-leadership-group-secretary"),
])
def test_a_title_of_a_body_that_has_no_such_post_is_no_title(query, expected):
    m = aeronorm.match(query)
    assert (m.entity_id if m else None) == expected
