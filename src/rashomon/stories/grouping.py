"""Average-linkage grouping that starts from stories already made.

Existing stories enter as clusters and new articles as singletons. The two clusters whose
mean pairwise probability is highest are merged while it reaches the bar, so a new article
joins the story it fits best, opens a story of its own, or brings two stories together.
Stories are never split.

There are two bars. Merging two stories of several articles each needs a high mean
probability; a lone article joins a story at a lower one, because an article left alone is
more often a different angle on a story than a different event (on ECB+ train+dev, the two
bars lift B³ F1 from .915 with the best single bar to .931; see docs/quality.md).

Time enters through the matrix (same-story probabilities decayed by the gap in days). A pair
with an undated article has no gap, so an undated article could otherwise bridge two stories
that time keeps apart; given the articles' ``days``, a cluster holding an undated article is
held to the time of its dated members: its link to another cluster is decayed by the gap
between their dated spans, as a dated article at the near end of the span would be.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

THRESHOLD = 0.45  # mean same-story probability from which two stories merge
JOIN_THRESHOLD = 0.2  # lower bar for a lone article to join a story (or another lone article)


def agglomerate(
    matrix: np.ndarray,
    clusters: Sequence[Sequence[int]],
    threshold: float | None = None,
    join: float | None = None,
    *,
    days: np.ndarray | None = None,
    window: float = 7.0,
) -> list[list[int]]:
    """Merge ``clusters`` (lists of row indices of ``matrix``) by average linkage.

    Two clusters of several articles merge when their mean probability reaches ``threshold``;
    a cluster of one article needs only ``join`` to go into another. Among the pairs that
    qualify, the one with the highest mean goes first. Defaults are :data:`THRESHOLD` and
    :data:`JOIN_THRESHOLD`, read at each call.

    ``days`` (a day ordinal per row of ``matrix``, NaN for an undated article) turns on the
    time gate for clusters with undated articles (see the module docstring); ``window`` is
    the gap in days from which the gate decays a link, by e every ``window`` days.

    Returns the clusters after merging, each with its indices in the order given, in the
    order of their first input cluster. Ties go to the pair that comes first.
    """
    threshold = THRESHOLD if threshold is None else threshold
    join = JOIN_THRESHOLD if join is None else join
    groups = [list(c) for c in clusters]
    if len(groups) < 2:
        return groups
    membership = np.zeros((len(groups), matrix.shape[0]))
    for k, members in enumerate(groups):
        membership[k, members] = 1.0
    sums = membership @ matrix @ membership.T
    sizes = membership.sum(axis=1)
    alive = np.ones(len(groups), dtype=bool)
    upper = np.triu(np.ones(sums.shape, dtype=bool), k=1)
    mean = np.where(upper, sums / np.outer(sizes, sizes), -np.inf)
    span = _Spans(groups, days, window) if days is not None and np.isnan(days).any() else None
    while True:
        lone = sizes == 1
        bar = np.where(lone[:, None] | lone[None, :], join, threshold)
        gated = mean * span.gate() if span is not None else mean
        eligible = np.where(gated >= bar, gated, -np.inf)
        keep, gone = divmod(int(np.argmax(eligible)), mean.shape[1])
        if eligible[keep, gone] == -np.inf:
            break
        groups[keep].extend(groups[gone])
        if span is not None:
            span.merge(keep, gone)
        sums[keep, :] += sums[gone, :]
        sums[:, keep] += sums[:, gone]
        sizes[keep] += sizes[gone]
        alive[gone] = False
        mean[gone, :] = mean[:, gone] = -np.inf
        links = np.where(alive, sums[keep, :] / (sizes[keep] * sizes), -np.inf)
        links[keep] = -np.inf
        mean[keep, keep + 1 :] = links[keep + 1 :]
        mean[:keep, keep] = links[:keep]
    return [groups[k] for k in np.flatnonzero(alive)]


class _Spans:
    """The dated span of each cluster and whether it holds an undated article."""

    def __init__(self, groups: Sequence[Sequence[int]], days: np.ndarray, window: float) -> None:
        self.window = window
        self.lo = np.full(len(groups), np.nan)
        self.hi = np.full(len(groups), np.nan)
        self.undated = np.zeros(len(groups), dtype=bool)
        for k, members in enumerate(groups):
            values = days[list(members)]
            dated = values[~np.isnan(values)]
            if dated.size:
                self.lo[k], self.hi[k] = dated.min(), dated.max()
            self.undated[k] = dated.size < values.size

    def merge(self, keep: int, gone: int) -> None:
        self.lo[keep] = np.fmin(self.lo[keep], self.lo[gone])
        self.hi[keep] = np.fmax(self.hi[keep], self.hi[gone])
        self.undated[keep] |= self.undated[gone]

    def gate(self) -> np.ndarray:
        """Per pair of clusters: 1, or the decay of the gap between their dated spans when
        one of them holds an undated article and both have dated members."""
        with np.errstate(invalid="ignore"):
            gap = np.maximum(
                self.lo[None, :] - self.hi[:, None], self.lo[:, None] - self.hi[None, :]
            )
        decay = np.exp(-np.maximum(np.nan_to_num(gap, nan=0.0) - self.window, 0.0) / self.window)
        mixed = self.undated[:, None] | self.undated[None, :]
        return np.where(mixed, decay, 1.0)
