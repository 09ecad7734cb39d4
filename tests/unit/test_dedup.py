"""When two sentences are the same claim: identical, near-duplicate, or different."""

from __future__ import annotations

import pytest

from claims.dedup import claim_key, near_duplicate, number_key, numbers_signature

WIRE = (
    "Venezuela's opposition leader Juan Guaidó said on Tuesday that more than 50 countries "
    "recognise him as interim president."
)


def test_identical_sentences_differing_in_spaces_and_quotes_have_one_key() -> None:
    a = "Maduro said “the talks failed”  on Tuesday."
    b = 'Maduro said "the talks failed" on Tuesday. '
    assert claim_key(a) == claim_key(b)
    assert near_duplicate(a, b)


@pytest.mark.parametrize(
    ("text", "signature"),
    [
        ("The assembly charged ten lawmakers on April 30.", ("10", "30", "april")),
        ("It cost 1,500 dollars, then 2 million, then twenty-five.", ("1500", "2000000", "25")),
        ("Two hundred thirty five people came.", ("235",)),
        ("In 2019, 20 people died.", ("20", "2019")),
        ("Approval slipped five percentage points.", ("5",)),
        ("Half of them voted.", ("half",)),
    ],
)
def test_the_numbers_signature_reads_digits_and_number_words_alike(
    text: str, signature: tuple[str, ...]
) -> None:
    assert numbers_signature(text) == signature


def test_a_wire_story_lightly_edited_by_another_outlet_is_a_near_duplicate() -> None:
    edited = (
        "Opposition leader Juan Guaidó said Tuesday that more than 50 countries "
        "recognized him as interim president."
    )
    assert near_duplicate(WIRE, edited)
    assert near_duplicate(edited, WIRE)


def test_the_same_number_written_in_words_still_matches() -> None:
    a = "The assembly charged ten lawmakers with treason, the court said on Monday."
    b = "The assembly charged 10 lawmakers with treason, the court said Monday."
    assert near_duplicate(a, b)


@pytest.mark.parametrize(
    "other",
    [
        WIRE.replace("50", "60"),  # another number
        WIRE.replace("Tuesday", "Wednesday"),  # another day
        WIRE.replace("more than", "fewer than"),  # another direction
        WIRE.replace("recognise", "do not recognise"),  # negated
        WIRE.replace("Juan Guaidó", "Nicolás Maduro"),  # another person
    ],
)
def test_sentences_that_differ_in_what_they_claim_never_merge(other: str) -> None:
    assert not near_duplicate(WIRE, other)


def test_claims_with_different_numbers_never_merge_however_alike() -> None:
    a = "Approval slipped five percentage points from February to April."
    b = "Approval slipped six percentage points from February to April."
    assert not near_duplicate(a, b)
    assert number_key(a) != number_key(b)


def test_near_duplicates_without_any_number_are_not_merged() -> None:
    a = "The opposition walked out of the talks in Oslo, officials said."
    b = "The opposition walked out of the talks in Oslo, the officials said."
    assert number_key(a) is None
    assert not near_duplicate(a, b)


def test_a_different_sentence_with_the_same_numbers_is_not_a_near_duplicate() -> None:
    a = "Unemployment fell to 5 percent in 2019."
    b = "The central bank kept its rate at 5 percent through 2019 despite protests."
    assert number_key(a) == number_key(b)
    assert not near_duplicate(a, b)
