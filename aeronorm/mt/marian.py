"""Local MarianMT models (``Helsinki-NLP/opus-mt-*``) through Hugging Face transformers.

torch, transformers and sentencepiece (the ``mt`` extra) are imported when a
:class:`MarianTranslator` is constructed, never when this module is imported.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aeronorm.errors import AeronormError, MissingDependencyError
from aeronorm.mt.base import as_text_list, check_language
from aeronorm.mt.cache import CachedTranslator
from aeronorm.translators import primary_language

__all__ = ["MarianTranslator", "ModelLoadError", "ModelNotFoundError", "folder_digest"]

# opus-mt-en-zh, opus-mt-zh-en, opus-mt-tc-big-zh-en ... as a hub id, a folder name or a path.
_OPUS_NAME = re.compile(r"opus-mt-(?:tc-(?:big|base)-)?([a-z]{2,3})-([a-z]{2,3})(?![A-Za-z])")
# "name" or "owner/name", the shape of a Hugging Face hub id.
_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*(?:/[\w.-]+)?")
# Target-language tokens tried, in order, when a model needs one and none was given.
_TARGET_TOKENS = {
    "zh": (">>cmn_Hans<<", ">>zho_Hans<<", ">>cmn<<", ">>zho<<"),
    "en": (">>eng<<",),
}
_TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# The files of a model folder that decide its output: configs, tokenizers, weights. README,
# TensorFlow (.h5) and Rust (.ot) weights are left out of the content key.
_KEY_SUFFIXES = frozenset({".json", ".spm", ".model", ".bin", ".safetensors"})


def _how_to_get(model: str, *, is_path: bool | None = None) -> str:
    """Say how to obtain ``model`` (a hub id, or a path whose name looks like opus-mt-xx-yy)."""
    if is_path is None:
        is_path = _looks_like_path(model)
    if not is_path:
        repo = model
    else:
        name = model.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        found = _OPUS_NAME.search(name)
        repo = f"Helsinki-NLP/{found.group(0)}" if found else "Helsinki-NLP/opus-mt-en-zh"
    folder = repo.rsplit("/", 1)[-1]
    return (
        "To obtain the model, on a machine with network access run\n"
        f"    hf download {repo} --local-dir {folder}\n"
        f"(older huggingface_hub: huggingface-cli download {repo} --local-dir {folder}),\n"
        f"copy the folder to this machine and pass its path: MarianTranslator('path/to/{folder}'). "
        "A hub id is looked up in the local Hugging Face cache (HF_HOME / HF_HUB_CACHE) only, "
        "unless local_files_only=False allows downloading."
    )


class ModelNotFoundError(AeronormError, FileNotFoundError):
    """A MarianMT model is neither a usable local folder nor in the local Hugging Face cache."""


class ModelLoadError(AeronormError, ValueError):
    """A MarianMT model folder holds a file that cannot be read (truncated weights, a damaged
    tokenizer or vocabulary), or the device asked for cannot run it."""


def _import_backend() -> tuple[Any, Any]:
    """Import torch and transformers (and check sentencepiece), or raise MissingDependencyError."""
    feature = "aeronorm.mt.MarianTranslator"
    try:
        import torch
    except ImportError as exc:
        raise MissingDependencyError(feature, extra="mt", missing="torch") from exc
    try:
        import sentencepiece  # noqa: F401  # MarianTokenizer needs it
    except ImportError as exc:
        raise MissingDependencyError(feature, extra="mt", missing="sentencepiece") from exc
    try:
        import transformers
    except ImportError as exc:
        raise MissingDependencyError(feature, extra="mt", missing="transformers") from exc
    return torch, transformers


def _looks_like_path(model: str) -> bool:
    return (
        model.startswith((".", "/", "~"))
        or "\\" in model
        or model.count("/") > 1
        or os.path.isabs(model)
        or not _HUB_ID.fullmatch(model)
    )


def _check_folder(folder: Path, shown: str, how_to_get: str) -> None:
    missing = [name for name in ("config.json", *_TOKENIZER_FILES) if not (folder / name).is_file()]
    if missing:
        raise ModelNotFoundError(
            f"MarianTranslator: {shown!r} is not a MarianMT model folder: missing {', '.join(missing)}.\n"
            + how_to_get
        )


def folder_digest(folder: Path) -> str:
    """Return a SHA-256 over the names and contents of the files in ``folder`` that decide a
    model's output (``*.json``, ``*.spm``, ``*.model``, ``*.bin``, ``*.safetensors``), in name order.

    It keys a disk cache by what the model *is*, not where it lies: retrained weights saved over
    the old ones get a new key; the same model copied elsewhere keeps its key. Hashing reads the
    files once (about 0.25 s for the 300 MB of an opus-mt model).
    """
    digest = hashlib.sha256()
    files = sorted(p for p in folder.iterdir() if p.suffix in _KEY_SUFFIXES and p.is_file())
    for file in files:
        content = hashlib.sha256()
        with file.open("rb") as handle:
            while block := handle.read(1 << 20):
                content.update(block)
        digest.update(f"{file.name}\0{content.hexdigest()}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _resolve(model: str | os.PathLike[str], *, local_files_only: bool) -> tuple[str, str | None]:
    """Return ``(what to load, identity)`` for a folder or a hub id, or raise ModelNotFoundError.

    The identity is content-derived: a folder's name and :func:`folder_digest`, or a hub id and
    the revision (commit) of its cached snapshot; ``None`` when not known before loading.
    """
    shown = os.fspath(model)
    folder = Path(shown).expanduser()
    if folder.is_dir():
        _check_folder(folder, shown, _how_to_get(shown, is_path=True))
        return str(folder), f"{folder.resolve().name}@sha256:{folder_digest(folder)[:32]}"
    if isinstance(model, os.PathLike) or _looks_like_path(shown):
        how_to_get = _how_to_get(shown, is_path=True)
        raise ModelNotFoundError(f"MarianTranslator: no model folder at {shown!r}.\n" + how_to_get)
    if not local_files_only:
        return shown, None  # from_pretrained downloads it if needed; the revision is known after
    from huggingface_hub import snapshot_download

    try:
        snapshot = Path(snapshot_download(shown, local_files_only=True))
    except Exception as exc:  # LocalEntryNotFoundError, HFValidationError, OfflineModeIsEnabled...
        raise ModelNotFoundError(
            f"MarianTranslator: {shown!r} is not a folder and not in the local Hugging Face cache; "
            "nothing is downloaded (local_files_only=True).\n" + _how_to_get(shown, is_path=False)
        ) from exc
    _check_folder(snapshot, f"{shown} (cached at {snapshot})", _how_to_get(shown, is_path=False))
    return str(snapshot), f"{shown}@{snapshot.name}"


def _languages_from_name(model: str) -> tuple[str, str] | None:
    name = model.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    found = _OPUS_NAME.search(name)
    return (found.group(1), found.group(2)) if found else None


def _model_input(prefix: str, text: str) -> str:
    # (a lone surrogate, which a column may hold, is no text the tokenizer takes: it is read as
    # the replacement character, the rest of the name translated)
    return prefix + _LONE_SURROGATE.sub("\ufffd", text)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 1


def _positive_int(name: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be an int >= 1, not {value!r}")
    return value


class MarianTranslator:
    """Translate with a local MarianMT model, such as ``Helsinki-NLP/opus-mt-en-zh``.

    The model is loaded once, when the translator is constructed; construction fails early,
    with a message saying how to get the model, when it is not found.

    Parameters
    ----------
    model : str or os.PathLike
        A folder holding the model (``config.json``, weights, ``source.spm``, ``target.spm``,
        ``vocab.json``), or a hub id like ``"Helsinki-NLP/opus-mt-en-zh"`` already in the local
        Hugging Face cache.
    source, target : str, optional
        Language codes. Read from the model name when it looks like ``opus-mt-{source}-{target}``;
        otherwise required.
    device : str or torch.device, default "cpu"
        Where to run the model, e.g. ``"cuda"`` or ``"cuda:1"``.
    batch_size : int, default 32
        Texts per forward pass. Texts are sorted by length first so that batches pad little.
    max_new_tokens : int, default 128
        Longest translation, in tokens. Names are short; this only stops a runaway output.
    num_beams : int, default 1
        Beam width. 1 (greedy) is fastest; 4 is usually a little better and about 2-3x slower.
    local_files_only : bool, default True
        Never download. Pass ``False`` to let transformers fetch a hub id that is not cached.
    cache : bool, default True
        Keep translations in an in-memory LRU cache of 100,000 entries, so each distinct text
        is translated once. For another size or an on-disk cache, pass ``cache=False`` and
        wrap the translator: ``CachedTranslator(MarianTranslator(..., cache=False), path=...)``.
    target_token : str, optional
        A sentence-initial target-language token such as ``">>cmn_Hans<<"``, needed by models
        with several target languages (``opus-mt-en-zh`` is one). By default it is chosen from
        the model's vocabulary when the model has such tokens (``>>cmn_Hans<<`` for ``zh``);
        ``""`` never adds one.

    Attributes
    ----------
    source, target : str
    cache_key : str or None
        What the model is and how it generates, for a disk cache: the folder's name and a
        SHA-256 of its config, tokenizer and weight files (:func:`folder_digest`), or the hub id
        and revision; then the target token, ``num_beams`` and ``max_new_tokens``. ``None`` only
        for a model downloaded without a known revision (memory caching only).
    cache : CachedTranslator or None
        The in-memory cache when ``cache=True``; its ``stats`` counts hits and misses.
    input_limit : int or None
        The most tokens the model reads (its ``max_position_embeddings`` or the tokenizer's
        ``model_max_length``, the smaller), the target token and end mark included.

    Raises
    ------
    ModelNotFoundError
        If ``model`` is not a model folder and (for a hub id) not in the local cache.
    aeronorm.errors.MissingDependencyError
        If torch, transformers or sentencepiece is missing: ``pip install "aeronorm[mt]"``.

    Notes
    -----
    Empty and blank texts translate to ``""`` without running the model, as do texts longer
    than the model reads (``input_limit`` tokens), with a warning: cut to fit, a name would be
    translated as another name. Calls are serialised by a lock (the model already uses every
    core), so one translator can be shared by threads.

    Examples
    --------
    >>> en_zh = MarianTranslator("models/opus-mt-en-zh")  # doctest: +SKIP
    >>> en_zh.translate(["China Academy of Launch Vehicle Technology"])  # doctest: +SKIP
    ['中国运载火箭技术研究院']

    (Illustrative output.) Without the model, check the set-up on the tiny model the tests build:
    ``build_tiny_marian`` in ``tests/mt/tiny_marian.py``.
    """

    def __init__(
        self,
        model: str | os.PathLike[str],
        *,
        source: str | None = None,
        target: str | None = None,
        device: Any = "cpu",
        batch_size: int = 32,
        max_new_tokens: int = 128,
        num_beams: int = 1,
        local_files_only: bool = True,
        cache: bool = True,
        target_token: str | None = None,
    ) -> None:
        self.batch_size = _positive_int("batch_size", batch_size)
        self.max_new_tokens = _positive_int("max_new_tokens", max_new_tokens)
        self.num_beams = _positive_int("num_beams", num_beams)
        self.model_name = os.fspath(model)
        self.local_files_only = bool(local_files_only)
        if source is None or target is None:
            guessed = _languages_from_name(self.model_name)
            if guessed is None:
                raise ValueError(
                    f"MarianTranslator: cannot tell the languages of {self.model_name!r} from its name "
                    "(expected opus-mt-<source>-<target>); pass source= and target="
                )
            source = guessed[0] if source is None else source
            target = guessed[1] if target is None else target
        self.source = check_language("source", source)
        self.target = check_language("target", target)
        named = _languages_from_name(self.model_name)
        asked = (primary_language(self.source), primary_language(self.target))
        if named is not None and named == asked[::-1] != named[::-1]:
            # "--en-zh models/opus-mt-zh-en": the other direction's model translates nothing useful
            raise ValueError(
                f"MarianTranslator: {self.model_name!r} is named for {named[0]}->{named[1]}, "
                f"not the {self.source}->{self.target} asked for"
            )
        self._options = {
            "device": device, "batch_size": batch_size, "max_new_tokens": max_new_tokens,
            "num_beams": num_beams, "local_files_only": local_files_only, "cache": cache,
            "target_token": target_token,
        }  # fmt: skip

        torch, transformers = _import_backend()
        self._torch = torch
        load_from, identity = _resolve(model, local_files_only=self.local_files_only)
        # a folder is reloaded by its absolute path where the translator is unpickled (a Spark
        # executor runs in another working folder than the driver that named it relatively)
        # (a hub id is reloaded by its id, from the cache of the machine that unpickles it)
        given = Path(self.model_name).expanduser()
        self._reload_from = str(given.resolve()) if given.is_dir() else self.model_name
        self._lock = threading.Lock()
        try:
            self.device = torch.device(device)
        except (RuntimeError, TypeError, ValueError) as exc:
            raise ModelLoadError(f"MarianTranslator: device={device!r} is no torch device: {exc}") from None
        self._tokenizer, self._model = self._load(transformers, load_from)
        self.target_token = self._pick_target_token(target_token)
        if identity is None:
            # Downloaded from the hub: transformers records the commit it loaded.
            commit = getattr(self._model.config, "_commit_hash", None)
            identity = f"{self.model_name}@{commit}" if commit else None
        # None (no known revision) allows memory caching only; CachedTranslator refuses a disk cache.
        self.cache_key: str | None = None if identity is None else (
            f"marian:{identity}|target_token={self.target_token}"
            f"|num_beams={self.num_beams}|max_new_tokens={self.max_new_tokens}"
        )
        self.cache: CachedTranslator | None = CachedTranslator(_Engine(self)) if cache else None

    def _load(self, transformers: Any, load_from: str) -> tuple[Any, Any]:
        kwargs = {"local_files_only": self.local_files_only}
        try:
            with warnings.catch_warnings():
                # MarianTokenizer warns on every load when the optional sacremoses is missing;
                # it only normalises punctuation, which names barely have.
                warnings.filterwarnings(
                    "ignore", message=r"Recommended: pip install sacremoses", category=UserWarning
                )
                tokenizer = transformers.MarianTokenizer.from_pretrained(load_from, **kwargs)
            model = transformers.MarianMTModel.from_pretrained(load_from, **kwargs)
        except OSError as exc:
            raise ModelNotFoundError(
                f"MarianTranslator: could not load {self.model_name!r}: {exc}\n"
                + _how_to_get(self.model_name)
            ) from exc
        except Exception as exc:  # a damaged file, raised by whichever reader met it
            raise ModelLoadError(
                f"MarianTranslator: {self.model_name!r} holds a file that cannot be read "
                f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'no detail'}); "
                "download the model again"
            ) from exc
        model.eval()
        try:
            model.to(self.device)
        except (AssertionError, RuntimeError) as exc:  # (torch asserts when CUDA is not built in)
            raise ModelLoadError(
                f"MarianTranslator: device={str(self.device)!r} cannot run the model here: {exc}"
            ) from None
        # Generation settings live on the model's config. A real opus-mt config sets
        # max_length=512 (and num_beams=4); with our max_new_tokens, transformers would log a
        # "both set" warning on every call unless max_length is cleared.
        config = model.generation_config
        config.max_length = None
        # A model reads and writes at most max_position_embeddings tokens (a custom model may
        # hold fewer than its tokenizer's model_max_length): past it, torch fails deep inside.
        positions = getattr(model.config, "max_position_embeddings", None)
        limits = [n for n in (positions, getattr(tokenizer, "model_max_length", None)) if _is_count(n)]
        self.input_limit = min(limits) if limits else None
        config.max_new_tokens = (
            self.max_new_tokens if not _is_count(positions) else min(self.max_new_tokens, positions - 1)
        )
        config.num_beams = self.num_beams
        config.do_sample = False
        return tokenizer, model

    def _pick_target_token(self, requested: str | None) -> str:
        codes = list(getattr(self._tokenizer, "supported_language_codes", []) or [])
        if requested is not None:
            if requested and requested not in codes:
                raise ValueError(
                    f"MarianTranslator: target_token {requested!r} is not in the vocabulary of "
                    f"{self.model_name!r}; it knows {codes[:20]}{' ...' if len(codes) > 20 else ''}"
                )
            return requested
        if not codes:
            return ""
        for candidate in (*_TARGET_TOKENS.get(self.target, ()), f">>{self.target}<<"):
            if candidate in codes:
                return candidate
        raise ValueError(
            f"MarianTranslator: {self.model_name!r} translates into several languages and none of its "
            f"target tokens matches target={self.target!r}; pass target_token=, one of "
            f"{codes[:20]}{' ...' if len(codes) > 20 else ''}"
        )

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate ``texts``; blank texts give ``""``.

        Parameters
        ----------
        texts : sequence of str

        Returns
        -------
        list of str
            One translation per text, in the order of ``texts``.
        """
        items = as_text_list(texts)
        if self.cache is not None:
            return self.cache.translate(items)
        return self._generate(items)

    def _generate(self, texts: list[str]) -> list[str]:
        """Run the model on ``texts`` (no cache): dedupe, sort by length, batch, restore order."""
        out = [""] * len(texts)
        positions: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            if text.strip():
                positions.setdefault(text, []).append(i)
        if not positions:
            return out
        # Longest first: similar lengths share a batch, and a too-long batch fails at once.
        unique = sorted(positions, key=len, reverse=True)
        prefix = f"{self.target_token} " if self.target_token else ""
        torch, tokenizer, model = self._torch, self._tokenizer, self._model
        unique = self._within_limit(unique, prefix)
        with self._lock, torch.inference_mode():
            for start in range(0, len(unique), self.batch_size):
                batch = unique[start : start + self.batch_size]
                encoded = tokenizer(
                    [_model_input(prefix, text) for text in batch], return_tensors="pt",
                    padding=True, truncation=True,
                ).to(self.device)
                generated = model.generate(**encoded)
                decoded = tokenizer.batch_decode(generated, skip_special_tokens=True)
                for text, translation in zip(batch, decoded, strict=True):
                    for i in positions[text]:
                        out[i] = translation
        return out

    def _within_limit(self, texts: list[str], prefix: str) -> list[str]:
        """``texts`` the model can read whole; the others are left untranslated (``""``), with
        a warning: a name cut to the model's input limit would be translated as another name."""
        limit = self.input_limit
        if limit is None or not texts:
            return texts
        # (a character makes at most two pieces, itself and a word's start mark; with the target
        # token and the end mark, only texts longer than this can pass the limit and are measured)
        short = (limit - 3) // 2
        long = [text for text in texts if len(text) > short]
        if not long:
            return texts
        # (cut one past the limit: measured without transformers' long-input log)
        inputs = [_model_input(prefix, text) for text in long]
        counts = self._tokenizer(inputs, truncation=True, max_length=limit + 1)["input_ids"]
        over = {text for text, ids in zip(long, counts, strict=True) if len(ids) > limit}
        if over:
            warnings.warn(
                f"MarianTranslator: {len(over)} text(s) longer than the model's input limit "
                f"({limit} tokens) left untranslated",
                stacklevel=4,
            )
        return [text for text in texts if text not in over]

    def __repr__(self) -> str:
        return f"MarianTranslator({self.model_name!r}, source={self.source!r}, target={self.target!r})"

    # Pickling (e.g. to Spark executors) sends the arguments; the model is reloaded from the
    # same path or cache on the other side, which must hold it too.
    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._reload_from, self.source, self.target, self._options))


def _rebuild(model: str, source: str, target: str, options: dict[str, Any]) -> MarianTranslator:
    return MarianTranslator(model, source=source, target=target, **options)


class _Engine:
    """The uncached side of a MarianTranslator, as the inner translator of its cache."""

    def __init__(self, owner: MarianTranslator) -> None:
        self._owner = owner
        self.source = owner.source
        self.target = owner.target
        self.cache_key = owner.cache_key

    def translate(self, texts: Sequence[str]) -> list[str]:
        return self._owner._generate(as_text_list(texts))

    def __repr__(self) -> str:
        return repr(self._owner)
