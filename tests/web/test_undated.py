"""The story browser and articles with no known publication date."""

from __future__ import annotations

import datetime as dt

import lxml.html
import numpy as np
import pytest

from rashomon.records import Article
from rashomon.store.db import Placement, Store, content_hash
from rashomon.stories import dedup
from rashomon.stories.profile import Processed, Profile
from rashomon.web.app import Browser
from web.conftest import analysis

ROWS = [
    # id, day (None: unknown), title, text
    ("dated-1", dt.date(2026, 6, 5), "Cape Wren light goes dark", "The lighthouse went dark."),
    ("undated-1", None, "Harbour fees rise", "The harbour board raised mooring fees by 8%."),
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Browser:
    path = tmp_path_factory.mktemp("undated") / "news.db"
    with Store(path) as store:
        for n, (article_id, day, title, text) in enumerate(ROWS):
            article = Article(article_id, "North Post", text, title, published=day, source="t")
            vector = np.eye(384, dtype=np.float32)[n]
            item = Processed(
                article, analysis(article), Profile(vector, {}, {}, (), ()), dedup.signature(text)
            )
            with store.transaction():
                store.add(item, content_hash(article), Placement(), dedup.band_keys(item.signature))
                story = store.new_story()
                store.assign(story, [article_id])
                store.refresh(story)
    return Browser(path)


def listing(browser: Browser, query: str = "") -> lxml.html.HtmlElement:
    response = browser.respond("GET", "/", query)
    assert response.status == 200, response.body
    return lxml.html.document_fromstring(response.body)


def spans(doc: lxml.html.HtmlElement) -> dict[str, str]:
    items = doc.xpath('//ol[@class="stories"]/li')
    return {
        li.xpath('.//a[@class="title"]')[0].text_content(): li.xpath('.//p[@class="meta"]')[0]
        .text_content()
        .split(" · ")[0]
        for li in items
    }


def test_a_story_with_no_known_date_says_so_and_comes_last(browser: Browser) -> None:
    doc = listing(browser)
    assert spans(doc) == {
        "Cape Wren light goes dark": "2026-06-05",
        "Harbour fees rise": "date unknown",
    }
    assert list(spans(doc)) == ["Cape Wren light goes dark", "Harbour fees rise"]


@pytest.mark.parametrize("query", ["since=2026-01-01", "until=2026-12-31"])
def test_a_date_filter_leaves_undated_stories_out_and_says_how_many(
    browser: Browser, query: str
) -> None:
    doc = listing(browser, query)
    assert list(spans(doc)) == ["Cape Wren light goes dark"]
    found = doc.xpath('//p[@class="found"]')[0].text_content()
    assert found == "1 story (1 story with no known date left out by the date filter)"


def test_an_undated_article_page_says_its_date_is_unknown(browser: Browser) -> None:
    response = browser.respond("GET", "/article/undated-1")
    doc = lxml.html.document_fromstring(response.body)
    assert "date unknown" in doc.xpath('//p[@class="meta"]')[0].text_content()
