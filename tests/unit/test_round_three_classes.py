"""Error classes found on a third set of untuned news (train/labels/analysis2.jsonl), each
fixed and tested with sentences of our own, by ../shared/gold/GUIDELINES.md."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from claims.timeexpr import extract_times
from tests.unit.test_claim_types import claim_type
from tests.unit.test_quantity_classes import Found, quantities


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "an additional N" is a gain of N
        (
            "The Greens netted an additional 12 seats, totaling 40 seats.",
            [
                ("an additional 12 seats", 12, "change", "seats", None),
                ("40 seats", 40, "=", "seats", None),
            ],
        ),
        (
            "The win gave her an extra nine delegates.",
            [("an extra nine delegates", 9, "change", "delegates", None)],
        ),
        # an electoral swing is a change in points, signed by its direction
        (
            "There was a 3.1% swing against the governing party.",
            [("3.1%", -3.1, "change", "percentage points", None)],
        ),
        (
            "The seat saw a 6% swing to the Greens.",
            [("6%", 6, "change", "percentage points", None)],
        ),
        # an ordinal that counts what happened
        (
            "This was her second attempt to swim the strait.",
            [("second attempt", 2, "=", "attempts", None)],
        ),
        (
            "The town marked the 75th anniversary of its liberation.",
            [("75th anniversary", 75, "=", "years", None)],
        ),
        (
            "Officials said it was the fourth major ferry crash in a year.",
            [("fourth major ferry crash", 4, "=", "crashes", None)],
        ),
        (
            "The ministry confirmed a sixteenth death.",
            [("sixteenth death", 16, "=", "deaths", None)],
        ),
        (
            "Kay became the season's third hurricane.",
            [("third hurricane", 3, "=", "hurricanes", None)],
        ),
        # a name before a measure does not swallow it
        (
            "The advisory placed Kay 610 miles (980 km) east of the cape.",
            [("610 miles", 610, "=", "miles", None), ("980 km", 980, "=", "km", None)],
        ),
        # a no-break space between a figure and its unit
        (
            "The two recorders were around 40\u00a0m (130\u00a0ft) apart.",
            [
                ("two recorders", 2, "=", "recorders", None),
                ("around 40\u00a0m", 40, "~", "metres", None),
                ("130\u00a0ft", 130, "~", "feet", None),
            ],
        ),
        # how long something lasted, counted back or ahead
        (
            "She spent the next three decades in the senate.",
            [("three decades", 3, "=", "decades", None)],
        ),
        ("The talks have run over the last six years.", [("six years", 6, "=", "years", None)]),
        # one of something done or counted; a single one; a couple
        ("The bill failed by one vote.", [("one vote", 1, "=", "vote", None)]),
        ("The nurse gave a single dose of the vaccine.", [("a single dose", 1, "=", "dose", None)]),
        (
            "The raiders carried a couple of rifles.",
            [("a couple of rifles", 2, "~", "rifles", None)],
        ),
        # "the N" counts, as the annotators count it
        ("The four candidates met on Tuesday.", [("four candidates", 4, "=", "candidates", None)]),
        (
            "The two survivors were flown to the capital.",
            [("two survivors", 2, "=", "survivors", None)],
        ),
        # a year-like number counting a plural noun is a count
        (
            "As of Monday, 1240 aftershocks had been recorded.",
            [("1240 aftershocks", 1240, "=", "aftershocks", None)],
        ),
        # a toll counts its victims, even after "the"
        (
            "Police said the three officers were shot in the car park.",
            [("three officers", 3, "=", "officers", None)],
        ),
        # an age range
        (
            "The victims, two boys and a girl between the ages of 9 and 12, were treated.",
            [
                ("two boys", 2, "=", "boys", None),
                ("between the ages of 9 and 12", 9, "range", "years", 12),
            ],
        ),
    ],
)
def test_round_three_quantities(nlp: Language, sentence: str, expected: Found) -> None:
    assert quantities(nlp, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The 2019 elections were held in May.",  # a year naming the elections
        "The Heritage Act, 1983 protects the mill.",  # a year in a name, before a verb
        "He won the first round of the contest.",  # a rank, not a count
        "The 46th president took office.",
        "A tenth juror was dismissed.",  # a rank among people
        "The two countries signed the treaty.",  # the pair the story is about
        "One study found no link.",  # a source, not a count
        "One day, the ferry did not come.",
    ],
)
def test_round_three_no_quantity(nlp: Language, sentence: str) -> None:
    assert quantities(nlp, sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a role, a home, an allegiance: how things were, not what happened
        ("She previously served as the mayor of the port city.", "other"),
        ("He lived in a suburb of the capital.", "other"),
        ("The editor had represented the province in parliament.", "other"),
        ("He was employed by the railway and was hard of hearing.", "other"),
        ("The journalist openly supported independence for the region.", "other"),
        # ... while what happened stays an event
        ("He left the suburb in a hurry.", "event"),
        # a toll in a clause of its own is what the claim turns on
        ("A gunman opened fire at the market, killing four.", "quantity"),
        (
            "The truck struck a group of cyclists, killing seven riders and injuring two more.",
            "quantity",
        ),
    ],
)
def test_round_three_types(nlp: Language, sentence: str, expected: str) -> None:
    assert claim_type(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a figure beside a reported plan or expectation is the claim
        ("More than 95% of the participants said they would use the kits again.", "quantity"),
        ("The party is to elect a new leader after she lost by a 149 vote margin.", "quantity"),
        # the figure a forecast expects is still the forecast
        ("Forecasters expected gusts of 90 km/h along the coast.", "prediction"),
        # what is expected or forecast, in the passive, is a prediction too
        ("The merger is expected by the end of the year.", "prediction"),
        ("Heavy rain is forecast for Friday.", "prediction"),
        ("The damage was estimated at $5 million.", "quantity"),
    ],
)
def test_round_three_figures_beside_a_plan(nlp: Language, sentence: str, expected: str) -> None:
    assert claim_type(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("She converted a year-and-a-half ago.", ("2018-09-01", "2018-09-30")),
        ("They left two and a half years ago.", ("2017-09-01", "2017-09-30")),
    ],
)
def test_a_year_and_a_half_ago_is_that_calendar_month(
    nlp: Language, sentence: str, expected: tuple[str, str]
) -> None:
    [span] = extract_times(nlp(sentence)[:], date(2020, 3, 2))
    assert (str(span.start), str(span.end)) == expected


def test_a_quotation_closed_by_its_speaker_gives_him_every_sentence_of_it(nlp: Language) -> None:
    from tests.unit.test_speakers_and_types import article

    claims = article(
        nlp,
        'Mayor Ana Ruiz spoke on Monday. "The north bank is flooded. The bridge is closed", '
        'Ruiz said. "The school is shut. The market is under water."',
    )
    speakers = [c.speaker for c in claims]
    assert speakers[0] is None and speakers[2] is not None and speakers[2].endswith("Ruiz")
    assert speakers[1:] == [speakers[2]] * 4  # before "Ruiz said", and the quotation after


def test_a_source_is_named_without_an_indefinite_article(nlp: Language) -> None:
    from tests.unit.test_speakers_and_types import article

    [claim] = article(
        nlp, "The minister suffered two wounds, according to a hospital spokesperson."
    )
    assert (claim.speaker or claim.source) == "hospital spokesperson"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "In the 2012 race, she stayed in until June and endorsed him in July.",
            [
                ("2012-01-01", "2012-12-31"),
                ("2012-06-01", "2012-06-30"),
                ("2012-07-01", "2012-07-31"),
            ],
        ),
        # a plan beside the year keeps the nearest month
        (
            "She took office in 2005 and was due to stand down in August.",
            [("2005-01-01", "2005-12-31"), ("2020-08-01", "2020-08-31")],
        ),
    ],
)
def test_a_month_takes_the_year_its_sentence_named(
    nlp: Language, sentence: str, expected: list[tuple[str, str]]
) -> None:
    spans = extract_times(nlp(sentence)[:], date(2020, 3, 2))
    assert [(str(s.start), str(s.end)) for s in spans] == expected


def _article_times(nlp: Language, text: str) -> list[list[tuple[str, str, str]]]:
    from claims.extract import Extractor
    from claims.model import Document
    from claims.reading import content_hash

    document = Document(text, "/a.txt", "A", date(2019, 12, 14), "dateline", content_hash(text))
    [(_, claims)] = list(Extractor(nlp=nlp).extract([document]))
    return [[(t.text, str(t.start), str(t.end)) for t in c.times] for c in claims]


def test_that_month_and_the_first_day_refer_back_to_the_date_the_article_gave(
    nlp: Language,
) -> None:
    found = _article_times(
        nlp,
        "The strike began on August 20, 2018, outside the town hall. She stood alone on the "
        "first day, but hundreds joined later. That September, the union was founded.",
    )
    assert found == [
        [("August 20, 2018", "2018-08-20", "2018-08-20")],
        [("on the first day", "2018-08-20", "2018-08-20")],
        [("That September", "2018-09-01", "2018-09-30")],
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He joined the club at the beginning of this year.", ("2020-01-01", "2020-01-31")),
        ("Sales rose at the end of last year.", ("2019-12-01", "2019-12-31")),
        ("The mill reopened at the start of the month.", ("2020-03-01", "2020-03-10")),
    ],
)
def test_the_start_or_end_of_a_year_or_month(
    nlp: Language, sentence: str, expected: tuple[str, str]
) -> None:
    [span] = extract_times(nlp(sentence)[:], date(2020, 3, 20))
    assert (str(span.start), str(span.end)) == expected


def test_the_title_of_several_people_is_the_one_named_last(nlp: Language) -> None:
    from tests.unit.test_speakers_and_types import article

    claims = article(
        nlp,
        "Finance minister Carla Neri presented the budget in Rome on Monday.",
        "Agriculture minister Paolo Verdi opened the fair in Turin on Tuesday, but the "
        "minister said the harvest had fallen by a tenth.",
    )
    assert [c.speaker for c in claims] == [None, "Paolo Verdi"]


@pytest.mark.parametrize(
    "sentence",
    [
        "In May, the two countries signed a treaty, according to which the border moved north.",
        "The council passed a bylaw, according to which shops closed at nine.",
    ],
)
def test_according_to_a_relative_pronoun_names_no_one(nlp: Language, sentence: str) -> None:
    from tests.unit.test_speakers_and_types import article

    [claim] = article(nlp, sentence)
    assert (claim.speaker, claim.source) == (None, None)
