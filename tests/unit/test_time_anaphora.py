"""Error classes of time expressions found on news: "since X", weekday ranges, "N years
ago", and expressions that take their date from what the article already dated.

The publication date is Wednesday 2019-05-22 (the seed's); days are written out by hand.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from claims.extract import Extractor
from claims.model import Document
from claims.reading import content_hash
from claims.timeexpr import extract_times

WEDNESDAY = date(2019, 5, 22)


def times(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    return [(t.text, str(t.start), str(t.end)) for t in extract_times(nlp(text)[:], WEDNESDAY)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Talks have gone on since Monday.", [("since Monday", "2019-05-20", "2019-05-22")]),
        ("Since 2015, the river has flooded twice.", [("Since 2015", "2015-01-01", "2019-05-22")]),
        (
            "The port has been closed ever since March.",
            [("ever since March", "2019-03-01", "2019-05-22")],
        ),
    ],
)
def test_since_runs_from_the_start_of_its_date_to_publication(
    nlp: Language, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert times(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The mine has employed 300 people since opening its second shaft in 2012.",
            [("since opening its second shaft in 2012", "2012-01-01", "2019-05-22")],
        ),
        (
            "Since the closure of the old bridge in March 2016, ferries have carried commuters.",
            [("Since the closure of the old bridge in March 2016", "2016-03-01", "2019-05-22")],
        ),
        # a "since" that gives a reason leaves the date as it is
        (
            "He was fined since he had not paid his taxes in 2014.",
            [("2014", "2014-01-01", "2014-12-31")],
        ),
    ],
)
def test_a_since_phrase_runs_from_the_date_in_its_object_to_publication(
    nlp: Language, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert times(nlp, sentence) == expected


def test_since_then_runs_from_the_last_date_the_article_named(nlp: Language) -> None:
    found = article(
        nlp,
        "The levee broke in August 2011.\n\nSince then, the town has rebuilt 400 homes.",
    )
    assert found[1] == [("Since then", "2011-08-01", "2019-05-22")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ('The ministry unveiled a plan dubbed "Horizon 2030" in 2018.', ["2018"]),
        ("Police found a stolen 2011 Toyota Corolla.", []),
        ("Section § 1983 of the code was cited.", []),
        ("The 2016 Summer Olympics were held in Rio.", ["2016"]),  # an event's year dates it
    ],
)
def test_a_year_in_a_name_or_a_model_year_is_not_a_time(
    nlp: Language, sentence: str, expected: list[str]
) -> None:
    assert [text for text, _, _ in times(nlp, sentence)] == expected


def test_a_weekday_range_is_one_span_from_its_first_day(nlp: Language) -> None:
    assert times(nlp, "Schools were shut Monday through Thursday.") == [
        ("Monday through Thursday", "2019-05-20", "2019-05-23")
    ]


def test_years_ago_is_that_calendar_month(nlp: Language) -> None:
    assert times(nlp, "The mill closed about twelve years ago.") == [
        ("twelve years ago", "2007-05-01", "2007-05-31")
    ]


def article(
    nlp: Language, text: str, published: date = WEDNESDAY
) -> list[list[tuple[str, str, str]]]:
    document = Document(text, "/a.txt", "A", published, "option", content_hash(text))
    [(_, claims)] = list(Extractor(nlp=nlp).extract([document]))
    return [[(t.text, str(t.start), str(t.end)) for t in c.times] for c in claims]


def test_a_time_of_day_takes_the_day_the_article_last_named(nlp: Language) -> None:
    found = article(
        nlp,
        "A ferry ran aground yesterday near the harbour.\n\n"
        "It left port at 6:45 p.m. local time with 80 passengers.\n\n"
        "Rescuers arrived at 21:10 on Thursday, officials said.",
    )
    assert found[1] == [("6:45 p.m. local time", "2019-05-21", "2019-05-21")]
    assert found[2] == [("on Thursday", "2019-05-16", "2019-05-16")]  # its own day wins


def test_the_same_day_the_next_day_and_that_month_refer_back(nlp: Language) -> None:
    found = article(
        nlp,
        "The dam failed on 3 February 2017.\n\n"
        "Villagers were evacuated the same day, and the army arrived the next day.\n\n"
        "Repairs began that April.",
    )
    assert found[1] == [
        ("the same day", "2017-02-03", "2017-02-03"),
        ("the next day", "2017-02-04", "2017-02-04"),
    ]
    assert found[2] == [("that April", "2017-04-01", "2017-04-30")]


def test_the_same_period_is_the_last_period_the_article_named(nlp: Language) -> None:
    found = article(
        nlp,
        "A survey from June counted 40 nests from 2010 to 2016.\n\n"
        "It counted 12 chicks in the same period.\n\n"
        "The festival ran from May 2 and was planned until May 12.\n\n"
        "Hundreds of events were held in this period.",
    )
    assert found[1] == [("in the same period", "2010-01-01", "2016-12-31")]
    assert found[3] == [("in this period", "2019-05-02", "2019-05-12")]


def test_nothing_dated_before_means_nothing_to_refer_back_to(nlp: Language) -> None:
    found = article(nlp, "Crews worked through the night and left at 6:45 a.m.")
    assert found == [[]]
    at_the_same_time = article(nlp, "It rained in May.\n\nAt the same time, prices rose.")
    assert at_the_same_time[1] == []


def test_a_day_named_earlier_in_the_sentence_anchors_the_next_day(nlp: Language) -> None:
    found = article(
        nlp,
        "The strike began on 3 May 2019.\n\n"
        "On 9 May 2019 the union voted to end it, before reversing course the next day.",
    )
    assert found[1][-1] == ("the next day", "2019-05-10", "2019-05-10")


def test_a_fixed_holiday_ahead_is_the_coming_one(nlp: Language) -> None:
    assert times(nlp, "The city lit the bridge green ahead of Earth Day.") == [
        ("Earth Day", "2020-04-22", "2020-04-22")
    ]


def test_a_past_clock_takes_the_last_day_not_after_publication(nlp: Language) -> None:
    found = article(
        nlp,
        "Volunteers cleaned the beach yesterday, ahead of World AIDS Day.\n\n"
        "They started at 7:15 am local time.",
    )
    assert ("World AIDS Day", "2019-12-01", "2019-12-01") in found[0]
    assert found[1] == [("7:15 am local time", "2019-05-21", "2019-05-21")]


def test_the_nights_events_are_the_night_the_article_named(nlp: Language) -> None:
    found = article(
        nlp,
        "Riots broke out on Monday night in the capital.\n\n"
        "Elections were held on May 2.\n\n"
        "The mayor said the night's violence injured nine officers.",
    )
    assert found[2] == [("the night's", "2019-05-20", "2019-05-20")]


def test_race_times_and_names_are_not_clocks(nlp: Language) -> None:
    found = article(
        nlp,
        "The marathon was held on 3 May 2019.\n\n"
        "She won in 2:14:04, breaking the record of 2:15:25.\n\n"
        "The Ineos 1:59 Challenge drew crowds.\n\n"
        "The first runner finished at 8:40 A.M. local time.",
    )
    assert found[1] == [] and found[2] == []
    assert found[3] == [("8:40 A.M. local time", "2019-05-03", "2019-05-03")]


def test_the_same_day_as_something_else_is_not_a_reference_back(nlp: Language) -> None:
    found = article(
        nlp,
        "The court ruled on 3 May 2019.\n\nA second court ruled on the same day as the first.",
    )
    assert found[1] == []


def test_since_then_runs_from_the_last_dated_period_to_publication(nlp: Language) -> None:
    found = article(
        nlp,
        "The factory closed in March 2016.\n\nSince then, the town has lost 2,000 jobs.",
    )
    assert found[1] == [("Since then", "2016-03-01", "2019-05-22")]


def test_a_part_of_the_day_takes_the_day_the_article_is_telling_of(nlp: Language) -> None:
    found = article(
        nlp,
        "A pipe burst on Monday in the old town.\n\n"
        "The street flooded in the afternoon.\n\n"
        "Power was back by the evening.",
    )
    assert found[1] == [("in the afternoon", "2019-05-20", "2019-05-20")]
    assert found[2] == [("by the evening", "2019-05-20", "2019-05-20")]


def test_days_earlier_and_later_count_from_the_last_day(nlp: Language) -> None:
    found = article(
        nlp,
        "The minister tested positive on Friday.\n\n"
        "He had met the cabinet two days earlier, and a second test came a day later.",
    )
    assert found[1] == [
        ("two days earlier", "2019-05-15", "2019-05-15"),
        ("a day later", "2019-05-18", "2019-05-18"),
    ]


def test_today_in_a_quotation_reported_in_the_past_is_the_day_it_was_spoken(
    nlp: Language,
) -> None:
    found = article(
        nlp,
        "A bomber crashed at the airport yesterday.\n\n"
        "A doctor said, “We were alerted to the crash this morning.”\n\n"
        "“Today the runway is open,” the mayor says.",
    )
    assert found[1] == [("this morning", "2019-05-21", "2019-05-21")]
    assert found[2] == [("Today", "2019-05-22", "2019-05-22")]  # said now: publication


def test_a_quotation_dated_by_its_own_sentence_counts_from_that_day(nlp: Language) -> None:
    found = article(nlp, "On Monday the minister said: “Today we open the bridge.”")
    assert found[0] == [
        ("On Monday", "2019-05-20", "2019-05-20"),
        ("Today", "2019-05-20", "2019-05-20"),
    ]


def test_years_earlier_is_that_calendar_month(nlp: Language) -> None:
    found = article(nlp, "The actor died on Friday, after a diagnosis four years earlier.")
    assert found[0][-1] == ("four years earlier", "2015-05-01", "2015-05-31")


def test_months_and_years_later_count_from_the_last_dated_period(nlp: Language) -> None:
    found = article(
        nlp,
        "A gunman attacked a shop in August.\n\n"
        "A month later, the campaign held a debate.\n\n"
        "In 1937 he proposed a bill.\n\n"
        "Now, 82 years later, the idea is back.",
    )
    assert found[1] == [("A month later", "2018-09-01", "2018-09-30")]
    assert found[3] == [("82 years later", "2019-01-01", "2019-12-31")]


def test_the_following_month_is_the_month_after_the_last_dated_one(nlp: Language) -> None:
    found = article(
        nlp,
        "The treaty was signed in March 2016.\n\n"
        "It took effect the following month, and talks had begun the previous year.",
    )
    assert found[1] == [
        ("the following month", "2016-04-01", "2016-04-30"),
        ("the previous year", "2015-01-01", "2015-12-31"),
    ]


def test_the_previous_month_after_only_a_year_counts_from_publication(nlp: Language) -> None:
    found = article(nlp, "The 2020 campaign went on.\n\nThis report covers the previous month.")
    assert found[1] == [("the previous month", "2019-04-01", "2019-04-30")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The bridge was built in the summer of 2016.",
            [("the summer of 2016", "2016-06-01", "2016-08-31")],
        ),
        ("Talks collapsed last autumn.", [("last autumn", "2018-09-01", "2018-11-30")]),
        ("Floods hit the valley in the spring.", [("the spring", "2019-03-01", "2019-05-31")]),
        ("The union will strike this summer.", [("this summer", "2019-06-01", "2019-08-31")]),
        ("He moved there in late autumn 2015.", [("late autumn 2015", "2015-11-01", "2015-11-30")]),
        ("Prices fall sharply.", []),  # a verb
        ("The fall of the wall changed Berlin.", []),
        ("Summer camps closed early.", []),
        ("The Summer Olympics opened.", []),
    ],
)
def test_a_season_is_its_three_months_in_the_sentences_direction(
    nlp: Language, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert times(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The pact was signed on March 20 last year.",
            [("March 20 last year", "2018-03-20", "2018-03-20")],
        ),
        (
            "Crowds marched on 5 May of this year.",
            [("5 May of this year", "2019-05-05", "2019-05-05")],
        ),
        (
            "He resigned in protest at May's Brexit deal in 2018.",
            [("2018", "2018-01-01", "2018-12-31")],
        ),
        ("Flight 1344 landed safely in Dubai.", []),
    ],
)
def test_a_day_with_its_relative_year_is_one_day_and_names_are_no_dates(
    nlp: Language, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert times(nlp, sentence) == expected


def test_larger_counts_of_days_later_are_read_too(nlp: Language) -> None:
    found = article(nlp, "The dam failed on 3 May 2019.\n\nTen days later, the valley was dry.")
    assert found[1] == [("Ten days later", "2019-05-13", "2019-05-13")]


def test_days_later_and_a_week_earlier_count_from_the_day_last_named(nlp: Language) -> None:
    found = article(
        nlp,
        "The levee broke on 3 February 2017.\n\n"
        "Two days later, the army arrived.\n\n"
        "Crews left a day after the vote.",
    )
    assert found[1] == [("Two days later", "2017-02-05", "2017-02-05")]
    assert found[2] == []  # the day of something else


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The strike ended on 20 Nov 2018.", [("20 Nov 2018", "2018-11-20", "2018-11-20")]),
        ("The strike ended on Nov 20, 2018.", [("Nov 20, 2018", "2018-11-20", "2018-11-20")]),
        (
            "The law took effect on the first of March.",
            [("the first of March", "2019-03-01", "2019-03-01")],
        ),
        (
            "It opened on the 3rd of May 2018.",
            [("the 3rd of May 2018", "2018-05-03", "2018-05-03")],
        ),
        ("Vandals mar the statue.", []),
        ("The strike ended on 20/11/2018.", [("20/11/2018", "2018-11-20", "2018-11-20")]),
        ("The strike ended on 11/20/2018.", [("11/20/2018", "2018-11-20", "2018-11-20")]),
        ("The strike ended on 05/06/2018.", []),  # 5 June or May 6: left out
        ("The first of many protests began.", []),
    ],
)
def test_abbreviated_months_and_ordinal_days_are_dates(
    nlp: Language, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert times(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Over the weekend, storms hit the coast.", WEDNESDAY, ("2019-05-18", "2019-05-19")),
        ("The team will play this weekend.", WEDNESDAY, ("2019-05-25", "2019-05-26")),
        ("Protests this weekend drew thousands.", date(2019, 5, 20), ("2019-05-18", "2019-05-19")),
    ],
)
def test_the_weekend_is_the_nearest_one_in_the_sentences_tense(
    nlp: Language, sentence: str, published: date, expected: tuple[str, str]
) -> None:
    [span] = extract_times(nlp(sentence)[:], published)
    assert (str(span.start), str(span.end)) == expected


@pytest.mark.parametrize(
    ("published", "kept", "dropped"),
    [
        (date(1, 1, 1), ("Next month", "0001-02-01", "0001-02-28"), "Yesterday"),
        (date(9999, 12, 28), ("Yesterday", "9999-12-27", "9999-12-27"), "Next month"),
        (date(9999, 12, 31), ("Yesterday", "9999-12-30", "9999-12-30"), "Next month"),
    ],
)
def test_an_article_dated_at_the_calendars_edge_drops_only_the_days_beyond_it(
    nlp: Language, published: date, kept: tuple[str, str, str], dropped: str
) -> None:
    found = article(
        nlp,
        "Yesterday, exports rose 12 percent from last year, the ministry said.\n\n"
        "Next month they will rise.\n\nIn the previous decade they fell 40 percent.\n\n"
        "Output rose 8 percent in 9999 and 4 percent the following year",
        published,
    )
    spans = [span for claim in found for span in claim]
    assert kept in spans and dropped not in [text for text, _, _ in spans]
