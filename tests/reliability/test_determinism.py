"""Same inputs and glossary, same outputs in the same order: across runs, across
``PYTHONHASHSEED`` values (set and dict iteration orders of strings change with it), and
whatever was asked before.

A probe script answers a fixed workload (matches with their evidence and runners-up,
explanations, mentions, rewritten texts, lint, learned terms, batch answers) in subprocesses
under several hash seeds, in parallel; every answer must be identical, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import aeronorm
from aeronorm import Normalizer

ROOT = Path(aeronorm.__file__).resolve().parents[1]  # the aeronorm under test, not an installed one
SEEDS = ("0", "1", "4242")

PROBE = textwrap.dedent(
    """
    import json, random, sys
    from aeronorm import Glossary, Normalizer

    def answer(m):
        if m is None:
            return None
        return [m.entity_id, m.canonical, m.type, m.score, m.method, list(m.evidence),
                [[c.entity_id, c.canonical, c.score] for c in m.candidates]]

    shipped = Glossary.default()
    user = Glossary.load(sys.argv[1])
    out = {}
    for label, glossary in (("shipped", shipped), ("user", shipped + user)):
        n = Normalizer(glossary)
        rng = random.Random(5)
        queries = []
        for e in glossary.entities[::4]:
            for s in (e.name, *e.aliases[:2], *e.abbreviations[:1], *([e.zh] if e.zh else [])):
                words = s.split()
                queries += [s, " ".join(reversed(words)), s.replace("a", "e", 1), s.lower()]
                if len(words) > 2:
                    queries.append(" ".join(w for i, w in enumerate(words) if i != rng.randrange(len(words))))
        queries += ["Party Secretary", "Orion", "Kepler Orbital Dynamics Institute", "Xibei Gongye Daxue",
                    "Kejian Zhang", "中國航天科工集團", "Zzyzx Orbital Widgets", "CAST", "Tianbing Keji",
                    "Oriental Space"]  # an answer with a runner-up
        texts = [" and ".join(queries[i:i + 5]) + ". 另据报道，" + queries[i + 5] + "签约。"
                 for i in range(0, len(queries) - 6, 6)]
        out[label] = {
            "queries": queries,
            "match": [answer(n.match(q)) for q in queries],
            "match_person": [answer(n.match(q, type="person")) for q in queries[::7]],
            "explain": [n.explain(q) for q in queries[::11]],
            "many": n.normalize_many(list(reversed(queries))),
            "find": [[(m.start, m.end, m.text, answer(m.match)) for m in n.find(t)] for t in texts],
            "text": [str(n.normalize_text(t, style="annotate")) for t in texts[::4]],
            "lint": [str(i) for i in glossary.lint()],
            "learned": [[t.zh, list(t.renderings)] for t in n.learned_terms],
            "records": glossary.to_records()[-5:],
            "ambiguous": sorted(glossary.ambiguous_keys().items()),
        }
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)
    """
)

# Look-alikes and ties: two entities per key, equal-looking names, several parents.
USER_GLOSSARY = """\
entities:
  - {id: kodi, name: Kepler Orbital Dynamics Institute, zh: 开普勒轨道动力学研究所}
  - id: kods
    name: Kepler Orbital Dynamics Institute of China
    zh: 开普勒轨道动力学研究所深圳分所
    parent: kodi
  - {id: orion-co, name: Orion, type: org, aliases: [Orion Group]}
  - {id: orion-prog, name: Orion, type: program, aliases: [Orion Programme]}
  - {id: vega-a, name: Vega Propulsion Institute, abbreviations: [VPI]}
  - {id: vega-b, name: Vega Photonics Institute, abbreviations: [VPI]}
  - {id: lyra, name: Lyra Optics Institute, zh: 天琴光学研究所, aliases: [Lyra Institute of Optics]}
terms:
  - {zh: 开普勒, en: [kepler]}
"""


def _run_probe(tmp_path: Path, seeds: tuple[str, ...]) -> dict[str, str]:
    script = tmp_path / "probe.py"
    script.write_text(PROBE, encoding="utf-8")
    glossary = tmp_path / "user.yaml"
    glossary.write_text(USER_GLOSSARY, encoding="utf-8")
    procs = {}
    for seed in seeds:
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        procs[seed] = subprocess.Popen([sys.executable, str(script), str(glossary)], env=env, cwd=tmp_path,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    outputs = {}
    for seed, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr.decode(errors="replace")
        outputs[seed] = stdout.decode("utf-8")
    return outputs


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    return _run_probe(tmp_path_factory.mktemp("probe"), SEEDS)


def test_outputs_are_identical_across_hash_seeds(outputs):
    digests = {seed: hashlib.sha256(out.encode()).hexdigest() for seed, out in outputs.items()}
    if len(set(digests.values())) > 1:  # say which answers differ, not just that something does
        parsed = {seed: json.loads(out) for seed, out in outputs.items()}
        first = parsed[SEEDS[0]]
        diff = [(seed, label, key) for seed, p in parsed.items() for label in p for key in p[label]
                if p[label][key] != first[label][key]]
        raise AssertionError(f"answers depend on PYTHONHASHSEED: {diff[:10]}")
    answers = json.loads(outputs[SEEDS[0]])
    shipped, user = answers["shipped"], answers["user"]
    assert len(shipped["match"]) > 1000 and sum(m is not None for m in shipped["match"]) > 500
    assert any(f for f in shipped["find"]) and shipped["lint"] and shipped["learned"]
    assert any(m and m[6] for m in user["match"])  # runner-up lists are part of what is compared


def test_in_process_answers_match_the_subprocesses(outputs, normalizer):
    """The test process (another hash seed, caches warmed by other tests) agrees with a fresh one."""
    shipped = json.loads(outputs[SEEDS[0]])["shipped"]

    def answer(m):
        return None if m is None else [m.entity_id, m.canonical, m.type, m.score, m.method, list(m.evidence),
                                       [[c.entity_id, c.canonical, c.score] for c in m.candidates]]

    assert [answer(normalizer.match(q)) for q in shipped["queries"]] == shipped["match"]
    assert shipped["lint"] == [str(i) for i in normalizer.glossary.lint()]


def test_answers_do_not_depend_on_what_was_asked_before(glossary):
    names = []
    for e in glossary.entities[::5]:
        names += [e.name, e.name.lower(), " ".join(reversed(e.name.split())), *e.aliases[:1]]
    names += ["Party Secretary", "Xibei Gongye Daxue", "中國航天科工集團", "Kejian Zhang",
              "Zzyzx Orbital Widgets"]
    forward, backward = Normalizer(glossary), Normalizer(glossary)
    assert [forward.match(x) for x in names] == [backward.match(x) for x in reversed(names)][::-1]
    assert forward.normalize_many(names) == backward.normalize_many(list(reversed(names)))[::-1]
