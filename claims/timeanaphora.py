"""Time expressions that refer back to what the article has already dated.

"The same day", "the next day", "that September", "in the same period", "at the time"
and a bare time of day ("at 11:30 am local time") name no date themselves: they take it
from the last date the article established; "since then" runs from its start to the
publication date. ``TimeContext`` remembers that date as
sentences go by; ``refer_back`` finds the expressions of one sentence and resolves them.
If nothing has been dated yet, they are left out (a checker needs days).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from claims.lexicon import MONTHS
from claims.model import TimeSpan
from claims.timeresolve import covering

_DAY_SHIFTS = {"same": 0, "next": 1, "following": 1, "previous": -1, "before": -1, "after": 1}
_SAME_DAY = re.compile(
    r"\b(?:(?:on|later|earlier)\s+)?(?:the\s+(?P<which>same|next|following|previous)\s+day"
    r"|that\s+(?:same\s+)?(?P<that>day|morning|afternoon|evening|night)"
    r"|the\s+(?P<part>day|night|morning|afternoon|evening)['’]s"  # "the night's incidents"
    r"|the\s+day\s+(?P<rel>before|after)(?!\s+(?:the|a|an|his|her|their|its)\b))\b",
    re.IGNORECASE,
)
_SAME_PERIOD = re.compile(
    r"\b(?:(?:in|during|over)\s+)?(?:the\s+same\s+(?P<unit>period|time|week|month|year)"
    r"|(?:this|that)\s+period|(?<!same\s)at\s+(?:the|that)\s+time(?:\s+of\s+the\s+\w+)?)\b",
    re.IGNORECASE,
)
_SINCE_THEN = re.compile(r"\b(?:ever\s+)?since\s+(?:then|that\s+time)\b", re.IGNORECASE)
_PARTS = re.compile(r"\b(night|morning|afternoon|evening)\b")
_AT_BEFORE = re.compile(r"\bat\s+(?:nearly\s+|about\s+|roughly\s+)?$", re.IGNORECASE)
_AS_AFTER = re.compile(r"\s+as\b")  # "at the same time as his speech": not back
_THAT_MONTH = re.compile(rf"\b(?:in\s+)?that\s+(?P<month>{'|'.join(MONTHS)})\b")
_CLOCK = re.compile(
    r"(?<![\w:.])(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.])(?P<m>[0-5]\d)(?![:\d]))?\s*"
    r"(?P<ampm>(?i:[ap]\.?m\.?)(?![a-z]))?(?:\s+(?P<zone>local\s+time|[A-Z]{2,4}\b))?"
)
# A clock without "am"/"pm" or a zone needs a preposition of time: "at 15:30", not a race
# time ("2:14:04") or a name ("the Ineos 1:59 Challenge").
_CLOCK_BEFORE = re.compile(
    r"\b(?:at|around|about|by|after|before|until|till|from|since|approximately|just)\s+$",
    re.IGNORECASE,
)


@dataclass
class TimeContext:
    """What the article has dated so far: the days its last dated sentence covers (all of its
    times together) and the last single day it named."""

    published: date | None = None
    last: TimeSpan | None = None
    last_day: date | None = None
    last_past_day: date | None = None  # not after publication: what a past-tense clock takes
    parts: dict[str, date] = field(default_factory=dict)  # "Friday night": "that night"

    def update(self, times: Sequence[TimeSpan], text: str = "") -> None:
        """Take in a sentence's times: its widest period, else all its days together."""
        dated = [t for t in times if t.start is not None and t.end is not None]
        if not dated:
            return
        periods = [t for t in dated if t.start != t.end]
        if periods:  # "from 2013 to 2019" rather than the "March" of a study's date
            self.last = max(periods, key=_length)
        else:  # "started on March 1, planned till March 10"
            start = min(t.start for t in dated if t.start is not None)
            end = max(t.end for t in dated if t.end is not None)
            self.last = TimeSpan("", start, end)
        days = [t.start for t in dated if t.start is not None and t.start == t.end]
        self.last_day = days[-1] if days else self.last_day
        for span in dated:  # "Friday night", "on Tuesday morning": the text after counts
            words = span.text + text[span.char_end : span.char_end + 10]
            for part in _PARTS.findall(words.lower()):
                if span.start is not None and span.start == span.end:
                    self.parts[part] = span.start
        past = [d for d in days if self.published is None or d <= self.published]
        self.last_past_day = past[-1] if past else self.last_past_day


def refer_back(
    text: str, times: Sequence[TimeSpan], context: TimeContext, past: bool = False
) -> list[TimeSpan]:
    """The expressions of ``text`` that take their date from ``context``, resolved.

    A time of day in a past-tense sentence ("the train left at 11:30 am") takes the last
    day not after publication: "ahead of Sunday's vote" does not date it.
    """
    taken = [(t.char_start, t.char_end) for t in times]
    found: list[TimeSpan] = []

    def add(start: int, end: int, days: tuple[date, date] | None) -> None:
        if days is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(TimeSpan(text[start:end], days[0], days[1], start, end))

    for match in _SAME_DAY.finditer(text):
        if _AS_AFTER.match(text, match.end()):
            continue  # "on the same day as the Scottish court": the day of something else
        word = (match["which"] or match["rel"] or "same").lower()
        part = (match["that"] or match["part"] or "").lower()
        day = _day_before(times, match.start(), context.parts.get(part, context.last_day))
        if day is not None:
            shifted = day + timedelta(days=_DAY_SHIFTS[word])
            add(match.start(), match.end(), (shifted, shifted))
    for match in _SAME_PERIOD.finditer(text):
        last = _span_before(times, match.start(), context.last)
        simultaneous = (match["unit"] or "").lower() == "time" and (
            _AT_BEFORE.search(text, 0, match.start()) or _AS_AFTER.match(text, match.end())
        )
        if last is not None and last.start and last.end and not simultaneous:
            add(match.start(), match.end(), _widened(last.start, last.end, match["unit"]))
    for match in _SINCE_THEN.finditer(text):  # "since then": from what was dated, up to now
        last = _span_before(times, match.start(), context.last)
        published = context.published
        if last is not None and last.start and published is not None and last.start <= published:
            add(match.start(), match.end(), (last.start, published))
    for match in _THAT_MONTH.finditer(text):
        last = _span_before(times, match.start(), context.last)
        if last is not None and last.start is not None:
            month = MONTHS.index(match["month"]) + 1
            add(match.start(), match.end(), covering(last.start.year, month))
    has_day = any(t.start is not None and t.start == t.end for t in times)
    clock = next((m for m in _CLOCK.finditer(text) if _is_clock(m, text)), None)
    day = context.last_past_day if past else context.last_day
    if clock is not None and day is not None and not has_day:
        end = clock.start() + len(clock.group().rstrip())
        add(clock.start(), end, (day, day))
    return found


def _day_before(times: Sequence[TimeSpan], position: int, otherwise: date | None) -> date | None:
    """The last single day the sentence names before ``position``, else the article's."""
    days = [t.start for t in times if t.char_end <= position and t.start and t.start == t.end]
    return days[-1] if days else otherwise


def _span_before(
    times: Sequence[TimeSpan], position: int, otherwise: TimeSpan | None
) -> TimeSpan | None:
    spans = [t for t in times if t.char_end <= position and t.start and t.end]
    return spans[-1] if spans else otherwise


def _length(span: TimeSpan) -> int:
    return (span.end - span.start).days if span.start and span.end else 0


def _widened(start: date, end: date, unit: str | None) -> tuple[date, date] | None:
    """ "The same week/month/year" as the last span: the whole week, month or year."""
    unit = (unit or "").lower()
    if unit == "week":
        monday = start - timedelta(days=start.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "month":
        return covering(start.year, start.month)
    if unit == "year":
        return covering(start.year)
    return start, end


def _is_clock(match: re.Match[str], text: str) -> bool:
    """ "11:30 am", "09:09am local time", "at 22:00", "3 p.m."; not "1.30 metres"."""
    if match["ampm"] or (match["sep"] and match["zone"]):
        return True
    return match["sep"] == ":" and _CLOCK_BEFORE.search(text, 0, match.start()) is not None
