"""Publication dates from metadata strings, datelines and the first lines of a text, and
where an article's date came from."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rashomon.records import Article

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_MONTH_DAY = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_ISO_ANYWHERE = re.compile(r"(?<!\d)" + _ISO.pattern)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+({MONTH})(?:,?\s+(\d{{4}}))?\b")
_EARLIEST = dt.date(1800, 1, 1)


def parse_date(value: object) -> dt.date | None:
    """A date from a metadata value: ISO, RFC 2822, "March 3, 2026", a timestamp; else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_timestamp(float(value))
    if not isinstance(value, str) or not value.strip():
        return None
    return _from_string(value.strip())


def _from_string(text: str) -> dt.date | None:
    iso = _ISO.match(text)
    if iso:
        return _make(int(iso[1]), int(iso[2]), int(iso[3]))
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    found = month_day(text)
    if found and found[2]:
        return _make(found[2], found[0], found[1])
    return None


def _from_timestamp(seconds: float) -> dt.date | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date if date >= _EARLIEST else None


def month_day(text: str) -> tuple[int, int, int | None] | None:
    """The first "March 3[, 2026]" or "3 March[ 2026]" in ``text`` as (month, day, year)."""
    match = _MONTH_DAY.search(text)
    if match:
        year = int(match[3]) if match[3] else None
        return _month(match[1]), int(match[2]), year
    match = _DAY_MONTH.search(text)
    if match:
        year = int(match[3]) if match[3] else None
        return _month(match[2]), int(match[1]), year
    return None


def _month(name: str) -> int:
    return MONTHS[name.lower()[:3]]


def latest_before(month: int, day: int, today: dt.date) -> dt.date | None:
    """The last ``month``/``day`` on or before ``today`` (a dateline rarely names its year)."""
    for year in range(today.year, today.year - 5, -1):  # five years reach a 29 February
        date = _make(year, month, day)
        if date and date <= today:
            return date
    return None


_CUE = re.compile(
    r"^\W*(?:first\s+)?(?:published|posted|dated|updated|last\s+updated)\b", re.IGNORECASE
)
_DATE_LINE_WORDS = 12  # a line this short that holds a full date is the article's date line
_CUE_LINE_WORDS = 25
_FIRST_LINES = 3


def text_date(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    """A publication date printed in the first lines of a body, and the line it was found in.

    Only a full date (with its year, not after ``today``) counts, and only on a short line of
    its own ("March 3, 2024", "Posted 2024-03-03 10:15") or a line that says it is the
    publication date ("Published on 3 March 2024 by ..."): a date inside a sentence of the
    story is more often the date of an event than of the article.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_FIRST_LINES]
    for line in lines:
        words = len(line.split())
        if words > _CUE_LINE_WORDS or (words > _DATE_LINE_WORDS and not _CUE.match(line)):
            continue
        date = _full_date(line)
        if date and date <= today:
            return date, line
    return None


def _full_date(line: str) -> dt.date | None:
    iso = _ISO_ANYWHERE.search(line)
    if iso:
        return _make(int(iso[1]), int(iso[2]), int(iso[3]))
    found = month_day(line)
    if found and found[2]:
        return _make(found[2], found[0], found[1])
    return None


# Where a date came from. "metadata" covers the caller's date and the source's own (a record
# field, a feed entry, a header line, the page's HTML metadata); the others are told apart by
# the note that comes with the date, which opens with the text given here.
DATE_NOTES = {
    "archive": "the date is the day the page was archived (WARC-Date)",
    "last-modified": "the date is the page's Last-Modified date from the server",
    "dateline": "the date comes from the dateline",
    "text": "the date comes from the line",
}
DATE_SOURCES = ("metadata", *DATE_NOTES, "unknown")


def date_source(article: Article) -> str:
    """Where ``article.published`` came from: one of :data:`DATE_SOURCES`."""
    if article.published is None:
        return "unknown"
    for source, note in DATE_NOTES.items():
        if any(w.startswith(note) for w in article.warnings):
            return source
    return "metadata"
