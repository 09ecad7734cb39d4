"""Holidays whose day moves from year to year: the Easter cycle and the US holidays kept
on a weekday of a month. Days are written out by hand from calendars."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from claims.timeexpr import extract_times
from claims.timefeasts import easter, feast_day

WEDNESDAY = date(2019, 5, 22)


def times(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    return [(t.text, str(t.start), str(t.end)) for t in extract_times(nlp(text)[:], WEDNESDAY)]


@pytest.mark.parametrize(
    ("year", "day"),
    [(2016, date(2016, 3, 27)), (2019, date(2019, 4, 21)), (2021, date(2021, 4, 4))],
)
def test_easter_sunday_of_the_gregorian_calendar(year: int, day: date) -> None:
    assert easter(year) == day


@pytest.mark.parametrize(
    ("name", "year", "day"),
    [
        ("thanksgiving", 2020, date(2020, 11, 26)),
        ("labor day", 2019, date(2019, 9, 2)),
        ("memorial day", 2020, date(2020, 5, 25)),
        ("martin luther king jr day", 2021, date(2021, 1, 18)),
        ("good friday", 2020, date(2020, 4, 10)),
    ],
)
def test_a_holiday_kept_on_a_weekday_falls_on_that_years_day(
    name: str, year: int, day: date
) -> None:
    assert feast_day(name, year) == day


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The shop was closed on Good Friday.", [("Good Friday", "2019-04-19", "2019-04-19")]),
        ("Thousands marched over Easter.", [("Easter", "2019-04-21", "2019-04-21")]),
        (
            "Turkeys were pardoned on Thanksgiving.",
            [("Thanksgiving", "2018-11-22", "2018-11-22")],
        ),
        ("The park will reopen on Labor Day.", [("Labor Day", "2019-09-02", "2019-09-02")]),
        (
            "The rising began on Easter Monday 1916.",
            [("Easter Monday 1916", "1916-04-24", "1916-04-24")],
        ),
    ],
)
def test_a_movable_holiday_is_its_day_in_the_nearest_year_of_the_tense(
    nlp: Language, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert times(nlp, sentence) == expected


@pytest.mark.parametrize("sentence", ["Easter eggs sold out.", "They sailed to Easter Island."])
def test_easter_in_a_name_or_before_a_noun_is_no_date(nlp: Language, sentence: str) -> None:
    assert times(nlp, sentence) == []
