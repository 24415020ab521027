"""Near-duplicates: wire copies and lightly edited re-posts of one article.

Each article gets a MinHash signature of its word 3-grams (datasketch). The signature is cut
into LSH bands; two articles sharing a band key are candidates, and a candidate whose
estimated Jaccard similarity reaches :data:`THRESHOLD` is a copy. The band keys live in the
store, so finding the candidates of a new article is an index look-up, not a scan.
"""

from __future__ import annotations

import functools
import hashlib
import re

import numpy as np

THRESHOLD = 0.5  # estimated Jaccard of word 3-grams from which an article is a copy
NUM_PERM = 128
SHINGLE = 3

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The word ``size``-grams of ``text``, lower case (the whole text if it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` unsigned 64-bit values) of ``text``'s shingles."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch(sorted(shingles(text)))
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


@functools.cache
def layout() -> tuple[int, int]:
    """(bands, rows per band) that datasketch finds best for :data:`THRESHOLD`."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band; equal keys in a band make two articles candidates."""
    bands, rows = layout()
    keys = []
    for band in range(bands):
        chunk = np.ascontiguousarray(sig[band * rows : (band + 1) * rows]).tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity of two articles' shingles, as their signatures estimate it."""
    return float(np.mean(a == b))


def best_copy(sig: np.ndarray, candidates: dict[str, np.ndarray]) -> tuple[str, float] | None:
    """The candidate ``sig`` copies most (first stored wins a tie), if any reaches the threshold."""
    best: tuple[str, float] | None = None
    for article_id, other in candidates.items():
        score = similarity(sig, other)
        if score >= THRESHOLD and (best is None or score > best[1]):
            best = (article_id, score)
    return best
