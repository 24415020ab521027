"""The corpus: ingest sources into a store, group stories, list them, compare one, export.

Example::

    report = ingest(["feeds.txt", "archive.warc.gz"], "news.db")
    for story in list_stories("news.db", since=dt.date(2024, 5, 1)):
        ...
    comparison, analyzed = story_comparison("news.db", story.id)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rashomon.engine import make_engine, shards
from rashomon.engine.work import process
from rashomon.errors import CompareError, InputError, StoreError
from rashomon.ingest.article import outlet_key
from rashomon.options import VERSION, Options
from rashomon.records import AnalyzedArticle, Article, Comparison, Failure, Story
from rashomon.store.db import Placement, Store, StoreValidators, content_hash
from rashomon.stories import dedup, incremental
from rashomon.stories.profile import Processed

if TYPE_CHECKING:
    from rashomon.ingest.fetch import Validators

BATCH = 16  # articles per unit of work sent to a worker
GROUP_EVERY = 256  # stored articles grouped into stories together
MAX_COMPARED = 12  # articles of a large story that go into its comparison

Progress = Callable[["IngestReport"], None]


@dataclass
class IngestReport:
    """What an ingest did. ``failed`` lists each source part that could not be used, and why."""

    ingested: int = 0
    copies: int = 0
    skipped: int = 0  # content already in the store
    unchanged: int = 0  # pages the server says have not changed since the last run (HTTP 304)
    failed: list[Failure] = field(default_factory=list)
    stories: set[int] = field(default_factory=set)
    shards: int = 0  # shard files written (``ingest_to_shards`` only)

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest(
    sources: Sequence[str],
    db: str | Path,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    processes: int = 0,
    options: Options | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read ``sources`` (files, folders, feeds, WARC, URL lists, URLs) into the store ``db``.

    Each article is analysed, checked for copies and grouped into a story. Content already in
    the store is skipped; an ingest that was interrupted is completed by the next one.
    ``engine`` is ``local`` (worker processes) or ``dask`` (``scheduler`` is the address of a
    running scheduler; without it a local Dask cluster is started).
    """
    report = IngestReport()

    def read(validators: StoreValidators) -> Iterable[Article | Failure]:
        return _read(sources, options or Options(), validators, report)

    return _ingest(read, db, engine, scheduler, processes, progress, report)


def ingest_articles(
    articles: Iterable[Article | Failure],
    db: str | Path,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    processes: int = 0,
    progress: Progress | None = None,
) -> IngestReport:
    """Like :func:`ingest`, for articles already read (``Failure`` items are reported)."""
    return _ingest(lambda _: articles, db, engine, scheduler, processes, progress, IngestReport())


def add_processed(
    batches: Iterable[list[Processed | Failure]], db: str | Path, progress: Progress | None = None
) -> IngestReport:
    """Store and group articles that were processed elsewhere (:func:`rashomon.engine.work.process`
    run by a job of your own), exactly as :func:`ingest` stores the ones it processes."""
    report = IngestReport()
    with Store(db) as store:
        report.stories.update(_group(store, [i for i, _ in store.ungrouped()]))
        _run(store, batches, report, progress)
    return report


def ingest_to_shards(
    sources: Sequence[str],
    folder: str | Path,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    processes: int = 0,
    options: Options | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Process ``sources`` as :func:`ingest` does, but write the results to Parquet shards in
    ``folder`` (one file per batch, see :mod:`rashomon.engine.shards`) instead of a store.

    Content already in the folder's shards is skipped, so a run that was interrupted is
    completed by the next one, and new sources can be added to the same folder. Load the
    shards into a store with :func:`ingest_shards`. ``report.ingested`` counts the articles
    written; copies and stories are found when the shards are stored.
    """
    report = IngestReport()
    hashes, ids = shards.written(folder)
    writer = shards.Writer(folder)
    items = _read(sources, options or Options(), None, report)
    articles = _fresh(None, items, report, seen=hashes, taken=ids)
    sent: deque[list[Article]] = deque()

    def feed() -> Iterator[list[Article]]:
        for batch in _batches(articles, BATCH):
            sent.append(batch)
            yield batch

    runner = make_engine(engine, scheduler=scheduler, processes=processes)
    try:
        for results in runner.map(process, feed()):
            batch = sent.popleft()
            writer.write(batch, results, [content_hash(a) for a in batch])
            for item in results:
                if isinstance(item, Failure):
                    report.failed.append(item)
                else:
                    report.ingested += 1
            report.shards = writer.written
            if progress:
                progress(report)
    finally:
        runner.close()
    return report


def ingest_shards(
    folder: str | Path, db: str | Path, progress: Progress | None = None
) -> IngestReport:
    """Store and group the articles of the Parquet shards in ``folder`` (written by
    :func:`ingest_to_shards`), in the order they were written: the store is the one a direct
    :func:`ingest` of the same sources gives. Failures kept in the shards are reported."""
    if not shards.parts(folder):
        raise InputError("no shards (part-NNNNN.parquet files) found", where=str(folder))
    return add_processed(shards.read(folder), db, progress)


def _ingest(
    read: Callable[[StoreValidators], Iterable[Article | Failure]],
    db: str | Path,
    engine: str,
    scheduler: str | None,
    processes: int,
    progress: Progress | None,
    report: IngestReport,
) -> IngestReport:
    with Store(db) as store:
        validators = _PendingValidators(store)
        report.stories.update(_group(store, [i for i, _ in store.ungrouped()]))
        articles = _fresh(store, read(validators), report)
        runner = make_engine(engine, scheduler=scheduler, processes=processes)
        try:
            _run(store, runner.map(process, _batches(articles, BATCH)), report, progress)
        finally:
            runner.close()
        validators.save()
    return report


def _read(
    sources: Sequence[str],
    options: Options,
    cache: StoreValidators | None,
    report: IngestReport,
) -> Iterator[Article | Failure]:
    """Each article of the sources, or a failure; pages unchanged since the last run (HTTP
    304) are counted in ``report.unchanged``."""
    from rashomon.ingest import Unchanged, iter_sources

    for item in iter_sources(sources, options, cache=cache):
        if isinstance(item, Unchanged):
            report.unchanged += 1
        else:
            yield item


def _run(
    store: Store,
    results: Iterable[list[Processed | Failure]],
    report: IngestReport,
    progress: Progress | None,
) -> None:
    waiting: list[str] = []
    for batch in results:
        for item in batch:
            if isinstance(item, Failure):
                report.failed.append(item)
            elif _store_one(store, item, report):
                waiting.append(item.article.id)
        if len(waiting) >= GROUP_EVERY:
            report.stories.update(_group(store, waiting))
            waiting = []
        if progress:
            progress(report)
    report.stories.update(_group(store, waiting))


def _store_one(store: Store, item: Processed, report: IngestReport) -> bool:
    """Store one article in a transaction of its own; True if it is an original."""
    bands = dedup.band_keys(item.signature)
    with store.transaction():
        item = _known_outlet(store, item)
        digest = content_hash(item.article)
        if store.known([digest]):
            report.skipped += 1
            return False
        if store.free_id(item.article.id, digest) != item.article.id:
            # only articles processed elsewhere can get here: ingest picks unused ids
            report.failed.append(
                Failure(
                    source=item.article.source or item.article.id,
                    reason=f"the store already has another article with id {item.article.id!r}",
                    kind="StoreError",
                )
            )
            return False
        candidates = store.signatures(store.band_matches(bands))
        copy = dedup.best_copy(item.signature, candidates)
        place = Placement()
        if copy is not None:
            place = Placement(copy_of=copy[0], similarity=copy[1], story=store.story_of(copy[0]))
        store.add(item, digest, place, bands)
    if copy is not None:
        report.copies += 1
    report.ingested += 1
    return copy is None


def _known_outlet(store: Store, item: Processed) -> Processed:
    """The item under the name the store already knows its outlet by, when it was stored as
    its web domain or its site name ("coastalherald.example" / "Coastal Herald")."""
    name = item.article.outlet
    key = outlet_key(name)
    same = next((o for o in store.outlets() if o != name and outlet_key(o) == key), None)
    if not key or same is None:
        return item
    article = replace(item.article, outlet=same)
    return replace(item, article=article, analysis=replace(item.analysis, article=article))


def _group(store: Store, ids: Sequence[str]) -> list[int]:
    if not ids:
        return []
    with store.transaction():
        return incremental.group(store, ids)


def _fresh(
    store: Store | None,
    items: Iterable[Article | Failure],
    report: IngestReport,
    *,
    seen: set[str] | None = None,
    taken: set[str] | None = None,
) -> Iterator[Article]:
    """The articles whose content is neither in the store nor in ``seen`` (content hashes),
    each with an id that is neither in the store nor in ``taken``."""
    seen = set() if seen is None else seen
    taken = set() if taken is None else taken
    for item in items:
        if isinstance(item, Failure):
            report.failed.append(item)
            continue
        digest = content_hash(item)
        if digest in seen or (store is not None and store.known([digest])):
            report.skipped += 1
            continue
        seen.add(digest)
        article_id = item.id if item.id not in taken else f"{item.id}~{digest[:8]}"
        if store is not None:
            article_id = store.free_id(article_id, digest)
        taken.add(article_id)
        yield item if article_id == item.id else dataclasses.replace(item, id=article_id)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _PendingValidators(StoreValidators):
    """Validators are saved only once the run's articles are stored, so a run killed halfway
    fetches its pages again instead of skipping them as unchanged."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.pending: dict[str, Validators] = {}

    def get(self, url: str) -> Validators | None:
        return self.pending.get(url) or super().get(url)

    def put(self, url: str, validators: Validators) -> None:
        self.pending[url] = validators

    def save(self) -> None:
        with self.store.transaction():
            for url, validators in self.pending.items():
                super().put(url, validators)


# ---------------------------------------------------------------------- reading the corpus


def list_stories(
    db: str | Path,
    *,
    since: dt.date | None = None,
    outlet: str | None = None,
    query: str | None = None,
) -> list[Story]:
    """The stories of the store matching every filter given, most recent first; stories none
    of whose articles has a known date come last (``first`` and ``last`` are None).

    ``since`` keeps the stories known to run on or after that day, so it leaves out the stories
    with no known date (:func:`count_undated` says how many). ``query`` is an SQLite FTS5
    query over the articles' titles and texts.
    """
    with Store(db, create=False) as store:
        ids = store.find_stories(
            since=since.isoformat() if since else None, outlet=outlet, query=query
        )
        return [_story(store, i) for i in ids]


def count_undated(db: str | Path, *, outlet: str | None = None, query: str | None = None) -> int:
    """How many stories matching ``outlet`` and ``query`` have no article with a known date."""
    with Store(db, create=False) as store:
        return len(store.find_stories(outlet=outlet, query=query, undated=True))


def get_story(db: str | Path, story_id: str) -> Story:
    """One story: its independent articles, their outlets, its span, and the copies."""
    with Store(db, create=False) as store:
        return _story(store, _story_number(store, story_id))


def story_comparison(db: str | Path, story_id: str) -> tuple[Comparison, list[AnalyzedArticle]]:
    """The claim-by-claim comparison of a story's articles, and the analyses behind it.

    The comparison is cached in the store and computed again when the story changes.
    """
    with Store(db, create=False) as store:
        return compare_story(store, _story_number(store, story_id))


def story_analyses(db: str | Path, story_id: str) -> list[AnalyzedArticle]:
    """The stored analyses of a story's independent articles."""
    with Store(db, create=False) as store:
        chosen = compared_articles(store, _story_number(store, story_id))
        analyses = store.analyses(chosen)
        return [analyses[i] for i in chosen]


def compare_story(
    store: Store, story_id: int, *, save: bool = True
) -> tuple[Comparison, list[AnalyzedArticle]]:
    """The comparison of a story, cached: the store's copy if the story has not changed since
    it was made, else computed now (and kept in the store when ``save``).

    A large story is compared on its :data:`MAX_COMPARED` most central articles. Raises
    :class:`CompareError` for a story of a single article.
    """
    from rashomon.compare import compare_articles

    row = store.story_row(story_id)
    chosen = compared_articles(store, story_id)
    analyses = store.analyses(chosen)
    analyzed = [analyses[i] for i in chosen]
    cached = store.cached_comparison(story_id, row.version, VERSION)
    if cached is not None:
        return cached, analyzed
    if len(analyzed) < 2:
        raise CompareError(
            f"story {story_id} has a single article, so there is nothing to compare yet",
            where=store.path,
            hint="ingest more reports of the event, or read the article with `rashomon analyze`",
        )
    comparison = compare_articles(analyzed, force=True)  # grouping found them one story
    if save:
        with suppress(StoreError), store.transaction():  # a busy store just skips the cache
            store.cache_comparison(story_id, row.version, VERSION, comparison)
    return comparison, analyzed


def compared_articles(store: Store, story_id: int) -> list[str]:
    """The ids of the originals that go into a story's comparison, in the order stored: all
    of them, or the :data:`MAX_COMPARED` nearest to the story's centroid."""
    members = store.members(story_id)
    if len(members) <= MAX_COMPARED:
        return members
    centroid = store.story_row(story_id).centroid
    profiles = store.profiles(members)
    ranked = sorted(members, key=lambda m: -float(profiles[m].vector @ centroid))
    keep = set(ranked[:MAX_COMPARED])
    return [m for m in members if m in keep]


def _story(store: Store, story_id: int) -> Story:
    row = store.story_row(story_id)
    rows = store.story_articles(story_id)
    originals = [(i, outlet) for i, outlet, copy_of in rows if copy_of is None]
    copies: dict[str, tuple[str, ...]] = {}
    for article_id, _, copy_of in rows:
        if copy_of is not None:
            copies[copy_of] = (*copies.get(copy_of, ()), article_id)
    return Story(
        id=str(row.id),
        title=row.title,
        article_ids=tuple(i for i, _ in originals),
        outlets=tuple(dict.fromkeys(outlet for _, outlet in originals)),
        first=row.first,
        last=row.last,
        copies=copies,
    )


def _story_number(store: Store, story_id: str) -> int:
    if not str(story_id).isdigit():
        raise StoreError(
            f"{story_id!r} is not a story id (see `rashomon stories`)", where=store.path
        )
    return int(story_id)
