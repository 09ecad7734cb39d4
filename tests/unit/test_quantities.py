"""Quantities read from single sentences run through the full English pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.nlp import load_pipeline
from claims.quantities import extract_quantities


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The project's pipeline: load_pipeline caches it, so the model loads once per run."""
    return load_pipeline()


def found(nlp: Language, text: str) -> list[dict[str, object]]:
    return [q.as_dict() for sent in nlp(text).sents for q in extract_quantities(sent)]


def q(
    text: str, value: float, unit: str, comparator: str = "=", high: float | None = None
) -> dict[str, object]:
    return {
        "text": text,
        "value": value,
        "value_high": high,
        "unit": unit,
        "comparator": comparator,
    }


SEED = [
    (
        "Yet his government has also imprisoned the National Assembly’s vice president, "
        "Edgar Zambrano, and charged 10 lawmakers with treason in connection with the "
        "April 30 plot.",
        [q("10 lawmakers", 10, "lawmakers")],
    ),
    (
        "Guaidó declared himself interim president in January, and has been recognized as "
        "Venezuela’s rightful leader by the United States and more than 50 other countries.",
        [q("more than 50 other countries", 50, "countries", ">")],
    ),
    (
        "His approval rating slipped five percentage points from February to April, "
        "according to León’s polling firm.",
        [q("five percentage points", -5, "percentage points", "change")],
    ),
    (
        "Last week, the opposition put that to the test, sending its own emissaries to Oslo "
        "for talks brokered by the Norwegian government with two senior Maduro loyalists, "
        "including Jorge Rodríguez, the government’s communications minister.",
        [q("two senior Maduro loyalists", 2, "loyalists")],
    ),
    (
        "Three people familiar with the Oslo talks said the two sides did not meet directly.",
        [q("Three people", 3, "people")],
    ),
]

WIKINEWS = [
    ("A total of 39 are confirmed dead.", [q("39", 39, "")]),
    (
        "The 1973 building was home to over 1,000 people; 48 apartments were damaged.",
        [q("over 1,000 people", 1000, "people", ">"), q("48 apartments", 48, "apartments")],
    ),
    (
        "Rescuers believe there are presumably between 36 and 40 people under the rubble.",
        [q("between 36 and 40 people", 36, "people", "range", 40)],
    ),
    (
        "Yesterday, authorities announced that 337 suspected users in 38 countries were arrested.",
        [q("337 suspected users", 337, "users"), q("38 countries", 38, "countries")],
    ),
    (
        "Voter turnout was down by about 1.5% of the electorate from the 2017 election cycle.",
        [q("down by about 1.5%", -1.5, "percent", "change")],
    ),
    (
        "The Conservative Party gained 66 seats, while Labour lost 42.",
        [q("66 seats", 66, "seats", "change"), q("42", -42, "seats", "change")],
    ),
    (  # the small model tags "fourteen to 31" DATE
        "Additional bodies recovered increased the confirmed death toll from fourteen to 31.",
        [q("fourteen", 14, ""), q("31", 31, "")],
    ),
    (  # "for over 30 hours" is how long; "over 2 days" alone is when
        "He was found in his cot after having been trapped for over 30 hours.",
        [q("over 30 hours", 30, "hours", ">")],
    ),
    (  # the conversion in brackets is as approximate as what it converts
        "The cut-off is 157 miles per hour; Dorian's winds were near 180 mph (285 kph).",
        [
            q("157 miles per hour", 157, "miles per hour"),
            q("near 180 mph", 180, "mph", "~"),
            q("285 kph", 285, "kph", "~"),
        ],
    ),
    (
        "Smithers, 36 years old, is married and has five children.",
        [q("36 years", 36, "years"), q("five children", 5, "children")],
    ),
    (
        "Two victims were aged 41-50 years old.",
        [q("Two victims", 2, "victims"), q("41-50 years", 41, "years", "range", 50)],
    ),
    (
        "Black Americans died at a rate of seven per 100,000 people.",
        [q("seven per 100,000 people", 7, "per 100,000 people")],
    ),
    (
        "There were only four premature deaths per 100,000.",
        [q("four premature deaths per 100,000", 4, "deaths per 100,000")],
    ),
    (
        "Officials said the number of people infected may considerably exceed 1000.",
        [q("exceed 1000", 1000, "people", ">")],
    ),
    (
        "Tesco sold its roughly 2000 Thai and 74 Malaysian stores to Charoen Pokphand in March.",
        [q("roughly 2000", 2000, "", "~"), q("74 Malaysian stores", 74, "stores")],
    ),
    (
        "The fatalities included four males and one female.",
        [q("four males", 4, "males"), q("one female", 1, "female")],
    ),
    (
        "The sale price is 900 million złotys (181 million pounds).",
        [q("900 million złotys", 9e8, "złoty"), q("181 million pounds", 1.81e8, "pounds")],
    ),
    ("The boxer weighed 250 pounds.", [q("250 pounds", 250, "pounds")]),
]

AUDIT = [  # errors an audit of 12 Wikinews articles found, one case each
    pytest.param(
        "The articles passed by votes of 230-to-197 and 229-to-198 respectively.",
        [q("230", 230, ""), q("197", 197, ""), q("229", 229, ""), q("198", 198, "")],
        id="vote-tally-is-two-counts",
    ),
    pytest.param(
        "They share a monetary award of SEK9 million (approximately GBP738 thousand or "
        "USD910 thousand).",
        [
            q("SEK9 million", 9e6, "Swedish kronor"),
            q("approximately GBP738 thousand", 738e3, "pounds", "~"),
            q("USD910 thousand", 910e3, "dollars", "~"),
        ],
        id="currency-code-glued-to-the-number",
    ),
    pytest.param(
        "The planet they found was 51 Pegasi b, a gas giant some 50 light years away.",
        [q("some 50 light years", 50, "light years", "~")],
        id="number-in-a-name-and-light-years",
    ),
    pytest.param(
        "The storm had winds of 185 mph (~295 km/h).",
        [q("185 mph", 185, "mph"), q("~295 km/h", 295, "km/h", "~")],
        id="tilde-means-approximately",
    ),
    pytest.param(
        "The towns saw damage ranging from 45% to 60% destruction.",
        [q("from 45% to 60%", 45, "percent", "range", 60)],
        id="ranging-from-x-to-y-is-one-range",
    ),
    pytest.param(
        "She won the 400 metres hurdles.",
        [q("400 metres", 400, "metres")],
        id="unit-of-measure-before-a-noun",
    ),
    pytest.param(
        "He set a personal best in the 400 m hurdles.",
        [q("400 m", 400, "metres")],
        id="m-is-metres",
    ),
    pytest.param(
        "Under the rules, a two-thirds majority is needed.",
        [q("two-thirds", 2 / 3, "fraction")],
        id="fraction-in-words",
    ),
    pytest.param(
        "In the span of one week, at least three suicide bombings took place in Tunisia.",
        [
            q("one week", 1, "week"),
            q("at least three suicide bombings", 3, "suicide bombings", ">="),
        ],
        id="one-week-is-a-duration",
    ),
    pytest.param(
        "Imus is survived by their two sons and four daughters.",
        [q("two sons", 2, "sons"), q("four daughters", 4, "daughters")],
        id="possessive-is-no-reference-back",
    ),
    pytest.param(
        "He first met the Imus family at age 10.",
        [q("age 10", 10, "years")],
        id="at-age-n",
    ),
    pytest.param(
        "The storm was about 250 miles (400 km) from the coast.",
        [q("about 250 miles", 250, "miles", "~"), q("400 km", 400, "km", "~")],
        id="conversion-inherits-approximately",
    ),
]

AUDIT_NEIGHBOURS = [  # the same rules on nearby wordings
    ("The House voted 230-197 to pass the bill.", [q("230", 230, ""), q("197", 197, "")]),
    (
        "The bill was backed by 5 Republicans and 3 Senators.",
        [q("5 Republicans", 5, "republicans"), q("3 Senators", 3, "senators")],
    ),
    ("The price is USD 26.95.", [q("USD 26.95", 26.95, "dollars")]),
    (
        "One bitcoin is worth approximately US$8000 or €7000.",
        [
            q("approximately US$8000", 8000, "dollars", "~"),
            q("€7000", 7000, "euros", "~"),
        ],
    ),
    (
        "Zapata flew at over 100 mph (161 km/h).",
        [
            q("over 100 mph", 100, "mph", ">"),
            q("161 km/h", 161, "km/h", ">"),
        ],
    ),
    (
        "Between 45% and 60% of homes were destroyed.",
        [
            q("Between 45% and 60%", 45, "percent", "range", 60),
        ],
    ),
    (
        "The suspects range in age from 21 to 78.",
        [q("age from 21 to 78", 21, "years", "range", 78)],
    ),
    (
        "Roughly two thirds of the island was without power.",
        [
            q("Roughly two thirds", 2 / 3, "fraction", "~"),
        ],
    ),
    ("Three-quarters of states must ratify it.", [q("Three-quarters", 0.75, "fraction")]),
    ("More than half of the officials were women.", [q("More than half", 0.5, "fraction", ">")]),
    ("It took over about a third of the country.", [q("about a third", 1 / 3, "fraction", "~")]),
    (
        "Infections reached around a quarter of a million.",
        [
            q("around a quarter of a million", 250e3, "", "~"),
        ],
    ),
    # the small model tags "a quarter" and "three quarters" DATE
    (
        "About a quarter of a million people fled.",
        [q("About a quarter of a million people", 250e3, "people", "~")],
    ),
    (
        "He paid a quarter of a million dollars for the house.",
        [q("a quarter of a million dollars", 250e3, "dollars")],
    ),
    (
        "He paid three quarters of a million dollars for it.",
        [q("three quarters of a million dollars", 750e3, "dollars")],
    ),
    ("He received a one year prison sentence.", [q("one year", 1, "year")]),
    ("Hubert died on Saturday aged 41.", [q("aged 41", 41, "years")]),
    ("Stevens died yesterday at the age of 99.", [q("age of 99", 99, "years")]),
    (
        "AB Aurigae is about 520 light-years away.",
        [q("about 520 light-years", 520, "light-years", "~")],
    ),
]

COMPARATORS = [
    ("At least seven people were killed.", [q("At least seven people", 7, "people", ">=")]),
    ("Fewer than 20 homes were left.", [q("Fewer than 20 homes", 20, "homes", "<")]),
    ("The fine is up to $5,000.", [q("up to $5,000", 5000, "dollars", "<=")]),
    ("About 52% voted to leave.", [q("About 52%", 52, "percent", "~")]),
    ("Some 300 people fled.", [q("Some 300 people", 300, "people", "~")]),
    ("Police said 10 or more people were hurt.", [q("10 or more people", 10, "people", ">=")]),
    ("It has nearly 400 members.", [q("nearly 400 members", 400, "members", "~")]),
    ("They earn no more than 30 euros.", [q("no more than 30 euros", 30, "euros", "<=")]),
]

RANGES = [
    ("Officials counted 36 to 40 cars.", [q("36 to 40 cars", 36, "cars", "range", 40)]),
    ("Officials counted 36-40 cars.", [q("36-40 cars", 36, "cars", "range", 40)]),
    ("Two or three gunmen fled.", [q("Two or three gunmen", 2, "gunmen", "range", 3)]),
    (
        "Reconstruction will cost between US$300 and 400 billion.",
        [q("between US$300 and 400 billion", 3e11, "dollars", "range", 4e11)],
    ),
]

CHANGES = [
    ("Its shares fell 40% on Monday.", [q("40%", -40, "percent", "change")]),
    ("Costs jumped by 12 percent.", [q("12 percent", 12, "percent", "change")]),
    ("Shares were down 5% in early trading.", [q("down 5%", -5, "percent", "change")]),
    ("The firm cut 500 jobs.", [q("500 jobs", -500, "jobs", "change")]),
    ("It reported a drop of 3 percent.", [q("3 percent", -3, "percent", "change")]),
    (
        "Sales rose 3,000 units to 12,000.",
        [q("3,000 units", 3000, "units", "change"), q("12,000", 12000, "units")],
    ),
    ("Unemployment fell to 4.5 percent.", [q("4.5 percent", 4.5, "percent")]),
    (
        "Inflation rose from 5 to 10 percent.",
        [q("5", 5, "percent"), q("10 percent", 10, "percent")],
    ),
]

MAGNITUDES = [
    ("The company lost $2.5bn.", [q("$2.5bn", -2.5e9, "dollars", "change")]),
    ("The budget of €300m was approved.", [q("€300m", 3e8, "euros")]),
    ("About 1.5 million people live there.", [q("About 1.5 million people", 1.5e6, "people", "~")]),
    ("Some 40 per cent of them voted.", [q("Some 40 per cent", 40, "percent", "~")]),
    ("The ticket costs £3.20.", [q("£3.20", 3.2, "pounds")]),
    ("He paid 5 million dollars.", [q("5 million dollars", 5e6, "dollars")]),
    ("A dozen protesters were arrested.", [q("A dozen protesters", 12, "protesters")]),
    ("Half a million people marched.", [q("Half a million people", 5e5, "people")]),
    (
        "Twenty-five people and one hundred and twenty cars.",
        [
            q("Twenty-five people", 25, "people"),
            q("one hundred and twenty cars", 120, "cars"),
        ],
    ),
    ("He was twice interviewed by police.", [q("twice", 2, "times")]),
    ("He served 27 years in prison.", [q("27 years", 27, "years")]),
    ("Six of the murders were solved.", [q("Six of the murders", 6, "murders")]),
    ("The vaccine reached one percent of children.", [q("one percent", 1, "percent")]),
]

NOT_QUANTITIES = [
    "The opposition cited failed efforts in 2017 and 2018.",
    "He spoke after the failure of the April 30 uprising.",
    "The plane landed at 6am on Tuesday.",
    "He said the first meetings were part of a longer process.",
    "The Boeing 737 and Apollo 11 were discussed under Article 50.",
    "He was released five years ago.",
    "Leonov was known as cosmonaut No. 11.",
    "It was a two-legged robot.",
    "That would be a change, said one person briefed on the talks.",
    "One of them was freed.",
    "Publicly, at least, the two sides remain far apart.",
    "The party took place at 619 Waddell Avenue.",
    "The limits were introduced by Woolworths and Coles on March 4 and 5 respectively.",
    "One day, he left the country.",
    "They would keep me one day, and release me the next.",
    "It was one of the happiest days for me.",
    "He was seeking a third term.",
    "One third party nominee proposed a novel approach.",
    "Trump held a Fourth of July celebration.",
    "The flags were flown at half-mast.",
    "The first half of the season was cancelled.",
    "Growth slowed for two quarters.",
]


@pytest.mark.parametrize(("text", "expected"), SEED)
def test_reads_the_seed_article_quantities_the_gold_file_expects(
    nlp: Language, text: str, expected: list[dict[str, object]]
) -> None:
    assert found(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), WIKINEWS)
def test_reads_quantities_in_wikinews_sentences(
    nlp: Language, text: str, expected: list[dict[str, object]]
) -> None:
    assert found(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), AUDIT)
def test_reads_the_quantities_a_wikinews_audit_found_misread(
    nlp: Language, text: str, expected: list[dict[str, object]]
) -> None:
    assert found(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), AUDIT_NEIGHBOURS)
def test_reads_tallies_codes_ranges_fractions_ages_and_conversions_alike(
    nlp: Language, text: str, expected: list[dict[str, object]]
) -> None:
    assert found(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), COMPARATORS)
def test_reads_comparator_words_before_and_after_the_number(
    nlp: Language, text: str, expected: list[dict[str, object]]
) -> None:
    assert found(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_reads_ranges_with_their_upper_bound(
    nlp: Language, text: str, expected: list[dict[str, object]]
) -> None:
    assert found(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), CHANGES)
def test_signs_a_change_by_the_direction_of_its_verb_or_noun(
    nlp: Language, text: str, expected: list[dict[str, object]]
) -> None:
    assert found(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), MAGNITUDES)
def test_reads_multipliers_currencies_percentages_and_number_words(
    nlp: Language, text: str, expected: list[dict[str, object]]
) -> None:
    assert found(nlp, text) == expected


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_leaves_years_dates_times_ordinals_names_and_pronouns_alone(
    nlp: Language, text: str
) -> None:
    assert found(nlp, text) == []


def test_offsets_are_relative_to_the_sentence_not_the_document(nlp: Language) -> None:
    doc = nlp("No agreements emerged. Guaidó is backed by more than 50 other countries.")
    sent = list(doc.sents)[1]

    [quantity] = extract_quantities(sent)

    assert sent.text[quantity.start : quantity.end] == "more than 50 other countries"
    assert quantity.text == "more than 50 other countries"


def test_returns_quantities_in_the_order_of_the_sentence(nlp: Language) -> None:
    text = "About 3,000 people fled, 48 apartments were damaged and 12 schools closed."

    values = [quantity["value"] for quantity in found(nlp, text)]

    assert values == [3000, 48, 12]


@pytest.mark.parametrize("sentence", ["They found one", "The toll rose to three", "Ana won one"])
def test_a_number_that_ends_the_text_is_read_without_looking_past_it(
    nlp: Language, sentence: str
) -> None:
    """A spelled-out small number as the very last token (no full stop after it)."""
    extract_quantities(nlp(sentence)[:])  # no IndexError past the end of the doc


def test_a_race_time_is_a_duration_in_seconds_a_clock_time_is_none(nlp: Language) -> None:
    assert found(nlp, "Kipchoge won the marathon in 2:01:39, a world record.") == [
        q("2:01:39", 7299, "seconds")
    ]
    assert found(nlp, "Rivals finished in 2:05:46 and 2:05:48.5, respectively.") == [
        q("2:05:46", 7546, "seconds"),
        q("2:05:48.5", 7548.5, "seconds"),
    ]
    assert found(nlp, "The alarm sounded at 14:05:30 local time.") == []
    assert found(nlp, "The bulletin went out 10:39:12 a.m. on Friday.") == []
