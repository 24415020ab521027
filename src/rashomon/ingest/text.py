"""Plain-text articles, with the header lines crawlers write above them.

A text file may open with header lines, then a headline, then the body::

    2026-03-03 https://tagus-wire.example/news/ferry      (or "date 2026-03-03 https://...",
    Ferry sinks off Lisbon                                  "URL: ...", "Title: ...",
                                                            "Outlet: ...", "By Ana Costa")
    LISBON (Tagus Wire) — A ferry carrying ...

Header lines and the headline never reach ``Article.text``.
"""

from __future__ import annotations

import re

from rashomon.ingest.article import Draft
from rashomon.ingest.dateline import split_dateline
from rashomon.ingest.dates import parse_date
from rashomon.ingest.repair import byline_of, normalise_characters

_DATE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_URL = r"https?://\S+"
_DATE_URL = re.compile(
    rf"(?:(?:date|published)\s*:?\s*)?(?P<date>{_DATE})(?:\s+(?:url\s*:?\s*)?(?P<url>{_URL}))?"
    rf"|(?:(?:url|link)\s*:?\s*)?(?P<url2>{_URL})(?:\s+(?P<date2>{_DATE}))?",
    re.IGNORECASE,
)
_KEY_VALUE = re.compile(r"(?P<key>[A-Za-z][A-Za-z ]{1,20}?)\s*:\s*(?P<value>\S.*)")
_KEYS = {
    "title": "title", "headline": "title",
    "url": "url", "link": "url", "source url": "url",
    "date": "date", "published": "date", "publication date": "date", "dateline date": "date",
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "site": "outlet",
    "author": "byline", "byline": "byline", "by": "byline", "authors": "byline",
}  # fmt: skip
_MAX_TITLE_WORDS = 30
_FUNCTION_WORDS = {
    "a", "an", "the", "of", "on", "in", "at", "to", "for", "from", "with", "by", "and", "or",
    "but", "that", "as", "into", "its", "their", "his", "her",
}  # fmt: skip


def read_text(text: str, source: str, stem: str = "") -> Draft:
    """Split a text file into header fields, headline and body."""
    lines = normalise_characters(text).split("\n")
    fields, start = header(lines)
    title, start = headline(lines, start, fields.get("title", ""))
    return Draft(
        text="\n".join(lines[start:]),
        source=source,
        title=title,
        url=fields.get("url", ""),
        published=parse_date(fields.get("date")),
        outlet=fields.get("outlet", ""),
        byline=fields.get("byline", ""),
        fallback_outlet=stem,
    )


def header(lines: list[str]) -> tuple[dict[str, str], int]:
    """The header fields at the top of a file and the index of the first line after them."""
    fields: dict[str, str] = {}
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        found = header_line(line) if line else {}
        if found is None:
            break
        fields = found | fields  # the first value of a field wins
        index += 1
    return fields, index


def header_line(line: str) -> dict[str, str] | None:
    """The fields of one header line, or None when the line is not a header."""
    match = _DATE_URL.fullmatch(line)
    if match:
        found = {"date": match["date"] or match["date2"], "url": match["url"] or match["url2"]}
        return {key: value for key, value in found.items() if value}
    match = _KEY_VALUE.fullmatch(line)
    if match and match["key"].lower() in _KEYS:
        return {_KEYS[match["key"].lower()]: match["value"].strip()}
    names = byline_of(line)
    return {"byline": names} if names else None


def headline(lines: list[str], start: int, declared: str) -> tuple[str, int]:
    """The headline after the header (unless the header named one) and where the body starts."""
    if declared:
        return declared, start
    nonblank = [i for i in range(start, len(lines)) if lines[i].strip()]
    if len(nonblank) < 2:
        return "", start
    first, after = nonblank[0], nonblank[1]
    candidate = lines[first].strip().lstrip("#").strip()
    if not is_headline(candidate):
        return "", start
    next_line = lines[after].strip()
    opens_body = bool(split_dateline(next_line)[0] or byline_of(next_line))
    if after > first + 1 or opens_body or not hard_wrapped([lines[i] for i in nonblank]):
        return candidate, first + 1
    return "", start


def is_headline(line: str) -> bool:
    """A line of at most 30 words, with no sentence end, that does not open with a dateline."""
    words = line.split()
    if not words or len(words) > _MAX_TITLE_WORDS or line.endswith((".", ",", ";", ":", "-", "—")):
        return False
    if words[-1] in _FUNCTION_WORDS:
        return False  # "... off the coast of" is a wrapped line, not a headline
    return not split_dateline(line + " X")[0] and not byline_of(line)


def hard_wrapped(lines: list[str]) -> bool:
    """True when most lines stop mid-sentence: the text was wrapped at a fixed width."""
    body = [line.strip() for line in lines]
    open_ended = [line for line in body if not line.endswith(tuple('.!?…:;”’")'))]
    return len(body) >= 3 and len(open_ended) > len(body) / 2
