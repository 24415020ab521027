"""The command line: a thin layer over :mod:`rashomon.api`.

Exit codes: 0 everything worked; 1 nothing could be done; 2 a batch worked in part
(the good sources are processed, each bad one is reported on its own ``Error:`` line).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rashomon.errors import RashomonError

if TYPE_CHECKING:
    from rashomon.records import Article

FORMATS = ["text", "json", "html", "md"]


def fail(error: BaseException) -> None:
    """Print one ``Error:`` line (and a hint) for ``error``."""
    click.echo(f"Error: {error}", err=True)
    hint = getattr(error, "hint", "")
    if hint:
        click.echo(f"  hint: {hint}", err=True)


def warn(message: str) -> None:
    click.echo(f"Warning: {message}", err=True)


def read_sources(
    sources: Sequence[str],
    outlets: Sequence[str | None],
    published: dt.date | None = None,
    *,
    allow_private: bool = False,
) -> tuple[list[Article], bool]:
    """The articles of every source, each bad file or page reported on one line; and whether
    everything was read."""
    from rashomon.ingest import read_each
    from rashomon.options import Options

    options = Options(allow_private=allow_private)
    articles: list[Article] = []
    complete = True
    for source, outlet in zip(sources, outlets, strict=True):
        found, errors = read_each(source, outlet=outlet, published=published, options=options)
        for error in errors:
            fail(error)
        articles += found
        complete = complete and not errors
    for article in articles:
        for message in article.warnings:
            warn(f"{article.source or article.id}: {message}")
    return articles, complete


def exit_code(done: int, total: int) -> int:
    return 0 if done == total else (1 if done == 0 else 2)


def parse_date(_ctx: Any, _param: Any, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


ALLOW_PRIVATE = click.option(
    "--allow-private",
    is_flag=True,
    help="Fetch from loopback and private addresses too (an intranet, a local test server).",
)
SUFFIXES = {".json": "json", ".html": "html", ".htm": "html", ".md": "md"}


def format_of(output: Path | None, known: dict[str, str] | None = None) -> str:
    """The format an output file's name asks for ("report.html" → html; "notes.txt" or no
    file → text); a name that says no known format is a usage error, not a guess."""
    known = known or {**SUFFIXES, ".txt": "text", "": "text"}
    suffix = output.suffix.lower() if output else ""
    if suffix not in known:
        names = ", ".join(s for s in known if s)
        raise click.UsageError(
            f"cannot tell the format from the name {output} (use {names}, or --format)"
        )
    return known[suffix]


def write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"Wrote {output}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rashomon")
def main() -> None:
    """rashomon: how different news outlets tell the same story, claim by claim."""


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    help="Output format (default: from the --output file name, else text).",
)
@click.option("--outlet", help="Outlet name (overrides what the source says).")
@click.option(
    "--date", "published", callback=parse_date, help="Publication date YYYY-MM-DD (overrides)."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@ALLOW_PRIVATE
def analyze(
    sources: tuple[str, ...],
    fmt: str | None,
    outlet: str | None,
    published: dt.date | None,
    output: Path | None,
    allow_private: bool,
) -> None:
    """Analyse articles (files or URLs): claims, speakers, entities, numbers, dates, genre."""
    from rashomon import api
    from rashomon.render import render_analysis

    fmt = fmt or format_of(output)
    outlets = [outlet] * len(sources)
    articles, complete = read_sources(sources, outlets, published, allow_private=allow_private)
    analyzed = api.analyze_many(articles)
    if analyzed:
        write(render_analysis(analyzed, fmt if fmt in {"text", "json"} else "text"), output)
    sys.exit(0 if complete else 2 if analyzed else 1)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format (default: from the --output file name, else text).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Compare even if the articles look unrelated.")
@click.option("--outlet", multiple=True, help="Outlet name per source, in order.")
@ALLOW_PRIVATE
def compare(
    sources: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    force: bool,
    outlet: tuple[str, ...],
    allow_private: bool,
) -> None:
    """Compare two or more articles about one event, claim by claim."""
    from rashomon import api
    from rashomon.render import render

    fmt = fmt or format_of(output)
    names: list[str | None] = [*outlet, *[None] * (len(sources) - len(outlet))]
    articles, complete = read_sources(sources, names[: len(sources)], allow_private=allow_private)
    try:
        analyzed = api.analyze_many(articles)
        comparison = api.compare(analyzed, force=force)
    except RashomonError as exc:
        fail(exc)
        sys.exit(1)
    for message in comparison.warnings:
        warn(message)
    write(render(comparison, fmt, analyzed), output)
    sys.exit(0 if complete else 2)


@main.command()
@click.argument("name", type=click.Choice(["analysis", "comparison", "story"]))
def schema(name: str) -> None:
    """Print the JSON schema of an output (see docs/schema/)."""
    from rashomon.render import dumps
    from rashomon.schema import schema as build

    click.echo(dumps(build(name)))


def _register_commands() -> None:
    from rashomon.cli_corpus import register
    from rashomon.cli_web import serve

    main.add_command(serve)
    register(main)


_register_commands()


def run() -> None:
    """Entry point: interrupts and unexpected failures become one readable line."""
    try:
        main(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("RASHOMON_DEBUG"):
            raise
        click.echo(f"Error: internal error ({type(exc).__name__}: {exc})", err=True)
        click.echo(
            "  hint: set RASHOMON_DEBUG=1 to see the traceback, and please report it", err=True
        )
        sys.exit(1)
