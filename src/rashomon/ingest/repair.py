"""Repair crawled article text: page furniture out, prose kept word for word.

Two levels:

* :func:`repair` works inside one paragraph. It normalises Unicode, whitespace and quote marks
  (straight quotes become curly ones by context, so a quote extractor sees one style) and puts
  the missing space back into sentences glued together by a crawler (``sank.Rossi`` becomes
  ``sank. Rossi``) without touching ``U.S.``, ``e.g.``, ``example.com``, ``3.5`` or ``Ph.D.``.
  It never removes a word.
* :func:`clean_body` works on a whole body. It rejoins hard-wrapped lines, drops lines that are
  page furniture (share buttons, adverts, photo captions and credits, "Read more" links,
  subheadings, time stamps), lifts the byline out, and returns paragraphs separated by a blank
  line.

Both are idempotent: cleaning clean text changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# ----------------------------------------------------------------------------- characters

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ODD_QUOTES = str.maketrans({"„": "“", "‟": "“", "‚": "‘", "‛": "‘", "＂": '"'})
_OPENERS = " \n([{<—–-/“‘"


def normalise_characters(text: str) -> str:
    """NFC, no invisible or control characters, plain spaces, ``\\n`` line ends."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text.translate(_INVISIBLE))
    return _SPACES.sub(" ", text)


# The apostrophe of a name such as O'Neill or d'Estaing stays straight: the tagger reads
# "O’Neill" with a curly one as an adverb and loses the speaker of "..., O’Neill said".
NAME_APOSTROPHE = re.compile(r"(?<=\b[A-Za-z])’(?=[A-Z])")


def curl_quotes(text: str) -> str:
    """Straight quotes become curly ones, chosen by the characters around each mark."""
    text = text.translate(_ODD_QUOTES).replace("``", "“").replace("''", "”")
    chars = list(text)
    quoting = False  # a double quotation is open in this paragraph
    for i, char in enumerate(chars):
        if char in "\"'":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            chars[i] = _curl(char, before, after)
            if char == '"' and quoting and text[max(i - 2, 0) : i] in {". ", "! ", "? "}:
                chars[i - 1 : i + 1] = ["”", " "]  # '... is wrong. "Perry is': a stray space
                quoting = False
                continue
        quoting = chars[i] == "“" or (quoting and chars[i] not in "”\n")
    return NAME_APOSTROPHE.sub("'", "".join(chars))


def _curl(mark: str, before: str, after: str) -> str:
    opens = before in _OPENERS and not after.isspace()
    if mark == '"':
        return "“" if opens else "”"
    if before.isalnum() and after.isupper():
        return "'"  # O'Brien (see NAME_APOSTROPHE)
    if before.isalnum() and after.isalnum():
        return "’"  # don't
    return "‘" if opens and not after.isdigit() else "’"  # '90s is an apostrophe


# ----------------------------------------------------------------------------- glued sentences

# A full stop, "!" or "?" after a lower-case letter, digit or closing mark, directly followed
# by a capitalised word: "sank.Rossi", "2025.The", "said.”Then". "U.S.Navy" (capital before
# the stop), "3.5", "example.com" and "Ph.D." (no lower-case letter after the capital) stay.
_GLUED_STOP = re.compile(r"(?<=[a-z0-9%)\]”’])([.!?]+[”’)]?|…)(?=[“‘]?[A-Z][a-z])")
_GLUED_ELLIPSIS = re.compile(r"(?<=\w)(\.\.\.)(?=[A-Z][a-z])")
_GLUED_COMMA = re.compile(r"(?<=[a-z])([,;])(?=[A-Za-z])")
_GLUED_COLON = re.compile(r"(?<=[a-z]):(?=[“‘][A-Za-z])")


def unglue(text: str) -> str:
    """Put back the space a crawler lost after a sentence end, a comma or a colon."""
    for pattern in (_GLUED_STOP, _GLUED_ELLIPSIS, _GLUED_COMMA):
        text = pattern.sub(r"\1 ", text)
    return _GLUED_COLON.sub(": ", text)


def repair(text: str) -> str:
    """Repair one paragraph (or any text): characters, quotes, glued sentences, spaces."""
    text = unglue(curl_quotes(normalise_characters(text)))
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(_SPACES.sub(" ", line) for line in lines)


# ----------------------------------------------------------------------------- lines

_TERMINAL = tuple('.!?…:;”’")')
_BULLET = re.compile(r"^(?:[-*•–]\s|\d{1,2}[.)]\s)")
_FURNITURE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        # share buttons and page tools
        r"(share|share (this|the) (article|story|page)|share on \w+( \w+)?|tweet( this)?|"
        r"pin( it)?|e-?mail( this)?|print( this)?|save|copy link|link copied|whatsapp|"
        r"facebook|twitter|linkedin|reddit|x|comments?|\d+ comments?|view comments|"
        r"leave a comment|listen( to this article)?|\d+ min(ute)?s? read|back to top|"
        r"skip to (main )?content|toggle navigation|menu|close|loading\W*)\W*",
        # adverts
        r"(advertisement|advert|ad|sponsored( content)?|paid content|"
        r"(story|article) continues below( this)?( advertisement)?|continue reading( below)?)\W*",
        # links to other stories: a label alone, or a label, a separator and a headline
        r"(read more|read next|read also|read the full story|more on this( story)?|"
        r"related( \w+)?|see also|most read|most popular|trending( now)?|recommended( for you)?|"
        r"you may also like|watch( now)?|video|listen|more from [\w .'-]{1,40}?)"
        r"(\s*[:»›>|–—-]\s*.{0,150})?",
        # newsletter and app prompts (short lines only; see _is_furniture)
        r"(subscribe|sign up|click here|follow us|download (our|the) app|log ?in|sign in|"
        r"register|get the latest|get our|join our)\b.*",
        # photo captions and credits
        r"(photo|photograph|image|picture|pictured|video|graphic|illustration|file photo|"
        r"caption|credit|photo credit|image credit|source)s?\s*(:|/|by\b|credit\b|©).*",
        r"[(\[](photo|image|picture|file|video|credit)[^)\]]*[)\]]",
        r"\(?(reuters|ap|afp|associated press|getty( images)?|ap photo\b.*|reuters/.*|afp via .*|"
        r"epa\b.*|efe\b.*|shutterstock.*|istock.*|pool photo.*|handout.*|[\w .&-]{1,40} via getty"
        r"( images)?|[\w .&-]{1,40}/(reuters|ap|afp|getty images))\)?[\s.]*",
        # social media handles
        r"(follow [\w .'-]{1,40} on (twitter|x|facebook|instagram|threads|bluesky)|"
        r"(twitter|x|facebook|instagram|e-?mail)\s*:\s*@?\S+)\b.*",
        # live-blog time stamps and upper-case section labels
        r"\d{1,2}([:.]\d{2})?\s*[ap]\.?m\.?( [a-z]{2,4})?\.?",
        r"(copyright|\(c\))\s*(©|\(c\))?\s*\d{4}\b.*|©.*|.*all rights reserved\W*",
        # agency trailers and time stamps
        r"[(\[]?((additional )?reporting|writing|editing|compiled|edited) by\b.*",
        r"(updated|published|posted|last updated|first published|last modified)( on| at)?:?\s+"
        r"(\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun).{0,80}",
    )
]
_SHORT_PROMPT = 20  # words: a longer line that starts like a prompt is prose
_MAX_SUBHEAD = 10  # words: a line this short with no end punctuation is a subheading
_MAX_LABEL = 4  # words: an upper-case line this short is a section label
_BYLINE = re.compile(
    r"^(?:written |words |text |byline:\s*)?(?:by:?\s+)?(?<=[\s:])(?P<names>\S.*?)\s*$",
    re.IGNORECASE,
)
_NAME_JOINERS = {
    "and", "&", "de", "da", "do", "dos", "das", "del", "la", "le", "van", "von", "der", "den",
    "al", "el", "bin", "ibn", "in", "|", "-", "–", "—", "/",
}  # fmt: skip
_NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "then", "now", "contrast", "comparison", "law", "far", "default",
    "midday", "noon", "midnight", "dawn",
}  # fmt: skip


def byline_of(line: str) -> str | None:
    """The names of a byline line ("By Ana Costa and Rui Lopes"), else None."""
    match = _BYLINE.match(line)
    if not match or len(line.split()) > 12 or line.endswith(("!", "?", ":", ";")):
        return None
    names = match.group("names")
    words = [w.strip(",;") for w in names.split()]
    first = words[0].lower() if words else ""
    if first in _NOT_NAMES or not words[0][:1].isupper():
        return None
    lower = [w for w in words if w and not w[:1].isupper() and w.lower() not in _NAME_JOINERS]
    allowed = 0 if line.endswith(".") else 2  # "By Ana Costa." but not "By Lisbon standards."
    return names.strip(" ,|-–—.") if len(lower) <= allowed else None


def is_furniture(line: str) -> bool:
    """A line that belongs to the page around the article, not to its prose."""
    words = len(line.split())
    if not line or not any(c.isalnum() for c in line):
        return True
    if words <= _MAX_SUBHEAD and not line.endswith(_TERMINAL) and not _BULLET.match(line):
        return True  # subheading, label, button
    if words <= _MAX_LABEL and line.upper() == line and any(c.isalpha() for c in line):
        return True  # "TOP STORIES.", "FULL TEXT."
    if words > _SHORT_PROMPT:
        return False
    return any(pattern.fullmatch(line) for pattern in _FURNITURE)


def join_wrapped(lines: list[str]) -> list[str]:
    """Rejoin lines that a hard wrap cut in the middle of a sentence."""
    joined: list[str] = []
    for line in lines:
        if joined and _continues(joined[-1], line):
            previous = joined.pop()
            glue = "" if previous.endswith("-") and line[:1].islower() else " "
            line = previous + glue + line
        joined.append(line)
    return joined


def _continues(previous: str, line: str) -> bool:
    if not previous or not line or previous.endswith(_TERMINAL) or _BULLET.match(line):
        return False
    return line[:1].islower() or line[:1].isdigit() or len(previous) >= 50


# ----------------------------------------------------------------------------- bodies


@dataclass(frozen=True)
class Body:
    """A cleaned article body, with the byline lifted out of it."""

    text: str
    byline: str = ""


def clean_body(text: str) -> Body:
    """Clean a whole body: paragraphs of prose separated by blank lines, furniture dropped."""
    paragraphs: list[str] = []
    byline = ""
    for block in re.split(r"\n\s*\n", repair(text)):
        for line in join_wrapped([line for line in block.split("\n") if line]):
            names = byline_of(line)
            if names:
                byline = byline or names
            elif not is_furniture(line):
                paragraphs.append(line)
    return Body("\n\n".join(paragraphs), byline)
