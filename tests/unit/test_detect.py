"""Claim types and reasons from the linguistic signals."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.extract import Extractor


@pytest.fixture(scope="module")
def rules_only(nlp: Language) -> Extractor:
    return Extractor(nlp=nlp, model=None)


@pytest.mark.parametrize(
    ("sentence", "claim_type"),
    [
        ("Unemployment fell to 4.1 percent in 2018, officials said.", "quantity"),
        (  # a change is a number: quantity comes first in the guidelines' order
            "His approval rating slipped five percentage points from February to April.",
            "quantity",
        ),
        ("Texas now produces more wind power than any other state.", "comparison"),
        ("The bridge collapsed because engineers ignored cracks found in 2016.", "causal"),
        ("The Supreme Court ruled the ban unconstitutional on Monday.", "law_rule"),
        ("Maduro claimed victory in the 2018 election.", "event"),
        ("The minister will announce the budget next week.", "prediction"),
        ("I think we should do much better for our children.", "opinion"),
        ("What is the regime’s response?", "not_claim"),
        ("Truly free elections.", "not_claim"),
        ("", "not_claim"),
    ],
)
def test_sentences_get_the_type_a_reviewer_would_give(
    rules_only: Extractor, sentence: str, claim_type: str
) -> None:
    [claim] = list(rules_only.score_lines([sentence]))
    assert claim.type == claim_type, claim.assessment.reasons


@pytest.mark.parametrize(
    "sentence",
    [
        "If I would have to place the probability of success between 1 and 10, I would say 5.",
        "Will unemployment reach 10 percent by 2030?",
        "The company will hire 2,000 workers next year.",
    ],
)
def test_opinions_questions_and_predictions_with_numbers_are_not_checkworthy(
    rules_only: Extractor, sentence: str
) -> None:
    [claim] = list(rules_only.score_lines([sentence]))
    assert claim.quantities
    assert not claim.checkworthy
    assert claim.assessment.reasons[0].startswith("- not queued: ")


@pytest.mark.parametrize(
    ("sentence", "claim_type"),
    [
        ("The project will create 5,000 jobs in Ohio.", "prediction"),
        ("Unemployment will fall to 4 percent by 2026, the central bank forecast.", "prediction"),
        ("The new law will cost taxpayers $2 billion over ten years.", "prediction"),
        ("If I were president, I would cut taxes by 20 percent.", "opinion"),
    ],
)
def test_predictions_and_hypotheticals_stay_unqueued_however_high_the_model_scores(
    sentence: str, claim_type: str
) -> None:
    """The product queues no predictions, even when the trained models rate them highly."""
    from claims.extract import load_extractor

    [claim] = list(load_extractor().score_lines([sentence]))
    assert claim.type == claim_type
    assert not claim.checkworthy


def test_a_future_that_only_frames_a_present_claim_is_not_a_prediction(
    rules_only: Extractor,
) -> None:
    sentence = "You will find that the worst school systems get the most money per student."
    [claim] = list(rules_only.score_lines([sentence]))
    assert claim.type != "prediction"


def test_every_score_is_in_range_and_explained(rules_only: Extractor) -> None:
    claims = list(
        rules_only.score_lines(
            ["The assembly charged 10 lawmakers with treason on April 30, 2019.", "Hello there."]
        )
    )
    assert all(0 <= c.score <= 1 and c.assessment.reasons for c in claims)
    flagged, plain = claims
    assert flagged.checkworthy and not plain.checkworthy
    assert "+ a figure: 10 lawmakers" in flagged.assessment.reasons
    assert "+ a dated event: April 30, 2019" in flagged.assessment.reasons


def test_scored_lines_keep_their_order_and_do_not_share_speakers(rules_only: Extractor) -> None:
    lines = ["Guaidó said the talks failed in 2019.", "", "He said the talks failed in 2019."]
    claims = list(rules_only.score_lines(lines))
    assert [c.text for c in claims] == lines
    assert claims[0].speaker == "Guaidó"
    assert claims[2].speaker is None


def test_a_line_too_long_to_be_a_sentence_is_reported_not_parsed(rules_only: Extractor) -> None:
    from claims.segment import MAX_PARAGRAPH

    huge = "x " * MAX_PARAGRAPH
    claims = list(rules_only.score_lines(["Prices rose 5 percent in 2018.", huge]))
    assert [c.text for c in claims] == ["Prices rose 5 percent in 2018.", huge.strip()]
    assert claims[1].type == "not_claim" and not claims[1].checkworthy
    assert "not a sentence" in claims[1].assessment.reasons[0]
