"""Claim types by the guidelines' order: the error classes found on untuned news, each
with sentences of our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.extract import Extractor
from claims.model import Document
from claims.reading import content_hash


def claim_type(nlp: Language, sentence: str) -> str:
    """The type of a sentence read as the only sentence of an article."""
    document = Document(sentence, "/a.txt", "A", None, "none", content_hash(sentence))
    [(_, [claim])] = list(Extractor(nlp=nlp).extract([document]))
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


@pytest.mark.parametrize(
    "sentence",
    [
        "The company did not disclose the buyer of the plant.",  # a negated past
        "Most households had power restored by the morning.",  # causative "have"
        "By Thursday, the senator was in a hospital in Geneva.",  # where someone was
    ],
)
def test_more_past_forms_are_events(nlp: Language, sentence: str) -> None:
    assert claim_type(nlp, sentence) == "event"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In 1953 the pair became the first climbers to reach the summit.", "comparison"),
        ("It was the first such ruling in the country.", "comparison"),
        ("The ship was the last vessel to leave the harbour before the storm.", "comparison"),
        ("The council held its first meeting of the year on Monday.", "event"),
    ],
)
def test_a_rank_claimed_as_a_record_is_a_comparison(
    nlp: Language, sentence: str, expected: str
) -> None:
    assert claim_type(nlp, sentence) == expected


def test_a_number_only_in_an_aside_does_not_make_a_quantity_claim(nlp: Language) -> None:
    aside = "The ferry was renamed after Mira Sol, a seven-year-old girl from Tarifa, on Sunday."
    assert claim_type(nlp, aside) == "event"
    assert claim_type(nlp, "The ferry carried 300 passengers to Tarifa on Sunday.") == "quantity"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The storm caused a blackout across the island on Tuesday.", "causal"),
        ("The mill closed in 2001 because the river ran dry.", "causal"),
        ("Crews found a crater caused by the burst main on Tuesday.", "event"),
        ("Inspectors said the fire started because a heater was left on.", "attribution"),
    ],
)
def test_a_cause_counts_only_in_the_main_clause(
    nlp: Language, sentence: str, expected: str
) -> None:
    assert claim_type(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The league is scheduled to resume its season on 4 July.", "prediction"),
        ("Forecasters expected gusts of 90 km/h along the coast.", "prediction"),
        ("The agency predicted that the river would crest on Friday.", "prediction"),
        ("Her term was to end in October.", "prediction"),
        ("The council planned to reopen the library in spring.", "prediction"),
        ("She was elected in 2015 and was due to retire in October.", "event"),
        ("The ministry estimated the damage at $5 million.", "quantity"),
        ("Officials estimated that 300 homes were destroyed.", "quantity"),
    ],
)
def test_a_reported_plan_schedule_or_forecast_is_a_prediction(
    nlp: Language, sentence: str, expected: str
) -> None:
    assert claim_type(nlp, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        'The coach said, "She was the most brilliant player I have ever trained."',
        "A party spokesperson said the late senator had been a truly iconic figure.",
        'The mayor tweeted she was "deeply saddened by the loss of a dear friend".',
        'The minister said, "We hope the talks bring peace to the valley."',
    ],
)
def test_a_reported_view_is_an_opinion(nlp: Language, sentence: str) -> None:
    assert claim_type(nlp, sentence) == "opinion"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ('The minister said, "We opened the new bridge in Oslo on Monday."', "attribution"),
        ('The envoy said, "Brazil is the largest economy in the region."', "comparison"),
        ("Police said 40 people were arrested after the match on Saturday.", "quantity"),
    ],
)
def test_a_reported_fact_stays_a_claim(nlp: Language, sentence: str, expected: str) -> None:
    assert claim_type(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The new guidelines list eleven grounds for refusing a visa.", "quantity"),
        ("The new guidelines forbid officers from carrying batons.", "law_rule"),
        ("A night-time curfew was imposed across the province on Friday.", "law_rule"),
        ("Schools are required to publish their budgets every year.", "law_rule"),
        ("The amendment allowed the governor to stand for a third term.", "law_rule"),
        ("Protests began after the council announced new parking restrictions.", "event"),
        ("The minister gave her annual policy speech on Tuesday.", "event"),
    ],
)
def test_a_rule_in_the_main_clause_is_a_law_rule(
    nlp: Language, sentence: str, expected: str
) -> None:
    assert claim_type(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("She left the race after failing to win any of the nine contests in March.", "event"),
        ("He resigned on Monday, saying he needed two weeks to recover.", "event"),
        ("The storm, which destroyed 4,000 homes, hit the coast on Monday.", "quantity"),
        ("The firm was fined after losing 30 percent of its deposits in May.", "quantity"),
        ("Police arrested nine men in Leeds on Friday.", "quantity"),
    ],
)
def test_a_small_count_in_a_clause_of_its_own_is_not_the_claim(
    nlp: Language, sentence: str, expected: str
) -> None:
    assert claim_type(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ministry called on drivers to stay off the mountain roads.", "not_claim"),
        ("Officials urged residents to leave the coast by Friday.", "not_claim"),
        ("The hospital asked for patience from families on Monday.", "not_claim"),
        ("Police asked the driver about the crash on Monday.", "event"),
        ("A bus carrying pupils overturned on the highway on 5 May 2019.", "event"),
        ("The firm hired the law firm Baker & Co on Monday.", "event"),
    ],
)
def test_appeals_are_no_claims_and_words_shared_with_rules_are_no_rules(
    nlp: Language, sentence: str, expected: str
) -> None:
    assert claim_type(nlp, sentence) == expected


def test_a_count_of_sources_is_who_said_it_not_the_claim(nlp: Language) -> None:
    sentence = "Three people familiar with the talks said the envoys met in Oslo in May."
    assert claim_type(nlp, sentence) == "attribution"


def test_the_names_a_reason_gives_are_distinct_and_without_a_possessive(nlp: Language) -> None:
    sentence = "Ford said the Securities and Exchange Commission’s inquiry into Ford began in May."
    [claim] = list(Extractor(nlp=nlp).score_lines([sentence]))
    [names] = [r for r in claim.assessment.reasons if r.startswith("+ names")]
    assert names.count("Ford") == 1 and "’s" not in names, names


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The senator said the board would open an inquiry at the airport.", "prediction"),
        ("The ministry said the cuts could be unavoidable.", "prediction"),
        ("The union announced its members were to strike in March.", "prediction"),
        ("The club said this is not likely to happen again next season.", "prediction"),
        ("The final is scheduled for 3 March in Lyon.", "prediction"),
        ("The party did not say whom it would back in the runoff.", "event"),
        ("The agency reported he is expected to win, but only secured 9 of 12 seats.", "quantity"),
        ("The minister announced masks would become compulsory on trains from June.", "law_rule"),
    ],
)
def test_what_someone_says_will_or_may_happen_is_a_prediction(
    nlp: Language, sentence: str, expected: str
) -> None:
    assert claim_type(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The foreign ministry characterized the strike as a grave violation.", "opinion"),
        ("The mayor praised the volunteers for their courage.", "opinion"),
        ("Scientists cautioned against too much optimism about the herd.", "not_claim"),
        ("Sanchez called the plan a step back but signed it on Monday.", "event"),
    ],
)
def test_a_characterisation_is_a_view(nlp: Language, sentence: str, expected: str) -> None:
    assert claim_type(nlp, sentence) == expected
