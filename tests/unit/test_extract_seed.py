"""The seed article against its gold expectations, straight through claims/."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from claims.extract import load_extractor
from claims.reading import read_file
from tests.seed_gold import SEED_FILE, false_flags, gold_failures


@pytest.fixture(scope="module")
def seed_claims(nlp: Language) -> list[dict[str, Any]]:
    extractor = load_extractor()
    assert extractor.nlp is nlp and extractor.model is not None
    [(_, claims)] = list(extractor.extract([read_file(SEED_FILE)]))
    return [c.as_dict() for c in claims]


def test_seed_finds_all_thirteen_gold_claims_with_their_parts(
    seed_claims: list[dict[str, Any]],
) -> None:
    assert gold_failures(seed_claims) == []


def test_seed_flags_at_most_one_sentence_it_must_not(seed_claims: list[dict[str, Any]]) -> None:
    assert len(false_flags(seed_claims)) <= 1, false_flags(seed_claims)


def test_no_seed_sentence_spans_a_paragraph_break(seed_claims: list[dict[str, Any]]) -> None:
    assert all("\n\n" not in c["text"] for c in seed_claims)


def test_questions_and_first_person_conditionals_are_not_checkworthy(
    seed_claims: list[dict[str, Any]],
) -> None:
    question = next(c for c in seed_claims if "What is the regime" in c["text"])
    conditional = next(c for c in seed_claims if "probability of success" in c["text"])
    assert question["type"] == "not_claim" and not question["checkworthy"]
    assert conditional["type"] in ("opinion", "prediction") and not conditional["checkworthy"]
