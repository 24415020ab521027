"""The work done on each article, in whichever process or machine runs it.

:func:`process` analyses a batch of articles, embeds them in one call and computes their
MinHash signatures. The spaCy pipeline and the embedding model are loaded once per process
(:func:`warm_up`) and kept for every later batch.
"""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.errors import RashomonError
from rashomon.records import AnalyzedArticle, Article, Failure
from rashomon.stories import dedup
from rashomon.stories.profile import Processed, build, embedding_text


def analyze(article: Article) -> AnalyzedArticle:
    """The analysis of one article: the one place the corpus calls the analyser."""
    from rashomon.analyze import analyze_article

    return analyze_article(article)


def process(articles: Sequence[Article]) -> list[Processed | Failure]:
    """Analyse, embed and fingerprint ``articles``; a failure is reported, not raised."""
    from rashomon.embed import embed

    done: list[AnalyzedArticle | Failure] = [_analyze_or_fail(a) for a in articles]
    good = [d for d in done if isinstance(d, AnalyzedArticle)]
    vectors = iter(embed([embedding_text(d.article) for d in good]))
    return [d if isinstance(d, Failure) else _processed(d, next(vectors)) for d in done]


def warm_up() -> None:
    """Prepare a worker process: one compute thread (a worker per core), models loaded now."""
    from rashomon.embed import embed, set_threads
    from rashomon.nlp import pipeline

    set_threads(1)
    pipeline()
    embed(["warm up"])


def _analyze_or_fail(article: Article) -> AnalyzedArticle | Failure:
    try:
        return analyze(article)
    except RashomonError as exc:
        return Failure(
            source=article.source or article.id, reason=exc.message, kind=type(exc).__name__
        )


def _processed(analysis: AnalyzedArticle, vector: object) -> Processed:
    article = analysis.article
    return Processed(
        article=article,
        analysis=analysis,
        profile=build(analysis, vector),  # type: ignore[arg-type]
        signature=dedup.signature(f"{article.title}\n{article.text}"),
    )
