"""Time expressions that refer back to what the article has already dated.

"The same day", "the next day", "that September", "in the same period", "at the time"
and a bare time of day ("at 11:30 am local time") name no date themselves: they take it
from the last date the article established. ``TimeContext`` remembers that date as
sentences go by; ``refer_back`` finds the expressions of one sentence and resolves them.
If nothing has been dated yet, they are left out (a checker needs days).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Span

from claims.attribution import quoted_regions
from claims.lexicon import MONTHS, NUMBER_WORDS
from claims.model import TimeSpan
from claims.timeevents import EVENT_NOUNS, dated_events, refer_to_events
from claims.timeresolve import covering

_DAY_SHIFTS = {"same": 0, "next": 1, "following": 1, "previous": -1, "before": -1, "after": 1}
_SAME_DAY = re.compile(
    r"\b(?:(?:on|later|earlier|by)\s+)?(?:the\s+(?P<which>same|next|following|previous)\s+"
    r"(?:day|morning|afternoon|evening|night)"
    r"|(?:earlier|later)\s+in\s+the\s+day|the\s+end\s+of\s+the\s+day"
    r"|the\s+first\s+day(?!\s+(?:of|in|at|since)\b)"  # "protested alone on the first day"
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
# "later that year", "earlier in the month", "that same year": of the last span, else of the
# publication's week, month or year, cut at publication
_IN_PERIOD = re.compile(
    r"\b(?:(?P<way>earlier|later)\s+(?:in\s+the|that)\s+(?P<unit>week|month|year)"
    r"|(?:by\s+)?the\s+end\s+of\s+that\s+(?P<end>month|year)"
    r"|(?<!same\s)(?:in\s+)?that\s+(?:same\s+)?(?P<that>year))\b(?!['’]s)",
    re.IGNORECASE,
)
# "hours later", "a few hours earlier": the same day; "48 hours later" counts
_HOURS_LATER = re.compile(
    r"\b(?:(?:a\s+few|several|just|only|mere|some)\s+)?(?:hours|minutes)\s+"
    r"(?:later|earlier|afterwards)\b",
    re.IGNORECASE,
)
_SINCE_THEN = re.compile(r"\b(?:ever\s+)?since\s+(?:then|that\s+time)\b", re.IGNORECASE)
# "by the evening", "in the afternoon": a part of the day the article is telling of
_DAY_PART = re.compile(
    r"\b(?:in|by|during|throughout|until|till)\s+the\s+(?:early\s+|late\s+)?"
    r"(?P<part>morning|afternoon|evening|night)(?:\s+hours)?\b(?!\s+(?:of|before|after)\b)",
    re.IGNORECASE,
)
_COUNT_WORDS = sorted((w for w, n in NUMBER_WORDS.items() if 1 <= n <= 99), key=len, reverse=True)
_DAYS_LATER = re.compile(
    rf"\b(?P<n>a|an|{'|'.join(_COUNT_WORDS)}|\d{{1,3}})\s+(?P<unit>day|week|month|year)s?\s+"
    r"(?P<way>earlier|later|(?:before|after)\b(?!\s+(?:the|a|an|his|her|their|its|this|that"
    r"|he|she|they|it|(?-i:[A-Z0-9]))))\b",  # "two days after", not "a day after the vote"
    re.IGNORECASE,
)
_QUOTED_DAY = re.compile(
    r"(?i:yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)"
)
_RECENT_DAYS = 7  # a quotation reported in the past is from the story's own days
_NEXT_PERIOD = re.compile(
    r"\bthe\s+(?P<way>previous|preceding|following|next)\s+(?P<unit>week|month|year)\b",
    re.IGNORECASE,
)
_COUNTS = {"a": 1, "an": 1} | {word: int(n) for word, n in NUMBER_WORDS.items() if 1 <= n <= 99}
_COUNTED = re.compile(rf"(?:\d|\b(?:{'|'.join(_COUNT_WORDS)}))\s*$", re.IGNORECASE)
_PARTS = re.compile(r"\b(night|morning|afternoon|evening)\b")
_AT_BEFORE = re.compile(r"\bat\s+(?:nearly\s+|about\s+|roughly\s+)?$", re.IGNORECASE)
_AS_AFTER = re.compile(r"\s+as\b")  # "at the same time as his speech": not back
_THAT_MONTH = re.compile(rf"\b(?:(?i:in)\s+)?(?i:that)\s+(?P<month>{'|'.join(MONTHS)})\b")
_CLOCK = re.compile(
    r"(?<![\w:.])(?P<h>2[0-3]|[01]?\d)(?:(?P<sep>[:.])(?P<m>[0-5]\d)(?![:\d]))?\s*"
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
    events: dict[str, tuple[date, date]] = field(default_factory=dict)  # "the rally"

    def update(self, times: Sequence[TimeSpan], text: str = "", sent: Span | None = None) -> None:
        """Take in a sentence's times: its widest period, else all its days together, and
        the events of ``sent`` they date."""
        dated = [t for t in times if t.start is not None and t.end is not None]
        if not dated:
            return
        if sent is not None:
            self.events |= dated_events(sent, dated)
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
    text: str,
    times: Sequence[TimeSpan],
    context: TimeContext,
    past: bool = False,
    sent: Span | None = None,
) -> list[TimeSpan]:
    """The expressions of ``text`` that take their date from ``context``, resolved; with
    ``sent``, also the events the article dated ("during the rally").

    A time of day in a past-tense sentence ("the train left at 11:30 am") takes the last
    day not after publication: "ahead of Sunday's vote" does not date it.
    """
    found = refer_to_events(sent, times, context.events) if sent is not None else []
    taken = [(t.char_start, t.char_end) for t in [*times, *found]]

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
        if match.group().split()[-1].lower() in EVENT_NOUNS:
            continue  # "at the time of the incident": only the day the article gave it
        last = _span_before(times, match.start(), context.last)
        simultaneous = (match["unit"] or "").lower() == "time" and (
            _AT_BEFORE.search(text, 0, match.start()) or _AS_AFTER.match(text, match.end())
        )
        if last is not None and last.start and last.end and not simultaneous:
            add(match.start(), match.end(), _widened(last.start, last.end, match["unit"]))
    for match in _IN_PERIOD.finditer(text):
        unit = (match["unit"] or match["end"] or match["that"]).lower()
        last = _span_before(times, match.start(), context.last)
        if last is not None and last.start is not None:
            add(match.start(), match.end(), _widened(last.start, last.start, unit))
        elif match["way"] and context.published is not None:
            add(match.start(), match.end(), _cut(context.published, unit, match["way"]))
    for match in _HOURS_LATER.finditer(text):
        if _COUNTED.search(text, 0, match.start()):
            continue  # "48 hours later": _DAYS_LATER's, in days
        day = _day_before(times, match.start(), context.last_day)
        if day is not None:
            add(match.start(), match.end(), (day, day))
    for match in _THAT_MONTH.finditer(text):
        last = _span_before(times, match.start(), context.last)
        if last is not None and last.start is not None:
            month = MONTHS.index(match["month"]) + 1
            add(match.start(), match.end(), covering(last.start.year, month))
    if context.published is not None:
        for match in _SINCE_THEN.finditer(text):
            last = _span_before(times, match.start(), context.last)
            if last is not None and last.start is not None and last.start <= context.published:
                add(match.start(), match.end(), (last.start, context.published))
    for match in _DAYS_LATER.finditer(text):
        count = _COUNTS.get(match["n"].lower()) or int(match["n"])
        count *= -1 if match["way"].lower() in ("earlier", "before") else 1
        unit = match["unit"].lower()
        if unit in ("day", "week"):
            day = _day_before(times, match.start(), context.last_day)
            if day is not None:
                add(match.start(), match.end(), _counted((day, day), count, unit))
        elif (last := _span_before(times, match.start(), context.last)) and last.start and last.end:
            add(match.start(), match.end(), _counted((last.start, last.end), count, unit))
    for match in _NEXT_PERIOD.finditer(text):
        unit = match["unit"].lower()
        last = _span_before(times, match.start(), context.last)
        anchor = last.start if last is not None and _within(last, unit) else context.published
        if anchor is not None:  # "the previous month" after only a year: before publication
            step = -1 if match["way"].lower() in ("previous", "preceding") else 1
            add(match.start(), match.end(), _next_period(anchor, step, unit))
    has_day = any(t.start is not None and t.start == t.end for t in times)
    day = context.last_past_day if past else context.last_day
    for match in _DAY_PART.finditer(text if past else ""):  # "most vocal in the morning": any
        part_day = context.parts.get(match["part"].lower(), day)
        if part_day is not None and not has_day:
            add(match.start(), match.end(), (part_day, part_day))
    clock = next((m for m in _CLOCK.finditer(text) if _is_clock(m, text)), None)
    if clock is not None and day is not None and not has_day:
        end = clock.start() + len(clock.group().rstrip())
        add(clock.start(), end, (day, day))
    return found


def requote(sent: Span, times: Sequence[TimeSpan], context: TimeContext) -> list[TimeSpan]:
    """``times`` with the "today" and "yesterday" of a quotation counted from the day it
    was spoken: the day the sentence names outside the quotation, else the last past day
    the article told of when the quotation is reported in the past ("said").

    "“It is a proud day today,” she said", in a story of Thursday's run published on Friday,
    is Thursday.
    """
    published, text = context.published, sent.text
    regions = quoted_regions(text)
    if published is None or not regions:
        return list(times)

    def quoted(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in regions)

    outside = [t for t in sent if not quoted(t.idx - sent.start_char, t.idx - sent.start_char)]
    if not any(t.tag_ == "VBD" for t in outside):
        return list(times)
    own = [
        t.start
        for t in times
        if t.start and t.start == t.end and not quoted(t.char_start, t.char_end)
    ]
    recent = context.last_past_day
    recent = recent if recent and 0 < (published - recent).days <= _RECENT_DAYS else None
    spoken = own[-1] if own else recent
    if spoken is None or spoken == published:
        return list(times)
    result = []
    for span in times:
        relative = _QUOTED_DAY.fullmatch(span.text) and span.start and span.start == span.end
        if relative and span.start and quoted(span.char_start, span.char_end):
            day = spoken + (span.start - published)
            span = TimeSpan(span.text, day, day, span.char_start, span.char_end)
        result.append(span)
    return result


def _counted(days: tuple[date, date], count: int, unit: str) -> tuple[date, date] | None:
    """ "Two days earlier" is that day; "four years earlier", like "four years ago", that
    calendar month, or that year when the article dated only a year ("in 1937 ... 83
    years later")."""
    start, end = days
    if unit in ("day", "week"):
        shifted = start + timedelta(days=count * (7 if unit == "week" else 1))
        return shifted, shifted
    if unit == "year" and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return covering(start.year + count)
    months = start.year * 12 + start.month - 1 + count * (12 if unit == "year" else 1)
    return covering(months // 12, months % 12 + 1)


def _within(span: TimeSpan, unit: str) -> bool:
    """Whether ``span`` lies inside one week, month or year: a month follows a month."""
    start, end = span.start, span.end
    if start is None or end is None:
        return False
    if unit == "week":
        return (end - start).days < 7 and start.weekday() <= end.weekday()
    return start.year == end.year and (unit == "year" or start.month == end.month)


def _next_period(day: date, step: int, unit: str) -> tuple[date, date] | None:
    """ "The following month", "the previous year": the whole one next to ``day``'s."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6)
    if unit == "year":
        return covering(day.year + step)
    months = day.year * 12 + day.month - 1 + step
    return covering(months // 12, months % 12 + 1)


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


def _cut(published: date, unit: str, way: str) -> tuple[date, date] | None:
    """ "Earlier in the week": from its start to the day before publication; "later in the
    year": from publication to its end."""
    whole = _widened(published, published, unit)
    if whole is None:
        return None
    if way.lower() == "earlier":
        day_before = published - timedelta(days=1)
        return (whole[0], day_before) if whole[0] <= day_before else None
    return published, whole[1]


def _is_clock(match: re.Match[str], text: str) -> bool:
    """ "11:30 am", "09:09am local time", "at 22:00", "3 p.m."; not "1.30 metres"."""
    if match["ampm"] or (match["sep"] and match["zone"]):
        return True
    return match["sep"] == ":" and _CLOCK_BEFORE.search(text, 0, match.start()) is not None
