"""Shared fixtures: the language models are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from rashomon.nlp import pipeline

    return pipeline()


@pytest.fixture(scope="session")
def ferry_paths() -> list[Path]:
    folder = EXAMPLES / "ferry"
    return sorted(folder.glob("*.txt")) + sorted(folder.glob("*.html"))
