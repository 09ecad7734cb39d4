"""Checklist cells and checks."""

from __future__ import annotations

from datetime import date

import pytest

from claims.checklist import checks, describe_quantity, safe_cell, unescape_cell
from claims.model import Quantity, TimeSpan
from claims.stored import StoredClaim


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1-555", "'+1-555"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindent", "'\tindent"),
        ("\rx", "'\rx"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("-5", "-5"),
        ("+3.5", "+3.5"),
        ("-1,000", "-1,000"),
        ("-12%", "-12%"),
        ("plain text", "plain text"),
        (None, ""),
        (-5, "-5"),
    ],
)
def test_formula_cells_are_neutralised_and_numbers_stay_numbers(value: object, cell: str) -> None:
    assert safe_cell(value) == cell
    assert unescape_cell(cell) == ("" if value is None else str(value))


def test_every_quantity_date_and_attribution_becomes_a_check() -> None:
    claim = StoredClaim(
        id=1,
        text="Approval slipped five percentage points from February to April.",
        quantities=(
            Quantity("slipped five percentage points", -5, "percentage points", "change"),
            Quantity("more than 50 other countries", 50, "countries", ">"),
        ),
        times=(
            TimeSpan("from February to April", date(2019, 2, 1), date(2019, 4, 30)),
            TimeSpan("on Tuesday", None, None),
        ),
        speaker="Guaidó",
        in_quote=True,
        source="León’s polling firm",
    )
    assert checks(claim) == [
        "Verify the figure change of -5 percentage points (“slipped five percentage points”)",
        "Verify the figure more than 50 countries (“more than 50 other countries”)",
        "Verify it happened between 2019-02-01 and 2019-04-30 (“from February to April”)",
        "Date “on Tuesday” could not be resolved: find when it was",
        "Verify Guaidó said these quoted words",
        "Verify the source says so: León’s polling firm",
    ]


@pytest.mark.parametrize(
    ("value", "unit", "comparator", "shown"),
    [
        (12_000_000, "dollars", "=", "12,000,000 dollars"),
        (42.195, "kilometers", "=", "42.195 kilometers"),
        (1500.5, "tonnes", "~", "about 1,500.5 tonnes"),
        (-5, "percentage points", "change", "change of -5 percentage points"),
    ],
)
def test_a_figure_is_shown_with_thousands_separators(
    value: float, unit: str, comparator: str, shown: str
) -> None:
    quantity = Quantity("a figure", value, unit, comparator)  # type: ignore[arg-type]
    assert describe_quantity(quantity) == shown


@pytest.mark.parametrize(
    ("value", "comparator", "shown"),
    [(2 / 3, "=", "2/3 of"), (0.5, ">", "more than 1/2 of"), (0.25, "~", "about 1/4 of")],
)
def test_a_share_in_words_is_shown_as_a_fraction(value: float, comparator: str, shown: str) -> None:
    quantity = Quantity("a share", value, "fraction", comparator)
    assert describe_quantity(quantity) == shown
