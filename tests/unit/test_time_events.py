"""Phrases that take their date from an event the article dated ("during the rally",
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
