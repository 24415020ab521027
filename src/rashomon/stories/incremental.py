"""Group newly stored articles into the store's stories, one batch at a time.

Nothing here grows with the size of the corpus:

* only stories whose span of days comes within :data:`WINDOW_DAYS` of a new article are
  looked at, and of those only the :data:`NEIGHBOURS` whose centroid is nearest to it;
* each story takes part with at most its :data:`MEMBERS` most recent articles;
* document frequencies are looked up for the batch's own terms.

Copies (near-duplicates) follow their original and take no part in grouping.

An article with no known publication date has no place in time: it may join any story by its
text and entities (its pairs take no time decay), every story is a candidate for it (so a
batch with undated articles looks at all the store's stories, nearest by centroid first),
and it does not stretch the span of the story it joins. Once in a story it is held to that
story's time, so it never brings together two stories that time keeps apart
(:func:`rashomon.stories.grouping.agglomerate`). A story all of whose articles are undated
has no span and is a candidate for every article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from rashomon.stories.grouping import agglomerate
from rashomon.stories.similarity import probabilities

if TYPE_CHECKING:
    from rashomon.store.db import Store, StoryRow

WINDOW_DAYS = 7  # a story takes articles up to this many days after (or before) its span
NEIGHBOURS = 10  # nearest stories (by centroid) considered for each new article
MEMBERS = 30  # most recent articles of a story that stand for it
GATE = 0.2  # centroid cosine below which a story is not a candidate


def group(store: Store, ids: Sequence[str], threshold: float | None = None) -> list[int]:
    """Put the originals ``ids`` (already stored, with no story) into stories.

    Call inside a store transaction. Returns the ids of the stories that changed.
    """
    if not ids:
        return []
    days = store.days(ids)
    new = store.profiles(ids)
    stories = _candidates(store, ids, days, np.stack([new[i].vector for i in ids]))
    members = [store.members(s.id, MEMBERS) for s in stories]
    order = [m for group in members for m in group] + list(ids)
    owner: list[int | None] = [s.id for s, g in zip(stories, members, strict=True) for _ in g]
    owner += [None] * len(ids)
    old_ids = order[: len(order) - len(ids)]
    old = store.profiles(old_ids)
    profiles = [old[m] if m in old else new[m] for m in order]
    terms = {t for p in profiles for t in (*p.terms, *p.entities)}
    matrix = probabilities(profiles, store.document_frequencies(terms), store.originals())
    days.update(store.days(old_ids))
    ordinals = _ordinals([days[m] for m in order])
    matrix *= _time_decay(ordinals)
    clusters: list[list[int]] = []
    for k, story in enumerate(owner):
        if story is None or not clusters or owner[clusters[-1][0]] != story:
            clusters.append([k])
        else:
            clusters[-1].append(k)
    merged = agglomerate(matrix, clusters, threshold, days=ordinals, window=WINDOW_DAYS)
    return _write(store, [[(order[k], owner[k]) for k in c] for c in merged])


def _candidates(
    store: Store, ids: Sequence[str], days: dict[str, str | None], vectors: np.ndarray
) -> list[StoryRow]:
    """The stories near in time, and near in meaning to at least one new article."""
    dated = [day for day in (days[i] for i in ids) if day]
    if len(dated) < len(ids):
        pool = store.stories_between(None, None)  # an undated article may join any story
    else:
        first, last = min(dated), max(dated)
        pool = store.stories_between(_shift(first, -WINDOW_DAYS), _shift(last, WINDOW_DAYS))
    if not pool:
        return []
    centroids = np.stack([s.centroid for s in pool])
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    scores = vectors @ centroids.T
    chosen: set[int] = set()
    for row, article in enumerate(ids):
        near = [k for k, s in enumerate(pool) if _near(s, days[article])]
        ranked = sorted(near, key=lambda k: -scores[row, k])[:NEIGHBOURS]
        chosen.update(k for k in ranked if scores[row, k] >= GATE)
    return [pool[k] for k in sorted(chosen)]


def _write(store: Store, merged: list[list[tuple[str, int | None]]]) -> list[int]:
    """Record the merged clusters: join, merge or open stories; return the changed ones."""
    changed = []
    for cluster in merged:
        olds = sorted({story for _, story in cluster if story is not None})
        fresh = [article for article, story in cluster if story is None]
        if not fresh and len(olds) < 2:
            continue
        target = olds[0] if olds else store.new_story()
        for other in olds[1:]:
            store.assign(target, store.members(other))
            store.drop_story(other)
        store.assign(target, fresh)
        store.refresh(target)
        changed.append(target)
    return changed


def _near(story: StoryRow, day: str | None) -> bool:
    """True when ``story`` comes within :data:`WINDOW_DAYS` of ``day``; always when either
    date is unknown."""
    if day is None or not story.end_day:
        return True
    return story.end_day >= _shift(day, -WINDOW_DAYS) and story.start_day <= _shift(
        day, WINDOW_DAYS
    )


def _ordinals(days: Sequence[str | None]) -> np.ndarray:
    """Day ordinals, NaN for an undated article."""
    return np.array(
        [dt.date.fromisoformat(d).toordinal() if d else np.nan for d in days], dtype=np.float64
    )


def _time_decay(ordinals: np.ndarray) -> np.ndarray:
    """1 for two articles at most :data:`WINDOW_DAYS` apart, then falling by e every window;
    1 for a pair with an undated article (time says nothing about it)."""
    gaps = np.nan_to_num(np.abs(ordinals[:, None] - ordinals[None, :]), nan=0.0)
    return np.exp(-np.maximum(gaps - WINDOW_DAYS, 0.0) / WINDOW_DAYS)


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()
