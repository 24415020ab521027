"""The story browser's pages. Every piece of stored text goes through :func:`esc`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from rashomon.records import AnalyzedArticle, Article, Claim, Comparison
from rashomon.render.html import esc, render_body, report_css, report_js
from rashomon.store.db import StoryRow

if TYPE_CHECKING:
    from rashomon.web.app import Filters

ArticleRow = tuple[str, str, str | None]  # id, outlet, copy_of


@dataclass(frozen=True)
class StoryItem:
    """One line of the story list."""

    row: StoryRow
    articles: Sequence[ArticleRow]


def layout(title: str, body: str, *, script: bool = False) -> str:
    """A whole page around ``body``; the report script only when ``script``."""
    js = f"<script>{report_js()}</script>\n" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} · rashomon</title>\n"
        f"<style>\n{report_css()}\n{site_css()}</style>\n</head>\n<body>\n"
        '<div class="site"><a class="home" href="/">rashomon</a> '
        '<span class="what">stories in the store</span></div>\n'
        f"{body}\n{js}</body>\n</html>\n"
    )


@cache
def site_css() -> str:
    return resources.files("rashomon.web").joinpath("static", "site.css").read_text("utf-8")


def error(message: str) -> str:
    body = f'<main class="page"><h1>Sorry</h1><p class="problem">{esc(message)}</p>'
    return layout("Sorry", body + '<p><a href="/">All stories</a></p></main>')


# --------------------------------------------------------------------------- story list


def story_list(
    items: Sequence[StoryItem],
    total: int,
    filters: Filters,
    outlets: Sequence[str],
    page_size: int,
    undated: int = 0,
) -> str:
    """The searchable list of stories, most recent first (stories with no known date last).

    ``undated`` is how many stories with no known date the date filter left out; the page
    says so."""
    rows = "\n".join(_story_item(item) for item in items)
    found = f"{total} {'story' if total == 1 else 'stories'}"
    if undated:
        found += (
            f" ({undated} {'story' if undated == 1 else 'stories'} with no known date"
            " left out by the date filter)"
        )
    listing = f'<ol class="stories">\n{rows}\n</ol>' if rows else '<p class="empty">No story.</p>'
    body = (
        f'<main class="page">\n<h1>Stories</h1>\n{_search_form(filters, outlets)}\n'
        f'<p class="found" role="status">{found}</p>\n{listing}\n'
        f"{_pager(filters, total, page_size)}</main>"
    )
    return layout("Stories", body)


def _search_form(filters: Filters, outlets: Sequence[str]) -> str:
    options = "".join(
        f'<option value="{esc(o)}"{" selected" if o == filters.outlet else ""}>{esc(o)}</option>'
        for o in outlets
    )
    since = filters.since.isoformat() if filters.since else ""
    until = filters.until.isoformat() if filters.until else ""
    return (
        '<form class="search" method="get" action="/" role="search">\n'
        f'<label>Words <input type="search" name="q" value="{esc(filters.query)}" '
        'placeholder="ferry minister"></label>\n'
        f'<label>Outlet <select name="outlet"><option value="">any</option>{options}</select>'
        "</label>\n"
        f'<label>From <input type="date" name="since" value="{since}"></label>\n'
        f'<label>To <input type="date" name="until" value="{until}"></label>\n'
        '<button type="submit">Search</button> <a href="/">clear</a>\n</form>'
    )


def _story_item(item: StoryItem) -> str:
    row = item.row
    originals = [a for a in item.articles if a[2] is None]
    outlets = " ".join(
        f'<span class="chip">{esc(o)}</span>' for o in dict.fromkeys(a[1] for a in originals)
    )
    copies = len(item.articles) - len(originals)
    copied = f" · {copies} {'copy' if copies == 1 else 'copies'}" if copies else ""
    return (
        f'<li><a class="title" href="/story/{row.id}">{esc(row.title or "(untitled)")}</a>'
        f'<p class="meta">{_span(row)} · {_count(len(originals), "article")}{copied}</p>'
        f'<p class="chips">{outlets}</p></li>'
    )


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _span(row: StoryRow) -> str:
    first, last = row.start_day, row.end_day
    if not first:  # none of its articles has a known date
        return '<span class="undated">date unknown</span>'

    days = first if first == last else f"{first} – {last}"
    return f'<time datetime="{esc(first)}">{esc(days)}</time>'


def _pager(filters: Filters, total: int, page_size: int) -> str:
    pages = max(1, -(-total // page_size))
    if pages == 1:
        return ""
    links = []
    if filters.page > 1:
        links.append(f'<a rel="prev" href="{_page_url(filters, filters.page - 1)}">← newer</a>')
    links.append(f"page {filters.page} of {pages}")
    if filters.page < pages:
        links.append(f'<a rel="next" href="{_page_url(filters, filters.page + 1)}">older →</a>')
    return f'<nav class="pager" aria-label="Pages">{" · ".join(links)}</nav>'


def _page_url(filters: Filters, page: int) -> str:
    params = {
        "q": filters.query,
        "outlet": filters.outlet,
        "since": filters.since.isoformat() if filters.since else "",
        "until": filters.until.isoformat() if filters.until else "",
        "page": str(page),
    }
    return esc("/?" + urlencode({k: v for k, v in params.items() if v}))


# --------------------------------------------------------------------------- one story


def story(
    row: StoryRow,
    articles: Sequence[ArticleRow],
    comparison: Comparison | None,
    analyzed: Sequence[AnalyzedArticle],
    problem: str = "",
) -> str:
    """A story: its articles and copies, then the whole comparison report."""
    strip = (
        f'<div class="page strip"><p class="crumbs"><a href="/">All stories</a> › '
        f"story {row.id} · {_span(row)}</p>\n{_article_links(articles, analyzed)}</div>"
    )
    if comparison is None:
        note = f'<p class="problem">No comparison: {esc(problem)}</p>'
        head = f'<main class="page"><h1>{esc(row.title or "(untitled)")}</h1>{note}</main>'
        return layout(row.title or "Story", strip + head)
    return layout(row.title or "Story", strip + render_body(comparison, analyzed), script=True)


def _article_links(articles: Sequence[ArticleRow], analyzed: Sequence[AnalyzedArticle]) -> str:
    """The story's articles; in a large story, those left out of the comparison say so."""
    compared = {a.article.id for a in analyzed}
    items = []
    for article_id, outlet, copy_of in articles:
        copy = f' <span class="copy">copy of {esc(copy_of)}</span>' if copy_of else ""
        if compared and not copy_of and article_id not in compared:
            copy = ' <span class="copy">not in the comparison</span>'
        href = f"/article/{quote(article_id, safe='')}"
        items.append(f'<li><a href="{esc(href)}">{esc(outlet)}</a> {esc(article_id)}{copy}</li>')
    summary = f"<summary>{_count(len(items), 'article')}</summary>"
    return f'<details class="members">{summary}<ul>{"".join(items)}</ul></details>'


# --------------------------------------------------------------------------- one article


def article(art: Article, analyzed: AnalyzedArticle | None, story_id: int | None) -> str:
    """One stored article: its metadata, text and claims."""
    back = f' › <a href="/story/{story_id}">story {story_id}</a>' if story_id is not None else ""
    warnings = "".join(f"<li>{esc(w)}</li>" for w in art.warnings)
    body = (
        f'<main class="page"><p class="crumbs"><a href="/">All stories</a>{back}</p>\n'
        f"<h1>{esc(art.title or '(untitled)')}</h1>\n{_article_meta(art, analyzed)}\n"
        + (f'<ul class="warnings">{warnings}</ul>' if warnings else "")
        + f'<div class="text plain-text">{esc(art.text)}</div>\n'
        + (_claims(analyzed.claims) if analyzed else "")
        + "</main>"
    )
    return layout(art.title or art.id, body)


def _article_meta(art: Article, analyzed: AnalyzedArticle | None) -> str:
    parts = [esc(art.outlet)]
    if art.published:
        parts.append(f'<time datetime="{art.published}">{art.published}</time>')
    else:
        parts.append('<span class="undated">date unknown</span>')
    if analyzed:
        label = esc(analyzed.genre.label)
        parts.append(f'<span class="genre genre-{label}">{label}</span>')
    if art.byline:
        parts.append(f"by {esc(art.byline)}")
    if art.url.startswith(("http://", "https://")):
        parts.append(f'<a href="{esc(art.url)}" rel="noopener noreferrer">original</a>')
    return f'<p class="meta">{" · ".join(parts)}</p>'


def _claims(claims: Sequence[Claim]) -> str:
    rows = "\n".join(
        f'<tr><td class="num">{n}</td><td>{esc(c.voice)}</td><td>{esc(c.speaker or "")}</td>'
        f"<td>{esc(c.cue)}</td><td>{esc(c.text)}</td></tr>"
        for n, c in enumerate(claims, 1)
    )
    return (
        f'<h2 id="claims">Claims <span class="n">{len(claims)}</span></h2>'
        '<div class="scroll"><table class="claims"><thead><tr><th scope="col">#</th>'
        '<th scope="col">Voice</th><th scope="col">Speaker</th><th scope="col">Cue</th>'
        f'<th scope="col">Claim</th></tr></thead><tbody>\n{rows}\n</tbody></table></div>'
    )
