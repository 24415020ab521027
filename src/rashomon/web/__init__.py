"""The story browser: a read-only web page over a store, served on 127.0.0.1.

server = make_server("news.db", port=8000)
server.serve_forever()
"""

from __future__ import annotations

import logging
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer
from wsgiref.simple_server import make_server as wsgi_server

from rashomon.web.app import Browser

__all__ = ["Browser", "make_server"]

log = logging.getLogger(__name__)


class ThreadingServer(ThreadingMixIn, WSGIServer):
    """One thread per request, so a slow comparison does not hold up the story list."""

    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    """Request lines go to the ``rashomon.web`` logger instead of stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s " + format, self.address_string(), *args)


def make_server(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000) -> WSGIServer:
    """A threaded server for the browser of ``db``; ``port=0`` picks a free port."""
    return wsgi_server(
        host, port, Browser(db), server_class=ThreadingServer, handler_class=QuietHandler
    )
