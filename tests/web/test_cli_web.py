"""`rashomon serve`: the errors a user sees before the server starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from rashomon.cli_web import _loopback, serve


def test_a_missing_store_is_one_error_line_with_a_hint(tmp_path: Path) -> None:
    result = CliRunner().invoke(serve, ["--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"Error: {tmp_path / 'none.db'}: no such store"
    assert lines[1] == "  hint: run `rashomon ingest` first"


def test_a_port_out_of_range_is_refused() -> None:
    result = CliRunner().invoke(serve, ["--port", "70000"])
    assert result.exit_code == 2
    assert "70000" in result.output


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("example.org", False),
    ],
)
def test_only_loopback_addresses_count_as_private(host: str, loopback: bool) -> None:
    assert _loopback(host) is loopback
