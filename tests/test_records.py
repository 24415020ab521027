"""Records survive a JSON round trip, and the published schema matches the records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.records import AnalyzedArticle, Comparison, Story, from_json, to_json
from rashomon.schema import ROOTS, schema

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "docs" / "schema"
finite = st.floats(allow_nan=False, allow_infinity=False)
st.register_type_strategy(float, finite)


@pytest.mark.parametrize("cls", [AnalyzedArticle, Comparison, Story])
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.data_too_large, HealthCheck.too_slow],
)
@given(data=st.data())
def test_json_round_trip(cls: type, data: st.DataObject) -> None:
    record = data.draw(st.from_type(cls))
    encoded = json.loads(json.dumps(to_json(record)))
    assert from_json(cls, encoded) == record


@pytest.mark.parametrize("name", sorted(ROOTS))
def test_published_schema_is_generated_from_the_records(name: str) -> None:
    published = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    assert published == schema(name), (
        f"regenerate with: rashomon schema {name} > docs/schema/{name}.json"
    )


def test_schema_lists_every_field_of_a_claim() -> None:
    claim = schema("analysis")["$defs"]["Claim"]
    for field in ("article", "text", "start", "end", "speaker", "voice", "cue"):
        assert field in claim["properties"]
