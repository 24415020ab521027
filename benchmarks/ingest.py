"""Ingest throughput: read, analyse, embed, find copies and group stories, end to end.

The corpus is built from real news (ECB+ and BASIL documents), repeated with variation to
reach the size asked for. A repeat of a document has every other sentence replaced by one of
another report of the same event (its gold story), keeps its length, comes from another
outlet and is dated 400 days later per repeat, so repeats form stories of their own. A story
has few reports, so some repeats take the same sentences as an earlier one and are found to be
copies of it (as a wire story posted again would be). ECB+ has no dates: each of its
stories gets a day of 2015. Each run ingests the JSONL file into a fresh store with
``rashomon.corpus.ingest``.

    python benchmarks/ingest.py                                  # 1,000 articles, all engines
    python benchmarks/ingest.py --sizes 10000 --engines local --runs 1

Reports wall time (median of the runs), articles per second, the time spent grouping stories,
the peak memory of the whole process tree (the ingest and its workers, sampled every 0.2 s)
and the load average of the machine before and after each run. The baseline rows time spaCy
alone (``nlp.pipe``, no analysis, no embedding) on 500 articles of the same corpus.

``--grouping-only`` times what runs after the per-article work (storing, finding copies,
grouping stories: ``rashomon.corpus.add_processed``) on articles processed beforehand. The
analyses and embeddings of the base documents come from the cache ``eval_stories.py`` writes;
a repeat gets the interleaved text's MinHash, words, numbers and years, the entities of both
documents and the normalised sum of both embeddings, so it stands for a real report of the
same kind without running the models again.

    python benchmarks/ingest.py --grouping-only --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import json
import os
import pickle
import re
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import psutil

from rashomon import corpus
from rashomon.corpus import add_processed, ingest
from rashomon.records import Article
from rashomon.stories import dedup
from rashomon.stories.profile import Processed, Profile, numbers, terms, years

ENGINES = {"one": ("local", 1), "local": ("local", 2), "dask": ("dask", 2)}
ECB_YEAR = dt.date(2015, 1, 1)
BASELINE_ARTICLES = 500


def base_documents() -> list[dict[str, str]]:
    """ECB+ and BASIL documents as plain records (title, text, outlet, published, story)."""
    from eval_stories import basil_articles, ecbplus_articles

    ecb, basil = ecbplus_articles(), basil_articles()
    stories = sorted({story for _, story in ecb})
    docs = []
    for article, story in ecb + basil:
        published = article.published or ECB_YEAR + dt.timedelta(days=stories.index(story) * 4)
        docs.append(
            {
                "title": article.title,
                "text": article.text,
                "outlet": article.outlet,
                "published": published.isoformat(),
                "story": story,
            }
        )
    return docs


def corpus_records(docs: Sequence[dict[str, str]], size: int) -> Iterator[dict[str, str]]:
    """``size`` records: the documents, then repeats of them (see the module docstring)."""
    by_story: dict[str, list[int]] = defaultdict(list)
    for n, doc in enumerate(docs):
        by_story[doc["story"]].append(n)
    for n in range(size):
        index, repeat = n % len(docs), n // len(docs)
        doc = docs[index]
        if repeat == 0:
            yield {k: v for k, v in doc.items() if k != "story"}
            continue
        partner, parity = variant(by_story[doc["story"]], index, repeat)
        day = dt.date.fromisoformat(doc["published"]) + dt.timedelta(days=400 * repeat)
        yield {
            "title": doc["title"],
            "text": _interleave(doc["text"], docs[partner]["text"], parity),
            "outlet": f"{doc['outlet']} {repeat}",
            "published": day.isoformat(),
        }


def variant(kin: Sequence[int], index: int, repeat: int) -> tuple[int, int]:
    """The document whose lines repeat ``repeat`` of document ``index`` takes, and which
    half of them: each other report of its story in turn, then the other half."""
    others = [k for k in kin if k != index] or [index]
    return others[(repeat - 1) % len(others)], ((repeat - 1) // len(others)) % 2


def _interleave(text: str, other: str, parity: int) -> str:
    """``text`` with every other sentence (the odd or the even ones, by ``parity``) replaced
    by a sentence of ``other``, from its first on: half of it is new, whatever the lengths.

    A story of one document has no other report: its repeats are copies of it, like a wire
    story posted again.
    """
    mine, theirs = _SENTENCE.split(text.strip()), _SENTENCE.split(other.strip())
    sentences = [
        theirs[(k // 2) % len(theirs)] if (k + parity) % 2 == 1 else sentence
        for k, sentence in enumerate(mine)
    ]
    return " ".join(sentences)


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


class PeakMemory:
    """Samples the resident memory of this process and all its children."""

    def __init__(self) -> None:
        self.peak = 0
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.running = False
        self.thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while self.running:
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            time.sleep(0.2)


@dataclass(frozen=True)
class Run:
    seconds: float
    grouping: float
    stored: int
    copies: int
    failed: int
    peak: int
    load: tuple[float, float]


@contextmanager
def timed_grouping() -> Iterator[list[float]]:
    """Time spent in story grouping (the sequential step) during the block."""
    spent: list[float] = []
    original = corpus._group

    def group(*args: Any) -> list[int]:
        start = time.perf_counter()
        try:
            return original(*args)
        finally:
            spent.append(time.perf_counter() - start)

    with mock.patch.object(corpus, "_group", group):
        yield spent


def run(source: Path, engine: str) -> Run:
    """One ingest into a fresh store."""
    name, processes = ENGINES[engine]
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder, PeakMemory() as memory, timed_grouping() as g:
        start = time.perf_counter()
        report = ingest([str(source)], Path(folder) / "bench.db", engine=name, processes=processes)
        seconds = time.perf_counter() - start
    return Run(
        seconds,
        sum(g),
        report.ingested,
        report.copies,
        len(report.failed),  # ECB+ has a few documents of under 10 words: not articles
        memory.peak,
        (load, os.getloadavg()[0]),
    )


def processed_corpus(size: int) -> list[Processed]:
    """``size`` processed articles: the cached base documents, then repeats of them (see the
    module docstring), in the order :func:`corpus_records` gives."""
    base = _cached_base()
    docs = base_documents()
    keys = [(d["title"], d["text"]) for d in docs]
    index = {k: n for n, k in enumerate(keys) if k in base}
    items = []
    for n, record in enumerate(corpus_records(docs, size)):
        doc = docs[n % len(docs)]
        own = base.get((doc["title"], doc["text"]))
        if own is None:
            continue  # a document the analysis refused (too short)
        items.append(_repeat(own, record, base, docs, index, n))
    return items


def _cached_base() -> dict[tuple[str, str], Processed]:
    """The processed base documents, from the newest caches ``eval_stories.py`` wrote."""
    from eval_stories import CACHE

    found: dict[tuple[str, str], Processed] = {}
    for tag in ("ecbplus", "basil"):
        caches = sorted(CACHE.glob(f"processed_{tag}_*.pkl"), key=lambda p: p.stat().st_mtime)
        if not caches:
            raise SystemExit(f"no cache in {CACHE}: run benchmarks/eval_stories.py first")
        for item in pickle.loads(caches[-1].read_bytes()).values():
            found[(item.article.title, item.article.text)] = item
    return found


def _repeat(
    own: Processed,
    record: dict[str, str],
    base: dict[tuple[str, str], Processed],
    docs: Sequence[dict[str, str]],
    index: dict[tuple[str, str], int],
    n: int,
) -> Processed:
    article = Article(
        id=f"doc{n}",
        outlet=record["outlet"],
        title=record["title"],
        text=record["text"],
        published=dt.date.fromisoformat(record["published"]),
    )
    repeat = n // len(docs)
    if repeat == 0:
        return dataclasses.replace(own, article=article)
    partner = _partner(own, docs, index, base, repeat)
    vector = own.profile.vector + partner.profile.vector
    entities = dict(partner.profile.entities)
    for name, count in own.profile.entities.items():
        entities[name] = entities.get(name, 0) + count
    body = f"{article.title}\n{article.text}"
    profile = Profile(
        vector=(vector / np.linalg.norm(vector)).astype(np.float32),
        terms=terms(body),
        entities=entities,
        numbers=numbers(body),
        years=years(body),
    )
    analysis = dataclasses.replace(own.analysis, article=article)
    return Processed(article, analysis, profile, dedup.signature(body))


def _partner(
    own: Processed,
    docs: Sequence[dict[str, str]],
    index: dict[tuple[str, str], int],
    base: dict[tuple[str, str], Processed],
    repeat: int,
) -> Processed:
    """The report :func:`corpus_records` interleaves with ``own`` in this repeat."""
    me = index[(own.article.title, own.article.text)]
    kin = [k for k, d in enumerate(docs) if d["story"] == docs[me]["story"]]
    doc = docs[variant(kin, me, repeat)[0]]
    return base.get((doc["title"], doc["text"]), own)


def group_only(items: Sequence[Processed]) -> Run:
    """Store and group processed ``items`` into a fresh store, in batches of 16 like an ingest."""
    load = os.getloadavg()[0]
    batches = (list(items[i : i + 16]) for i in range(0, len(items), 16))
    with tempfile.TemporaryDirectory() as folder, PeakMemory() as memory, timed_grouping() as g:
        start = time.perf_counter()
        report = add_processed(batches, Path(folder) / "bench.db")
        seconds = time.perf_counter() - start
    return Run(
        seconds,
        sum(g),
        report.ingested,
        report.copies,
        len(report.failed),
        memory.peak,
        (load, os.getloadavg()[0]),
    )


def grouping_table(sizes: Sequence[int], runs: int) -> None:
    print(
        "| articles | stored | copies | load avg before→after | seconds (median) | articles/s "
        "| grouping s | grouping ms per original | peak memory MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        items = processed_corpus(size)
        done = [group_only(items) for _ in range(runs)]
        middle = sorted(done, key=lambda r: r.seconds)[len(done) // 2]
        loads = "; ".join(f"{r.load[0]:.1f}→{r.load[1]:.1f}" for r in done)
        print(
            f"| {size:,} | {middle.stored:,} | {middle.copies} | {loads} "
            f"| {middle.seconds:.0f} | {middle.stored / middle.seconds:.0f} "
            f"| {middle.grouping:.1f} "
            f"| {1000 * middle.grouping / max(1, middle.stored - middle.copies):.1f} "
            f"| {max(r.peak for r in done) / 2**20:,.0f} |",
            flush=True,
        )


def parse_only(texts: Sequence[str], processes: int) -> float:
    """Articles per second of spaCy alone on ``texts``."""
    from rashomon.nlp import pipeline

    nlp = pipeline()
    nlp("warm up")
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=processes):
        pass
    return len(texts) / (time.perf_counter() - start)


def write_corpus(docs: Sequence[dict[str, str]], size: int, path: Path) -> list[str]:
    """Write the corpus of ``size`` records; return a spread-out sample of its texts."""
    step = max(1, size // BASELINE_ARTICLES)
    sample = []
    with path.open("w", encoding="utf-8") as out:
        for n, record in enumerate(corpus_records(docs, size)):
            out.write(json.dumps(record) + "\n")
            if n % step == 0 and len(sample) < BASELINE_ARTICLES:
                sample.append(f"{record['title']}\n{record['text']}")
    return sample


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--engines", nargs="+", choices=list(ENGINES), default=list(ENGINES))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-baseline", action="store_true", help="skip the spaCy-only rows")
    parser.add_argument(
        "--grouping-only", action="store_true", help="time storing and grouping alone"
    )
    args = parser.parse_args(argv)
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores")
    if args.grouping_only:
        grouping_table(args.sizes, args.runs)
        return
    docs = base_documents()
    print(
        "| articles | engine | runs | load avg before→after | seconds (median) | articles/s "
        "| grouping s | peak memory MB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for size, engine in itertools.product(args.sizes, args.engines):
            source = Path(folder) / f"corpus_{size}.jsonl"
            sample = write_corpus(docs, size, source)
            runs = [run(source, engine) for _ in range(args.runs)]
            middle = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
            loads = "; ".join(f"{r.load[0]:.1f}→{r.load[1]:.1f}" for r in runs)
            print(
                f"| {size:,} ({middle.stored:,} stored, {middle.copies} copies, "
                f"{middle.failed} refused) | {engine} "
                f"| {len(runs)} | {loads} | {middle.seconds:.0f} "
                f"| {middle.stored / middle.seconds:.1f} | {middle.grouping:.1f} "
                f"| {max(r.peak for r in runs) / 2**20:,.0f} |",
                flush=True,
            )
        if not args.no_baseline:
            for processes in (1, 2):
                load = os.getloadavg()[0]
                rates = [parse_only(sample, processes) for _ in range(args.runs)]
                print(
                    f"| {len(sample)} (sample) | spaCy parse only, {processes} process(es) "
                    f"| {len(rates)} | {load:.1f}→{os.getloadavg()[0]:.1f} | | "
                    f"{statistics.median(rates):.1f} | | |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
