"""Find the time expressions in a sentence and resolve them to calendar days.

One scan of the sentence text (``claims.timeforms``) finds the candidates ("April 30",
"from February to April", "last week", "resigned Tuesday", "early September", "Christmas
Eve"); spaCy's entities then vet the ambiguous ones: a bare "2017" or "May" counts only
inside a DATE entity or after a preposition ("in May"), and nothing inside a name, an
amount or a count does ("Theresa May", "USA Today", "2000 people"). Vague phrases the NER
also tags DATE ("in the days since", "weeks ago", "for three years") match no pattern and
are left out: a checker needs days, not impressions. Times of day are not dates. "Since
X" runs from X to publication, also when X is an event dated in its clause ("since he took
office in 2017").
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TypeGuard

from spacy.tokens import Span, Token

from claims.model import TimeSpan
from claims.timecontext import clause_tense, is_date, reading_direction
from claims.timeforms import AND_DAY, FORM_PATTERNS, HOLIDAY_IN, ON_BEFORE, SCAN, VETTING
from claims.timeparse import parse
from claims.timerefs import WEEKDAY_NAMES, CalendarRef, PeriodRef, WeekdayRef
from claims.timeresolve import covering, resolve

_THAT = re.compile(r"\b[Tt]hat\s+$")
_SINCE = re.compile(r"\b(?i:ever\s+)?[Ss]ince\s+$")
_NOT_FIRST_NAMES = frozenset(
    {"in", "on", "since", "until", "by", "from", "through", "before", "after", "during"}
    | {"early", "late", "mid", "last", "next", "this", "of", "and", "or", "to", "the", "until"}
    | {day.lower() for day in WEEKDAY_NAMES}
)
# "in May's elections", "since May's vote": a month; "at/over May's deal": a person
_MONTH_PREPOSITIONS = frozenset({"in", "since", "until", "by", "during", "of", "before", "after"})
_ZONE = re.compile(r"\b(?:UTC|GMT)\b")
_GENERIC_TODAY = re.compile(r"(?<!\bas\s)\bof\s+$", re.IGNORECASE)
# "on Tuesday last week", "Friday of next week": a weekday of a week counted from publication
_WEEK_AFTER = re.compile(r"\s+(?:of\s+)?(?P<rel>(?i:last|this|next))\s+(?i:week)\b(?!\s*['’]s)")
_RELATIVE_WEEKS = {"last": -1, "this": 0, "next": 1}
_CLAUSE_BREAKS = frozenset({"relcl", "ccomp", "conj", "parataxis", "appos", "acl"})


def extract_times(sent: Span, published: date | None) -> list[TimeSpan]:
    """The time expressions in ``sent``, each resolved against ``published``.

    Offsets are relative to the sentence. A relative expression in a document without
    a publication date is kept with ``start`` and ``end`` None, so callers can flag it.
    """
    found: list[TimeSpan] = []
    skip_until = 0
    named_year: int | None = None  # "In the 2016 election ... until June": June 2016
    for match in SCAN.finditer(sent.text):
        kind = match.lastgroup or ""
        if match.start() < skip_until:
            continue  # the "last week" of "on Monday last week"
        if kind == "holiday":
            match = _without_counted_number(sent, match)
        if _restated(sent.text, match.start()):
            continue  # "8 p.m. AST on Wednesday (0000 UTC Thursday)": the same moment again
        if kind == "month" and _surname(sent, match):
            continue  # "May's Brexit deal" where the article names Theresa May
        if kind == "in_back" and not _superlative_before(sent, match.start()):
            continue  # "in two years" is when, unless "the highest in two years"
        if kind == "dayword" and _generic_today(sent.text, match):
            continue  # "the women of today": our times, not a day
        if kind == "month" and _THAT.search(sent.text, max(0, match.start() - 6), match.start()):
            continue  # "that April": the April the article has dated (claims.timeanaphora)
        ref = parse(kind, match)
        tokens = sent.doc.char_span(  # strict: "1430" inside "No. 1430/2019" is no date
            sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="strict"
        )
        if ref is None or tokens is None:
            continue
        vetting = VETTING.get(kind, "certain")
        if kind.startswith("range") and HOLIDAY_IN.search(match.group()):
            vetting = "holiday"  # "from Christmas Eve to New Year's Day": the NER says EVENT
        if not is_date(tokens, sent, vetting):
            continue
        direction = reading_direction(tokens, sent)
        if isinstance(ref, CalendarRef) and ref.year is not None and ref.year_offset is None:
            named_year = ref.year
        elif named_year is not None and _takes_year(ref, tokens):
            ref = replace(ref, year=named_year)
        since = None if kind.startswith("range") else _since(sent, tokens, match.start())
        days = resolve(ref, published, "past" if since is not None else direction)
        if days is None and published is not None:
            continue  # impossible ("from 2019 to 2017"), not merely unanchored
        start = match.start()
        if kind == "weekday" and ON_BEFORE.search(sent.text, max(0, start - 4), start):
            start -= 3
        week = _WEEK_AFTER.match(sent.text, match.end()) if kind == "weekday" else None
        if week is not None and isinstance(ref, WeekdayRef) and ref.mode == "bare" and published:
            days = _day_of_week(ref.weekday, _RELATIVE_WEEKS[week["rel"].lower()], published)
            found.append(_span(sent.text, start, week.end(), days))
            skip_until = week.end()
            continue
        if since is not None and published is not None and days and days[0] <= published:
            days, start = (days[0], published), since  # "since Tuesday": up to now
        if kind == "dm_pair" and isinstance(ref, CalendarRef):
            parts = FORM_PATTERNS[kind].fullmatch(sent.text, match.start(), match.end())
            if parts is not None:  # "12 and 13 May": 12 May first
                first = replace(ref, day=int(parts["d1"].rstrip("stndrh")), weekday=None)
                valid = covering(2000, first.month or 1, first.day) is not None
                earlier = resolve(first, published, direction) if valid else None
                found.append(_span(sent.text, start, parts.end("d1"), earlier))
                start = parts.start("d")
        found.append(_span(sent.text, start, match.end(), days))
        extra = AND_DAY.match(sent.text, match.end()) if kind == "md" else None
        if extra is not None and isinstance(ref, CalendarRef):
            day = int(extra["d"].rstrip("stndrh"))
            valid = covering(2000, ref.month or 1, day) is not None
            second = replace(ref, day=day, weekday=None) if valid else None
            days = resolve(second, published, direction) if second else None
            if days is not None or (second is not None and published is None):
                found.append(_span(sent.text, extra.start("d"), extra.end(), days))
    return found


def _takes_year(ref: object, tokens: Span) -> TypeGuard[CalendarRef]:
    """A month or a day of a month with no year of its own, nor one counted from
    publication, in a clause of the past or present: it takes the year the sentence named
    before it (not "... in 2005 and was due to stand down in August")."""
    return (
        isinstance(ref, CalendarRef)
        and clause_tense(tokens) in ("past", "present")
        and ref.year is None
        and ref.year_offset is None
        and ref.month is not None
        and ref.feast is None
        and ref.weekday is None
        and ref.direction is None  # not "last March", "next June"
    )


def _day_of_week(weekday: int, offset: int, published: date) -> tuple[date, date] | None:
    """ "Tuesday last week": that weekday of the week ``offset`` weeks from publication's."""
    week = resolve(PeriodRef("week", offset), published, "past")
    if week is None:
        return None
    day = week[0] + timedelta(days=weekday - week[0].weekday())
    return day, day


def _since(sent: Span, tokens: Span, start: int) -> int | None:
    """Where the "since" of "since X" starts when the expression is X or dates it: "since
    2016", "since commencing work in 2016", "since he took office in 2017"."""
    if found := _SINCE.search(sent.text, max(0, start - 12), start):
        return found.start()
    token = tokens.root
    for _ in range(6):
        head = token.head
        if head.i == token.i or token.dep_ in _CLAUSE_BREAKS:
            return None
        marks = [c for c in head.children if c.dep_ == "mark" and c.lower_ == "since"]
        if marks and not _perfect(head.head):
            return None  # "is less violent, since it was retaken in 2017": a reason
        if head.lower_ == "since" or marks:
            since = head if head.lower_ == "since" else marks[0]
            near = 0 < tokens.start - since.i <= 15
            return since.idx - sent.start_char if near else None
        if head.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return None  # a clause of its own: "since 2010, when it rose in 2012"
        token = head
    return None


def _superlative_before(sent: Span, start: int) -> bool:
    """Whether a superlative or "the first" comes before ``start`` in the clause: "the
    biggest rally in a decade", "for the first time in 20 years", "the worst since"."""
    for token in reversed([t for t in sent if t.idx - sent.start_char < start]):
        if token.tag_ in ("JJS", "RBS") or token.lower_ == "first":
            return True
        if token.tag_ in ("VBD", "VBZ", "VBP", "MD") or token.text in (";", ":"):
            return False
    return False


def _restated(text: str, start: int) -> bool:
    """Whether ``start`` is inside parentheses that give a moment in UTC or GMT."""
    opening = text.rfind("(", 0, start)
    if opening < 0 or ")" in text[opening:start]:
        return False
    closing = text.find(")", start)
    inner = text[opening : closing if closing >= 0 else len(text)]
    return _ZONE.search(inner) is not None and any(c.isdigit() for c in inner)


def _surname(sent: Span, match: re.Match[str]) -> bool:
    """A month with "'s" that is a person's name: where the text names someone with that
    surname, or where no preposition of time comes before it ("over May's Brexit deal")."""
    word = match.group()
    if not sent.text.startswith(("'s", "’s"), match.end()):
        return False
    for named in re.finditer(rf"\b([A-Z][a-z]+)\s+{word}\b(?!\s*\d)", sent.doc.text):
        if named[1].lower() not in _NOT_FIRST_NAMES:
            return True  # "Theresa May" the small model may not tag as a person
    before = re.search(r"(\w+)\W*$", sent.text[: match.start()])
    return before is None or before[1].lower() not in _MONTH_PREPOSITIONS  # "at May's deal"


def _generic_today(text: str, match: re.Match[str]) -> bool:
    """ "The women of today": our times; "the impact of today's vote" is a day."""
    after = text[match.end() : match.end() + 2]
    if match.group().lower() != "today":
        return False  # "in the early hours of this morning", "the events of yesterday"
    return not after.startswith(("'s", "’s")) and bool(
        _GENERIC_TODAY.search(text, 0, match.start())
    )


def _perfect(verb: Token) -> bool:
    """ "Has fallen", "had lived", "has been growing": a clause that runs up to a time."""
    words = {child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass")}
    return bool(words & {"has", "have", "had", "'s", "’s", "'ve", "’ve"})


def _without_counted_number(sent: Span, match: re.Match[str]) -> re.Match[str]:
    """The holiday alone when the "year" after it counts a noun: "On Christmas Eve 1500
    homes lost power" is about 1500 homes, not the year 1500."""
    parts = FORM_PATTERNS["holiday"].fullmatch(match.string, match.start(), match.end())
    if parts is None or parts["y"] is None:
        return match
    offset = sent.start_char
    year = sent.doc.char_span(offset + parts.start("y"), offset + parts.end("y"))
    if year is None:
        return match
    head, after = year.root.head, sent.doc[year.end] if year.end < sent.end else None
    counted = head.i > year.root.i and head.pos_ in ("NOUN", "PROPN")
    if not counted and (after is None or after.tag_ != "NNS"):
        return match  # "Christmas Day 2018", "on Christmas Eve 2018, he left"
    holiday = FORM_PATTERNS["holiday"].fullmatch(match.string, match.start(), parts.end("hol"))
    return holiday or match


def _span(text: str, start: int, end: int, days: tuple[date, date] | None) -> TimeSpan:
    return TimeSpan(
        text=text[start:end],
        start=days[0] if days else None,
        end=days[1] if days else None,
        char_start=start,
        char_end=end,
    )
