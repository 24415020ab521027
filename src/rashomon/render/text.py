"""Plain-text rendering for the terminal."""

from __future__ import annotations

import calendar
import datetime as dt
import textwrap
from collections.abc import Iterable, Sequence

from rashomon.records import (
    AnalyzedArticle,
    ClaimRef,
    Comparison,
    Evidence,
    Fact,
    Framing,
    QuoteRef,
)

WIDTH = 100
LEGEND = (
    "(@N: where a claim starts in its article, in characters; — X: the source the outlet "
    "cites; (evaluative): worded with evaluative or loaded words)"
)


def render_article(analyzed: AnalyzedArticle) -> str:
    """One article's analysis: header, claims with speakers, entities, numbers, dates, framing."""
    return "\n".join(_article_lines(analyzed))


def render_comparison(comparison: Comparison) -> str:
    """The sections Story, Agreed, Only in …, Conflicts, Voices, Framing, Timeline, Summary."""
    names = _short_names(comparison)
    parts = [
        _story(comparison),
        _agreed(comparison, names),
        _exclusive(comparison, names),
        _conflicts(comparison, names),
        _voices(comparison, names),
        _framing(comparison),
        _timeline(comparison, names),
        _summary(comparison, names),
    ]
    return "\n\n".join(part for part in parts if part)


# --------------------------------------------------------------------------- one article


def _article_lines(a: AnalyzedArticle) -> Iterable[str]:
    art, g = a.article, a.genre
    words = len(art.text.split())
    yield f"ARTICLE  {art.title or '(no title)'}"
    yield f"         {art.outlet} · {art.published or 'date unknown'} · {words} words · id {art.id}"
    if art.dateline:
        yield f"         dateline: {art.dateline}"
    yield ""
    yield (
        f"GENRE    {g.label} (score {g.score:+.2f}"
        f"{f'; filed under {g.section} in its URL' if g.section else ''}): "
        f"{g.attributed_share:.0%} of claims attributed, "
        f"{g.evaluative_per_100_words:.1f} evaluative, "
        f"{g.first_person_per_100_words:.1f} first-person, "
        f"{g.hedges_per_100_words:.1f} hedges per 100 words"
    )
    yield ""
    yield f"CLAIMS ({len(a.claims)})"
    for n, c in enumerate(a.claims, 1):
        who = "outlet" if c.voice == "outlet" else f"{c.speaker or '?'}, {c.cue or c.voice}"
        flags = "".join(
            f" [{flag}]"
            for flag, on in (("negated", c.negated), ("hedged", c.hedged), ("loaded", c.evaluative))
            if on
        )
        yield _wrap(f"{n:>3}. [{who}] {_quote_text(c.text, c.voice)}{flags}  @{c.start}-{c.end}", 6)
    yield ""
    yield f"ENTITIES ({len(a.entities)})"
    tones = {t.entity: t.score for t in a.tones}
    for e in a.entities:
        title = f"; {e.title}" if e.title else ""
        forms = ", ".join(dict.fromkeys(m.text for m in e.mentions))
        tone = f", tone {tones[e.id]:+.2f}" if e.id in tones else ""
        yield _wrap(f"  {e.name} ({e.kind}{title}{tone}) ×{len(e.mentions)}: {forms}", 6)
    if a.quantities:
        yield ""
        yield f"NUMBERS ({len(a.quantities)})"
        for q in a.quantities:
            bound = "" if q.bound == "exact" else f" ({q.bound.replace('_', ' ')})"
            yield f"  {_number(q.value)} {q.unit}{bound}  “{q.text}”  @{q.start}"
    if a.times:
        yield ""
        yield f"DATES ({len(a.times)})"
        for t in a.times:
            yield f"  {t.date or 'unresolved':<10}  “{t.text}” ({t.granularity})  @{t.start}"


def _quote_text(text: str, voice: str) -> str:
    quoted = voice == "direct" and not text.startswith(("“", '"'))
    return f"“{text}”" if quoted else text


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


# --------------------------------------------------------------------------- comparison


def _short_names(comparison: Comparison) -> dict[str, str]:
    """Article id → outlet name (with a suffix when one outlet has several articles)."""
    counts: dict[str, int] = {}
    names = {}
    for info in comparison.articles:
        counts[info.outlet] = counts.get(info.outlet, 0) + 1
        suffix = f" #{counts[info.outlet]}" if counts[info.outlet] > 1 else ""
        names[info.id] = info.outlet + suffix
    return names


def _story(c: Comparison) -> str:
    outlets = {a.outlet for a in c.articles}
    head = (
        f"STORY  {c.title or '(untitled)'}    {len(c.articles)} articles · {len(outlets)} outlets"
    )
    lines = [head]
    for a in c.articles:
        lines.append(f"       {a.outlet} ({a.genre}, {a.published or 'date unknown'}) {a.title}")
    lines.append(f"       {LEGEND}")
    return "\n".join(_wrap(line, 7) for line in lines)


def _agreed(c: Comparison, names: dict[str, str]) -> str:
    agreed = [f for f in c.facts if f.status == "agreed"]
    if not agreed:
        return "AGREED (0 facts)\n  No claim is carried by more than one outlet."
    lines = [f"AGREED ({len(agreed)} facts)"]
    for fact in agreed:
        lines.append(_wrap(f" ● {fact.label}   [{_outlets(fact, names)}]", 3))
        lines.extend(_wrap(f"     {names[r.article]}: {_cite(r)}", 8) for r in fact.claims)
        for d in fact.differences:
            lines.append(_wrap(f"   ↳ {d.explanation}", 5))
    return "\n".join(lines)


def _exclusive(c: Comparison, names: dict[str, str]) -> str:
    only = _one_outlet(c, "exclusive", names)
    similar = _one_outlet(c, "similar", names)
    if only:
        only[0] += "; no other outlet has a claim close in meaning)"
    if similar:
        similar[0] += "; another outlet has a close claim ≈, maybe the same in other words)"
        similar[0] = similar[0].replace("ONLY IN ONE OUTLET", "ONLY IN ONE OUTLET'S WORDS")
    return "\n\n".join("\n".join(lines) for lines in (only, similar) if lines)


def _one_outlet(c: Comparison, status: str, names: dict[str, str]) -> list[str]:
    facts = [f for f in c.facts if f.status == status]
    if not facts:
        return []
    lines = [f"ONLY IN ONE OUTLET ({len(facts)} facts"]
    for fact in sorted(facts, key=lambda f: (f.outlets, f.claims[0].start)):
        ref = fact.claims[0]
        note = "  (evaluative)" if fact.opinion else ""
        who = f" — {ref.attribution}" if ref.attribution else ""
        lines.append(_wrap(f" ● {names[ref.article]:<16} {ref.text}{who}{note}  @{ref.start}", 20))
        for near in fact.nearest:
            denial = f"  — {near.attribution}" if near.attribution.endswith(", denying") else ""
            lines.append(_wrap(f"{'':20}≈ {names[near.article]}: “{near.text}”{denial}", 22))
    return lines


def _conflicts(c: Comparison, names: dict[str, str]) -> str:
    if not c.conflicts:
        return "CONFLICTS (0)\n  No claims were found that cannot both be true."
    lines = [f"CONFLICTS ({len(c.conflicts)})"]
    for k in c.conflicts:
        lines.append(_wrap(f" ✖ {k.explanation}", 3))
        for ref in (k.a, k.b):
            lines.append(_wrap(f"     {names[ref.article]} @{ref.start}: {_cite(ref)}", 8))
    return "\n".join(lines)


def _voices(c: Comparison, names: dict[str, str]) -> str:
    if not c.voices:
        return "VOICES\n  No one is quoted."
    lines = ["VOICES (quotations and paraphrases per outlet, with their cue words)"]
    alone: dict[str, list[str]] = {}
    for v in c.voices:
        by = {info.id: [q for q in v.quotes if q.article == info.id] for info in c.articles}
        outlets = {names[a] for a, mine in by.items() if mine}
        notes = [n for n in v.notes if not n.startswith("quoted only by")]
        if len(outlets) == 1 and not notes:
            article = next(a for a, mine in by.items() if mine)
            alone.setdefault(names[article], []).append(f"{v.speaker} {_count(by[article])}")
            continue
        per = [f"{names[a]}: {_count(mine) if mine else 0}" for a, mine in by.items()]
        lines.append(_wrap(f" {v.speaker:<28} " + " · ".join(per), 30))
        lines.extend(_wrap(f"   {note}", 5) for note in notes)
    if alone:
        lines.append(" Quoted by one outlet only:")
        lines.extend(_wrap(f"   {name}: " + "; ".join(who), 5) for name, who in alone.items())
    return "\n".join(lines)


def _count(quotes: Sequence[QuoteRef]) -> str:
    """ "3 (said, tweeted)": how many, and the cue words, long ones cut to their ends."""
    cues = ", ".join(dict.fromkeys(_short_cue(q.cue) for q in quotes if q.cue))
    return f"{len(quotes)} ({cues})" if cues else str(len(quotes))


def _short_cue(cue: str) -> str:
    """ "spoke to Mr. Trump, Mr. Kushner and Mr. Pence on Thursday about" → "spoke … about"."""
    words = cue.split()
    return cue if len(words) <= 3 else f"{words[0]} … {words[-1]}"


def _framing(c: Comparison) -> str:
    if not c.framing:
        return ""
    lines = [
        "FRAMING",
        f" {'outlet':<22}{'genre':<9}{'tone':>6}{'attributed':>12}  cues; loaded words",
    ]
    for f in c.framing:
        cues = ", ".join(
            f"{cue} ×{n}" for cue, n in sorted(f.cues.items(), key=lambda x: -x[1])[:4]
        )
        loaded = ", ".join(f"“{e.text}”" for e in _unique(f.loaded)[:5]) or "—"
        lines.append(
            _wrap(
                f" {f.outlet[:21]:<22}{f.genre:<9}{f.tone:>+6.2f}{f.attributed_share:>11.0%}  "
                f"{cues or '—'}; {loaded}",
                52,
            )
        )
        tones = ", ".join(
            f"{name} {score:+.2f}{_tone_words(f, name)}"
            for name, score in list(f.tone_by_entity.items())[:5]
        )
        if tones:
            lines.append(_wrap(f"   tone toward: {tones}", 17))
    return "\n".join(lines)


def _tone_words(f: Framing, name: str) -> str:
    """Up to three words behind a tone: " (“reckless”, “ignored”)"."""
    words = [f"“{w.text}”" for w in _unique(f.tone_words.get(name, ()))[:3]]
    return f" ({', '.join(words)})" if words else ""


def _timeline(c: Comparison, names: dict[str, str]) -> str:
    if not c.timeline:
        return ""
    lines = ["TIMELINE"]
    for t in c.timeline:
        who = ", ".join(dict.fromkeys(names[r.article] for r in t.sources))
        said = "; ".join(f"“{e}”" for e in dict.fromkeys(t.expressions))
        lines.append(_wrap(f" {when(t.date, t.granularity):<13} {t.label}   [{who}: {said}]", 15))
    return "\n".join(lines)


def when(date: str, granularity: str) -> str:
    """A date as precise as it is: "2011", "January 2026", "week of 2026-03-02", "2026-03-03"."""
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return date
    if granularity == "year":
        return f"{day.year}"
    if granularity == "month":
        return f"{calendar.month_name[day.month]} {day.year}"
    if granularity == "week":
        return f"week of {date}"
    return date


def _summary(c: Comparison, names: dict[str, str]) -> str:
    if not c.summary:
        return ""
    body = " ".join(f"{s.text} [{', '.join(s.outlets)}]" for s in c.summary)
    return "NEUTRAL SUMMARY (each sentence cites its outlets)\n" + _wrap(" " + body, 1)


def _outlets(fact: Fact, names: dict[str, str]) -> str:
    return " · ".join(dict.fromkeys(names[r.article] for r in fact.claims))


def _cite(ref: ClaimRef) -> str:
    who = f"  — {ref.attribution}" if ref.attribution else ""
    return f"“{ref.text}”{who}"


def _unique(items: Sequence[Evidence]) -> list[Evidence]:
    seen: dict[str, Evidence] = {}
    for item in items:
        seen.setdefault(item.text.lower(), item)
    return list(seen.values())


def _wrap(line: str, indent: int) -> str:
    return textwrap.fill(line, WIDTH, subsequent_indent=" " * indent, break_on_hyphens=False)
