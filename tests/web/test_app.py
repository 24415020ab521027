"""The story browser: pages, filters, escaping, read-only access, a live server on 127.0.0.1."""

from __future__ import annotations

import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

import lxml.html
import pytest

from rashomon.errors import StoreError
from rashomon.store.db import Store
from rashomon.web.app import Browser, fts_query

Built = tuple[Path, dict[str, int]]


@pytest.fixture(scope="module")
def browser(store_path: Built) -> Browser:
    return Browser(store_path[0])


def page(browser: Browser, path: str, query: str = "") -> lxml.html.HtmlElement:
    response = browser.respond("GET", path, query)
    assert response.status == 200, response.body
    return lxml.html.document_fromstring(response.body)


def titles(doc: lxml.html.HtmlElement) -> list[str]:
    return [a.text_content() for a in doc.xpath('//ol[@class="stories"]//a[@class="title"]')]


# --------------------------------------------------------------------------- story list


def test_the_list_shows_every_story_most_recent_first(browser: Browser, hostile: str) -> None:
    doc = page(browser, "/")
    assert titles(doc)[0] in {"Cape Wren light goes dark", "Storm knocks out Cape Wren lighthouse"}
    assert titles(doc)[1] == f"Harbour fees rise {hostile}"
    assert doc.xpath('string(//p[@class="found"])') == "2 stories"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=lighthouse", 1),
        ("q=storm+friday", 1),
        ("q=mooring", 1),
        ('q=cape-wren+"quoted', 0),  # search syntax in plain words is not an error
        ("q=volcano", 0),
        ("outlet=South+Herald", 1),
        ("outlet=Nobody", 0),
        ("since=2026-06-01", 1),
        ("until=2026-05-31", 1),
        ("since=2026-07-01", 0),
        ("q=lighthouse&outlet=North+Post&since=2026-06-01", 1),
    ],
)
def test_filters_narrow_the_list(browser: Browser, query: str, expected: int) -> None:
    assert len(titles(page(browser, "/", query))) == expected


@pytest.mark.parametrize("query", ["since=yesterday", "until=2026-13-01", "page=0", "page=x"])
def test_bad_filters_are_a_clear_400(browser: Browser, query: str) -> None:
    response = browser.respond("GET", "/", query)
    assert response.status == 400
    assert "is not a" in response.body


def test_the_outlet_filter_offers_every_outlet(browser: Browser, hostile: str) -> None:
    doc = page(browser, "/")
    options = doc.xpath('//select[@name="outlet"]/option/@value')
    assert set(options) == {"", "North Post", "South Herald", hostile}


@pytest.mark.parametrize(
    ("text", "query"),
    [("ferry minister", '"ferry" "minister"'), ('cape "wren', '"cape" "wren"'), ("  ", "")],
)
def test_search_words_become_a_safe_fts_query(text: str, query: str) -> None:
    assert fts_query(text) == query


# --------------------------------------------------------------------------- story and article


def test_a_story_page_shows_its_comparison_and_articles(
    browser: Browser, store_path: Built
) -> None:
    story = store_path[1]["wren"]
    doc = page(browser, f"/story/{story}")
    assert doc.xpath("string(//h1)") == "Cape Wren light"
    assert doc.xpath('//section[@id="agreed"]//li[@id="f1"]')
    assert doc.xpath('//*[@id="a1-c1"]/@data-groups') == ["f1"]
    links = doc.xpath('//details[@class="members"]//a/@href')
    assert sorted(links) == ["/article/north-1", "/article/south-1"]
    assert len(doc.xpath("//script")) == 1


def test_a_large_story_says_which_articles_are_left_out_of_its_comparison(
    store_path: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rashomon import corpus

    monkeypatch.setattr(corpus, "MAX_COMPARED", 1)
    story = store_path[1]["wren"]
    with Store(store_path[0], create=False) as store:
        chosen = corpus.compared_articles(store, story)
    assert len(chosen) == 1
    doc = page(Browser(store_path[0]), f"/story/{story}")
    notes = {
        li.xpath("string(a)"): li.xpath('string(span[@class="copy"])')
        for li in doc.xpath('//details[@class="members"]//li')
    }
    assert sorted(notes.values()) == ["", "not in the comparison"]
    assert notes[{"north-1": "North Post", "south-1": "South Herald"}[chosen[0]]] == ""


def test_a_story_of_one_article_explains_why_there_is_no_comparison(
    browser: Browser, store_path: Built
) -> None:
    doc = page(browser, f"/story/{store_path[1]['fees']}")
    assert "single article" in doc.xpath('string(//p[@class="problem"])')
    assert doc.xpath("//script") == []


def test_an_article_page_shows_its_text_and_claims(browser: Browser) -> None:
    doc = page(browser, "/article/south-1")
    assert doc.xpath("string(//h1)") == "Storm knocks out Cape Wren lighthouse"
    assert doc.xpath('string(//div[contains(@class, "plain-text")])').startswith("Cape Wren's")
    assert len(doc.xpath('//table[@class="claims"]/tbody/tr')) == 2


@pytest.mark.parametrize(
    "path", ["/story/999", "/story/abc", "/article/nope", "/nothing", "/a/b/c"]
)
def test_unknown_pages_are_404(browser: Browser, path: str) -> None:
    assert browser.respond("GET", path).status == 404


# --------------------------------------------------------------------------- safety


@pytest.mark.parametrize("path", ["/", "/story/{fees}", "/article/east-1"])
def test_stored_text_cannot_inject_markup(
    browser: Browser, store_path: Built, hostile: str, path: str
) -> None:
    response = browser.respond("GET", path.format(**store_path[1]))
    doc = lxml.html.document_fromstring(response.body)
    assert doc.xpath("//script") == []
    assert [n for el in doc.iter() for n in el.attrib if n.lower().startswith("on")] == []
    assert hostile in doc.text_content()


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_the_browser_only_reads(browser: Browser, method: str) -> None:
    response = browser.respond(method, "/")
    assert response.status == 405
    assert ("Allow", "GET, HEAD") in response.headers


def test_its_connections_cannot_write(browser: Browser) -> None:
    with browser.store() as store, pytest.raises(sqlite3.OperationalError):
        store.conn.execute("DELETE FROM stories")


def test_a_missing_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Browser(tmp_path / "missing.db")


def test_pages_can_be_read_while_an_ingest_holds_the_write_lock(
    browser: Browser, store_path: Built
) -> None:
    with Store(store_path[0]) as writer, writer.transaction():
        writer.conn.execute("UPDATE stories SET title = title")
        assert browser.respond("GET", "/").status == 200
        assert browser.respond("GET", f"/story/{store_path[1]['wren']}").status == 200


# --------------------------------------------------------------------------- live server


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode()


def test_the_server_answers_on_loopback_with_safe_headers(server: str) -> None:
    status, headers, body = fetch(server + "/?q=lighthouse")
    assert status == 200 and "Cape Wren" in body
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_the_server_allows_the_report_script_on_story_pages(server: str, store_path: Built) -> None:
    _, headers, _ = fetch(f"{server}/story/{store_path[1]['wren']}")
    assert "script-src 'sha256-" in headers["Content-Security-Policy"]


def test_the_server_refuses_writes_and_answers_head_without_a_body(server: str) -> None:
    assert fetch(server + "/", "POST")[0] == 405
    status, headers, body = fetch(server + "/", "HEAD")
    assert status == 200 and body == "" and int(headers["Content-Length"]) > 0
