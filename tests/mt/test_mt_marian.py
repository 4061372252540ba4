"""MarianTranslator on tiny MarianMT models trained offline (see tiny_marian.py)."""

from __future__ import annotations

import importlib.util
import logging
import os
import pickle
import random
import shutil
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest
from tiny_marian import EN_ZH_PAIRS, ZH_EN_PAIRS

from aeronorm.errors import AeronormError, MissingDependencyError
from aeronorm.mt import CachedTranslator, MarianTranslator, ModelLoadError, ModelNotFoundError, Translator

REPO = Path(__file__).resolve().parents[2]
EN = [en for en, _ in EN_ZH_PAIRS]
ZH = [zh for _, zh in EN_ZH_PAIRS]


def count_generate(monkeypatch: pytest.MonkeyPatch, translator: MarianTranslator) -> list[int]:
    """Wrap the model's generate(); return a list that gets each call's batch size."""
    model = translator._model
    original = model.generate
    calls: list[int] = []

    def generate(*args, **kwargs):
        calls.append(int(kwargs["input_ids"].shape[0]))
        return original(*args, **kwargs)

    monkeypatch.setattr(model, "generate", generate)
    return calls


# -- translation --------------------------------------------------------------------------------


def test_en_zh_translates_training_names(tiny_en_zh: Path) -> None:
    t = MarianTranslator(tiny_en_zh, source="en", target="zh", cache=False)
    assert t.translate(EN) == ZH
    assert [t.translate([name])[0] for name in EN] == ZH
    assert isinstance(t, Translator)


def test_zh_en_translates_training_names(tiny_zh_en: Path) -> None:
    t = MarianTranslator(tiny_zh_en, source="zh", target="en", cache=False)
    zh = [zh for zh, _ in ZH_EN_PAIRS]
    assert t.translate(zh) == EN
    assert [t.translate([name])[0] for name in zh] == EN


def test_order_is_kept_across_small_batches(tiny_en_zh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    t = MarianTranslator(tiny_en_zh, source="en", target="zh", batch_size=3, cache=False)
    calls = count_generate(monkeypatch, t)
    rng = random.Random(1)
    texts = EN * 2 + ["", "  "]
    rng.shuffle(texts)
    expected = dict(EN_ZH_PAIRS) | {"": "", "  ": ""}
    assert t.translate(texts) == [expected[x] for x in texts]
    assert calls == [3, 3, 3, 1]  # 10 distinct names, deduplicated, in batches of 3


def test_blank_texts_do_not_run_the_model(tiny_en_zh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    t = MarianTranslator(tiny_en_zh, source="en", target="zh", cache=False)
    calls = count_generate(monkeypatch, t)
    assert t.translate([]) == []
    assert t.translate(["", " ", "\t\n"]) == ["", "", ""]
    assert calls == []
    assert t.translate(["", EN[0], ""]) == ["", ZH[0], ""]
    assert calls == [1]


def test_a_text_past_the_models_input_limit_is_left_untranslated(
    tiny_en_zh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tiny model reads 64 positions while its tokenizer says 512: a text cut to fit would be
    # translated as another name, and one past the positions failed deep inside torch.
    t = MarianTranslator(tiny_en_zh, source="en", target="zh", cache=False)
    assert t.input_limit == 64
    calls = count_generate(monkeypatch, t)
    long = " ".join(EN * 4)
    with pytest.warns(UserWarning, match=r"1 text\(s\) longer than the model's input limit \(64 tokens\)"):
        assert t.translate([EN[0], long, EN[1]]) == [ZH[0], "", ZH[1]]
    assert calls == [2]
    with pytest.warns(UserWarning, match="input limit"):
        assert t.translate([long]) == [""]
    assert calls == [2]  # nothing left to run


def test_texts_just_under_the_input_limit_are_translated(tiny_en_zh: Path) -> None:
    t = MarianTranslator(tiny_en_zh, source="en", target="zh", cache=False)
    words = " ".join(EN).split()
    pieces = t._tokenizer
    fits = [" ".join(words[:n]) for n in range(1, len(words) + 1)]
    fits = [x for x in fits if len(pieces(f"{t.target_token} {x}".strip())["input_ids"]) <= 64]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = t.translate(fits)
    assert len(out) == len(fits) and all(isinstance(x, str) for x in out)


def test_max_new_tokens_is_held_to_the_models_positions(tiny_en_zh: Path) -> None:
    t = MarianTranslator(tiny_en_zh, source="en", target="zh", cache=False, max_new_tokens=500)
    assert t._model.generation_config.max_new_tokens == 63
    assert t.translate(EN) == ZH


def test_cache_hits_skip_the_model(tiny_en_zh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    t = MarianTranslator(tiny_en_zh, source="en", target="zh")
    assert isinstance(t.cache, CachedTranslator)
    calls = count_generate(monkeypatch, t)
    assert t.translate(EN[:4]) == ZH[:4]
    assert calls == [4]
    assert t.translate(EN[:4][::-1]) == ZH[:4][::-1]
    assert calls == [4]  # no model call
    assert (t.cache.stats.hits, t.cache.stats.misses) == (4, 4)
    assert t.translate(EN[3:6]) == ZH[3:6]
    assert calls == [4, 2]  # only the two new names


def test_cache_false_has_no_cache(tiny_en_zh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    t = MarianTranslator(tiny_en_zh, source="en", target="zh", cache=False)
    assert t.cache is None
    calls = count_generate(monkeypatch, t)
    t.translate(EN[:2])
    t.translate(EN[:2])
    assert calls == [2, 2]


def test_disk_cache_persists_across_instances(tiny_en_zh: Path, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "mt.sqlite"
    first = MarianTranslator(tiny_en_zh, source="en", target="zh", cache=False)
    with CachedTranslator(first, path=path) as c:
        assert c.translate(EN) == ZH
    fresh = MarianTranslator(tiny_en_zh, source="en", target="zh", cache=False)
    calls = count_generate(monkeypatch, fresh)
    with CachedTranslator(fresh, path=path) as c:
        assert c.translate(EN[::-1]) == ZH[::-1]
        assert c.stats.disk_hits == len(EN)
    assert calls == []
    # Other generation settings are another cache key: not served from this file.
    beams = MarianTranslator(tiny_en_zh, source="en", target="zh", cache=False, num_beams=2)
    assert beams.cache_key != fresh.cache_key
    calls = count_generate(monkeypatch, beams)
    with CachedTranslator(beams, path=path) as c:
        assert c.translate(EN[:2]) == ZH[:2]
    assert calls == [2]


def test_thread_safety(tiny_en_zh: Path) -> None:
    shared = MarianTranslator(tiny_en_zh, source="en", target="zh", batch_size=4)
    uncached = MarianTranslator(tiny_en_zh, source="en", target="zh", batch_size=4, cache=False)
    expected = dict(EN_ZH_PAIRS)
    results: dict[int, bool] = {}
    barrier = threading.Barrier(8)

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        ok = True
        barrier.wait()
        for _ in range(5):
            for translator in (shared, uncached):
                batch = rng.choices(EN, k=rng.randint(1, 12))
                ok &= translator.translate(batch) == [expected[x] for x in batch]
        results[seed] = ok

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == dict.fromkeys(range(8), True)


def test_multi_target_model_gets_its_target_token(tiny_multi_target: Path) -> None:
    t = MarianTranslator(tiny_multi_target, source="en", target="zh", cache=False)
    assert t.target_token == ">>cmn_Hans<<"
    assert t.translate(EN) == ZH
    assert ">>cmn_Hans<<" in t.cache_key
    assert MarianTranslator(tiny_multi_target, source="en", target="zh", target_token="").target_token == ""
    with pytest.raises(ValueError, match=">>xx<<"):
        MarianTranslator(tiny_multi_target, source="en", target="zh", target_token=">>xx<<")
    with pytest.raises(ValueError, match="pass target_token="):
        MarianTranslator(tiny_multi_target, source="en", target="de")


def test_languages_from_opus_mt_name(tiny_en_zh: Path, tmp_path: Path) -> None:
    folder = shutil.copytree(tiny_en_zh, tmp_path / "opus-mt-en-zh")
    t = MarianTranslator(folder)
    assert (t.source, t.target) == ("en", "zh")
    assert t.translate(EN[:1]) == ZH[:1]
    assert "opus-mt-en-zh" in t.cache_key
    with pytest.raises(ValueError, match="pass source= and target="):
        MarianTranslator(tiny_en_zh)


def test_no_warnings_on_load_or_translate(tiny_en_zh: Path, caplog: pytest.LogCaptureFixture) -> None:
    hf_logger = logging.getLogger("transformers")  # does not propagate to the root logger
    hf_logger.addHandler(caplog.handler)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            t = MarianTranslator(tiny_en_zh, source="en", target="zh", cache=False)
            t.translate(EN[:2])
    finally:
        hf_logger.removeHandler(caplog.handler)
    # transformers logs "Both max_new_tokens and max_length seem to have been set" per call
    # when the model's generation_config sets max_length, as opus-mt's (and the tiny one's) do.
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]


def test_pickle_reloads_the_model(tiny_en_zh: Path) -> None:
    t = MarianTranslator(tiny_en_zh, source="en", target="zh", batch_size=5)
    copy = pickle.loads(pickle.dumps(t))
    assert (copy.source, copy.target, copy.batch_size, copy.cache_key) == ("en", "zh", 5, t.cache_key)
    assert copy.translate(EN[:2]) == ZH[:2]


def test_a_folder_named_relatively_is_reloaded_from_another_working_folder(
        tiny_en_zh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # (a Spark executor unpickles in another working folder than the driver's)
    monkeypatch.chdir(tiny_en_zh.parent)
    t = MarianTranslator(tiny_en_zh.name, source="en", target="zh")
    data = pickle.dumps(t)
    monkeypatch.chdir(tmp_path)
    copy = pickle.loads(data)
    assert copy.translate(EN[:2]) == ZH[:2] and copy.cache_key == t.cache_key


def test_bad_arguments(tiny_en_zh: Path) -> None:
    for name in ("batch_size", "max_new_tokens", "num_beams"):
        with pytest.raises(ValueError, match=name):
            MarianTranslator(tiny_en_zh, source="en", target="zh", **{name: 0})
    with pytest.raises(ValueError, match="source"):
        MarianTranslator(tiny_en_zh, source="", target="zh")
    t = MarianTranslator(tiny_en_zh, source="en", target="zh")
    with pytest.raises(TypeError, match="not a single str"):
        t.translate(EN[0])


def test_a_model_named_for_the_other_direction_is_refused(tiny_en_zh: Path, tmp_path: Path) -> None:
    folder = shutil.copytree(tiny_en_zh, tmp_path / "opus-mt-zh-en")
    with pytest.raises(ValueError, match="named for zh->en, not the en->zh"):
        MarianTranslator(folder, source="en", target="zh")


@pytest.mark.parametrize(("damage", "file"), [
    (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "model.safetensors"),  # cut short
    (lambda p: p.write_text("{not json", encoding="utf-8"), "vocab.json"),
    (lambda p: p.write_bytes(b"\x00garbage" * 10), "source.spm"),
])
def test_a_damaged_model_file_is_a_clear_error(tiny_en_zh: Path, tmp_path: Path, damage, file) -> None:
    folder = shutil.copytree(tiny_en_zh, tmp_path / "damaged")
    damage(folder / file)
    with pytest.raises(ModelLoadError, match="holds a file that cannot be read") as info:
        MarianTranslator(folder, source="en", target="zh")
    assert str(folder) in str(info.value) and isinstance(info.value, ValueError)


@pytest.mark.parametrize("device", ["gpu", "cuda:99", 3.5])
def test_a_device_that_cannot_run_the_model_is_a_clear_error(tiny_en_zh: Path, device) -> None:
    import torch

    if device == "cuda:99" and torch.cuda.is_available() and torch.cuda.device_count() > 99:
        pytest.skip("a machine with a hundred GPUs")
    with pytest.raises(ModelLoadError, match="device"):
        MarianTranslator(tiny_en_zh, source="en", target="zh", device=device)


# -- model not found ----------------------------------------------------------------------------


def test_missing_folder_names_the_path(mt_backend: None, tmp_path: Path) -> None:
    missing = tmp_path / "models" / "opus-mt-en-zh"
    for model in (missing, str(missing), "path/to/opus-mt-en-zh", "./opus-mt-en-zh"):
        with pytest.raises(ModelNotFoundError) as info:
            MarianTranslator(model)
        message = str(info.value)
        assert os.fspath(model) in message
        assert "download Helsinki-NLP/opus-mt-en-zh" in message
        assert isinstance(info.value, FileNotFoundError)
        assert isinstance(info.value, AeronormError)
    with pytest.raises(ModelNotFoundError, match="hf download Helsinki-NLP/opus-mt-zh-en --local-dir"):
        MarianTranslator(tmp_path / "opus-mt-zh-en")


def test_folder_without_model_files(mt_backend: None, tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelNotFoundError, match=r"missing source\.spm, target\.spm, vocab\.json"):
        MarianTranslator(tmp_path, source="en", target="zh")


def test_hub_id_not_in_cache_fails_fast_offline(mt_backend: None) -> None:
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    start = time.perf_counter()
    with pytest.raises(ModelNotFoundError) as info:
        MarianTranslator("aeronorm-tests/opus-mt-en-zh-not-cached")
    assert time.perf_counter() - start < 5
    message = str(info.value)
    assert "'aeronorm-tests/opus-mt-en-zh-not-cached'" in message
    assert "local Hugging Face cache" in message
    assert "local_files_only=True" in message
    assert "hf download aeronorm-tests/opus-mt-en-zh-not-cached" in message
    assert "huggingface-cli download aeronorm-tests/opus-mt-en-zh-not-cached" in message


# -- optional dependency ------------------------------------------------------------------------


def test_importing_aeronorm_mt_loads_no_mt_library() -> None:
    code = (
        "import sys, aeronorm.mt\n"
        "heavy = ('torch', 'transformers', 'sentencepiece', 'huggingface_hub')\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "assert not loaded, loaded\n"
        "# (nor the pipeline: a translator's contract lies below both, in aeronorm.translators)\n"
        "pipeline = [m for m in sys.modules if m.startswith('aeronorm.pipeline')]\n"
        "assert not pipeline, pipeline\n"
    )
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("module", ["torch", "transformers", "sentencepiece"])
def test_missing_extra_names_it(module: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` raise ImportError
    with pytest.raises(MissingDependencyError) as info:
        MarianTranslator(tmp_path / "opus-mt-en-zh")
    message = str(info.value)
    assert 'pip install "aeronorm[mt]"' in message
    assert info.value.extra == "mt"
    if all(importlib.util.find_spec(m) for m in ("torch", "transformers", "sentencepiece") if m != module):
        assert repr(module) in message
