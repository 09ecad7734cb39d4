"""claims.sources: where a source is, what kind it is, how often it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.sources import (
    InvalidSource,
    format_every,
    guess_kind,
    normalise_location,
    parse_every,
)


@pytest.mark.parametrize(
    "spelling",
    [
        "https://example.org/news/rss.xml",
        "https://example.org/news/rss.xml?",
        "https://example.org/news/rss.xml#top",
        "  https://example.org/news/rss.xml?#top ",
    ],
)
def test_a_url_is_stored_without_its_fragment_or_an_empty_query(spelling: str) -> None:
    assert normalise_location(spelling) == "https://example.org/news/rss.xml"


def test_a_query_that_says_something_is_kept() -> None:
    assert (
        normalise_location("https://example.org/?feed=rss2#x") == "https://example.org/?feed=rss2"
    )


def test_a_folder_is_stored_absolute_and_an_id_passes_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "inbox").mkdir()
    assert normalise_location("inbox") == str((tmp_path / "inbox").resolve())
    assert normalise_location("12") == "12"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://example.org/news/rss.xml", "feed"),
        ("https://example.org/feed/", "feed"),
        ("https://example.org/?format=atom", "feed"),
        ("https://example.org/2019/story.html", "page"),
        ("https://example.org/feedback.html", "page"),
    ],
)
def test_the_kind_is_guessed_from_the_url(url: str, kind: str) -> None:
    assert guess_kind(url) == kind


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("1h", 3600), ("1d", 86400), ("1h30m", 5400)]
)
def test_every_is_parsed_and_formatted_back(text: str, seconds: int) -> None:
    assert parse_every(text) == seconds
    assert format_every(seconds) == text


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("soon", "not a duration"),
        ("30s", "at most once a minute"),
        ("400d", "at least once a year"),
    ],
)
def test_a_bad_every_is_refused_saying_why(text: str, problem: str) -> None:
    with pytest.raises(InvalidSource, match=problem):
        parse_every(text)
