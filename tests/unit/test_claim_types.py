"""Claim types by the guidelines' order: the error classes found on untuned news, each
with sentences of our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.extract import Extractor


def claim_type(nlp: Language, sentence: str) -> str:
    [claim] = list(Extractor(nlp=nlp).score_lines([sentence]))
    return claim.type


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferryman had been rowing across the lake since dawn.",  # past perfect progressive
        "Smoke was still rising from the warehouse roof.",  # past progressive
        "The orchard had flooded before the dam was built.",  # past perfect
        "The old bridge was demolished by the council.",  # past passive
        "The mayor has resigned after the audit.",  # present perfect
    ],
)
def test_what_happened_is_an_event_in_every_past_form(nlp: Language, sentence: str) -> None:
    assert claim_type(nlp, sentence) == "event"


@pytest.mark.parametrize(
    "sentence",
    [
        "The village is located on the northern shore of the lake.",
        "The lighthouse is painted white and is surrounded by dunes.",
    ],
)
def test_the_present_passive_tells_how_things_are(nlp: Language, sentence: str) -> None:
    assert claim_type(nlp, sentence) == "other"


def test_due_to_before_a_verb_is_a_schedule_not_a_cause(nlp: Language) -> None:
    assert claim_type(nlp, "The governor took office in 2015 and was due to retire in May.") == (
        "event"
    )
    assert claim_type(nlp, "The ferry was cancelled due to high winds on Tuesday.") == "causal"


def test_a_comparison_with_no_name_or_number_is_still_a_comparison(nlp: Language) -> None:
    sentence = "The oldest trees are found on the steepest slopes of the valley."
    assert claim_type(nlp, sentence) == "comparison"
