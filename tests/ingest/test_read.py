"""read(): one source (file, folder, URL) into Article records, or one clear error."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rashomon.errors import FetchError, InputError, LanguageError
from rashomon.ingest import read
from rashomon.ingest.dates import latest_before
from rashomon.options import Options

LEDE = (
    "A ferry carrying 214 passengers sank off the coast of Lisbon on Tuesday, the coast guard "
    "said, in the worst accident at sea in the country for decades."
)
SECOND = "Twelve people died and forty were injured, according to the Interior Ministry."
QUOTE = '"We did everything we could," said captain Rui Lopes.'
BODY = f"{LEDE}\n{SECOND}\n{QUOTE}\n"
CLEAN = f"{LEDE}\n\n{SECOND}\n\n“We did everything we could,” said captain Rui Lopes."

CRAWLED = f"""2026-03-03 https://www.tagus-wire.example/news/ferry
Ferry sinks off Lisbon
By Ana Costa
LISBON (Tagus Wire) — {BODY}Share on Facebook
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


# ----------------------------------------------------------------------------- plain text


def test_crawled_text_file(tmp_path: Path) -> None:
    (article,) = read(str(write(tmp_path, "ferry.txt", CRAWLED)))
    assert article.text == CLEAN
    assert article.title == "Ferry sinks off Lisbon"
    assert article.url == "https://www.tagus-wire.example/news/ferry"
    assert article.outlet == "Tagus Wire"  # the agency in the dateline
    assert article.published == dt.date(2026, 3, 3)
    assert article.byline == "Ana Costa"
    assert article.dateline == "LISBON (Tagus Wire)"
    assert article.source == str(tmp_path / "ferry.txt")
    assert article.language == "en"
    assert article.warnings == ()


HEADERS = [
    "2026-03-03 https://tagus-wire.example/news/ferry",
    "date 2026-03-03 https://tagus-wire.example/news/ferry",
    "Date: 2026-03-03\nURL: https://tagus-wire.example/news/ferry",
    "https://tagus-wire.example/news/ferry 2026-03-03T08:00:00Z",
    "2026-03-03\nhttps://tagus-wire.example/news/ferry\n",
]


@pytest.mark.parametrize("header", HEADERS)
def test_header_lines_never_reach_the_text(tmp_path: Path, header: str) -> None:
    path = write(tmp_path, "ferry.txt", f"{header}\nFerry sinks off Lisbon\n\n{BODY}")
    (article,) = read(str(path))
    assert article.text == CLEAN
    assert article.title == "Ferry sinks off Lisbon"
    assert (article.published, article.outlet) == (dt.date(2026, 3, 3), "tagus-wire.example")


def test_key_value_headers(tmp_path: Path) -> None:
    header = "Title: Ferry sinks off Lisbon\nOutlet: Tagus Wire\nAuthor: Ana Costa\n\n"
    (article,) = read(str(write(tmp_path, "ferry.txt", header + BODY)))
    assert (article.title, article.outlet, article.byline) == (
        "Ferry sinks off Lisbon",
        "Tagus Wire",
        "Ana Costa",
    )
    assert article.text == CLEAN


def test_a_text_without_headline_starts_with_its_first_sentence(tmp_path: Path) -> None:
    (article,) = read(str(write(tmp_path, "tagus-wire.txt", BODY)))
    assert article.title == ""
    assert article.text == CLEAN
    assert article.outlet == "tagus-wire"  # the file name, nothing better being known
    assert article.published is None


def test_the_date_can_come_from_the_dateline(tmp_path: Path) -> None:
    path = write(tmp_path, "ferry.txt", f"Ferry sinks\n\nLISBON, Portugal, March 3. {BODY}")
    (article,) = read(str(path))
    expected = latest_before(3, 3, dt.date.today())
    assert expected is not None
    assert article.published == expected
    assert article.dateline == "LISBON, Portugal, March 3"
    assert article.text == CLEAN
    assert article.warnings == (
        "the date comes from the dateline 'LISBON, Portugal, March 3', which has no year; "
        f"{expected.year} was assumed",
    )


def test_a_dateline_with_a_year_needs_no_guess(tmp_path: Path) -> None:
    path = write(tmp_path, "ferry.txt", f"LISBON, March 3, 2025 (Reuters) - {BODY}")
    (article,) = read(str(path))
    assert (article.published, article.warnings) == (
        dt.date(2025, 3, 3),
        ("the date comes from the dateline 'LISBON, March 3, 2025 (Reuters)'",),
    )


def test_given_outlet_and_date_win(tmp_path: Path) -> None:
    path = write(tmp_path, "ferry.txt", CRAWLED)
    (article,) = read(str(path), outlet="Tagus Wire", published=dt.date(2026, 3, 4))
    assert (article.outlet, article.published) == ("Tagus Wire", dt.date(2026, 3, 4))
    assert article.warnings == ("the source is dated 2026-03-03; the given date was used",)


def test_given_date_is_used_when_the_source_has_none(tmp_path: Path) -> None:
    (article,) = read(str(write(tmp_path, "a.txt", BODY)), published=dt.date(2026, 3, 3))
    assert (article.published, article.warnings) == (dt.date(2026, 3, 3), ())


def test_ids_are_stable_and_depend_on_text_and_outlet(tmp_path: Path) -> None:
    path = write(tmp_path, "ferry.txt", CRAWLED)
    first, again = read(str(path))[0], read(str(path))[0]
    other = read(str(path), outlet="Another Wire")[0]
    assert first.id == again.id
    assert len(first.id) == 12
    assert other.id != first.id


def test_hard_wrapped_text_is_rejoined(tmp_path: Path) -> None:
    wrapped = (
        "A ferry carrying 214 passengers sank off the coast of Lisbon on\n"
        "Tuesday, the coast guard said, in the worst accident at sea in the\n"
        "country for decades.\n"
    )
    (article,) = read(str(write(tmp_path, "wrapped.txt", wrapped)))
    assert article.text == LEDE
    assert article.title == ""


# ----------------------------------------------------------------------------- encodings


def test_latin_1_is_detected(tmp_path: Path) -> None:
    text = f"{LEDE} The café owner in São Tomé said the crossing was déjà vu for him.\n"
    (article,) = read(str(write(tmp_path, "latin1.txt", text.encode("latin-1"))))
    assert "café owner in São Tomé" in article.text
    assert "déjà vu" in article.text


def test_windows_1251_is_read_and_refused_as_russian(tmp_path: Path) -> None:
    russian = (
        "Паром с 214 пассажирами затонул у побережья Лиссабона во вторник, сообщила береговая "
        "охрана. Двенадцать человек погибли, сорок получили ранения, сообщило министерство."
    )
    path = write(tmp_path, "ru.txt", russian.encode("cp1251"))
    with pytest.raises(LanguageError) as error:
        read(str(path))
    assert str(error.value) == f"{path}: the text is in Russian (ru), not English"


def test_utf_16_with_bom(tmp_path: Path) -> None:
    (article,) = read(str(write(tmp_path, "u16.txt", BODY.encode("utf-16"))))
    assert article.text == CLEAN


# ----------------------------------------------------------------------------- bad input

PORTUGUESE = (
    "Um ferry com 214 passageiros afundou ao largo de Lisboa na terça-feira, disse a guarda "
    "costeira. Doze pessoas morreram e quarenta ficaram feridas, segundo o ministério."
)
SUPPORTED = ".txt, .html, .json, .jsonl, .rss, .atom, .xml, .warc or .urls (optionally .gz)"

BAD: list[tuple[str, str | bytes, type[Exception], str]] = [
    ("empty.txt", b"", InputError, "the file is empty"),
    ("blank.txt", "  \n\n \t\n", InputError, "the file is empty"),
    ("junk.txt", bytes(range(256)) * 20, InputError,
     "the file is binary, not text (a PDF, image or archive?)"),
    ("report.pdf", b"%PDF-1.7\n", InputError, f"unsupported file type '.pdf' (use {SUPPORTED})"),
    ("notes.docx", b"PK\x03\x04", InputError, f"unsupported file type '.docx' (use {SUPPORTED})"),
    ("pt.txt", PORTUGUESE, LanguageError, "the text is in Portuguese (pt), not English"),
    ("short.txt", "A ferry sank.", InputError,
     "only 3 words of article text (at least 10 words are needed)"),
    ("filler.txt", "hello world " * 200, InputError,
     "not article text: 400 words but only 2 different ones"),
    ("furniture.txt", "Share on Facebook\nAdvertisement\nRead more\n", InputError,
     "no article text (at least 10 words are needed)"),
    ("nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>", InputError,
     "no article text found in the page"),
    ("bad.json", "{not json", InputError,
     "the file is not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
    ("nums.json", "[1, 2]", InputError, "expected a JSON object, found int"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "error", "message"), BAD)
def test_bad_input_gives_one_clear_error(
    tmp_path: Path, name: str, content: str | bytes, error: type[Exception], message: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(error) as raised:
        read(str(path))
    where = f"{path}[0]" if name == "nums.json" else str(path)
    assert str(raised.value) == f"{where}: {message}"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        read(str(tmp_path / "nowhere.txt"))
    assert str(raised.value) == f"{tmp_path / 'nowhere.txt'}: no such file or folder"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://tagus-wire.example/a.txt"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(FetchError) as raised:
        read(url)
    assert str(raised.value) == f"{url}: only http and https URLs can be fetched"


def test_a_folder_with_nothing_to_read(tmp_path: Path) -> None:
    write(tmp_path, "notes.pdf", b"%PDF")
    with pytest.raises(InputError) as raised:
        read(str(tmp_path))
    assert str(raised.value) == f"{tmp_path}: the folder has no files to read (use {SUPPORTED})"


def test_a_damaged_gzip_file(tmp_path: Path) -> None:
    path = write(tmp_path, "news.txt.gz", gzip.compress(BODY.encode())[:-12])
    with pytest.raises(InputError) as raised:
        read(str(path))
    assert str(raised.value).startswith(f"{path}: the gzip file is damaged (")


def test_a_very_long_file_is_cut_with_a_warning(tmp_path: Path) -> None:
    paragraph = (
        "The inquiry heard that the ferry had sailed with a faulty pump and that the crew had "
        "reported the fault {} before the crossing, according to documents seen by reporters."
    )  # 30 words
    # each paragraph names its fault differently ("fault bd"): real text, not one line repeated
    paragraphs = [paragraph.format("".join(chr(97 + int(d)) for d in str(n))) for n in range(6_667)]
    path = write(tmp_path, "long.txt", "\n\n".join(paragraphs))  # 200,010 words
    (article,) = read(str(path))
    assert len(article.text.split()) == 19_980
    assert article.text.endswith("reporters.")
    assert article.warnings == (
        "the article has 200,010 words; only the first 19,980 were kept (the limit is 20,000)",
    )


def test_the_word_limit_is_an_option(tmp_path: Path) -> None:
    (article,) = read(str(write(tmp_path, "a.txt", BODY)), options=Options(max_words=20))
    assert article.text == " ".join(LEDE.split()[:20])  # no sentence ends early enough
    assert article.warnings == (
        "the article has 49 words; only the first 20 were kept (the limit is 20)",
    )


# ----------------------------------------------------------------------------- HTML

PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Ferry sinks off Lisbon | Tagus Wire</title>
<meta property="og:site_name" content="Tagus Wire">
<link rel="canonical" href="https://tagus-wire.example/news/ferry">
<meta property="article:published_time" content="2026-03-03T09:00:00Z">
<meta name="author" content="Ana Costa">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ferry sinks off Lisbon</h1>
<p>LISBON (Tagus Wire) — {LEDE}</p><p>{SECOND}</p><p>{QUOTE}</p></article>
<footer>Share on Facebook</footer></body></html>"""


def test_html_page(tmp_path: Path) -> None:
    (article,) = read(str(write(tmp_path, "ferry.html", PAGE)))
    assert article.text == CLEAN
    assert article.title == "Ferry sinks off Lisbon"
    assert article.url == "https://tagus-wire.example/news/ferry"
    assert article.outlet == "Tagus Wire"  # the agency in the dateline
    assert article.published == dt.date(2026, 3, 3)
    assert article.byline == "Ana Costa"
    assert article.dateline == "LISBON (Tagus Wire)"


def test_a_long_headline_is_not_joined_to_the_lede(tmp_path: Path) -> None:
    # a headline without a full stop, long enough to look like a hard-wrapped line
    title = "Ferry sinks off Lisbon: questions over the ignored pump warnings"
    page = PAGE.replace("<h1>Ferry sinks off Lisbon</h1>", f"<h1>{title}</h1>")
    (article,) = read(str(write(tmp_path, "ferry.html", page)))
    assert article.text == CLEAN
    assert article.dateline == "LISBON (Tagus Wire)"


def test_html_in_windows_1252_declared_by_meta(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "captain Rui Lopes", "captain Rui Lopes of the café boat"
    )
    (article,) = read(str(write(tmp_path, "ferry.htm", page.encode("cp1252"))))
    assert "café boat" in article.text


# ----------------------------------------------------------------------------- JSON

RECORD = {
    "outlet": "Tagus Wire",
    "url": "https://tagus-wire.example/news/ferry",
    "title": "Ferry sinks off Lisbon",
    "published": "2026-03-03",
    "text": BODY,
}
ALTERNATIVES: list[dict[str, object]] = [
    RECORD,
    {"source": "Tagus Wire", "link": RECORD["url"], "headline": RECORD["title"],
     "date": "Tue, 03 Mar 2026 09:00:00 GMT", "body": BODY},
    {"source": {"id": None, "name": "Tagus Wire"}, "url": RECORD["url"],
     "title": RECORD["title"], "publishedAt": "2026-03-03T09:00:00Z", "content": BODY},
    {"publisher": "Tagus Wire", "URL": RECORD["url"], "Title": RECORD["title"],
     "date_publish": "2026-03-03 09:00:00", "maintext": BODY},
    {"outlet": "Tagus Wire", "url": RECORD["url"], "title": RECORD["title"],
     "published": 1772528400, "paragraphs": None, "text": BODY.split("\n")},
    {"outlet": "Tagus Wire", "url": RECORD["url"], "title": RECORD["title"],
     "published": "2026-03-03", "content": f"<p>{LEDE}</p><p>{SECOND}</p><p>{QUOTE}</p>"},
]  # fmt: skip


@pytest.mark.parametrize("record", ALTERNATIVES)
def test_json_field_names(tmp_path: Path, record: dict[str, object]) -> None:
    (article,) = read(str(write(tmp_path, "one.json", json.dumps(record))))
    assert article.text == CLEAN
    assert (article.outlet, article.title, article.published) == (
        "Tagus Wire",
        "Ferry sinks off Lisbon",
        dt.date(2026, 3, 3),
    )
    assert article.source == str(tmp_path / "one.json")


CONTAINERS: list[Callable[[list[dict[str, object]]], object]] = [
    lambda records: records,
    lambda records: {"articles": records, "totalResults": len(records)},
    lambda records: {"status": "ok", "items": records},
]


@pytest.mark.parametrize("container", CONTAINERS)
def test_json_lists(tmp_path: Path, container: Callable[[list[dict[str, object]]], object]) -> None:
    records = [RECORD, {**RECORD, "outlet": "Another Wire"}]
    articles = read(str(write(tmp_path, "two.json", json.dumps(container(records)))))
    assert [a.outlet for a in articles] == ["Tagus Wire", "Another Wire"]
    assert [a.source for a in articles] == [f"{tmp_path / 'two.json'}[{i}]" for i in (0, 1)]


def test_jsonl_and_gzip(tmp_path: Path) -> None:
    lines = "\n".join(json.dumps({**RECORD, "outlet": f"Wire {n}"}) for n in range(3)) + "\n\n"
    for name, data in (
        ("news.jsonl", lines.encode()),
        ("news.jsonl.gz", gzip.compress(lines.encode())),
    ):
        articles = read(str(write(tmp_path, name, data)))
        assert [a.outlet for a in articles] == ["Wire 0", "Wire 1", "Wire 2"]
        assert articles[1].source == f"{tmp_path / name}:2"


def test_a_bad_jsonl_line_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "news.jsonl", json.dumps(RECORD) + "\n{oops\n")
    with pytest.raises(InputError) as raised:
        read(str(path))
    assert str(raised.value) == (
        f"{path}: line 2 is not valid JSON "
        "(Expecting property name enclosed in double quotes at column 2)"
    )


def test_a_record_without_text(tmp_path: Path) -> None:
    path = write(tmp_path, "news.jsonl", json.dumps({"title": "Ferry sinks", "text": ""}))
    with pytest.raises(InputError) as raised:
        read(str(path))
    assert str(raised.value) == (
        f"{path}:1: the record has no article text (expected a 'text', 'body' or 'content' field)"
    )


# ----------------------------------------------------------------------------- folders


def test_a_folder_gives_its_supported_files_sorted(tmp_path: Path) -> None:
    write(tmp_path, "b.html", PAGE)
    write(tmp_path, "a.txt", CRAWLED)
    write(tmp_path, "c.json", json.dumps([RECORD]))
    write(tmp_path, "notes.pdf", b"%PDF")
    write(tmp_path, ".hidden.txt", CRAWLED)
    articles = read(str(tmp_path))
    assert [Path(a.source).name for a in articles] == ["a.txt", "b.html", "c.json[0]"]


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.tagus-wire.example/a", "tagus-wire.example"),
        ("https://mobile.tagus-wire.example/a", "tagus-wire.example"),
        ("https://m.harbour.example.pt/a", "harbour.example.pt"),
        ("https://amp.tagus-wire.example/a", "tagus-wire.example"),
        ("https://news.tagus-wire.example/a", "news.tagus-wire.example"),
    ],
)
def test_an_outlet_from_its_url_is_one_name_for_all_its_editions(url: str, host: str) -> None:
    from rashomon.ingest.article import domain

    assert domain(url) == host


def test_text_given_as_a_path_is_a_missing_file_not_a_crash() -> None:
    text = "The council met on Monday. " * 400  # longer than any file name may be
    with pytest.raises(InputError) as raised:
        read(text)
    assert str(raised.value).endswith("...: no such file or folder")
