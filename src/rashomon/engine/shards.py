"""Per-article work kept as Parquet shards, for corpora processed apart from their store.

A shard folder holds ``part-00000.parquet``, ``part-00001.parquet``, ... one file per batch,
each row an article as :func:`rashomon.engine.work.process` returned it (its analysis,
embedding, grouping profile and MinHash signature) or a failure. A file is written under a
temporary name and renamed when complete, so a killed run never leaves half a shard; the
temporary files it may leave are ignored. :func:`read` turns the rows back into the very
``Processed`` records, so storing them gives the store a direct ingest would have given.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.records import AnalyzedArticle, Article, Failure, from_json, to_json
from rashomon.stories.profile import Processed, Profile

_NAME = re.compile(r"part-(\d+)\.parquet")


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("id", pa.string()),
            ("hash", pa.string()),  # content hash of the article (rashomon.store.content_hash)
            ("outlet", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("published", pa.date32()),
            ("text", pa.string()),
            ("analysis", pa.string()),  # to_json(AnalyzedArticle), the article included
            ("embedding", pa.list_(pa.float32())),
            ("signature", pa.list_(pa.uint64())),  # MinHash
            ("terms", pa.string()),  # the grouping profile: JSON objects and lists
            ("entities", pa.string()),
            ("numbers", pa.list_(pa.string())),
            ("years", pa.list_(pa.int32())),
            ("failure", pa.string()),  # to_json(Failure) when the article failed, else null
        ]
    )


def parts(folder: str | Path) -> list[Path]:
    """The complete shard files of ``folder``, in the order they were written."""
    path = Path(folder)
    if not path.is_dir():
        return []
    return sorted((p for p in path.iterdir() if _NAME.fullmatch(p.name)), key=_number)


def written(folder: str | Path) -> tuple[set[str], set[str]]:
    """The content hashes and the article ids already in the shards of ``folder``."""
    import pyarrow.parquet as pq

    hashes: set[str] = set()
    ids: set[str] = set()
    for part in parts(folder):
        table = pq.read_table(part, columns=["id", "hash"])
        ids.update(table.column("id").to_pylist())
        hashes.update(table.column("hash").to_pylist())
    return hashes, ids


class Writer:
    """Writes batches to ``folder`` as the next numbered shards."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        done = parts(self.folder)
        self.next = _number(done[-1]) + 1 if done else 0
        self.written = 0

    def write(
        self,
        batch: Sequence[Article],
        results: Sequence[Processed | Failure],
        hashes: Sequence[str],
    ) -> Path:
        """Write one batch: the articles sent, what came back for each, and their hashes."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [_row(a, r, h) for a, r, h in zip(batch, results, hashes, strict=True)]
        table = pa.Table.from_pylist(rows, schema=_schema())
        final = self.folder / f"part-{self.next:05d}.parquet"
        temp = self.folder / f".{final.name}.{os.getpid()}.tmp"
        with temp.open("wb") as out:
            pq.write_table(table, out, compression="zstd")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, final)
        self.next += 1
        self.written += 1
        return final


def read(folder: str | Path) -> Iterator[list[Processed | Failure]]:
    """Each shard of ``folder`` in order, as the batch of results it was written from."""
    import pyarrow.parquet as pq

    for part in parts(folder):
        yield [_item(row) for row in pq.read_table(part).to_pylist()]


def _number(part: Path) -> int:
    match = _NAME.fullmatch(part.name)
    return int(match.group(1)) if match else -1


def _row(article: Article, result: Processed | Failure, digest: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": article.id,
        "hash": digest,
        "outlet": article.outlet,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "text": article.text,
    }
    if isinstance(result, Failure):
        row["failure"] = json.dumps(to_json(result))
        return row
    profile = result.profile
    row.update(
        analysis=json.dumps(to_json(result.analysis)),
        embedding=np.asarray(profile.vector, dtype=np.float32),
        signature=np.asarray(result.signature, dtype=np.uint64),
        terms=json.dumps(profile.terms),
        entities=json.dumps(profile.entities),
        numbers=list(profile.numbers),
        years=list(profile.years),
    )
    return row


def _item(row: dict[str, Any]) -> Processed | Failure:
    if row["failure"] is not None:
        return from_json(Failure, json.loads(row["failure"]))
    analysis: AnalyzedArticle = from_json(AnalyzedArticle, json.loads(row["analysis"]))
    profile = Profile(
        vector=np.asarray(row["embedding"], dtype=np.float32),
        terms=json.loads(row["terms"]),
        entities=json.loads(row["entities"]),
        numbers=tuple(row["numbers"]),
        years=tuple(row["years"]),
    )
    return Processed(
        article=analysis.article,
        analysis=analysis,
        profile=profile,
        signature=np.asarray(row["signature"], dtype=np.uint64),
    )
