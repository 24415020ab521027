"""The corpus end to end, with the real models: ingest, copies, stories, comparisons, crashes.

Every article here is invented for the tests.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rashomon.corpus import (
    IngestReport,
    compare_story,
    get_story,
    ingest,
    ingest_articles,
    ingest_shards,
    ingest_to_shards,
    list_stories,
    story_comparison,
)
from rashomon.errors import CompareError, StoreError
from rashomon.ingest.article import outlet_key
from rashomon.options import Options
from rashomon.records import Article, Failure
from rashomon.store import Store

pytestmark = pytest.mark.slow

FERRY = [
    "The ferry {ship} ran aground off {island} on {weekday} with {people} passengers on board, "
    "the coast guard said. {hurt} people were taken to hospital in {port}. Captain {captain} "
    "told investigators that the steering failed as the wind rose. The operator has halted "
    "sailings to {island} while the ship is inspected.",
    "{people} passengers were brought ashore on {island} after the {ship} struck rocks on "
    "{weekday}. Hospital staff in {port} treated {hurt} of them, officials said. The coast guard "
    "has opened an inquiry, and the operator suspended its crossings. Captain {captain} blamed "
    "a steering fault.",
    "Rescuers worked through the night after the {ship}, carrying {people} people, hit rocks near "
    "{island} on {weekday}. '{hurt} people are being treated in {port},' a coast guard spokesman "
    "said. Captain {captain} was questioned by port police about the failed steering.",
]
EVENTS = {
    "kalymnos": dict(
        ship="Aegean Star",
        island="Kalymnos",
        weekday="Thursday",
        people="214",
        hurt="Twelve",
        port="Kos",
        captain="Nikos Marinos",
    ),
    "ischia": dict(
        ship="Bay Runner",
        island="Ischia",
        weekday="Saturday",
        people="87",
        hurt="Three",
        port="Naples",
        captain="Paola Ricci",
    ),
}
BUDGET = (
    "Parliament passed the city budget of {amount} million euros on {weekday} after a debate "
    "that lasted into the night. Mayor {mayor} said the money would go to schools and buses. "
    "The opposition voted against it, calling the plan to raise parking fees unfair to drivers."
)


def articles() -> list[Article]:
    """Two ferry accidents reported by three outlets each, a wire copy, and a budget vote."""
    found = []
    for n, (event, facts) in enumerate(EVENTS.items()):
        day = dt.date(2024, 5, 2 + 2 * n)
        for k, template in enumerate(FERRY):
            found.append(
                Article(
                    id=f"{event}-{k}",
                    outlet=f"Outlet {k}",
                    text=template.format(**facts),
                    title=f"Ferry {facts['ship']} aground off {facts['island']}",
                    published=day,
                )
            )
    first = found[0]
    found.append(
        Article(
            id="kalymnos-copy",
            outlet="Reposter",
            title=first.title,
            published=first.published,
            text=first.text + " This report was updated at noon.",
        )
    )
    budget = BUDGET.format(amount="410", weekday="Friday", mayor="Ana Duarte")
    found.append(
        Article(id="budget", outlet="Outlet 1", text=budget, published=dt.date(2024, 5, 3))
    )
    return found


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "news.db"
    report = ingest_articles(articles(), path, processes=1)
    assert (report.ingested, report.copies, report.skipped, report.failed) == (8, 1, 0, [])
    return path


def memberships(db: Path) -> list[list[str]]:
    return sorted(sorted(s.article_ids) for s in list_stories(db))


def test_stories_split_two_events_of_one_kind_and_list_copies(db: Path) -> None:
    assert memberships(db) == [
        ["budget"],
        ["ischia-0", "ischia-1", "ischia-2"],
        ["kalymnos-0", "kalymnos-1", "kalymnos-2"],
    ]
    kalymnos = next(s for s in list_stories(db) if "kalymnos-0" in s.article_ids)
    assert kalymnos.copies == {"kalymnos-0": ("kalymnos-copy",)}
    assert kalymnos.outlets == ("Outlet 0", "Outlet 1", "Outlet 2")
    assert (kalymnos.first, kalymnos.last) == ("2024-05-02", "2024-05-02")


def test_ingesting_the_same_content_again_is_a_no_op(db: Path) -> None:
    before = memberships(db)
    report = ingest_articles(articles(), db, processes=1)
    assert (report.ingested, report.skipped, report.stories) == (0, 8, set())
    assert memberships(db) == before


def test_an_outlet_known_by_its_domain_and_by_its_name_is_one_outlet(tmp_path: Path) -> None:
    first, second = articles()[:2]
    ingest_articles(
        [replace(first, outlet="tagus-wire.example"), replace(second, outlet="Tagus Wire")],
        tmp_path / "news.db",
        processes=1,
    )
    (story,) = list_stories(tmp_path / "news.db")
    assert story.outlets == ("tagus-wire.example",)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Coastal Herald", "coastalherald"),
        ("coastalherald.example", "coastalherald"),
        ("www.CoastalHerald.co.uk", "coastalherald"),
        ("The Guardian", "guardian"),
        ("theguardian.com", "guardian"),
        ("New York Times", "newyorktimes"),
    ],
)
def test_an_outlet_key_is_what_a_name_and_its_domain_share(name: str, key: str) -> None:
    assert outlet_key(name) == key


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"query": "ischia"}, [["ischia-0", "ischia-1", "ischia-2"]]),
        ({"outlet": "reposter"}, [["kalymnos-0", "kalymnos-1", "kalymnos-2"]]),
        ({"outlet": "repost"}, [["kalymnos-0", "kalymnos-1", "kalymnos-2"]]),  # a part will do
        ({"since": dt.date(2024, 5, 4)}, [["ischia-0", "ischia-1", "ischia-2"]]),
        ({"query": "volcano"}, []),
        ({"outlet": "Nobody"}, []),
    ],
)
def test_list_stories_filters(
    db: Path, filters: dict[str, object], expected: list[list[str]]
) -> None:
    found = list_stories(db, **filters)  # type: ignore[arg-type]
    assert sorted(sorted(s.article_ids) for s in found) == expected


def test_story_comparison_is_cached_until_the_story_changes(db: Path) -> None:
    story = next(s for s in list_stories(db) if "ischia-0" in s.article_ids)
    comparison, analyzed = story_comparison(db, story.id)
    assert {a.article.id for a in analyzed} == {"ischia-0", "ischia-1", "ischia-2"}
    assert len(comparison.articles) == 3
    cached, _ = story_comparison(db, story.id)
    assert cached == comparison
    versions = _cached_versions(db, story.id)
    late = Article(
        id="ischia-late",
        outlet="Outlet 9",
        published=dt.date(2024, 5, 5),
        title="Ferry Bay Runner aground off Ischia",
        text=(
            "Divers inspected the hull of the Bay Runner on Sunday, a day after the ferry struck "
            "rocks off Ischia with 87 passengers on board. Three people remain in hospital in "
            "Naples. Captain Paola Ricci has been suspended while the coast guard studies the "
            "steering failure."
        ),
    )
    ingest_articles([late], db, processes=1)
    assert "ischia-late" in get_story(db, story.id).article_ids
    updated, analyzed = story_comparison(db, story.id)
    assert len(updated.articles) == 4
    assert _cached_versions(db, story.id) == [versions[0] + 1]


def test_a_read_only_reader_gets_the_comparison_without_storing_it(db: Path) -> None:
    story = next(s for s in list_stories(db) if "kalymnos-0" in s.article_ids)
    with Store(db, create=False) as store:
        store.conn.execute("PRAGMA query_only = ON")
        comparison, analyzed = compare_story(store, int(story.id), save=False)
    assert [a.article.id for a in analyzed] == ["kalymnos-0", "kalymnos-1", "kalymnos-2"]
    assert len(comparison.facts) > 0
    assert _cached_versions(db, story.id) == []


def test_a_story_of_one_article_has_nothing_to_compare(db: Path) -> None:
    story = next(s for s in list_stories(db) if s.article_ids == ("budget",))
    with pytest.raises(CompareError, match="single article"):
        story_comparison(db, story.id)


def _cached_versions(db: Path, story_id: str) -> list[int]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT version FROM comparisons WHERE story = ?", (int(story_id),))
        return [r[0] for r in rows]


@pytest.mark.parametrize("story_id", ["999", "abc"])
def test_unknown_story(db: Path, story_id: str) -> None:
    with pytest.raises(StoreError):
        get_story(db, story_id)


def test_failures_are_reported_and_the_rest_is_kept(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(
        json.dumps(
            {
                "outlet": "Outlet 1",
                "title": "Budget",
                "text": BUDGET.format(amount="9", weekday="Monday", mayor="Rui Costa"),
            }
        )
        + "\n"
    )
    report = ingest([str(good), str(tmp_path / "missing.txt")], tmp_path / "s.db", processes=1)
    assert report.ingested == 1
    assert [f.source for f in report.failed] == [str(tmp_path / "missing.txt")]
    assert not report.ok


@dataclass(frozen=True)
class Site:
    folder: Path
    base: str


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """A folder served by the standard library's file server on 127.0.0.1 (it sends
    Last-Modified and answers If-Modified-Since with 304)."""
    folder = tmp_path / "site"
    folder.mkdir()
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Site(folder, f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_second_run_counts_the_pages_unchanged_since_the_first(
    site: Site, tmp_path: Path
) -> None:
    text = BUDGET.format(amount="9", weekday="Monday", mayor="Rui Costa")
    page = f"<html><head><title>Budget passed</title></head><body><p>{text}</p></body></html>"
    (site.folder / "budget.html").write_text(page)
    options = Options(allow_private=True, host_delay=0.0)
    db = tmp_path / "web.db"
    first = ingest([f"{site.base}/budget.html"], db, processes=1, options=options)
    second = ingest([f"{site.base}/budget.html"], db, processes=1, options=options)
    assert (first.ingested, first.unchanged) == (1, 0)
    assert (second.ingested, second.skipped, second.unchanged, second.failed) == (0, 0, 1, [])


def test_failure_records_are_passed_through(tmp_path: Path) -> None:
    report = ingest_articles([Failure("feed.xml", "bad feed")], tmp_path / "s.db", processes=1)
    assert report.failed == [Failure("feed.xml", "bad feed")]


# ---------------------------------------------------------------------- crash safety


def many_articles(count: int) -> list[dict[str, str]]:
    """``count`` invented reports: ferry accidents on different islands and days."""
    islands = ["Kalymnos", "Ischia", "Hvar", "Naxos", "Gozo", "Madeira", "Corfu", "Elba"]
    rows = []
    for n in range(count):
        facts = dict(
            ship=f"Ship {n // 3}",
            island=islands[(n // 3) % len(islands)],
            weekday="Monday",
            people=str(100 + n // 3),
            hurt=str(n % 7 + 2),
            port="the port",
            captain=f"Captain {n // 3}",
        )
        rows.append(
            {
                "outlet": f"Outlet {n % 3}",
                "url": f"https://example.org/{n}",
                "published": f"2024-05-{1 + (n // 3) % 28:02d}",
                "title": f"Ferry {facts['ship']} aground off {facts['island']}",
                "text": FERRY[n % 3].format(**facts),
            }
        )
    return rows


def count_articles(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_an_ingest_killed_mid_run_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl"
    rows = many_articles(45)
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    db = tmp_path / "crash.db"
    code = (
        f"from rashomon.corpus import ingest; ingest([{str(source)!r}], {str(db)!r}, processes=1)"
    )
    child = subprocess.Popen([sys.executable, "-c", code], env={**os.environ})
    deadline = time.monotonic() + 600
    while count_articles(db) < 3 and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    stored_at_kill = count_articles(db)
    assert 0 < stored_at_kill < len(rows)

    report = ingest([str(source)], db, processes=1)
    assert report.skipped == stored_at_kill
    assert report.ingested == len(rows) - stored_at_kill
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(DISTINCT url), count(*) FROM articles").fetchone() == (
            len(rows),
            len(rows),
        )
        for table in ("analyses", "profiles", "minhashes"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == len(rows)
        assert conn.execute("SELECT count(*) FROM articles WHERE story IS NULL").fetchone()[0] == 0


# ---------------------------------------------------------------------- engines


def test_local_and_dask_engines_give_the_same_stories(tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in many_articles(24)) + "\n")
    results = []
    for engine in ("local", "dask"):
        db = tmp_path / f"{engine}.db"
        report = ingest([str(source)], db, engine=engine, processes=2)
        assert report.ingested == 24
        results.append([(s.id, s.article_ids, s.copies) for s in list_stories(db)])
    assert results[0] == results[1]
    assert len(results[0]) > 1


# ---------------------------------------------------------------------- Parquet shards


def write_articles_jsonl(path: Path) -> None:
    rows = [
        {
            "outlet": a.outlet,
            "title": a.title,
            "text": a.text,
            "published": a.published.isoformat() if a.published else None,
        }
        for a in articles()
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")


def store_contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table of a store, rows sorted, without the time each article was added."""
    tables = ("articles", "analyses", "profiles", "minhashes", "bands", "terms", "stories")
    with sqlite3.connect(db) as conn:
        found = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
        columns = [c[1] for c in conn.execute("PRAGMA table_info(articles)")]
    added = columns.index("added")
    found["articles"] = [row[:added] + row[added + 1 :] for row in found["articles"]]
    return found


@pytest.fixture(scope="module")
def direct(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small corpus as a JSONL file, and the store a direct ingest of it gives."""
    folder = tmp_path_factory.mktemp("direct")
    source = folder / "corpus.jsonl"
    write_articles_jsonl(source)
    db = folder / "direct.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("rashomon.corpus.BATCH", 3)
        report = ingest([str(source)], db, processes=1)
    assert (report.ingested, report.copies, report.failed) == (8, 1, [])
    return source, db


def test_shards_give_the_store_a_direct_ingest_gives(
    direct: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, expected = direct
    monkeypatch.setattr("rashomon.corpus.BATCH", 3)
    shards = tmp_path / "shards"
    report = ingest_to_shards([str(source)], shards, processes=1)
    assert (report.ingested, report.shards, report.failed) == (8, 3, [])
    assert sorted(p.name for p in shards.iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    db = tmp_path / "from-shards.db"
    stored = ingest_shards(shards, db)
    assert (stored.ingested, stored.copies, stored.skipped, stored.failed) == (8, 1, 0, [])
    assert store_contents(db) == store_contents(expected)
    assert list_stories(db) == list_stories(expected)

    again = ingest_shards(shards, db)  # storing the same shards twice is a no-op
    assert (again.ingested, again.skipped) == (0, 8)
    assert store_contents(db) == store_contents(expected)


def test_shards_resume_after_a_kill_without_duplicates(
    direct: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.parquet as pq

    source, expected = direct
    monkeypatch.setattr("rashomon.corpus.BATCH", 3)
    shards = tmp_path / "shards"
    ingest_to_shards([str(source)], shards, processes=1)
    # what a run killed while writing its third batch leaves: two shards and a partial file
    last = shards / "part-00002.parquet"
    partial = shards / ".part-00002.parquet.4242.tmp"
    partial.write_bytes(last.read_bytes()[:100])
    last.unlink()

    report = ingest_to_shards([str(source)], shards, processes=1)
    assert (report.ingested, report.skipped, report.shards, report.failed) == (2, 6, 1, [])
    rows = [pq.read_table(p).column("id").to_pylist() for p in sorted(shards.glob("part-*"))]
    ids = [i for part in rows for i in part]
    assert len(ids) == len(set(ids)) == 8

    nothing_new = ingest_to_shards([str(source)], shards, processes=1)
    assert (nothing_new.ingested, nothing_new.skipped, nothing_new.shards) == (0, 8, 0)

    db = tmp_path / "resumed.db"
    stored = ingest_shards(shards, db)
    assert (stored.ingested, stored.failed) == (8, [])
    assert store_contents(db) == store_contents(expected)


def test_cli_ingest_to_shards_and_from_shards(
    cli: object, direct: tuple[Path, Path], tmp_path: Path
) -> None:
    source, expected = direct
    shards, db = tmp_path / "shards", tmp_path / "s.db"
    code, _, err = invoke(cli, "ingest", str(source), "--shards", str(shards), "--processes", "1")
    assert code == 0
    assert err.splitlines()[-1] == (
        f"Wrote 8 articles in 1 shard to {shards}, skipped 0 already written, 0 failed."
    )
    code, _, err = invoke(cli, "ingest", "--from-shards", str(shards), "--db", str(db))
    assert code == 0
    assert "Ingested 8 articles (1 near-duplicate)" in err
    assert [s.article_ids for s in list_stories(db)] == [
        s.article_ids for s in list_stories(expected)
    ]
    code, _, err = invoke(cli, "ingest", "--db", str(db))
    assert code == 2 and "give at least one source" in err
    code, _, err = invoke(cli, "ingest", str(source), "--from-shards", str(shards))
    assert code == 2 and "takes no sources" in err


# ---------------------------------------------------------------------- command line


@pytest.fixture(scope="module")
def cli() -> object:
    from rashomon.cli import main  # the corpus commands are registered on it

    return main


def invoke(cli: object, *args: str) -> tuple[int, str, str]:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, list(args))  # type: ignore[arg-type]
    return result.exit_code, result.stdout, result.stderr


def test_cli_ingest_reports_and_exits_with_the_failure_count(cli: object, tmp_path: Path) -> None:
    good = tmp_path / "one.jsonl"
    good.write_text(
        json.dumps(
            {
                "outlet": "Outlet 1",
                "title": "Budget passed",
                "text": BUDGET.format(amount="9", weekday="Monday", mayor="Rui Costa"),
            }
        )
        + "\n"
    )
    db = str(tmp_path / "cli.db")
    code, _, err = invoke(
        cli, "ingest", str(good), str(tmp_path / "gone.txt"), "--db", db, "--processes", "1"
    )
    assert code == 2
    assert f"Error: {tmp_path / 'gone.txt'}: " in err
    assert "--allow-private" not in err
    assert err.splitlines()[-1] == (
        "Ingested 1 article (0 near-duplicates), skipped 0 already stored, 1 failed; "
        "1 story new or changed."
    )
    code, _, err = invoke(cli, "ingest", str(good), "--db", db, "--processes", "1")
    assert code == 0 and "skipped 1 already stored, 0 failed" in err


def test_cli_ingest_maps_its_fetch_flags_onto_the_options(
    cli: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def fake(sources: list[str], db: Path, **settings: object) -> IngestReport:
        seen.update(settings)
        return IngestReport(ingested=1, unchanged=2)

    monkeypatch.setattr("rashomon.corpus.ingest", fake)
    flags = ["--timeout", "5", "--delay", "0", "--allow-private"]
    code, _, err = invoke(cli, "ingest", "feed.xml", "--db", str(tmp_path / "s.db"), *flags)
    assert code == 0
    assert seen["options"] == Options(allow_private=True, timeout=5.0, host_delay=0.0)
    assert err.splitlines()[-1] == (
        "Ingested 1 article (0 near-duplicates), skipped 0 already stored, "
        "2 unchanged since the last fetch, 0 failed; 0 stories new or changed."
    )


def test_cli_ingest_says_how_to_reach_a_private_address(cli: object, tmp_path: Path) -> None:
    url = "http://127.0.0.1:9/news"
    code, _, err = invoke(cli, "ingest", url, "--db", str(tmp_path / "s.db"), "--processes", "1")
    assert code == 1
    assert err.splitlines()[:2] == [
        f"Error: {url}: refusing to fetch a private, loopback or link-local address (127.0.0.1)",
        "  hint: add --allow-private to fetch from this network",
    ]


def test_cli_stories_story_and_export(cli: object, db: Path, tmp_path: Path) -> None:
    code, out, _ = invoke(cli, "stories", "--db", str(db), "--query", "kalymnos")
    assert code == 0
    first, second = out.splitlines()
    assert first.split()[1:] == [
        "2024-05-02",
        "3",
        "articles",
        "+1",
        "copy",
        "Outlet",
        "0,",
        "Outlet",
        "1,",
        "Outlet",
        "2",
    ]
    assert second.strip() == get_story(db, first.split()[0]).title
    code, out, _ = invoke(cli, "stories", "--db", str(db), "--format", "json", "--outlet", "nobody")
    assert (code, json.loads(out)) == (0, [])
    code, out, err = invoke(cli, "story", first.split()[0], "--db", str(db), "--format", "json")
    assert code == 0 and len(json.loads(out)["articles"]) == 3
    assert "1 copy of its articles is left out" in err
    code, _, err = invoke(cli, "story", "999", "--db", str(db))
    assert code == 1 and err.startswith("Error: ")
    # a story of one article has nothing to compare yet: its analysis is shown
    single = next(s for s in list_stories(db) if s.article_ids == ("budget",))
    code, out, err = invoke(cli, "story", single.id, "--db", str(db), "--format", "json")
    assert code == 0 and "single article" in err
    assert json.loads(out)["article"]["id"] == "budget"
    # the output file's name picks the format, as with `rashomon compare -o`
    page = tmp_path / "story.html"
    code, _, _ = invoke(cli, "story", first.split()[0], "--db", str(db), "-o", str(page))
    assert code == 0 and page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    out_file = tmp_path / "all.csv"
    code, _, err = invoke(cli, "export", "--db", str(db), "-o", str(out_file))
    assert code == 0 and err.startswith("Exported ")
    assert out_file.read_text(encoding="utf-8").startswith("id,outlet,title,url,published")


def test_cli_on_a_missing_store(cli: object, tmp_path: Path) -> None:
    code, _, err = invoke(cli, "stories", "--db", str(tmp_path / "none.db"))
    assert code == 1
    assert err.splitlines() == [
        f"Error: {tmp_path / 'none.db'}: no such store",
        "  hint: run `rashomon ingest` first",
    ]


def undated_store(path: Path) -> None:
    """A story of a dated article and a story of an undated one, stored without the models."""
    import numpy as np

    from rashomon.records import AnalyzedArticle, GenreCall
    from rashomon.store.db import Placement, content_hash
    from rashomon.stories import dedup
    from rashomon.stories.profile import Processed, Profile

    rows = [("a1", dt.date(2024, 5, 2), "Budget passed"), ("b1", None, "Old ferry report")]
    with Store(path) as store:
        for n, (article_id, day, title) in enumerate(rows):
            text = f"{title}: the council met on Monday and voted after a long debate."
            article = Article(article_id, f"Outlet {n}", text, title, published=day)
            genre = GenreCall("report", 0.0, 0.0, 0.0, 0.0, 0.0)
            item = Processed(
                article,
                AnalyzedArticle(article, (), (), (), (), (), genre),
                Profile(np.eye(384, dtype=np.float32)[n], {}, {}, (), ()),
                dedup.signature(text),
            )
            with store.transaction():
                store.add(item, content_hash(article), Placement(), dedup.band_keys(item.signature))
                story = store.new_story()
                store.assign(story, [article_id])
                store.refresh(story)


def test_cli_stories_shows_unknown_dates_and_says_what_since_leaves_out(
    cli: object, tmp_path: Path
) -> None:
    db = tmp_path / "undated.db"
    undated_store(db)
    code, out, _ = invoke(cli, "stories", "--db", str(db))
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split()[1] == "2024-05-02" and lines[1].strip() == "Budget passed"
    assert lines[2].split()[1:3] == ["date", "unknown"] and lines[3].strip() == "Old ferry report"
    code, out, err = invoke(cli, "stories", "--db", str(db), "--since", "2024-01-01")
    assert code == 0 and len(out.splitlines()) == 2
    assert err.strip() == "1 story has no known date and is not listed by --since."
    code, out, _ = invoke(cli, "stories", "--db", str(db), "--format", "json")
    assert [(s["title"], s["first"], s["last"]) for s in json.loads(out)] == [
        ("Budget passed", "2024-05-02", "2024-05-02"),
        ("Old ferry report", None, None),
    ]
