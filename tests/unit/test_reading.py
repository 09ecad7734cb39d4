"""Reading documents: decoding, dates, titles, paragraphs and sentences."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from spacy.language import Language

from claims.errors import BinaryDocument, EmptyDocument, UndecodableDocument
from claims.reading import content_hash, decode, decoded_lines, read_text, split_date
from claims.segment import paragraphs, parse_documents


@pytest.mark.parametrize(
    ("text", "published", "source"),
    [
        (" date 2019-05-22 Venezuela’s opposition is engaging.", date(2019, 5, 22), "date-line"),
        ("date: 2020-02-29\nText.", date(2020, 2, 29), "date-line"),
        (
            "Friday, January 4, 2019 \n\n\nAn apartment building collapsed.",
            date(2019, 1, 4),
            "dateline",
        ),
        ("January 4, 2019\nText.", date(2019, 1, 4), "dateline"),
        ("No date here. On Friday, January 4, 2019 it rained.", None, "none"),
    ],
)
def test_the_publication_date_comes_from_a_date_line_or_dateline(
    text: str, published: date | None, source: str
) -> None:
    rest, found, where = split_date(text)
    assert (found, where) == (published, source)
    if published:
        assert "2019-05-22" not in rest and "January 4, 2019" not in rest


def test_markdown_heading_becomes_the_title_and_leaves_the_text() -> None:
    document = read_text("date 2021-03-01\n# Budget vote\n\nThe bill passed 52 to 48.", "/x/a.md")
    assert document.title == "Budget vote"
    assert document.text == "The bill passed 52 to 48."
    assert document.published == date(2021, 3, 1)


def test_a_file_name_gives_a_readable_title_when_the_text_has_none() -> None:
    for name in ("venezuela-opposition-talks.txt", "venezuela_opposition-talks-2019-05-22.txt"):
        assert read_text("Text.", f"/news/{name}").title == "Venezuela opposition talks"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyDocument),
        (b" \n\t\n", EmptyDocument),
        (b"GIF89a\x00\x01\x00", BinaryDocument),
        ("Café".encode("cp1252"), UndecodableDocument),
    ],
)
def test_unreadable_bytes_raise_a_named_error_naming_the_file(
    data: bytes, error: type[Exception]
) -> None:
    with pytest.raises(error, match=r"/in/file\.txt"):
        decode(data, "/in/file.txt")


def test_content_hash_ignores_whitespace_differences_only() -> None:
    assert content_hash("A  b\n\nc") == content_hash("A b c")
    assert content_hash("A b c") != content_hash("A b d")


def test_paragraphs_keep_their_offsets_into_the_text() -> None:
    text = "First one.\n\n  Second\nline.\n\n\n\nThird."
    found = paragraphs(text)
    assert [p for _, p in found] == ["First one.", "Second\nline.", "Third."]
    assert all(text[offset : offset + len(p)] == p for offset, p in found)


def test_sentences_never_cross_paragraph_breaks_or_split_after_titles(nlp: Language) -> None:
    text = (
        "date 2019-05-22 He was “satisfied with the progress made.”\n\n"
        "Maduro claimed victory. López escaped with the help of Maj. Gen. Manuel Figuera.\n\n"
        "Carlos Vecchio met with the U.S. State Department on Monday."
    )
    document = read_text(text, "/x.txt")
    [(_, parsed)] = list(parse_documents(nlp, [document]))
    sentences = [p.sentence for p in parsed]
    assert [s.text for s in sentences] == [
        "He was “satisfied with the progress made.”",
        "Maduro claimed victory.",
        "López escaped with the help of Maj. Gen. Manuel Figuera.",
        "Carlos Vecchio met with the U.S. State Department on Monday.",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]
    assert all(document.text[s.start : s.end] == s.text for s in sentences)


def test_a_paragraph_over_the_parser_limit_is_cut_at_whitespace_keeping_offsets() -> None:
    from claims.segment import MAX_PARAGRAPH

    text = "Short one.\n\n" + "word " * (MAX_PARAGRAPH // 2)
    found = paragraphs(text)
    assert len(found) >= 3
    assert all(len(p) <= MAX_PARAGRAPH for _, p in found)
    assert all(text[offset : offset + len(p)] == p for offset, p in found)
    assert sum(p.count("word") for _, p in found) == MAX_PARAGRAPH // 2


def test_an_unknown_encoding_is_a_named_error_not_a_crash() -> None:
    with pytest.raises(UndecodableDocument, match="unknown encoding 'nope'"):
        decode(b"text", "/in/file.txt", "nope")


@pytest.mark.parametrize("line", ["date 2019-02-30", "Friday, February 30, 2019"])
def test_a_date_line_naming_a_day_that_does_not_exist_is_an_error(line: str) -> None:
    from claims.errors import InvalidDate

    with pytest.raises(InvalidDate, match=r"/x\.txt: line 1: .* is not a real date"):
        read_text(f"{line}\nThe bill passed 52 to 48.", "/x.txt")


def test_a_headline_and_byline_date_give_the_title_and_the_date() -> None:
    text = "Talks resume in Oslo\n\nPublished 22 May 2019\n\nThe talks resumed on Tuesday."
    document = read_text(text, "/news/a.txt")
    assert (document.title, document.text) == (
        "Talks resume in Oslo",
        "The talks resumed on Tuesday.",
    )
    assert (document.published, document.date_source) == (date(2019, 5, 22), "byline")
    assert document.published_source == "text line 3: “Published 22 May 2019”"


def test_a_date_in_the_file_name_dates_a_text_that_gives_none() -> None:
    document = read_text("Talks resume\n\nThe talks resumed.", "/news/talks-2019-05-22.txt")
    assert (document.published, document.date_source) == (date(2019, 5, 22), "filename")
    assert document.published_source == "file name: talks-2019-05-22.txt"
    assert document.title == "Talks resume"


def test_the_published_option_overrides_the_text_and_the_file_name() -> None:
    document = read_text(
        "Published 22 May 2019\n\nThe talks resumed.",
        "/news/t-2019-05-01.md",
        published=date(2019, 6, 1),
    )
    assert (document.published, document.published_source) == (
        date(2019, 6, 1),
        "--published option",
    )


def test_a_text_without_any_date_says_so() -> None:
    document = read_text("Talks resume\n\nThe talks resumed on Tuesday.", "/news/talks.txt")
    assert (document.published, document.date_source) == (None, "none")
    assert document.published_source.startswith("no date found")


def test_a_first_line_that_ends_a_sentence_is_text_not_a_headline() -> None:
    document = read_text("The talks resumed.\n\nThey went on.", "/news/talks.txt")
    assert document.text.startswith("The talks resumed.")


@pytest.mark.parametrize(
    "text",
    [
        "Talks resume in Oslo\nBy Ana Ruiz\nWednesday, May 22, 2019\n\nThe talks resumed.",
        "Talks resume in Oslo\nBy Ana Ruiz, Reuters\n\nThe talks resumed on 22 May 2019.",
        "Talks resume in Oslo\n\nBy Ana Ruiz\n\nThe talks resumed.",
        "# Talks resume in Oslo\n*By Ana Ruiz*\n\nThe talks resumed.",
    ],
)
def test_a_byline_under_the_headline_is_furniture_and_the_headline_the_title(text: str) -> None:
    """Not one sentence "Talks resume in Oslo By Ana Ruiz", nor a title from the file."""
    document = read_text(text, "/news/story.txt")
    assert document.title == "Talks resume in Oslo"
    assert document.text.startswith("The talks resumed") and "Ruiz" not in document.text


def test_a_first_paragraph_of_text_with_a_by_in_it_is_kept() -> None:
    text = "Prices rose.\nBy March they had doubled, officials said.\n\nMore text."
    assert read_text(text, "/a.txt").text.startswith("Prices rose.")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_decoded_lines_read_as_a_csv_file_opened_with_newline_empty_does(encoding: str) -> None:
    text = 'id,notes\r\n1,"two\r\nlines"\r\n2,old mac\r3,unix\n4,León\n\nlast'
    lines = list(decoded_lines(io.BytesIO(text.encode(encoding)), encoding))

    assert "".join(lines) == text and lines[:2] == ["id,notes\r\n", '1,"two\r\n']
    assert list(csv.reader(lines)) == list(csv.reader(io.StringIO(text, newline="")))


def test_decoded_lines_fail_on_the_line_that_does_not_decode() -> None:
    data = b"a\n" * 10_000 + b"caf\xe9\n"
    lines = decoded_lines(io.BytesIO(data), "utf-8")

    assert [next(lines) for _ in range(10_000)][-1] == "a\n"
    with pytest.raises(UnicodeDecodeError):
        next(lines)
    with pytest.raises(LookupError, match="'rot13' is not a text encoding"):
        decoded_lines(io.BytesIO(data), "rot13")
