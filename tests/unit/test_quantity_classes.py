"""Error classes of quantities found on news, by the guidelines (sentences of our own)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.quantities import extract_quantities

Found = list[tuple[str, float, str, str, float | None]]


def quantities(nlp: Language, text: str) -> Found:
    return [
        (q.text, round(q.value, 4), q.comparator, q.unit, q.value_high)
        for q in extract_quantities(nlp(text)[:])
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # ages and hyphenated measures name their unit: "28-year-old" is 28 years
        ("A 28-year-old cyclist was hurt.", [("28-year-old", 28, "=", "years", None)]),
        ("The 31-year-old skipper was rescued.", [("31-year-old", 31, "=", "years", None)]),
        ("Workers built a five-foot fence.", [("five-foot", 5, "=", "feet", None)]),
        ("Unions called a two-day strike.", [("two-day", 2, "=", "days", None)]),
        # a figure with its conversion gives both
        (
            "The glacier retreated 620 miles (1,000 km) in a century.",
            [("620 miles", 620, "=", "miles", None), ("1,000 km", 1000, "=", "km", None)],
        ),
        # proportions and fractions
        (
            "One out of every thousand cows was infected.",
            [("One out of every thousand", 0.001, "=", "fraction", None)],
        ),
        (
            "About one in five pupils walk to school.",
            [("About one in five", 0.2, "~", "fraction", None)],
        ),
        (
            "About a quarter of the crop was lost.",
            [("About a quarter", 0.25, "~", "fraction", None)],
        ),
        # a range written as one token, with its multiplier
        (
            "The firm sought about 15–40 million dollars.",
            [("15–40 million dollars", 15e6, "range", "dollars", 40e6)],
        ),
        # multiplying verbs
        ("Ticket prices doubled last year.", [("doubled", 2, "=", "times", None)]),
        # a definite count above three is still a count
        (
            "She lost all of the eleven regional primaries.",
            [("eleven regional primaries", 11, "=", "primaries", None)],
        ),
        # an ordinal that counts a run
        (
            "Farmers blocked the road for the third day in a row.",
            [("third day", 3, "=", "days", None)],
        ),
        (
            "Sales fell for a fifth straight month.",
            [("fifth straight month", 5, "=", "months", None)],
        ),
        # a number standing for people already named
        ("Police said the nine were released.", [("nine", 9, "=", "", None)]),
        # a single casualty counts
        ("One guard was injured in the raid.", [("One guard", 1, "=", "guard", None)]),
        (
            "Doctors confirmed one more infection.",
            [("one more infection", 1, "=", "infection", None)],
        ),
        # a bare age is in years
        ("The mayor, 58, resigned.", [("58", 58, "=", "years", None)]),
        ("The former goalkeeper was 81.", [("81", 81, "=", "years", None)]),
        ("The team fielded a 17 year old striker.", [("17 year", 17, "=", "years", None)]),
        # a unit the sentence has already given, or gives after "of"
        (
            "Labour won 12 seats and lost 3.",
            [("12 seats", 12, "=", "seats", None), ("3", -3, "change", "seats", None)],
        ),
        (
            "She carried 27 of the county's 31 wards.",
            [("27", 27, "=", "wards", None), ("31 wards", 31, "=", "wards", None)],
        ),
        (
            "The number of arrests climbed to 240.",
            [("240", 240, "=", "arrests", None)],
        ),
        # nouns compounded with the counted noun belong to the unit; adjectives do not
        (
            "The city built 500 bus shelters and 40 new libraries.",
            [
                ("500 bus shelters", 500, "=", "bus shelters", None),
                ("40 new libraries", 40, "=", "libraries", None),
            ],
        ),
        # plural number words count at least that many
        ("Hundreds were evacuated from the valley.", [("Hundreds", 100, ">=", "people", None)]),
        (
            "Tens of thousands of fans filled the square.",
            [("Tens of thousands of fans", 10000, ">=", "fans", None)],
        ),
        # a count's noun is not lent to a number after an age
        (
            "Three patients were aged over 70, and two were in intensive care.",
            [
                ("Three patients", 3, "=", "patients", None),
                ("aged over 70", 70, ">", "years", None),
                ("two", 2, "=", "patients", None),
            ],
        ),
        # a singular measure noun after a number above one is the plural unit
        ("He served a 30 month sentence.", [("30 month", 30, "=", "months", None)]),
        # temperatures and angles
        (
            "Ovens reach 480°F (249°C) there.",
            [
                ("480°F", 480, "=", "degrees Fahrenheit", None),
                ("249°C", 249, "=", "degrees Celsius", None),
            ],
        ),
        # a percentage lends its unit only to a near share, not to a later count
        (
            "While 20% of members voted, officials counted 640 of the 3200 ballots.",
            [
                ("20%", 20, "=", "percent", None),
                ("640", 640, "=", "ballots", None),
                ("3200 ballots", 3200, "=", "ballots", None),
            ],
        ),
        # a hyphenated prefix stays on its noun; a hyphenated count is in the plural
        (
            "The charity and 40 co-signatories wrote.",
            [("40 co-signatories", 40, "=", "co-signatories", None)],
        ),
        ("They bought a 12-room house.", [("12-room", 12, "=", "rooms", None)]),
        ("A 6.1-magnitude quake struck.", [("6.1-magnitude", 6.1, "=", "magnitude", None)]),
        ("It costs US$90 per night.", [("US$90 per night", 90, "=", "dollars per night", None)]),
        # a bare toll counts people
        (
            "The storm killed at least 14 in the valley.",
            [("at least 14", 14, ">=", "people", None)],
        ),
        ("Police arrested 40 on Sunday.", [("40", 40, "=", "people", None)]),
        ("She scored 12 in the final.", [("12", 12, "=", "", None)]),
        # a conversion of a change is the same change
        (
            "The budget grew by $2 billion, or 4%, this year.",
            [("$2 billion", 2e9, "change", "dollars", None), ("4%", 4, "change", "percent", None)],
        ),
        # money is named by its plain noun
        ("The county paid £40,000 in damages.", [("£40,000", 40000, "=", "pounds", None)]),
        # an age written "N years of age" is an age, though the small model tags it DATE
        (
            "The singer died on Monday at 103 years of age.",
            [("103 years", 103, "=", "years", None)],
        ),
        ("The suspect, 34 years of age, was arrested.", [("34 years", 34, "=", "years", None)]),
        # a year-like figure given as the value of a number or total is a count
        ("The number of registered voters was 1850.", [("1850", 1850, "=", "voters", None)]),
        ("The total was 1200 in 1990.", [("1200", 1200, "=", "", None)]),
        ("The best year was 1998.", []),
        ("The flight number was 1549.", []),  # a label, not a count
        ("The room number is 1408.", []),
    ],
)
def test_quantities_by_the_guidelines(nlp: Language, sentence: str, expected: Found) -> None:
    assert quantities(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The 2019–2020 season was cut short.", []),  # years, not a range of amounts
        ("An Airbus 320 jet landed safely.", []),  # a model number names an aircraft
        ("The Ariane 5 rocket lifted off.", []),
        ("They met at a Five Guys restaurant.", []),  # a capitalised number word in a name
        ("The update targets a FreeBSD 12 server.", []),
        ("The chip supports x86-64 instructions.", []),
        ("The side won in round 4 of the cup.", []),
        ("She gave an interview to 20/20 and 60 Minutes.", []),
        ("The robot runs x86-64 code.", []),  # a code
        (  # not a share
            "He scored 2 in 10 minutes.",
            [("2", 2, "=", "", None), ("10 minutes", 10, "=", "minutes", None)],
        ),
        ("The two sides met again.", []),  # a reference back
        ("It was a double murder.", []),  # not a multiplication
    ],
)
def test_no_range_share_or_multiple_where_there_is_none(
    nlp: Language, sentence: str, expected: Found
) -> None:
    assert quantities(nlp, sentence) == expected


def values(nlp: Language, text: str) -> list[tuple[float, str, str, float | None]]:
    return [(v, c, u, h) for _, v, c, u, h in quantities(nlp, text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "one" in a list of counts is a count; "one of them", "One study" are not
        (
            "Doctors tested twelve sick patients, including one elderly patient.",
            [(12, "=", "patients", None), (1, "=", "patient", None)],
        ),
        (
            "The inspector said there was one worker badly hurt, and three more with cuts.",
            [(1, "=", "worker", None), (3, "=", "worker", None)],
        ),
        ("One study found 40 cases.", [(40, "=", "cases", None)]),
        ("One of the 12 victims was a child.", [(12, "=", "victims", None)]),
        # "within" is an upper bound, of a span of time too: annotators keep the bound on
        # "within two years", "within an hour", "just over twelve minutes" (7 of 7 in our labels)
        ("The storm passed within 50 miles of the coast.", [(50, "<=", "miles", None)]),
        ("Results are due within two days.", [(2, "<=", "days", None)]),
        # a range the small model tags DATE, after "about"
        ("The R0 is about 12–18.", [(12, "range", "R0", 18)]),
        # a model and its variant are a name
        ("Hours before the Boeing 737-800 jet crashed, Iran launched missiles.", []),
        ("The airline flies an Airbus A330-300 with 250 seats.", [(250, "=", "seats", None)]),
        # kilometres in any spelling are km
        (
            "Winds reached 120 miles per hour (195 kilometers per hour).",
            [(120, "=", "miles per hour", None), (195, "=", "km per hour", None)],
        ),
        ("The park covers 40 square kilometres.", [(40, "=", "square km", None)]),
        # a scale named before a bare number, or compounded: magnitude, R0
        ("An earthquake of magnitude 4.9 hit the city.", [(4.9, "=", "magnitude", None)]),
        (
            "The quake's magnitude was 5.5; the USGS reported 5.8.",
            [(5.5, "=", "magnitude", None), (5.8, "=", "magnitude", None)],
        ),
        (
            "A 6.3 magnitude earthquake caused eleven deaths.",
            [(6.3, "=", "magnitude", None), (11, "=", "deaths", None)],
        ),
        # a participle that makes another thing of the counted noun stays in the unit
        (
            "The region reported 21 confirmed cases on Monday.",
            [(21, "=", "confirmed cases", None)],
        ),
        (
            "The party has two elected officials and 18 infected volunteers.",
            [(2, "=", "elected officials", None), (18, "=", "volunteers", None)],
        ),
        # the rank is the claim: "the second-largest"
        ("The airport is the second-largest airport in the region.", [(2, "=", "rank", None)]),
        # a score in a game is two counts, as a vote tally is, in one token or three
        ("The Lions won 22–10 against the Tigers.", [(22, "=", "", None), (10, "=", "", None)]),
        ("The visitors won 4-2.", [(4, "=", "", None), (2, "=", "", None)]),
        ("The House voted 230–197 to pass it.", [(230, "=", "", None), (197, "=", "", None)]),
        ("It was a 64–32 split of the code.", []),
        # "half the", "half their": a share; "pc" is percent
        ("Half the staff quit.", [(0.5, "=", "fraction", None)]),
        ("He has half his savings left.", [(0.5, "=", "fraction", None)]),
        ("Inflation was 3 pc in May.", [(3, "=", "percent", None)]),
        # a person is counted in people
        ("One other person was hurt.", [(1, "=", "people", None)]),
        ("Two persons were held.", [(2, "=", "people", None)]),
        # "or so" is about; "-strong" counts; a numeric ordinal of a run counts
        ("The firm employs 200 or so staff.", [(200, "~", "staff", None)]),
        ("The 2,500-strong force arrived.", [(2500, "=", "force", None)]),
        ("It was the 12th consecutive month of growth.", [(12, "=", "months", None)]),
        # "N% greater than" is a change
        ("The population was 144% greater than last year.", [(144, "change", "percent", None)]),
        ("Prices were 5 percent lower than in May.", [(-5, "change", "percent", None)]),
    ],
)
def test_round_two_classes(
    nlp: Language, sentence: str, expected: list[tuple[float, str, str, float | None]]
) -> None:
    assert values(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "a"/"an" is one of a unit when a bound comes before it; not "an hour later"
        ("The storm lasted about an hour.", [(1, "~", "hour", None)]),
        ("It had been at least a year since the last eruption.", [(1, ">=", "year", None)]),
        ("The fire began just under a month after the flood.", [(1, "<", "month", None)]),
        ("The ferry left an hour later, a mile away from the pier.", []),
        ("About a year ago, the plant closed.", []),
        # "a week-long strike" is one week, as "a two-day strike" is two days
        ("After a week-long strike, the miners returned.", [(1, "=", "week", None)]),
        # half of a unit, a quarter of a multiplier
        ("The hikers walked about half a mile.", [(0.5, "~", "miles", None)]),
        ("Officials said a quarter million tickets were sold.", [(250000, "=", "tickets", None)]),
        # a bound on a span of time is kept: "just over", "within"
        ("The rescue lasted just over nine hours.", [(9, ">", "hours", None)]),
        ("The talks could collapse within three weeks.", [(3, "<=", "weeks", None)]),
        # a bound written after the unit: "40 people or more", "for 20 days or longer"
        ("Forty people or more were hurt in the crush.", [(40, ">=", "people", None)]),
        ("The ship may have drifted for 20 days or longer.", [(20, ">=", "days", None)]),
        # "over the age of 21" bounds an age
        (
            "Every citizen over the age of 21 may vote; no one under the age of 16 may drive.",
            [(21, ">", "years", None), (16, "<", "years", None)],
        ),
        # odds written as one word are a share
        (
            "Forecasters gave it a one-in-four chance of strengthening.",
            [(0.25, "=", "fraction", None)],
        ),
        ("The MH-17 crash killed 298 people.", [(298, "=", "people", None)]),
        # "limited to" is an upper bound
        ("Each household was limited to 40 litres of water.", [(40, "<=", "litres", None)]),
        # a rate's conversion in brackets is as approximate as the rate it converts
        (
            "The winds reached about 60 miles per hour (95 kph).",
            [(60, "~", "miles per hour", None), (95, "~", "kph", None)],
        ),
    ],
)
def test_round_three_classes(
    nlp: Language, sentence: str, expected: list[tuple[float, str, str, float | None]]
) -> None:
    assert values(nlp, sentence) == expected
