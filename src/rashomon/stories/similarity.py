"""How likely two articles report the same event.

Six signals, each a matrix over a set of articles:

* ``words``: TF-IDF cosine of content words (document frequencies from the whole store);
* ``meaning``: cosine of the sentence embeddings (title and start of the body);
* ``names``: TF-IDF cosine of the named people, organisations, places and groups;
* ``numbers``: share of the distinctive numbers (magnitudes, amounts, tolls) both give;
* ``counted``: 1 when both give such numbers, so that giving different ones counts against;
* ``year``: +1 when both write a year in common, -1 when both write years and share none,
  else 0.

Topic words and embeddings find the kind of event; names, numbers and years tell two events
of one kind apart (two earthquakes, two arrests, two takeovers). A logistic model turns the
signals into a probability. Its weights were fitted on ECB+ train and dev pairs
(``benchmarks/eval_stories.py --fit``); see docs/quality.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from rashomon.stories.profile import Profile

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix


@dataclass(frozen=True)
class Weights:
    """Logistic weights of the signals, and the bias."""

    words: float
    meaning: float
    names: float
    numbers: float
    counted: float
    year: float
    bias: float

    def as_array(self) -> np.ndarray:
        return np.array(
            [self.words, self.meaning, self.names, self.numbers, self.counted, self.year]
        )


WEIGHTS = Weights(
    words=5.82, meaning=10.84, names=4.46, numbers=3.17, counted=-2.03, year=1.54, bias=-8.46
)


def signals(profiles: Sequence[Profile], df: Mapping[str, int], documents: int) -> np.ndarray:
    """The ``n x n x 6`` signal matrices of ``profiles`` (see the module docstring)."""
    return np.stack(
        [
            _tfidf_cosine([p.terms for p in profiles], df, documents),
            _vector_cosine(profiles),
            _tfidf_cosine([p.entities for p in profiles], df, documents),
            _number_overlap(profiles),
            _both_counted(profiles),
            _year_agreement(profiles),
        ],
        axis=-1,
    )


def probabilities(
    profiles: Sequence[Profile],
    df: Mapping[str, int],
    documents: int,
    weights: Weights | None = None,
) -> np.ndarray:
    """The ``n x n`` matrix of same-story probabilities (the diagonal is 1).

    ``weights`` default to :data:`WEIGHTS`, read at each call.
    """
    if not profiles:
        return np.zeros((0, 0))
    weights = weights or WEIGHTS
    logits = signals(profiles, df, documents) @ weights.as_array() + weights.bias
    matrix = 1.0 / (1.0 + np.exp(-logits))
    np.fill_diagonal(matrix, 1.0)
    return matrix


def idf(df: int, documents: int) -> float:
    """Smoothed inverse document frequency; a term the store has never seen counts as rare."""
    return math.log((1 + documents) / (1 + df)) + 1.0


def _tfidf_cosine(bags: Sequence[Mapping[str, int]], df: Mapping[str, int], n: int) -> np.ndarray:
    weighted = [
        {term: (1.0 + math.log(count)) * idf(df.get(term, 0), n) for term, count in bag.items()}
        for bag in bags
    ]
    matrix = _counts(weighted)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1))).ravel()
    scaled = matrix.multiply(1.0 / np.maximum(norms, 1e-12)[:, None]).tocsr()
    return np.asarray((scaled @ scaled.T).todense())


def _vector_cosine(profiles: Sequence[Profile]) -> np.ndarray:
    vectors = np.stack([p.vector for p in profiles]).astype(np.float64)
    return np.clip(vectors @ vectors.T, -1.0, 1.0)


def _number_overlap(profiles: Sequence[Profile]) -> np.ndarray:
    ones = [{number: 1 for number in p.numbers} for p in profiles]
    shared = _counts(ones) @ _counts(ones).T
    sizes = np.array([len(p.numbers) for p in profiles], dtype=np.float64)
    smaller = np.minimum(sizes[:, None], sizes[None, :])
    return np.where(smaller > 0, np.asarray(shared.todense()) / np.maximum(smaller, 1.0), 0.0)


def _counts(bags: Sequence[Mapping[str, float]]) -> csr_matrix:
    """A sparse rows-by-terms matrix of ``bags`` (terms in order of first appearance)."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, bag in enumerate(bags):
        for term, value in bag.items():
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(value)
    return csr_matrix((values, (rows, cols)), shape=(len(bags), max(1, len(vocabulary))))


def _both_counted(profiles: Sequence[Profile]) -> np.ndarray:
    counted = np.array([bool(p.numbers) for p in profiles])
    return (counted[:, None] & counted[None, :]).astype(np.float64)


def _year_agreement(profiles: Sequence[Profile]) -> np.ndarray:
    bags = [{str(y): 1 for y in p.years} for p in profiles]
    shared = np.asarray((_counts(bags) @ _counts(bags).T).todense()) > 0
    dated = np.array([bool(p.years) for p in profiles])
    both = dated[:, None] & dated[None, :]
    return np.where(both, np.where(shared, 1.0, -1.0), 0.0)
