"""The store's tables, as a list of migrations applied in order.

``PRAGMA user_version`` holds the number of migrations a database has had. Opening a store
applies the missing ones in one transaction each, so an old database is brought up to date
and a new one is built by the same steps. Never edit a migration that has shipped: add one.
"""

from __future__ import annotations

import sqlite3

from rashomon.errors import StoreError

V1 = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    outlet TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    published TEXT,
    day TEXT NOT NULL,
    source TEXT NOT NULL,
    record TEXT NOT NULL,
    copy_of TEXT REFERENCES articles(id),
    similarity REAL,
    story INTEGER REFERENCES stories(id) ON DELETE SET NULL,
    added TEXT NOT NULL
);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX articles_copy_of ON articles(copy_of);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE TABLE analyses (
    article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    schema_version TEXT NOT NULL,
    record TEXT NOT NULL
);

CREATE TABLE profiles (
    article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    vector BLOB NOT NULL,
    terms TEXT NOT NULL,
    entities TEXT NOT NULL,
    numbers TEXT NOT NULL,
    years TEXT NOT NULL
);

CREATE TABLE minhashes (
    article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);

CREATE TABLE bands (
    band INTEGER NOT NULL,
    key INTEGER NOT NULL,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX bands_key ON bands(band, key);

CREATE TABLE terms (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    first TEXT,
    last TEXT,
    start_day TEXT NOT NULL,
    end_day TEXT NOT NULL,
    size INTEGER NOT NULL,
    version INTEGER NOT NULL,
    centroid BLOB NOT NULL
);
CREATE INDEX stories_days ON stories(end_day, start_day);

CREATE TABLE comparisons (
    story INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    producer TEXT NOT NULL,
    record TEXT NOT NULL
);

CREATE TABLE validators (
    url TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    last_modified TEXT NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, tokenize='porter unicode61'
);
"""

# An article with no known date used to count as published on the day it was stored; its
# day is now unknown (''), and a story's span covers its dated articles only ('' when it has
# none).
V2 = """
UPDATE articles SET day = '' WHERE published IS NULL;
UPDATE stories SET
    start_day = coalesce(
        (SELECT min(day) FROM articles WHERE story = stories.id AND day <> ''), ''),
    end_day = coalesce(
        (SELECT max(day) FROM articles WHERE story = stories.id AND day <> ''), '')
"""

MIGRATIONS: tuple[str, ...] = (V1, V2)


def version(conn: sqlite3.Connection) -> int:
    """How many migrations the database has had."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, where: str) -> None:
    """Apply the migrations ``conn`` is missing, each in a transaction of its own."""
    current = version(conn)
    if current > len(MIGRATIONS):
        raise StoreError(
            f"the store has schema version {current}, newer than this rashomon knows",
            where=where,
            hint="upgrade rashomon to open this store",
        )
    for number in range(current, len(MIGRATIONS)):
        _apply(conn, MIGRATIONS[number], number + 1)


def _apply(conn: sqlite3.Connection, script: str, number: int) -> None:
    statements = [s for s in script.split(";\n") if s.strip()]
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in statements:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
