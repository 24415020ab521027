"""The dateline that opens a news story: ``LISBON (Tagus Wire) —``, ``LISBON, Portugal, March 3.``

The dateline is taken out of the body (so it never reads as part of the first claim) and kept
in ``Article.dateline``; a month and day in it can date an article that has no other date.
"""

from __future__ import annotations

import re

from rashomon.ingest.dates import MONTH

_CAPS_WORD = r"[A-Z][A-Z'’.\-]+"
_TITLE_WORD = r"[A-Z][a-zA-Z'’.\-]+"
_CAPS_PLACE = rf"{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}}"
_TITLE_PLACE = rf"{_TITLE_WORD}(?: {_TITLE_WORD}){{0,3}}"
_REGION = rf"(?:,\s*{_TITLE_WORD}(?: {_TITLE_WORD}){{0,2}})"
_DATE = rf"{MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
_AGENCY = r"\([A-Z][^()\n]{0,40}\)"
_DASH = r"\s*(?:[―—–]|--?)\s+"  # not a colon: "EXCLUSIVE:", "WATCH:" are kickers, not places
_LEDE = r"(?=[“‘\"'(]?[A-Z0-9])"

_FORMS = [
    # LISBON —  /  LISBON, Portugal (Tagus Wire) —  /  LISBON, March 3 (Reuters) -
    rf"{_CAPS_PLACE}{_REGION}{{0,2}}(?:,\s*{_DATE})?\s*(?:{_AGENCY})?{_DASH}",
    # LISBON, Portugal, March 3.
    rf"{_CAPS_PLACE}{_REGION}{{0,2}},\s*{_DATE}\.\s+",
    # Lisbon, March 3 (Reuters) -
    rf"{_TITLE_PLACE}{_REGION}{{0,2}},\s*{_DATE}\s*(?:{_AGENCY})?{_DASH}",
    # Washington (CNN) —  /  Washington (CNN)The
    rf"{_TITLE_PLACE}{_REGION}{{0,2}}\s*{_AGENCY}(?:{_DASH}|\s*)",
    # (CNN) —
    rf"{_AGENCY}{_DASH}",
]
_DATELINE = re.compile(r"(?!(?:The|A|An|In|On|At|By)\b)(?:" + "|".join(_FORMS) + ")" + _LEDE)
_KICKERS = {
    "BREAKING",
    "UPDATE",
    "UPDATED",
    "EXCLUSIVE",
    "WATCH",
    "LIVE",
    "ANALYSIS",
    "OPINION",
    "EDITORIAL",
    "COMMENT",
    "REVIEW",
    "CORRECTION",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "FACT CHECK",
    "UPDATE:",
    "NOTE",
}


def split_dateline(text: str) -> tuple[str, str]:
    """``(dateline, rest)`` of a body that opens with a dateline, else ``("", text)``."""
    match = _DATELINE.match(text)
    if not match:
        return "", text
    dateline = match.group(0).strip().rstrip("―—–-:.").strip()
    if dateline.upper() in _KICKERS or len(dateline) > 80:
        return "", text
    return dateline, text[match.end() :]
