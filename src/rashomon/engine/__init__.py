"""Where per-article work runs: in this process, in local worker processes, or on Dask.

An engine maps a function over batches and yields the results in input order, with a bounded
number of batches in flight, so a corpus of any size streams through in constant memory.
Grouping articles into stories stays in the calling process and sees the batches in the same
order whichever engine ran them, so every engine gives the same stories.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, Protocol, TypeVar

from rashomon.errors import RashomonError

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")
DEFAULT_PROCESSES = 2


class Engine(Protocol):
    """Runs ``fn`` on each item, yielding results in input order."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class InlineEngine:
    """Runs everything in the calling process (one process, no start-up cost)."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        for item in items:
            yield fn(item)

    def close(self) -> None:
        return None


class LocalEngine:
    """Worker processes on this machine, each loading the models once."""

    def __init__(self, processes: int = DEFAULT_PROCESSES, *, warm: bool = True) -> None:
        from rashomon.engine.work import warm_up

        self.processes = processes
        self.pool = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=get_context("spawn"),
            initializer=warm_up if warm else None,
        )

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return _ordered(lambda item: self.pool.submit(fn, item), items, 2 * self.processes)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class DaskEngine:
    """A Dask cluster: the scheduler at ``address``, or a local cluster on 127.0.0.1."""

    def __init__(self, address: str | None = None, processes: int = DEFAULT_PROCESSES) -> None:
        from distributed import Client, LocalCluster

        from rashomon.engine.plugin import ModelPlugin

        self.cluster = None
        if address is None:
            self.cluster = LocalCluster(
                n_workers=processes,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
            address = self.cluster.scheduler_address
        try:
            self.client = Client(address)
        except OSError as exc:
            raise RashomonError(f"cannot reach the Dask scheduler: {exc}", where=address) from exc
        self.client.register_plugin(ModelPlugin())
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        def submit(item: T) -> Any:
            return self.client.submit(fn, item, pure=False)

        return _ordered(submit, items, 2 * self.workers)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(name: str, *, scheduler: str | None = None, processes: int = 0) -> Engine:
    """The engine called ``name`` (``local`` or ``dask``); ``processes`` 0 means the default."""
    count = processes or DEFAULT_PROCESSES
    if name == "local":
        return InlineEngine() if count == 1 else LocalEngine(count)
    if name == "dask":
        return DaskEngine(scheduler, count)
    raise RashomonError(f"unknown engine {name!r} (use {' or '.join(ENGINES)})")


def _ordered(submit: Callable[[T], Future[R]], items: Iterable[T], limit: int) -> Iterator[R]:
    """Submit items with at most ``limit`` in flight; yield their results in input order."""
    pending: deque[Future[R]] = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= limit:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
