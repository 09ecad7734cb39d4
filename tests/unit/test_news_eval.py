"""The news evaluation's alignment and scoring, on hand-made claims (no ../shared needed)."""

from __future__ import annotations

from datetime import date
from typing import Any

from claims.model import Assessment, Claim, Quantity, Sentence, TimeSpan
from train.news_eval import align, precision_at, score


def claim(text: str, **fields: Any) -> Claim:
    checkworthy = fields.pop("checkworthy", True)
    kind = fields.pop("type", "event")
    return Claim(
        Sentence(text, 0, len(text), 0, 0), Assessment(0.9, checkworthy, kind, ()), **fields
    )


def gold(sentence: str, **fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "sentence": sentence,
        "checkworthy": True,
        "type": "event",
        "quantities": [],
        "times": [],
        "speaker": None,
    }
    return row | fields


def test_sentences_align_across_quote_styles_and_spacing() -> None:
    claims = [claim("He said “yes”  today."), claim("Other words. And more.")]
    aligned = align([gold('He said "yes" today.'), gold("Other words.")], claims)
    assert [a.exact for a in aligned] == [True, False]
    assert aligned[1].claim is claims[1]


def test_quantities_times_and_speakers_are_exact_set_matches() -> None:
    q = Quantity("at least 71 people", 71, "people", ">=")
    t = TimeSpan("Friday", date(2020, 7, 10), date(2020, 7, 10))
    claims = [
        claim("A.", quantities=(q,), times=(t,), speaker="Vladimir Rebic"),
        claim(
            "B.",
            quantities=(q,),
            times=(TimeSpan("May", None, None),),
            type="quantity",
            speaker="Rebic",
        ),
    ]
    rows = [
        gold(
            "A.",
            quantities=[{"value": 71, "comparator": ">=", "unit": "person"}],
            times=[{"start": "2020-07-10", "end": "2020-07-10"}],
            speaker="Vladimir Rebic",
        ),
        gold("B.", times=[{"start": "2020-05-01", "end": "2020-05-31"}]),
    ]
    tallies = score(align(rows, claims))
    assert (tallies["quantities"].right, tallies["quantities"].total) == (1, 2)
    assert (tallies["quantities with unit"].right, tallies["quantities with unit"].total) == (0, 2)
    assert (tallies["times"].right, tallies["times"].total) == (1, 2)
    assert (tallies["speakers"].right, tallies["speakers"].total) == (1, 2)
    assert (tallies["type"].right, tallies["recall"].right) == (1, 2)


def test_precision_at_k_counts_the_first_k_labels() -> None:
    assert precision_at([True, False, True, True], 2) == 0.5
    assert precision_at([True], 10) == 1.0
