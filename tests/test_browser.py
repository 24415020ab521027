"""The HTML report in a real headless browser (Debian's chromium, driven by Playwright).

Skipped only when chromium is not installed (`make browser` installs it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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
from rashomon.render.html import render_html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TEXTS = {
    "north": (
        "North Post",
        "The lighthouse at Cape Wren went dark on Friday. A storm cut the power line. "
        "Keepers restored the light on Sunday.",
    ),
    "south": (
        "South Herald",
        "Cape Wren's lighthouse failed on Friday night. Engineers blamed a storm. "
        "The coast guard warned ships to keep away.",
    ),
}
FACTS = [
    ("agreed", "The lighthouse went dark on Friday.", [("north", 0), ("south", 0)]),
    ("agreed", "A storm caused the failure.", [("north", 1), ("south", 1)]),
    ("exclusive", "The light was restored on Sunday.", [("north", 2)]),
]

pytestmark = pytest.mark.slow


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for end in [i + 1 for i, ch in enumerate(text) if ch == "."]:
        spans.append((start, end))
        start = end + 1
    return spans


def build() -> tuple[Comparison, list[AnalyzedArticle]]:
    analyzed = []
    for key, (outlet, text) in TEXTS.items():
        claims = tuple(
            Claim(f"{key}:c{n}", key, text[s:e], s, e, n)
            for n, (s, e) in enumerate(sentences(text))
        )
        article = Article(
            key, outlet, text, f"{outlet} on the lighthouse", published=dt.date(2026, 6, 5)
        )
        call = GenreCall("report", 0.0, 0.0, 0.0, 0.0, 0.0)
        analyzed.append(AnalyzedArticle(article, claims, (), (), (), (), call))
    by_id = {a.article.id: a for a in analyzed}

    def ref(key: str, n: int) -> ClaimRef:
        c = by_id[key].claims[n]
        return ClaimRef(key, c.id, c.text, c.start, c.end)

    facts = tuple(
        Fact(
            f"F{n}",
            status,
            tuple(TEXTS[k][0] for k, _ in refs),
            tuple(ref(*r) for r in refs),
            label,
        )  # type: ignore[arg-type]
        for n, (status, label, refs) in enumerate(FACTS)
    )
    infos = tuple(
        ArticleInfo(a.article.id, a.article.outlet, a.article.title, "2026-06-05", "report")
        for a in analyzed
    )
    return Comparison(infos, facts, (), (), (), (), (), (), (), title="Cape Wren light"), analyzed


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"chromium not found at {CHROMIUM}; install it with `make browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(*build()), encoding="utf-8")
    return path


@pytest.fixture
def page(browser: Any, report: Path) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(report.as_uri())
    yield page
    context.close()


def lit(page: Any) -> list[str]:
    return page.eval_on_selector_all(".lit", "els => els.map(e => e.id)")


def test_clicking_a_claim_lights_its_counterparts_in_the_other_article(page: Any) -> None:
    page.click("#a1-c2")
    assert set(lit(page)) == {"a1-c2", "a2-c2", "f2"}
    assert "A storm caused the failure." in page.inner_text(".bar")
    assert page.url.endswith("#a1-c2")
    assert page.errors == []


def test_clicking_a_fact_line_lights_its_claims(page: Any) -> None:
    page.click("#f1 .label")
    assert set(lit(page)) == {"a1-c1", "a2-c1", "f1"}


def test_a_claim_only_in_one_article_lights_only_itself(page: Any) -> None:
    page.click("#a1-c3")
    assert set(lit(page)) == {"a1-c3", "f3"}


def test_escape_clears_the_highlight(page: Any) -> None:
    page.click("#a1-c1")
    page.keyboard.press("Escape")
    assert lit(page) == []
    assert page.is_hidden(".bar")


def test_opening_a_link_to_a_claim_lights_its_fact(browser: Any, report: Path) -> None:
    page = browser.new_page()
    page.goto(report.as_uri() + "#a2-c1")
    assert set(lit(page)) == {"a1-c1", "a2-c1", "f1"}
    page.close()


def test_without_javascript_a_claim_link_leads_to_its_fact(browser: Any, report: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(report.as_uri())
    page.click("#a2-c2")
    assert page.url.endswith("#f2")
    page.click("#f2 a.cite >> nth=0")
    assert page.url.endswith("#a1-c2")
    context.close()


def test_the_page_renders_to_a_screenshot(page: Any, tmp_path: Path) -> None:
    page.click("#a1-c1")
    shot = tmp_path / "compare.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
