"""Spans news writes without a connective the scanner used to need: day ranges before
the month ("5–7 March"), two years running ("the 2019–20 season"), and the span of "the
biggest in a decade".

The publication date is Wednesday 2019-05-22 (the seed's); days are written out by hand.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from claims.timeexpr import extract_times

WEDNESDAY = date(2019, 5, 22)


def times(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    return [(t.text, str(t.start), str(t.end)) for t in extract_times(nlp(text)[:], WEDNESDAY)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The talks ran 14–16 April in Vienna.", [("14–16 April", "2019-04-14", "2019-04-16")]),
        (
            "The fair is held 9-11 October 2018 each autumn.",
            [("9-11 October 2018", "2018-10-09", "2018-10-11")],
        ),
        (
            "Voting will take place between 6 and 8 June.",
            [("between 6 and 8 June", "2019-06-06", "2019-06-08")],
        ),
        (
            "Flights were grounded from 2 to 4 February.",
            [("from 2 to 4 February", "2019-02-02", "2019-02-04")],
        ),
    ],
)
def test_a_range_of_days_before_the_month_covers_every_day(
    nlp: Language, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert times(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The club won the 2017–18 title.", [("2017–18", "2017-01-01", "2018-12-31")]),
        (
            "The deficit fell in the 2016/17 financial year.",
            [("2016/17", "2016-01-01", "2017-12-31")],
        ),
        ("The 2005–2011 survey was repeated.", [("2005–2011", "2005-01-01", "2011-12-31")]),
    ],
)
def test_two_years_written_together_cover_both(
    nlp: Language, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert times(nlp, sentence) == expected


def test_a_pair_of_years_that_do_not_run_on_is_no_span(nlp: Language) -> None:
    assert times(nlp, "The 2016/14 figures were withdrawn.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "It was the largest strike in the country in a decade.",
            [("in a decade", "2009-05-01", "2019-05-22")],
        ),
        (
            "Inflation reached its highest level in 12 years.",
            [("in 12 years", "2007-05-01", "2019-05-22")],
        ),
        (
            "For the first time in three years, the river froze.",
            [("in three years", "2016-05-01", "2019-05-22")],
        ),
    ],
)
def test_the_biggest_in_a_decade_runs_up_to_publication(
    nlp: Language, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert times(nlp, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    ["The bridge will be finished in two years.", "He was released in three days."],
)
def test_in_n_years_without_a_superlative_is_a_duration(nlp: Language, sentence: str) -> None:
    assert times(nlp, sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The bridge was closed on Tuesday last week.",
            [("on Tuesday last week", "2019-05-14", "2019-05-14")],
        ),
        (
            "The strike began on Thursday of last week.",
            [("on Thursday of last week", "2019-05-16", "2019-05-16")],
        ),
        (
            "The bridge will reopen on Friday next week.",
            [("on Friday next week", "2019-05-31", "2019-05-31")],
        ),
    ],
)
def test_a_weekday_of_last_or_next_week_is_that_day_of_that_week(
    nlp: Language, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert times(nlp, sentence) == expected


def test_two_days_before_one_month_are_two_days(nlp: Language) -> None:
    assert times(nlp, "Polls were open on 18 and 19 May in most regions.") == [
        ("18", "2019-05-18", "2019-05-18"),
        ("19 May", "2019-05-19", "2019-05-19"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a century, by its ordinal or as "the 1800s"; thirds of it when early/mid/late
        (
            "The abbey, finished in the 13th century, still stands.",
            [("the 13th century", "1201-01-01", "1300-12-31")],
        ),
        (
            "The mill dates from the late nineteenth century.",
            [("the late nineteenth century", "1871-01-01", "1900-12-31")],
        ),
        ("In the 1800s, wolves were hunted out.", [("the 1800s", "1800-01-01", "1899-12-31")]),
        ("In the early 1900s, the port grew.", [("the early 1900s", "1900-01-01", "1939-12-31")]),
        ("The 2000s were a boom decade.", [("The 2000s", "2000-01-01", "2009-12-31")]),
        # "the end of July", "the middle of December": late and mid, as the guidelines say
        (
            "The rumour first surfaced at the end of July.",
            [("the end of July", "2018-07-21", "2018-07-31")],
        ),
        (
            "She came home in the middle of December.",
            [("the middle of December", "2018-12-11", "2018-12-20")],
        ),
        (
            "By the start of 2017, the mine had closed.",
            [("the start of 2017", "2017-01-01", "2017-04-30")],
        ),
        # "the first half" alone is a match's as likely as the year's
        ("The visitors dominated the first half.", []),
        (
            "Sales fell in the first half of the year.",
            [("the first half of the year", "2019-01-01", "2019-06-30")],
        ),
    ],
)
def test_centuries_edges_of_a_period_and_halves(
    nlp: Language, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert times(nlp, sentence) == expected
