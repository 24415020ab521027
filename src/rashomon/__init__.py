"""rashomon: how different news outlets tell the same story, claim by claim."""

from __future__ import annotations

# The stages ``rashomon.analyze`` and ``rashomon.compare`` are subpackages with the same names
# as the API functions. Import them first, so that the functions bound below are what
# ``rashomon.analyze`` and ``rashomon.compare`` stay (a later lazy import of a subpackage
# would otherwise rebind the name to the module). Both are light: heavy libraries load lazily.
import rashomon.analyze
import rashomon.compare  # noqa: F401
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
