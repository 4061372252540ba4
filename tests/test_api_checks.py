"""The public API as tools and careless callers meet it: type hints that resolve, a file opened
in the wrong mode, numbers of any real type, flags that are not booleans. Invented names."""

from __future__ import annotations

import io
import typing
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import aeronorm
from aeronorm import Glossary, Normalizer


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.from_records([{"id": "quillon", "name": "Quillon Orbital Works",
                                   "abbreviations": ["QOW"]}])


@pytest.mark.parametrize(("fn", "returns"), [
    (aeronorm.find, "Mentions"), (aeronorm.normalize_text, "NormalizedText"), (aeronorm.cluster, "Clusters"),
])
def test_type_hints_of_the_functions_resolve(fn, returns):
    """sphinx-autodoc, pydantic and typer evaluate the annotations in the module's namespace."""
    hints = typing.get_type_hints(fn)
    assert hints["return"] is getattr(aeronorm, returns)
    assert returns in aeronorm.__all__


def test_the_result_types_do_not_load_the_matcher():
    import subprocess
    import sys

    code = "import sys, aeronorm; aeronorm.Mentions; print('aeronorm.clustering.engine' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    from aeronorm.clustering import cluster  # still there, on first use

    assert cluster is aeronorm.clustering.engine.cluster


def test_save_and_load_refuse_a_text_file(glossary, tmp_path):
    n = Normalizer(glossary)
    path = tmp_path / "index.bin"
    with open(path, "w") as fh, pytest.raises(TypeError, match=r"binary file.*open\(path, 'wb'\)"):
        n.save(fh)
    with pytest.raises(TypeError, match=r"binary file.*open\(path, 'rb'\)"):
        Normalizer.load(io.StringIO("# a README, not an index\n" * 20))
    buffer = io.BytesIO()
    n.save(buffer)
    buffer.seek(0)
    assert Normalizer.load(buffer).normalize("QOW") == "Quillon Orbital Works"


@pytest.mark.parametrize("value", [np.float32(0.9), np.float64(0.9), Decimal("0.9"), Fraction(9, 10), 1])
def test_threshold_takes_any_real_number(glossary, value):
    n = Normalizer(glossary, threshold=value)
    assert n.calibration.threshold == pytest.approx(0.9 if value != 1 else 1.0)
    assert type(n.calibration.threshold) is float


def test_bounds_are_said_as_they_are(glossary):
    with pytest.raises(ValueError, match=r"0 <= margin < 1\), got 1"):
        Normalizer(glossary, margin=1)
    with pytest.raises(ValueError, match=r"0 <= threshold <= 1\)"):
        Normalizer(glossary, threshold=Fraction(3, 2))
    with pytest.raises(TypeError, match="threshold must be a number, not str"):
        Normalizer(glossary, threshold="0.9")
    with pytest.raises(TypeError, match="must be a number, not bool"):
        Normalizer(glossary, margin=True)


@pytest.mark.parametrize(("flag", "value"), [("learn_terms", "no"), ("warm", "yes"), ("warm", 1)])
def test_a_flag_must_be_a_bool(glossary, flag, value):
    with pytest.raises(TypeError, match=f"{flag} must be True or False"):
        Normalizer(glossary, **{flag: value})
