"""What a source is: its kind (text, HTML, JSON...), its encoding and its language."""

from __future__ import annotations

import codecs
import functools
import re
from pathlib import PurePath
from typing import TYPE_CHECKING, Literal

from rashomon.errors import InputError, LanguageError

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

Kind = Literal["text", "html", "json", "jsonl", "feed", "warc", "urls"]

SUFFIXES: dict[str, Kind] = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".urls": "urls",
}  # fmt: skip
SUPPORTED = ".txt, .html, .json, .jsonl, .rss, .atom, .xml, .warc or .urls (optionally .gz)"

_URL = re.compile(r"https?://[^\s/$.?#][^\s]*\Z", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WESTERN_SHARE = 0.5  # non-ASCII bytes per word below which a text is Western European
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def is_url(source: str) -> bool:
    """True for an http(s) URL."""
    return bool(_URL.match(source.strip()))


def suffix_of(path: PurePath) -> str:
    """The reading suffix of a file name: ``.jsonl`` for ``news.jsonl.gz``."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def kind_of_file(path: PurePath, head: bytes) -> Kind:
    """The kind of a file, from its name (``.warc.gz``) or, without a suffix, from its content."""
    suffix = suffix_of(path)
    if suffix in SUFFIXES:
        kind = SUFFIXES[suffix]
        return "urls" if kind == "text" and looks_like_url_list(head) else kind
    if suffix and not suffix[1:].isdigit():
        raise InputError(f"unsupported file type '{suffix}' (use {SUPPORTED})", where=str(path))
    return sniff(head)


def sniff(head: bytes) -> Kind:
    """The kind of a document from its first bytes."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1000].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith((b"{", b"[")):
        return "jsonl" if start.startswith(b"{") and b"}\n{" in head.replace(b"\r", b"") else "json"
    if start.startswith(b"<"):
        return "feed" if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", start) else "html"
    return "urls" if looks_like_url_list(head) else "text"


def looks_like_url_list(head: bytes) -> bool:
    """True when every non-blank line (``#`` comments aside) is an http(s) URL."""
    lines = [line.strip() for line in head.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if len(head) >= 65536:
        lines = lines[:-1]  # the last line may be cut
    return bool(lines) and all(is_url(line) for line in lines)


# ----------------------------------------------------------------------------- encodings


def decode(data: bytes, where: str, declared: str | None = None) -> str:
    """Bytes to text: a BOM, UTF-8, the declared charset, else the detected encoding."""
    if not data.strip():
        raise InputError("the file is empty", where=where)
    if looks_binary(data):
        raise InputError("the file is binary, not text (a PDF, image or archive?)", where=where)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    for candidate in ("utf-8", declared, _meta_charset(data)):
        text = _try_decode(data, candidate)
        if text is not None:
            return text
    return _detected(data, where)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB (UTF-16 has a BOM)."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    control = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return b"\x00" in head or control > len(head) * 0.05


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def _try_decode(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _detected(data: bytes, where: str) -> str:
    """Mostly-ASCII text that is not UTF-8 is Windows-1252 (the web's legacy default for
    Western text; detectors guess badly on a few accented letters); anything else is left to
    charset-normalizer (Cyrillic, Greek, ...)."""
    sample = data[:200_000]
    high = sum(1 for byte in sample if byte >= 0x80)
    if high <= _WESTERN_SHARE * len(sample.split()):
        return _try_decode(data, "cp1252") or data.decode("latin-1")
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise InputError("the file is binary or in an unknown encoding", where=where)
    return data.decode(best.encoding, errors="replace")


# ----------------------------------------------------------------------------- language

ENGLISH_LIKE = {"en", "sco", "pcm", "jam"}  # langid confuses these with English news
LANGUAGES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "es": "Spanish", "et": "Estonian", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
    "lt": "Lithuanian", "lv": "Latvian", "nl": "Dutch", "no": "Norwegian", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sr": "Serbian", "sv": "Swedish", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian",
    "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip
_SAMPLE = 4000  # characters read by the language identifier
_SURE = 0.9  # probability above which a non-English call is trusted
_MIN_LETTERS = 40  # too little text to tell


@functools.cache
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_of(text: str) -> tuple[str, float]:
    """The most likely language code of ``text`` and its probability."""
    code, probability = _identifier().classify(text[:_SAMPLE])
    return str(code), float(probability)


def check_english(text: str, where: str) -> None:
    """Raise :class:`LanguageError` when the text is surely not English."""
    if sum(c.isalpha() for c in text[:_SAMPLE]) < _MIN_LETTERS:
        return
    code, probability = language_of(text)
    if code not in ENGLISH_LIKE and probability >= _SURE:
        name = LANGUAGES.get(code, "another language")
        raise LanguageError(f"the text is in {name} ({code}), not English", where=where)
