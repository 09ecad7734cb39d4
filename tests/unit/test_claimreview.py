"""Verdicts, evidence and the schema.org ClaimReview a reviewed claim publishes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from claims.claimreview import (
    InvalidEvidence,
    InvalidVerdict,
    claim_review,
    parse_evidence,
    parse_verdict,
    rating,
)
from claims.model import VERDICTS
from claims.stored import StoredAppearance, StoredClaim, StoredDocument
from tests.helpers import assert_valid_claim_review


def a_claim(**changes: Any) -> StoredClaim:
    claim = StoredClaim(
        id=7,
        text="More than 50 countries recognise Guaidó.",
        speaker="Juan Guaidó",
        source=None,
        verdict="mostly_true",
        evidence=("https://example.org/list",),
        reviewed_at=datetime(2019, 5, 23, 10, tzinfo=UTC),
        appearances=(
            StoredAppearance(StoredDocument("https://news.example/a", "A", date(2019, 5, 22))),
            StoredAppearance(StoredDocument("/data/b.txt", "B", date(2019, 5, 21))),
        ),
    )
    return replace(claim, **changes)


def test_a_reviewed_claim_publishes_a_complete_claim_review() -> None:
    review = claim_review(a_claim(), "Desk", "https://desk.example/checks")
    assert review is not None
    assert_valid_claim_review(review)
    assert review["reviewRating"]["ratingValue"] == 4
    assert review["reviewRating"]["alternateName"] == "Mostly true"
    assert review["url"] == "https://desk.example/checks#claim-7"
    assert review["datePublished"] == "2019-05-23"
    item = review["itemReviewed"]
    assert item["author"] == {"@type": "Person", "name": "Juan Guaidó"}
    assert item["datePublished"] == "2019-05-21"  # the earliest appearance
    assert [a.get("url") for a in item["appearance"]] == ["https://news.example/a", None]


def test_without_a_speaker_the_claim_is_attributed_to_the_outlet_that_printed_it() -> None:
    review = claim_review(a_claim(speaker=None), "Desk", "https://desk.example")
    assert review is not None
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "news.example"}


def test_the_rating_scale_runs_from_false_to_true() -> None:
    values = [rating(v)["ratingValue"] for v in VERDICTS[:5]]  # type: ignore[index]
    assert values == [5, 4, 3, 2, 1]


@pytest.mark.parametrize("verdict", ["unverifiable", "not_checkable", None])
def test_verdicts_that_rate_nothing_publish_no_claim_review(verdict: str | None) -> None:
    assert rating(verdict or "") is None
    assert claim_review(a_claim(verdict=verdict), "Desk", "https://desk.example") is None


@pytest.mark.parametrize(
    ("typed", "verdict"),
    [("false", "false"), ("Mostly true", "mostly_true"), ("half-true", "half_true")],
)
def test_a_verdict_is_read_in_the_forms_reviewers_type(typed: str, verdict: str) -> None:
    assert parse_verdict(typed) == verdict


def test_an_unknown_verdict_is_refused_with_the_known_ones() -> None:
    with pytest.raises(InvalidVerdict, match="'maybe' is not a verdict; use one of true"):
        parse_verdict("maybe")


def test_evidence_must_be_http_urls_and_may_come_several_per_value() -> None:
    assert parse_evidence(["https://a.example/x http://b.example"]) == [
        "https://a.example/x",
        "http://b.example",
    ]
    for bad in ("ftp://a.example/x", "javascript:alert(1)", "a.example/x", "https://"):
        with pytest.raises(InvalidEvidence):
            parse_evidence([bad])


def test_a_malformed_evidence_url_is_refused_not_a_crash() -> None:
    from claims.claimreview import InvalidEvidence, parse_evidence

    for url in ("http://[::1", "ftp://example.org/x", "https://"):
        with pytest.raises(InvalidEvidence):
            parse_evidence([url])
