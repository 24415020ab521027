"""A Dask worker plugin that loads the language models once when a worker starts."""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin


class ModelPlugin(WorkerPlugin):
    """Loads spaCy and the embedding model in each worker process, before any task runs."""

    name = "rashomon-models"

    def setup(self, worker: Any) -> None:
        from rashomon.engine.work import warm_up

        warm_up()
