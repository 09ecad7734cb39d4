"""What a time expression says, before any calendar arithmetic: the ``TimeRef`` kinds
``claims.timeparse`` builds ("April 30" is a ``CalendarRef``, "last week" a ``PeriodRef``)
and the names and holidays they use. ``claims.timeresolve`` turns them into days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from claims.lexicon import MONTHS, WEEKDAYS

Days = tuple[date, date]
Unit = Literal["week", "weekend", "month", "year"]
Part = Literal["all", "earlier", "later", "early", "mid", "late", "start", "end"]
WeekdayMode = Literal["bare", "last", "this", "next"]
Direction = Literal["past", "future", "nearest"]
Shade = Literal["early", "mid", "late"]

MONTH_NAMES = MONTHS
WEEKDAY_NAMES = WEEKDAYS
# Holidays on the same day every year, keyed by their name in lower case without
# apostrophes or full stops. Movable feasts (Easter, Thanksgiving) need rules, and an
# unqualified "Independence Day" falls on a different day in each country.
HOLIDAYS = {
    "new years day": (1, 1),
    "valentines day": (2, 14),
    "st patricks day": (3, 17),
    "saint patricks day": (3, 17),
    "fourth of july": (7, 4),
    "july fourth": (7, 4),
    "independence day": (7, 4),  # only after "U.S.", "US", "American" or "America's"
    "bastille day": (7, 14),
    "halloween": (10, 31),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "boxing day": (12, 26),
    "new years eve": (12, 31),
    "international womens day": (3, 8),
    "earth day": (4, 22),
    "world aids day": (12, 1),
    "armistice day": (11, 11),
    "remembrance day": (11, 11),
}
DECADE_THIRDS: dict[Shade, tuple[int, int]] = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}


@dataclass(frozen=True)
class CalendarRef:
    """A calendar date, possibly partial: "2017", "May 2019", "April 30", "January"."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_offset: int | None = None  # "March last year": the year counted from publication
    direction: Direction | None = None  # "last March": overrides how the sentence reads
    weekday: int | None = None  # "Wednesday, July 31": picks the year when none is written
    shade: Shade | None = None  # "early September": a third of the month or year
    feast: str | None = None  # "Good Friday": a holiday whose day moves (claims.timefeasts)


@dataclass(frozen=True)
class RangeRef:
    """From the first day of ``first`` to the last day of ``last``."""

    first: CalendarRef
    last: CalendarRef


@dataclass(frozen=True)
class WeekdayRef:
    weekday: int  # Monday is 0
    mode: WeekdayMode = "bare"


@dataclass(frozen=True)
class WeekdayRange:
    """ "Wednesday through Friday": from the first weekday to the next ``last`` after it."""

    first: WeekdayRef
    last: WeekdayRef


@dataclass(frozen=True)
class DayShift:
    days: int  # "yesterday" is -1


@dataclass(frozen=True)
class PeriodRef:
    """A calendar week (Monday to Sunday), its weekend, a month or a year counted from
    publication: "last week" is -1, "two years ago" -2."""

    unit: Unit
    offset: int
    # "earlier this year" ends at publication, "later" starts there; "late last year"
    # is a third of the year; "the start of the year" its first month, "the end of the
    # month" its last ten days
    part: Part = "all"


@dataclass(frozen=True)
class PartRef:
    """A quarter or half of a year written without one: "the third quarter", "the first
    half of this year" (``year_offset`` 0)."""

    number: int  # 1-based
    months: int  # 3 for a quarter, 6 for a half
    year_offset: int | None = None


@dataclass(frozen=True)
class SpanBack:
    """ "Over the last four years": from the start of that calendar month (week, day)
    ``count`` units back, up to publication."""

    unit: Literal["day", "week", "month"]
    count: int


@dataclass(frozen=True)
class DayRange:
    """ "From tomorrow night into Friday morning": from one day to the next such day."""

    first: DayShift | WeekdayRef
    last: DayShift | WeekdayRef


@dataclass(frozen=True)
class SeasonRef:
    """A meteorological season (northern): spring is March to May, summer June to August,
    autumn September to November, winter December to February of the next year."""

    season: int  # 0 spring, 1 summer, 2 autumn, 3 winter
    year: int | None = None  # the year it begins in: "the winter of 2006–07" is 2006
    mode: WeekdayMode = "bare"  # "last summer", "this winter", "next spring"
    shade: Shade | None = None  # "late summer": its last month


TimeRef = (
    SeasonRef
    | CalendarRef
    | RangeRef
    | WeekdayRef
    | WeekdayRange
    | DayShift
    | PeriodRef
    | PartRef
    | SpanBack
    | DayRange
)
