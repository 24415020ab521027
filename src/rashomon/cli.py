"""The command line: a thin layer over :mod:`rashomon.api`.

Exit codes: 0 everything worked; 1 nothing could be done; 2 a batch worked in part
(the good sources are processed, each bad one is reported on its own ``Error:`` line).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from rashomon.errors import RashomonError

T = TypeVar("T")
R = TypeVar("R")
FORMATS = ["text", "json", "html", "md"]


def fail(error: BaseException) -> None:
    """Print one ``Error:`` line (and a hint) for ``error``."""
    click.echo(f"Error: {error}", err=True)
    hint = getattr(error, "hint", "")
    if hint:
        click.echo(f"  hint: {hint}", err=True)


def warn(message: str) -> None:
    click.echo(f"Warning: {message}", err=True)


def batch(items: Sequence[T], work: Callable[[T], R]) -> Iterator[R]:
    """Run ``work`` on each item; report failures and keep going."""
    for item in items:
        try:
            yield work(item)
        except RashomonError as exc:
            fail(exc)


def exit_code(done: int, total: int) -> int:
    return 0 if done == total else (1 if done == 0 else 2)


def parse_date(_ctx: Any, _param: Any, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


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
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--outlet", help="Outlet name (overrides what the source says).")
@click.option(
    "--date", "published", callback=parse_date, help="Publication date YYYY-MM-DD (overrides)."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def analyze(
    sources: tuple[str, ...],
    fmt: str,
    outlet: str | None,
    published: dt.date | None,
    output: Path | None,
) -> None:
    """Analyse articles (files or URLs): claims, speakers, entities, numbers, dates, genre."""
    from rashomon import api
    from rashomon.render import render_analysis

    articles = list(batch(sources, lambda s: api.read(s, outlet=outlet, published=published)))
    flat = [a for group in articles for a in group]
    for article in flat:
        for message in article.warnings:
            warn(f"{article.source or article.id}: {message}")
    analyzed = api.analyze_many(flat)
    if analyzed:
        write(render_analysis(analyzed, fmt), output)
    sys.exit(exit_code(len(articles), len(sources)))


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Compare even if the articles look unrelated.")
@click.option("--outlet", multiple=True, help="Outlet name per source, in order.")
def compare(
    sources: tuple[str, ...], fmt: str, output: Path | None, force: bool, outlet: tuple[str, ...]
) -> None:
    """Compare two or more articles about one event, claim by claim."""
    from rashomon import api
    from rashomon.render import render

    names: list[str | None] = [*outlet, *[None] * (len(sources) - len(outlet))]
    read = list(
        batch(list(zip(sources, names, strict=False)), lambda p: api.read(p[0], outlet=p[1]))
    )
    articles = [a for group in read for a in group]
    for article in articles:
        for message in article.warnings:
            warn(f"{article.source or article.id}: {message}")
    try:
        analyzed = api.analyze_many(articles)
        comparison = api.compare(analyzed, force=force)
    except RashomonError as exc:
        fail(exc)
        sys.exit(1)
    for message in comparison.warnings:
        warn(message)
    write(render(comparison, fmt, analyzed), output)
    sys.exit(exit_code(len(read), len(sources)))


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
