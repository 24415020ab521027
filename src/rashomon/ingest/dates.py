"""Publication dates from metadata strings and datelines."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

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
