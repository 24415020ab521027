"""The public Python API: a small, pinned set of names that stay what they are."""

from __future__ import annotations

import pytest

import rashomon

PUBLIC = {
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
}


def test_the_exported_names_are_pinned() -> None:
    assert set(rashomon.__all__) == PUBLIC


@pytest.mark.slow
def test_analyze_and_compare_stay_functions_after_use(ferry_paths: list) -> None:
    first = rashomon.analyze(ferry_paths[0])
    second = rashomon.analyze(ferry_paths[1])
    comparison = rashomon.compare([first, second])
    assert callable(rashomon.analyze) and callable(rashomon.compare)
    assert {a.outlet for a in comparison.articles} == {
        first.article.outlet,
        second.article.outlet,
    }
