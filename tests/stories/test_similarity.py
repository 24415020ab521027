"""The same-story probability and the signals behind it."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.stories.similarity import probabilities, signals
from stories.story_helpers import profile, unit

QUAKE = "earthquake magnitude struck province killed injured"


def test_identical_reports_are_one_story() -> None:
    a = profile(unit(1, 0), QUAKE, ("place:aceh",), ("6.1",), (2013,))
    matrix = probabilities([a, a], {}, 100)
    assert matrix[0, 1] > 0.9


def test_names_numbers_and_years_split_events_of_one_kind() -> None:
    df = {w: 20 for w in QUAKE.split()}
    aceh = profile(unit(1, 0), QUAKE + " aceh", ("place:aceh",), ("6.1",), (2013,))
    same = profile(unit(1, 0.9), QUAKE + " aceh", ("place:aceh",), ("6.1",), (2013,))
    other = profile(unit(1, 0.9), QUAKE + " papua", ("place:papua",), ("7.3",), (2009,))
    matrix = probabilities([aceh, same, other], df, 100)
    assert matrix[0, 1] > 0.9
    assert matrix[0, 2] < 0.5 * matrix[0, 1]


def test_unrelated_articles_are_not_one_story() -> None:
    a = profile(unit(1, 0), QUAKE, ("place:aceh",))
    b = profile(unit(0, 1), "budget parliament vote taxes", ("organization:parliament",))
    assert probabilities([a, b], {}, 100)[0, 1] < 0.1


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((2013,), (2013,), 1.0),
        ((2004, 2013), (2013, 2014), 1.0),  # one year in common is enough
        ((2013,), (2009,), -1.0),
        ((2004, 2013), (2009,), -1.0),
        ((2013,), (), 0.0),  # a report that gives no year says nothing
        ((), (), 0.0),
    ],
)
def test_year_signal(a: tuple[int, ...], b: tuple[int, ...], expected: float) -> None:
    profiles = [profile(unit(1), years=a), profile(unit(1), years=b)]
    assert signals(profiles, {}, 10)[0, 1, 5] == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [(("6.1", "24"), ("6.1",), 1.0), (("6.1", "24"), ("7.3", "24"), 0.5), ((), ("6.1",), 0.0)],
)
def test_number_signal(a: tuple[str, ...], b: tuple[str, ...], expected: float) -> None:
    profiles = [profile(unit(1), numbers=a), profile(unit(1), numbers=b)]
    assert signals(profiles, {}, 10)[0, 1, 3] == pytest.approx(expected)


def test_rare_words_weigh_more_than_common_ones() -> None:
    a = profile(unit(1), "said police lesbos")
    b = profile(unit(1), "said police")
    c = profile(unit(1), "lesbos")
    df = {"said": 90, "police": 60, "lesbos": 1}
    words = signals([a, b, c], df, 100)[..., 0]
    assert words[0, 2] > words[0, 1]


def test_no_profiles() -> None:
    assert probabilities([], {}, 0).shape == (0, 0)
    assert np.isclose(probabilities([profile(unit(1))], {}, 1)[0, 0], 1.0)
