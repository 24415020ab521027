"""JSON and JSON Lines records: ``{"outlet", "url", "title", "published", "text"}`` and kin.

Common alternative names are understood (``source``, ``date``, ``body``, ``content``,
``headline``, NewsAPI's ``source: {"name": ...}``, news-please's ``maintext`` ...). A JSON file
may hold one record, a list of them, or an object with an ``articles`` (``items``, ``data``,
``records``) list.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from rashomon.errors import InputError
from rashomon.ingest.article import Draft
from rashomon.ingest.dates import parse_date
from rashomon.ingest.html import html_to_text

TEXT_KEYS = (
    "text",
    "body",
    "content",
    "article",
    "maintext",
    "full_text",
    "fulltext",
    "article_text",
    "body_text",
    "story",
)
TITLE_KEYS = ("title", "headline", "head", "name")
URL_KEYS = ("url", "link", "href", "canonical_url", "article_url", "uri")
DATE_KEYS = (
    "published",
    "date",
    "published_at",
    "publishedAt",
    "pubDate",
    "date_publish",
    "datePublished",
    "publication_date",
    "pub_date",
    "timestamp",
    "time",
    "created_at",
    "created",
    "dateline_date",
)
OUTLET_KEYS = (
    "outlet",
    "source",
    "site",
    "publisher",
    "source_name",
    "source_domain",
    "domain",
    "newspaper",
    "media",
    "site_name",
    "sitename",
)
BYLINE_KEYS = ("byline", "author", "authors", "by", "creator")
LIST_KEYS = ("articles", "items", "data", "records", "results", "entries", "documents")
_HTML = re.compile(r"<(p|br|div|span|a|em|strong)\b[^>]*>", re.IGNORECASE)

Record = tuple[str, dict[str, Any]]


def iter_jsonl(lines: Iterable[bytes], path: str) -> Iterator[Record | InputError]:
    """Each record of a JSON Lines file, as (``path:line``, record), or an error for that line."""
    for number, raw in enumerate(lines, start=1):
        where = f"{path}:{number}"
        if not raw.strip():
            continue
        try:
            value = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield InputError(f"line {number} is not valid JSON ({_reason(exc)})", where=path)
            continue
        yield _record(value, where)


def iter_json(text: str, path: str) -> Iterator[Record | InputError]:
    """Each record of a JSON file, as (``path[index]``, record), or an error."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"the file is not valid JSON ({_reason(exc)})", where=path) from exc
    listed = next(
        (
            value[key]
            for key in LIST_KEYS
            if isinstance(value, dict) and isinstance(value.get(key), list)
        ),
        value,
    )
    if not isinstance(listed, list):
        yield _record(listed, path)
        return
    for index, item in enumerate(listed):
        yield _record(item, f"{path}[{index}]")


def _record(value: Any, where: str) -> Record | InputError:
    if not isinstance(value, dict):
        return InputError(f"expected a JSON object, found {type(value).__name__}", where=where)
    return where, value


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    return "not UTF-8"


def draft_of(record: dict[str, Any], where: str, stem: str = "") -> Draft:
    """A draft article from one record."""
    text = _text(_first(record, TEXT_KEYS))
    if not text.strip():
        raise InputError(
            "the record has no article text (expected a 'text', 'body' or 'content' field)",
            where=where,
        )
    return Draft(
        text=text,
        source=where,
        title=_text(_first(record, TITLE_KEYS)),
        url=_text(_first(record, URL_KEYS)),
        published=parse_date(_first(record, DATE_KEYS)),
        outlet=_name(_first(record, OUTLET_KEYS)),
        byline=_names(_first(record, BYLINE_KEYS)),
        fallback_outlet=stem,
    )


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    lowered = {str(key).lower(): value for key, value in record.items()}
    values = (lowered.get(key.lower()) for key in keys)
    return next((value for value in values if value not in (None, "", [], {})), None)


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "\n\n".join(_text(item) for item in value)
    if not isinstance(value, str):
        return "" if value is None or isinstance(value, dict) else str(value)
    return html_to_text(value) if _HTML.search(value) else value


def _name(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("id")
    return value.strip() if isinstance(value, str) else ""


def _names(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(filter(None, (_name(item) for item in value)))
    return _name(value)
