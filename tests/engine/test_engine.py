"""Engines run work in order, with a bounded number of batches in flight."""

from __future__ import annotations

import pytest

from rashomon.engine import InlineEngine, LocalEngine, _ordered, make_engine
from rashomon.errors import RashomonError


def square(x: int) -> int:
    return x * x


class Done:
    """A finished future, recording when it was submitted."""

    def __init__(self, value: int, log: list[str]) -> None:
        self.value = value
        self.log = log

    def result(self) -> int:
        self.log.append(f"take {self.value}")
        return self.value


def test_ordered_keeps_input_order_and_bounds_work_in_flight() -> None:
    log: list[str] = []

    def submit(x: int) -> Done:
        log.append(f"submit {x}")
        return Done(x, log)

    assert list(_ordered(submit, range(4), 2)) == [0, 1, 2, 3]  # type: ignore[arg-type]
    assert log == [
        "submit 0",
        "submit 1",
        "take 0",
        "submit 2",
        "take 1",
        "submit 3",
        "take 2",
        "take 3",
    ]


def test_inline_engine() -> None:
    assert list(InlineEngine().map(square, [3, 1, 2])) == [9, 1, 4]


def test_local_engine_runs_in_worker_processes() -> None:
    engine = LocalEngine(2, warm=False)
    try:
        assert list(engine.map(square, range(10))) == [x * x for x in range(10)]
    finally:
        engine.close()


@pytest.mark.parametrize(("name", "processes", "kind"), [("local", 1, InlineEngine)])
def test_make_engine(name: str, processes: int, kind: type) -> None:
    assert isinstance(make_engine(name, processes=processes), kind)


def test_unknown_engine() -> None:
    with pytest.raises(RashomonError, match="unknown engine"):
        make_engine("spark")


def models_loaded() -> tuple[int, int, int]:
    """This worker's process id and how many times it has loaded spaCy and the embedder."""
    import os

    from rashomon import embed
    from rashomon.nlp import pipeline

    return os.getpid(), pipeline.cache_info().misses, embed._encoder.cache_info().misses


@pytest.mark.slow
def test_dask_workers_load_the_models_once_when_they_start() -> None:
    from rashomon.engine import DaskEngine

    engine = DaskEngine(processes=1)
    try:
        assert engine.cluster is not None
        assert engine.cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        found = set(engine.map(lambda _: models_loaded(), range(6)))
    finally:
        engine.close()
    assert len(found) == 1  # one worker process ran every task
    ((_, spacy_loads, embedder_loads),) = found
    assert (spacy_loads, embedder_loads) == (1, 1)
