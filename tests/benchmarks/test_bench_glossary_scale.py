"""benchmarks/bench_glossary_scale.py works: its names, its exponent, one measured run, and
(``--all``) the whole script at its quick sizes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "bench_glossary_scale", ROOT / "benchmarks" / "bench_glossary_scale.py")
bench = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
sys.modules["bench_glossary_scale"] = bench
_spec.loader.exec_module(bench)  # type: ignore[union-attr]


@pytest.mark.parametrize("shape", ["words", "one word", "hyphenated pinyin"])
@pytest.mark.parametrize("size", [25, 1000, 5000])
def test_long_names_have_their_size(shape: str, size: int) -> None:
    name = bench.long_name(shape, size)
    assert size - 8 <= len(name) <= size
    if shape == "hyphenated pinyin":
        assert name.endswith("-bei Corp")


def test_exponent() -> None:
    sizes = [1, 2, 4, 8]
    assert bench.exponent(sizes, [3 * s for s in sizes]) == pytest.approx(1.0)
    assert bench.exponent(sizes, [s * s for s in sizes]) == pytest.approx(2.0)
    assert bench.exponent(sizes, [5.0] * 4) == pytest.approx(0.0)


def test_measure_builds_and_refuses(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    bench.write_glossary(path, ["Alpha Rocket Corp"])
    built = bench.measure(path, mem_gb=4, timeout=300)
    assert built["entities"] == 2 and built["total_s"] > 0 and built["peak_mb"] > 0
    bench.write_glossary(path, [bench.long_name("words", 5000)])
    refused = bench.measure(path, mem_gb=4, timeout=300)
    assert "field 'name': the name has 5,000 characters" in refused["error"]


@pytest.mark.slow
def test_quick_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "growth exponent, words, built" in out and "growth exponent (500..1,000 entities)" in out
    assert "FAILED" not in out
