"""Publication dates where people put them, in the styles they write them."""

from __future__ import annotations

from datetime import date

import pytest

from claims.errors import InvalidDate
from claims.pubdate import date_in_name, find_date_line, parse_date

MAY_22 = date(2019, 5, 22)


@pytest.mark.parametrize(
    "written",
    [
        "22 May 2019",
        "May 22, 2019",
        "2019-05-22",
        "Wednesday 22 May 2019 10.30 BST",
        "Wed, May 22, 2019 at 4:15 p.m. ET",
        "22nd May 2019",
        "22/05/2019",
        "05/22/2019",
        "22.05.2019",
        "2019-05-22T23:30:00-05:00",
        "2019/05/22",
    ],
)
def test_a_date_is_read_in_every_common_style(written: str) -> None:
    assert parse_date(written) == MAY_22


@pytest.mark.parametrize("written", ["05/06/2019", "May 2019", "2019", "next Tuesday", "22 May"])
def test_ambiguous_or_partial_dates_are_not_publication_dates(written: str) -> None:
    assert parse_date(written) is None


@pytest.mark.parametrize(
    ("text", "line", "kind"),
    [
        ("Talks resume in Oslo\n\nWednesday, May 22, 2019\n\nThe talks resumed.", 3, "dateline"),
        ("Talks resume in Oslo\n\nPublished 22 May 2019\n\nThe talks resumed.", 3, "byline"),
        ("Talks resume\nBy Ana Ruiz | Published: May 22, 2019\n\nThe talks resumed.", 2, "byline"),
        ("# Talks resume\n\n*Posted on 2019-05-22*\n\nThe talks resumed.", 3, "byline"),
        ("# Talks resume\n\n*By Ana Ruiz, 22 May 2019*\n\nThe talks resumed.", 3, "byline"),
        ("Talks resume\n\nBy Ana Ruiz, Reuters, May 22, 2019\n\nThe talks resumed.", 3, "byline"),
        (
            "Talks resume\nBy Ana Ruiz on Wed 22 May 2019 10.30 BST\n\nThe talks resumed.",
            2,
            "byline",
        ),
        (
            "Talks resume\nUpdated: 23 May 2019\nPublished: 22 May 2019\n\nThey resumed.",
            3,
            "byline",
        ),
        ("Talks resume\n\nPosted on 2019-05-22 by admin\n\nThe talks resumed.", 3, "byline"),
        (
            "Talks resume\nAna Ruiz, Reuters\nMay 22, 2019 / 10:30 AM / Updated 2 hours ago\n\n"
            "The talks resumed.",
            3,
            "byline",
        ),
    ],
)
def test_the_date_line_is_found_after_a_headline_or_byline_and_taken_off(
    text: str, line: int, kind: str
) -> None:
    rest, found = find_date_line(text)
    assert found is not None
    assert (found.published, found.line, found.kind) == (MAY_22, line, kind)
    assert "2019" not in rest and "resumed." in rest


@pytest.mark.parametrize(
    "text",
    [
        "Talks resume\n\nOSLO, May 22, 2019 (Reuters) - The talks resumed on Tuesday.",
        "Talks resume\n\nOSLO, Norway, Wednesday, 22 May 2019 — The talks resumed on Tuesday.",
    ],
)
def test_a_wire_dateline_dates_the_text_and_leaves_its_sentence(text: str) -> None:
    rest, found = find_date_line(text)
    assert found is not None and (found.published, found.line) == (MAY_22, 3)
    assert rest.endswith("\n\nThe talks resumed on Tuesday.")


def test_a_place_and_date_inside_a_sentence_is_no_wire_dateline() -> None:
    body = "Talks resume\n\nDelegates in OSLO, May 22, 2019 - met again."
    assert find_date_line(body) == (body, None)


def test_a_byline_without_a_date_is_furniture_but_no_date() -> None:
    text = "Talks resume\n\nBy Ana Ruiz, Oslo bureau\n\nThe talks resumed in 2019 after a pause."
    assert find_date_line(text) == (text, None)


def test_a_date_inside_the_body_is_not_the_publication_date() -> None:
    body = "The talks resumed in Oslo on 22 May 2019, officials said.\n\nMore text.\n\n22 May 2019"
    assert find_date_line(body) == (body, None)
    long_head = "A first paragraph of body text that goes on. " * 20 + "\n\n22 May 2019\n\nEnd."
    assert find_date_line(long_head)[1] is None


def test_a_dateline_naming_a_day_that_does_not_exist_is_an_error() -> None:
    with pytest.raises(InvalidDate, match=r"line 3: 'February 30, 2019' is not a real date"):
        find_date_line("Headline\n\nPublished February 30, 2019\n\nText.", "/x.txt")


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("/news/venezuela-talks-2019-05-22.txt", MAY_22),
        ("/news/2019_05_22_talks.md", MAY_22),
        ("/news/2019-05-22/talks.txt", None),  # a folder's date is not the file's
        ("/news/talks-2019-02-30.txt", None),
        ("/news/report-20190522.txt", MAY_22),  # compact, as cameras and exports write it
        ("/news/storm_20190522_final.txt", MAY_22),
        ("/news/id-201905221.txt", None),  # nine digits: a number, not a date
        ("/news/id-20191399.txt", None),  # no 13th month
    ],
)
def test_a_date_in_the_file_name(location: str, expected: date | None) -> None:
    assert date_in_name(location) == expected
