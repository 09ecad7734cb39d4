"""Calendar arithmetic for time expressions: which days a parsed expression covers.

Every function is pure. ``resolve`` returns inclusive ``(start, end)`` dates, or None
when the expression is relative and there is no publication date to anchor it.
Weeks run Monday to Sunday. Year-less dates and bare weekdays are read in a direction:
"past" takes the latest occurrence not after publication (news reports the past; the
publication day itself counts), "future" the first not before it, and "nearest" the
closer of the two (ties go to the past).

"Early", "mid" and "late" split a period into thirds that do not overlap, so each part
keeps its days inside the whole: a month into days 1-10, 11-20 and 21 to its end, a year
into January-April, May-August and September-December, a decade into its years 0-3, 4-6
and 7-9 ("the late 1990s" is 1997-1999). A week is too short to split reliably and
stays whole.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta

from claims.timefeasts import feast_day
from claims.timerefs import (
    CalendarRef,
    DayRange,
    Days,
    DayShift,
    Direction,
    PartRef,
    PeriodRef,
    RangeRef,
    SeasonRef,
    Shade,
    SpanBack,
    TimeRef,
    WeekdayRange,
    WeekdayRef,
)

_STALE_DAYS, _SOON_DAYS = 200, 31
_DAY_THIRDS: dict[Shade, tuple[int, int]] = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_MONTH_THIRDS: dict[Shade, tuple[int, int]] = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}


def resolve(ref: TimeRef, published: date | None, direction: Direction = "past") -> Days | None:
    """The days ``ref`` covers, read from a text published on ``published``; None too when
    they fall outside the calendar Python can hold (years 1 to 9999), as "next year" does
    in a text dated 9999-12-31."""
    try:
        return _resolve(ref, published, direction)
    except (OverflowError, ValueError):  # date(10000, 1, 1), date.min - timedelta(days=1)
        return None


def _resolve(ref: TimeRef, published: date | None, direction: Direction) -> Days | None:
    if isinstance(ref, CalendarRef):
        return _calendar(ref, published, direction)
    if isinstance(ref, RangeRef):
        return _range(ref, published, direction)
    if isinstance(ref, SeasonRef):
        return _season(ref, published, direction)
    if published is None:
        return None
    if isinstance(ref, WeekdayRef):
        day = _weekday(ref, published, direction)
        return day, day
    if isinstance(ref, WeekdayRange):
        start = _weekday(ref.first, published, direction)
        return start, start + timedelta(days=(ref.last.weekday - ref.first.weekday) % 7)
    if isinstance(ref, DayShift):
        day = published + timedelta(days=ref.days)
        return day, day
    if isinstance(ref, PartRef):
        return _part(ref, published, direction)
    if isinstance(ref, SpanBack):
        return _span_back(ref, published), published
    if isinstance(ref, DayRange):
        return _day_range(ref, published, direction)
    return _period(ref, published, direction)


def covering(year: int, month: int | None = None, day: int | None = None) -> Days | None:
    """The days of a year, a month or a single day; None for an impossible date."""
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return _month_days(year, month)
        single = date(year, month, day)
    except ValueError:  # no such day, or a year outside 1 to 9999
        return None
    return single, single


def _calendar(ref: CalendarRef, published: date | None, direction: Direction) -> Days | None:
    year = ref.year
    if year is None and ref.year_offset is not None and published is not None:
        year = published.year + ref.year_offset
    if year is not None:
        return _covering(ref, year)
    if published is None:
        return None
    return _occurrence(ref, published, ref.direction or direction)


def _occurrence(ref: CalendarRef, anchor: date, direction: Direction) -> Days | None:
    """The year-less month (and day) of ``ref`` closest to ``anchor`` in ``direction``.

    Looking back, the month containing ``anchor`` counts ("in May", written in May);
    looking ahead, so does a month that has not ended yet. A weekday written with the
    date keeps only the years where it falls on that weekday.
    """
    if ref.month is None:
        return None
    years = range(anchor.year - 4, anchor.year + 5)  # four years always hold a February 29
    spans = [days for year in years if (days := _covering(ref, year)) is not None]
    if ref.weekday is not None and ref.day is not None:
        spans = [days for days in spans if days[0].weekday() == ref.weekday]
        direction = "nearest"
    latest = next((days for days in reversed(spans) if days[0] <= anchor), None)
    earliest = next((days for days in spans if days[1] >= anchor), None)
    # "two weeks before the November 13 deadline", written on November 4: a dated day
    # without a year is news of this season, not of a year ago
    stale = latest is not None and _distance(latest, anchor) > _STALE_DAYS
    soon = earliest is not None and _distance(earliest, anchor) <= _SOON_DAYS
    if direction == "past" and ref.day is not None and stale and soon:
        return earliest
    if direction == "past":
        return latest
    if direction == "future" or latest is None:
        return earliest
    if earliest is None or _distance(latest, anchor) <= _distance(earliest, anchor):
        return latest
    return earliest


def _covering(ref: CalendarRef, year: int) -> Days | None:
    if ref.feast is not None:
        day = feast_day(ref.feast, year)
        return day, day
    days = covering(year, ref.month, ref.day)
    if days is None or ref.shade is None or ref.day is not None:
        return days
    return _shaded(days, ref.shade)


def _shaded(days: Days, shade: Shade) -> Days:
    """The early, middle or late third of a whole month or year (see the module docstring)."""
    start, end = days
    if start.month == end.month:
        first, last = _DAY_THIRDS[shade]
        return start.replace(day=first), end.replace(day=min(last, end.day))
    first, last = _MONTH_THIRDS[shade]
    return date(start.year, first, 1), _month_days(end.year, last)[1]


def _distance(days: Days, anchor: date) -> int:
    return max((days[0] - anchor).days, (anchor - days[1]).days, 0)


def _range(ref: RangeRef, published: date | None, direction: Direction) -> Days | None:
    first, last = _share_year(ref.first, ref.last)
    end = _calendar(last, published, direction)
    if end is None:
        return None
    if first.year is None and first.year_offset is None:
        # "from November to February": the start is the latest November before the end.
        start = _occurrence(first, end[1], "past")
    else:
        start = _calendar(first, published, direction)
    if start is None or start[0] > end[1]:
        return None
    return start[0], end[1]


def _share_year(first: CalendarRef, last: CalendarRef) -> tuple[CalendarRef, CalendarRef]:
    """Lend the year written on one end of a range to the other ("February to April 2019")."""
    if first.year is not None and last.year is None and last.year_offset is None:
        later = (last.month or 12) < (first.month or 1)
        return first, replace(last, year=first.year + later)
    if last.year is not None and first.year is None and first.year_offset is None:
        earlier = (first.month or 1) > (last.month or 12)
        return replace(first, year=last.year - earlier), last
    return first, last


def _weekday(ref: WeekdayRef, published: date, direction: Direction) -> date:
    """The day a weekday names: in a Wednesday text, "Tuesday" is yesterday and "next
    Wednesday" a week away; "this Friday" is the Friday of the publication week."""
    if ref.mode == "this":  # "crossed the Channel this Sunday", written on Tuesday: two days ago
        day = _monday(published) + timedelta(days=ref.weekday)
        if direction == "past" and day > published:
            return day - timedelta(weeks=1)
        if direction == "future" and day < published:
            return day + timedelta(weeks=1)
        return day
    back = (published.weekday() - ref.weekday) % 7 or (7 if ref.mode == "last" else 0)
    ahead = (ref.weekday - published.weekday()) % 7 or (7 if ref.mode == "next" else 0)
    if ref.mode == "bare" and direction == "nearest":
        direction = "future" if ahead < back else "past"
    if ref.mode == "next" or (ref.mode == "bare" and direction == "future"):
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)


def _period(ref: PeriodRef, published: date, direction: Direction = "past") -> Days:
    if ref.unit == "weekend" and ref.offset == 0:
        return _this_weekend(published, direction)
    if ref.unit in ("week", "weekend"):
        start = _monday(published) + timedelta(weeks=ref.offset)
        end = start + timedelta(days=6)
        if ref.unit == "weekend":
            start = end - timedelta(days=1)
    elif ref.unit == "month":
        months = published.year * 12 + published.month - 1 + ref.offset
        start, end = _month_days(months // 12, months % 12 + 1)
    else:
        year = published.year + ref.offset
        start, end = date(year, 1, 1), date(year, 12, 31)
    if ref.part in ("early", "mid", "late") and ref.unit in ("month", "year"):
        return _shaded((start, end), ref.part)
    if ref.part in ("start", "end") and ref.unit == "year":  # its first or last month
        month = 1 if ref.part == "start" else 12
        return _month_days(start.year, month)
    if ref.part in ("start", "end"):  # a month's first or last ten days
        return _shaded((start, end), "early" if ref.part == "start" else "late")
    if ref.part == "earlier":  # "earlier this week": up to the day before publication
        return start, max(start, published - timedelta(days=1))
    if ref.part == "later":
        return published, end
    if ref.unit == "week" and ref.offset == 0 and ref.part == "all" and direction == "past":
        return start, published  # "this week" for what has happened: cut at publication
    return start, end


def _this_weekend(published: date, direction: Direction) -> Days:
    """The weekend of the publication week, or for what has happened the last one begun
    by publication ("protests this weekend" in a Monday article: the two days before)."""
    saturday = _monday(published) + timedelta(days=5)
    if direction == "past" and saturday > published:
        saturday -= timedelta(weeks=1)
    return saturday, saturday + timedelta(days=1)


def _season(ref: SeasonRef, published: date | None, direction: Direction) -> Days | None:
    def of(year: int) -> Days:
        first = 3 * ref.season + 3 + {"early": 0, "mid": 1, "late": 2, None: 0}[ref.shade]
        months = year * 12 + first - 1
        last = months + (0 if ref.shade else 2)
        return date(months // 12, months % 12 + 1, 1), _month_days(last // 12, last % 12 + 1)[1]

    if ref.year is not None:
        return of(ref.year)
    if published is None:
        return None
    spans = [of(year) for year in range(published.year - 2, published.year + 2)]
    around = next((s for s in spans if s[0] <= published <= s[1]), None)
    if ref.mode == "last":
        return next(s for s in reversed(spans) if s[1] < published)
    if ref.mode == "next":
        return next(s for s in spans if s[0] > published)
    if ref.mode == "this":
        return around or of(published.year)
    latest = next(s for s in reversed(spans) if s[0] <= published)
    earliest = next(s for s in spans if s[1] >= published)
    if direction == "past":
        return latest
    if direction == "future":
        return earliest
    return around or min((latest, earliest), key=lambda s: _distance(s, published))


def _part(ref: PartRef, published: date, direction: Direction) -> Days:
    """A quarter or half: of the year written, else the latest one begun by publication
    (looking back) or the first not over (ahead)."""
    first_month = (ref.number - 1) * ref.months + 1

    def of(year: int) -> Days:
        start = date(year, first_month, 1)
        return start, _month_days(year, first_month + ref.months - 1)[1]

    if ref.year_offset is not None:
        return of(published.year + ref.year_offset)
    this = of(published.year)
    if direction == "future":
        return this if this[1] >= published else of(published.year + 1)
    return this if this[0] <= published else of(published.year - 1)


def _span_back(ref: SpanBack, published: date) -> date:
    if ref.unit == "day":
        return published - timedelta(days=ref.count)
    if ref.unit == "week":
        return _monday(published) - timedelta(weeks=ref.count)
    months = published.year * 12 + published.month - 1 - ref.count
    return date(months // 12, months % 12 + 1, 1)


def _day_range(ref: DayRange, published: date, direction: Direction) -> Days | None:
    first = resolve(ref.first, published, direction)
    if first is None:
        return None
    start = first[0]
    if isinstance(ref.last, DayShift):
        end = published + timedelta(days=ref.last.days)
    else:  # the first such weekday from the start on ("Friday night into Saturday")
        end = start + timedelta(days=(ref.last.weekday - start.weekday()) % 7)
    return (start, end) if end >= start else None


def _month_days(year: int, month: int) -> Days:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())
