"""Near-duplicates: wire copies and lightly edited re-posts, not articles on the same event."""

from __future__ import annotations

import pytest

from rashomon.stories import dedup

ORIGINAL = (
    "A passenger ferry carrying 214 people ran aground off the island of Kalymnos early on "
    "Thursday, the coast guard said. Twelve passengers were taken to hospital with minor "
    "injuries and the rest were brought ashore by fishing boats before noon. The captain "
    "told port officials that the steering failed in heavy wind. An investigation has been "
    "opened, and the operator suspended its evening sailings until the ship is inspected."
)


@pytest.mark.parametrize(
    ("other", "copy"),
    [
        (ORIGINAL, True),
        # a re-post with a changed first sentence and an added line
        (
            ORIGINAL.replace("early on Thursday", "on Thursday morning")
            + " Updated at 14:00 with the operator's statement.",
            True,
        ),
        # the same wire story cut short
        (ORIGINAL[: int(len(ORIGINAL) * 0.8)], True),
        # another outlet's own report of the same event: not a copy
        (
            "Fishing boats brought more than two hundred people ashore after their ferry hit the "
            "rocks near Kalymnos. Hospital staff treated a dozen of them. Port officials said "
            "the captain blamed a steering fault, and sailings were halted for inspection.",
            False,
        ),
        ("Parliament passed the budget on Friday after a long night of debate.", False),
    ],
)
def test_copies(other: str, copy: bool) -> None:
    score = dedup.similarity(dedup.signature(ORIGINAL), dedup.signature(other))
    assert (score >= dedup.THRESHOLD) is copy


def test_band_keys_match_for_copies_only() -> None:
    a = dedup.band_keys(dedup.signature(ORIGINAL))
    b = dedup.band_keys(dedup.signature(ORIGINAL + " Updated."))
    c = dedup.band_keys(dedup.signature("Parliament passed the budget on Friday."))
    bands, _ = dedup.layout()
    assert len(a) == bands
    assert any(x == y for x, y in zip(a, b, strict=True))
    assert not any(x == y for x, y in zip(a, c, strict=True))


def test_best_copy_picks_the_closest_and_ignores_the_rest() -> None:
    sig = dedup.signature(ORIGINAL)
    candidates = {
        "far": dedup.signature("Parliament passed the budget on Friday."),
        "near": dedup.signature(ORIGINAL + " Updated."),
    }
    best = dedup.best_copy(sig, candidates)
    assert best is not None and best[0] == "near"
    assert dedup.best_copy(sig, {"far": candidates["far"]}) is None


def test_shingles_of_short_text() -> None:
    assert dedup.shingles("Two words") == {b"two words"}
    assert dedup.shingles("") == {b""}
