"""The corpus commands: ``ingest``, ``stories``, ``story`` and ``export``.

They work on one store file (``--db``, default ``rashomon.db`` or ``$RASHOMON_DB``) and are
added to the ``rashomon`` command group by :func:`register`.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rashomon.cli import ALLOW_PRIVATE, exit_code, fail, format_of, parse_date, write
from rashomon.errors import RashomonError
from rashomon.options import Options
from rashomon.records import Story

if TYPE_CHECKING:
    from rashomon.corpus import IngestReport

EXPORTS = ("jsonl", "csv", "parquet")
DB = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default="rashomon.db",
    envvar="RASHOMON_DB",
    show_default=True,
    help="The store file.",
)


@click.command()
@click.argument("sources", nargs=-1)
@DB
@click.option(
    "--shards",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the processed articles to Parquet files in this folder instead of the store.",
)
@click.option(
    "--from-shards",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Store and group the articles of a --shards folder (give no sources).",
)
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler (default: a local cluster).")
@click.option(
    "--processes", type=click.IntRange(min=0), default=0, help="Worker processes (default 2)."
)
@ALLOW_PRIVATE
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=Options.timeout,
    show_default=True,
    help="Seconds allowed for one HTTP request.",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=Options.host_delay,
    show_default=True,
    help="Seconds between two requests to one host (robots.txt may ask for more).",
)
def ingest(
    sources: tuple[str, ...],
    db: Path,
    shards: Path | None,
    from_shards: Path | None,
    engine: str,
    scheduler: str | None,
    processes: int,
    allow_private: bool,
    timeout: float,
    delay: float,
) -> None:
    """Add articles to the store (files, folders, feeds, WARC, URL lists) and group stories.

    Content already in the store is skipped, so running the same command again only adds
    what is new, and an interrupted ingest is completed by the next one.

    For a corpus processed apart from its store: ``--shards DIR`` writes the analysed articles
    to Parquet files in DIR (a run resumes where the last one stopped), and
    ``--from-shards DIR`` later stores and groups them in ``--db``.
    """
    from rashomon.corpus import ingest as run
    from rashomon.corpus import ingest_shards, ingest_to_shards

    if from_shards is not None and (sources or shards is not None):
        raise click.UsageError("--from-shards takes no sources and no --shards")
    if from_shards is None and not sources:
        raise click.UsageError("give at least one source (or --from-shards DIR)")
    options = Options(allow_private=allow_private, timeout=timeout, host_delay=delay)
    progress = _Progress() if sys.stderr.isatty() else None
    try:
        if from_shards is not None:
            report = ingest_shards(from_shards, db, progress=progress)
        else:
            report = (ingest_to_shards if shards is not None else run)(
                list(sources),
                shards if shards is not None else db,
                engine=engine,
                scheduler=scheduler,
                processes=processes,
                options=options,
                progress=progress,
            )
    except RashomonError as exc:
        if progress:
            progress.done()
        fail(exc)
        sys.exit(1)
    if progress:
        progress.done()
    for failure in report.failed:
        click.echo(f"Error: {failure.source}: {failure.reason}", err=True)
    if any(f.reason.startswith("refusing to fetch a private") for f in report.failed):
        click.echo("  hint: add --allow-private to fetch from this network", err=True)
    click.echo(_shards_summary(report, shards) if shards else _summary(report), err=True)
    done = report.ingested + report.skipped + report.unchanged
    sys.exit(exit_code(done, done + len(report.failed)))


@click.command()
@DB
@click.option(
    "--since",
    callback=parse_date,
    help="Stories still running on or after YYYY-MM-DD (stories with no known date are left out).",
)
@click.option("--outlet", help="Stories with an article of an outlet whose name has this in it.")
@click.option("--query", help='Full-text search of the articles, e.g. "ferry AND lesbos".')
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def stories(
    db: Path, since: dt.date | None, outlet: str | None, query: str | None, fmt: str
) -> None:
    """List the stories: id, days, articles, outlets and title.

    A story none of whose articles has a known publication date shows "date unknown" and
    comes last; ``--since`` leaves such stories out and says how many.
    """
    from rashomon.corpus import count_undated, list_stories
    from rashomon.records import to_json
    from rashomon.render import dumps

    try:
        found = list_stories(db, since=since, outlet=outlet, query=query)
        undated = count_undated(db, outlet=outlet, query=query) if since else 0
    except RashomonError as exc:
        fail(exc)
        sys.exit(1)
    if undated:
        left_out = "story has" if undated == 1 else "stories have"
        click.echo(
            f"{undated} {left_out} no known date and {'is' if undated == 1 else 'are'} not "
            "listed by --since.",
            err=True,
        )
    if fmt == "json":
        click.echo(dumps(to_json(found)))
    elif not found:
        click.echo("No stories.", err=True)
    else:
        click.echo("\n".join(_line(s) for s in found))


@click.command()
@click.argument("story_id", metavar="ID")
@DB
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html", "md"]),
    help="Output format (default: from the --output file name, else text).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def story(story_id: str, db: Path, fmt: str | None, output: Path | None) -> None:
    """Show the claim-by-claim comparison of one story's articles."""
    from rashomon.corpus import get_story, story_analyses, story_comparison
    from rashomon.render import render, render_analysis

    fmt = fmt or format_of(output)
    try:
        found = get_story(db, story_id)
        if len(found.article_ids) == 1:  # nothing to compare yet: what the one article says
            click.echo(f"Story {found.id} has a single article; its analysis follows.", err=True)
            single = story_analyses(db, story_id)
            write(render_analysis(single, fmt if fmt in {"text", "json"} else "text"), output)
            return
        comparison, analyzed = story_comparison(db, story_id)
    except RashomonError as exc:
        fail(exc)
        sys.exit(1)
    copies = sum(len(c) for c in found.copies.values())
    if copies:
        left_out = "copy of its articles is" if copies == 1 else "copies of its articles are"
        click.echo(f"Story {found.id}: {copies} {left_out} left out.", err=True)
    write(render(comparison, fmt, analyzed), output)


@click.command()
@DB
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORTS),
    help="Output format (default: from the --output file name, else jsonl).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def export(db: Path, fmt: str | None, output: Path | None) -> None:
    """Write every article with its story (and the article it copies) as JSONL, CSV or Parquet."""
    from rashomon.store import Store, export_articles

    fmt = fmt or format_of(output, {f".{e}": e for e in EXPORTS} | {"": "jsonl"})

    try:
        with Store(db, create=False) as store:
            out = output if output else sys.stdout
            count = export_articles(store, fmt, out)
    except RashomonError as exc:
        fail(exc)
        sys.exit(1)
    click.echo(f"Exported {count} articles.", err=True)


def register(group: click.Group) -> None:
    """Add the corpus commands to ``group``."""
    for command in (ingest, stories, story, export):
        group.add_command(command)


def _summary(report: IngestReport) -> str:
    unchanged = f"{report.unchanged} unchanged since the last fetch, " if report.unchanged else ""
    return (
        f"Ingested {_count(report.ingested, 'article')} "
        f"({_count(report.copies, 'near-duplicate')}), "
        f"skipped {report.skipped} already stored, {unchanged}{len(report.failed)} failed; "
        f"{_count(len(report.stories), 'story', 'stories')} new or changed."
    )


def _shards_summary(report: IngestReport, folder: Path) -> str:
    return (
        f"Wrote {_count(report.ingested, 'article')} in {_count(report.shards, 'shard')} "
        f"to {folder}, skipped {report.skipped} already written, {len(report.failed)} failed."
    )


def _count(number: int, word: str, plural: str = "") -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"


def _line(found: Story) -> str:
    days = found.first or "date unknown"
    if found.last and found.last != found.first:
        days = f"{days}..{found.last}"
    copies = sum(len(c) for c in found.copies.values())
    count = _count(len(found.article_ids), "article")
    count += f" +{_count(copies, 'copy', 'copies')}" if copies else ""
    outlets = ", ".join(found.outlets)
    return f"{found.id:>5}  {days:<22}  {count:<20}  {outlets}\n       {found.title}"


class _Progress:
    """One line on the terminal, rewritten as articles are stored."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        click.echo("Reading sources and loading the language models...", err=True, nl=False)

    def __call__(self, report: IngestReport) -> None:
        rate = report.ingested / max(time.perf_counter() - self.start, 1e-9)
        click.echo(
            f"\r{report.ingested} articles stored, {report.skipped + report.unchanged} skipped, "
            f"{len(report.failed)} failed ({rate:.1f}/s)" + " " * 30,
            err=True,
            nl=False,
        )

    def done(self) -> None:
        click.echo("", err=True)
