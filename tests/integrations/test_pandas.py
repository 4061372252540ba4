"""aeronorm.integrations.pandas: the ``Series.aeronorm`` accessor and its lazy registration."""

from __future__ import annotations

import doctest
import math
import os
import subprocess
import sys

import pytest

import aeronorm
from aeronorm import Glossary, Normalizer
from aeronorm.integrations import pandas as accessor_module
from aeronorm.results import Mentions

try:
    import pandas as pd
except ImportError:  # the pandas extra: skipped on a developer machine, a failure under CI
    if os.environ.get("CI") == "true":
        raise
    pytest.skip("pandas is not installed", allow_module_level=True)


def missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


class CountingNormalizer(Normalizer):
    """Counts the names resolved, to check that each distinct value is resolved once."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.calls: list[str] = []
        exact = self.pipeline.stages["exact"]  # every distinct name's first look-up: the exact path

        def counting(look_up):
            def counted(names, type_=None, **options):
                self.calls.extend(names)
                return look_up(names, type_, **options)
            return counted

        exact.written_many = counting(exact.written_many)
        exact.canonical_many = counting(exact.canonical_many)


@pytest.fixture(scope="module")
def counting():
    return CountingNormalizer(Glossary.default())


def test_normalize_keeps_index_name_and_missing_values():
    s = pd.Series(["NWPU", "Northwestern Polytechnic University", None, "", "   ", "Moon Bakery"],
                  index=[5, 3, 9, 1, 7, 2], name="org", dtype=object)
    out = s.aeronorm.normalize()
    assert list(out.index) == [5, 3, 9, 1, 7, 2] and out.name == "org"
    assert out.tolist() == ["Northwestern Polytechnical University", "Northwestern Polytechnical University",
                            None, "", "   ", "Moon Bakery"]
    assert s.aeronorm.normalize(on_unknown="none").tolist()[-1] is None
    # a pandas string column (pandas 3's default for strings) stays one, its missing value kept
    strings = pd.Series(["NWPU", None], dtype="string")
    out = strings.aeronorm.normalize()
    assert out.dtype == strings.dtype and missing(out[1])
    assert out[0] == "Northwestern Polytechnical University"
    with pytest.raises(aeronorm.NoMatchError):
        s.aeronorm.normalize(on_unknown="raise")
    with pytest.raises(ValueError, match="on_unknown"):
        s.aeronorm.normalize(on_unknown="drop")


def test_nan_and_na_pass_through():
    s = pd.Series([float("nan"), "CASIC", pd.NA], dtype=object)
    out = s.aeronorm.normalize().tolist()
    assert math.isnan(out[0]) and out[2] is pd.NA
    assert out[1] == "China Aerospace Science and Industry Corporation Limited"
    strings = pd.Series(["CASIC", None], dtype="string")
    assert strings.aeronorm.normalize().tolist()[0].startswith("China Aerospace Science and Industry")


def test_match_dataframe():
    s = pd.Series(["NWPU", "Moon Bakery", None, "Chinese Academy of Space Technology"], index=list("abcd"))
    df = s.aeronorm.match()
    assert list(df.columns) == ["id", "canonical", "type", "score", "method"]
    assert list(df.index) == list("abcd")
    assert df.loc["a"].tolist() == ["nwpu", "Northwestern Polytechnical University", "org", 1.0, "exact"]
    assert missing(df.loc["b", "id"]) and math.isnan(df.loc["b", "score"])
    assert missing(df.loc["c", "canonical"])
    assert df.loc["d", "id"] == "cast"
    assert df["score"].dtype == float


def test_each_distinct_value_is_resolved_once(counting):
    s = pd.Series(["NWPU", "CASIC", "NWPU", None, "CASIC", "NWPU", ""] * 50)
    counting.calls.clear()
    out = s.aeronorm.normalize(normalizer=counting)
    assert sorted(counting.calls) == ["CASIC", "NWPU"]
    assert len(out) == len(s)
    counting.calls.clear()
    s.aeronorm.match(normalizer=counting)
    assert sorted(counting.calls) == ["CASIC", "NWPU"]


def test_find_and_normalize_text():
    texts = ["CASIC's 6th Academy met NWPU.", None, "nothing here", "NWPU and NWPU"]
    s = pd.Series(texts, index=[4, 3, 2, 1])
    found = s.aeronorm.find()
    assert list(found.index) == [4, 3, 2, 1]
    assert [m.entity_id for m in found[4]] == ["casic-6th-academy", "nwpu"]
    assert missing(found[3]) and list(found[2]) == []
    assert [m.text for m in found[1]] == ["NWPU", "NWPU"]
    text = s.aeronorm.normalize_text(style="annotate")
    assert text[1] == ("Northwestern Polytechnical University [nwpu] and "
                       "Northwestern Polytechnical University [nwpu]")
    assert text[2] == "nothing here" and missing(text[3])


def test_find_gives_a_list_for_every_text_and_keeps_missing_values():
    """rt50u #6: an empty or blank text has no mentions (``[]``, as ``aeronorm.find`` and Spark give),
    never the text itself; a missing value stays missing (Spark's null array)."""
    s = pd.Series(["NWPU met CASC.", "", "   ", None, float("nan"), pd.NA], dtype=object)
    found = s.aeronorm.find()
    assert [len(ms) for ms in found[:3]] == [2, 0, 0]
    assert all(isinstance(ms, Mentions) for ms in found[:3])
    assert found[3] is None and math.isnan(found[4]) and found[5] is pd.NA
    assert found.explode().dropna().map(lambda m: m.entity_id).tolist() == ["nwpu", "casc"]
    strings = pd.Series(["", "  ", None, "NWPU"], dtype="string").aeronorm.find()
    assert [list(ms) for ms in strings[:2]] == [[], []] and missing(strings[2])
    assert [m.text for m in strings[3]] == ["NWPU"]


def test_non_strings_raise():
    with pytest.raises(TypeError, match="strings"):
        pd.Series(["NWPU", 42]).aeronorm.normalize()


def test_docstring_examples():
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(accessor_module, accessor_module.__name__):
        assert runner.run(test).failed == 0


@pytest.mark.parametrize("order", ["import pandas as pd, aeronorm", "import aeronorm, pandas as pd"])
def test_registration_in_either_import_order(order):
    code = (
        f"{order}\n"
        "import sys\n"
        "out = pd.Series(['NWPU', None], dtype=object).aeronorm.normalize().tolist()\n"
        "assert out == ['Northwestern Polytechnical University', None], out\n"
        "assert not any(type(f).__name__ == '_PandasFinder' for f in sys.meta_path)\n"
        "assert type(pd.__spec__.loader).__name__ != '_RegisteringLoader'\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_import_aeronorm_does_not_import_pandas():
    code = ("import sys, aeronorm; "
            "print('pandas' in sys.modules, 'numpy' in sys.modules, 'jieba' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "False"]
