"""RSS and Atom feeds: one entry per article, with the entry's link, title, date and text."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from rashomon.errors import InputError
from rashomon.ingest.html import html_to_text


@dataclass(frozen=True)
class Entry:
    """One feed entry: where its page is and what the feed itself says about it."""

    where: str
    link: str
    title: str
    published: dt.date | None
    text: str  # the entry's own content (or summary) as text; a fallback for the page
    feed_title: str


def parse_feed(data: bytes, where: str) -> list[Entry]:
    """The entries of an RSS or Atom document; :class:`InputError` when it is not a feed."""
    import feedparser

    parsed = feedparser.parse(data)  # bytes: feedparser never fetches anything itself
    is_feed = bool(parsed.get("version")) or bool(parsed.entries)
    if not is_feed:
        reason = parsed.get("bozo_exception")
        detail = f" ({str(reason).strip()[:120]})" if reason else ""
        raise InputError(f"not a valid RSS or Atom feed{detail}", where=where)
    feed_title = str(parsed.feed.get("title", "")).strip()
    entries = [
        _entry(raw, f"{where} entry {n}", feed_title)
        for n, raw in enumerate(parsed.entries, start=1)
    ]
    if parsed.get("bozo") and not any(e.link or e.text.strip() for e in entries):
        reason = str(parsed.get("bozo_exception", "")).strip()[:120]
        raise InputError(f"the feed is malformed ({reason or 'cut short'})", where=where)
    return entries


def _entry(raw: Any, where: str, feed_title: str) -> Entry:
    return Entry(
        where=where,
        link=str(raw.get("link", "")).strip(),
        title=html_to_text(str(raw.get("title", ""))).strip(),
        published=_date(raw.get("published_parsed") or raw.get("updated_parsed")),
        text=html_to_text(_content(raw)),
        feed_title=feed_title,
    )


def _content(raw: Any) -> str:
    contents = raw.get("content") or []
    values = [str(c.get("value", "")) for c in contents if c.get("value")]
    return max(values, key=len) if values else str(raw.get("summary", ""))


def _date(parsed: time.struct_time | None) -> dt.date | None:
    if not parsed:
        return None
    try:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except ValueError:
        return None
