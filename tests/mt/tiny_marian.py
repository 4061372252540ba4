"""Build a tiny MarianMT model offline, for tests and benchmarks.

The model is trained in a few seconds on a handful of invented name pairs until it reproduces
them exactly; it knows nothing else. It has the same files as a real ``Helsinki-NLP/opus-mt-*``
model (``config.json``, ``model.safetensors``, ``source.spm``, ``target.spm``, ``vocab.json``,
``tokenizer_config.json``), so :class:`aeronorm.mt.MarianTranslator` loads it like a real one.

Reuse from any test or script::

    import sys; sys.path.insert(0, "tests/mt")          # not needed inside tests/mt
    from tiny_marian import EN_ZH_PAIRS, ZH_EN_PAIRS, build_tiny_marian

    en_zh = build_tiny_marian(tmp / "tiny-en-zh", EN_ZH_PAIRS)
    zh_en = build_tiny_marian(tmp / "tiny-zh-en", ZH_EN_PAIRS)

The builder is direction-agnostic: pairs are ``(source, target)``. A folder that already holds a
model built from the same pairs and settings is reused without training (a fingerprint file
records them), so a session- or machine-wide cache folder makes later builds free.

Every name below is invented; none is a real organisation.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path

__all__ = ["EN_ZH_PAIRS", "ZH_EN_PAIRS", "build_tiny_marian"]

#: Invented English <-> Chinese organisation names (source, target) for an en->zh model.
EN_ZH_PAIRS: tuple[tuple[str, str], ...] = (
    ("Star River Rocket Works", "星河火箭厂"),
    ("Blue Harbour Space Lab", "蓝港航天实验室"),
    ("Golden Bridge Satellite Company", "金桥卫星公司"),
    ("Northern Light Propulsion Institute", "北光推进研究所"),
    ("Jade Mountain Launch Centre", "玉山发射中心"),
    ("Red Cloud Orbital Systems", "赤云轨道系统"),
    ("Silver Crane Aerospace Academy", "银鹤航天学院"),
    ("Pearl Lake Observatory", "珠湖天文台"),
    ("Iron Peak Engine Plant", "铁峰发动机厂"),
    ("Cloud Sea Deep Space Station", "云海深空站"),
)

#: The same pairs reversed, for a zh->en model.
ZH_EN_PAIRS: tuple[tuple[str, str], ...] = tuple((zh, en) for en, zh in EN_ZH_PAIRS)

_FINGERPRINT_FILE = "tiny_marian.json"
_FORMAT_VERSION = 1


def _fingerprint(pairs: Sequence[tuple[str, str]], seed: int, steps: int, codes: Sequence[str]) -> str:
    settings = {"v": _FORMAT_VERSION, "seed": seed, "steps": steps, "codes": list(codes)}
    blob = json.dumps({**settings, "pairs": [list(p) for p in pairs]})
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _train_spm(lines: Sequence[str], path: Path, *, vocab_size: int) -> None:
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buffer,
        model_type="unigram",
        vocab_size=vocab_size,
        hard_vocab_limit=False,  # a tiny corpus cannot fill a fixed vocabulary
        character_coverage=1.0,  # keep every Han character
        unk_id=0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    path.write_bytes(buffer.getvalue())


def _strip_code(text: str, codes: Sequence[str]) -> str:
    for code in codes:
        if text.startswith(code):
            return text[len(code) :].lstrip()
    return text


def _pieces(path: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(path))
    return [
        sp.id_to_piece(i) for i in range(sp.get_piece_size()) if not (sp.is_control(i) or sp.is_unknown(i))
    ]


def build_tiny_marian(
    folder: str | os.PathLike[str],
    pairs: Sequence[tuple[str, str]],
    *,
    seed: int = 0,
    steps: int = 200,
    language_codes: Sequence[str] = (),
) -> Path:
    """Train a tiny MarianMT model that translates ``pairs`` exactly and save it to ``folder``.

    Parameters
    ----------
    folder : str or os.PathLike
        Where to save the model. Created if missing. If it already holds a model built from the
        same ``pairs``, ``seed`` and ``steps``, it is returned as is.
    pairs : sequence of (str, str)
        ``(source, target)`` texts. The direction is whatever the pairs say.
    seed : int, default 0
        Seed of the weight initialisation and of nothing else; the build is deterministic.
    steps : int, default 200
        Full-batch Adam steps. Enough to overfit about a dozen pairs (100 already does).
    language_codes : sequence of str, default ()
        Target-language tokens such as ``">>cmn_Hans<<"`` to add to the vocabulary, as in
        multi-target opus-mt models; sources that start with one are tokenised accordingly.

    Returns
    -------
    pathlib.Path
        ``folder``, holding ``config.json``, ``generation_config.json``, ``model.safetensors``,
        ``source.spm``, ``target.spm``, ``vocab.json`` and ``tokenizer_config.json``.

    Examples
    --------
    >>> from tiny_marian import EN_ZH_PAIRS, build_tiny_marian
    >>> path = build_tiny_marian(tmp_path / "tiny-en-zh", EN_ZH_PAIRS)  # doctest: +SKIP
    """
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder = Path(folder)
    pairs = [(str(s), str(t)) for s, t in pairs]
    if not pairs:
        raise ValueError("build_tiny_marian needs at least one (source, target) pair")
    fingerprint = _fingerprint(pairs, seed, steps, language_codes)
    stamp = folder / _FINGERPRINT_FILE
    if stamp.is_file() and json.loads(stamp.read_text("utf-8")).get("fingerprint") == fingerprint:
        return folder

    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
    try:
        sources = [s for s, _ in pairs]
        targets = [t for _, t in pairs]
        codes = tuple(language_codes)
        plain_sources = [_strip_code(s, codes) for s in sources]
        _train_spm(plain_sources, work / "source.spm", vocab_size=96)
        _train_spm(targets, work / "target.spm", vocab_size=96)

        # vocab.json is the only id map MarianTokenizer uses (spm ids are ignored): one shared
        # vocabulary holding every piece of both sides, </s> = 0, <unk> = 1, <pad> last.
        pieces: dict[str, None] = {}
        for piece in _pieces(work / "source.spm") + _pieces(work / "target.spm"):
            pieces.setdefault(piece, None)
        vocab = {"</s>": 0, "<unk>": 1}
        for piece in (*codes, *pieces):
            vocab.setdefault(piece, len(vocab))
        vocab["<pad>"] = len(vocab)
        pad_id = vocab["<pad>"]
        (work / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=1), "utf-8")
        (work / "tokenizer_config.json").write_text(
            json.dumps(
                {
                    "tokenizer_class": "MarianTokenizer",
                    "model_max_length": 512,
                    "separate_vocabs": False,
                    "unk_token": "<unk>",
                    "eos_token": "</s>",
                    "pad_token": "<pad>",
                },
                indent=1,
            ),
            "utf-8",
        )

        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Recommended: pip install sacremoses")
            tokenizer = MarianTokenizer.from_pretrained(str(work))
        batch = tokenizer(sources, text_target=targets, return_tensors="pt", padding=True)
        labels = batch["labels"].masked_fill(batch["labels"] == pad_id, -100)

        config = MarianConfig(
            vocab_size=len(vocab),
            d_model=32,
            encoder_layers=1,
            decoder_layers=1,
            encoder_attention_heads=2,
            decoder_attention_heads=2,
            encoder_ffn_dim=64,
            decoder_ffn_dim=64,
            max_position_embeddings=64,
            dropout=0.0,
            attention_dropout=0.0,
            activation_dropout=0.0,
            decoder_start_token_id=pad_id,
            pad_token_id=pad_id,
            eos_token_id=0,
            forced_eos_token_id=0,
        )
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            torch.manual_seed(seed)
            model = MarianMTModel(config)
            model.train()
            optimiser = torch.optim.Adam(model.parameters(), lr=1e-2)
            for _ in range(steps):
                optimiser.zero_grad()
                loss = model(
                    input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], labels=labels
                ).loss
                loss.backward()
                optimiser.step()
            model.eval()
        finally:
            torch.set_num_threads(threads)
        # Generation settings as in a real opus-mt generation_config.json.
        generation = model.generation_config
        generation.max_length = 512
        generation.num_beams = 4
        generation.bad_words_ids = [[pad_id]]
        generation.renormalize_logits = True
        model.save_pretrained(str(work))
        (work / _FINGERPRINT_FILE).write_text(
            json.dumps({"fingerprint": fingerprint, "pairs": pairs, "loss": loss.item()}, ensure_ascii=False),
            "utf-8",
        )
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(work, folder)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return folder
