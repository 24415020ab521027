"""Benchmark corpora built from the external evaluation data (measuring only, never shipped)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

from rashomon.records import Article

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval-data"
POLNEAR = SHARED / "polnear"


def polnear_articles(limit: int = 50, split: str = "test") -> list[Article]:
    """Real news articles (PolNeAR) as Article records, in a fixed order."""
    meta = {}
    with open(POLNEAR / "metadata.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    paths = sorted((POLNEAR / split / "text").glob("*.txt"))[:limit]
    return [_article(p, meta.get(p.stem, {})) for p in paths]


def _article(path: Path, row: dict[str, str]) -> Article:
    text = path.read_text(encoding="utf-8")
    published = row.get("publication_date", "")
    return Article(
        published=dt.date.fromisoformat(published) if published[:2] == "20" else None,
        id=hashlib.sha1(text.encode()).hexdigest()[:12],
        outlet=row.get("publisher", "unknown"),
        title=row.get("title", ""),
        text=text,
        source=str(path),
    )
