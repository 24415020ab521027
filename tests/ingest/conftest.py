"""A real HTTP server on 127.0.0.1 whose routes each test sets, and options that may reach it."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rashomon.options import Options

# Reaching 127.0.0.1 needs allow_private; no back-off or pacing waits in tests.
LOCAL = Options(allow_private=True, backoff=0.0, host_delay=0.0, timeout=5.0, retries=2)

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title} | Tagus Wire</title>
<meta property="og:site_name" content="Tagus Wire">
<meta property="article:published_time" content="2026-03-03T09:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>LISBON (Tagus Wire) — A ferry carrying 214 passengers sank off the coast of Lisbon on
Tuesday, the coast guard said, in the worst accident at sea in the country for decades.</p>
<p>Twelve people died and forty were injured, according to the Interior Ministry, which said
rescue teams had pulled 162 survivors from the water by nightfall.</p>
<p>"We did everything we could," said captain Rui Lopes, speaking to reporters at the port
late on Tuesday evening, before the first funerals were announced.</p>
</article><footer>Share on Facebook</footer></body></html>
"""


@dataclass
class Route:
    """What the server answers on one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Server:
    """Routes to serve and the requests seen (path, headers)."""

    base: str
    options: Options = LOCAL
    routes: dict[str, list[Route]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def add(
        self, path: str, body: bytes | str = b"", status: int = 200, delay: float = 0.0,
        **headers: str,
    ) -> str:  # fmt: skip
        """Serve ``body`` on ``path``; return its URL. Header names use ``_`` for ``-``."""
        self.routes[path] = [_route(body, status, delay, headers)]
        return self.base + path

    def then(self, path: str, body: bytes | str = b"", status: int = 200, **headers: str) -> None:
        """Answer the next request to ``path`` (after the ones already set) like this."""
        self.routes.setdefault(path, []).append(_route(body, status, 0.0, headers))

    def page(self, path: str, title: str = "Ferry sinks off Lisbon") -> str:
        return self.add(path, ARTICLE_HTML.format(title=title), Content_Type="text/html")

    def hits(self, path: str) -> int:
        return sum(1 for seen, _ in self.requests if seen == path)

    def answer(self, path: str) -> Route:
        queue = self.routes.get(path) or [Route(404, b"not here")]
        return queue.pop(0) if len(queue) > 1 else queue[0]


def _route(body: bytes | str, status: int, delay: float, headers: dict[str, str]) -> Route:
    data = body.encode() if isinstance(body, str) else body
    named = {name.replace("_", "-"): value for name, value in headers.items()}
    return Route(status, data, named, delay)


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # connections are kept alive, as real servers do

        def do_GET(self) -> None:
            server.requests.append((self.path, dict(self.headers)))
            route = server.answer(self.path)
            if route.delay:
                time.sleep(route.delay)
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if "X-No-Length" not in route.headers:  # else the body ends when the connection does
                self.send_header("Content-Length", str(len(route.body)))
            else:
                self.close_connection = True
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server(base="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    httpd.block_on_close = False  # a slow handler must not hold up the next test
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
