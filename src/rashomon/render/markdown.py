"""Markdown rendering, for notes, tickets and wikis. Source text is escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rashomon.records import ClaimRef, Comparison
from rashomon.render.text import when

ONE_OUTLET = (
    ("exclusive", "Only in one outlet"),
    ("similar", "Only in one outlet's words: another outlet has a close claim"),
)
SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def render_markdown(c: Comparison) -> str:
    names = {a.id: a.outlet for a in c.articles}
    return "\n".join(_lines(c, names)) + "\n"


def md(text: str) -> str:
    """Escape Markdown and HTML specials so source text renders literally."""
    return SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _lines(c: Comparison, names: dict[str, str]) -> Iterable[str]:
    yield f"# {md(c.title or 'Comparison')}"
    yield ""
    yield "| outlet | genre | published | title |"
    yield "|---|---|---|---|"
    for a in c.articles:
        yield f"| {md(a.outlet)} | {a.genre} | {a.published or ''} | {md(a.title)} |"
    yield from _facts(c, names)
    yield from _conflicts(c, names)
    yield from _voices(c)
    yield from _framing(c)
    yield from _timeline(c, names)
    if c.summary:
        yield ""
        yield "## Neutral summary"
        yield ""
        yield " ".join(f"{md(s.text)} [{md(', '.join(s.outlets))}]" for s in c.summary)


def _facts(c: Comparison, names: dict[str, str]) -> Iterable[str]:
    agreed = [f for f in c.facts if f.status == "agreed"]
    yield ""
    yield f"## Agreed ({len(agreed)})"
    for f in agreed:
        yield ""
        yield f"- **{md(f.label)}** — {md(' · '.join(f.outlets))}"
        for r in f.claims:
            yield f"  - {md(names[r.article])}: {_cite(r)}"
        for d in f.differences:
            yield f"  - ↳ {md(d.explanation)}"
    for status, head in ONE_OUTLET:
        only = [f for f in c.facts if f.status == status]
        yield ""
        yield f"## {head} ({len(only)})"
        yield ""
        for f in only:
            r = f.claims[0]
            note = " *(evaluative)*" if f.opinion else ""
            yield f"- **{md(names[r.article])}**: {_cite(r)}{note}"
            for near in f.nearest:
                yield f"  - ≈ close in {md(names[near.article])}: {_cite(near)}"


def _conflicts(c: Comparison, names: dict[str, str]) -> Iterable[str]:
    yield ""
    yield f"## Conflicts ({len(c.conflicts)})"
    for k in c.conflicts:
        yield ""
        yield f"- ✖ {md(k.explanation)}"
        for r in (k.a, k.b):
            yield f"  - {md(names[r.article])} (chars {r.start}–{r.end}): {_cite(r)}"


def _voices(c: Comparison) -> Iterable[str]:
    yield ""
    yield "## Voices"
    yield ""
    for v in c.voices:
        per: dict[str, list[str]] = {}
        for q in v.quotes:
            per.setdefault(q.outlet, []).append(q.cue)
        counts = "; ".join(
            f"{md(o)}: {len(cues)} ({md(', '.join(dict.fromkeys(cues)))})"
            for o, cues in per.items()
        )
        yield f"- **{md(v.speaker)}** — {counts}"
        for note in v.notes:
            yield f"  - {md(note)}"


def _framing(c: Comparison) -> Iterable[str]:
    yield ""
    yield "## Framing"
    yield ""
    yield "| outlet | genre | tone | attributed | cue verbs | loaded words | hedges |"
    yield "|---|---|---|---|---|---|---|"
    for f in c.framing:
        cues = ", ".join(f"{k} ×{n}" for k, n in f.cues.items())
        loaded = ", ".join(dict.fromkeys(e.text for e in f.loaded))
        hedges = ", ".join(dict.fromkeys(e.text for e in f.hedges))
        yield (
            f"| {md(f.outlet)} | {f.genre} | {f.tone:+.2f} | {f.attributed_share:.0%} | "
            f"{md(cues)} | {md(loaded)} | {md(hedges)} |"
        )


def _timeline(c: Comparison, names: dict[str, str]) -> Iterable[str]:
    if not c.timeline:
        return
    yield ""
    yield "## Timeline"
    yield ""
    for t in c.timeline:
        who = ", ".join(dict.fromkeys(names[r.article] for r in t.sources))
        said = "; ".join(f"“{md(e)}”" for e in dict.fromkeys(t.expressions))
        yield f"- **{when(t.date, t.granularity)}** {md(t.label)} — {md(who)} ({said})"


def _cite(r: ClaimRef) -> str:
    who = f" — {md(r.attribution)}" if r.attribution else ""
    return f"“{md(r.text)}”{who}"
