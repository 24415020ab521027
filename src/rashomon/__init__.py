"""rashomon: how different news outlets tell the same story, claim by claim."""

from __future__ import annotations

from rashomon.api import analyze, compare, read
from rashomon.errors import (
    CompareError,
    FetchError,
    InputError,
    LanguageError,
    ModelError,
    RashomonError,
    StoreError,
)
from rashomon.records import AnalyzedArticle, Article, Comparison

__version__ = "0.1.0"

__all__ = [
    "AnalyzedArticle",
    "Article",
    "CompareError",
    "Comparison",
    "FetchError",
    "InputError",
    "LanguageError",
    "ModelError",
    "RashomonError",
    "StoreError",
    "__version__",
    "analyze",
    "compare",
    "read",
]
