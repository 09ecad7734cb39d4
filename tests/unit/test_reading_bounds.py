"""Reading inputs within bounds: only regular files, a size limit, BOMs, no control characters."""

from __future__ import annotations

import codecs
import os
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from claims.errors import (
    BinaryDocument,
    DocumentTooLarge,
    MissingDocument,
    UnsupportedDocument,
)
from claims.reading import clean_text, decode, read_bounded, read_file
from claims.segment import MAX_PARAGRAPH, paragraphs

MB = 1024 * 1024
ARTICLE = "date 2019-05-22\nExports rose 12 percent in 2018, the ministry said.\n"


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "inbox.txt"
    os.mkfifo(pipe)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_bounded(pipe)
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=5)

    assert not reader.is_alive(), "reading a FIFO blocked"
    [error] = outcome
    assert isinstance(error, UnsupportedDocument)
    assert str(error) == f"{pipe}: not a regular file (a named pipe); give a text file"


def test_dev_zero_is_refused_at_once_in_bounded_memory() -> None:
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(UnsupportedDocument) as caught:
        read_bounded(Path("/dev/zero"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert (
        str(caught.value) == "/dev/zero: not a regular file (a character device); give a text file"
    )
    assert time.monotonic() - started < 1 and peak < MB


def test_a_sparse_50_mb_file_is_refused_by_its_size_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * MB)
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(DocumentTooLarge) as caught:
        read_file(big)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert str(caught.value) == (
        f"{big}: 52,428,800 bytes is over the 10 MB limit for one document "
        "(CLAIMDESK_MAX_DOCUMENT_MB)"
    )
    assert time.monotonic() - started < 1 and peak < MB


def test_a_file_whose_size_is_not_known_is_read_no_further_than_the_limit() -> None:
    # /proc files are regular files that say they are empty: only reading finds their size.
    maps = Path("/proc/self/maps")
    assert maps.stat().st_size == 0 and len(maps.read_bytes()) > 200

    with pytest.raises(DocumentTooLarge, match="maps: it is over the 100-byte limit"):
        read_bounded(maps, limit=100)


def test_the_limit_is_inclusive(tmp_path: Path) -> None:
    exact = tmp_path / "exact.txt"
    exact.write_bytes(b"x" * 1000)
    assert len(read_bounded(exact, limit=1000)) == 1000
    with pytest.raises(DocumentTooLarge):
        read_bounded(exact, limit=999)


def test_a_folder_and_a_missing_file_are_named(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedDocument, match="not a regular file \\(a folder\\)"):
        read_bounded(tmp_path)
    with pytest.raises(MissingDocument, match=r"nowhere\.txt: no such file"):
        read_bounded(tmp_path / "nowhere.txt")


@pytest.mark.parametrize(
    ("name", "kind"), [("report.pdf", "a PDF file"), ("notes.DOCX", "a word-processor document")]
)
def test_a_binary_format_is_refused_by_its_name_even_when_it_holds_text(
    tmp_path: Path, name: str, kind: str
) -> None:
    typed = tmp_path / name
    typed.write_text(ARTICLE)
    with pytest.raises(UnsupportedDocument) as caught:
        read_file(typed)
    assert str(caught.value) == f"{typed}: {kind}, not text: convert it to .txt or .html first"


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_a_byte_order_mark_names_the_encoding(codec: str) -> None:
    bom = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}.get(codec, b"")
    data = bom + ARTICLE.encode(codec)
    assert decode(data, "a.txt") == ARTICLE  # whatever --encoding says


def test_utf_16_without_a_mark_is_text_when_its_encoding_is_given() -> None:
    data = ARTICLE.encode("utf-16-le")
    assert b"\x00" in data[:100]
    assert decode(data, "a.txt", "utf-16-le") == ARTICLE
    with pytest.raises(BinaryDocument, match=r"a\.txt: binary file, not text"):
        decode(data, "a.txt")  # as UTF-8 it is a NUL every other byte


def test_a_nul_after_the_first_8_kb_is_removed_and_one_before_is_binary() -> None:
    late = ("Exports rose. " * 700).encode() + b"\x00 Imports fell."
    assert len(late) > 8192
    text = decode(late, "late.txt")
    assert "\x00" not in text and text.endswith(" Imports fell.")
    with pytest.raises(BinaryDocument):
        decode(b"Exports rose.\x00\x01\x02", "early.txt")


def test_control_characters_and_terminal_escapes_are_taken_out() -> None:
    text = (
        "Exports \x1b[2J\x1b[31mrose\x1b[0m 12%\x07 in\x00 2018\x1b]0;pwned\x07."
        "\r\nNext\x0cpage\x9b1m"
    )
    assert clean_text(text) == "Exports rose 12% in 2018.\nNext\npage"
    assert clean_text("Plain\ttext\nstays.") == "Plain\ttext\nstays."


def test_a_2_mb_line_is_cut_into_parse_sized_pieces_in_linear_time() -> None:
    line = "exports rose twelve percent while imports fell " * 42_000
    started = time.monotonic()
    pieces = paragraphs(line)
    elapsed = time.monotonic() - started

    assert elapsed < 1.0
    assert max(len(text) for _, text in pieces) <= MAX_PARAGRAPH
    assert len(pieces) >= len(line) // MAX_PARAGRAPH
    for offset, text in pieces[:5] + pieces[-5:]:
        assert line[offset : offset + len(text)] == text


def test_a_long_paragraph_is_cut_after_a_sentence_end() -> None:
    paragraph = "The ministry counted 39 deaths on Monday. " * 200
    pieces = paragraphs(paragraph)
    assert len(pieces) > 1
    assert all(text.endswith("Monday.") for _, text in pieces)
