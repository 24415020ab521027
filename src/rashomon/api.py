"""The public Python API: read, analyze and compare articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from rashomon.records import AnalyzedArticle, Article, Comparison

Source = str | Path | Article

# From this many articles, analyze_many uses every core (up to 8) unless told otherwise:
# below it, starting worker processes costs about what it saves.
PARALLEL_FROM = 4


def read(
    source: str | Path, *, outlet: str | None = None, published: dt.date | None = None
) -> list[Article]:
    """Read every article in a file, folder or URL (a JSONL file may hold many)."""
    from rashomon.ingest import read as read_source

    return read_source(str(source), outlet=outlet, published=published)


def analyze(
    source: Source, *, outlet: str | None = None, published: dt.date | None = None
) -> AnalyzedArticle:
    """Analyse one article: claims, speakers, entities, numbers, dates, genre and tone."""
    from rashomon.analyze import analyze_article

    return analyze_article(_one_article(source, outlet, published))


def analyze_many(
    articles: Iterable[Article], *, processes: int | None = None
) -> list[AnalyzedArticle]:
    """Analyse many articles, in ``processes`` worker processes when more than one.

    By default one process for fewer than :data:`PARALLEL_FROM` articles, else one per core.
    The results are the same either way, in the order given.
    """
    from rashomon.analyze.pipeline import analyze_articles, default_processes

    batch = list(articles)
    if processes is None:
        processes = default_processes() if len(batch) >= PARALLEL_FROM else 1
    return analyze_articles(batch, processes=processes)


def compare(sources: Sequence[Source | AnalyzedArticle], *, force: bool = False) -> Comparison:
    """Compare two or more articles about one event, claim by claim."""
    import rashomon.nlp  # noqa: F401  (first: spaCy without PyTorch, see rashomon.nlp)
    from rashomon.compare import compare_articles

    todo = [_one_article(s, None, None) for s in sources if not isinstance(s, AnalyzedArticle)]
    fresh = iter(analyze_many(todo))
    analyzed = [s if isinstance(s, AnalyzedArticle) else next(fresh) for s in sources]
    return compare_articles(analyzed, force=force)


def _one_article(source: Source, outlet: str | None, published: dt.date | None) -> Article:
    if isinstance(source, Article):
        return source
    articles = read(source, outlet=outlet, published=published)
    return articles[0]
