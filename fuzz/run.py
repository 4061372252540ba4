"""Run aeronorm's atheris fuzz targets for a bounded time each and report what they found.

Usage, from the repository root::

    python fuzz/run.py --seconds 300            # each target 5 minutes (the figures in docs/reliability.md)
    python fuzz/run.py --seconds 5              # the CI smoke run (tests/reliability/test_fuzz_smoke.py)
    python fuzz/run.py --targets find --seconds 60 --seed 7
    python fuzz/run.py --replay fuzz/crashers/find-crash-1f2e...   # rerun saved inputs
    python fuzz/run.py --replay fuzz/regressions/*/*               # the inputs of fixed bugs

Each target runs in its own subprocess (libFuzzer exits on the first crash) over a working
corpus seeded from ``fuzz/corpus/<target>/``, with a dictionary of glossary words for ``find``.
Inputs that crash, time out (``--timeout`` seconds for one input: a quadratic blow-up shows up
here) or exceed the memory limit are saved under ``fuzz/crashers/`` (``--crashers``). The
report gives, per target, executions, executions per second, corpus growth and findings; the
exit status is 1 when anything was found, 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGETS = {"glossary": HERE / "fuzz_glossary.py", "find": HERE / "fuzz_find.py"}
#: Longest input libFuzzer generates, per target.
MAX_LEN = {"glossary": 4096, "find": 8192}
_STAT = re.compile(r"^stat::(\w+):\s*(\d+)", re.M)

__all__ = ["Result", "main", "run_target", "write_dictionary"]


@dataclass
class Result:
    """What one bounded fuzzing run did."""

    target: str
    seconds: float
    executions: int = 0
    exec_per_second: int = 0
    new_units: int = 0
    peak_rss_mb: int = 0
    returncode: int = 0
    findings: list[Path] = field(default_factory=list)
    log_tail: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.findings and self.executions > 0


def write_dictionary(path: Path) -> Path:
    """A libFuzzer dictionary for ``find``: words and short names of the shipped glossary,
    Chinese names, and the punctuation the scanner cares about."""
    sys.path.insert(0, str(ROOT))
    from aeronorm import Glossary

    words: dict[str, None] = {}
    for e in Glossary.default().entities:
        for form in (e.name, *e.aliases[:2], *e.abbreviations, e.zh):
            if form and len(form) <= 40:
                words[form] = None
            for w in form.split():
                words[w] = None
    words.update(dict.fromkeys(["'s", "’s", " (", ") ", ", ", ". ", "Co., Ltd.", " and ", " of ", "-", "&",
                                "\u200b", "\u202e", "\u0301", "\x00", "。", "的"]))
    lines = []
    for w in list(words)[:3000]:
        escaped = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else
                          "".join(f"\\x{b:02x}" for b in c.encode("utf-8")) for c in w)
        lines.append(f'"{escaped}"')
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


def run_target(target: str, *, seconds: float, work: Path, crashers: Path, seed: int, timeout: int,
               rss_limit_mb: int) -> Result:
    """Fuzz one target for ``seconds`` in a subprocess; new corpus units go to ``work``."""
    corpus = work / f"corpus-{target}"
    corpus.mkdir(parents=True, exist_ok=True)
    crashers.mkdir(parents=True, exist_ok=True)
    before = set(crashers.iterdir())
    cmd = [sys.executable, str(TARGETS[target]), str(corpus), str(HERE / "corpus" / target),
           f"-max_total_time={max(1, round(seconds))}", f"-timeout={timeout}",
           f"-rss_limit_mb={rss_limit_mb}", f"-max_len={MAX_LEN[target]}", f"-seed={seed}",
           "-print_final_stats=1", f"-artifact_prefix={crashers}{os.sep}{target}-"]
    if target == "find":
        cmd.append(f"-dict={write_dictionary(work / 'find.dict')}")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(HERE), *filter(None, [env.get("PYTHONPATH")])])
    env.setdefault("PYTHONHASHSEED", "0")
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, errors="replace",
                          timeout=seconds + 600)
    result = Result(target, time.perf_counter() - start, returncode=proc.returncode)
    log = proc.stderr + proc.stdout
    stats = {k: int(v) for k, v in _STAT.findall(log)}
    result.executions = stats.get("number_of_executed_units", 0)
    result.exec_per_second = stats.get("average_exec_per_sec", 0)
    result.new_units = stats.get("new_units_added", 0)
    result.peak_rss_mb = stats.get("peak_rss_mb", 0)
    result.findings = sorted(set(crashers.iterdir()) - before)
    result.log_tail = "\n".join(log.splitlines()[-40:])
    return result


def replay(path: Path) -> int:
    """Run one saved input through the checks of its target: the one its folder is named after
    (``fuzz/corpus/find/...``), else the one its name starts with (``crashers/glossary-...``)."""
    sys.path[:0] = [str(ROOT), str(HERE)]
    import checks

    data = path.read_bytes()
    target = path.parent.name if path.parent.name in TARGETS else path.name.split("-", 1)[0]
    if target not in TARGETS:
        raise SystemExit(f"{path}: cannot tell its target ({', '.join(TARGETS)}) from its folder or name")
    if target == "glossary":
        checks.check_glossary(checks.glossary_input(data))
    else:
        import aeronorm

        text, type_, style = checks.text_input(data)
        checks.check_find(aeronorm.default_normalizer(), text, type_, style)
    print(f"{path}: no finding")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="fuzzing time per target (default 60)")
    parser.add_argument("--targets", nargs="+", choices=sorted(TARGETS), default=sorted(TARGETS))
    parser.add_argument("--seed", type=int, default=1, help="libFuzzer's random seed (default 1)")
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take (default 10)")
    parser.add_argument("--rss-limit-mb", type=int, default=3072, help="memory limit (default 3072)")
    parser.add_argument("--work", type=Path, default=None,
                        help="working corpus directory, kept between runs (default: a temporary one)")
    parser.add_argument("--crashers", type=Path, default=HERE / "crashers",
                        help="where crashing inputs are saved (default fuzz/crashers)")
    parser.add_argument("--replay", type=Path, nargs="+", default=None, help="rerun saved inputs and exit")
    args = parser.parse_args(argv)
    if args.replay:
        for path in args.replay:
            replay(path)
        return 0

    with tempfile.TemporaryDirectory(prefix="aeronorm-fuzz-") as tmp:
        work = args.work or Path(tmp)
        results = [run_target(t, seconds=args.seconds, work=work, crashers=args.crashers, seed=args.seed,
                              timeout=args.timeout, rss_limit_mb=args.rss_limit_mb) for t in args.targets]
    print(f"{'target':<10} {'seconds':>8} {'executions':>11} {'exec/s':>7} {'new units':>9} {'peak MB':>8} "
          f"{'findings':>8}")
    for r in results:
        print(f"{r.target:<10} {r.seconds:>8.1f} {r.executions:>11,} {r.exec_per_second:>7,} "
              f"{r.new_units:>9,} {r.peak_rss_mb:>8,} {len(r.findings):>8}")
    bad = [r for r in results if not r.ok]
    for r in bad:
        print(f"\n== {r.target}: exit status {r.returncode}, {len(r.findings)} finding(s)")
        for f in r.findings:
            print(f"   saved: {f} (rerun: python fuzz/run.py --replay {f})")
        print(r.log_tail)
    print("findings: none" if not bad else f"findings in: {', '.join(r.target for r in bad)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
