"""aeronorm.spark on a local Spark session: the output equals normalize_many, row by row.

The ``spark`` fixture (conftest) skips these tests without pyspark or Java, and fails them
under CI. The tests at the bottom need neither: transport, the worker cache and the lazy import.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from typing import Any

import pytest

from aeronorm import Glossary, Normalizer, __version__
from aeronorm.errors import AeronormError
from aeronorm.integrations import spark as backend
from aeronorm.integrations.frames import MATCH_FIELDS

from .test_frames import assert_rows, expected, mention_rows

pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")

# A user's glossary with names the shipped one does not know.
USER_RECORDS = [
    {"id": "gw-rocket", "name": "Great Wall Rocket Works", "zh": "长城火箭厂",
     "aliases": ["Changcheng Rocket Factory"], "abbreviations": ["GWRW"]},
    {"id": "li-hua", "name": "Li Hua", "type": "person", "zh": "李华"},
    {"id": "cloud-lab", "name": "Cloud Sea Optics Laboratory", "aliases": ["Yunhai Optical Lab"]},
]
USER_VALUES = ["Great Wall Rocket Works Co., Ltd.", "GWRW", "Changcheng Rocket Factory", "长城火箭厂",
               "Hua Li", "LI HUA", "Yunhai Optical Lab", "Cloud Sea Optical Laboratory", "NWPU",
               "Moon Bakery", None, "", " "]


def frame(spark: Any, values: list[Any], partitions: int = 2) -> Any:
    """A DataFrame (i, name) keeping the order of ``values`` in ``i``."""
    return spark.createDataFrame(list(enumerate(values)), "i long, name string").repartition(partitions)


def collect(df: Any, prefix: str = "name") -> list[tuple]:
    rows = df.orderBy("i").select(*(f"{prefix}_{f}" for f in MATCH_FIELDS)).collect()
    return [tuple(r) for r in rows]


@pytest.mark.spark
@pytest.mark.parametrize("on_unknown", ["keep", "none"])
def test_default_glossary_matches_normalize_many(spark, normalizer, names, on_unknown):
    from aeronorm.spark import normalize_column

    out = normalize_column(frame(spark, names), "name", on_unknown=on_unknown)
    assert out.columns == ["i", "name", "name_id", "name_canonical", "name_score", "name_method"]
    assert [f.dataType.typeName() for f in out.schema.fields[2:]] == ["string", "string", "double", "string"]
    got = collect(out)
    assert_rows(got, expected(normalizer, names, on_unknown), names)
    by_value = dict(zip(names, got, strict=True))
    assert by_value[None] == (None, None, None, None)
    assert by_value[""] == (None, "", None, None) and by_value["   "] == (None, "   ", None, None)
    canonical = "Moon Bakery" if on_unknown == "keep" else None
    assert by_value["Moon Bakery"] == (None, canonical, None, None)
    assert sum(r[0] is not None for r in got) > 100


@pytest.mark.spark
def test_global_dedupe_gives_the_same_rows(spark, normalizer, names):
    from pyspark.sql.functions import lit

    from aeronorm.spark import normalize_column

    df = frame(spark, names, partitions=3).withColumn("name_method", lit("replaced"))
    out = normalize_column(df, "name", dedupe="global", on_unknown="none")
    assert out.count() == len(names)
    assert out.columns == ["i", "name", "name_id", "name_canonical", "name_score", "name_method"]
    assert_rows(collect(out), expected(normalizer, names, "none"), names)
    with pytest.raises(ValueError, match="dedupe"):
        normalize_column(df, "name", dedupe="partition")


@pytest.mark.spark
def test_user_glossary_threshold_and_type(spark):
    from aeronorm.spark import normalize_column

    g = Glossary.from_records(USER_RECORDS)
    df = frame(spark, USER_VALUES)
    for threshold in (None, 0.95):
        n = Normalizer(g) if threshold is None else Normalizer(g, threshold=threshold)
        out = normalize_column(df, "name", glossary=g, threshold=threshold, on_unknown="none")
        assert_rows(collect(out), expected(n, USER_VALUES, "none"), USER_VALUES)
    got = collect(normalize_column(df, "name", glossary=g))
    assert [r[0] for r in got[:4]] == ["gw-rocket"] * 4
    assert got[8][0] is None  # NWPU is not in this glossary
    people = collect(normalize_column(df, "name", glossary=g, type="person", prefix="p"), "p")
    assert_rows(people, expected(Normalizer(g), USER_VALUES, type="person"), USER_VALUES)
    assert [r[0] for r in people[4:6]] == ["li-hua", "li-hua"] and people[0][0] is None


@pytest.mark.spark
def test_a_saved_index_on_shared_storage(spark, tmp_path):
    from aeronorm.spark import find_column, normalize_column

    g = Glossary.from_records(USER_RECORDS)
    path = tmp_path / "user.idx"
    Normalizer(g).save(path)
    df = frame(spark, USER_VALUES)
    got = collect(normalize_column(df, "name", index=path, on_unknown="none"))
    assert_rows(got, expected(Normalizer(g), USER_VALUES, "none"), USER_VALUES)
    texts = spark.createDataFrame([("GWRW met Li Hua.",)], "body string")
    assert [m.id for m in find_column(texts, "body", index=str(path)).first().body_mentions] == [
        "gw-rocket", "li-hua"]


@pytest.mark.spark
def test_find_column_agrees_with_pandas_and_polars(spark, optional, normalizer, texts):
    """rt50u #6: the three back ends give the same mentions for the same column: ``[]`` for an
    empty or blank text, missing (null) for a missing one."""
    from aeronorm.integrations.frames import find_series
    from aeronorm.spark import find_column

    pd, pl = optional("pandas"), optional("polars")
    df = spark.createDataFrame([(i, t) for i, t in enumerate(texts)], "i int, body string").repartition(3)
    got = [r.body_mentions for r in find_column(df, "body").orderBy("i").collect()]
    spark_rows = mention_rows(got)
    assert spark_rows == mention_rows(pd.Series(texts, dtype=object).aeronorm.find(normalizer=normalizer))
    assert spark_rows == mention_rows(find_series(pl.Series(texts, dtype=pl.String)).to_list())
    assert spark_rows[2] == spark_rows[3] == [] and spark_rows[4] is None


@pytest.mark.spark
def test_100k_rows_match_normalize_many(spark, normalizer, big_column):
    from aeronorm.spark import normalize_column

    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "5000")
    try:
        got = collect(normalize_column(frame(spark, big_column, partitions=4), "name"))
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
    canon = normalizer.normalize_many(big_column)
    assert [r[1] for r in got] == canon
    assert_rows(got, expected(normalizer, big_column), big_column)


@pytest.mark.spark
def test_prefix_replaces_and_keeps_columns(spark):
    from aeronorm.spark import match_udf, normalize_column

    df = spark.createDataFrame([("CASIC", "x"), ("NWPU", "y")], "org string, org_id string")
    out = normalize_column(df, "org")
    assert out.columns == ["org", "org_id", "org_canonical", "org_score", "org_method"]
    assert [r.org_id for r in out.orderBy("org").collect()] == ["casic", "nwpu"]
    # one Python evaluation for the four columns
    plan = out._jdf.queryExecution().executedPlan().toString()
    assert plan.count("aeronorm_match(") == 1
    # the UDF in a select and in Spark SQL
    struct = df.select(match_udf()("org").alias("m")).select("m.*")
    assert struct.columns == list(MATCH_FIELDS)
    spark.udf.register("aeronorm_match", match_udf())
    assert spark.sql("SELECT aeronorm_match('NWPU').id AS id").first().id == "nwpu"


@pytest.mark.spark
def test_errors(spark):
    from aeronorm.spark import find_column, normalize_column

    df = spark.createDataFrame([("Moon Bakery", 1)], "org string, n int")
    with pytest.raises(KeyError, match="nope"):
        normalize_column(df, "nope")
    with pytest.raises(TypeError, match="int"):
        normalize_column(df, "n")
    with pytest.raises(ValueError, match="threshold"):
        normalize_column(df, "org", threshold=1.5)
    with pytest.raises(ValueError, match="on_unknown"):
        normalize_column(df, "org", on_unknown="drop")
    with pytest.raises(ValueError, match="type"):
        normalize_column(df, "org", type="rocket")
    with pytest.raises(TypeError, match="Glossary"):
        normalize_column(df, "org", glossary=USER_RECORDS)
    with pytest.raises(Exception, match="NoMatchError"):
        normalize_column(df, "org", on_unknown="raise").collect()
    # checked on the driver, as Normalizer checks them, not on the workers at the first action
    with pytest.raises(TypeError, match="threshold must be a number, not str"):
        normalize_column(df, "org", threshold="0.9")
    with pytest.raises(TypeError, match="threshold must be a number, not bool"):
        normalize_column(df, "org", threshold=True)
    with pytest.raises(TypeError, match="prefix must be a str"):
        normalize_column(df, "org", prefix=5)
    with pytest.raises(ValueError, match="prefix must not be empty"):
        find_column(df, "org", prefix="")
    with pytest.raises(FileNotFoundError, match="no such file"):
        normalize_column(df, "org", index="/nonexistent/user.idx")


@pytest.mark.spark
def test_a_rewritten_index_is_never_stale(spark, tmp_path, monkeypatch):
    from aeronorm.spark import find_column, normalize_column

    path = tmp_path / "x.idx"
    df = spark.createDataFrame([("Moon Bakery",)], "org string")
    texts = spark.createDataFrame([("We met Moon Bakery Group.",)], "body string")

    Normalizer(Glossary.from_records([{"id": "mb", "name": "Moon Bakery Group"}])).save(path)
    assert normalize_column(df, "org", index=str(path)).first().org_id == "mb"
    Normalizer(Glossary.from_records([{"id": "mb2", "name": "Lunar Bakery Holdings",
                                       "aliases": ["Moon Bakery"]}])).save(path)
    # the workers hold the first index under the old digest: the new one is another
    assert normalize_column(df, "org", index=str(path)).first().org_id == "mb2"
    assert find_column(texts, "body", index=str(path)).first().body_mentions == []
    monkeypatch.chdir(tmp_path)
    assert normalize_column(df, "org", index="./x.idx").first().org_id == "mb2"  # the file spelled otherwise


@pytest.mark.spark
def test_column_names_compare_as_spark_resolves_them(spark):
    from aeronorm.spark import find_column, normalize_column

    names = spark.createDataFrame([("NWPU",)], "X_ID string")
    texts = spark.createDataFrame([("NWPU met CASIC",)], "Body_Mentions string")
    for dedupe in ("batch", "global"):
        with pytest.raises(ValueError, match="'x_id' would replace the column of names 'X_ID' itself"):
            normalize_column(names, "X_ID", prefix="x", dedupe=dedupe)
    for column in ("Body_Mentions", "body_mentions"):  # the column is found as Spark finds it
        with pytest.raises(ValueError, match="would replace the column of names 'Body_Mentions' itself"):
            find_column(texts, column, prefix="body")
    # an output column that exists in another case is replaced, the same in both modes
    df = spark.createDataFrame([("NWPU", "keep me", "x")], "org string, ORG_ID string, other string")
    outs = [normalize_column(df, "org", dedupe=dedupe) for dedupe in ("batch", "global")]
    assert sorted(outs[0].columns) == sorted(outs[1].columns) == sorted(
        ["org", "other", *(f"org_{f}" for f in MATCH_FIELDS)])
    assert [o.select("org_id", "other").first() for o in outs] == [("nwpu", "x")] * 2
    two = spark.createDataFrame([("NWPU", "CASIC")], "org string, ORG string")
    with pytest.raises(ValueError, match="2 columns"):
        normalize_column(two, "org")
    spark.conf.set("spark.sql.caseSensitive", "true")
    try:  # then X_ID and x_id are two columns
        out = normalize_column(names, "X_ID", prefix="x")
        assert out.columns == ["X_ID", *(f"x_{f}" for f in MATCH_FIELDS)]
        assert tuple(out.select("X_ID", "x_id").first()) == ("NWPU", "nwpu")
    finally:
        spark.conf.unset("spark.sql.caseSensitive")


@pytest.mark.spark
def test_the_udfs_on_a_column_of_other_values(spark):
    from aeronorm.spark import find_udf, match_udf

    df = spark.createDataFrame([(1, ["NWPU"]), (None, None)], "n int, a array<string>")
    with pytest.raises(Exception, match=r"holds (whole numbers|integers): cast it"):
        df.select(match_udf()("n").alias("m")).collect()
    with pytest.raises(Exception, match="holds arrays: cast it"):
        df.select(find_udf()("a").alias("m")).collect()


@pytest.mark.spark
def test_one_normalizer_per_worker_across_batches(spark):
    import pandas as pd
    from pyspark.sql.functions import pandas_udf

    from aeronorm.spark import normalize_column

    g = Glossary.from_records(USER_RECORDS[:1])
    key = backend._spec(spark, g, None).key
    assert backend._spec(spark, g, None).payload is backend._spec(spark, g, None).payload  # broadcast once
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "50")
    try:
        values = ["GWRW", "Moon Bakery", None] * 200
        out = normalize_column(frame(spark, values, partitions=4), "name", glossary=g)
        assert [r[0] for r in collect(out)].count("gw-rocket") == 200

        def probe(s):  # nested: pickled by value, runs in the workers
            from aeronorm.integrations import spark as worker_side

            w = worker_side._WORKERS.get((key, None))
            state = f"{os.getpid()}:{-1 if w is None else w.batches}:{-1 if w is None else id(w.normalizer)}"
            return pd.Series([state] * len(s))

        probe.__annotations__ = {"s": pd.Series, "return": pd.Series}  # classes: Spark reads them

        states = {r.s for r in spark.range(0, 40, numPartitions=4)
                  .select(pandas_udf(probe, "string")("id").alias("s")).collect()}
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
    seen = [tuple(map(int, s.split(":"))) for s in states]
    built = [(pid, batches) for pid, batches, _ in seen if batches > 0]
    assert built, f"no worker holds the normalizer: {seen}"
    assert len({pid for pid, _, _ in seen}) <= 2  # local[2]: at most two reused Python workers
    # 600 rows in batches of 50 over 4 partitions: at least 12 batches; the workers that built a
    # Normalizer served several batches with it
    assert sum(b for _, b in built) >= 6 and max(b for _, b in built) > 1


@pytest.mark.spark
def test_find_column(spark):
    if not hasattr(Normalizer, "find"):
        pytest.skip("needs Normalizer.find (issue 5)")
    from aeronorm.spark import find_column

    n = Normalizer()
    texts = ["Engineers from NWPU met CASIC in Xi'an.", "Nothing to see here.", None, "",
             "NWPU and NWPU again; the China Space Foundation too."]
    out = find_column(spark.createDataFrame(list(enumerate(texts)), "i long, body string"), "body")
    rows = out.orderBy("i").collect()
    assert rows[2].body_mentions is None
    for text, row in zip(texts, rows, strict=True):
        if text is None:
            continue
        want = [(m.start, m.end, m.text, m.match and m.match.entity_id, m.match and m.match.canonical)
                for m in n.find(text)]
        assert [tuple(m) for m in row.body_mentions] == want
    assert any(m.id == "nwpu" for m in rows[0].body_mentions)
    one = spark.createDataFrame([(texts[0],)], "body string")
    places = find_column(one, "body", type="place", prefix="p")
    got = [tuple(m) for m in places.first().p_mentions]
    assert got == [(m.start, m.end, m.text, m.match.entity_id, m.match.canonical)
                   for m in n.find(texts[0], type="place")]
    assert all(n.glossary[m[3]].type == "place" for m in got)


# ------------------------------------------------------------------ no Spark needed
def test_glossary_bytes_are_compact_and_round_trip():
    g = Glossary.default()
    data = backend.encode_glossary(g)
    assert backend.decode_glossary(data) == g
    assert len(data) < len(pickle.dumps(g)) / 2


class _ConnectLike:
    """A session without a SparkContext, as on Spark Connect."""

    @property
    def sparkContext(self):
        raise RuntimeError("not available on Spark Connect")


def test_worker_cache_builds_once_from_bytes(optional):
    pd = optional("pandas")
    g = Glossary.from_records(USER_RECORDS)
    spec = backend._spec(_ConnectLike(), g, 0.9)
    assert isinstance(spec.payload, bytes) and spec.key != "default"
    backend._WORKERS.pop((spec.key, 0.9), None)
    first = backend._match_batch(pd.Series(["GWRW", None, "GWRW"]), spec, None, "keep")
    w = backend._worker(spec)
    assert w.batches == 1 and w.normalizer.threshold == 0.9 and w.normalizer.glossary == g
    second = backend._match_batch(pd.Series(["Li Hua"]), spec, "person", "none")
    assert backend._worker(spec) is w and w.batches == 2
    assert first["id"].tolist()[::2] == ["gw-rocket", "gw-rocket"] and second["id"].tolist() == ["li-hua"]
    assert set(w.memos) == {None, "person"} and "GWRW" in w.memos[None]
    default = backend._spec(_ConnectLike(), None, None)
    assert default.payload is None and backend._worker(default).normalizer.glossary is Glossary.default()


def test_workers_load_the_index_the_driver_built_once(optional, monkeypatch):
    pd = optional("pandas")
    import aeronorm.normalizer

    g = Glossary.from_records(USER_RECORDS)
    backend._INDEXES.clear()
    built = []
    original = aeronorm.normalizer.Index

    def counted(*args, **kwargs):
        built.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(aeronorm.normalizer, "Index", counted)
    specs = [backend._spec(_ConnectLike(), g, t) for t in (0.8, 0.9)]
    assert len(built) == 1 and specs[0].payload == specs[1].payload  # one build, on the driver
    for spec in specs:
        backend._WORKERS.pop((spec.key, spec.threshold), None)
        out = backend._match_batch(pd.Series(["GWRW", "Yunhai Optical Lab"]), spec, None, "keep")
        assert out["id"].tolist() == ["gw-rocket", "cloud-lab"]
        assert backend._worker(spec).normalizer.threshold == spec.threshold
    assert len(built) == 1  # the workers loaded it


def test_an_index_path_is_loaded_by_each_worker(optional, tmp_path, monkeypatch):
    pd = optional("pandas")
    path = tmp_path / "user.idx"
    Normalizer(Glossary.from_records(USER_RECORDS)).save(path)
    spec = backend._spec(_ConnectLike(), None, None, index=path)
    assert spec.payload == str(path) and spec.key.startswith("index:")
    out = backend._match_batch(pd.Series(["Changcheng Rocket Factory", "NWPU"]), spec, None, "none")
    assert out["id"].iloc[0] == "gw-rocket" and pd.isna(out["id"].iloc[1])
    with pytest.raises(ValueError, match="not both"):
        backend._spec(_ConnectLike(), Glossary.from_records(USER_RECORDS), None, index=path)
    # the key is the contents' digest: another spelling of the path is the same key, the bytes too
    monkeypatch.chdir(tmp_path)
    assert backend._spec(_ConnectLike(), None, None, index="./user.idx") == spec
    from_bytes = backend._spec(_ConnectLike(), None, None, index=path.read_bytes())
    assert from_bytes.key == spec.key and from_bytes.payload == path.read_bytes()
    # written again at the same path: a new key; a file changed after the driver read it: refused
    Normalizer(Glossary.from_records(USER_RECORDS[:1])).save(path)
    again = backend._spec(_ConnectLike(), None, None, index=path)
    assert again.key != spec.key
    backend._WORKERS.pop((spec.key, None), None)
    with pytest.raises(AeronormError, match="changed after the driver read it"):
        backend._worker(spec)
    out = backend._match_batch(pd.Series(["Changcheng Rocket Factory", "Yunhai Optical Lab"]), again, None,
                               "none")
    assert out["id"].iloc[0] == "gw-rocket" and pd.isna(out["id"].iloc[1])  # cloud-lab is gone


def test_bad_arguments_are_refused_on_the_driver(tmp_path):
    from aeronorm.errors import IndexVersionError, SavedIndexError

    def spec(threshold=None, index=None):
        return backend._spec(_ConnectLike(), None, threshold, index=index)

    for threshold, error in (("0.9", TypeError), (True, TypeError), (1.5, ValueError),
                             (float("nan"), ValueError)):
        with pytest.raises(error, match="threshold"):
            spec(threshold)
    assert spec(1).threshold == 1 and spec(0.9).threshold == 0.9
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(FileNotFoundError, match="no such file"):
        spec(index=tmp_path / "missing.idx")
    with pytest.raises(IsADirectoryError, match="directory"):
        spec(index=tmp_path)
    with pytest.raises(IndexVersionError, match=r"notes\.txt: not a saved aeronorm index"):
        spec(index=str(tmp_path / "notes.txt"))
    with pytest.raises(IndexVersionError, match=r"bytes .* not a saved aeronorm index"):
        spec(index=os.fsencode(tmp_path / "notes.txt"))  # bytes are contents, as Normalizer.load takes them
    with pytest.raises(TypeError, match="index must be"):
        spec(index=5)
    with pytest.raises(ValueError, match="empty"):
        spec(index="")
    path = tmp_path / "user.idx"
    Normalizer(Glossary.from_records(USER_RECORDS)).save(path)
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(SavedIndexError, match=r"user\.idx: section"):
        spec(index=path)  # a damaged section: found on the driver, before any executor reads it


def test_worker_keeps_a_bounded_number_of_normalizers():
    g = Glossary.from_records(USER_RECORDS[:1])
    specs = [backend._spec(_ConnectLike(), g, t) for t in (0.7, 0.75, 0.8, 0.85, 0.9, 0.95)]
    workers = [backend._worker(spec) for spec in specs]
    assert len(backend._WORKERS) <= backend._MAX_NORMALIZERS
    assert backend._worker(specs[-1]) is workers[-1]  # the newest is kept
    assert (specs[0].key, 0.7) not in backend._WORKERS  # the oldest went first
    assert [w.normalizer.threshold for w in workers] == [0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def test_version_mismatch_is_reported():
    spec = backend._Spec("mismatch-test", None, 0.85, __version__ + ".other")
    with pytest.raises(AeronormError, match="same aeronorm"):
        backend._worker(spec)


def test_import_is_lazy_and_names_the_extra():
    code = (
        "import sys\n"
        "import aeronorm.spark as s\n"
        "heavy = {'pyspark', 'pandas', 'rapidfuzz', 'jieba', 'aeronorm.normalizer'} & set(sys.modules)\n"
        "assert not heavy, f'imported eagerly: {heavy}'\n"
        "sys.modules['pyspark'] = None\n"  # as if not installed
        "try:\n"
        "    s.normalize_column(object(), 'x')\n"
        "except ImportError as e:\n"
        "    print(type(e).__name__, e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "MissingDependencyError" in out.stdout and 'aeronorm[spark]' in out.stdout, out.stdout + out.stderr


def test_a_column_that_does_not_hold_strings_is_named(optional):
    pd = optional("pandas")
    spec = backend._spec(_ConnectLike(), None, None)
    # what Spark's Arrow batches hold for int (with nulls: float64), array, map and struct columns
    for values, kind in ((pd.Series([1, None]), "holds whole numbers"),
                         (pd.Series([1, 2], dtype="int32"), "holds integers"),
                         (pd.Series([["NWPU"]]), "holds arrays"), (pd.Series([{"a": "b"}]), "holds maps"),
                         (pd.DataFrame({"a": ["NWPU"]}), "holds structs"),
                         (pd.Series([True, None]), "holds booleans")):
        with pytest.raises(TypeError, match=kind):
            backend._match_batch(values, spec, None, "keep")
        with pytest.raises(TypeError, match=kind):
            backend._find_batch(values, spec)


def test_find_batch_dedups_and_keeps_nulls(optional):
    pd = optional("pandas")
    from aeronorm.results import Match, Mention

    nwpu = "Northwestern Polytechnical University"

    calls: list[str] = []

    class Finder:
        """Stands in for Normalizer.find: every word 'NWPU' is a mention."""

        def find(self, text: str, *, type: str | None = None) -> list[Any]:
            calls.append(text)
            assert type == "org"
            m = Match("NWPU", "nwpu", nwpu, "org", 1.0, "exact")
            out, start = [], text.find("NWPU")
            while start >= 0:
                out.append(Mention(start, start + 4, "NWPU", m))
                start = text.find("NWPU", start + 1)
            return out

    spec = backend._Spec("fake-finder", None, None, __version__)
    backend._WORKERS[(spec.key, None)] = backend._Worker(Finder())  # type: ignore[arg-type]
    try:
        texts = pd.Series(["NWPU and NWPU", None, "", "nothing", "NWPU and NWPU"], index=[3, 4, 5, 6, 7])
        out = backend._find_batch(texts, spec, "org")
    finally:
        del backend._WORKERS[(spec.key, None)]
    assert list(out.index) == [3, 4, 5, 6, 7]
    assert calls == ["NWPU and NWPU", "", "nothing"]  # each distinct text once, nulls never
    assert out[4] is None and out[5] == [] and out[6] == []
    assert out[3] == out[7] == [
        {"start": 0, "end": 4, "text": "NWPU", "id": "nwpu", "canonical": nwpu},
        {"start": 9, "end": 13, "text": "NWPU", "id": "nwpu", "canonical": nwpu},
    ]


@pytest.mark.spark
def test_a_dotted_column_name_and_a_prefix_that_would_replace_it(spark, normalizer):
    df = spark.createDataFrame([(0, "NWPU"), (1, None)], "i long, `org.name` string")
    for dedupe in ("batch", "global"):
        out = backend.normalize_column(df, "org.name", prefix="org", dedupe=dedupe).orderBy("i")
        assert [r["org_id"] for r in out.collect()] == ["nwpu", None]
    df = spark.createDataFrame([("NWPU",)], "x_id string")
    with pytest.raises(ValueError, match="would replace the column of names"):
        backend.normalize_column(df, "x_id", prefix="x")
    # dots, backticks and spaces in columns and prefixes, the temporary columns' too
    df = spark.createDataFrame([(0, "NWPU", "CASIC", "NWPU met CASIC"), (1, None, None, None)],
                               "i long, `a.b` string, `a``b` string, `my text` string")
    for dedupe in ("batch", "global"):
        out = backend.normalize_column(df, "a.b", dedupe=dedupe)
        out = backend.normalize_column(out, "a`b", prefix="x.y", dedupe=dedupe)
        out = backend.normalize_column(out, "a`b", prefix="p`q", dedupe=dedupe)
        out = backend.find_column(out, "my text", prefix="f.g`h")
        rows = out.orderBy("i").collect()
        assert [(r["a.b_id"], r["x.y_id"], r["p`q_id"]) for r in rows] == [("nwpu", "casic", "casic"),
                                                                          (None, None, None)]
        assert [m.id for m in rows[0]["f.g`h_mentions"]] == ["nwpu", "casic"]
        assert rows[1]["f.g`h_mentions"] is None
