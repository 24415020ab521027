"""Which reader a source needs, and the loop that turns sources into articles.

A :class:`Reader` yields, for one source, each :class:`Article` it holds or a
:class:`RashomonError` for each part that failed (a file, a JSON line, a feed entry, a WARC
record, a URL), so a batch keeps the good items and reports the bad ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from rashomon.errors import FetchError, InputError, LanguageError, RashomonError
from rashomon.ingest.article import Context, Draft, domain, finish
from rashomon.ingest.dates import parse_date
from rashomon.ingest.detect import (
    SUFFIXES,
    SUPPORTED,
    Kind,
    decode,
    is_url,
    kind_of_file,
    sniff,
    suffix_of,
)
from rashomon.ingest.feeds import Entry, parse_feed
from rashomon.ingest.fetch import Fetcher, NotModified, Response
from rashomon.ingest.html import read_html
from rashomon.ingest.jsonl import Record, draft_of, iter_json, iter_jsonl
from rashomon.ingest.text import read_text
from rashomon.ingest.warc import Page, iter_pages
from rashomon.records import Article

Item = Article | RashomonError

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml",
               "application/xml", "text/xml", "application/feed+json"}  # fmt: skip
_JSON_TYPES = {"application/json", "text/json"}
_JSONL_TYPES = {"application/x-ndjson", "application/jsonl", "application/x-jsonlines"}
_SNIFF_TYPES = {"", "application/octet-stream", "binary/octet-stream"}
_HEAD = 65_536


class Reader:
    """Reads sources with one context (options, caller's outlet and date) and one fetcher."""

    def __init__(self, context: Context, fetcher: Fetcher) -> None:
        self.context = context
        self.fetcher = fetcher
        self.min_words = context.options.min_words

    def items(self, source: str) -> Iterator[Item]:
        """Every article of a file, folder or URL, and an error for every part that failed."""
        try:
            if is_url(source):
                yield from self.url(source.strip())
            elif "://" in source or source.startswith("file:"):
                raise FetchError("only http and https URLs can be fetched", where=source)
            else:
                yield from self.path(Path(source))
        except RashomonError as exc:
            yield exc

    # ------------------------------------------------------------------ files

    def path(self, path: Path) -> Iterator[Item]:
        if _is(path, Path.is_dir):
            yield from self.folder(path)
        elif _is(path, Path.is_file):
            yield from self.file(path)
        else:
            where = str(path) if len(str(path)) <= 80 else str(path)[:77] + "..."
            raise InputError("no such file or folder", where=where)

    def folder(self, folder: Path) -> Iterator[Item]:
        files = sorted(
            p
            for p in folder.iterdir()
            if p.is_file() and not p.name.startswith(".") and suffix_of(p) in SUFFIXES
        )
        if not files:
            raise InputError(
                f"the folder has no files to read (use {SUPPORTED})", where=str(folder)
            )
        for file in files:
            yield from self.items(str(file))

    def file(self, path: Path) -> Iterator[Item]:
        where = str(path)
        try:
            stream = _open(path)
        except OSError as exc:
            raise InputError(f"cannot open the file ({exc.strerror or exc})", where=where) from exc
        if path.stat().st_size == 0:
            stream.close()
            raise InputError("the file is empty", where=where)
        with stream:
            kind = kind_of_file(path, _peek(stream, where))
            if kind in ("jsonl", "warc"):
                yield from self.stream(stream, kind, where, _stem(path))
                return
            data = _read_all(stream, where, self.context.options.max_file_bytes)
        yield from self.document(data, kind, where, stem=_stem(path))

    def stream(self, stream: BinaryIO, kind: Kind, where: str, stem: str) -> Iterator[Item]:
        if kind == "jsonl":
            yield from self.records(iter_jsonl(_lines(stream, where), where), stem)
        else:
            yield from self.pages(iter_pages(stream, where))

    # ------------------------------------------------------------------ documents

    def document(
        self,
        data: bytes,
        kind: Kind,
        where: str,
        *,
        url: str = "",
        stem: str = "",
        charset: str | None = None,
        modified: dt.date | None = None,
    ) -> Iterator[Item]:
        """The articles of one document; ``modified`` is the server's Last-Modified date of a
        page or text fetched from the web (not used for a file of many records)."""
        if kind == "text":
            text = decode(data, where, charset)
            if _mostly_urls(text):  # a list of URLs with a typo in it: say which line
                yield from self.url_list(text, where)
            else:
                draft = read_text(text, where, stem)
                yield self.finish(dataclasses.replace(draft, modified=modified))
        elif kind == "html":
            draft = read_html(decode(data, where, charset), where, url, stem, self.min_words)
            yield self.finish(dataclasses.replace(draft, modified=modified))
        elif kind == "json":
            yield from self.records(iter_json(decode(data, where, charset), where), stem)
        elif kind == "feed":
            yield from self.feed(data, where)
        elif kind == "urls":
            yield from self.url_list(decode(data, where, charset), where)
        else:
            yield from self.stream(io.BytesIO(data), kind, where, stem)

    def records(self, records: Iterator[Record | InputError], stem: str) -> Iterator[Item]:
        for record in records:
            if isinstance(record, InputError):
                yield record
            else:
                where, fields = record
                yield attempt(functools.partial(self.record, fields, where, stem))

    def record(self, fields: dict[str, Any], where: str, stem: str) -> Article:
        return self.finish(draft_of(fields, where, stem))

    def pages(self, pages: Iterator[Page | InputError]) -> Iterator[Item]:
        for page in pages:
            if isinstance(page, InputError):
                yield page
            else:
                yield attempt(functools.partial(self.page, page))

    def page(self, page: Page) -> Article:
        text = decode(page.body, page.where, page.charset)
        draft = read_html(text, page.where, page.url, min_words=self.min_words)
        return self.finish(
            dataclasses.replace(draft, archived=page.archived, modified=page.modified)
        )

    def finish(self, draft: Draft) -> Article:
        return finish(draft, self.context)

    # ------------------------------------------------------------------ the web

    def url(self, url: str) -> Iterator[Item]:
        """The articles at ``url``. When a part of it fails, the validators of ``url`` are
        forgotten, so the next run reads it again instead of skipping it as unchanged."""
        failed = False
        try:
            for item in self.url_items(url):
                failed = failed or _failed(item)
                yield item
        except NotModified:
            raise
        except RashomonError:
            failed = True
            raise
        finally:
            if failed:
                self.fetcher.forget(url)

    def url_items(self, url: str) -> Iterator[Item]:
        response = self.fetcher.get(url)
        kind = kind_of_response(response)
        yield from self.document(
            response.body,
            kind,
            url,
            url=response.url,
            stem=domain(response.url),
            charset=response.charset,
            modified=parse_date(response.validators.last_modified),
        )

    def url_list(self, text: str, where: str) -> Iterator[Item]:
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if not is_url(line):
                shown = line if len(line) <= 80 else line[:77] + "..."
                yield InputError(f"line {number} is not an http(s) URL: {shown!r}", where=where)
                continue
            yield from self.items(line)

    def feed(self, data: bytes, where: str) -> Iterator[Item]:
        for entry in parse_feed(data, where):
            yield attempt(functools.partial(self.entry, entry))

    def entry(self, entry: Entry) -> Article:
        """The entry's page, or the entry's own text when the page cannot be read."""
        fallback = Draft(
            text=entry.text,
            source=entry.link or entry.where,
            title=entry.title,
            url=entry.link,
            published=entry.published,
            site=entry.feed_title,
        )
        if not entry.link:
            return self.finish(fallback)
        try:
            return self.finish(self.entry_page(entry))
        except NotModified:
            raise
        except RashomonError as exc:
            self.fetcher.forget(entry.link)  # read it again next time
            if isinstance(exc, LanguageError) or not isinstance(exc, InputError):
                raise
            if not entry.text.strip():
                raise
            note = f"the page could not be read ({exc.message}); the feed's text was used"
            return self.finish(dataclasses.replace(fallback, warnings=(note,)))

    def entry_page(self, entry: Entry) -> Draft:
        response = self.fetcher.get(entry.link)
        if kind_of_response(response) != "html":
            raise FetchError(f"the page is '{response.content_type}', not HTML", where=entry.link)
        html = decode(response.body, entry.link, response.charset)
        page = read_html(html, entry.link, response.url, min_words=self.min_words)
        return dataclasses.replace(
            page,
            title=entry.title or page.title,
            published=entry.published or page.published,
            modified=parse_date(response.validators.last_modified),
        )


def attempt(make: Callable[[], Article]) -> Item:
    """The article ``make`` returns, or the error it raised."""
    try:
        return make()
    except RashomonError as exc:
        return exc


def _mostly_urls(text: str) -> bool:
    """True when at least two lines are http(s) URLs and most lines are addresses of some
    kind (a list with typos: "http//…", "ftp://…" are errors to name, not article text)."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    urls = sum(1 for line in lines if is_url(line))
    return urls >= 2 and sum(1 for line in lines if _address(line)) * 2 > len(lines)


def _address(line: str) -> bool:
    return " " not in line and ("://" in line or line.lower().startswith(("http", "www.")))


def _failed(item: Item) -> bool:
    return isinstance(item, RashomonError) and not isinstance(item, NotModified)


def kind_of_response(response: Response) -> Kind:
    """The reader a response needs, from its content type (and its first bytes)."""
    media = response.content_type
    if media in _HTML_TYPES:
        return "html"
    if media in _FEED_TYPES or media.endswith(("+xml", "/xml")):
        return "feed" if sniff(response.body[:_HEAD]) == "feed" else "html"
    if media in _JSON_TYPES:
        return "json"
    if media in _JSONL_TYPES:
        return "jsonl"
    if media == "text/plain":
        return "text"
    if media in _SNIFF_TYPES:
        kind = sniff(response.body[:_HEAD])
        return "text" if kind == "urls" else kind
    raise FetchError(f"unsupported content type '{media}'", where=response.url)


# ----------------------------------------------------------------------------- file access


def _open(path: Path) -> BinaryIO:
    if path.suffix.lower() == ".gz" and suffix_of(path) != ".warc":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")  # warcio reads .warc.gz itself


def _peek(stream: BinaryIO, where: str) -> bytes:
    try:
        head = stream.read(_HEAD)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"the gzip file is damaged ({exc})", where=where) from exc
    stream.seek(0)
    return head


def _read_all(stream: BinaryIO, where: str, limit: int) -> bytes:
    try:
        data = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"the gzip file is damaged ({exc})", where=where) from exc
    if len(data) > limit:
        raise InputError(f"the file is larger than the {limit // 1_000_000} MB limit", where=where)
    return data


def _lines(stream: BinaryIO, where: str) -> Iterator[bytes]:
    try:
        yield from stream
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"the gzip file is damaged ({exc})", where=where) from exc


def _stem(path: Path) -> str:
    name = path.name.removesuffix(".gz").removesuffix(".GZ")
    return name.removesuffix(Path(name).suffix) or path.stem


def _is(path: Path, test: Callable[[Path], bool]) -> bool:
    """``path.is_dir()`` or ``is_file()``, False for a name the system cannot look up."""
    try:
        return test(path)
    except (OSError, ValueError):  # too long, or a NUL byte in it
        return False
