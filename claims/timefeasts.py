"""Holidays whose date moves from year to year: the Easter cycle and the US holidays kept
on a weekday of a month ("Thanksgiving", the fourth Thursday of November)."""

from __future__ import annotations

from datetime import date, timedelta

# days after Easter Sunday
_EASTER_CYCLE = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2}
_EASTER_CYCLE |= {"palm sunday": -7, "ash wednesday": -46, "pentecost": 49, "whit monday": 50}
# (month, weekday with Monday 0, which one: 1 the first, -1 the last)
_WEEKDAY_OF_MONTH = {
    "thanksgiving": (11, 3, 4),
    "thanksgiving day": (11, 3, 4),
    "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1),
    "martin luther king day": (1, 0, 3),
    "martin luther king jr day": (1, 0, 3),
}
FEASTS = frozenset(_EASTER_CYCLE) | frozenset(_WEEKDAY_OF_MONTH)
# The month each falls in most years, for choosing the nearest year
NOMINAL_MONTHS = {name: 4 for name in _EASTER_CYCLE} | {"ash wednesday": 3, "pentecost": 5}
NOMINAL_MONTHS |= {name: month for name, (month, _, _) in _WEEKDAY_OF_MONTH.items()}
NOMINAL_MONTHS |= {"whit monday": 5}


def easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def feast_day(name: str, year: int) -> date:
    """The day of the movable holiday ``name`` (a key of ``FEASTS``) in ``year``."""
    if name in _EASTER_CYCLE:
        return easter(year) + timedelta(days=_EASTER_CYCLE[name])
    month, weekday, which = _WEEKDAY_OF_MONTH[name]
    if which > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (which - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)
