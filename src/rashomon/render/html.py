"""A self-contained HTML report: the comparison, and the articles side by side.

One file with inline CSS and JavaScript and a Content-Security-Policy that forbids every
request and every script but ours. Each claim of each article is highlighted by status
(agreed / only here / conflict) with a colour, an underline style and a text marker. Every
claim links to its fact and every fact links to its claims, so the page works without
JavaScript; with it, clicking a claim or a fact lights up the counterparts in all articles.
All source text is escaped.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import resources
from itertools import pairwise

from rashomon.records import (
    AnalyzedArticle,
    ArticleInfo,
    ClaimRef,
    Comparison,
    Conflict,
    Evidence,
    Fact,
    Framing,
    QuoteRef,
    SummarySentence,
    TimelineEntry,
    VoiceSummary,
)
from rashomon.render.text import when

# A fact most of whose claims use evaluative or loaded words ("heroic", "cover-up").
EVALUATIVE_TAG = (
    ' <span class="tag" title="most of its claims use evaluative or loaded words">evaluative</span>'
)

RANK = {"none": 0, "similar": 1, "exclusive": 2, "agreed": 3, "conflict": 4}
MARKERS = {"agreed": "●", "exclusive": "◆", "similar": "◇", "conflict": "✖"}
LABELS = {
    "agreed": "agreed",
    "exclusive": "only here",
    "similar": "only here in these words",
    "conflict": "conflict",
}
SECTIONS = (
    ("agreed", "Agreed"),
    ("exclusive", "Only in one outlet"),
    ("similar", "Close elsewhere"),
    ("conflicts", "Conflicts"),
    ("voices", "Voices"),
    ("framing", "Framing"),
    ("timeline", "Timeline"),
    ("summary", "Neutral summary"),
    ("articles", "Articles"),
)


def render_html(comparison: Comparison, analyzed: Sequence[AnalyzedArticle]) -> str:
    """The whole report as one HTML document that makes no network request."""
    title = esc(comparison.title or "Comparison")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(content_policy())}">\n'
        f"<title>{title} · rashomon</title>\n<style>\n{report_css()}</style>\n</head>\n"
        f"<body>\n{render_body(comparison, analyzed)}\n"
        f"<script>{report_js()}</script>\n</body>\n</html>\n"
    )


def render_body(comparison: Comparison, analyzed: Sequence[AnalyzedArticle]) -> str:
    """The report without ``<html>``/``<head>``: for pages that wrap it (the story browser)."""
    index = build_index(comparison, analyzed)
    parts = [
        _header(comparison, index),
        _toc(comparison),
        '<main id="report">',
        _agreed(comparison, index),
        _exclusive(comparison, index),
        _similar(comparison, index),
        _conflicts(comparison, index),
        _voices(comparison, index),
        _framing(comparison, index),
        _timeline(comparison, index),
        _summary(comparison, index),
        _articles(comparison, analyzed, index),
        "</main>",
        _footer(comparison),
    ]
    return "\n".join(part for part in parts if part)


def report_css() -> str:
    """The stylesheet of the report (screen and print)."""
    return _asset("report.css")


def report_js() -> str:
    """The small script that lights up counterparts; the page works without it."""
    return _asset("report.js")


def content_policy() -> str:
    """A Content-Security-Policy allowing inline styles and only our own script (by hash)."""
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src {script_source()}; base-uri 'none'; form-action 'none'"
    )


def script_source() -> str:
    """The CSP source expression matching :func:`report_js` exactly."""
    digest = hashlib.sha256(report_js().encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def esc(text: object) -> str:
    """Escape text for HTML content and double-quoted attributes."""
    return escape(str(text), quote=True)


@cache
def _asset(name: str) -> str:
    return resources.files("rashomon.render").joinpath("templates", name).read_text("utf-8")


# --------------------------------------------------------------------------- index


@dataclass
class Index:
    """Anchors and statuses shared by the sections and the article columns."""

    names: dict[str, str] = field(default_factory=dict)  # article id → outlet label
    numbers: dict[str, int] = field(default_factory=dict)  # article id → 1-based column
    claims: dict[tuple[str, str], str] = field(default_factory=dict)  # (article, claim) → anchor
    spans: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)  # claim anchor → status
    groups: dict[str, list[str]] = field(default_factory=dict)  # claim anchor → fact/conflict
    facts: dict[str, str] = field(default_factory=dict)  # fact id → anchor
    labels: dict[str, str] = field(default_factory=dict)  # group anchor → one-line label

    def anchor(self, ref: ClaimRef) -> str | None:
        """The anchor of the claim ``ref`` cites: by id, else the claim covering its start."""
        found = self.claims.get((ref.article, ref.claim))
        if found:
            return found
        spans = self.spans.get(ref.article, [])
        exact = [a for s, e, a in spans if (s, e) == (ref.start, ref.end)]
        return exact[0] if exact else self.at(ref.article, ref.start)

    def at(self, article: str, offset: int) -> str | None:
        """The anchor of the claim of ``article`` covering character ``offset``."""
        return next((a for s, e, a in self.spans.get(article, []) if s <= offset < e), None)


def build_index(comparison: Comparison, analyzed: Sequence[AnalyzedArticle]) -> Index:
    """Number articles, claims, facts and conflicts and work out each claim's status."""
    index = Index(names=_outlet_names(comparison.articles, analyzed))
    ids = [a.id for a in comparison.articles]
    ids += [a.article.id for a in analyzed if a.article.id not in ids]
    index.numbers = {article: n for n, article in enumerate(ids, 1)}
    for a in analyzed:
        _number_claims(index, a)
    for n, fact in enumerate(comparison.facts, 1):
        index.facts[fact.id] = f"f{n}"
        index.labels[f"f{n}"] = fact.label
        _mark(index, fact.claims, f"f{n}", fact.status)
    for n, conflict in enumerate(comparison.conflicts, 1):
        index.labels[f"x{n}"] = conflict.explanation
        _mark(index, (conflict.a, conflict.b), f"x{n}", "conflict")
    return index


def _outlet_names(
    articles: Sequence[ArticleInfo], analyzed: Sequence[AnalyzedArticle]
) -> dict[str, str]:
    """Article id → outlet name, numbered when one outlet has several articles."""
    pairs = [(a.id, a.outlet) for a in articles]
    pairs += [(a.article.id, a.article.outlet) for a in analyzed if a.article.id not in dict(pairs)]
    seen: dict[str, int] = {}
    names = {}
    for article, outlet in pairs:
        seen[outlet] = seen.get(outlet, 0) + 1
        names[article] = outlet if seen[outlet] == 1 else f"{outlet} #{seen[outlet]}"
    return names


def _number_claims(index: Index, analyzed: AnalyzedArticle) -> None:
    article = analyzed.article.id
    column = index.numbers[article]
    spans = index.spans.setdefault(article, [])
    for n, claim in enumerate(analyzed.claims, 1):
        anchor = f"a{column}-c{n}"
        index.claims[(article, claim.id)] = anchor
        spans.append((claim.start, claim.end, anchor))


def _mark(index: Index, refs: Iterable[ClaimRef], group: str, status: str) -> None:
    for ref in refs:
        anchor = index.anchor(ref)
        if anchor is None:
            continue
        index.groups.setdefault(anchor, []).append(group)
        if RANK[status] > RANK[index.status.get(anchor, "none")]:
            index.status[anchor] = status


# --------------------------------------------------------------------------- header


def _header(c: Comparison, index: Index) -> str:
    outlets = len({a.outlet for a in c.articles})
    agreed = sum(f.status == "agreed" for f in c.facts)
    only = sum(f.status == "exclusive" for f in c.facts)
    similar = sum(f.status == "similar" for f in c.facts)
    counts = (
        f"{_plural(len(c.articles), 'article')} · {_plural(outlets, 'outlet')} · "
        f"{agreed} agreed · {only} only in one · {similar} close elsewhere · "
        f"{_plural(len(c.conflicts), 'conflict')}"
    )
    items = "\n".join(_outlet_item(a, index) for a in c.articles)
    warnings = "".join(f"<li>{esc(w)}</li>" for w in c.warnings)
    notes = f'<ul class="warnings" role="note">{warnings}</ul>' if warnings else ""
    return (
        f'<header class="story" id="top">\n<p class="kicker">Comparison · {counts}</p>\n'
        f"<h1>{esc(c.title or 'Comparison')}</h1>\n"
        f'<ul class="outlets">\n{items}\n</ul>\n{notes}'
        '<p class="jump"><a href="#articles">Read the articles side by side ↓</a></p></header>'
    )


def _outlet_item(a: ArticleInfo, index: Index) -> str:
    date = f'<time datetime="{esc(a.published)}">{esc(a.published)}</time>' if a.published else ""
    link = _source_link(a.url)
    return (
        f'<li><a class="outlet" href="#a{index.numbers[a.id]}">{esc(index.names[a.id])}</a> '
        f'<span class="genre genre-{esc(a.genre)}">{esc(a.genre)}</span> {date} '
        f'<cite>{esc(a.title)}</cite>{link} <span class="words">{a.words} words</span></li>'
    )


def _source_link(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        return ""
    return f' <a class="source-url" href="{esc(url)}" rel="noopener noreferrer">source</a>'


def _toc(c: Comparison) -> str:
    counts = {
        "agreed": sum(f.status == "agreed" for f in c.facts),
        "exclusive": sum(f.status == "exclusive" for f in c.facts),
        "similar": sum(f.status == "similar" for f in c.facts),
        "conflicts": len(c.conflicts),
        "voices": len(c.voices),
    }
    links = " ".join(
        f'<a href="#{key}">{name}{_count(counts.get(key))}</a>' for key, name in SECTIONS
    )
    return f'<nav class="toc" aria-label="Sections">{links}</nav>'


def _count(n: int | None) -> str:
    return "" if n is None else f' <span class="n">{n}</span>'


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --------------------------------------------------------------------------- facts


def _agreed(c: Comparison, index: Index) -> str:
    facts = [f for f in c.facts if f.status == "agreed"]
    body = _list((_fact(f, index) for f in facts), "facts")
    empty = "No claim is carried by more than one outlet."
    return _section("agreed", f"Agreed{_count(len(facts))}", body or _empty(empty))


def _exclusive(c: Comparison, index: Index) -> str:
    hint = "No other outlet has a claim close in meaning."
    empty = "Every claim is carried by more than one outlet or is close to another outlet's."
    return _one_outlet(c, index, "exclusive", "Only in one outlet", hint, empty)


def _similar(c: Comparison, index: Index) -> str:
    hint = (
        "Told in these words by one outlet only, but another outlet has a claim close in"
        " meaning (≈), often the same thing in other words: read it before calling a fact"
        " left out."
    )
    empty = "No fact of one outlet has a close claim elsewhere."
    return _one_outlet(c, index, "similar", "Only in one outlet's words", hint, empty)


def _one_outlet(c: Comparison, index: Index, status: str, title: str, hint: str, empty: str) -> str:
    facts = [f for f in c.facts if f.status == status]
    parts = []
    for article in c.articles:
        mine = [f for f in facts if f.claims and f.claims[0].article == article.id]
        if mine:
            name = esc(index.names[article.id])
            items = _list((_only(f, index) for f in mine), "facts only")
            heading = esc(title).replace("one outlet", name)
            head = f"<summary><h3>{heading}{_count(len(mine))}</h3></summary>"
            parts.append(f'<details class="only" open>{head}\n{items}</details>')
    body = "\n".join(parts) or _empty(empty)
    intro = f'<p class="hint">{esc(hint)}</p>\n' if facts else ""
    return _section(status, f"{esc(title)}{_count(len(facts))}", intro + body)


def _only(fact: Fact, index: Index) -> str:
    """A fact of one outlet on one line: its words, linked to the text, and who says them."""
    anchor = index.facts[fact.id]
    ref = fact.claims[0]
    target = index.anchor(ref)
    words = f'<span class="label">{esc(ref.text)}</span>'
    text = f'<a class="cite" href="#{target}">{words}</a>' if target else words
    speaker = f' <span class="speaker">— {esc(ref.attribution)}</span>' if ref.attribution else ""
    opinion = EVALUATIVE_TAG if fact.opinion else ""
    near = "".join(_near(r, index) for r in fact.nearest)
    return (
        f'<li id="{anchor}" class="fact {fact.status}" data-groups="{anchor}">'
        f'<p class="line">{_marker(fact.status)}{text}{speaker}{opinion}</p>{near}</li>'
    )


def _near(ref: ClaimRef, index: Index) -> str:
    """Another outlet's claim close in meaning, which the aligner did not join to the fact."""
    target = index.anchor(ref)
    words = esc(ref.text)
    text = f'<a class="cite" href="#{target}">{words}</a>' if target else words
    name = esc(index.names[ref.article])
    return f'<p class="near" title="close in meaning, not joined to the fact">≈ {name}: {text}</p>'


def _fact(fact: Fact, index: Index) -> str:
    anchor = index.facts[fact.id]
    status = fact.status
    refs = [r for r in fact.claims if index.anchor(r)]
    show = f' <a class="show" href="#{index.anchor(refs[0])}">in the text</a>' if refs else ""
    opinion = EVALUATIVE_TAG if fact.opinion else ""
    outlets = " · ".join(esc(o) for o in fact.outlets)
    cites = _list((_cite(r, index) for r in fact.claims), "cites")
    diffs = _list((_difference(d.explanation, d.text) for d in fact.differences), "diffs")
    return (
        f'<li id="{anchor}" class="fact {status}" data-groups="{anchor}">'
        f'<p class="line">{_marker(status)}<span class="label">{esc(fact.label)}</span>'
        f'{opinion} <span class="who">{outlets}</span>{show}</p>\n{cites}{diffs}</li>'
    )


def _difference(explanation: str, text: str) -> str:
    quoted = "" if text.lower() in explanation.lower() else f" <q>{esc(text)}</q>"
    return f"↳ {esc(explanation)}{quoted}"


def _cite(ref: ClaimRef, index: Index) -> str:
    name = esc(index.names.get(ref.article, ref.article))
    anchor = index.anchor(ref)
    outlet = f'<a class="cite" href="#{anchor}">{name}</a>' if anchor else f"<b>{name}</b>"
    speaker = f' <span class="speaker">— {esc(ref.attribution)}</span>' if ref.attribution else ""
    return f'{outlet}: <span class="quote">{esc(ref.text)}</span>{speaker}'


def _marker(status: str) -> str:
    return (
        f'<span class="mk mk-{status}" aria-hidden="true">{MARKERS[status]}</span>'
        f'<span class="sr">{LABELS[status]}: </span>'
    )


# --------------------------------------------------------------------------- conflicts


def _conflicts(c: Comparison, index: Index) -> str:
    items = [_conflict(k, n, index) for n, k in enumerate(c.conflicts, 1)]
    body = _list(items, "facts") or _empty("No claims were found that cannot both be true.")
    return _section("conflicts", f"Conflicts{_count(len(items))}", body)


def _conflict(k: Conflict, n: int, index: Index) -> str:
    groups = f"x{n}"
    if k.fact and k.fact in index.facts:
        groups += f" {index.facts[k.fact]}"
    confidence = f' <span class="conf">confidence {k.confidence:.2f}</span>'
    cites = _list((_cite(r, index) for r in (k.a, k.b)), "cites")
    return (
        f'<li id="x{n}" class="fact conflict" data-groups="{groups}">'
        f'<p class="line">{_marker("conflict")}<span class="tag">{esc(k.kind)}</span> '
        f'<span class="label">{esc(k.explanation)}</span>{confidence}</p>\n{cites}</li>'
    )


# --------------------------------------------------------------------------- voices


def _voices(c: Comparison, index: Index) -> str:
    if not c.voices:
        return _section("voices", "Voices", _empty("No one is quoted."))
    head = "".join(f'<th scope="col">{esc(index.names[a.id])}</th>' for a in c.articles)
    rows = "\n".join(_voice_row(v, c.articles, index) for v in c.voices)
    table = (
        f'<div class="scroll"><table class="voices">\n<thead><tr><th scope="col">Speaker</th>'
        f"{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table></div>"
    )
    return _section("voices", f"Voices{_count(len(c.voices))}", table)


def _voice_row(v: VoiceSummary, articles: Sequence[ArticleInfo], index: Index) -> str:
    cells = "".join(f"<td>{_voice_cell(v, a.id)}</td>" for a in articles)
    notes = "".join(f'<p class="note">{esc(n)}</p>' for n in v.notes)
    quotes = _list((_quote(q, index) for q in v.quotes), "quotes")
    details = f"<details><summary>{_plural(len(v.quotes), 'quote')}</summary>{quotes}</details>"
    return f'<tr><th scope="row">{esc(v.speaker)}{notes}{details}</th>{cells}</tr>'


def _voice_cell(v: VoiceSummary, article: str) -> str:
    mine = [q for q in v.quotes if q.article == article]
    if not mine:
        return '<span class="absent">—</span>'
    direct = sum(q.direct for q in mine)
    kinds = [
        f"{n} {kind}" for n, kind in ((direct, "direct"), (len(mine) - direct, "reported")) if n
    ]
    cues = ", ".join(dict.fromkeys(esc(q.cue) for q in mine if q.cue))
    return (
        f'<span class="num">{len(mine)}</span> <span class="split">({", ".join(kinds)})</span>'
        f'<br><span class="cues">{cues}</span>'
    )


def _quote(q: QuoteRef, index: Index) -> str:
    name = esc(index.names.get(q.article, q.outlet))
    anchor = index.at(q.article, q.start)
    outlet = f'<a class="cite" href="#{anchor}">{name}</a>' if anchor else f"<b>{name}</b>"
    kind = "direct" if q.direct else "reported"
    text = f"<q>{esc(q.text)}</q>" if q.direct else esc(q.text)
    return f'{outlet} <span class="cue">{esc(q.cue)}</span> <span class="tag">{kind}</span> {text}'


# --------------------------------------------------------------------------- framing


def _framing(c: Comparison, index: Index) -> str:
    if not c.framing:
        return ""
    rows = "\n".join(_framing_row(f, index) for f in c.framing)
    table = (
        '<div class="scroll"><table class="framing">\n<thead><tr><th scope="col">Outlet</th>'
        '<th scope="col">Genre</th><th scope="col">Tone</th><th scope="col">Attributed</th>'
        '<th scope="col">Cue verbs</th><th scope="col">Loaded words</th>'
        '<th scope="col">Hedges</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody></table></div>"
    )
    hint = (
        '<p class="hint">Tone runs from −1 (negative) to +1 (positive); attributed is the share '
        "of claims the outlet puts in someone's mouth.</p>"
    )
    return _section("framing", "Framing", hint + table)


def _framing_row(f: Framing, index: Index) -> str:
    cues = ", ".join(
        f"{esc(cue)} ×{n}" for cue, n in sorted(f.cues.items(), key=lambda item: -item[1])[:6]
    )
    tones = ", ".join(
        f"{esc(name)} {score:+.2f}{_tone_words(f, name, index)}"
        for name, score in f.tone_by_entity.items()
    )
    toward = f'<p class="note">tone toward: {tones}</p>' if tones else ""
    name = esc(index.names.get(f.article, f.outlet))
    return (
        f'<tr><th scope="row">{name}{toward}</th>'
        f'<td><span class="genre genre-{esc(f.genre)}">{esc(f.genre)}</span></td>'
        f'<td class="num">{f.tone:+.2f}</td><td class="num">{f.attributed_share:.0%}</td>'
        f"<td>{cues or '—'}</td><td>{_evidence(f.loaded, f.article, index)}</td>"
        f"<td>{_evidence(f.hedges, f.article, index)}</td></tr>"
    )


def _tone_words(f: Framing, name: str, index: Index) -> str:
    """The words behind a tone, linked to the article text: " (“reckless”)"."""
    words = f.tone_words.get(name, ())
    return f" ({_evidence(words, f.article, index)})" if words else ""


def _evidence(items: Sequence[Evidence], article: str, index: Index) -> str:
    seen: dict[str, Evidence] = {}
    for item in items:
        seen.setdefault(item.text.lower(), item)
    links = []
    for item in seen.values():
        anchor = index.at(article, item.start)
        word = f"<q>{esc(item.text)}</q>"
        links.append(f'<a href="#{anchor}">{word}</a>' if anchor else word)
    return ", ".join(links) or "—"


# --------------------------------------------------------------------------- timeline


def _timeline(c: Comparison, index: Index) -> str:
    if not c.timeline:
        return ""
    items = "\n".join(_moment(t, index) for t in c.timeline)
    return _section("timeline", "Timeline", f'<ol class="timeline">\n{items}\n</ol>')


def _moment(t: TimelineEntry, index: Index) -> str:
    sources = ", ".join(_cite_outlet(r, index) for r in t.sources)
    said = "; ".join(f"<q>{esc(e)}</q>" for e in dict.fromkeys(t.expressions))
    machine = {"year": t.date[:4], "month": t.date[:7]}.get(t.granularity, t.date)
    return (
        f'<li><time datetime="{esc(machine)}">{esc(when(t.date, t.granularity))}</time> '
        f'<span class="label">{esc(t.label)}</span> '
        f'<span class="who">{sources}</span> <span class="said">{said}</span></li>'
    )


def _cite_outlet(ref: ClaimRef, index: Index) -> str:
    name = esc(index.names.get(ref.article, ref.article))
    anchor = index.anchor(ref)
    return f'<a class="cite" href="#{anchor}">{name}</a>' if anchor else name


# --------------------------------------------------------------------------- summary


def _summary(c: Comparison, index: Index) -> str:
    if not c.summary:
        return ""
    body = " ".join(_sentence(s, index) for s in c.summary)
    hint = '<p class="hint">Each sentence cites the outlets that support it.</p>'
    return _section("summary", "Neutral summary", f'{hint}<p class="neutral">{body}</p>')


def _sentence(s: SummarySentence, index: Index) -> str:
    outlets = esc(", ".join(s.outlets))
    anchors = [index.facts[f] for f in s.facts if f in index.facts]
    cite = f'<a href="#{anchors[0]}">[{outlets}]</a>' if anchors else f"[{outlets}]"
    return f'{esc(s.text)} <span class="cites-inline">{cite}</span>'


# --------------------------------------------------------------------------- articles


def _articles(c: Comparison, analyzed: Sequence[AnalyzedArticle], index: Index) -> str:
    order = {article: n for n, article in enumerate(index.numbers)}
    ordered = sorted(analyzed, key=lambda a: order[a.article.id])
    columns = "\n".join(_column(a, index) for a in ordered)
    legend = (
        '<p class="legend">'
        f'<span class="claim agreed">{_marker("agreed")}agreed by several outlets</span> '
        f'<span class="claim exclusive">{_marker("exclusive")}only in this outlet</span> '
        f'<span class="claim similar">{_marker("similar")}only in this outlet\'s words</span> '
        f'<span class="claim conflict">{_marker("conflict")}in conflict</span> '
        "Click a highlighted claim to see its counterparts; the link leads to its fact.</p>"
    )
    bar = '<div class="bar" role="status" aria-live="polite" hidden></div>'
    body = f'{legend}\n{bar}\n<div class="columns">\n{columns}\n</div>'
    return _section("articles", "The articles side by side", body)


def _column(a: AnalyzedArticle, index: Index) -> str:
    art = a.article
    n = index.numbers[art.id]
    date = f'<time datetime="{art.published}">{art.published}</time>' if art.published else ""
    meta = " · ".join(p for p in (esc(index.names[art.id]), a.genre.label, date) if p)
    return (
        f'<article id="a{n}" class="source" aria-labelledby="a{n}-title">\n'
        f'<header><p class="meta">{meta}</p><h3 id="a{n}-title">{esc(art.title)}</h3></header>\n'
        f'<div class="text">{highlight(a, index)}</div>\n</article>'
    )


def highlight(a: AnalyzedArticle, index: Index) -> str:
    """The article text with each claim wrapped in a link carrying its status and groups.

    Overlapping claims are flattened: every stretch of text belongs to the covering claim of
    highest status (then the shortest), so the markup stays properly nested.
    """
    text = a.article.text
    spans = index.spans.get(a.article.id, [])
    parts: list[str] = []
    opened: set[str] = set()
    for start, end, owner in _runs(text, spans, index):
        if owner is None:
            parts.append(esc(text[start:end]))
            continue
        parts.append(_claim_run(text[start:end], owner, owner not in opened, index))
        opened.add(owner)
    parts.extend(f'<span id="{s[2]}"></span>' for s in spans if s[2] not in opened)
    return "".join(parts)


def _runs(
    text: str, spans: Sequence[tuple[int, int, str]], index: Index
) -> Iterable[tuple[int, int, str | None]]:
    cuts = sorted({0, len(text)} | {p for s, e, _ in spans for p in (s, e) if 0 <= p <= len(text)})
    current: tuple[int, int, str | None] | None = None
    for start, end in pairwise(cuts):
        owner = _owner(start, end, spans, index)
        if current and current[2] == owner:
            current = (current[0], end, owner)
            continue
        if current:
            yield current
        current = (start, end, owner)
    if current:
        yield current


def _owner(start: int, end: int, spans: Sequence[tuple[int, int, str]], index: Index) -> str | None:
    covering = [(s, e, a) for s, e, a in spans if s <= start and end <= e]
    if not covering:
        return None
    best = max(covering, key=lambda c: (RANK[index.status.get(c[2], "none")], c[0] - c[1]))
    return best[2]


def _claim_run(text: str, anchor: str, first: bool, index: Index) -> str:
    status = index.status.get(anchor, "none")
    groups = index.groups.get(anchor, [])
    ident = f' id="{anchor}"' if first else ""
    if not groups:
        return f'<span{ident} class="claim plain" data-claim="{anchor}">{esc(text)}</span>'
    marker = _marker(status) if first else ""
    title = esc(f"{LABELS[status]}: {index.labels.get(groups[0], '')}")
    return (
        f'<a{ident} class="claim {status}" href="#{groups[0]}" data-claim="{anchor}" '
        f'data-groups="{" ".join(groups)}" title="{title}">{marker}{esc(text)}</a>'
    )


def _footer(c: Comparison) -> str:
    return (
        '<footer class="about"><p>Made with rashomon (schema '
        f"{esc(c.schema_version)}). Every highlighted claim is an exact span of the article "
        "text; the quotations above are copied from those spans.</p></footer>"
    )


# --------------------------------------------------------------------------- helpers


def _section(key: str, heading: str, body: str) -> str:
    return (
        f'<section id="{key}" aria-labelledby="{key}-h">\n'
        f'<h2 id="{key}-h">{heading} <a class="up" href="#top" aria-label="Back to top">↑</a>'
        f"</h2>\n{body}\n</section>"
    )


def _list(items: Iterable[str], cls: str) -> str:
    rows = "\n".join(f"<li>{item}</li>" if not item.startswith("<li") else item for item in items)
    return f'<ul class="{cls}">\n{rows}\n</ul>\n' if rows else ""


def _empty(message: str) -> str:
    return f'<p class="empty">{esc(message)}</p>'
