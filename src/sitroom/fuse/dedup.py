"""Near-duplicate articles: reposted wire copy, the same text with other page debris.

An article's id already hashes its normalised text, so an exact repost is stored once.
What remains are copies that differ a little: a caption kept, a sentence trimmed, a
"Read more" line the cleaner missed. Those are found with MinHash over word shingles of
the normalised text and an LSH index (datasketch), so each new article is compared with
a few candidates, never with everything stored. A copy maps to its original and never
counts as a second source (see `sitroom.fuse.merge`).

Deterministic: MinHash uses a fixed seed, a named permutation scheme and datasketch's
sha1-based hash, so the same text gives the same signature in every process. Only originals are indexed, so what
`add` returns is always an original, never a copy of one.

Persisted: `BandedDuplicateIndex` does the same over a `SignatureStore` (the database's
`minhash_bands` / `minhash_signatures` / `duplicates` tables): the LSH bands are rows, so
a new article reads the rows of its own 18 band hashes and the signatures of the few
candidates they name, whatever the number of articles stored.

State: `to_state()` gives the ids, signatures and duplicate map as JSON-ready values and
`from_state()` rebuilds the index from them (re-inserting signatures costs microseconds
each, no re-hashing of text), so a store can persist signatures and restore at start-up.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any, Iterable, Protocol, Sequence

from sitroom.pipeline.clean import normalise
from sitroom.records import Article

SHINGLE_WORDS = 5
SCHEME = "affine32"  # datasketch's permutation scheme, named so a persisted state never mixes schemes
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def _require_datasketch() -> Any:
    try:
        import datasketch
    except ImportError as exc:  # pragma: no cover - datasketch is a declared dependency
        raise ImportError("near-duplicate detection needs the package 'datasketch' "
                          "(pip install datasketch)") from exc
    return datasketch


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """Word k-shingles of the normalised text (punctuation dropped); a short text is one shingle."""
    words = _WORD_RE.findall(normalise(text))
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def minhash(text: str, num_perm: int = 128, seed: int = 1, k: int = SHINGLE_WORDS) -> Any:
    """The MinHash (datasketch.MinHash) of a text's word shingles, the same in every process."""
    mh = _require_datasketch().MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME)
    mh.update_batch(sorted(shingles(text, k)))
    return mh


class DuplicateIndex:
    """Finds, for each new article, the earlier original it nearly duplicates, if any.

    threshold: estimated Jaccard similarity of shingle sets at or above which two texts
    are one (0.8: a 300-word article with an extra 30-word caption still matches; two
    reports of one event in different words do not). LSH proposes candidates (at a lower
    threshold, so near-threshold copies are not missed); the estimated Jaccard of each is
    then checked, and the most similar (the earliest on ties) is returned.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, seed: int = 1, k: int = SHINGLE_WORDS):
        ds = _require_datasketch()
        self.threshold, self.num_perm, self.seed, self.k = threshold, num_perm, seed, k
        # LSH proposes candidates at a lower threshold than the one checked, so a true copy near the
        # threshold is not lost to the banding's false negatives (a few more candidates cost microseconds)
        self._lsh = ds.MinHashLSH(threshold=max(0.5, threshold - 0.2), num_perm=num_perm)
        self._signatures: dict[str, Any] = {}  # original id -> MinHash, in insertion order
        self._order: dict[str, int] = {}
        self.duplicates: dict[str, str] = {}  # copy id -> original id

    def __len__(self) -> int:
        return len(self._signatures) + len(self.duplicates)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._signatures or article_id in self.duplicates

    def signature(self, text: str) -> Any:
        """The MinHash of a text's shingles (datasketch.MinHash)."""
        return minhash(text, self.num_perm, self.seed, self.k)

    def original_of(self, article_id: str) -> str | None:
        """The original a stored copy duplicates; None for an original or an unknown id."""
        return self.duplicates.get(article_id)

    def find(self, text: str) -> tuple[str | None, float]:
        """The indexed original most similar to `text` at or above threshold, and the similarity."""
        mh = self.signature(text)
        return self._best(mh)

    def _best(self, mh: Any) -> tuple[str | None, float]:
        best, best_sim = None, 0.0
        for cand in self._lsh.query(mh):
            sim = mh.jaccard(self._signatures[cand])
            if sim >= self.threshold and (sim > best_sim or (sim == best_sim and best is not None
                                                              and self._order[cand] < self._order[best])):
                best, best_sim = cand, sim
        return best, best_sim

    def add(self, article: Article) -> str | None:
        """Index an article; the id of the original it duplicates, or None if it is an original.

        Adding the same article again changes nothing and gives the same answer.
        """
        if article.id in self._signatures:
            return None
        if article.id in self.duplicates:
            return self.duplicates[article.id]
        mh = self.signature(article.text)
        original, _ = self._best(mh)
        if original is not None:
            self.duplicates[article.id] = original
            return original
        self._insert(article.id, mh)
        return None

    def _insert(self, article_id: str, mh: Any) -> None:
        self._order[article_id] = len(self._order)
        self._signatures[article_id] = mh
        self._lsh.insert(article_id, mh)

    def to_state(self) -> dict[str, Any]:
        """JSON-ready state: parameters, originals with their signatures (in order), copies."""
        return {
            "version": 1, "scheme": SCHEME, "threshold": self.threshold, "num_perm": self.num_perm,
            "seed": self.seed, "k": self.k,
            "originals": [[aid, [int(v) for v in mh.hashvalues]] for aid, mh in self._signatures.items()],
            "duplicates": dict(self.duplicates),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "DuplicateIndex":
        """The index `to_state` described, ready to take new articles."""
        import numpy as np

        ds = _require_datasketch()
        index = cls(threshold=state["threshold"], num_perm=state["num_perm"], seed=state["seed"], k=state["k"])
        for aid, values in state["originals"]:
            mh = ds.MinHash(num_perm=index.num_perm, seed=index.seed, scheme=state.get("scheme", SCHEME),
                            hashvalues=np.array(values, dtype=np.uint64))
            index._insert(aid, mh)
        index.duplicates.update(state["duplicates"])
        return index


class SignatureStore(Protocol):
    """Where a BandedDuplicateIndex keeps its bands, signatures and copies (see `sitroom.store.fusion`)."""

    def band_candidates(self, bands: Sequence[str]) -> list[str]: ...

    def signatures(self, article_ids: Sequence[str]) -> dict[str, tuple[int, Any]]: ...

    def original_of(self, article_id: str) -> str | None: ...

    def is_original(self, article_id: str) -> bool: ...

    def put_original(self, article_id: str, bands: Sequence[str], hashvalues: Any) -> None: ...

    def put_duplicate(self, article_id: str, original_id: str, similarity: float) -> None: ...


@lru_cache(maxsize=8)
def lsh_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) datasketch would pick for an LSH index at `threshold` (18 x 7 at 0.6 / 128).

    Cached: datasketch integrates numerically to choose them (about 0.1 s).
    """
    from datasketch.lsh import _optimal_param

    return _optimal_param(threshold, num_perm, 0.5, 0.5)


class BandedDuplicateIndex:
    """DuplicateIndex's rule (same signatures, thresholds and tie-break) over a SignatureStore.

    An article's signature is cut into `b` bands of `r` hash values; each band's digest is
    a row key. Two texts whose estimated Jaccard similarity reaches the LSH threshold share a
    band with high probability, so the band rows of a new text name every likely original;
    their signatures are compared exactly, as in DuplicateIndex. The store only ever holds
    originals' bands, so what `add` returns is an original.
    """

    def __init__(self, store: SignatureStore, threshold: float = 0.8, num_perm: int = 128, seed: int = 1,
                 k: int = SHINGLE_WORDS):
        self.store, self.threshold, self.num_perm, self.seed, self.k = store, threshold, num_perm, seed, k
        self.b, self.r = lsh_shape(max(0.5, threshold - 0.2), num_perm)

    def bands(self, hashvalues: Any) -> list[str]:
        """Row keys of a signature's bands: band number and a digest of its hash values."""
        out = []
        for i in range(self.b):
            chunk = bytes(hashvalues[i * self.r:(i + 1) * self.r].astype("<u8").tobytes())
            out.append(f"{i:02d}" + hashlib.sha1(chunk).hexdigest()[:24])
        return out

    def signature(self, text: str) -> Any:
        """The MinHash hash values (uint64 array) of a text, as DuplicateIndex computes them."""
        return minhash(text, self.num_perm, self.seed, self.k).hashvalues

    def add(self, article: Article) -> tuple[str | None, float]:
        """(original, similarity) when the article copies one, else (None, 0.0) after indexing it.

        Adding the same article again changes nothing and gives the same answer.
        """
        if self.store.is_original(article.id):
            return None, 0.0
        known = self.store.original_of(article.id)
        if known is not None:
            return known, 1.0
        import numpy as np

        values = self.signature(article.text)
        bands = self.bands(values)
        best, best_sim, best_seq = None, 0.0, None
        for cand, (seq, other) in sorted(self.store.signatures(self.store.band_candidates(bands)).items()):
            sim = float(np.mean(np.asarray(other, dtype=np.uint64) == values))
            if sim >= self.threshold and (sim > best_sim or (sim == best_sim and seq < best_seq)):
                best, best_sim, best_seq = cand, sim, seq
        if best is not None:
            self.store.put_duplicate(article.id, best, best_sim)
            return best, best_sim
        self.store.put_original(article.id, bands, values)
        return None, 0.0


def find_duplicates(articles: Iterable[Article], threshold: float = 0.8) -> dict[str, str]:
    """copy id -> original id over articles taken in the given order (the first seen is the original)."""
    index = DuplicateIndex(threshold=threshold)
    for art in articles:
        index.add(art)
    return dict(index.duplicates)


__all__ = ["BandedDuplicateIndex", "DuplicateIndex", "SHINGLE_WORDS", "SignatureStore", "find_duplicates",
           "lsh_shape", "minhash", "shingles"]
