"""Defaults in one place. The CLI maps its flags onto an :class:`Options` at the boundary."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata


def _version() -> str:
    try:
        return metadata.version("rashomon")
    except metadata.PackageNotFoundError:
        return "0"


VERSION = _version()
USER_AGENT = f"rashomon/{VERSION} (+https://github.com/rashomon-news/rashomon)"


@dataclass(frozen=True)
class Options:
    """Settings shared by the stages. Every field has a sensible default."""

    # reading
    max_words: int = 20_000  # longer articles are cut at a paragraph end, with a warning
    min_words: int = 10  # fewer words of body text is not an article
    max_file_bytes: int = 200_000_000  # largest local file read whole (JSONL and WARC stream)
    # fetching
    timeout: float = 20.0  # seconds for a whole request (connect + download)
    max_bytes: int = 10_000_000  # largest response body read
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    allow_private: bool = False  # allow loopback/private/link-local addresses (tests, intranets)
    retries: int = 3  # extra attempts after a 429, a 5xx or a timeout
    backoff: float = 1.0  # seconds before the first retry; doubled each time
    max_wait: float = 60.0  # longest back-off or Retry-After honoured
    host_delay: float = 1.0  # seconds between two requests to one host
    respect_robots: bool = True
