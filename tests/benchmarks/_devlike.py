"""A tiny stand-in for the dev alias set, made from synthetic names (no real row), in its format."""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

import _synthetic as synthetic  # noqa: E402

COLUMNS = ("cluster", "group_id", "variant", "canonical", "zh", "type", "source", "flags")


def write_devlike(path: Path, *, clusters: int = 60, seed: int = 3) -> Path:
    """A TSV in the dev set's columns: per synthetic entity its name, another rendering, a
    hard variant; one row flagged as a sub-unit (the scorer leaves those out)."""
    corpus = synthetic.make_corpus(clusters, seed=seed, include_shipped=False)
    rng = random.Random(seed)
    rows = []
    for eid, org in corpus.orgs.items():
        name = org.english()
        variants = [name, synthetic.fuzzy_variant(org, rng)[0]]
        alt = org.alias_choice(rng)
        if alt is not None and org.english(alt).casefold() != name.casefold():
            variants.append(org.english(alt))
        for v in variants:
            rows.append({"cluster": eid, "group_id": eid, "variant": v, "canonical": name, "zh": org.zh,
                         "type": "org", "source": "test", "flags": ""})
    rows[1] = {**rows[1], "variant": rows[1]["variant"] + " Branch", "flags": "subunit_listed_as_alias"}
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, delimiter="\t")
        w.writeheader()
        w.writerows(rows)
    return path
