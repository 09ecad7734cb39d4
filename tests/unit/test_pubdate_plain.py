"""The head-line dates read without dateparser are read as dateparser reads them."""

from __future__ import annotations

import itertools

import dateparser
import pytest

from claims import pubdate

FORMS = [
    "{wd}, {m} {d}, {y}",
    "{wd} {m} {d}, {y}",
    "{m} {d}, {y}",
    "{m} {d} {y}",
    "{m} {d}th, {y}",
    "{d} {m} {y}",
    "{wd}, {d} {m} {y}",
    "{wd} {d} {m}, {y}",
    "{d}th {m} {y}",
    "{m}  {d},  {y}",
]
CASES = [
    form.format(wd=wd, m=m, d=d, y=y)
    for form, wd, m, d, y in itertools.product(
        FORMS,
        ["Friday", "monday", "SUNDAY"],
        ["January", "may", "SEPTEMBER", "February"],
        ["4", "04", "29", "30"],
        ["2019", "2020"],
    )
]


def _dateparser(text: str) -> object:
    return dateparser.parse(text, languages=["en"], settings=pubdate._DATEPARSER_SETTINGS)


@pytest.mark.parametrize("text", [*CASES[::7], "Wednesday, February 29, 2020", "June 31, 2019"])
def test_plain_dates_match_dateparser(text: str) -> None:
    pubdate._parse.cache_clear()
    assert pubdate._parse(text) == _dateparser(text)


def test_the_usual_head_line_is_read_without_dateparser() -> None:
    match = pubdate._PLAIN_DATE.fullmatch("Friday, January 4, 2019")
    assert match is not None
    assert pubdate._PLAIN_DATE.fullmatch("Friday, January 4, 2019 at 10:00") is None
    pubdate._parse.cache_clear()
    assert pubdate._parse("Friday, January 4, 2019").isoformat() == "2019-01-04T00:00:00"
