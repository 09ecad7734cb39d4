"""The seed article against its gold expectations, straight through claims/."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from claims.extract import load_extractor
from claims.reading import read_file
from tests.helpers import SEED_FILE, Gold, false_flags, gold_failures


@pytest.fixture(scope="module")
def seed_claims(nlp: Language) -> list[dict[str, Any]]:
    extractor = load_extractor()
    assert extractor.nlp is nlp and extractor.model is not None
    [(_, claims)] = list(extractor.extract([read_file(SEED_FILE)]))
    return [c.as_dict() for c in claims]


def test_seed_finds_all_thirteen_gold_claims_with_their_parts(
    seed_claims: list[dict[str, Any]], gold: Gold
) -> None:
    assert gold_failures(seed_claims, gold) == []


def test_seed_flags_at_most_one_sentence_it_must_not(
    seed_claims: list[dict[str, Any]], gold: Gold
) -> None:
    assert len(false_flags(seed_claims, gold)) <= 1, false_flags(seed_claims, gold)


def test_the_seed_s_signed_change_its_months_and_its_source_are_found(
    seed_claims: list[dict[str, Any]],
) -> None:
    slipped = next(c for c in seed_claims if "slipped five percentage points" in c["text"])
    assert slipped["checkworthy"]
    assert [(q["value"], q["unit"], q["comparator"]) for q in slipped["quantities"]] == [
        (-5, "percentage points", "change")
    ]
    assert [(t["start"], t["end"]) for t in slipped["times"]] == [("2019-02-01", "2019-04-30")]
    assert slipped["source"] and "León" in slipped["source"]


def test_the_seed_has_checkworthy_claims_and_sentences_that_are_not(
    seed_claims: list[dict[str, Any]],
) -> None:
    flagged = [c for c in seed_claims if c["checkworthy"]]
    assert 10 <= len(flagged) < len(seed_claims)
    assert all(0.0 <= c["score"] <= 1.0 and c["reasons"] for c in flagged)


def test_no_seed_sentence_spans_a_paragraph_break(seed_claims: list[dict[str, Any]]) -> None:
    assert all("\n\n" not in c["text"] for c in seed_claims)


def test_questions_and_first_person_conditionals_are_not_checkworthy(
    seed_claims: list[dict[str, Any]],
) -> None:
    question = next(c for c in seed_claims if "What is the regime" in c["text"])
    conditional = next(c for c in seed_claims if "probability of success" in c["text"])
    assert question["type"] == "not_claim" and not question["checkworthy"]
    assert conditional["type"] in ("opinion", "prediction") and not conditional["checkworthy"]
