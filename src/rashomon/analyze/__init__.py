"""Read one article: claims, who asserts them, entities, numbers, dates, genre and tone."""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.records import AnalyzedArticle, Article


def analyze_article(article: Article) -> AnalyzedArticle:
    """Analyse one article; every span points into ``article.text``."""
    from rashomon.analyze.pipeline import analyze_article as run

    return run(article)


def analyze_articles(articles: Sequence[Article], *, processes: int = 1) -> list[AnalyzedArticle]:
    """Analyse ``articles`` in order, in ``processes`` worker processes when more than one."""
    from rashomon.analyze.pipeline import analyze_articles as run

    return run(articles, processes=processes)
