"""Compare several analysed articles about one event, claim by claim."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rashomon.errors import CompareError
from rashomon.records import AnalyzedArticle, ArticleInfo, Comparison


def compare_articles(analyzed: Sequence[AnalyzedArticle], *, force: bool = False) -> Comparison:
    """Align the claims of ``analyzed`` into facts and report agreement, gaps and conflicts."""
    from rashomon import summarize
    from rashomon.compare import (
        align,
        conflicts,
        differences,
        entities,
        framing,
        related,
        timeline,
        voices,
    )

    articles, warnings = related.usable(analyzed, force=force)
    scored = align.pair_features(articles)
    facts = align.align(articles, features=scored)
    facts = [replace(f, differences=tuple(differences.differences(f, articles))) for f in facts]
    problem = related.stranded(articles, facts)
    if problem and not force:
        raise CompareError(problem, hint="use --force to compare them anyway")
    if problem:
        warnings.append(problem)
    elif not any(f.status == "agreed" for f in facts):
        warnings.append(  # the articles passed the checks for different events above
            "no claim of one outlet was matched to another's; the matching is strict, so the "
            "same thing told in other words stays apart: read the ≈ claims under "
            '"only in one outlet\'s words"'
        )
    found = conflicts.find_conflicts(facts, articles, scored)
    linked = entities.link(articles)
    quoted = voices.voices(articles, linked, facts)
    return Comparison(
        articles=tuple(_info(a) for a in articles),
        facts=tuple(facts),
        conflicts=tuple(found),
        quotes=tuple(q for v in quoted for q in v.quotes),
        voices=tuple(quoted),
        entities=tuple(linked),
        framing=tuple(framing.frame(a, linked) for a in articles),
        timeline=tuple(timeline.build(articles, facts)),
        summary=tuple(summarize.summarize(facts, articles, found)),
        title=_title(articles),
        warnings=tuple(warnings),
    )


def _info(a: AnalyzedArticle) -> ArticleInfo:
    art = a.article
    return ArticleInfo(
        id=art.id,
        outlet=art.outlet,
        title=art.title,
        published=art.published.isoformat() if art.published else None,
        genre=a.genre.label,
        url=art.url,
        words=len(art.text.split()),
        text=art.text,
    )


def _title(articles: Sequence[AnalyzedArticle]) -> str:
    """The headline of the earliest report (reports before opinion pieces)."""
    ranked = sorted(
        articles,
        key=lambda a: (a.genre.label != "report", str(a.article.published or "9999"), a.article.id),
    )
    return next((a.article.title for a in ranked if a.article.title), "")
