"""Exports: every article with its story and the article it copies, as JSONL, CSV, Parquet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rashomon.errors import StoreError
from rashomon.store import Store, export_articles

TEXT = "The council approved the new bridge over the river on Monday after a long debate."


@pytest.fixture
def filled(store: Store, add: Callable[..., None]) -> Store:
    add("a1", TEXT)
    add("a2", TEXT + " Updated.", copy_of="a1")
    return store


def test_jsonl(filled: Store) -> None:
    out = io.StringIO()
    assert export_articles(filled, "jsonl", out) == 2
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["id"], r["copy_of"], r["published"], r["story"]) for r in rows] == [
        ("a1", None, "2024-05-02", None),
        ("a2", "a1", "2024-05-02", None),
    ]


def test_csv(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert export_articles(filled, "csv", path) == 2
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rows[1]["copy_of"] == "a1"
    assert rows[0]["text"] == TEXT


def test_parquet(filled: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "out.parquet"
    assert export_articles(filled, "parquet", path) == 2
    assert pq.read_table(path).column("id").to_pylist() == ["a1", "a2"]


def test_empty_store_exports_nothing(store: Store) -> None:
    out = io.StringIO()
    assert export_articles(store, "csv", out) == 0
    header = "id,outlet,title,url,published,date_source,source,story,copy_of,text"
    assert out.getvalue().strip() == header


@pytest.mark.parametrize("fmt", ["xml", "parquet"])
def test_bad_requests(filled: Store, fmt: str) -> None:
    with pytest.raises(StoreError):
        export_articles(filled, fmt, io.StringIO())


def test_an_undated_article_is_exported_with_no_date_and_says_so(
    store: Store, add: Callable[..., None]
) -> None:
    add("a1", TEXT)
    add("b1", "Floods closed three schools in the valley on Friday morning.", published=None)
    out = io.StringIO()
    export_articles(store, "jsonl", out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["id"], r["published"], r["date_source"]) for r in rows] == [
        ("a1", "2024-05-02", "metadata"),
        ("b1", None, "unknown"),
    ]
