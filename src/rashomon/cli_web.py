"""The ``rashomon serve`` command: browse the stories of a store in a web browser."""

from __future__ import annotations

import ipaddress
import logging
import sys
from pathlib import Path

import click

from rashomon.errors import RashomonError


@click.command()
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("rashomon.db"),
    envvar="RASHOMON_DB",
    show_default=True,
    help="The store to browse.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback exposes the store to the network.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log every request.")
def serve(db: Path, port: int, host: str, verbose: bool) -> None:
    """Browse the stories of a store (read-only; works while an ingest runs)."""
    from rashomon.web import make_server

    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not _loopback(host):
        click.echo(
            f"Warning: listening on {host}: anyone who can reach it can read the store", err=True
        )
    try:
        server = make_server(db, host=host, port=port)
    except (RashomonError, OSError) as exc:
        click.echo(f"Error: {exc}", err=True)
        hint = getattr(exc, "hint", "") or (
            "try another --port" if isinstance(exc, OSError) else ""
        )
        if hint:
            click.echo(f"  hint: {hint}", err=True)
        sys.exit(1)
    click.echo(f"Serving {db} on http://{host}:{server.server_port}/ (Ctrl+C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
