"""The draft glossary, the review table and the HTML of clusters; the round trip through normalize."""

from __future__ import annotations

from pathlib import Path

import pytest

import aeronorm
from aeronorm.clustering import cluster
from aeronorm.clustering.export import (
    REVIEW_COLUMNS,
    clusters_html,
    glossary_json,
    glossary_records,
    review_rows,
)
from aeronorm.glossary import Glossary, lint_files

COLUMN = [
    "Northwestern Polytechnical University", "西北工业大学", "Xibei Gongye Daxue", "NWPU", "nwpu",
    "Jade Lake Tracking Station (JLTS)", "JLTS", "Jade Lake Tracking Station",
    "Qinghe Space Technology Research Institute", "Qinghe Aerospace Technology Research Institute",
    "Quillfern", "Quillfern Technology Co., Ltd.", "Kestrel Valley Instruments", "Kestrel Vally Instruments",
    "CASC", "CASIC", None, "", "N/A", "-",
]
LEFT_OUT = {"N/A", "-"}


@pytest.fixture(scope="module")
def clusters():
    return cluster(COLUMN)


def test_the_draft_round_trips_through_normalize(clusters, tmp_path: Path):
    path = tmp_path / "draft.yaml"
    path.write_text(clusters.to_yaml(min_size=2), encoding="utf-8")
    n = aeronorm.Normalizer(Glossary.load(path))
    reviewed = clusters.groups(min_size=2)
    assert len(reviewed) == len(Glossary.load(path))
    for c in reviewed:
        for value in c.values:
            assert n.normalize(value) == c.canonical, value
    # values left alone are no entity of the draft
    assert n.match("CASC") is None


def test_the_json_draft_reads_back_as_the_yaml_one(clusters, tmp_path: Path):
    yaml_path, json_path = tmp_path / "draft.yaml", tmp_path / "draft.json"
    yaml_path.write_text(clusters.to_yaml(min_size=2), encoding="utf-8")
    json_path.write_text(glossary_json(clusters, min_size=2), encoding="utf-8")
    from_yaml, from_json = Glossary.load(yaml_path), Glossary.load(json_path)
    assert len(from_json) == len(clusters.groups(min_size=2))
    assert from_json.to_records() == from_yaml.to_records()
    assert lint_files(json_path) == [] or all(i.severity == "info" for i in lint_files(json_path))


def test_the_draft_lints_clean(clusters, tmp_path: Path):
    path = tmp_path / "draft.yaml"
    path.write_text(clusters.to_yaml(min_size=2), encoding="utf-8")
    issues = lint_files(path)
    assert [i for i in issues if i.severity in ("error", "warning")] == []


def test_records_use_the_shipped_fields(clusters):
    records = {r["id"]: r for r in glossary_records(clusters, min_size=2)}
    nwpu = next(r for r in records.values() if r["name"] == "Northwestern Polytechnical University")
    assert nwpu["zh"] == "西北工业大学"
    assert nwpu["aliases"] == ["Xibei Gongye Daxue"]
    assert nwpu["abbreviations"] == ["NWPU"]  # nwpu is the same text: written once
    assert nwpu["type"] == "org" and "draft" in nwpu["source"]
    assert "confidence" in nwpu["notes"]
    assert all(len(r) >= 3 for r in records.values())


def test_min_size_leaves_single_values_out(clusters):
    assert len(glossary_records(clusters, min_size=1)) == len(clusters)
    assert len(glossary_records(clusters, min_size=2)) == len(clusters.groups())


def test_an_anchored_cluster_is_written_whole_with_the_new_values_only():
    g = Glossary.from_records([{"id": "lpc", "name": "Ministry of Public Security Lakeside Police College",
                                "zh": "公安部湖畔警察学院", "abbreviations": ["LPC"], "source": "invented"}])
    column = ["Ministry of Public Security Lakeside Police College", "LPC", "MPS Lakeside Police College"]
    # a strict matcher resolves the name and its given acronym only; the column adds the third
    strict = aeronorm.Normalizer(g, threshold=0.99)
    assert strict.match(column[2]) is None
    clusters = cluster(column, glossary=strict)
    (record,) = glossary_records(clusters)
    assert record["id"] == "lpc" and record["name"] == "Ministry of Public Security Lakeside Police College"
    assert record["zh"] == "公安部湖畔警察学院" and record["source"] == "invented"
    assert record["abbreviations"] == ["LPC"]
    assert record["aliases"] == ["MPS Lakeside Police College"]  # the one value the glossary did not know
    # over the glossary (same id: it replaces the entry), every value maps to the entity
    n = aeronorm.Normalizer(g + Glossary.from_records([record]))
    assert {n.normalize(v) for v in column} == {"Ministry of Public Security Lakeside Police College"}
    # nothing new: nothing to write
    assert glossary_records(cluster(column[:2], glossary=strict)) == []


def test_review_rows_hold_every_value_once(clusters):
    rows = review_rows(clusters)
    assert all(len(r) == len(REVIEW_COLUMNS) for r in rows)
    values = [r[REVIEW_COLUMNS.index("value")] for r in rows]
    assert sorted(values) == sorted({v for v in COLUMN if v})
    # placeholders come last, with no cluster and the reason; they are never drafted
    left = [r for r in rows if r[REVIEW_COLUMNS.index("evidence")] == "left out"]
    assert {r[REVIEW_COLUMNS.index("value")] for r in left} == LEFT_OUT and rows[-len(left):] == left
    assert all(r[0] == "" and r[REVIEW_COLUMNS.index("detail")] for r in left)
    names = {v for r in glossary_records(clusters) for v in [r["name"], *r.get("aliases", [])]}
    assert not names & LEFT_OUT
    frame = clusters.to_frame()
    assert list(frame.columns) == list(REVIEW_COLUMNS) and len(frame) == len(rows)


def test_html_shows_each_cluster_with_its_evidence_escaped():
    clusters = cluster(["<b>Jade</b> Lake Tracking Station (JLTS)", "JLTS", "Solo & Co"])
    page = clusters_html(clusters, title="review <page>", limit=None)
    assert page.startswith("<!DOCTYPE html>") and "review &lt;page&gt;" in page
    assert "&lt;b&gt;Jade&lt;/b&gt;" in page and "<b>Jade" not in page
    assert 'data-kind="acronym defined"' in page
    assert "1 value(s) stand alone" in page and "<li>Solo &amp; Co" in page  # listed on the page
    assert "Solo" not in clusters._repr_html_()  # the notebook shows the clusters only
    assert "<table" in clusters._repr_html_() and "<table" in clusters[0]._repr_html_()


def test_html_for_notebooks_is_bounded():
    values = [f"Kestrel Valley Instruments {k}" for k in range(1)] + \
             [v for k in range(150) for v in (f"Zorblat{k:03d}x Optics", f"ZORBLAT{k:03d}X OPTICS")]
    html = clusters_html(cluster(values), limit=100)
    assert html.count("<table") == 100 and "50 more cluster(s)" in html
