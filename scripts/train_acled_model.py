#!/usr/bin/env python3
"""Train sitroom's ACLED sub-type prior from ACLED records' notes (../shared/bench/acled_train).

    python scripts/train_acled_model.py [--data PATH] [--out src/sitroom/resources/acled_model.npz]

The held-out fold that `scripts/eval_gate.py` measures (its countries, and the years
2023-2025 for every country) is excluded from training, so the gate's acled figures
stay an honest test of generalisation. Repeated notes are used once. The model is a
multinomial logistic regression over hashed unigrams and bigrams (see
sitroom.pipeline.acled_model), trained with Adagrad in numpy: a few minutes on 2 CPU
cores, no GPU, no extra dependencies. Weights are stored as int8 with a per-class scale.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitroom.pipeline.acled_model import feature_ids  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "acled_train" / "acled_train.csv"
BASELINE = ROOT / "bench" / "baseline.json"


def held_out() -> tuple[set[str], tuple[int, int]]:
    opts = json.loads(BASELINE.read_text())["acled"]["options"]
    return set(opts["countries"]), tuple(opts["years"])


def load_rows(path: Path, also_exclude: set[str] = frozenset()) -> tuple[list[str], list[str]]:
    countries, (y0, y1) = held_out()
    countries = countries | set(also_exclude)
    texts, labels, seen = [], [], set()
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            note = (row.get("notes") or "").strip()
            year = int((row.get("event_date") or "0")[:4] or 0)
            if not note or note in seen or row["country"] in countries or y0 <= year <= y1:
                continue
            seen.add(note)
            texts.append(note)
            labels.append(f"{row['event_type']}|{row['sub_event_type']}")
    return texts, labels


def train(feats: list[np.ndarray], y: np.ndarray, n_classes: int, bits: int, epochs: int, lr: float,
          l2: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    w = np.zeros((1 << bits, n_classes), dtype=np.float32)
    g2 = np.full((1 << bits, n_classes), 1e-6, dtype=np.float32)
    b = np.zeros(n_classes, dtype=np.float32)
    gb2 = np.full(n_classes, 1e-6, dtype=np.float32)
    for epoch in range(epochs):
        loss = 0.0
        for i in rng.permutation(len(feats)):
            ids = feats[i]
            norm = 1.0 / np.sqrt(max(len(ids), 1))
            logits = w[ids].sum(axis=0) * norm + b
            logits -= logits.max()
            p = np.exp(logits)
            p /= p.sum()
            loss -= np.log(p[y[i]] + 1e-12)
            grad = p
            grad[y[i]] -= 1.0
            gw = np.outer(np.full(len(ids), norm, dtype=np.float32), grad) + l2 * w[ids]
            g2[ids] += gw * gw
            w[ids] -= lr * gw / np.sqrt(g2[ids])
            gb2 += grad * grad
            b -= lr * grad / np.sqrt(gb2)
        print(f"epoch {epoch + 1}: mean loss {loss / len(feats):.4f}", file=sys.stderr)
    return w, b


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "sitroom" / "resources" / "acled_model.npz")
    ap.add_argument("--bits", type=int, default=18)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=0.2)
    ap.add_argument("--l2", type=float, default=1e-5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--exclude-countries", default="",
                    help="comma-separated countries left out as well, for a validation fold of your own")
    args = ap.parse_args()
    if not args.data.is_file():
        print(f"no training data at {args.data}", file=sys.stderr)
        return 2
    t0 = time.time()
    texts, labels = load_rows(args.data, {c.strip() for c in args.exclude_countries.split(",") if c.strip()})
    classes = sorted(set(labels))
    index = {c: i for i, c in enumerate(classes)}
    y = np.array([index[l] for l in labels])
    feats = [feature_ids(t, args.bits) for t in texts]
    print(f"{len(texts)} notes, {len(classes)} classes, features in {time.time() - t0:.1f} s", file=sys.stderr)
    w, b = train(feats, y, len(classes), args.bits, args.epochs, args.lr, args.l2, args.seed)
    used = np.flatnonzero(np.abs(w).max(axis=1) > 1e-4)
    kept = w[used]
    scale = (np.abs(kept).max(axis=0) / 127.0).astype(np.float32)
    scale[scale == 0] = 1.0
    q = np.clip(np.round(kept / scale), -127, 127).astype(np.int8)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, labels=np.array(classes), bits=np.int64(args.bits), rows=used.astype(np.int32),
                        weights=q, scale=scale, bias=b.astype(np.float32),
                        version=np.array(f"acled-notes-{len(texts)}-b{args.bits}-e{args.epochs}"))
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(used):,} buckets) in "
          f"{time.time() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
