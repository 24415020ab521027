"""Average linkage that starts from existing stories."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.stories.grouping import agglomerate


def blocks(*sizes: int, inside: float = 0.9, across: float = 0.1) -> np.ndarray:
    """A probability matrix with high values inside blocks of ``sizes`` and low across."""
    labels = np.repeat(np.arange(len(sizes)), sizes)
    matrix = np.where(labels[:, None] == labels[None, :], inside, across)
    np.fill_diagonal(matrix, 1.0)
    return matrix


@pytest.mark.parametrize(
    ("matrix", "clusters", "expected"),
    [
        # singletons in two blocks become two clusters
        (blocks(2, 3), [[0], [1], [2], [3], [4]], [[0, 1], [2, 3, 4]]),
        # a new article joins the existing story it fits
        (blocks(3, 1), [[0, 1], [2], [3]], [[0, 1, 2], [3]]),
        # nothing is similar enough: every cluster stays as it is
        (blocks(1, 1, 1), [[0], [1], [2]], [[0], [1], [2]]),
        # two existing stories bridged by nothing stay apart
        (blocks(2, 2), [[0, 1], [2, 3]], [[0, 1], [2, 3]]),
        # two stories of one event are merged
        (blocks(4), [[0, 1], [2, 3]], [[0, 1, 2, 3]]),
    ],
)
def test_agglomerate(
    matrix: np.ndarray, clusters: list[list[int]], expected: list[list[int]]
) -> None:
    assert agglomerate(matrix, clusters, 0.5, 0.5) == expected


def test_existing_stories_are_never_split() -> None:
    # two stories that each hold one article of both events: they stay two stories
    matrix = blocks(2, 2, across=0.0)
    assert agglomerate(matrix, [[0, 2], [1, 3]], 0.5, 0.1) == [[0, 2], [1, 3]]


def test_average_not_single_link() -> None:
    # one strong link between two clusters is not enough when the rest disagree
    matrix = blocks(3, 3, across=0.0)
    matrix[2, 3] = matrix[3, 2] = 1.0
    assert agglomerate(matrix, [[0, 1, 2], [3, 4, 5]], 0.5, 0.1) == [[0, 1, 2], [3, 4, 5]]


@pytest.mark.parametrize(
    ("join", "expected"),
    [
        (0.3, [[0, 1, 2, 3], [4, 5]]),  # the lone article reaches the lower bar and joins
        (0.5, [[0, 1, 2], [3], [4, 5]]),  # with one bar for all, it stays alone
    ],
)
def test_a_lone_article_joins_at_the_lower_bar(join: float, expected: list[list[int]]) -> None:
    matrix = blocks(3, 1, 2, across=0.0)
    matrix[3, :3] = matrix[:3, 3] = 0.4  # close to the first story, but not close enough to merge
    np.fill_diagonal(matrix, 1.0)
    assert agglomerate(matrix, [[0, 1, 2], [3], [4, 5]], 0.5, join) == expected


def test_two_stories_need_the_higher_bar_to_merge() -> None:
    matrix = np.full((4, 4), 0.4)
    matrix[0, 1] = matrix[1, 0] = matrix[2, 3] = matrix[3, 2] = 0.9
    np.fill_diagonal(matrix, 1.0)
    assert agglomerate(matrix, [[0, 1], [2, 3]], 0.5, 0.1) == [[0, 1], [2, 3]]
    assert agglomerate(matrix, [[0, 1], [2, 3]], 0.3, 0.1) == [[0, 1, 2, 3]]


def test_empty_and_single() -> None:
    assert agglomerate(np.zeros((0, 0)), [], 0.5) == []
    assert agglomerate(np.ones((1, 1)), [[0]], 0.5) == [[0]]


def test_an_undated_article_does_not_bridge_stories_that_time_keeps_apart() -> None:
    # rows 0 and 1: one story each, a year apart (their pair decayed to 0 by time);
    # row 2: undated, as close in text to both
    matrix = np.array([[1.0, 0.0, 0.8], [0.0, 1.0, 0.8], [0.8, 0.8, 1.0]])
    clusters = [[0], [1], [2]]
    assert agglomerate(matrix, clusters, 0.45, 0.2) == [[0, 2, 1]]  # without days
    days = np.array([737000.0, 737400.0, np.nan])
    assert agglomerate(matrix, clusters, 0.45, 0.2, days=days) == [[0, 2], [1]]


def test_with_every_article_dated_the_days_change_nothing() -> None:
    matrix = blocks(2, 3, across=0.3)
    clusters = [[0], [1], [2], [3], [4]]
    days = np.arange(5, dtype=float)
    for join in (0.2, 0.5):
        assert agglomerate(matrix, clusters, 0.45, join, days=days) == agglomerate(
            matrix, clusters, 0.45, join
        )
