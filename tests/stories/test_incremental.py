"""Incremental grouping against the store: join, open, merge, and the time window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from rashomon.store import Store, content_hash
from rashomon.store.db import Placement
from rashomon.stories import dedup, incremental
from stories.story_helpers import processed, profile, unit

MAY = dt.date(2024, 5, 2)
FERRY = "ferry lesbos coast guard passengers missing rocks storm"
BANK = "central bank interest rate inflation governor percent"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "s.db") as opened:
        yield opened


def put(
    store: Store, article_id: str, words: str, direction: float, day: dt.date | None = MAY
) -> None:
    """Store an article about ``words`` whose vector points at ``direction`` (0 or 1)."""
    prof = profile(unit(1 - direction, direction), words, (f"place:{words.split()[1]}",))
    item = processed(article_id, f"{article_id} {words}", prof, day)
    with store.transaction():
        store.add(item, content_hash(item.article), Placement(), dedup.band_keys(item.signature))


def group(store: Store, *ids: str) -> list[int]:
    with store.transaction():
        return incremental.group(store, ids)


def stories(store: Store) -> list[list[str]]:
    return [store.members(s) for s in store.find_stories()]


def test_a_batch_is_grouped_by_event(store: Store) -> None:
    for article_id, words, direction in [("f1", FERRY, 0), ("b1", BANK, 1), ("f2", FERRY, 0)]:
        put(store, article_id, words, direction)
    assert sorted(group(store, "f1", "b1", "f2")) == [1, 2]
    assert sorted(stories(store)) == [["b1"], ["f1", "f2"]]


def test_new_articles_join_existing_stories_or_open_new_ones(store: Store) -> None:
    put(store, "f1", FERRY, 0)
    group(store, "f1")
    put(store, "f2", FERRY, 0, MAY + dt.timedelta(days=2))
    put(store, "b1", BANK, 1, MAY + dt.timedelta(days=2))
    changed = group(store, "f2", "b1")
    assert sorted(stories(store)) == [["b1"], ["f1", "f2"]]
    assert len(changed) == 2
    row = store.story_row(store.story_of("f1") or 0)
    assert (row.start_day, row.end_day, row.size, row.version) == (
        "2024-05-02",
        "2024-05-04",
        2,
        2,
    )


def test_an_article_far_outside_the_window_opens_a_new_story(store: Store) -> None:
    put(store, "f1", FERRY, 0)
    group(store, "f1")
    put(store, "f2", FERRY, 0, MAY + dt.timedelta(days=incremental.WINDOW_DAYS + 30))
    group(store, "f2")
    assert sorted(stories(store)) == [["f1"], ["f2"]]


def test_a_new_article_can_bring_two_stories_together(store: Store) -> None:
    put(store, "f1", FERRY, 0)
    put(store, "f2", FERRY, 0)
    with store.transaction():  # two stories of one event, as an earlier run might leave them
        for article_id in ("f1", "f2"):
            story = store.new_story()
            store.assign(story, [article_id])
            store.refresh(story)
    put(store, "f3", FERRY, 0)
    group(store, "f3")
    assert stories(store) == [["f1", "f2", "f3"]]
    assert store.counts()["stories"] == 1


def test_nothing_to_group(store: Store) -> None:
    assert group(store) == []


def test_one_batch_keeps_reports_months_apart_in_different_stories(store: Store) -> None:
    put(store, "f1", FERRY, 0)
    put(store, "f2", FERRY, 0, MAY + dt.timedelta(days=60))
    group(store, "f1", "f2")
    assert sorted(stories(store)) == [["f1"], ["f2"]]


# ----------------------------------------------------------------------------- unknown dates
# An undated article (old archive pages often are) has no place in time: it joins a story by
# its text and entities whenever that story ran, and leaves the story's span as it was.

OLD = dt.date(2019, 3, 3)  # far from the day the tests run


def span(store: Store, article_id: str) -> tuple[str, str]:
    row = store.story_row(store.story_of(article_id) or 0)
    return row.start_day, row.end_day


def test_an_undated_article_joins_an_old_story_by_its_text_and_entities(store: Store) -> None:
    put(store, "f1", FERRY, 0, OLD)
    put(store, "b1", BANK, 1, OLD)
    group(store, "f1", "b1")
    put(store, "f2", FERRY, 0, None)
    group(store, "f2")
    assert sorted(stories(store)) == [["b1"], ["f1", "f2"]]
    assert span(store, "f2") == ("2019-03-03", "2019-03-03")


def test_an_undated_article_in_a_batch_of_dated_ones_stretches_no_span(store: Store) -> None:
    put(store, "f1", FERRY, 0, OLD)
    put(store, "f2", FERRY, 0, None)
    put(store, "f3", FERRY, 0, OLD + dt.timedelta(days=2))
    group(store, "f1", "f2", "f3")
    assert stories(store) == [["f1", "f2", "f3"]]
    assert span(store, "f1") == ("2019-03-03", "2019-03-05")


def test_undated_articles_make_a_story_with_no_span(store: Store) -> None:
    put(store, "f1", FERRY, 0, None)
    put(store, "f2", FERRY, 0, None)
    put(store, "b1", BANK, 1, None)
    group(store, "f1", "f2", "b1")
    assert sorted(stories(store)) == [["b1"], ["f1", "f2"]]
    row = store.story_row(store.story_of("f1") or 0)
    assert (row.start_day, row.end_day, row.first, row.last) == ("", "", None, None)


def test_a_dated_article_joins_a_story_of_undated_ones(store: Store) -> None:
    put(store, "f1", FERRY, 0, None)
    group(store, "f1")
    put(store, "f2", FERRY, 0, OLD)
    group(store, "f2")
    assert stories(store) == [["f1", "f2"]]
    assert span(store, "f1") == ("2019-03-03", "2019-03-03")


def test_time_still_parts_dated_reports_an_undated_one_resembles(store: Store) -> None:
    put(store, "f1", FERRY, 0, OLD)
    group(store, "f1")
    put(store, "f2", FERRY, 0, OLD + dt.timedelta(days=400))
    group(store, "f2")
    put(store, "f3", FERRY, 0, None)
    group(store, "f3")
    # the undated report joins one of them; the two stories a year apart stay apart
    assert len(stories(store)) == 2
