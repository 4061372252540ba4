"""Stage 6, aeronorm.pipeline.pinyin: pinyin queries against pinyin keys of Chinese names."""

from __future__ import annotations

import pytest

from aeronorm.pipeline.calibration import DEFAULT_CALIBRATION
from aeronorm.pipeline.pinyin import pinyin_letters
from aeronorm.pipeline.query import Query

from .stages import run_stage


@pytest.mark.parametrize(
    ("raw", "keys"),
    [
        ("Beijing Tianbing Keji YG", ["beijingtianbingkeji", "tianbingkeji"]),
        ("Xibei Gongye Daxue", ["xibeigongyedaxue"]),
        ("XIBEI-GONGYE-DAXUE", ["xibeigongyedaxue"]),
        ("Tianbing Keji Youxian Gongsi", ["tianbingkeji"]),
        ("Northwestern Polytechnical University", []),
        ("Hangtian Kepler", []),  # one English word: not pinyin
        ("Xi", []),  # one syllable is too little
        ("", []),
    ],
)
def test_pinyin_letters(raw, keys):
    assert pinyin_letters(raw) == keys


@pytest.mark.parametrize(
    ("raw", "entity_id"),
    [
        ("Xibei Gongye Daxue", "nwpu"),
        ("xibei gongye daxue", "nwpu"),
        ("Tianbing Keji", "space-pioneer"),
        ("Beijing Tianbing Keji Youxian Gongsi", "space-pioneer"),
        ("Zhang Kejian", "zkj"),
        ("zhang ke jian", "zkj"),
    ],
)
def test_pinyin_hits(small_index, pos, raw, entity_id):
    out = run_stage("pinyin", small_index, Query(raw))
    assert out is not None and out.entity.id == entity_id
    assert (out.score, out.method) == (DEFAULT_CALIBRATION.pinyin, "pinyin")
    assert out.evidence[0].startswith("pinyin ")


@pytest.mark.parametrize("raw", ["Xibei Daxue", "Dongbei Gongye Daxue", "西北工业大学", "Northwestern"])
def test_pinyin_misses(small_index, raw):
    assert run_stage("pinyin", small_index, Query(raw)) is None


def test_allowed_filters(small_index, pos):
    assert run_stage("pinyin", small_index, Query("Xibei Gongye Daxue"), {pos("csf")}) is None
