"""The public surface of rashomon.ingest is small and pinned."""

from __future__ import annotations

import inspect

import rashomon.ingest as ingest


def test_exported_names() -> None:
    assert sorted(ingest.__all__) == [
        "Failure",
        "MemoryCache",
        "Unchanged",
        "ValidatorCache",
        "Validators",
        "iter_sources",
        "read",
    ]


def test_signatures() -> None:
    assert str(inspect.signature(ingest.read)) == (
        "(source: 'str', *, outlet: 'str | None' = None, published: 'dt.date | None' = None, "
        "options: 'Options | None' = None) -> 'list[Article]'"
    )
    assert str(inspect.signature(ingest.iter_sources)) == (
        "(sources: 'Iterable[str]', options: 'Options | None' = None, *, "
        "outlet: 'str | None' = None, published: 'dt.date | None' = None, "
        "cache: 'ValidatorCache | None' = None) -> 'Iterator[Article | Failure | Unchanged]'"
    )
