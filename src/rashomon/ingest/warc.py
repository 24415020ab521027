"""Web archives (WARC, WARC.gz): every successful HTML response is a page to read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from rashomon.errors import InputError
from rashomon.ingest.dates import parse_date

_HTML_TYPES = ("text/html", "application/xhtml+xml")
RECORD_TYPES = frozenset(
    [
        "warcinfo",
        "response",
        "resource",
        "request",
        "metadata",
        "revisit",
        "conversion",
        "continuation",
        "arc_header",
    ]
)


@dataclass(frozen=True)
class Page:
    """An HTML response kept in an archive."""

    where: str
    url: str
    charset: str | None
    body: bytes
    archived: dt.date | None = None  # the record's WARC-Date: when the page was fetched
    modified: dt.date | None = None  # the archived response's Last-Modified header


def iter_pages(stream: BinaryIO, where: str) -> Iterator[Page | InputError]:
    """Each HTML page of an archive, or an error for a record (or a tail) that is damaged."""
    from warcio.archiveiterator import ArchiveIterator

    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream, check_digests=True), start=1):
            if record.rec_type not in RECORD_TYPES:
                yield _damaged(number, f"its type reads '{record.rec_type[:40]}'", where)
                return
            page = _page(record, f"{where} record {number}")
            short = _missing(record)
            if short:
                yield _damaged(number, f"cut short, {short:,} bytes missing", where)
                return
            if page is not None:
                yield page
    except Exception as exc:  # warcio raises many kinds of error on damaged input
        yield InputError(
            f"the archive is damaged after record {number} ({_short(exc)}); the rest is skipped",
            where=where,
        )


def _damaged(number: int, reason: str, where: str) -> InputError:
    return InputError(
        f"the archive is damaged at record {number} ({reason}); the rest is skipped", where=where
    )


def _missing(record: Any) -> int:
    """How many bytes of the record's declared length the archive did not hold (read to its
    end first)."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return int(getattr(raw, "limit", 0) or 0)


def _page(record: Any, where: str) -> Page | InputError | None:
    headers = record.http_headers
    if record.rec_type != "response" or headers is None or headers.get_statuscode() != "200":
        return None
    media, _, params = (headers.get_header("Content-Type") or "").partition(";")
    if media.strip().lower() not in _HTML_TYPES:
        return None
    url = str(record.rec_headers.get_header("WARC-Target-URI") or "")
    try:
        body = record.content_stream().read()
    except Exception as exc:  # as above
        return InputError(f"the record is damaged ({_short(exc)})", where=f"{where} ({url})")
    if record.digest_checker.passed is False:
        return InputError(
            "the record does not match its digest (damaged)", where=f"{where} ({url})"
        )
    charset = params.partition("charset=")[2].strip("\"' ;") or None
    return Page(
        where=f"{where} ({url})",
        url=url,
        charset=charset,
        body=body,
        archived=parse_date(record.rec_headers.get_header("WARC-Date")),
        modified=parse_date(headers.get_header("Last-Modified")),
    )


def _short(exc: Exception) -> str:
    """The reason warcio gives, or a plain one when it failed on a malformed header."""
    if isinstance(exc, (AttributeError, KeyError, TypeError, IndexError)):
        return "malformed record headers"
    return (str(exc).strip() or type(exc).__name__)[:160]
