"""Parquet shards keep the per-article work exactly, and only complete files count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from rashomon.engine import shards
from rashomon.records import AnalyzedArticle, Article, Failure, GenreCall
from rashomon.stories.profile import Processed, Profile


def processed(article: Article) -> Processed:
    analysis = AnalyzedArticle(
        article=article,
        claims=(),
        quotes=(),
        entities=(),
        quantities=(),
        times=(),
        genre=GenreCall("report", 0.1, 0.5, 0.0, 0.0, 0.0),
    )
    profile = Profile(
        vector=np.array([0.6, 0.8], dtype=np.float32),
        terms={"ferry": 2},
        entities={"place:kos": 1},
        numbers=("214",),
        years=(2024,),
    )
    return Processed(article, analysis, profile, np.array([1, 2**64 - 1], dtype=np.uint64))


def test_a_batch_round_trips_with_its_failures(tmp_path: Path) -> None:
    good = Article(id="a", outlet="O", text="Text.", title="T", published=dt.date(2024, 5, 2))
    bad = Article(id="b", outlet="O", text="Bad.")
    failure = Failure(source="b", reason="no sentences", kind="InputError")
    writer = shards.Writer(tmp_path)
    assert writer.write([good, bad], [processed(good), failure], ["h1", "h2"]).name == (
        "part-00000.parquet"
    )
    [batch] = list(shards.read(tmp_path))
    item, back = batch
    assert back == failure
    assert isinstance(item, Processed)
    assert item.article == good and item.analysis == processed(good).analysis
    assert item.profile.vector.dtype == np.float32
    assert item.profile.vector.tolist() == processed(good).profile.vector.tolist()
    assert (item.profile.terms, item.profile.entities) == ({"ferry": 2}, {"place:kos": 1})
    assert (item.profile.numbers, item.profile.years) == (("214",), (2024,))
    assert item.signature.dtype == np.uint64 and item.signature.tolist() == [1, 2**64 - 1]
    assert shards.written(tmp_path) == ({"h1", "h2"}, {"a", "b"})


def test_only_complete_shards_count_and_numbering_continues(tmp_path: Path) -> None:
    article = Article(id="a", outlet="O", text="Text.")
    shards.Writer(tmp_path).write([article], [processed(article)], ["h1"])
    (tmp_path / ".part-00001.parquet.99.tmp").write_bytes(b"PAR1 half")
    assert [p.name for p in shards.parts(tmp_path)] == ["part-00000.parquet"]
    assert shards.Writer(tmp_path).next == 1
    assert len(list(shards.read(tmp_path))) == 1
    assert shards.parts(tmp_path / "missing") == []
