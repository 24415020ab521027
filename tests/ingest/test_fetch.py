"""Fetching URLs: the address guard, limits, retries, robots.txt and conditional requests."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pytest

from rashomon.errors import FetchError
from rashomon.ingest import MemoryCache, Validators, read
from rashomon.ingest.fetch import Fetcher, NotModified, check_url
from rashomon.options import USER_AGENT, Options

if TYPE_CHECKING:
    from conftest import Server

# Reaching 127.0.0.1 needs allow_private; no back-off or pacing waits in tests.
LOCAL = Options(allow_private=True, backoff=0.0, host_delay=0.0, timeout=5.0, retries=2)

NOT_PUBLIC = [
    ("http://127.0.0.1:8080/news", "127.0.0.1"),
    ("http://10.0.0.1/news", "10.0.0.1"),
    ("http://192.168.1.1/news", "192.168.1.1"),
    ("http://172.16.0.5/news", "172.16.0.5"),
    ("http://169.254.169.254/latest/meta-data", "169.254.169.254"),
    ("http://100.64.0.1/news", "100.64.0.1"),
    ("http://0.0.0.0/news", "0.0.0.0"),
    ("http://[::1]/news", "::1"),
    ("http://[::ffff:127.0.0.1]/news", "127.0.0.1"),
    ("http://[fe80::1]/news", "fe80::1"),
    ("http://224.0.0.1/news", "224.0.0.1"),
]


@pytest.mark.parametrize(("url", "address"), NOT_PUBLIC)
def test_private_addresses_are_refused(url: str, address: str) -> None:
    with pytest.raises(FetchError) as raised:
        check_url(url)
    assert str(raised.value) == (
        f"{url}: refusing to fetch a private, loopback or link-local address ({address})"
    )
    assert raised.value.hint.startswith("add --allow-private")


def test_localhost_is_refused() -> None:
    with pytest.raises(FetchError, match="refusing to fetch a private, loopback or link-local"):
        read("http://localhost/news")


BAD_URLS = [
    ("file:///etc/passwd", "only http and https URLs can be fetched"),
    ("gopher://tagus-wire.example/", "only http and https URLs can be fetched"),
    ("http:///news", "the URL has no host name"),
]


@pytest.mark.parametrize(("url", "message"), BAD_URLS)
def test_only_http_urls_with_a_host(url: str, message: str) -> None:
    with pytest.raises(FetchError) as raised:
        check_url(url, allow_private=True)
    assert str(raised.value) == f"{url}: {message}"


def test_a_public_address_passes_the_guard() -> None:
    check_url("http://93.184.216.34/news")  # checked only: nothing is sent


# ----------------------------------------------------------------------------- a local server


def fetcher(options: Options = LOCAL, **changes: object) -> tuple[Fetcher, list[float]]:
    waits: list[float] = []
    return Fetcher(dataclasses.replace(options, **changes), sleep=waits.append), waits


def failure(url: str, options: Options = LOCAL, **changes: object) -> str:
    with pytest.raises(FetchError) as raised:
        fetcher(options, **changes)[0].get(url)
    return str(raised.value)


def test_a_page_is_fetched_with_a_clear_user_agent(server: Server) -> None:
    url = server.page("/news/ferry")
    response = fetcher()[0].get(url)
    assert (response.status, response.content_type, response.url) == (200, "text/html", url)
    assert b"A ferry carrying 214 passengers" in response.body
    headers = dict(server.requests)["/news/ferry"]
    assert headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("rashomon/") and "(+https://github.com/rashomon-news" in USER_AGENT


def test_read_a_url(server: Server) -> None:
    url = server.page("/news/ferry")
    (article,) = read(url, options=LOCAL)
    assert article.url == url
    assert article.outlet == "Tagus Wire"  # the page's site name beats the host
    assert article.title == "Ferry sinks off Lisbon"
    assert article.text.startswith("A ferry carrying 214 passengers")
    assert article.dateline == "LISBON (Tagus Wire)"


def test_http_errors(server: Server) -> None:
    url = server.add("/gone", "gone", status=410)
    assert failure(server.base + "/missing") == f"{server.base}/missing: HTTP 404 Not Found"
    assert failure(url) == f"{url}: HTTP 410 Gone"


def test_an_error_page_does_not_spoil_the_next_request(server: Server) -> None:
    # its body is read out before the kept-alive connection is used again
    url = server.page("/news/ferry")
    server.add("/missing", "<p>" + "not here " * 500 + "</p>", status=404)
    loader, waits = fetcher()
    with pytest.raises(FetchError):
        loader.get(server.base + "/missing")
    assert loader.get(url).status == 200
    assert (server.hits("/news/ferry"), waits) == (1, [])


def test_a_refused_connection_is_not_called_a_timeout() -> None:
    message = failure("http://127.0.0.1:1/news", retries=0)
    assert message.startswith(
        "http://127.0.0.1:1/news: the site cannot be reached: cannot connect ("
    )
    assert message.endswith("Connection refused)")


def test_server_errors_are_retried_with_back_off(server: Server) -> None:
    url = server.add("/busy", "busy", status=500)
    loader, waits = fetcher(backoff=0.5)
    with pytest.raises(FetchError) as raised:
        loader.get(url)
    assert str(raised.value) == f"{url}: HTTP 500 Internal Server Error (gave up after 2 retries)"
    assert server.hits("/busy") == 3
    assert waits == [0.5, 1.0]


def test_a_retry_can_succeed(server: Server) -> None:
    server.add("/flaky", "busy", status=503)
    server.then("/flaky", "<p>fine</p>", Content_Type="text/html")
    loader, waits = fetcher()
    assert loader.get(server.base + "/flaky").body == b"<p>fine</p>"
    assert waits == [0.0]


def test_retry_after_is_honoured_up_to_the_limit(server: Server) -> None:
    server.add("/slow-down", "later", status=429, Retry_After="7")
    server.then("/slow-down", "later", status=429, Retry_After="600")
    server.then("/slow-down", "<p>fine</p>", Content_Type="text/html")
    loader, waits = fetcher(max_wait=60.0)
    loader.get(server.base + "/slow-down")
    assert waits == [7.0, 60.0]


def test_a_slow_server_times_out(server: Server) -> None:
    url = server.add("/slow", "<p>late</p>", delay=2.0, Content_Type="text/html")
    assert failure(url, timeout=0.3, retries=0) == f"{url}: no response within 0.3 seconds"


def test_a_timeout_is_retried(server: Server) -> None:
    url = server.add("/slow", "<p>late</p>", delay=1.0, Content_Type="text/html")
    assert failure(url, timeout=0.2, retries=1) == (
        f"{url}: no response within 0.2 seconds (gave up after 1 retry)"
    )
    assert server.hits("/slow") == 2


def test_the_size_cap(server: Server) -> None:
    big = server.add("/big", "x" * 5000, Content_Type="text/html")
    unsized = server.add("/unsized", "x" * 5000, Content_Type="text/html", X_No_Length="1")
    assert failure(big, max_bytes=1000) == f"{big}: the response is larger than the 1 kB limit"
    assert failure(unsized, max_bytes=1000) == (
        f"{unsized}: the response is larger than the 1 kB limit"
    )


def test_redirects_are_followed(server: Server) -> None:
    server.add("/old", status=301, Location="/new")
    url = server.page("/new")
    assert fetcher()[0].get(server.base + "/old").url == url


def test_redirect_loops_and_chains(server: Server) -> None:
    server.add("/a", status=302, Location="/b")
    server.add("/b", status=302, Location="/a")
    for n in range(7):
        server.add(f"/hop{n}", status=307, Location=f"/hop{n + 1}")
    assert failure(server.base + "/a") == f"{server.base}/a: redirect loop at {server.base}/a"
    assert failure(server.base + "/hop0") == (
        f"{server.base}/hop0: too many redirects (more than 5)"
    )


def test_every_redirect_is_checked(server: Server) -> None:
    server.add("/escape", status=302, Location="file:///etc/passwd")
    assert failure(server.base + "/escape") == (
        "file:///etc/passwd: only http and https URLs can be fetched"
    )


def test_unsupported_content_types(server: Server) -> None:
    url = server.add("/report.pdf", b"%PDF-1.7", Content_Type="application/pdf")
    with pytest.raises(FetchError) as raised:
        read(url, options=LOCAL)
    assert str(raised.value) == f"{url}: unsupported content type 'application/pdf'"


# ----------------------------------------------------------------------------- robots.txt


def test_robots_txt_is_respected(server: Server) -> None:
    server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", Content_Type="text/plain")
    allowed = server.page("/news/ferry")
    blocked = server.page("/private/ferry")
    loader, _ = fetcher()
    assert loader.get(allowed).status == 200
    with pytest.raises(FetchError) as raised:
        loader.get(blocked)
    assert str(raised.value) == f"{blocked}: robots.txt does not allow rashomon to fetch this page"
    assert server.hits("/robots.txt") == 1  # read once per host
    assert server.hits("/private/ferry") == 0


def test_robots_txt_can_be_ignored_on_purpose(server: Server) -> None:
    server.add("/robots.txt", "User-agent: *\nDisallow: /\n", Content_Type="text/plain")
    url = server.page("/news/ferry")
    assert fetcher(respect_robots=False)[0].get(url).status == 200


def test_an_unreachable_robots_txt_allows_nothing(server: Server) -> None:
    server.add("/robots.txt", "down", status=503)
    url = server.page("/news/ferry")
    assert failure(url, retries=0) == (
        f"{url}: robots.txt is unreachable (HTTP 503 Service Unavailable), so nothing is fetched"
    )


def test_a_site_that_cannot_be_reached_says_so(server: Server) -> None:
    url = server.page("/news/ferry")
    server.add("/robots.txt", delay=1.0)
    quick = dataclasses.replace(LOCAL, timeout=0.3, retries=0)
    with pytest.raises(FetchError) as caught:
        Fetcher(quick).get(url)
    assert str(caught.value) == f"{url}: the site cannot be reached: no response within 0.3 seconds"


def test_crawl_delay_paces_requests(server: Server) -> None:
    server.add("/robots.txt", "User-agent: *\nCrawl-delay: 30\n", Content_Type="text/plain")
    first, second = server.page("/one"), server.page("/two")
    loader, waits = fetcher()
    loader.get(first)
    loader.get(second)
    assert len(waits) == 2 and all(25 < wait <= 30 for wait in waits)


# ----------------------------------------------------------------------------- conditional GET


def test_conditional_requests(server: Server) -> None:
    server.add("/news/ferry", "<p>v1</p>", Content_Type="text/html", ETag='"v1"',
               Last_Modified="Tue, 03 Mar 2026 09:00:00 GMT")  # fmt: skip
    server.then("/news/ferry", status=304)
    cache = MemoryCache()
    loader = Fetcher(LOCAL, cache)
    url = server.base + "/news/ferry"
    loader.get(url)
    assert cache.get(url) == Validators('"v1"', "Tue, 03 Mar 2026 09:00:00 GMT")
    with pytest.raises(NotModified):
        loader.get(url)
    headers = server.requests[-1][1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Tue, 03 Mar 2026 09:00:00 GMT"
