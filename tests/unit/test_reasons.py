"""Reasons a reviewer reads: at most five plain phrases, no model internals, no contradictions."""

from __future__ import annotations

import re

import pytest

from claims.extract import Extractor, load_extractor
from claims.reasons import MAX_REASONS, explain
from claims.signals import Signal

SENTENCES = [
    "Ten lawmakers voted against the bill on April 30, according to León's polling firm.",
    "Unemployment fell to 4.1 percent in 2018, the lowest rate since 2000.",
    "I think we will win 5 states next year.",
    "The company will hire 2,000 workers next year.",
    "If I were president, I would cut taxes by 20 percent.",
    "It was a good day.",
    "What is the regime’s response?",
    "Truly free elections.",
    "Maduro claimed victory in the 2018 election, the electoral council said on Monday.",
]
# spaCy's own vocabulary, which a reviewer should never meet.
JARGON = re.compile(
    r"tok2vec|\btag\b|\bVB[DNZPG]?\b|\bNN[SP]*\b|\bpart of speech\b|\bdependency\b|"
    r"\bentity [A-Z]+\b|\bCARDINAL\b|\bpattern '|\bword '|\bencoder\b|\bmodel \d"
)


@pytest.fixture(scope="module")
def configured() -> Extractor:
    return load_extractor()


@pytest.mark.parametrize("sentence", SENTENCES)
def test_reasons_are_few_plain_and_signed(configured: Extractor, sentence: str) -> None:
    [claim] = list(configured.score_lines([sentence]))
    reasons = claim.assessment.reasons
    assert 1 <= len(reasons) <= MAX_REASONS
    for reason in reasons:
        assert reason[:2] in ("+ ", "- "), reason
        assert not JARGON.search(reason), reason
    # The models' internals are kept, but for --json, not for the reviewer.
    features = claim.assessment.features
    assert {"encoder", "model", "model_features", "signals"} <= set(features)


def test_a_checkable_claim_leads_with_what_to_check(configured: Extractor) -> None:
    [claim] = list(configured.score_lines([SENTENCES[0]]))
    assert claim.checkworthy
    reasons = claim.assessment.reasons
    assert reasons[0].startswith("+ ")
    assert "+ a figure: Ten lawmakers" in reasons
    assert "+ attributed to León's polling firm" in reasons
    assert not [r for r in reasons if r.startswith("- ")]


def test_a_date_in_a_past_event_is_never_a_minus(configured: Extractor) -> None:
    """The combiner learnt a small negative weight for dates; the reviewer sees a date."""
    [claim] = list(configured.score_lines([SENTENCES[1]]))
    reasons = claim.assessment.reasons
    assert "+ a dated event: 2018, 2000" in reasons
    assert "+ reports a past event" in reasons
    assert not any(r.startswith("- ") and "date" in r for r in reasons)


def test_an_unqueued_sentence_says_why_first(configured: Extractor) -> None:
    [prediction] = list(configured.score_lines([SENTENCES[3]]))
    assert not prediction.checkworthy
    assert prediction.assessment.reasons[0] == "- not queued: a prediction or plan"
    assert "- about the future: a prediction or plan" in prediction.assessment.reasons
    # A prediction is not "read as a checkable claim", whatever the encoder says.
    assert not any("reads like" in r for r in prediction.assessment.reasons if r[0] == "+")


def test_no_more_than_five_even_when_every_signal_fires() -> None:
    names = ["quantity", "date", "entities", "source", "speaker", "past_tense", "hedge"]
    signals = [Signal(n, "x") for n in names]
    reasons = explain(signals, checkworthy=True, claim_type="quantity", encoder_reading=0.9)
    assert len(reasons) == MAX_REASONS
    assert reasons[0] == "+ reads like a checkable factual claim"


def test_one_person_as_source_and_speaker_is_named_once() -> None:
    signals = [Signal("source", "the ministry"), Signal("speaker", "the ministry")]
    reasons = explain(signals, checkworthy=True, claim_type="attribution")
    assert reasons == ("+ attributed to the ministry",)


def test_a_future_date_is_a_date_not_a_dated_event() -> None:
    signals = [Signal("date", "next week"), Signal("past_tense"), Signal("future")]
    reasons = explain(signals, checkworthy=False, claim_type="prediction")
    assert "+ a date: next week" in reasons
    assert reasons[0] == "- not queued: a prediction or plan"
