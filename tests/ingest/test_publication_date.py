"""Where an article's publication date comes from, and what happens when nothing gives one.

The sources are tried in this order, and the first that gives a date wins:

1. the date the caller gives;
2. the source's own metadata: a record field, a feed entry, a header line, the page's HTML
   metadata (read by htmldate);
3. the WARC-Date of the archived response the page comes from;
4. the server's Last-Modified header;
5. the dateline (``LISBON, March 3, 2019 (Reuters) -``);
6. a date line at the start of the text (``March 3, 2019``, ``Published on 3 March 2019``).

A date from sources 3 to 6 comes with a note saying where it came from (``date_source`` reads
it back). When none gives a date the article stays undated (``published is None``): it is
never dated by the day it was read.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.ingest import iter_sources, read
from rashomon.ingest.dates import date_source, text_date
from rashomon.records import Article

if TYPE_CHECKING:
    from conftest import Server

BODY = (
    "A ferry carrying 214 passengers sank off the coast of Lisbon on Tuesday, the coast guard "
    "said, in the worst accident at sea in the country for decades.\n\n"
    "Twelve people died and forty were injured, according to the Interior Ministry."
)
PARAGRAPHS = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
META = '<meta property="article:published_time" content="2019-03-02T08:00:00Z">'


def page(head: str = "", body: str = PARAGRAPHS) -> str:
    return (
        f"<html><head><title>Ferry sinks off Lisbon</title>{head}</head>"
        f"<body><article>{body}</article></body></html>"
    )


def archive(
    html: str, warc_date: str = "2019-04-01T10:00:00Z", last_modified: str | None = None
) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    http = [("Content-Type", "text/html; charset=utf-8")]
    if last_modified:
        http.append(("Last-Modified", last_modified))
    record = writer.create_warc_record(
        "https://tagus-wire.example/news/ferry",
        "response",
        payload=io.BytesIO(html.encode()),
        http_headers=StatusAndHeaders("200 OK", http, protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": warc_date},
    )
    writer.write_record(record)
    return buffer.getvalue()


def one(source: str, **given: object) -> Article:
    (article,) = read(source, **given)  # type: ignore[arg-type]
    return article


def from_file(tmp_path: Path, name: str, content: str | bytes) -> Article:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return one(str(path))


def dated(article: Article) -> tuple[dt.date | None, str, tuple[str, ...]]:
    return article.published, date_source(article), article.warnings


# ----------------------------------------------------------------------------- 1. the caller


def test_the_callers_date_wins_over_every_source(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(archive(page(META)))
    article = one(str(path), published=dt.date(2019, 3, 1))
    assert article.published == dt.date(2019, 3, 1)
    assert date_source(article) == "metadata"


# ----------------------------------------------------------------------------- 2. metadata


def test_a_record_field_dates_the_article(tmp_path: Path) -> None:
    record = {"title": "Ferry sinks", "text": BODY, "published": "2019-03-02T08:00:00Z"}
    article = from_file(tmp_path, "news.jsonl", json.dumps(record) + "\n")
    assert dated(article) == (dt.date(2019, 3, 2), "metadata", ())


def test_the_page_html_metadata_dates_a_page(tmp_path: Path) -> None:
    article = from_file(tmp_path, "ferry.html", page(META))
    assert dated(article) == (dt.date(2019, 3, 2), "metadata", ())


def test_a_date_inside_a_sentence_of_a_page_is_not_its_publication_date(tmp_path: Path) -> None:
    body = PARAGRAPHS.replace("on Tuesday", "on March 3, 2019")
    article = from_file(tmp_path, "ferry.html", page(body=body))
    assert dated(article) == (None, "unknown", ())


# ----------------------------------------------------------------------------- 3. WARC-Date


def test_an_archived_page_without_metadata_takes_its_warc_date(tmp_path: Path) -> None:
    article = from_file(tmp_path, "crawl.warc", archive(page()))
    assert dated(article) == (
        dt.date(2019, 4, 1),
        "archive",
        ("the date is the day the page was archived (WARC-Date), as the page gives none",),
    )


def test_the_page_metadata_comes_before_the_warc_date(tmp_path: Path) -> None:
    article = from_file(tmp_path, "crawl.warc", archive(page(META)))
    assert dated(article) == (dt.date(2019, 3, 2), "metadata", ())


def test_the_warc_date_comes_before_the_archived_last_modified(tmp_path: Path) -> None:
    warc = archive(page(), last_modified="Sat, 30 Mar 2019 09:00:00 GMT")
    article = from_file(tmp_path, "crawl.warc", warc)
    assert (article.published, date_source(article)) == (dt.date(2019, 4, 1), "archive")


# ----------------------------------------------------------------------------- 4. Last-Modified


def test_a_fetched_page_without_metadata_takes_the_servers_last_modified(
    server: Server,
) -> None:
    url = server.add(
        "/news/ferry",
        page(),
        Content_Type="text/html",
        Last_Modified="Sat, 30 Mar 2019 09:00:00 GMT",
    )
    article = one(url, options=server.options)
    assert dated(article) == (
        dt.date(2019, 3, 30),
        "last-modified",
        ("the date is the page's Last-Modified date from the server, as the page gives none",),
    )


def test_the_page_metadata_comes_before_last_modified(server: Server) -> None:
    url = server.add(
        "/news/ferry",
        page(META),
        Content_Type="text/html",
        Last_Modified="Sat, 30 Mar 2019 09:00:00 GMT",
    )
    assert one(url, options=server.options).published == dt.date(2019, 3, 2)


def test_last_modified_dates_the_page_of_a_feed_entry_without_a_date(server: Server) -> None:
    url = server.add(
        "/news/ferry",
        page(),
        Content_Type="text/html",
        Last_Modified="Sat, 30 Mar 2019 09:00:00 GMT",
    )
    feed = server.add(
        "/feed.xml",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Tagus Wire</title>'
        f"<item><title>Ferry sinks</title><link>{url}</link></item></channel></rss>",
        Content_Type="application/rss+xml",
    )
    (article,) = iter_sources([feed], server.options)
    assert isinstance(article, Article)
    assert (article.published, date_source(article)) == (dt.date(2019, 3, 30), "last-modified")


# ----------------------------------------------------------------------------- 5. the dateline


def test_a_dateline_with_a_year_dates_the_article(tmp_path: Path) -> None:
    article = from_file(tmp_path, "ferry.txt", f"LISBON, March 3, 2019 (Reuters) - {BODY}")
    assert dated(article) == (
        dt.date(2019, 3, 3),
        "dateline",
        ("the date comes from the dateline 'LISBON, March 3, 2019 (Reuters)'",),
    )


def test_the_warc_date_comes_before_the_dateline(tmp_path: Path) -> None:
    body = f"<p>LISBON, March 3, 2019 (Reuters) - {BODY.split(chr(10))[0]}</p>{PARAGRAPHS}"
    article = from_file(tmp_path, "crawl.warc", archive(page(body=body)))
    assert (article.published, date_source(article)) == (dt.date(2019, 4, 1), "archive")


# ----------------------------------------------------------------------------- 6. the text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("March 3, 2019", dt.date(2019, 3, 3)),
        ("Posted 2019-03-03 10:15", dt.date(2019, 3, 3)),
        ("Published on 3 March 2019 by Ana Costa, senior correspondent", dt.date(2019, 3, 3)),
    ],
)
def test_a_date_line_at_the_start_of_the_text_dates_the_article(
    tmp_path: Path, line: str, expected: dt.date
) -> None:
    article = from_file(tmp_path, "ferry.txt", f"Ferry sinks off Lisbon\n\n{line}\n\n{BODY}")
    assert dated(article) == (
        expected,
        "text",
        (f"the date comes from the line '{line}' at the start of the text",),
    )


NOT_A_DATE_LINE = [
    # an event's date inside a sentence of the story
    "The ferry, bought on March 3, 2019 from a Greek operator, sank off Lisbon on Tuesday.",
    # a month and day without a year
    "March 3",
    # a day after today
    "March 3, 2999",
]


@pytest.mark.parametrize("line", NOT_A_DATE_LINE)
def test_what_is_not_a_date_line(line: str) -> None:
    assert text_date(f"{line}\n\n{BODY}", today=dt.date(2026, 11, 23)) is None


def test_only_the_first_lines_are_searched() -> None:
    text = f"{BODY}\n\nMore details.\n\nMarch 3, 2019"
    assert text_date(text, today=dt.date(2026, 11, 23)) is None


# ----------------------------------------------------------------------------- no date


def test_an_article_that_nothing_dates_stays_undated(tmp_path: Path) -> None:
    article = from_file(tmp_path, "ferry.txt", BODY)
    assert dated(article) == (None, "unknown", ())


def test_an_undated_archived_record_without_a_warc_date_stays_undated(tmp_path: Path) -> None:
    record = {"title": "Ferry sinks", "text": BODY}
    article = from_file(tmp_path, "news.json", json.dumps([record]))
    assert dated(article) == (None, "unknown", ())


def test_a_full_date_line_wins_over_a_dateline_without_a_year(tmp_path: Path) -> None:
    text = f"Ferry sinks off Lisbon\n\nMarch 3, 2019\n\nLISBON, March 3 (Reuters) - {BODY}"
    article = from_file(tmp_path, "ferry.txt", text)
    assert (article.published, date_source(article)) == (dt.date(2019, 3, 3), "text")
