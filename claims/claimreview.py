"""Verdicts and their publication as schema.org ClaimReview JSON-LD.

A verdict is one of ``VERDICTS``; the five that rate a claim map onto schema.org's
1–5 rating scale (1 = false, 5 = true). ``unverifiable`` and ``not_checkable`` rate
nothing, so they are recorded but not published as ClaimReview.

The JSON-LD is meant to be pasted into a ``<script type="application/ld+json">``:
``to_json_ld`` escapes ``<``, ``>`` and ``&`` so that no text can close the script or
open a comment, appearance URLs are published only when they are http(s) URLs, and a
local file is published under the configured public base URL or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote, urlsplit

from claims.errors import ClaimdeskError
from claims.model import VERDICTS
from claims.stored import StoredClaim, StoredDocument

RATINGS: dict[str, tuple[int, str]] = {
    "true": (5, "True"),
    "mostly_true": (4, "Mostly true"),
    "half_true": (3, "Half true"),
    "misleading": (2, "Misleading"),
    "false": (1, "False"),
}
BEST_RATING, WORST_RATING = 5, 1


class InvalidVerdict(ClaimdeskError):
    """The verdict is not one of the known verdicts."""

    def __init__(self, verdict: str) -> None:
        super().__init__(f"{verdict!r} is not a verdict; use one of {', '.join(VERDICTS)}")
        self.verdict = verdict


class InvalidEvidence(ClaimdeskError):
    """An evidence link is not an http(s) URL."""

    def __init__(self, url: str) -> None:
        super().__init__(f"{url!r} is not an http(s) URL")
        self.url = url


def parse_verdict(text: str) -> str:
    """A verdict as typed by a reviewer ("Mostly true", "mostly-true") in its canonical form."""
    verdict = "_".join(text.strip().lower().replace("-", " ").split())
    if verdict not in VERDICTS:
        raise InvalidVerdict(text.strip())
    return verdict


def parse_evidence(values: Iterable[str]) -> list[str]:
    """Evidence URLs, given one by one or several per value separated by spaces."""
    urls = [url for value in values for url in value.split()]
    for url in urls:
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError:  # "http://[::1" and the like
            raise InvalidEvidence(url) from None
        if parts.scheme.lower() not in ("http", "https") or not host:
            raise InvalidEvidence(url)
    return urls


def rating(verdict: str) -> dict[str, Any] | None:
    """The schema.org Rating of a verdict; None for verdicts that rate nothing."""
    if verdict not in RATINGS:
        return None
    value, name = RATINGS[verdict]
    return {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": name,
    }


def claim_review(
    claim: StoredClaim,
    organisation: str,
    organisation_url: str,
    public_base_url: str | None = None,
) -> dict[str, Any] | None:
    """The ClaimReview of a reviewed claim.

    None when the claim has no verdict or one that rates nothing. An appearance in a
    local file is published as ``public_base_url`` + its file name, or without a URL.
    """
    review_rating = rating(claim.verdict or "")
    if review_rating is None:
        return None
    documents = [a.document for a in claim.appearances]
    published = sorted(d.published.isoformat() for d in documents if d.published)
    reviewed_at = claim.reviewed_at.isoformat() if claim.reviewed_at else ""
    publisher = {"@type": "Organization", "name": organisation, "url": organisation_url}
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": _claim_author(claim, documents),
        "appearance": [
            {"@type": "CreativeWork", **_link(d, public_base_url), **_headline(d)}
            for d in documents
        ],
    }
    if published:
        item["datePublished"] = published[0]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{organisation_url.rstrip('/')}#claim-{claim.id}",
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "author": publisher,
        "datePublished": reviewed_at[:10],
        "reviewRating": review_rating,
    }


def _claim_author(claim: StoredClaim, documents: Sequence[StoredDocument]) -> dict[str, str]:
    """Who made the claim: its speaker or source, else the first outlet that printed it."""
    if claim.speaker:
        return {"@type": "Person", "name": claim.speaker}
    if claim.source:
        return {"@type": "Organization", "name": claim.source}
    if documents:
        url = public_url(documents[0].url or "")
        host = urlsplit(url).hostname if url else None
        return {"@type": "Organization", "name": host or documents[0].title or "unknown"}
    return {"@type": "Organization", "name": "unknown"}


def public_url(text: str) -> str | None:
    """``text`` when it is an absolute http(s) URL with a host and nothing odd in it."""
    if not text or any(c.isspace() or not c.isprintable() for c in text):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or parts.username:
        return None
    return text


def _link(document: StoredDocument, public_base_url: str | None) -> dict[str, str]:
    if document.url:
        url = public_url(document.url)
    elif document.path and public_base_url and public_url(public_base_url):
        url = f"{public_base_url.rstrip('/')}/{quote(PurePath(document.path).name)}"
    else:  # a local path is no place a reader can follow
        url = None
    return {"url": url} if url else {}


def to_json_ld(reviews: Sequence[Mapping[str, Any]]) -> str:
    """The reviews as JSON safe to embed in an HTML ``<script>``: no ``</``, ``<!--``."""
    text = json.dumps(list(reviews), ensure_ascii=False, indent=2)
    # "<" and ">" only occur inside JSON strings, where \u003c is the same character.
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    # U+2028 and U+2029 end a line in older JavaScript parsers.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def _headline(document: StoredDocument) -> dict[str, str]:
    return {"headline": document.title} if document.title else {}
