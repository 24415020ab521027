"""Hand-made profiles and processed articles: grouping is tested without the language models."""

from __future__ import annotations

import datetime as dt

import numpy as np

from rashomon.records import AnalyzedArticle, Article, GenreCall
from rashomon.stories import dedup
from rashomon.stories.profile import Processed, Profile


def unit(*values: float) -> np.ndarray:
    """A 384-dimensional unit vector whose first components are ``values``."""
    vector = np.zeros(384, dtype=np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


def profile(
    vector: np.ndarray,
    words: str = "",
    names: tuple[str, ...] = (),
    numbers: tuple[str, ...] = (),
    years: tuple[int, ...] = (),
) -> Profile:
    terms: dict[str, int] = {}
    for word in words.split():
        terms[word] = terms.get(word, 0) + 1
    return Profile(vector, terms, {n: 1 for n in names}, numbers, years)


def processed(article_id: str, text: str, prof: Profile, day: dt.date | None = None) -> Processed:
    article = Article(id=article_id, outlet=f"outlet-{article_id}", text=text, published=day)
    genre = GenreCall("report", 0.0, 0.0, 0.0, 0.0, 0.0)
    analysis = AnalyzedArticle(article, (), (), (), (), (), genre)
    return Processed(article, analysis, prof, dedup.signature(text))
