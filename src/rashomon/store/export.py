"""Write the store's articles, with their story and the article they copy, as JSONL, CSV or Parquet.

``published`` is empty (null) for an article with no known date, and ``date_source`` says
where each date came from (:data:`rashomon.ingest.dates.DATE_SOURCES`: ``metadata``,
``archive``, ``last-modified``, ``dateline``, ``text``, or ``unknown``).

Rows are streamed (Parquet in row groups), so exporting a large store needs little memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from rashomon.errors import StoreError
from rashomon.ingest.dates import date_source
from rashomon.store.db import Store

FORMATS = ("jsonl", "csv", "parquet")
COLUMNS = (
    "id",
    "outlet",
    "title",
    "url",
    "published",
    "date_source",
    "source",
    "story",
    "copy_of",
    "text",
)
_ROW_GROUP = 2_000


def rows(store: Store) -> Iterator[dict[str, Any]]:
    """One flat row per article, in the order stored."""
    for article, story, copy_of in store.iter_articles():
        yield {
            "id": article.id,
            "outlet": article.outlet,
            "title": article.title,
            "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "date_source": date_source(article),
            "source": article.source,
            "story": story,
            "copy_of": copy_of,
            "text": article.text,
        }


def export(store: Store, fmt: str, out: TextIO | Path) -> int:
    """Write every article to ``out`` in ``fmt``; return how many were written.

    Parquet needs a file path; JSONL and CSV take a path or an open text stream.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise StoreError(
                "Parquet is written to a file, not to the terminal",
                hint="give an output file: rashomon export --format parquet -o articles.parquet",
            )
        return _parquet(rows(store), out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as stream:
            return _text(rows(store), fmt, stream)
    return _text(rows(store), fmt, out)


def _text(items: Iterator[dict[str, Any]], fmt: str, stream: TextIO) -> int:
    count = 0
    writer = csv.DictWriter(stream, fieldnames=COLUMNS) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    for row in items:
        if writer:
            writer.writerow(row)
        else:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _parquet(items: Iterator[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.int64() if c == "story" else pa.string()) for c in COLUMNS])
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        while chunk := list(islice(items, _ROW_GROUP)):
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count
