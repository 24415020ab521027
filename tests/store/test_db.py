"""The SQLite store: schema versions, atomic articles, readers during writes, searches."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from rashomon.errors import StoreError
from rashomon.ingest.fetch import Validators
from rashomon.records import Article
from rashomon.store import Store, StoreValidators, content_hash
from rashomon.store.db import UNDATED
from rashomon.store.schema import MIGRATIONS
from rashomon.stories import dedup

Add = Callable[..., None]
BRIDGE = "The council approved the new bridge over the river on Monday after a long debate."
FLOODS = "Floods closed three schools in the valley on Friday morning, the mayor said."


def test_new_store_has_the_latest_schema_wal_and_foreign_keys(store: Store) -> None:
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_applies_no_migration_twice(tmp_path: Path) -> None:
    Store(tmp_path / "a.db").close()
    with Store(tmp_path / "a.db") as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_a_store_from_a_newer_rashomon_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_opening_a_missing_store_for_reading_fails_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "missing.db", create=False)
    assert "rashomon ingest" in info.value.hint


def test_a_file_that_is_not_a_store_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database at all, just some words " * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(path)


def test_article_round_trip(store: Store, add: Add) -> None:
    add("a1", BRIDGE)
    article = store.article("a1")
    assert article.text == BRIDGE
    assert article.published == dt.date(2024, 5, 2)
    assert store.known([content_hash(article), "other"]) == {content_hash(article)}
    assert store.analyses(["a1"])["a1"].article == article
    assert store.counts() == {"articles": 1, "copies": 0, "stories": 0}
    with pytest.raises(StoreError, match="no article"):
        store.article("nope")


def test_a_failed_transaction_leaves_nothing_behind(store: Store, add: Add) -> None:
    add("a1", BRIDGE)
    with pytest.raises(sqlite3.IntegrityError):
        add("a1", FLOODS)  # the id is taken: the whole article is refused
    assert store.counts()["articles"] == 1
    assert store.conn.execute("SELECT count(*) FROM profiles").fetchone()[0] == 1
    assert store.conn.execute("SELECT count(*) FROM bands").fetchone()[0] == dedup.layout()[0]
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_readers_work_while_a_write_is_open(tmp_path: Path, store: Store, add: Add) -> None:
    add("a1", BRIDGE)
    with Store(store.path) as reader, store.transaction():
        store.conn.execute("UPDATE articles SET title = 'changing' WHERE id = 'a1'")
        assert reader.article("a1").title == ""
        assert reader.counts()["articles"] == 1


def test_content_hash_ignores_spacing_but_not_words() -> None:
    a = Article(id="1", outlet="o", text="Rain  fell\non Monday.")
    b = Article(id="2", outlet="o", text="Rain fell on Monday.")
    c = Article(id="3", outlet="o", text="Rain fell on Tuesday.")
    assert content_hash(a) == content_hash(b) != content_hash(c)


def test_free_id(store: Store, add: Add) -> None:
    add("a1", BRIDGE)
    assert store.free_id("a2", "ffff0000aaaa") == "a2"
    assert store.free_id("a1", "ffff0000aaaa") == "a1~ffff0000"


def test_band_matches_find_originals_not_copies(store: Store, add: Add) -> None:
    add("a1", BRIDGE)
    add("a2", BRIDGE + " Updated.", copy_of="a1")
    add("b1", FLOODS)
    assert store.band_matches(dedup.band_keys(dedup.signature(BRIDGE))) == ["a1"]
    assert store.counts()["copies"] == 1


def test_validators_round_trip(store: Store) -> None:
    cache = StoreValidators(store)
    assert cache.get("https://example.org/feed") is None
    cache.put("https://example.org/feed", Validators(etag='"x1"', last_modified="Mon"))
    assert cache.get("https://example.org/feed") == Validators('"x1"', "Mon")


def test_story_search_by_words_outlet_and_day(store: Store, add: Add) -> None:
    add("a1", BRIDGE)
    add("b1", FLOODS)
    with store.transaction():
        for article_id in ("a1", "b1"):
            story = store.new_story()
            store.assign(story, [article_id])
            store.refresh(story)
    assert store.find_stories(query="bridge") == [1]
    assert store.find_stories(query="floods OR bridge") == [1, 2]
    assert store.find_stories(outlet="OUTLET-B1") == [2]
    assert store.find_stories(since="2024-05-02") == [1, 2]
    assert store.find_stories(since="2024-05-03") == []
    assert store.find_stories(query="volcano") == []
    with pytest.raises(StoreError, match="cannot search"):
        store.find_stories(query='"unclosed')


# ----------------------------------------------------------------------------- unknown dates


def story_of(store: Store, *ids: str) -> int:
    with store.transaction():
        story = store.new_story()
        store.assign(story, list(ids))
        store.refresh(story)
    return story


def test_an_undated_article_has_no_day(store: Store, add: Add) -> None:
    add("a1", BRIDGE, published=None)
    assert store.article("a1").published is None
    assert store.days(["a1"]) == {"a1": None}


def test_an_undated_article_does_not_stretch_its_storys_span(store: Store, add: Add) -> None:
    add("a1", BRIDGE)
    add("a2", BRIDGE + " Later.", published=None)
    row = store.story_row(story_of(store, "a1", "a2"))
    assert (row.start_day, row.end_day, row.first, row.last, row.size) == (
        "2024-05-02",
        "2024-05-02",
        "2024-05-02",
        "2024-05-02",
        2,
    )
    assert [a for a, _, _ in store.story_articles(row.id)] == ["a1", "a2"]


def test_a_story_of_undated_articles_has_no_span(store: Store, add: Add) -> None:
    add("a1", BRIDGE, published=None)
    row = store.story_row(story_of(store, "a1"))
    assert (row.start_day, row.end_day, row.first, row.last) == (UNDATED, UNDATED, None, None)


def test_since_lists_only_stories_known_to_run_then(store: Store, add: Add) -> None:
    add("a1", BRIDGE)
    add("b1", FLOODS, published=None)
    dated, undated = story_of(store, "a1"), story_of(store, "b1")
    assert store.find_stories() == [dated, undated]  # most recent first, unknown last
    assert store.find_stories(since="2024-05-01") == [dated]
    assert store.find_stories(undated=True) == [undated]
    assert store.find_stories(undated=True, query="bridge") == []


def test_undated_stories_are_in_every_time_window(store: Store, add: Add) -> None:
    add("a1", BRIDGE)
    add("b1", FLOODS, published=None)
    dated, undated = story_of(store, "a1"), story_of(store, "b1")
    assert [s.id for s in store.stories_between("2030-01-01", "2030-01-31")] == [undated]
    assert [s.id for s in store.stories_between("2024-05-01", "2024-05-03")] == [dated, undated]
    assert [s.id for s in store.stories_between(None, None)] == [dated, undated]


def test_migration_2_forgets_the_ingest_day_given_to_undated_articles(tmp_path: Path) -> None:
    """A store written before dates could be unknown gave an undated article the day it was
    ingested; opening it now leaves that article undated and its story's span to the rest."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0].split(";\n"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO stories (id, title, start_day, end_day, first, last, size, version,"
        " centroid) VALUES (1, 't', '2024-05-02', '2026-11-23', '2024-05-02', '2024-05-02',"
        " 2, 1, x''), (2, 'u', '2026-11-23', '2026-11-23', NULL, NULL, 1, 1, x'')"
    )
    rows = [
        ("a1", "2024-05-02", "2024-05-02", 1),
        ("a2", None, "2026-11-23", 1),
        ("b1", None, "2026-11-23", 2),
    ]
    for article_id, published, day, story in rows:
        conn.execute(
            "INSERT INTO articles (id, hash, outlet, title, url, published, day, source, record,"
            " story, added) VALUES (?, ?, 'o', '', '', ?, ?, '', '{}', ?, '')",
            (article_id, article_id, published, day, story),
        )
    conn.close()
    with Store(path) as store:
        assert store.days(["a1", "a2", "b1"]) == {"a1": "2024-05-02", "a2": None, "b1": None}
        spans = store.query("SELECT id, start_day, end_day FROM stories ORDER BY id")
        assert [tuple(r) for r in spans] == [(1, "2024-05-02", "2024-05-02"), (2, "", "")]
