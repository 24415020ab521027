"""Check that a set of articles can be compared: enough of them, not copies, one event."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

import numpy as np

from rashomon.errors import CompareError
from rashomon.records import AnalyzedArticle, Fact

# Cosine between the mean claim embeddings of two articles below which, with no shared named
# entity either, they are taken to report different events: the highest bar that refuses at
# most 1% of same-event pairs of ECB+ train+dev documents (benchmarks/eval_related.py; figures
# in docs/quality.md, "Different events").
UNRELATED_BELOW = 0.45
COPY_ABOVE = 0.9


def usable(
    analyzed: Sequence[AnalyzedArticle], *, force: bool = False
) -> tuple[list[AnalyzedArticle], list[str]]:
    """The articles worth comparing, and warnings about the ones dropped or doubtful."""
    articles, warnings = _drop_identical(analyzed)
    if len(articles) < 2:
        reason = f" ({warnings[0]})" if warnings else ""
        raise CompareError(
            f"need at least two different articles to compare, got {len(articles)}{reason}",
            hint="give two or more files or URLs about the same event",
        )
    for a, b in itertools.combinations(articles, 2):
        if _shingle_overlap(a.article.text, b.article.text) > COPY_ABOVE:
            warnings.append(f"{_name(a)} and {_name(b)} are near-identical copies of one text")
    problem = unrelated(articles)
    if problem and not force:
        raise CompareError(problem, hint="use --force to compare them anyway")
    if problem:
        warnings.append(problem)
    return articles, warnings


def _drop_identical(
    analyzed: Sequence[AnalyzedArticle],
) -> tuple[list[AnalyzedArticle], list[str]]:
    kept: dict[str, AnalyzedArticle] = {}
    warnings = []
    for a in analyzed:
        key = " ".join(a.article.text.split()).lower()
        if key in kept:
            warnings.append(f"{_name(a)} is identical to {_name(kept[key])} and is counted once")
        else:
            kept[key] = a
    return list(kept.values()), warnings


def unrelated(articles: Sequence[AnalyzedArticle]) -> str:
    """A sentence naming the article that shares nothing with the others, or ''."""
    sims, shared = evidence(articles)
    names = [_names(a) for a in articles]
    for i, a in enumerate(articles):
        if looks_unrelated(sims[i], shared[i], i):
            topics = ", ".join(sorted(names[i])[:4]) or "no named entities"
            best = max(sims[i, j] for j in range(len(articles)) if j != i)
            return (
                f"{_name(a)} looks like a different event from the others "
                f"(best text similarity {best:.2f}, no shared names; it mentions {topics})"
            )
    return ""


def stranded(articles: Sequence[AnalyzedArticle], facts: Sequence[Fact]) -> str:
    """A sentence naming the article that shares neither a fact nor a name with any other, or
    '' (two reports of two accidents read alike but share no person, place or statement)."""
    joined = {c.article for f in facts if f.status == "agreed" for c in f.claims}
    names = [_names(a) for a in articles]
    for i, a in enumerate(articles):
        others = [names[j] for j in range(len(articles)) if j != i]
        if a.article.id in joined or any(names[i] & n for n in others):
            continue
        topics = ", ".join(sorted(names[i])[:4]) or "no named entities"
        return (
            f"{_name(a)} looks like a different event from the others "
            f"(no fact and no name in common; it mentions {topics})"
        )
    return ""


def looks_unrelated(sims: np.ndarray, shared: np.ndarray, i: int) -> bool:
    """Article ``i`` is far in meaning from every other one and shares no name with any."""
    others = [j for j in range(len(sims)) if j != i]
    return max(sims[j] for j in others) < UNRELATED_BELOW and not any(shared[j] for j in others)


def evidence(
    articles: Sequence[AnalyzedArticle], embedder: Callable[[list[str]], np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Cosine of the articles' mean claim embeddings, and whether each pair shares a name."""
    vectors = _article_vectors(articles, embedder)
    names = [_names(a) for a in articles]
    shared = np.array([[bool(x & y) for y in names] for x in names])
    return vectors @ vectors.T, shared


def _article_vectors(
    articles: Sequence[AnalyzedArticle], embedder: Callable[[list[str]], np.ndarray] | None
) -> np.ndarray:
    from rashomon.embed import embed

    encode = embedder or embed
    rows = []
    for a in articles:
        texts = [c.text for c in a.claims] or [a.article.title or a.article.text[:500]]
        mean = encode(texts).mean(axis=0)
        rows.append(mean / (np.linalg.norm(mean) or 1.0))
    return np.stack(rows)


def _names(a: AnalyzedArticle) -> set[str]:
    return {e.name.lower() for e in a.entities if e.kind != "other"}


def _shingle_overlap(x: str, y: str) -> float:
    a, b = _shingles(x), _shingles(y)
    return len(a & b) / max(1, min(len(a), len(b)))


def _shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}


def _name(a: AnalyzedArticle) -> str:
    art = a.article
    return f"{art.outlet} ({art.source or art.id})"
