"""Fixtures for aeronorm.mt: tiny MarianMT models built offline, once per session.

Tests that need torch, transformers and sentencepiece (the ``mt`` extra) request the
``mt_backend`` fixture, directly or through a model fixture. When the extra is missing they
are skipped on a developer machine, and fail under CI (``CI=true``), where it must be installed.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest

# Nothing may be downloaded: set before anything imports huggingface_hub, which reads it once.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# tiny_marian sits next to this file; make it importable under any --import-mode.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from tiny_marian import EN_ZH_PAIRS, ZH_EN_PAIRS, build_tiny_marian

MT_MODULES = ("torch", "transformers", "sentencepiece")
MULTI_TARGET_CODES = (">>cmn_Hans<<", ">>cmn_Hant<<")


@pytest.fixture(scope="session")
def mt_backend() -> None:
    """Import the mt extra; skip without it, or fail when running under CI."""
    missing = []
    for name in MT_MODULES:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            missing.append(f"{name} ({exc})")
    if missing:
        message = f"the mt extra is not installed: missing {', '.join(missing)}; pip install 'aeronorm[mt]'"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="session")
def tiny_models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tiny_marian")


@pytest.fixture(scope="session")
def tiny_en_zh(mt_backend: None, tiny_models_dir: Path) -> Path:
    """Folder of a tiny en->zh MarianMT model that translates EN_ZH_PAIRS exactly."""
    return build_tiny_marian(tiny_models_dir / "tiny-en-zh", EN_ZH_PAIRS)


@pytest.fixture(scope="session")
def tiny_zh_en(mt_backend: None, tiny_models_dir: Path) -> Path:
    """Folder of a tiny zh->en MarianMT model that translates ZH_EN_PAIRS exactly."""
    return build_tiny_marian(tiny_models_dir / "tiny-zh-en", ZH_EN_PAIRS)


@pytest.fixture(scope="session")
def tiny_multi_target(mt_backend: None, tiny_models_dir: Path) -> Path:
    """A tiny en->zh model with target-language tokens, like opus-mt-en-zh (needs >>cmn_Hans<<)."""
    pairs = [(f">>cmn_Hans<< {en}", zh) for en, zh in EN_ZH_PAIRS]
    return build_tiny_marian(tiny_models_dir / "tiny-en-mul", pairs, language_codes=MULTI_TARGET_CODES)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark tests that need the mt extra with ``mt``, so ``-m "not mt"`` deselects them."""
    here = Path(__file__).parent
    for item in items:
        if "mt_backend" in getattr(item, "fixturenames", ()) and here in Path(item.path).parents:
            item.add_marker(pytest.mark.mt)
