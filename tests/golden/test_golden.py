"""The bundled examples give exactly the answers recorded in tests/golden.

A change of analysis or comparison that changes what a user sees must show up here as a
diff to read; `python tests/golden/regenerate.py` records the new answers on purpose.
Floats are compared to two decimals (embedding runtimes differ in the last digits).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from .regenerate import HERE, outputs

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def current() -> dict[str, str]:
    return outputs()


def rounded(data: Any) -> Any:
    if isinstance(data, float):
        return round(data, 2)
    if isinstance(data, dict):
        return {key: rounded(value) for key, value in data.items()}
    if isinstance(data, list):
        return [rounded(value) for value in data]
    return data


def golden_names() -> list[str]:
    return sorted(p.name for p in HERE.iterdir() if p.suffix in {".json", ".txt"})


def test_every_example_has_a_golden_output(current: dict[str, str]) -> None:
    assert sorted(current) == golden_names()


@pytest.mark.parametrize("name", golden_names())
def test_golden_output(name: str, current: dict[str, str]) -> None:
    expected = (HERE / name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        assert rounded(json.loads(current[name])) == rounded(json.loads(expected))
    else:
        assert current[name] == expected
