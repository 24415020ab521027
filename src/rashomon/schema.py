"""JSON Schema (draft 2020-12) generated from the records, so the docs cannot drift."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any

from rashomon.records import SCHEMA_VERSION, AnalyzedArticle, Comparison, Story

ROOTS: dict[str, type] = {"analysis": AnalyzedArticle, "comparison": Comparison, "story": Story}
SCALARS: dict[Any, dict[str, str]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    dt.date: {"type": "string", "format": "date"},
    type(None): {"type": "null"},
}


def schema(name: str) -> dict[str, Any]:
    """The JSON schema of one top-level output: ``analysis``, ``comparison`` or ``story``."""
    root = ROOTS[name]
    defs: dict[str, Any] = {}
    _type(root, defs)
    body = defs.pop(root.__name__)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://github.com/rashomon-news/rashomon/schema/{SCHEMA_VERSION}/{name}.json",
        "title": f"rashomon {name} (schema {SCHEMA_VERSION})",
        **body,
        "$defs": dict(sorted(defs.items())),
    }


def _type(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if tp in SCALARS:
        return dict(SCALARS[tp])
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type(arg, defs) for arg in args]}
    if origin in (tuple, list):
        return {"type": "array", "items": _type(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(args[1], defs)}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _record(tp, defs)
    return {}


def _record(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # placeholder against recursion
        hints = typing.get_type_hints(cls)
        fields = dataclasses.fields(cls)
        defs[name] = {
            "type": "object",
            "description": (cls.__doc__ or "").strip().splitlines()[0],
            "properties": {f.name: _type(hints[f.name], defs) for f in fields},
            "required": [f.name for f in fields],
        }
    return {"$ref": f"#/$defs/{name}"}
