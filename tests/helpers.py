"""Helpers shared by the unit, integration and e2e tests (fixtures are in conftest.py).

The seed article's gold (``../shared/gold/seed-claims.json``) is read from ../shared, never
copied here: the tests that need it skip when it is absent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner, Result

from cli.app import app
from db.session import unit_of_work
from db.streaming import claims_page

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"
SHARED = PROJECT.parent / "shared"
GOLD_FILE = SHARED / "gold" / "seed-claims.json"
SEED_FILE = SEEDS / "venezuela-opposition-talks-2019-05-22.txt"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Gold = Mapping[str, Any]


def run(cli: CliRunner, *args: str) -> Result:
    """Run a `claimdesk` command in-process; an unexpected exception fails the test."""
    return cli.invoke(app, list(args), catch_exceptions=False)


def load_gold() -> Gold | None:
    """The seed article's gold, or None when ../shared is absent."""
    if not GOLD_FILE.is_file():
        return None
    gold: Gold = json.loads(GOLD_FILE.read_text(encoding="utf-8"))
    return gold


def seed_gold() -> Gold:
    """The seed article's gold; the calling test skips when ../shared is absent."""
    gold = load_gold()
    if gold is None:
        pytest.skip(f"{GOLD_FILE} is absent: the seed gold lives in ../shared")
    return gold


def find(claims: Sequence[Mapping[str, Any]], contains: str) -> Mapping[str, Any] | None:
    return next((c for c in claims if contains in c["text"]), None)


def gold_failures(claims: Sequence[Mapping[str, Any]], gold: Gold) -> list[str]:
    """Every way the claims (dicts shaped like `claims --json`) miss the gold."""
    failures: list[str] = []
    for expected in gold["must_find"]:
        claim = find(claims, expected["contains"])
        name = expected["contains"]
        if claim is None:
            failures.append(f"{name}: sentence not found")
            continue
        if not claim["checkworthy"]:
            failures.append(f"{name}: not checkworthy (score {claim['score']}, {claim['reasons']})")
        if (
            "also_in_same_sentence" in expected
            and expected["also_in_same_sentence"] not in claim["text"]
        ):
            failures.append(f"{name}: sentence split before {expected['also_in_same_sentence']!r}")
        for q in expected.get("quantities", []):
            if not any(
                got["value"] == q["value"]
                and got["comparator"] == q["comparator"]
                and got["unit"] == q["unit"]
                for got in claim["quantities"]
            ):
                failures.append(f"{name}: quantity {q} missing from {claim['quantities']}")
        for t in expected.get("times", []):
            if not any(
                got["start"] == t["start"]
                and got["end"] == t["end"]
                and got["text"].lower() == t["text"].lower()
                for got in claim["times"]
            ):
                failures.append(f"{name}: time {t} missing from {claim['times']}")
        if "speaker" in expected and expected["speaker"] not in (claim.get("speaker") or ""):
            failures.append(
                f"{name}: speaker {expected['speaker']!r}, got {claim.get('speaker')!r}"
            )
        if "source" in expected and expected["source"] not in (claim.get("source") or ""):
            failures.append(f"{name}: source {expected['source']!r}, got {claim.get('source')!r}")
    return failures


def false_flags(claims: Sequence[Mapping[str, Any]], gold: Gold) -> list[str]:
    return [
        text
        for text in gold["must_not_flag"]
        if (claim := find(claims, text)) is not None and claim["checkworthy"]
    ]


def assert_valid_claim_review(review: dict[str, Any]) -> None:
    """The schema.org ClaimReview fields we publish, with their types."""
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    assert urlsplit(review["url"]).scheme in ("http", "https")
    assert ISO_DATE.match(review["datePublished"])
    author = review["author"]
    assert author["@type"] == "Organization" and author["name"] and author["url"]
    score = review["reviewRating"]
    assert score["@type"] == "Rating"
    assert type(score["ratingValue"]) is int and 1 <= score["ratingValue"] <= 5
    assert (score["worstRating"], score["bestRating"]) == (1, 5)
    assert isinstance(score["alternateName"], str) and score["alternateName"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    assert ISO_DATE.match(item["datePublished"])
    assert item["appearance"]
    for appearance in item["appearance"]:
        assert appearance["@type"] == "CreativeWork"
        assert "url" not in appearance or urlsplit(appearance["url"]).scheme in ("http", "https")


def stored_claims(url: str) -> list[tuple[Any, ...]]:
    """Every claim with what it says and where it appears, without database ids."""
    with unit_of_work(url) as session:
        claims = list(claims_page(session, checkworthy_only=False))
    return sorted(
        (
            c.text,
            round(c.score, 9),
            c.checkworthy,
            c.type,
            str(c.quantities),
            str(c.times),
            c.speaker,
            c.status,
            None if c.priority is None else round(c.priority, 9),
            tuple(sorted((a.document.location, a.start, a.end) for a in c.appearances)),
        )
        for c in claims
    )
