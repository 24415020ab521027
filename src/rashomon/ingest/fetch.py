"""Polite, guarded HTTP: one :class:`Fetcher` per batch.

* http(s) only; loopback, private, link-local and reserved addresses are refused (at every
  redirect) unless ``Options.allow_private`` is set;
* a whole-request timeout, a size cap, a redirect limit and loop check, a clear user agent;
* retries with exponential back-off on 429, 5xx, timeouts and dropped connections (a
  ``Retry-After`` is honoured up to ``Options.max_wait``);
* at most one request per ``Options.host_delay`` seconds (or robots.txt's crawl-delay) per host;
* robots.txt respected (RFC 9309: a missing robots.txt allows everything, an unreachable one
  nothing);
* conditional requests: ETag / Last-Modified validators kept in a :class:`ValidatorCache`
  (the article store can implement it; :class:`MemoryCache` keeps them in memory). A
  ``304 Not Modified`` raises :class:`NotModified`.
"""

from __future__ import annotations

import email.utils
import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from rashomon.errors import FetchError
from rashomon.options import Options

if TYPE_CHECKING:
    import urllib3

ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,application/json;q=0.8,*/*;q=0.5"
)
ROBOTS_AGENT = "rashomon"
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_REDIRECTS = {301, 302, 303, 307, 308}
_ROBOTS_BYTES = 500_000
_CHUNK = 65_536
_DRAIN = 65_536  # an unused body up to this size is read out to keep the connection


@dataclass(frozen=True)
class Validators:
    """What a server said identifies the version of a page it sent."""

    etag: str = ""
    last_modified: str = ""


class ValidatorCache(Protocol):
    """Where validators are kept between runs (the article store implements it)."""

    def get(self, url: str) -> Validators | None:
        """The validators saved for ``url``, if any."""
        ...

    def put(self, url: str, validators: Validators) -> None:
        """Save the validators of the version of ``url`` just read."""
        ...


class MemoryCache:
    """A :class:`ValidatorCache` that lives as long as the process."""

    def __init__(self) -> None:
        self._validators: dict[str, Validators] = {}

    def get(self, url: str) -> Validators | None:
        return self._validators.get(url)

    def put(self, url: str, validators: Validators) -> None:
        self._validators[url] = validators


class NotModified(FetchError):
    """The page has not changed since its validators were saved (HTTP 304)."""


@dataclass(frozen=True)
class Response:
    """A successful response: final URL, media type, declared charset, body, validators."""

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    validators: Validators = Validators()


class _Retryable(FetchError):
    """A failure worth another try: 429, 5xx, a timeout, a dropped connection."""

    def __init__(self, message: str, *, where: str, wait: float | None = None) -> None:
        super().__init__(message, where=where)
        self.wait = wait


# ----------------------------------------------------------------------------- address guard


def check_url(url: str, allow_private: bool = False) -> None:
    """Refuse anything but http(s) to a public address (unless ``allow_private``)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError("only http and https URLs can be fetched", where=url)
    if not parts.hostname:
        raise FetchError("the URL has no host name", where=url)
    if allow_private:
        return
    for address in _addresses(parts.hostname, url):
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"refusing to fetch a private, loopback or link-local address ({address})",
                where=url,
                hint="add --allow-private (Options.allow_private in Python) to fetch from it",
            )


def _addresses(host: str, url: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve the host name '{host}'", where=url) from exc
    found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    return [_unmapped(address) for address in found]


def _unmapped(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped if mapped is not None else address


# ----------------------------------------------------------------------------- fetcher


class Fetcher:
    """Fetch pages politely. Keeps per-host timing and robots.txt rules between calls."""

    def __init__(
        self,
        options: Options | None = None,
        cache: ValidatorCache | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.options = options or Options()
        self.cache = cache
        self._sleep = sleep
        self._pool: urllib3.PoolManager | None = None
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | str] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the open connections."""
        if self._pool is not None:
            self._pool.clear()

    def get(self, url: str) -> Response:
        """GET a URL, following redirects; raise :class:`FetchError` with the reason."""
        check_url(url, self.options.allow_private)
        if self.options.respect_robots:
            self._check_robots(url)
        return self._with_retries(url, conditional=True, limit=self.options.max_bytes)

    def forget(self, url: str) -> None:
        """Drop the validators kept for ``url``, so the next run fetches it in full.

        For a page that could not be used: a later run reports (or reads) it again instead of
        skipping it as unchanged, and a feed with an entry that failed is read again.
        """
        if self.cache is not None and self.cache.get(url) is not None:
            self.cache.put(url, Validators())

    # ------------------------------------------------------------------ retries and redirects

    def _with_retries(self, url: str, *, conditional: bool, limit: int) -> Response:
        for attempt in range(self.options.retries + 1):
            try:
                return self._follow(url, conditional=conditional, limit=limit)
            except _Retryable as exc:
                if attempt == self.options.retries:
                    tries = f" (gave up after {_retries(attempt)})" if attempt else ""
                    raise FetchError(exc.message + tries, where=url) from exc
                self._sleep(self._wait(attempt, exc.wait))
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, attempt: int, asked: float | None) -> float:
        wait = asked if asked is not None else self.options.backoff * 2**attempt
        return max(0.0, min(wait, self.options.max_wait))

    def _follow(self, url: str, *, conditional: bool, limit: int) -> Response:
        seen = {url}
        current = url
        for _ in range(self.options.max_redirects + 1):
            check_url(current, self.options.allow_private)
            validators = self.cache.get(url) if conditional and self.cache else None
            response, location = self._request(current, validators, limit)
            if location is None:
                if conditional:
                    self._remember(url, response)
                return response
            current = urljoin(current, location)
            if current in seen:
                raise FetchError(f"redirect loop at {current}", where=url)
            seen.add(current)
        raise FetchError(f"too many redirects (more than {self.options.max_redirects})", where=url)

    # ------------------------------------------------------------------ one request

    def _request(
        self, url: str, validators: Validators | None, limit: int
    ) -> tuple[Response, str | None]:
        import urllib3

        self._pace(url)
        try:
            raw = self._connection_pool().request(
                "GET",
                url,
                headers=self._headers(validators),
                redirect=False,
                preload_content=False,
                retries=False,
                timeout=urllib3.Timeout(connect=self.options.timeout, read=self.options.timeout),
            )
        except urllib3.exceptions.HTTPError as exc:
            raise _network_error(exc, url, self.options.timeout) from exc
        try:
            return self._read(raw, url, limit)
        finally:
            raw.release_conn()

    def _read(
        self, raw: urllib3.BaseHTTPResponse, url: str, limit: int
    ) -> tuple[Response, str | None]:
        status = raw.status
        location = raw.headers.get("Location")
        if status not in range(200, 300) or (status in _REDIRECTS and location):
            _discard(raw)
        if status in _REDIRECTS and location:
            return _response(url, raw, b""), location
        if status == 304:
            raise NotModified("not modified since the last fetch (HTTP 304)", where=url)
        if status in _RETRY_STATUSES:
            message = f"HTTP {status} {_reason(raw)}"
            raise _Retryable(message, where=url, wait=_retry_after(raw.headers.get("Retry-After")))
        if status >= 400 or status < 200:
            raise FetchError(f"HTTP {status} {_reason(raw)}", where=url)
        return _response(url, raw, self._body(raw, url, limit)), None

    def _body(self, raw: urllib3.BaseHTTPResponse, url: str, limit: int) -> bytes:
        import urllib3

        declared = raw.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raw.close()
            raise FetchError(f"the response is larger than the {_size(limit)} limit", where=url)
        deadline = time.monotonic() + self.options.timeout
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in raw.stream(_CHUNK, decode_content=True):
                size += len(chunk)
                chunks.append(chunk)
                self._check_progress(raw, url, size, limit, deadline)
        except urllib3.exceptions.HTTPError as exc:
            raw.close()
            raise _network_error(exc, url, self.options.timeout) from exc
        return b"".join(chunks)

    def _check_progress(
        self, raw: urllib3.BaseHTTPResponse, url: str, size: int, limit: int, deadline: float
    ) -> None:
        if size > limit:
            raw.close()
            raise FetchError(f"the response is larger than the {_size(limit)} limit", where=url)
        if time.monotonic() > deadline:
            raw.close()
            message = f"the download took longer than {self.options.timeout:g} seconds"
            raise _Retryable(message, where=url)

    def _headers(self, validators: Validators | None) -> dict[str, str]:
        headers = {"User-Agent": self.options.user_agent, "Accept": ACCEPT,
                   "Accept-Encoding": "gzip, deflate"}  # fmt: skip
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        return headers

    def _remember(self, url: str, response: Response) -> None:
        if self.cache is not None and (
            response.validators.etag or response.validators.last_modified
        ):
            self.cache.put(url, response.validators)

    def _connection_pool(self) -> urllib3.PoolManager:
        import urllib3

        if self._pool is None:
            self._pool = urllib3.PoolManager(num_pools=32, maxsize=2, retries=False)
        return self._pool

    # ------------------------------------------------------------------ politeness

    def _pace(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        delay = max(self.options.host_delay, self._crawl_delay(url))
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0:
                self._sleep(min(wait, self.options.max_wait))
        self._last[host] = time.monotonic()

    def _crawl_delay(self, url: str) -> float:
        rules = self._robots.get(_origin(url))
        if not isinstance(rules, RobotFileParser):
            return 0.0
        delay = rules.crawl_delay(ROBOTS_AGENT)
        return float(delay) if delay else 0.0

    def _check_robots(self, url: str) -> None:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, str) and rules.startswith("HTTP "):
            raise FetchError(
                f"robots.txt is unreachable ({rules}), so nothing is fetched", where=url
            )
        if isinstance(rules, str):
            raise FetchError(f"the site cannot be reached: {rules}", where=url)
        if not rules.can_fetch(ROBOTS_AGENT, url):
            raise FetchError("robots.txt does not allow rashomon to fetch this page", where=url)

    def _load_robots(self, origin: str) -> RobotFileParser | str:
        rules = RobotFileParser(origin + "/robots.txt")
        try:
            response = self._with_retries(
                origin + "/robots.txt", conditional=False, limit=_ROBOTS_BYTES
            )
        except FetchError as exc:
            if exc.message.startswith("HTTP 4"):
                rules.parse([])  # no robots.txt: everything is allowed
                return rules
            return exc.message
        rules.parse(response.body.decode("utf-8", "replace").splitlines())
        return rules


# ----------------------------------------------------------------------------- helpers


def _discard(raw: urllib3.BaseHTTPResponse) -> None:
    """Read out the small body of a response not used (an error page, a redirect): left
    unread on a kept-alive connection, it spoils the next request sent on it, which then
    fails and is sent again. A large or unsized body closes the connection instead."""
    import urllib3

    declared = raw.headers.get("Content-Length", "")
    try:
        if declared.isdigit() and int(declared) <= _DRAIN:
            raw.drain_conn()
            return
    except (urllib3.exceptions.HTTPError, OSError):
        pass
    raw.close()


def _response(url: str, raw: urllib3.BaseHTTPResponse, body: bytes) -> Response:
    media, _, params = (raw.headers.get("Content-Type") or "").partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ")
    validators = Validators(raw.headers.get("ETag", ""), raw.headers.get("Last-Modified", ""))
    return Response(
        url=url,
        status=raw.status,
        content_type=media.strip().lower(),
        charset=charset,
        body=body,
        validators=validators,
    )


def _reason(raw: urllib3.BaseHTTPResponse) -> str:
    return str(raw.reason or "").strip() or "error"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _network_error(exc: Exception, url: str, timeout: float) -> FetchError:
    import urllib3

    # urllib3 makes a failed connection a kind of timeout: test for it first
    if isinstance(exc, urllib3.exceptions.NameResolutionError):
        return FetchError(f"cannot resolve the host name '{urlsplit(url).hostname}'", where=url)
    if isinstance(exc, (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ProtocolError)):
        return _Retryable(f"cannot connect ({_short(exc)})", where=url)
    if isinstance(exc, urllib3.exceptions.TimeoutError):
        return _Retryable(f"no response within {timeout:g} seconds", where=url)
    if isinstance(exc, urllib3.exceptions.SSLError):
        return FetchError(f"TLS error ({_short(exc)})", where=url)
    return FetchError(f"the request failed ({_short(exc)})", where=url)


def _short(exc: Exception) -> str:
    reason = getattr(exc, "reason", None) or exc
    text = str(reason).split(": ", 1)[-1]
    return text[:160]


def _retries(count: int) -> str:
    return "1 retry" if count == 1 else f"{count} retries"


def _size(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB" if limit >= 1_000_000 else f"{limit / 1000:g} kB"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
