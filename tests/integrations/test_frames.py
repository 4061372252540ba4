"""aeronorm.integrations.frames: pandas and Polars columns agree with normalize_many, row by row."""

from __future__ import annotations

import functools
import math
from typing import Any

import pytest

from aeronorm import Glossary, Normalizer
from aeronorm.batch import Memo, is_missing
from aeronorm.errors import NoMatchError
from aeronorm.integrations.frames import (
    MATCH_FIELDS,
    MENTION_FIELDS,
    find_series,
    match_series,
    normalize_frame,
    normalize_series,
    resolve_distinct,
)


def expected(normalizer: Normalizer, values: list[Any], on_unknown: str = "keep", type: str | None = None):
    """(id, canonical, score, method) per value, from the core API."""
    canon = normalizer.normalize_many(values, on_unknown=on_unknown, type=type)
    matches = normalizer.match_many(values, type=type)
    return [
        (None, c, None, None) if m is None else (m.entity_id, c, m.score, m.method)
        for m, c in zip(matches, canon, strict=True)
    ]


def same(a: Any, b: Any) -> bool:
    """Equal, with every missing marker (None, NaN) equal to every other."""
    if is_missing(a) and is_missing(b) and not isinstance(a, str) and not isinstance(b, str):
        return True
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-12)
    return a == b


def nones(column: Any) -> list[Any]:
    """A pandas column as a list, missing markers (NaN in pandas 3 string columns) as None."""
    return [None if is_missing(x) and not isinstance(x, str) else x for x in column]


def assert_rows(got: list[tuple], want: list[tuple], values: list[Any]) -> None:
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        ok = all(same(x, y) for x, y in zip(g, w, strict=True))
        assert ok, f"row {i} ({values[i]!r}): got {g}, want {w}"


def rows_of(frame: Any, columns: list[str]) -> list[tuple]:
    """The rows of some pandas columns, as tuples."""
    return list(zip(*(frame[c] for c in columns), strict=True))


# ------------------------------------------------------------------------------------- pandas
@pytest.mark.parametrize("on_unknown", ["keep", "none"])
def test_pandas_frame_matches_core(optional, normalizer, names, on_unknown):
    pd = optional("pandas")
    df = pd.DataFrame({"org": names, "n": range(len(names))}, index=[f"r{i}" for i in range(len(names))])
    before = df.copy()
    out = normalize_frame(df, "org", on_unknown=on_unknown)
    assert list(out.columns) == ["org", "n", "org_id", "org_canonical", "org_score", "org_method"]
    assert list(out.index) == list(df.index)
    pd.testing.assert_frame_equal(df, before)  # input untouched
    got = list(zip(out["org_id"], out["org_canonical"], out["org_score"], out["org_method"], strict=True))
    assert_rows(got, expected(normalizer, names, on_unknown), names)
    assert out["org_score"].dtype == "float64"
    # the sample really covers resolved, unknown and missing values
    assert out["org_id"].notna().sum() > 100
    assert out["org_id"].isna().sum() > 10


def test_pandas_missing_values_pass_through(optional, normalizer):
    pd = optional("pandas")
    np = optional("numpy")
    values = [None, np.nan, "", "  ", "NWPU"]
    s = pd.Series(values, dtype=object)
    r = match_series(s, on_unknown="none")
    assert r["canonical"].iloc[2] == "" and r["canonical"].iloc[3] == "  "
    assert r["canonical"].iloc[:2].isna().all()
    assert r["id"].iloc[:4].isna().all() and r["score"].iloc[:4].isna().all()
    assert r["id"].iloc[4] == "nwpu"
    assert_rows(rows_of(r, list(MATCH_FIELDS)), expected(normalizer, values, "none"), values)


def test_pandas_series_functions(optional, normalizer):
    pd = optional("pandas")
    s = pd.Series(["CASIC", "Moon Bakery", None], name="maker", index=[5, 6, 7])
    n = normalize_series(s)
    assert n.name == "maker" and list(n.index) == [5, 6, 7]
    assert n.tolist()[:2] == normalizer.normalize_many(["CASIC", "Moon Bakery"])
    m = match_series(s)
    assert list(m.columns) == list(MATCH_FIELDS) and list(m.index) == [5, 6, 7]
    cat = s.astype("category")
    assert normalize_series(cat).tolist()[:2] == n.tolist()[:2]


def test_pandas_prefix_replaces_columns(optional):
    pd = optional("pandas")
    df = pd.DataFrame({"who": ["Zhang Kejian", "kejian zhang"], "p_id": [1, 2]})
    out = normalize_frame(df, "who", prefix="p")
    assert list(out.columns) == ["who", "p_id", "p_canonical", "p_score", "p_method"]
    assert out["p_id"].nunique() == 1 and out["p_id"].iloc[0] is not None


def test_pandas_user_glossary_and_type(optional):
    pd = optional("pandas")
    g = Glossary.from_records([
        {"id": "gw", "name": "Great Wall Rocket Works", "aliases": ["GW Rocket Works"]},
        {"id": "li-hua", "name": "Li Hua", "type": "person", "zh": "李华"},
    ])
    n = Normalizer(g)
    values = ["GW Rocket Works", "Li Hua", "Hua Li", "NWPU", None]
    out = normalize_frame(pd.DataFrame({"x": values}), "x", normalizer=n, on_unknown="none")
    assert nones(out["x_id"])[:4] == ["gw", "li-hua", "li-hua", None]
    assert_rows(rows_of(out, [f"x_{f}" for f in MATCH_FIELDS]), expected(n, values, "none"), values)
    people = match_series(pd.Series(values), normalizer=n, type="person")
    assert nones(people["id"])[:3] == [None, "li-hua", "li-hua"]


def test_pandas_errors(optional):
    pd = optional("pandas")
    df = pd.DataFrame({"org": ["NWPU", "Moon Bakery"], "n": [1, 2]})
    with pytest.raises(KeyError, match="nope"):
        normalize_frame(df, "nope")
    with pytest.raises(TypeError, match="int"):
        normalize_frame(df, "n")
    with pytest.raises(NoMatchError, match="Moon Bakery"):
        normalize_frame(df, "org", on_unknown="raise")
    with pytest.raises(ValueError, match="on_unknown"):
        normalize_frame(df, "org", on_unknown="drop")
    with pytest.raises(TypeError, match="DataFrame"):
        normalize_frame({"org": ["NWPU"]}, "org")
    # what the column holds, never its first value as pandas made it ("got float: 1.0")
    for values, kind in (([1, 2, None], "whole numbers"), (pd.Categorical([1, 2, None]), "integers"),
                         ([["NWPU"], None], "arrays"), ([1.5], "numbers")):
        with pytest.raises(TypeError, match=f"the column holds {kind}: cast it"):
            match_series(pd.Series(values))
    with pytest.raises(TypeError, match="Series"):
        normalize_series(["NWPU"])


def test_pandas_100k_rows(optional, normalizer, big_column):
    pd = optional("pandas")
    out = normalize_frame(pd.DataFrame({"org": big_column}), "org")
    want = normalizer.normalize_many(big_column)
    got = out["org_canonical"].tolist()
    assert all(same(g, w) for g, w in zip(got, want, strict=True))
    assert out["org_id"].notna().mean() > 0.5


def test_resolve_distinct_memo_is_bounded(normalizer):
    memo = Memo(max_entries=2)
    values = ["NWPU", "CASIC", "Moon Bakery", "NWPU"]
    first = resolve_distinct(normalizer, values, type=None, on_unknown="keep", memo=memo)
    assert 1 <= len(memo) <= 2
    plain = resolve_distinct(normalizer, values, type=None, on_unknown="keep")
    assert_rows(list(zip(*first, strict=True)), list(zip(*plain, strict=True)), values)
    memo = Memo()
    resolve_distinct(normalizer, values, type=None, on_unknown="keep", memo=memo)
    assert len(memo) == 3 and all(v in memo for v in ("NWPU", "CASIC", "Moon Bakery"))
    assert memo.get("NWPU").entity_id == "nwpu" and memo.get("Moon Bakery") is None


# ------------------------------------------------------------------------------------- polars
@pytest.mark.parametrize("on_unknown", ["keep", "none"])
def test_polars_frame_matches_core(optional, normalizer, names, on_unknown):
    pl = optional("polars")
    # polars strings cannot hold NaN; None is its missing value
    df = pl.DataFrame({"org": names, "n": list(range(len(names)))}, schema={"org": pl.String, "n": pl.Int64})
    out = normalize_frame(df, "org", on_unknown=on_unknown)
    assert out.columns == ["org", "n", "org_id", "org_canonical", "org_score", "org_method"]
    assert out.schema["org_score"] == pl.Float64 and out.schema["org_id"] == pl.String
    got = out.select("org_id", "org_canonical", "org_score", "org_method").rows()
    assert_rows(got, expected(normalizer, names, on_unknown), names)
    assert df.columns == ["org", "n"]


def test_polars_map_batches(optional, normalizer, names):
    pl = optional("polars")
    df = pl.DataFrame({"org": names}, schema={"org": pl.String})
    out = df.with_columns(pl.col("org").map_batches(normalize_series, return_dtype=pl.String))
    assert out["org"].to_list() == normalizer.normalize_many(names)
    lazy = df.lazy().select(  # LazyFrame.unnest: Expr.struct.unnest is newer than polars 1.0
        pl.col("org").map_batches(functools.partial(match_series, on_unknown="none")).alias("m")).unnest("m")
    got = lazy.collect()
    assert got.columns == list(MATCH_FIELDS)
    assert_rows(got.rows(), expected(normalizer, names, "none"), names)


def test_polars_dtypes_and_errors(optional):
    pl = optional("polars")
    cat = pl.Series("c", ["NWPU", None, "NWPU"], dtype=pl.Categorical)
    assert normalize_series(cat).to_list() == ["Northwestern Polytechnical University", None,
                                               "Northwestern Polytechnical University"]
    nulls = pl.Series("z", [None, None])
    assert match_series(nulls).struct.field("id").to_list() == [None, None]
    empty = pl.Series("e", [], dtype=pl.String)
    assert normalize_frame(pl.DataFrame({"e": empty}), "e").height == 0
    with pytest.raises(TypeError, match="Int64"):
        normalize_series(pl.Series("i", [1, 2]))
    with pytest.raises(TypeError, match="LazyFrame"):
        normalize_frame(pl.DataFrame({"a": ["x"]}).lazy(), "a")
    with pytest.raises(KeyError):
        normalize_frame(pl.DataFrame({"a": ["x"]}), "b")
    with pytest.raises(NoMatchError):
        normalize_series(pl.Series(["Moon Bakery"]), on_unknown="raise")


def mention_rows(found: list[Any]) -> list[Any]:
    """Each text's mentions as (start, end, text, id, canonical) tuples, whatever their kind (a
    Mention, a dict from Polars, a Row from Spark); a missing text as None."""
    def one(m: Any) -> tuple:
        if isinstance(m, dict):
            return tuple(m[f] for f in MENTION_FIELDS)
        if hasattr(m, "asDict"):
            return tuple(m.asDict()[f] for f in MENTION_FIELDS)
        return (m.start, m.end, m.text, m.entity_id, m.canonical)

    return [None if ms is None or (isinstance(ms, float) and math.isnan(ms)) else [one(m) for m in ms]
            for ms in found]


def test_find_series_pandas_and_polars_agree(optional, normalizer, texts):
    """rt50u #6: every text gives a list (an empty or blank one ``[]``), a missing one stays missing,
    and pandas and Polars give the same mentions, row for row, as ``Normalizer.find``."""
    pd, pl = optional("pandas"), optional("polars")
    want = [None if t is None else [(m.start, m.end, m.text, m.entity_id, m.canonical)
                                    for m in normalizer.find(t)] for t in texts]
    assert want[2] == want[3] == want[7] == [] and want[0]
    got_pd = find_series(pd.Series(texts, dtype=object), normalizer=normalizer)
    assert mention_rows(got_pd) == want
    assert mention_rows(pd.Series(texts, dtype=object).aeronorm.find(normalizer=normalizer)) == want
    got_pl = find_series(pl.Series("body", texts, dtype=pl.String), normalizer=normalizer)
    assert got_pl.name == "body" and got_pl.dtype == pl.List(pl.Struct({
        "start": pl.Int32, "end": pl.Int32, "text": pl.String, "id": pl.String, "canonical": pl.String}))
    assert mention_rows(got_pl.to_list()) == want
    lazy = pl.DataFrame({"body": texts}).lazy().select(pl.col("body").map_batches(find_series)).collect()
    assert mention_rows(lazy["body"].to_list()) == want
    assert find_series(pl.Series("z", [None, None])).to_list() == [None, None]
    assert find_series(pl.Series("e", [], dtype=pl.String)).to_list() == []
    with pytest.raises(TypeError, match="Int64"):
        find_series(pl.Series("i", [1, 2]))
    with pytest.raises(TypeError, match="pandas or polars Series"):
        find_series(texts)


@pytest.mark.parametrize("lib", ["pandas", "polars"])
def test_a_new_column_never_replaces_the_column_of_names(optional, normalizer, lib):
    mod = optional(lib)
    df = mod.DataFrame({"x_id": ["NWPU", "CASC"]})
    with pytest.raises(ValueError, match="would replace the column of names"):
        normalize_frame(df, "x_id", normalizer=normalizer, prefix="x")
    assert list(df["x_id"]) == ["NWPU", "CASC"]


def test_a_pandas_frame_with_two_columns_of_that_name_is_refused(optional, normalizer):
    pd = optional("pandas")
    df = pd.DataFrame([["NWPU", "CASC"]], columns=["org", "org"])
    with pytest.raises(ValueError, match="2 columns named 'org'"):
        normalize_frame(df, "org", normalizer=normalizer)
