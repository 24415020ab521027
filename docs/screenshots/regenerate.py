"""Regenerate the screenshots in this folder from the bundled ferry example.

    python docs/screenshots/regenerate.py

Needs Debian's chromium (`make browser`) and the Python `playwright` package (never run
`playwright install`: it downloads another browser).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from rashomon import api
from rashomon.render.html import render_html

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def report() -> str:
    folder = ROOT / "examples" / "ferry"
    paths = sorted(folder.glob("*.txt")) + sorted(folder.glob("*.html"))
    articles = [article for path in paths for article in api.read(path)]
    analyzed = api.analyze_many(articles)
    return render_html(api.compare(analyzed), analyzed)


def shoot(page_path: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(page_path.as_uri())
        page.screenshot(path=str(HERE / "report-top.png"))
        claim = page.locator(".source .claim.conflict, .source .claim.agreed").first
        claim.scroll_into_view_if_needed()
        claim.click()
        page.locator("#articles").evaluate("el => el.scrollIntoView()")
        page.wait_for_timeout(400)
        page.screenshot(path=str(HERE / "compare.png"))
        browser.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ferry.html"
        path.write_text(report(), encoding="utf-8")
        shoot(path)
    print(f"wrote {HERE / 'compare.png'} and {HERE / 'report-top.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
