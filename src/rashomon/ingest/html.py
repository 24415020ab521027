"""Web pages: the article's main text and metadata, found by trafilatura."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rashomon.errors import InputError
from rashomon.ingest.article import Draft
from rashomon.ingest.dates import parse_date

_BLOCKS = (
    "p",
    "div",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "pre",
    "section",
    "article",
    "figure",
    "ul",
    "ol",
    "table",
)


def read_html(html: str, source: str, url: str = "", stem: str = "", min_words: int = 10) -> Draft:
    """The main text, title, date, author and site name of a page.

    The date is the publication date the page declares, found by htmldate in its fast mode:
    meta tags, JSON-LD, a date in the URL, ``<time>`` and date elements, and only as a last
    resort a full numeric date in the text. Its extensive search (free-text guesses, which
    often take a copyright line's or an event's date) is off: the archive's and the server's
    dates, then the dateline and the text's first lines, are tried before any such guess.
    """
    document = _extract(html, url, source)
    text = (getattr(document, "text", None) or "") if document is not None else ""
    if len(text.split()) < min_words:
        raise InputError("no article text found in the page", where=source)
    return Draft(
        # trafilatura writes one block per line: a line is never a hard-wrapped sentence
        # to rejoin (a headline, then the dateline's paragraph)
        text=re.sub(r"\n+", "\n\n", text),
        source=source,
        title=_field(document, "title"),
        url=url or _field(document, "url"),
        published=parse_date(_field(document, "date")),
        site=_field(document, "sitename"),
        byline=_field(document, "author").replace(";", ",").strip(),
        fallback_outlet=stem,
    )


def _extract(html: str, url: str, source: str) -> Any:
    from trafilatura import bare_extraction

    try:
        return bare_extraction(
            html,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,
                "max_date": dt.date.today().isoformat(),
            },
        )
    except (ValueError, TypeError, AttributeError) as exc:  # pages lxml cannot parse
        raise InputError(f"the page cannot be parsed ({exc})", where=source) from exc


def _field(document: Any, name: str) -> str:
    value = getattr(document, name, None)
    return value.strip() if isinstance(value, str) else ""


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one paragraph per block element."""
    import lxml.etree
    import lxml.html

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter(*_BLOCKS, "br"):
        element.tail = ("\n" if element.tag == "br" else "\n\n") + (element.tail or "")
    return str(root.text_content())
