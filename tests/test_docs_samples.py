"""Every code sample of README.md and docs/*.md runs as written.

* A ``python`` block with ``>>>`` prompts is a doctest: its output is checked (``ELLIPSIS``,
  ``NORMALIZE_WHITESPACE``). Any other ``python`` block is executed.
* The blocks of one file share a namespace and run in file order, as a reader would run them.
  A block run on its own (``-k``) first replays the earlier blocks it may depend on.
* A block that needs an optional extra runs when it is installed; without it the block is
  skipped, and fails under ``CI=true``. Blocks that use pyspark are marked ``spark`` and blocks
  that load a MarianMT model or torch ``mt`` (``pytest --all`` runs them).
* A block after the line ``<!-- sample: skip REASON -->`` is skipped with that reason: samples
  that need a downloaded model, or a signature that is not code.
* In a ``bash`` block, each ``aeronorm ...`` command (also after ``&&`` or a ``$`` prompt) runs in
  this process through :func:`aeronorm.cli.main` and must exit 0, when every input file it names
  exists; a command that names a file the repository does not have (``orders.tsv``) is an
  illustration and is not run.
* ``yaml`` and ``csv`` blocks of docs/glossary-format.md are glossaries and must load.

Samples run in a temporary directory holding links to the repository's ``examples``, ``tests``,
``docs`` and ``glossaries``, so relative paths work as from the repository root and the files
that samples write land there.
"""

from __future__ import annotations

import ast
import doctest
import glob
import importlib.util
import os
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from aeronorm import Glossary
from aeronorm.cli import main as aeronorm_main

ROOT = Path(__file__).resolve().parents[1]
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINKED = ("examples", "tests", "docs", "glossaries")

_FENCE = re.compile(r"^```(\S*)[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
_DIRECTIVE = re.compile(r"<!--\s*sample:\s*skip\s+(.+?)\s*-->\s*\Z")

#: Imports that belong to an extra: the modules it needs to be installed, and its marker.
EXTRAS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "pandas": (("pandas",), None),
    "polars": (("polars",), None),
    "pyspark": (("pyspark", "pyarrow", "pandas"), "spark"),
    "aeronorm.spark": (("pyspark", "pyarrow", "pandas"), "spark"),
    "torch": (("torch", "transformers", "sentencepiece"), "mt"),
    "tiny_marian": (("torch", "transformers", "sentencepiece"), "mt"),
}
#: Calls that need the mt extra whatever the block imports.
MT_CALLS = ("MarianTranslator(",)
#: Options whose value is a file the command writes, not one it reads.
OUTPUT_OPTIONS = {"-o", "--output", "--html", "--mt-cache"}
_FILE_SUFFIX = re.compile(r"\.(csv|tsv|tab|txt|ya?ml|json|jsonl|ndjson|gz|parquet|pq|html|sqlite|db)$")


@dataclass
class Sample:
    path: Path
    line: int  # of the opening fence
    lang: str
    code: str
    skip: str | None = None  # the reason given by a directive
    needs: tuple[str, ...] = ()
    marker: str | None = None
    index: int = 0

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def is_doctest(self) -> bool:
        return any(line.lstrip().startswith(">>>") for line in self.code.splitlines())


def _python_source(sample: Sample) -> str:
    if sample.is_doctest:
        return "\n".join(ex.source for ex in doctest.DocTestParser().get_examples(sample.code))
    return sample.code


def _requirements(sample: Sample) -> tuple[tuple[str, ...], str | None]:
    try:
        tree = ast.parse(_python_source(sample))
    except SyntaxError:
        return (), None  # reported when the block runs
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module)
    needs: dict[str, None] = {}
    marker = None
    for name in sorted(imported):
        for prefix, (modules, mark) in EXTRAS.items():
            if name == prefix or name.startswith(prefix + "."):
                needs.update(dict.fromkeys(modules))
                marker = marker or mark
    if any(call in sample.code for call in MT_CALLS):
        needs.update(dict.fromkeys(EXTRAS["torch"][0]))
        marker = marker or "mt"
    return tuple(needs), marker


def _samples(path: Path) -> list[Sample]:
    text = path.read_text(encoding="utf-8")
    out = []
    for m in _FENCE.finditer(text):
        lang = m.group(1).lower()
        if lang not in ("python", "bash", "yaml", "csv"):
            continue
        before = text[: m.start()].rstrip("\n")
        directive = _DIRECTIVE.search(before.rsplit("\n", 1)[-1] + "\n" if before else "")
        sample = Sample(path, text.count("\n", 0, m.start()) + 1, lang, m.group(2),
                        skip=directive.group(1) if directive else None)
        if lang == "python":
            sample.needs, sample.marker = _requirements(sample)
        out.append(sample)
    for i, sample in enumerate(out):
        sample.index = i
    return out


SAMPLES = {path: _samples(path) for path in FILES}


def _params(lang: str) -> list:
    out = []
    for samples in SAMPLES.values():
        for s in samples:
            if s.lang == lang:
                marks = [getattr(pytest.mark, s.marker)] if s.marker else []
                out.append(pytest.param(s, marks=marks, id=s.where))
    return out


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working directory that looks like the repository root to the samples."""
    d = tmp_path_factory.mktemp("samples")
    for name in LINKED:
        (d / name).symlink_to(ROOT / name, target_is_directory=True)
    return d


@dataclass
class _FileState:
    namespace: dict = field(default_factory=lambda: {"__name__": "__sample__"})
    done: set[int] = field(default_factory=set)


_STATES: dict[Path, _FileState] = {}


def _missing(sample: Sample) -> list[str]:
    return [m for m in sample.needs if importlib.util.find_spec(m) is None]


def _run_python(sample: Sample, namespace: dict) -> str | None:
    """Run one block in ``namespace``; the failure report, or None."""
    if sample.is_doctest:
        test = doctest.DocTestParser().get_doctest(sample.code, namespace, sample.where,
                                                   str(sample.path), sample.line)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        report: list[str] = []
        result = runner.run(test, out=report.append, clear_globs=False)
        namespace.update(test.globs)
        return "".join(report) if result.failed else None
    exec(compile(sample.code, sample.where, "exec"), namespace)
    return None


def _runnable(sample: Sample) -> bool:
    return sample.lang == "python" and sample.skip is None and not _missing(sample)


@pytest.mark.parametrize("sample", _params("python"))
def test_python_sample(sample: Sample, sample_dir: Path, monkeypatch: pytest.MonkeyPatch, request):
    if sample.skip:
        pytest.skip(f"{sample.where}: {sample.skip}")
    missing = _missing(sample)
    if missing:
        message = f"{sample.where} needs {', '.join(missing)} (not installed)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)
    if sample.marker == "spark":
        request.getfixturevalue("spark")  # a clear skip (or CI failure) without Java, and one session
    monkeypatch.chdir(sample_dir)
    monkeypatch.syspath_prepend(str(sample_dir))  # as `python` started in the repository root
    state = _STATES.setdefault(sample.path, _FileState())
    # Earlier blocks this one may use, run first when they did not run in this session (-k, or
    # deselected). Blocks of a marked extra are replayed only for blocks with the same marker.
    for earlier in SAMPLES[sample.path][: sample.index]:
        if earlier.index in state.done or not _runnable(earlier):
            continue
        if earlier.marker and earlier.marker != sample.marker:
            continue
        state.done.add(earlier.index)
        failure = _run_python(earlier, state.namespace)
        assert failure is None, f"an earlier sample, {earlier.where}, failed:\n{failure}"
    state.done.add(sample.index)
    failure = _run_python(sample, state.namespace)
    assert failure is None, failure


# ---------------------------------------------------------------------------------- bash
def _commands(code: str) -> list[str]:
    """The ``aeronorm`` commands of a bash block, one string each."""
    lines, current = [], ""
    for raw in code.splitlines():
        current += raw.rstrip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        lines.append(current.strip())
        current = ""
    commands = []
    for line in lines:
        if line.startswith("$ "):
            line = line[2:]
        for part in line.split("&&"):
            part = re.sub(r"\s+#.*$", "", part).strip()  # a comment after the command
            if part.startswith("aeronorm ") and "|" not in part and ">" not in part:
                commands.append(part)
    return commands


def _illustrative(argv: list[str], cwd: Path) -> str | None:
    """Why a command cannot run here as written (a file it reads is not in the repository)."""
    previous = ""
    for token in argv:
        is_output = previous in OUTPUT_OPTIONS
        previous = token
        if is_output or token.startswith("-"):
            continue
        if any(c in token for c in "[]<>~"):
            return f"{token!r} is a placeholder"
        looks_like_file = "/" in token or _FILE_SUFFIX.search(token)
        if looks_like_file and not glob.glob(str(cwd / token)):
            return f"{token!r} is not in the repository"
    return None


BASH = [p for p in _params("bash") if _commands(p.values[0].code)]  # blocks of pip, python ...: not ours


@pytest.mark.parametrize("sample", BASH)
def test_bash_sample(sample: Sample, sample_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    if sample.skip:
        pytest.skip(f"{sample.where}: {sample.skip}")
    monkeypatch.chdir(sample_dir)
    ran, skipped = [], []
    for command in _commands(sample.code):
        argv = shlex.split(command, comments=True)[1:]
        reason = _illustrative(argv, sample_dir)
        if reason:
            skipped.append(f"{command}: {reason}")
            continue
        expanded = [x for a in argv for x in (sorted(glob.glob(a)) if "*" in a else [a])]
        try:
            status = aeronorm_main(expanded)
        except SystemExit as exc:  # argparse: a usage error
            status = exc.code
        out = capsys.readouterr()
        assert status == 0, f"{sample.where}: `{command}` exited {status}\n{out.err[-2000:]}"
        ran.append(command)
    if not ran:
        pytest.skip(f"{sample.where}: no aeronorm command runs here as written"
                    + (f" ({'; '.join(skipped)})" if skipped else ""))


# ---------------------------------------------------------------------------------- glossaries
GLOSSARY_SAMPLES = [p for p in _params("yaml") + _params("csv")
                    if p.values[0].path.name == "glossary-format.md"]


@pytest.mark.parametrize("sample", GLOSSARY_SAMPLES)
def test_glossary_sample_loads(sample: Sample, tmp_path: Path):
    path = tmp_path / f"sample.{sample.lang}"
    path.write_text(sample.code, encoding="utf-8")
    g = Glossary.default() + Glossary.load(path)  # parents may name shipped entities
    assert len(g) >= len(Glossary.default())


def test_samples_are_found():
    """The parser sees the blocks it should (a broken fence would silently drop samples)."""
    readme = SAMPLES[ROOT / "README.md"]
    assert [s.lang for s in readme][:1] == ["bash"]
    assert sum(s.is_doctest for s in readme) >= 2
    assert len(_params("python")) >= 15
    assert any(s.skip for samples in SAMPLES.values() for s in samples)
    first = _commands(readme[0].code)
    assert first == ["aeronorm text examples/news/*.txt"]


def test_a_wrong_output_or_a_failing_block_is_caught():
    """The runner can fail: a doctest with the wrong output, a plain block that raises."""
    wrong = Sample(ROOT / "README.md", 1, "python", ">>> 1 + 1\n3\n")
    assert "Expected:\n    3\nGot:\n    2" in _run_python(wrong, {})
    with pytest.raises(NameError):
        _run_python(Sample(ROOT / "README.md", 1, "python", "undefined_name\n"), {})
    reason = _illustrative(["normalize", "orders.tsv", "-c", "buyer"], ROOT)
    assert reason == "'orders.tsv' is not in the repository"
    assert _illustrative(["normalize", "examples/messy_orgs.csv", "-o", "new.csv"], ROOT) is None
