"""A small real store (built through the store's own API, no models) and a live server."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from rashomon.options import VERSION
from rashomon.records import (
    AnalyzedArticle,
    Article,
    ArticleInfo,
    Claim,
    ClaimRef,
    Comparison,
    Fact,
    GenreCall,
)
from rashomon.store.db import Placement, Store, content_hash
from rashomon.stories import dedup
from rashomon.stories.profile import Processed, Profile

HOSTILE = '<script>alert(1)</script>"onerror="x'
ARTICLES = [
    # id, outlet, day, title, text, story key
    (
        "north-1", "North Post", "2026-06-05", "Cape Wren light goes dark",
        "The lighthouse at Cape Wren went dark on Friday. A storm cut the power line.", "wren",
    ),
    (
        "south-1", "South Herald", "2026-06-06", "Storm knocks out Cape Wren lighthouse",
        "Cape Wren's lighthouse failed on Friday night. Engineers blamed a storm.", "wren",
    ),
    (
        "east-1", HOSTILE, "2026-05-20", f"Harbour fees rise {HOSTILE}",
        f"The harbour board raised mooring fees by 8% on Wednesday. {HOSTILE}", "fees",
    ),
]  # fmt: skip


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for end in [i + 1 for i, ch in enumerate(text) if ch == "."]:
        spans.append((start, end))
        start = end + 1
    return spans


def analysis(article: Article) -> AnalyzedArticle:
    text = article.text
    claims = tuple(
        Claim(f"{article.id}:c{n}", article.id, text[s:e], s, e, n)
        for n, (s, e) in enumerate(sentences(text))
    )
    return AnalyzedArticle(
        article, claims, (), (), (), (), GenreCall("report", 0.0, 0.0, 0.0, 0.0, 0.0)
    )


def processed(row: tuple[str, ...], vector: np.ndarray) -> Processed:
    article_id, outlet, day, title, text, _ = row
    published = dt.date.fromisoformat(day)
    article = Article(article_id, outlet, text, title, published=published, source="test")
    body = f"{title}\n{text}"
    profile = Profile(vector.astype(np.float32), {}, {}, (), (2026,))
    return Processed(article, analysis(article), profile, dedup.signature(body))


def wren_comparison(analyzed: dict[str, AnalyzedArticle]) -> Comparison:
    refs = []
    for article_id in ("north-1", "south-1"):
        c = analyzed[article_id].claims[0]
        refs.append(ClaimRef(article_id, c.id, c.text, c.start, c.end))
    fact = Fact("F1", "agreed", ("North Post", "South Herald"), tuple(refs), "The light failed.")
    infos = tuple(
        ArticleInfo(a.article.id, a.article.outlet, a.article.title, None, "report")
        for a in analyzed.values()
    )
    return Comparison(infos, (fact,), (), (), (), (), (), (), (), title="Cape Wren light")


def build_store(path: Path) -> dict[str, int]:
    """Store the articles, group them into their stories and cache the Wren comparison."""
    stories: dict[str, int] = {}
    rng = np.random.default_rng(7)
    with Store(path) as store:
        items = {}
        for row in ARTICLES:
            vector = rng.normal(size=384)
            item = processed(row, vector / np.linalg.norm(vector))
            items[row[0]] = item
            with store.transaction():
                digest = content_hash(item.article)
                store.add(item, digest, Placement(), dedup.band_keys(item.signature))
        for row in ARTICLES:
            key = row[5]
            with store.transaction():
                if key not in stories:
                    stories[key] = store.new_story()
                store.assign(stories[key], [row[0]])
                store.refresh(stories[key])
        analyzed = {k: items[k].analysis for k in ("north-1", "south-1")}
        version = store.story_row(stories["wren"]).version
        with store.transaction():
            store.cache_comparison(stories["wren"], version, VERSION, wren_comparison(analyzed))
    return stories


@pytest.fixture(scope="session")
def hostile() -> str:
    """The hostile string stored as an outlet name, in a title and in a text."""
    return HOSTILE


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("store") / "news.db"
    return path, build_store(path)


@pytest.fixture(scope="module")
def server(store_path: tuple[Path, dict[str, int]]) -> Iterator[str]:
    from rashomon.web import make_server

    httpd = make_server(store_path[0], host="127.0.0.1", port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """Debian's chromium driven by Playwright; the test is skipped only if it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"chromium not found at {CHROMIUM}; install it with `make browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
