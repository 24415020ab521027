"""A store with articles added directly, without the language models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from rashomon.records import AnalyzedArticle, Article, GenreCall
from rashomon.store import Store, content_hash
from rashomon.store.db import Placement
from rashomon.stories import dedup
from rashomon.stories.profile import Processed, Profile, terms

DAY = dt.date(2024, 5, 2)
Add = Callable[..., None]


def processed(article_id: str, text: str, published: dt.date | None = DAY) -> Processed:
    article = Article(id=article_id, outlet=f"outlet-{article_id}", text=text, published=published)
    analysis = AnalyzedArticle(article, (), (), (), (), (), GenreCall("report", 0, 0, 0, 0, 0))
    vector = np.eye(384, dtype=np.float32)[0]
    return Processed(
        article, analysis, Profile(vector, terms(text), {}, (), None), dedup.signature(text)
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "store.db") as opened:
        yield opened


@pytest.fixture
def add(store: Store) -> Add:
    """Store an article with ``text`` (as a copy of ``copy_of`` when given), published on
    ``published`` (None: no known date)."""

    def add_one(
        article_id: str, text: str, copy_of: str | None = None, published: dt.date | None = DAY
    ) -> None:
        item = processed(article_id, text, published)
        with store.transaction():
            store.add(
                item,
                content_hash(item.article),
                Placement(copy_of=copy_of),
                dedup.band_keys(item.signature),
            )

    return add_one
