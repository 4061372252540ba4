"""``Series.aeronorm.cluster()``: the column's clusters as a tidy frame."""

from __future__ import annotations

import pytest

from aeronorm.clustering.export import REVIEW_COLUMNS

pd = pytest.importorskip("pandas")


def test_a_tidy_frame_one_row_per_distinct_value():
    s = pd.Series(["NWPU", "Northwestern Polytechnical University", None, "", float("nan"), pd.NA, "NWPU",
                   "西北工业大学", "CASC"], index=range(10, 19))
    frame = s.aeronorm.cluster()
    assert list(frame.columns) == list(REVIEW_COLUMNS)
    expected = ["NWPU", "Northwestern Polytechnical University", "西北工业大学", "CASC"]
    assert sorted(frame["value"]) == sorted(expected)
    by_value = frame.set_index("value")
    assert by_value.loc["NWPU", "count"] == 2
    assert by_value.loc["NWPU", "cluster"] == by_value.loc["西北工业大学", "cluster"]
    assert by_value.loc["CASC", "cluster"] != by_value.loc["NWPU", "cluster"]
    assert by_value.loc["西北工业大学", "zh"] == "西北工业大学"


def test_a_string_column_and_options():
    s = pd.Series(["Jade Lake Tracking Station (JLTS)", "JLTS"], dtype="string")
    assert s.aeronorm.cluster()["cluster"].nunique() == 1
    assert s.aeronorm.cluster(threshold=1.0)["cluster"].nunique() == 1  # given acronyms score 1.0
    with pytest.raises(ValueError, match="unknown type"):
        s.aeronorm.cluster(type="company")


def test_values_that_are_not_names_are_refused():
    with pytest.raises(TypeError, match="int"):
        pd.Series(["CASC", 3]).aeronorm.cluster()


def test_units_are_forwarded():
    s = pd.Series(["Velmora University", "Velmora University Shenzhen Research Institute"])
    assert s.aeronorm.cluster()["cluster"].nunique() == 2
    frame = s.aeronorm.cluster(units="with_parent")
    assert frame["cluster"].nunique() == 1 and set(frame["canonical"]) == {"Velmora University"}
    assert "unit" in set(frame["evidence"])
    with pytest.raises(ValueError, match="units must be one of"):
        s.aeronorm.cluster(units="parents")
