"""iter_sources(): corpora from feeds, web archives and URL lists; bad parts reported, rest kept."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.errors import InputError
from rashomon.ingest import MemoryCache, Unchanged, iter_sources, read
from rashomon.records import Article, Failure

if TYPE_CHECKING:
    from conftest import Server

ENTRY_TEXT = (
    "A ferry carrying 214 passengers sank off the coast of Lisbon on Tuesday, the coast guard "
    "said. Twelve people died and forty were injured, the Interior Ministry said."
)


def rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Tagus Wire</title><link>{base}/</link>
<item><title>Ferry sinks off Lisbon</title><link>{base}/news/ferry</link>
  <pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate>
  <description>A ferry sank.</description></item>
<item><title>Ferry inquiry opens</title><link>{base}/news/gone</link>
  <pubDate>Wed, 04 Mar 2026 09:00:00 GMT</pubDate>
  <description>&lt;p&gt;{ENTRY_TEXT}&lt;/p&gt;</description></item>
<item><title>Ferry operator speaks</title><link>{base}/news/missing</link>
  <pubDate>Thu, 05 Mar 2026 09:00:00 GMT</pubDate></item>
</channel></rss>"""


def split(items: list[Article | Failure]) -> tuple[list[Article], list[Failure]]:
    articles = [item for item in items if isinstance(item, Article)]
    return articles, [item for item in items if isinstance(item, Failure)]


# ----------------------------------------------------------------------------- feeds


def test_a_feed_url_gives_each_entry_page(server: Server) -> None:
    server.page("/news/ferry", title="Ferry sinks off the coast")
    feed = server.add("/feed.xml", rss(server.base), Content_Type="application/rss+xml")
    articles, failures = split(list(iter_sources([feed], server.options)))

    first, second = articles
    assert (first.title, first.published) == ("Ferry sinks off Lisbon", dt.date(2026, 3, 3))
    assert first.text.startswith("A ferry carrying 214 passengers sank off the coast of Lisbon")
    assert first.url == server.base + "/news/ferry"
    # the page is gone: the entry's own text is used, with a warning
    assert (second.title, second.published) == ("Ferry inquiry opens", dt.date(2026, 3, 4))
    assert second.text == ENTRY_TEXT
    assert second.warnings == (
        "the page could not be read (HTTP 404 Not Found); the feed's text was used",
    )
    assert failures == [
        Failure(f"{server.base}/news/missing", "HTTP 404 Not Found", "FetchError"),
    ]


def test_a_feed_file(tmp_path: Path, server: Server) -> None:
    server.page("/news/ferry")
    path = tmp_path / "tagus.rss"
    path.write_text(rss(server.base))
    articles, failures = split(list(iter_sources([str(path)], server.options)))
    assert len(articles) == 2 and len(failures) == 1


def test_an_atom_feed(tmp_path: Path, server: Server) -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tagus Wire</title>
<entry><title>Ferry sinks off Lisbon</title><link href="{server.base}/news/ferry"/>
<updated>2026-03-03T09:00:00Z</updated><id>tag:tagus,1</id></entry></feed>"""
    server.page("/news/ferry")
    path = tmp_path / "tagus.atom"
    path.write_text(atom)
    (article,) = read(str(path), options=server.options)
    assert (article.title, article.published) == ("Ferry sinks off Lisbon", dt.date(2026, 3, 3))


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ("<?xml version='1.0'?><html><p>not a feed", "not a valid RSS or Atom feed ("),
        ("<?xml version='1.0'?><rss><channel><title>x</title><item><title>a</ti", "the feed is "
         "malformed (<unknown>:1:"),
    ],
)  # fmt: skip
def test_a_malformed_feed(tmp_path: Path, document: str, reason: str) -> None:
    path = tmp_path / "broken.xml"
    path.write_text(document)
    with pytest.raises(InputError) as raised:
        read(str(path))
    assert str(raised.value).startswith(f"{path}: {reason}")


def test_a_feed_cut_short_keeps_the_entries_before_the_cut(tmp_path: Path, server: Server) -> None:
    server.page("/news/ferry")
    path = tmp_path / "cut.xml"
    path.write_text(rss(server.base)[:-60])
    articles, _ = split(list(iter_sources([str(path)], server.options)))
    assert [a.title for a in articles] == ["Ferry sinks off Lisbon", "Ferry inquiry opens"]


# ----------------------------------------------------------------------------- WARC

HTML = """<html><head><title>Ferry sinks off Lisbon</title></head><body><article>
<p>A ferry carrying 214 passengers sank off the coast of Lisbon on Tuesday, the coast guard
said, in the worst accident at sea in the country for decades.</p>
<p>Twelve people died and forty were injured, according to the Interior Ministry.</p>
</article></body></html>"""


def warc(records: list[tuple[str, str, str, bytes]], gzip: bool = True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, status, content_type, body in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


ARCHIVE = [
    ("https://tagus-wire.example/news/ferry", "200 OK", "text/html; charset=utf-8", HTML.encode()),
    ("https://tagus-wire.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
    ("https://tagus-wire.example/old", "404 Not Found", "text/html", b"<p>gone</p>"),
    ("https://tagus-wire.example/menu", "200 OK", "text/html", b"<nav><a>Home</a></nav>"),
]


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_a_web_archive(tmp_path: Path, name: str, gzip: bool) -> None:
    path = tmp_path / name
    path.write_bytes(warc(ARCHIVE, gzip) + b"not a record\r\n\r\n")
    articles, failures = split(list(iter_sources([str(path)])))
    (article,) = articles
    assert (article.url, article.outlet) == (ARCHIVE[0][0], "tagus-wire.example")
    assert article.source == f"{path} record 1 (https://tagus-wire.example/news/ferry)"
    assert failures == [
        Failure(
            f"{path} record 4 (https://tagus-wire.example/menu)",
            "no article text found in the page",
        ),
        Failure(
            str(path),
            "the archive is damaged after record 4 "
            "(Invalid WARC record, first line: not a record); the rest is skipped",
        ),
    ]


@pytest.mark.parametrize(
    "tail",
    [
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ngarbage",
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 7\r\n\r\ngarbage\r\n\r\n",
        b"\x1f\x8b\x08garbage",
    ],
    ids=["cut-short", "no-target-uri", "broken-gzip"],
)
def test_a_damaged_archive_tail_is_reported_and_the_pages_before_it_kept(
    tmp_path: Path, tail: bytes
) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc(ARCHIVE[:1], gzip=False) + tail)
    articles, failures = split(list(iter_sources([str(path)])))
    assert [a.url for a in articles] == [ARCHIVE[0][0]]
    (failure,) = failures
    assert failure.source == str(path)
    assert failure.reason.startswith("the archive is damaged after record 1 (")


SECOND = ("https://tagus-wire.example/news/inquiry", "200 OK", "text/html", HTML.encode())


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        # a record that claims more bytes than it has swallows the records after it
        (lambda r: r.replace(b"Content-Length: ", b"Content-Length: 9", 1), "cut short, "),
        (lambda r: r.replace(b"WARC-Type: response", b"WARC-Type: resp\x00junk", 1), "its type"),
    ],
    ids=["wrong-length", "junk"],
)
def test_a_damaged_record_in_the_middle_is_reported_not_read(
    tmp_path: Path, damage: Callable[[bytes], bytes], reason: str
) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(
        warc(ARCHIVE[:1], False) + damage(warc([SECOND], False)) + warc([SECOND], False)
    )
    articles, failures = split(list(iter_sources([str(path)])))
    assert [a.url for a in articles] == [ARCHIVE[0][0]]
    (failure,) = failures
    assert failure.reason.startswith(f"the archive is damaged at record 2 ({reason}")


# ----------------------------------------------------------------------------- URL lists


def test_a_file_of_urls(tmp_path: Path, server: Server) -> None:
    good = server.page("/news/ferry")
    path = tmp_path / "urls.txt"
    path.write_text(f"# Tagus Wire\n{good}\n\n{server.base}/news/missing\n")
    articles, failures = split(list(iter_sources([str(path)], server.options)))
    assert [a.url for a in articles] == [good]
    assert failures == [Failure(f"{server.base}/news/missing", "HTTP 404 Not Found", "FetchError")]


@pytest.mark.parametrize("name", ["list.urls", "list.txt"])
def test_a_url_list_with_a_bad_line(tmp_path: Path, server: Server, name: str) -> None:
    good, other = server.page("/news/ferry"), server.page("/news/inquiry")
    path = tmp_path / name
    path.write_text(f"{good}\nnot a url\n{other}\n")
    articles, failures = split(list(iter_sources([str(path)], server.options)))
    assert len(articles) == 2
    assert failures == [Failure(str(path), "line 2 is not an http(s) URL: 'not a url'")]


def test_a_url_list_with_many_typos_is_still_a_url_list(tmp_path: Path, server: Server) -> None:
    good, other = server.page("/news/ferry"), server.page("/news/inquiry")
    path = tmp_path / "list.txt"
    typos = ["not a url", "ftp://example.org/x", "file:///etc/passwd", "http//example.org/a"]
    path.write_text("\n".join([good, *typos, other]) + "\n")
    articles, failures = split(list(iter_sources([str(path)], server.options)))
    assert [a.url for a in articles] == [good, other]
    assert [f.reason.split(":")[0] for f in failures] == [
        f"line {n} is not an http(s) URL" for n in range(2, 6)
    ]


def test_a_text_that_quotes_a_url_is_still_a_text(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(f"{ENTRY_TEXT}\nhttps://example.org/ferry\n")
    (article,) = iter_sources([str(path)])
    assert isinstance(article, Article) and article.text.startswith("A ferry carrying 214")


# ----------------------------------------------------------------------------- batches


def test_a_batch_keeps_the_good_and_reports_the_bad(tmp_path: Path, server: Server) -> None:
    text = tmp_path / "ferry.txt"
    text.write_text(ENTRY_TEXT)
    page = server.page("/news/ferry")
    sources = [str(text), str(tmp_path / "missing.txt"), server.base + "/nowhere", page]
    items = list(iter_sources(sources, server.options))
    assert [type(item).__name__ for item in items] == ["Article", "Failure", "Failure", "Article"]
    assert items[1] == Failure(str(tmp_path / "missing.txt"), "no such file or folder")
    assert items[2] == Failure(server.base + "/nowhere", "HTTP 404 Not Found", "FetchError")


def test_an_unchanged_page_is_reported_as_unchanged_not_dropped(server: Server) -> None:
    url = server.page("/news/ferry")
    server.routes["/news/ferry"][0].headers["ETag"] = '"v1"'
    server.then("/news/ferry", status=304)
    cache = MemoryCache()
    (first,) = iter_sources([url], server.options, cache=cache)
    assert isinstance(first, Article)
    assert list(iter_sources([url], server.options, cache=cache)) == [Unchanged(url)]
    assert server.requests[-1][1]["If-None-Match"] == '"v1"'


def test_a_feed_entry_whose_page_is_unchanged_is_reported_as_unchanged(server: Server) -> None:
    page = server.page("/news/ferry")
    server.routes["/news/ferry"][0].headers["Last-Modified"] = "Tue, 03 Mar 2026 09:00:00 GMT"
    server.then("/news/ferry", status=304)
    feed = server.add(
        "/feed.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Tagus Wire</title>'
        f"<item><title>Ferry sinks</title><link>{page}</link></item></channel></rss>",
        Content_Type="application/rss+xml",
    )
    cache = MemoryCache()
    assert [type(i).__name__ for i in iter_sources([feed], server.options, cache=cache)] == [
        "Article"
    ]
    again = list(iter_sources([feed], server.options, cache=cache))
    assert again == [Unchanged(page)]
    headers = [h for path, h in server.requests if path == "/news/ferry"][-1]
    assert headers["If-Modified-Since"] == "Tue, 03 Mar 2026 09:00:00 GMT"


def test_a_language_error_is_reported_by_kind(tmp_path: Path) -> None:
    path = tmp_path / "pt.txt"
    path.write_text(
        "Um ferry com 214 passageiros afundou ao largo de Lisboa na terça-feira, disse a guarda "
        "costeira. Doze pessoas morreram e quarenta ficaram feridas, segundo o ministério."
    )
    assert list(iter_sources([str(path)])) == [
        Failure(str(path), "the text is in Portuguese (pt), not English", "LanguageError")
    ]


@pytest.mark.parametrize(
    ("missing_status", "feed_asked_again_in_full"),
    [(None, False), (404, True), (500, True)],
)
def test_a_feed_with_a_failed_entry_is_read_in_full_next_time(
    server: Server, missing_status: int | None, feed_asked_again_in_full: bool
) -> None:
    server.page("/news/ferry")
    server.routes["/news/ferry"][0].headers["ETag"] = '"page-1"'
    if missing_status:
        server.add("/news/missing", status=missing_status)
    else:
        server.page("/news/missing", title="Ferry operator speaks")
    body = rss(server.base).replace(f"<link>{server.base}/news/gone</link>", "")
    feed = server.add("/feed.xml", body, Content_Type="application/rss+xml", ETag='"feed-1"')
    cache = MemoryCache()
    list(iter_sources([feed], server.options, cache=cache))

    list(iter_sources([feed], server.options, cache=cache))
    feed_headers = [h for path, h in server.requests if path == "/feed.xml"][-1]
    assert ("If-None-Match" not in feed_headers) is feed_asked_again_in_full
    if feed_asked_again_in_full:
        page_headers = [h for path, h in server.requests if path == "/news/ferry"][-1]
        assert page_headers["If-None-Match"] == '"page-1"'  # the good page is still known
        assert server.hits("/news/missing") == (2 if missing_status == 404 else 6)


def test_a_page_that_does_not_match_its_digest_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    damaged = warc([SECOND], False).replace(b"Twelve people died", b"Twelve people lied")
    path.write_bytes(warc(ARCHIVE[:1], False) + damaged + warc([SECOND], False))
    articles, failures = split(list(iter_sources([str(path)])))
    assert [a.url for a in articles] == [ARCHIVE[0][0], SECOND[0]]
    (failure,) = failures
    assert failure.reason == "the record does not match its digest (damaged)"
