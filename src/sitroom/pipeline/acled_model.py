"""A small learned prior for ACLED sub-types: a linear model over hashed word n-grams.

Rules say who did what to whom; they miss the long tail of how coders split violence
(a mob versus gunmen, looting versus an attack). This model, trained by
`scripts/train_acled_model.py` on ACLED records' notes (held-out countries and years
excluded), gives a probability per sub-type for a sentence. The events stage uses it
only where it agrees with the rule-coded PLOVER family and is confident, so a shift
from coders' notes to news prose cannot turn talks into a battle.

Features are hashed with CRC32 (stable across processes, unlike `hash`), so training and
inference agree without shipping a vocabulary. Weights ship as int8 rows for the
buckets seen in training, with one scale per class.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
# A leading "On 12 March 2021," in coders' notes says nothing about the kind of event.
LEADING_DATE = re.compile(r"^\s*(?:on|around|between)?\s*(?:\d{1,2}\s+\w+|\w+\s+\d{1,2})(?:\s*(?:-|and)\s*\d{1,2})?"
                          r"(?:,?\s+\d{4})?\s*,\s*", re.IGNORECASE)
MODEL_FILE = "acled_model.npz"


def tokens(text: str) -> list[str]:
    text = LEADING_DATE.sub("", text[:200], count=1) + text[200:]
    return ["<num>" if t.isdigit() else t for t in TOKEN.findall(text.lower())]


def feature_ids(text: str, bits: int) -> np.ndarray:
    """Unique hashed unigram and bigram ids of a text."""
    toks = tokens(text)
    grams = toks + [a + " " + b for a, b in zip(toks, toks[1:])]
    mask = (1 << bits) - 1
    return np.unique(np.fromiter((zlib.crc32(g.encode()) & mask for g in grams), dtype=np.int64,
                                 count=len(grams)))


@dataclass(frozen=True)
class AcledModel:
    labels: tuple[str, ...]  # "Event type|Sub-event type"
    bits: int
    rows: np.ndarray  # sorted bucket ids that have weights
    weights: np.ndarray  # int8, (len(rows), n_labels)
    scale: np.ndarray  # float32, (n_labels,)
    bias: np.ndarray  # float32, (n_labels,)
    version: str

    def probabilities(self, text: str) -> np.ndarray:
        ids = feature_ids(text, self.bits)
        pos = np.searchsorted(self.rows, ids)
        inside = pos < len(self.rows)
        pos, ids_in = pos[inside], ids[inside]
        hit = pos[self.rows[pos] == ids_in]
        logits = self.bias.copy()
        if len(hit):
            logits += self.weights[hit].astype(np.float32).sum(axis=0) * self.scale / np.sqrt(len(ids))
        logits -= logits.max()
        p = np.exp(logits)
        return p / p.sum()

    def predict(self, text: str) -> tuple[str, str, float]:
        """(event type, sub-event type, probability) of the most likely sub-type."""
        p = self.probabilities(text)
        k = int(p.argmax())
        event_type, sub_type = self.labels[k].split("|", 1)
        return event_type, sub_type, float(p[k])


@lru_cache(maxsize=1)
def load_model() -> AcledModel | None:
    """The shipped model, or None when it has not been built (the rules then work alone)."""
    try:
        ref = resources.files("sitroom.resources").joinpath(MODEL_FILE)
        with ref.open("rb") as fh:
            data = np.load(fh, allow_pickle=False)
            return AcledModel(tuple(str(x) for x in data["labels"]), int(data["bits"]), data["rows"],
                              data["weights"], data["scale"], data["bias"], str(data["version"]))
    except FileNotFoundError:
        return None
