"""What a user sees at the command line.

One `Error:` line per bad source, exit codes, no tracebacks.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from rashomon.cli import main

ENGLISH = (
    "The mayor of Mértola, José Gonçalves, said on Monday that the bridge over the river would "
    "reopen next week after repairs costing 40,000 euros. Engineers had found cracks in two piers."
)
RUSSIAN = (
    "Министр транспорта заявила, что паром столкнулся с грузовым судном в густом тумане. "
    "Двое пассажиров погибли, двенадцать получили ранения."
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("junk.txt", random.Random(7).randbytes(3000), "the file is binary"),
        (
            "nobody.html",
            b"<html><body><nav>Home</nav></body></html>",
            "no article text found in the page",
        ),
        ("paper.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("russian.txt", RUSSIAN.encode("utf-8"), "the text is in Russian (ru), not English"),
        ("cyrillic-1251.txt", RUSSIAN.encode("cp1251"), "the text is in Russian (ru), not English"),
    ],
)
def test_a_bad_source_gets_one_error_line_naming_it(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, output = run("analyze", str(path))
    assert code == 1
    first = output.splitlines()[0]
    assert first.startswith(f"Error: {path}: {message}")
    assert "Traceback" not in output


def test_a_missing_file_is_named() -> None:
    code, output = run("analyze", "no/such/article.txt")
    assert code == 1
    assert output.splitlines() == ["Error: no/such/article.txt: no such file or folder"]


def test_a_bad_date_is_refused_before_any_work() -> None:
    code, output = run("analyze", "x.txt", "--date", "3 March")
    assert code == 2  # click's usage error
    assert "'3 March' is not a date of the form YYYY-MM-DD" in output


def test_an_output_name_that_says_no_format_is_refused_before_any_work() -> None:
    code, output = run("compare", "a.txt", "b.txt", "-o", "report.xyz")
    assert code == 2  # click's usage error, before the (missing) files are read
    assert "cannot tell the format from the name report.xyz" in output


def test_a_private_address_gets_a_hint_the_command_line_can_follow() -> None:
    code, output = run("analyze", "http://127.0.0.1:9/news")
    assert code == 1
    assert "add --allow-private" in output


def test_a_batch_keeps_the_good_files_and_reports_the_bad(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(ENGLISH.encode("latin-1"))  # not UTF-8: the encoding is detected
    code, output = run("analyze", str(good), str(tmp_path / "missing.txt"), "--format", "json")
    assert code == 2
    lines = output.splitlines()
    assert f"Error: {tmp_path / 'missing.txt'}: no such file or folder" in lines
    data = json.loads("\n".join(line for line in lines if not line.startswith("Error:")))
    assert "Mértola" in data["article"]["text"]
    assert data["schema_version"]


def test_compare_needs_two_usable_articles(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    code, output = run("compare", str(good), str(tmp_path / "gone.txt"))
    assert code == 1
    assert "Error: need at least two different articles to compare, got 1" in output


def test_compare_refuses_the_same_article_twice(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ENGLISH, encoding="utf-8")
    b.write_text(ENGLISH, encoding="utf-8")
    code, output = run("compare", str(a), str(b))
    assert code == 1
    assert "identical" in output.splitlines()[0]


def test_schema_command_prints_json_schema() -> None:
    code, output = run("schema", "comparison")
    assert code == 0
    assert json.loads(output)["title"].startswith("rashomon comparison")


def test_one_bad_file_in_a_folder_does_not_stop_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    code, output = run("analyze", str(folder), "--format", "json")
    assert code == 2  # done in part
    assert f"Error: {folder / 'empty.txt'}: the file is empty" in output.splitlines()
    assert "Mértola" in output


def test_the_output_file_name_chooses_the_format(tmp_path: Path, ferry_paths: list) -> None:
    report = tmp_path / "report.html"
    code, _ = run("compare", *map(str, ferry_paths[:2]), "-o", str(report))
    assert code == 0
    assert report.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")


def test_every_span_in_the_json_can_be_checked_against_the_text_it_carries(
    ferry_paths: list,
) -> None:
    code, output = run("compare", *map(str, ferry_paths), "--format", "json")
    assert code == 0
    data = json.loads(output[output.index("{") :])
    texts = {a["id"]: a["text"] for a in data["articles"]}
    refs = [c for f in data["facts"] for c in f["claims"]]
    refs += [side for k in data["conflicts"] for side in (k["a"], k["b"])]
    assert refs
    for ref in refs:
        assert texts[ref["article"]][ref["start"] : ref["end"]] == ref["text"]
