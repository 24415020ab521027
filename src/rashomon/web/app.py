"""The story browser: a small read-only WSGI application over a store.

Plain WSGI on the standard library (``wsgiref``) rather than a framework: the browser has
three pages, only reads, and runs on a laptop next to an ingest, so a threaded server with one
SQLite connection per request (sqlite3 connections belong to one thread) is all it needs, and
it adds no dependency. The same application runs under any WSGI server.

Every connection is opened with ``PRAGMA query_only``: the browser never writes to the store,
and SQLite's WAL mode lets it read while an ingest writes. Comparisons not cached in the store
are computed on first view and kept in memory.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

from rashomon.errors import RashomonError, StoreError
from rashomon.records import AnalyzedArticle, Comparison
from rashomon.render.html import script_source
from rashomon.store.db import Store
from rashomon.web import pages

PAGE_SIZE = 50
CACHED = 32  # comparisons kept in memory
REASONS = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    500: "Internal Server Error",
}

StartResponse = Callable[..., Any]


@dataclass(frozen=True)
class Response:
    """A page: status, HTML body and extra headers."""

    status: int
    body: str
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Filters:
    """The story list's search: free text, outlet, date range and page."""

    query: str = ""
    outlet: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    page: int = 1


class Browser:
    """The WSGI application. ``Browser(db)`` fails with :class:`StoreError` if ``db`` is missing."""

    def __init__(self, db: str | Path) -> None:
        self.db = str(db)
        if not Path(self.db).is_file():
            raise StoreError("no such store", where=self.db, hint="run `rashomon ingest` first")
        self.lock = threading.Lock()
        self.comparisons: OrderedDict[tuple[int, int], tuple[Comparison, list[AnalyzedArticle]]]
        self.comparisons = OrderedDict()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        response = self.respond(method, path, environ.get("QUERY_STRING", ""))
        body = response.body.encode("utf-8")
        start_response(f"{response.status} {REASONS[response.status]}", _headers(response, body))
        return [b"" if method == "HEAD" else body]

    def respond(self, method: str, path: str, query: str = "") -> Response:
        """The response to one request (no server needed: tests call this directly)."""
        if method not in ("GET", "HEAD"):
            return Response(405, pages.error("This browser only reads."), (("Allow", "GET, HEAD"),))
        try:
            return self._route(path, parse_qs(query))
        except StoreError as exc:
            missing = exc.message.startswith("no ")
            return Response(404 if missing else 500, pages.error(exc.message))

    def _route(self, path: str, params: dict[str, list[str]]) -> Response:
        parts = [unquote(p) for p in path.strip("/").split("/")] if path.strip("/") else []
        if not parts:
            return self._stories(params)
        if len(parts) == 2 and parts[0] == "story":
            return self._story(parts[1])
        if len(parts) == 2 and parts[0] == "article":
            return self._article(parts[1])
        return Response(404, pages.error("There is no such page."))

    # ------------------------------------------------------------------ pages

    def _stories(self, params: dict[str, list[str]]) -> Response:
        try:
            filters = parse_filters(params)
        except ValueError as exc:
            return Response(400, pages.error(str(exc)))
        with self.store() as store:
            outlets = [r[0] for r in store.query("SELECT DISTINCT outlet FROM articles ORDER BY 1")]
            ids = store.find_stories(
                since=filters.since.isoformat() if filters.since else None,
                outlet=filters.outlet or None,
                query=fts_query(filters.query) or None,
            )
            rows = [store.story_row(i) for i in ids]
            until = filters.until.isoformat() if filters.until else None
            rows = [r for r in rows if not until or (r.start_day and r.start_day <= until)]
            undated = 0
            if filters.since or filters.until:  # stories with no known date are left out
                undated = len(
                    store.find_stories(
                        outlet=filters.outlet or None,
                        query=fts_query(filters.query) or None,
                        undated=True,
                    )
                )
            shown = rows[(filters.page - 1) * PAGE_SIZE : filters.page * PAGE_SIZE]
            listed = [pages.StoryItem(r, store.story_articles(r.id)) for r in shown]
        page = pages.story_list(listed, len(rows), filters, outlets, PAGE_SIZE, undated)
        return Response(200, page)

    def _story(self, story_id: str) -> Response:
        number = _number(story_id)
        with self.store() as store:
            row = store.story_row(number)
            articles = store.story_articles(number)
        try:
            comparison, analyzed = self.comparison(number, row.version)
        except RashomonError as exc:
            body = pages.story(row, articles, None, [], problem=exc.message)
            return Response(200, body)
        body = pages.story(row, articles, comparison, analyzed)
        return Response(200, body, (("Content-Security-Policy", page_policy(script=True)),))

    def _article(self, article_id: str) -> Response:
        with self.store() as store:
            article = store.article(article_id)
            analyzed = store.analyses([article_id]).get(article_id)
            story = store.story_of(article_id)
        return Response(200, pages.article(article, analyzed, story))

    # ------------------------------------------------------------------ data

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A read-only connection for one request."""
        store = Store(self.db, create=False)
        try:
            store.conn.execute("PRAGMA query_only = ON")
            yield store
        finally:
            store.close()

    def comparison(self, number: int, version: int) -> tuple[Comparison, list[AnalyzedArticle]]:
        """The story's comparison: from memory, from the store's cache, or computed now."""
        key = (number, version)
        with self.lock:
            if key in self.comparisons:
                self.comparisons.move_to_end(key)
                return self.comparisons[key]
        found = self._compare(number, version)
        with self.lock:
            self.comparisons[key] = found
            while len(self.comparisons) > CACHED:
                self.comparisons.popitem(last=False)
        return found

    def _compare(self, number: int, version: int) -> tuple[Comparison, list[AnalyzedArticle]]:
        from rashomon.corpus import compare_story

        with self.store() as store:  # read-only: the comparison is kept in memory, not stored
            return compare_story(store, number, save=False)


def parse_filters(params: dict[str, list[str]]) -> Filters:
    """The list filters from query parameters; ``ValueError`` with a readable message if bad."""

    def one(name: str) -> str:
        return params.get(name, [""])[0].strip()

    page = one("page") or "1"
    if not page.isdigit() or int(page) < 1:
        raise ValueError(f"{page!r} is not a page number")
    return Filters(one("q"), one("outlet"), _date(one("since")), _date(one("until")), int(page))


def fts_query(text: str) -> str:
    """Plain words as an SQLite FTS5 query: every word must occur (no search syntax errors)."""
    words = [w.replace('"', "") for w in text.split()]
    return " ".join(f'"{w}"' for w in words if w)


def page_policy(*, script: bool) -> str:
    """The Content-Security-Policy of a page: our report script only where a report is shown."""
    scripts = script_source() if script else "'none'"
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src {scripts}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


def _date(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date of the form YYYY-MM-DD") from None


def _number(story_id: str) -> int:
    if not story_id.isdigit():
        raise StoreError(f"no story {story_id!r}")
    return int(story_id)


def _headers(response: Response, body: bytes) -> list[tuple[str, str]]:
    base = [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("Content-Security-Policy", page_policy(script=False)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"),
    ]
    names = {name.lower() for name, _ in response.headers}
    return [h for h in base if h[0].lower() not in names] + list(response.headers)
