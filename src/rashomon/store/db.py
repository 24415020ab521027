"""The article store: one SQLite file in WAL mode, safe to read while an ingest writes.

Every article goes in with its analysis, profile and MinHash in one transaction, so an
interrupted ingest never leaves half an article behind, and the content hash makes a second
ingest of the same text a no-op.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rashomon.errors import StoreError
from rashomon.records import AnalyzedArticle, Article, Comparison, from_json, to_json
from rashomon.store.schema import migrate
from rashomon.stories.profile import Processed, Profile

if TYPE_CHECKING:
    from rashomon.ingest.fetch import Validators

_CHUNK = 500  # host parameters per IN (...) list
UNDATED = ""  # the ``day`` of an article with no known date, and the span of a story of such


@dataclass(frozen=True)
class Placement:
    """Where a new article goes: the article it copies (if any) and its story (if known)."""

    copy_of: str | None = None
    similarity: float | None = None
    story: int | None = None


@dataclass(frozen=True, eq=False)
class StoryRow:
    """A story as the store keeps it, with the running centroid of its members' vectors."""

    id: int
    title: str
    first: str | None
    last: str | None
    start_day: str
    end_day: str
    size: int
    version: int
    centroid: np.ndarray


def content_hash(article: Article) -> str:
    """The identity of an article's content: outlet, title and text, whitespace-normalised."""
    body = " ".join(f"{article.outlet}\n{article.title}\n{article.text}".split())
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class Store:
    """An open store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = str(path)
        if not create and not Path(self.path).is_file():
            raise StoreError("no such store", where=self.path, hint="run `rashomon ingest` first")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=60.0)
            self._configure()
            migrate(self.conn, self.path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the store: {exc}", where=self.path) from exc

    def _configure(self) -> None:
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 60000")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside happen together or not at all."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"the store is locked: {exc}", where=self.path) from exc
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        self.conn.row_factory = sqlite3.Row
        try:
            return list(self.conn.execute(sql, params))
        finally:
            self.conn.row_factory = None

    # ------------------------------------------------------------------ articles

    def known(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` that the store already holds."""
        return set(self._select_in("SELECT hash FROM articles WHERE hash IN ({})", list(hashes)))

    def outlets(self) -> list[str]:
        """Every outlet name among the stored articles."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT outlet FROM articles")]

    def free_id(self, wanted: str, digest: str) -> str:
        """``wanted`` if no article has that id yet, else ``wanted`` with a hash suffix."""
        taken = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (wanted,)).fetchone()
        return f"{wanted}~{digest[:8]}" if taken else wanted

    def add(self, item: Processed, digest: str, place: Placement, bands: Sequence[int]) -> None:
        """Store one processed article; call inside :meth:`transaction`."""
        article = item.article
        self.conn.execute(
            "INSERT INTO articles (id, hash, outlet, title, url, published, day, source, record,"
            " copy_of, similarity, story, added) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id,
                digest,
                article.outlet,
                article.title,
                article.url,
                _iso(article.published),
                _day(article),
                article.source,
                json.dumps(to_json(article)),
                place.copy_of,
                place.similarity,
                place.story,
                _now(),
            ),
        )
        self.conn.execute(
            "INSERT INTO analyses (article, schema_version, record) VALUES (?,?,?)",
            (article.id, item.analysis.schema_version, json.dumps(to_json(item.analysis))),
        )
        self._add_profile(article.id, item.profile)
        self._add_minhash(article.id, item.signature, bands)
        rowid = self.conn.execute(
            "SELECT rowid FROM articles WHERE id = ?", (article.id,)
        ).fetchone()
        self.conn.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?,?,?)",
            (rowid[0], article.title, article.text),
        )
        if place.copy_of is None:
            self._count_terms([*item.profile.terms, *item.profile.entities])

    def _add_profile(self, article: str, profile: Profile) -> None:
        self.conn.execute(
            "INSERT INTO profiles (article, vector, terms, entities, numbers, years)"
            " VALUES (?,?,?,?,?,?)",
            (
                article,
                profile.vector.astype(np.float32).tobytes(),
                json.dumps(profile.terms),
                json.dumps(profile.entities),
                json.dumps(profile.numbers),
                json.dumps(profile.years),
            ),
        )

    def _add_minhash(self, article: str, signature: np.ndarray, bands: Sequence[int]) -> None:
        self.conn.execute(
            "INSERT INTO minhashes (article, signature) VALUES (?,?)",
            (article, signature.astype(np.uint64).tobytes()),
        )
        self.conn.executemany(
            "INSERT INTO bands (band, key, article) VALUES (?,?,?)",
            [(n, key, article) for n, key in enumerate(bands)],
        )

    def _count_terms(self, terms: Iterable[str]) -> None:
        self.conn.executemany(
            "INSERT INTO terms (term, df) VALUES (?, 1)"
            " ON CONFLICT(term) DO UPDATE SET df = df + 1",
            [(t,) for t in terms],
        )

    def article(self, article_id: str) -> Article:
        row = self.conn.execute("SELECT record FROM articles WHERE id = ?", (article_id,))
        found = row.fetchone()
        if found is None:
            raise StoreError(f"no article {article_id!r}", where=self.path)
        return from_json(Article, json.loads(found[0]))

    def analyses(self, ids: Sequence[str]) -> dict[str, AnalyzedArticle]:
        """The stored analyses of the articles ``ids``."""
        rows = self._select_in("SELECT article, record FROM analyses WHERE article IN ({})", ids)
        return {i: from_json(AnalyzedArticle, json.loads(r)) for i, r in rows}

    def counts(self) -> dict[str, int]:
        """How many articles, copies and stories the store holds."""
        one = self.conn.execute(
            "SELECT count(*), count(copy_of), (SELECT count(*) FROM stories) FROM articles"
        ).fetchone()
        return {"articles": one[0], "copies": one[1], "stories": one[2]}

    def iter_articles(self) -> Iterator[tuple[Article, int | None, str | None]]:
        """Every article with its story and the article it copies, in the order stored."""
        rows = self.conn.execute("SELECT record, story, copy_of FROM articles ORDER BY rowid")
        for record, story, copy_of in rows:
            yield from_json(Article, json.loads(record)), story, copy_of

    # ------------------------------------------------------------------ near-duplicates

    def band_matches(self, bands: Sequence[int]) -> list[str]:
        """Originals (not copies) sharing at least one LSH band key with ``bands``."""
        clause = " OR ".join(["(b.band = ? AND b.key = ?)"] * len(bands))
        params = [v for pair in enumerate(bands) for v in pair]
        rows = self.conn.execute(
            "SELECT DISTINCT a.id FROM bands b JOIN articles a ON a.id = b.article"
            f" WHERE a.copy_of IS NULL AND ({clause}) ORDER BY a.rowid",
            params,
        )
        return [r[0] for r in rows]

    def signatures(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        rows = self._select_in(
            "SELECT article, signature FROM minhashes WHERE article IN ({})", ids
        )
        return {i: np.frombuffer(blob, dtype=np.uint64) for i, blob in rows}

    def story_of(self, article_id: str) -> int | None:
        row = self.conn.execute("SELECT story FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else row[0]

    # ------------------------------------------------------------------ grouping inputs

    def profiles(self, ids: Sequence[str]) -> dict[str, Profile]:
        rows = self._select_in(
            "SELECT article, vector, terms, entities, numbers, years FROM profiles"
            " WHERE article IN ({})",
            ids,
        )
        return {r[0]: _profile(r[1:]) for r in rows}

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many original articles hold each term (terms never seen are left out)."""
        rows = self._select_in("SELECT term, df FROM terms WHERE term IN ({})", sorted(set(terms)))
        return dict(rows)

    def originals(self) -> int:
        row = self.conn.execute("SELECT count(*) FROM articles WHERE copy_of IS NULL").fetchone()
        return int(row[0])

    def ungrouped(self) -> list[tuple[str, str]]:
        """Originals with no story yet (id, day), in the order stored (an interrupted run)."""
        rows = self.conn.execute(
            "SELECT id, day FROM articles WHERE story IS NULL AND copy_of IS NULL ORDER BY rowid"
        )
        return [(r[0], r[1]) for r in rows]

    def days(self, ids: Sequence[str]) -> dict[str, str | None]:
        """The day of each article (ISO), None for an article with no known date."""
        rows = self._select_in("SELECT id, day FROM articles WHERE id IN ({})", ids)
        return {i: day or None for i, day in rows}

    # ------------------------------------------------------------------ stories

    def stories_between(self, start: str | None, end: str | None) -> list[StoryRow]:
        """Stories whose span of days meets ``start``..``end`` (ISO days), and the stories
        with no known date (whose articles have none); every story when ``start`` is None."""
        if start is None or end is None:
            rows = self.conn.execute(f"SELECT {_STORY_COLUMNS} FROM stories ORDER BY id")
        else:
            rows = self.conn.execute(
                f"SELECT {_STORY_COLUMNS} FROM stories"
                " WHERE (end_day >= ? AND start_day <= ?) OR end_day = ? ORDER BY id",
                (start, end, UNDATED),
            )
        return [_story_row(r) for r in rows]

    def story_row(self, story_id: int) -> StoryRow:
        row = self.conn.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"no story {story_id}", where=self.path)
        return _story_row(row)

    def members(self, story_id: int, limit: int = -1) -> list[str]:
        """Originals of a story, most recent last; only the last ``limit`` when given."""
        rows = self.conn.execute(
            "SELECT id FROM (SELECT id, rowid AS r FROM articles"
            " WHERE story = ? AND copy_of IS NULL ORDER BY day DESC, rowid DESC LIMIT ?)"
            " ORDER BY r",
            (story_id, limit),
        )
        return [r[0] for r in rows]

    def new_story(self) -> int:
        """A new empty story's id; call inside :meth:`transaction` and fill it with :meth:`put`."""
        cursor = self.conn.execute(
            "INSERT INTO stories (title, start_day, end_day, size, version, centroid)"
            " VALUES ('', '', '', 0, 0, x'')"
        )
        return int(cursor.lastrowid or 0)

    def assign(self, story_id: int, ids: Sequence[str]) -> None:
        """Put the articles ``ids`` and their copies into story ``story_id``."""
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            self.conn.execute(
                f"UPDATE articles SET story = ? WHERE id IN ({marks}) OR copy_of IN ({marks})",
                [story_id, *chunk, *chunk],
            )

    def drop_story(self, story_id: int) -> None:
        self.conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    def refresh(self, story_id: int) -> None:
        """Recompute a story's span, size, centroid and title from its members; bump its version."""
        members = self.members(story_id)
        found = dict(
            self._select_in("SELECT article, vector FROM profiles WHERE article IN ({})", members)
        )
        vectors = np.stack([np.frombuffer(found[m], dtype=np.float32) for m in members])
        centroid = vectors.mean(axis=0)
        ranked = [members[k] for k in np.argsort(-(vectors @ centroid), kind="stable")]
        info = self.conn.execute(
            "SELECT coalesce(min(nullif(day, ?)), ?), coalesce(max(nullif(day, ?)), ?),"
            " min(published), max(published) FROM articles WHERE story = ?",
            (UNDATED, UNDATED, UNDATED, UNDATED, story_id),
        ).fetchone()
        self.conn.execute(
            "UPDATE stories SET title = ?, start_day = ?, end_day = ?, first = ?, last = ?,"
            " size = ?, version = version + 1, centroid = ? WHERE id = ?",
            (
                self._title(ranked),
                info[0],
                info[1],
                info[2],
                info[3],
                len(members),
                centroid.astype(np.float32).tobytes(),
                story_id,
            ),
        )

    def _title(self, ranked: Sequence[str]) -> str:
        """The title of the most central article that has one, else the start of its text."""
        titles = dict(self._select_in("SELECT id, title FROM articles WHERE id IN ({})", ranked))
        titled = [m for m in ranked if titles.get(m)]
        if titled:
            return str(titles[titled[0]])
        words = self.article(ranked[0]).text.split()
        return " ".join(words[:12]) + (" ..." if len(words) > 12 else "")

    def story_articles(self, story_id: int) -> list[tuple[str, str, str | None]]:
        """Every article of a story as (id, outlet, copy_of), by day (undated ones last), then
        in the order stored."""
        rows = self.conn.execute(
            "SELECT id, outlet, copy_of FROM articles WHERE story = ? ORDER BY day = ?, day, rowid",
            (story_id, UNDATED),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def find_stories(
        self,
        *,
        since: str | None = None,
        outlet: str | None = None,
        query: str | None = None,
        undated: bool = False,
    ) -> list[int]:
        """Ids of the stories matching every filter given, most recent first (stories with no
        known date last). ``since`` keeps the stories known to run on or after that day, so
        never one with no known date; ``undated`` keeps only those."""
        where, params = ["1"], []
        if since:
            where.append("s.end_day >= ?")
            params.append(since)
        if undated:
            where.append("s.end_day = ?")
            params.append(UNDATED)
        if outlet:
            where.append(  # a part of the name will do: "Herald" for "Coastal Herald"
                "s.id IN (SELECT story FROM articles WHERE instr(lower(outlet), lower(?)) > 0)"
            )
            params.append(outlet)
        if query:
            where.append(
                "s.id IN (SELECT a.story FROM articles a JOIN articles_fts f ON f.rowid = a.rowid"
                " WHERE articles_fts MATCH ?)"
            )
            params.append(query)
        sql = "SELECT s.id FROM stories s WHERE " + " AND ".join(where)
        sql += " ORDER BY s.end_day DESC, s.id"
        try:
            return [r[0] for r in self.conn.execute(sql, params)]
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r}: {exc}", where=self.path) from exc

    # ------------------------------------------------------------------ comparisons

    def cached_comparison(self, story_id: int, version: int, producer: str) -> Comparison | None:
        row = self.conn.execute(
            "SELECT record FROM comparisons WHERE story = ? AND version = ? AND producer = ?",
            (story_id, version, producer),
        ).fetchone()
        return None if row is None else from_json(Comparison, json.loads(row[0]))

    def cache_comparison(
        self, story_id: int, version: int, producer: str, comparison: Comparison
    ) -> None:
        """Keep ``comparison`` for the story at ``version``; nothing if the story has changed."""
        self.conn.execute(
            "INSERT OR REPLACE INTO comparisons (story, version, producer, record)"
            " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM stories WHERE id = ? AND version = ?)",
            (story_id, version, producer, json.dumps(to_json(comparison)), story_id, version),
        )

    # ------------------------------------------------------------------ helpers

    def _select_in(self, sql: str, values: Sequence[Any]) -> list[Any]:
        out: list[Any] = []
        for chunk in _chunks(list(values)):
            rows = self.conn.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
            out.extend(r[0] if len(r) == 1 else tuple(r) for r in rows)
        return out


class StoreValidators:
    """The HTTP validators (ETag, Last-Modified) of fetched pages, kept in the store.

    Implements :class:`rashomon.ingest.ValidatorCache`, so a feed re-read later skips the
    pages that have not changed.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, url: str) -> Validators | None:
        from rashomon.ingest.fetch import Validators

        row = self.store.conn.execute(
            "SELECT etag, last_modified FROM validators WHERE url = ?", (url,)
        ).fetchone()
        return None if row is None else Validators(etag=row[0], last_modified=row[1])

    def put(self, url: str, validators: Validators) -> None:
        self.store.conn.execute(
            "INSERT OR REPLACE INTO validators (url, etag, last_modified) VALUES (?,?,?)",
            (url, validators.etag, validators.last_modified),
        )


_STORY_COLUMNS = "id, title, first, last, start_day, end_day, size, version, centroid"


def _story_row(row: Sequence[Any]) -> StoryRow:
    story_id, title, first, last, start_day, end_day, size, version, centroid = row
    vector = np.frombuffer(centroid, dtype=np.float32)
    return StoryRow(story_id, title, first, last, start_day, end_day, size, version, vector)


def _profile(row: Sequence[Any]) -> Profile:
    vector, terms, entities, numbers, years = row
    return Profile(
        vector=np.frombuffer(vector, dtype=np.float32),
        terms=json.loads(terms),
        entities=json.loads(entities),
        numbers=tuple(json.loads(numbers)),
        years=tuple(json.loads(years)),
    )


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(article: Article) -> str:
    """The day an article counts for when grouping: its publication date, or :data:`UNDATED`
    (never the day it was stored, which would put an old undated article in today's stories)."""
    return article.published.isoformat() if article.published else UNDATED


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
