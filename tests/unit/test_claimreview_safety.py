"""ClaimReview output safe to embed in a page: escaped text, checked URLs, no local paths."""

from __future__ import annotations

import json
import re

import pytest

from claims.claimreview import claim_review, public_url, to_json_ld
from claims.stored import StoredAppearance, StoredDocument
from tests.helpers import assert_valid_claim_review
from tests.unit.test_claimreview import a_claim

HOSTILE = 'Exports rose 12%</script><script>alert("x")</script><!-- & -->\u2028.'


def test_script_and_comment_markers_cannot_leave_a_json_ld_script_element() -> None:
    review = claim_review(a_claim(text=HOSTILE), "Desk", "https://desk.example")
    assert review is not None

    text = to_json_ld([review])

    page = f'<script type="application/ld+json">{text}</script>'
    assert page.count("</script>") == 1 and "<!--" not in text and "-->" not in text
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text)[0]["claimReviewed"] == HOSTILE  # the same text once parsed
    assert_valid_claim_review(json.loads(text)[0])


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://",
        "https://user:pw@news.example/a",
        "https://news.example/a b",
        "http://[::1",
        "data:text/html,<b>x</b>",
    ],
)
def test_an_appearance_url_that_is_not_a_plain_http_url_is_left_out(url: str) -> None:
    appearances = (StoredAppearance(StoredDocument(url, "From a corpus CSV")),)
    review = claim_review(a_claim(appearances=appearances, speaker=None), "Desk", "https://d.ex")
    assert review is not None

    [appearance] = review["itemReviewed"]["appearance"]

    assert appearance == {"@type": "CreativeWork", "headline": "From a corpus CSV"}
    assert public_url(url) is None
    assert review["itemReviewed"]["author"]["name"] == "From a corpus CSV"


def test_a_local_file_is_published_under_the_public_base_url_or_not_at_all() -> None:
    document = StoredDocument("/home/desk/inbox/Budget vote.txt", "Budget vote")
    claim = a_claim(appearances=(StoredAppearance(document),))

    hidden = claim_review(claim, "Desk", "https://desk.example")
    published = claim_review(claim, "Desk", "https://desk.example", "https://desk.example/src/")

    assert hidden is not None and published is not None
    assert hidden["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "headline": "Budget vote"}
    ]
    assert published["itemReviewed"]["appearance"][0]["url"] == (
        "https://desk.example/src/Budget%20vote.txt"
    )
    assert "/home/desk" not in json.dumps([hidden, published])
