"""Phrases that take their date from what the article dated ("during the rally",
"at the time of the fire", "election day"), and clocks of the 24-hour day.

The publication date is Wednesday 2019-05-22; days are written out by hand.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from claims.extract import Extractor
from claims.model import Document
from claims.reading import content_hash

WEDNESDAY = date(2019, 5, 22)


def article(nlp: Language, *paragraphs: str) -> list[list[tuple[str, str, str]]]:
    text = "\n\n".join(paragraphs)
    document = Document(text, "/a.txt", "A", WEDNESDAY, "option", content_hash(text))
    [(_, claims)] = list(Extractor(nlp=nlp).extract([document]))
    return [[(t.text, str(t.start), str(t.end)) for t in c.times] for c in claims]


def test_during_the_rally_takes_the_day_the_rally_was_held(nlp: Language) -> None:
    found = article(
        nlp,
        "On Friday, farmers held a rally outside the parliament.",
        "The road was closed for an hour.",
        "Several tractors were damaged during the rally.",
    )
    assert found[2] == [("during the rally", "2019-05-17", "2019-05-17")]


def test_a_meeting_dated_by_its_verb_is_that_meeting(nlp: Language) -> None:
    found = article(
        nlp,
        "The two ministers met in Oslo on Monday.",
        "During that meeting, they signed a fishing accord.",
    )
    assert found[1] == [("During that meeting", "2019-05-20", "2019-05-20")]


def test_the_time_of_an_event_the_article_dated_is_its_day(nlp: Language) -> None:
    found = article(
        nlp,
        "A fire broke out at the depot on Sunday.",
        "Two guards were on duty at the time of the fire.",
    )
    assert found[1] == [("at the time of the fire", "2019-05-19", "2019-05-19")]


def test_the_time_of_an_event_never_dated_gives_no_date(nlp: Language) -> None:
    found = article(
        nlp,
        "The court will sit again on Monday.",
        "The accused was 16 at the time of the shooting.",
    )
    assert found[1] == []


def test_election_day_is_the_day_the_election_is_held(nlp: Language) -> None:
    found = article(
        nlp,
        "She is a candidate in the mayoral election to be held on June 9.",
        "Her rivals urged voters to stay home on election day.",
    )
    assert found[1] == [("election day", "2019-06-09", "2019-06-09")]


def test_an_event_the_sentence_dates_itself_keeps_its_own_day(nlp: Language) -> None:
    found = article(
        nlp,
        "The senator spoke at a rally on Monday.",
        "She did not appear at the rally on Tuesday.",
    )
    assert found[1] == [("on Tuesday", "2019-05-21", "2019-05-21")]


def test_a_clock_of_the_evening_takes_the_day_as_a_morning_clock_does(nlp: Language) -> None:
    found = article(
        nlp,
        "The ferry left Piraeus on Saturday.",
        "It reached the island at 21:40 with 300 passengers.",
        "The crew had boarded at about 06:15.",
    )
    assert found[1] == [("21:40", "2019-05-18", "2019-05-18")]
    assert found[2] == [("06:15", "2019-05-18", "2019-05-18")]


def test_earlier_in_the_day_and_the_following_morning_follow_the_last_day(
    nlp: Language,
) -> None:
    found = article(
        nlp,
        "The dam burst on Saturday.",
        "Earlier in the day, engineers had reported cracks.",
        "The following morning, the army flew in supplies.",
        "Hours later, the first villagers returned.",
    )
    assert found[1] == [("Earlier in the day", "2019-05-18", "2019-05-18")]
    assert found[2] == [("The following morning", "2019-05-19", "2019-05-19")]
    assert found[3] == [("Hours later", "2019-05-19", "2019-05-19")]


def test_forty_eight_hours_later_is_not_the_same_day(nlp: Language) -> None:
    found = article(nlp, "The dam burst on Saturday.", "Some 48 hours later, rescuers left.")
    assert ("hours later", "2019-05-18", "2019-05-18") not in found[1]


def test_later_that_year_and_that_year_are_the_year_the_article_dated(nlp: Language) -> None:
    found = article(
        nlp,
        "The mine opened on 2 June 2011.",
        "Later that year, the first ore was shipped.",
        "That year, exports doubled.",
    )
    assert found[1] == [("Later that year", "2011-01-01", "2011-12-31")]
    assert found[2] == [("That year", "2011-01-01", "2011-12-31")]


def test_that_year_with_nothing_dated_gives_no_date(nlp: Language) -> None:
    assert article(nlp, "That year, exports doubled.") == [[]]


def test_earlier_in_the_week_is_this_week_before_publication(nlp: Language) -> None:
    found = article(nlp, "The council voted earlier in the week to close the pool.")
    assert found[0] == [("earlier in the week", "2019-05-20", "2019-05-21")]


def test_the_early_hours_of_this_morning_are_today(nlp: Language) -> None:
    found = article(nlp, "The fire started in the early hours of this morning.")
    assert found[0] == [("this morning", "2019-05-22", "2019-05-22")]
