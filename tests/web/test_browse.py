"""Browsing a live story browser on 127.0.0.1 in a real headless browser."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture
def page(chromium: Any) -> Any:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def test_search_open_a_story_and_light_a_claims_counterpart(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.fill('input[name="q"]', "lighthouse")
    page.click('button[type="submit"]')
    assert "q=lighthouse" in page.url
    assert page.inner_text(".found") == "1 story"
    page.click("ol.stories a.title")
    assert page.inner_text("h1") == "Cape Wren light"
    page.click("#a1-c1")
    lit = page.eval_on_selector_all(".lit", "els => els.map(e => e.id)")
    assert set(lit) == {"a1-c1", "a2-c1", "f1"}
    assert page.errors == []


def test_filter_by_outlet_then_read_an_article(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.select_option('select[name="outlet"]', "South Herald")
    page.click('button[type="submit"]')
    page.click("ol.stories a.title")
    page.click("details.members summary")
    page.click('details.members a[href="/article/south-1"]')
    assert page.inner_text("h1") == "Storm knocks out Cape Wren lighthouse"
    assert "Engineers blamed a storm." in page.inner_text(".plain-text")
    page.click(".crumbs a >> nth=1")
    assert "/story/" in page.url
    assert page.errors == []
