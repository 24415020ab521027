"""Readers: text, HTML, JSON/JSONL, RSS/Atom feeds, WARC archives, URL lists and URLs.

* :func:`read` reads one source (a file, a folder, a URL) and raises on the first problem;
  it is what ``rashomon analyze`` and ``rashomon compare`` use.
* :func:`iter_sources` reads many sources for a corpus (``rashomon ingest``): it yields every
  article it can read, a :class:`~rashomon.records.Failure` for every part that failed and an
  :class:`Unchanged` for every page the server says has not changed since it was last read
  (HTTP 304), and goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rashomon.errors import InputError, RashomonError
from rashomon.ingest.article import Context
from rashomon.ingest.fetch import (
    Fetcher,
    MemoryCache,
    NotModified,
    ValidatorCache,
    Validators,
)
from rashomon.ingest.sources import Reader
from rashomon.options import Options
from rashomon.records import Article, Failure

__all__ = [
    "Failure",
    "MemoryCache",
    "Unchanged",
    "ValidatorCache",
    "Validators",
    "iter_sources",
    "read",
]


def read(
    source: str,
    *,
    outlet: str | None = None,
    published: dt.date | None = None,
    options: Options | None = None,
) -> list[Article]:
    """Every article of a file, folder or URL; raise the first error met.

    An explicit ``outlet`` or ``published`` date wins over what the source says.
    """
    articles, errors = read_each(source, outlet=outlet, published=published, options=options)
    if errors:
        raise errors[0]
    return articles


def read_each(
    source: str,
    *,
    outlet: str | None = None,
    published: dt.date | None = None,
    options: Options | None = None,
) -> tuple[list[Article], list[RashomonError]]:
    """Every good article of a file, folder or URL, and an error for each bad part (a folder
    with one broken file still gives the others). No article at all is an error too."""
    context = Context(options or Options(), outlet, published)
    articles: list[Article] = []
    errors: list[RashomonError] = []
    with Fetcher(context.options) as fetcher:
        for item in Reader(context, fetcher).items(source):
            if isinstance(item, RashomonError):
                errors.append(item)
            else:
                articles.append(item)
    if not articles and not errors:
        errors.append(InputError("no articles found", where=source))
    return articles, errors


@dataclass(frozen=True)
class Unchanged:
    """A page the server says has not changed since its validators were kept (HTTP 304):
    the caller read it on an earlier run."""

    source: str


def iter_sources(
    sources: Iterable[str],
    options: Options | None = None,
    *,
    outlet: str | None = None,
    published: dt.date | None = None,
    cache: ValidatorCache | None = None,
) -> Iterator[Article | Failure | Unchanged]:
    """Each article of each source, a :class:`Failure` (source, reason) for each bad part,
    and an :class:`Unchanged` (its URL) for each page unchanged since its validators were put
    in ``cache``.
    """
    context = Context(options or Options(), outlet, published)
    with Fetcher(context.options, cache) as fetcher:
        reader = Reader(context, fetcher)
        for source in sources:
            for item in reader.items(source):
                if isinstance(item, NotModified):
                    yield Unchanged(item.where or source)
                elif isinstance(item, RashomonError):
                    yield failure(item, source)
                else:
                    yield item


def failure(error: RashomonError, source: str) -> Failure:
    """The record of an error met while reading ``source``."""
    return Failure(source=error.where or source, reason=error.message, kind=type(error).__name__)
