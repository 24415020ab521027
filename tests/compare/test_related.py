"""Articles that cannot be compared are refused with the reason; --force compares them."""

from __future__ import annotations

import pytest

from rashomon.analyze import analyze_article
from rashomon.compare import compare_articles
from rashomon.errors import CompareError
from rashomon.records import AnalyzedArticle, Article

pytestmark = pytest.mark.slow

BRIDGE = (
    "A footbridge over the Leie collapsed in Ghent on Wednesday night during a music festival. "
    "Seventeen people were taken to hospital, the fire service said. Mayor Els De Wilde said "
    "the inspection reports gave no reason to close the bridge."
)
FERRY = (
    "A commuter ferry struck a cargo ship on the Tagus in Lisbon on Tuesday morning. Two "
    "passengers were killed and twelve were injured, the harbour master said. Transport "
    "Minister Giulia Rossi said the cause was not yet known."
)


def analyzed(*texts: str) -> list[AnalyzedArticle]:
    return [
        analyze_article(Article(id=f"a{n}", outlet=f"Outlet {n}", text=text))
        for n, text in enumerate(texts, 1)
    ]


def test_two_accidents_sharing_no_fact_and_no_name_are_refused() -> None:
    with pytest.raises(CompareError, match="looks like a different event"):
        compare_articles(analyzed(BRIDGE, FERRY))


def test_forced_they_are_compared_with_the_warning() -> None:
    comparison = compare_articles(analyzed(BRIDGE, FERRY), force=True)
    assert any("different event" in w for w in comparison.warnings)
    assert not any(f.status == "agreed" for f in comparison.facts)
