"""What each time form means: ``parse`` turns a match of ``claims.timeforms.SCAN`` into a
``TimeRef`` for ``claims.timeresolve`` to resolve ("April 30", "the 2019–20 season",
"late last year"), or None when it names no real date ("April 31"). No spaCy here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claims.timefeasts import FEASTS, NOMINAL_MONTHS
from claims.timeforms import (
    ATOM_PATTERNS,
    CENTURIES,
    DAY_ORDINALS,
    DAY_WORDS,
    FORM_PATTERNS,
    NUMBERS,
    ORDINALS,
)
from claims.timerefs import (
    DECADE_THIRDS,
    HOLIDAYS,
    MONTH_NAMES,
    WEEKDAY_NAMES,
    CalendarRef,
    DayRange,
    DayShift,
    Part,
    PartRef,
    PeriodRef,
    RangeRef,
    SeasonRef,
    Shade,
    SpanBack,
    TimeRef,
    Unit,
    WeekdayMode,
    WeekdayRange,
    WeekdayRef,
)
from claims.timeresolve import covering

_MONTHS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_RELATIVE = {"last": -1, "this": 0, "next": 1}
_MODES: dict[str, WeekdayMode] = {"last": "last", "this": "this", "next": "next"}
_MODES |= {"past": "last", "this past": "last", "coming": "next", "this coming": "next"}
_UNITS: dict[str, Unit] = {"week": "week", "weekend": "weekend", "month": "month", "year": "year"}
_BACK_MONTHS = {"month": 1, "year": 12, "decade": 120, "century": 1200}
_SHADES: dict[str, Shade] = {"early": "early", "mid": "mid", "late": "late"}
_SHADES |= {"the beginning of": "early", "the start of": "early", "the middle of": "mid"}
_SHADES |= {"the end of": "late"}
# Dates a reader takes as known: from the first declaration of war to the armistice or
# surrender, and the Normandy landings
_WW1, _WW2 = ((1914, 7, 28), (1918, 11, 11)), ((1939, 9, 1), (1945, 9, 2))
_WARS = {f"world war {n}": _WW1 for n in ("i", "one", "1")} | {"first world war": _WW1}
_WARS |= {f"world war {n}": _WW2 for n in ("ii", "two", "2")} | {"second world war": _WW2}
_WARS |= {"d-day": ((1944, 6, 6), (1944, 6, 6))}
_SEASONS = {"spring": 0, "summer": 1, "autumn": 2, "fall": 2, "winter": 3}


def parse(kind: str, found: re.Match[str]) -> TimeRef | None:
    """What a matched form means, or None when it names no real date ("April 31")."""
    # In place, so that "U.S." stays in sight before "Independence Day"
    match = FORM_PATTERNS[kind].fullmatch(found.string, found.start(), found.end())
    if match is None:
        return None
    groups = match.groupdict()
    if kind in ("range_from", "range_bare"):
        return _range(groups["a"] or "", groups["b"] or "")
    if kind == "quarter":
        return _quarter(groups)
    if kind == "decade":
        short = int(groups["yy"] or 0)  # "the late '70s"; "the '00s" and "'10s" are this century
        year = int(groups["y"]) if groups["y"] else short + (1900 if short >= 20 else 2000)
        shade = _SHADES.get(_words(groups["shade"]))
        low, high = DECADE_THIRDS[shade] if shade else (0, 9)
        if year % 100 == 0 and groups["y"] and year < 2000:  # "the 1800s" is a century
            return RangeRef(CalendarRef(year + 10 * low), CalendarRef(year + 10 * high + 9))
        return RangeRef(CalendarRef(year + low), CalendarRef(year + high))
    if kind == "century":  # "the 13th century" is 1201 to 1300
        word = _words(groups["cent"])
        number = CENTURIES.get(word) or int(re.sub(r"\D", "", word))
        shade = _SHADES.get(_words(groups["shade"]))
        low, high = DECADE_THIRDS[shade] if shade else (0, 9)
        opening = (number - 1) * 100 + 1
        return RangeRef(CalendarRef(opening + 10 * low), CalendarRef(opening + 10 * high + 9))
    if kind == "ago":
        number, unit = _count(groups["n"]), _UNITS.get(_words(groups["unit"]))
        half = bool(groups["half"] or groups["half2"])
        if unit == "year":  # "a year ago": that calendar month; "a year and a half ago" too
            return PeriodRef("month", -12 * number - 6 * half)
        if half:
            return None  # "a week and a half ago" fixes no day
        return DayShift(-number) if unit is None else PeriodRef(unit, -number)
    if kind == "period":
        return _period(groups)
    if kind == "edge":
        unit = _UNITS.get(_words(groups["unit"]))
        offset = 0 if _words(groups["rel"]) == "the" else _RELATIVE.get(_mode(groups["rel"]))
        edge: Part = "end" if _words(groups["edge"]) == "end" else "start"
        return PeriodRef(unit, offset, edge) if unit and offset is not None else None
    if kind == "war":
        begun, ended = _WARS[_words(groups["war"])]
        return RangeRef(CalendarRef(*begun), CalendarRef(*ended))
    if kind == "part":
        return _year_part(groups)
    if kind == "back":
        return _span_back(groups)
    if kind.startswith("season"):
        return _season(groups)
    if kind == "weekend":
        return PeriodRef("weekend", 0)
    if kind == "day_range":
        since, until = _day_atom(groups["a"] or groups["a2"]), _day_atom(groups["b"])
        return DayRange(since, until) if since and until else None
    if kind == "dayword":
        return DayShift(DAY_WORDS[_words(groups["w"])])
    if kind == "wd_range":
        days = [WeekdayRef(WEEKDAY_NAMES.index(groups[g] or "")) for g in ("wd", "wd2")]
        return WeekdayRange(days[0], days[1])
    if kind == "weekday":
        return WeekdayRef(WEEKDAY_NAMES.index(groups["wd"] or ""), _mode(groups["rel"]))
    if kind == "numeric":
        return _numeric(groups)
    if kind == "ordmonth":
        word = (groups["od"] or "").lower()
        day = DAY_ORDINALS.get(word) or int(word.rstrip("stndrh") or 0)
        return _calendar(groups | {"d": str(day)})
    if kind == "year_span":
        year, later = int(groups["y"] or 0), int(groups["y2"] or 0)
        if later != (year + 1) % 100:
            return None  # "1998-02": not two years running
        return RangeRef(CalendarRef(year), CalendarRef(year + 1))
    if kind == "in_back":
        return _span_back(groups | {"unit1": None})
    if kind == "dm_range" and groups["bd"]:
        groups |= {"d": groups["bd"], "d2": groups["bd2"]}
    if kind in ("md_range", "dm_range"):
        first, last = _calendar(groups), _calendar(groups | {"d": groups["d2"]})
        return RangeRef(first, last) if first and last else None
    if kind in ("mprefix", "holiday") and groups["rel"]:
        return _prefixed(_calendar(groups | {"rel": None}), groups["rel"])
    return _calendar(groups)


def _numeric(groups: dict[str, str | None]) -> CalendarRef | None:
    one, two = int(groups["na"] or 0), int(groups["nb"] or 0)
    if one > 12 >= two or one == two:
        day, month = one, two
    elif two > 12 >= one:
        day, month = two, one
    else:
        return None  # "05/06/2019": 5 June or May 6
    return _calendar(groups | {"d": str(day), "mon": str(month)})


def _year_part(groups: dict[str, str | None]) -> PartRef | None:
    number = ORDINALS[_words(groups["ord"])]
    months = 6 if _words(groups["unit"]) == "half" else 3
    rel = groups["rel"]
    if months == 6 and not rel and not groups.get("of_year"):
        return None  # "the first half" alone is as likely a match's as the year's
    offset = _RELATIVE[rel.lower()] if rel else None
    return PartRef(number, months, offset) if number * months <= 12 else None


def _span_back(groups: dict[str, str | None]) -> SpanBack:
    unit = _words(groups["unit"] or groups["unit1"])
    count = _count(groups["n"]) if groups["n"] else 1
    if unit == "day":
        return SpanBack("day", count)
    if unit == "week":
        return SpanBack("week", count)
    return SpanBack("month", count * _BACK_MONTHS[unit])


def _season(groups: dict[str, str | None]) -> SeasonRef | None:
    year, word = groups.get("y"), groups["season"] or ""
    if not year and not groups.get("rel") and word[:1].isupper():
        return None  # "during the Spring Festival", "the Arab Spring": a name
    return SeasonRef(
        _SEASONS[_words(groups["season"])],
        int(year) if year else None,
        _mode(groups.get("rel")),
        _SHADES.get(_words(groups.get("shade"))),
    )


def _count(text: str | None) -> int:
    word = (text or "").lower()
    return int(NUMBERS[word]) if word in NUMBERS else int(word or 0)


def _day_atom(text: str | None) -> DayShift | WeekdayRef | None:
    """ "tomorrow night", "Friday morning": the day, without its part."""
    words = _words(text).split()
    part = len(words) > 1 and words[-1] in ("morning", "afternoon", "evening", "night")
    if part and words[-2:] != ["last", "night"] and words[:1] != ["this"]:
        words = words[:-1]
    phrase = " ".join(words)
    if phrase in DAY_WORDS:
        return DayShift(DAY_WORDS[phrase])
    names = [name.lower() for name in WEEKDAY_NAMES]
    return WeekdayRef(names.index(phrase)) if phrase in names else None


def _calendar(groups: dict[str, str | None]) -> CalendarRef | None:
    year, month, day = groups.get("y"), groups.get("mon"), groups.get("d")
    rel, weekday, holiday = groups.get("rel"), groups.get("wd"), groups.get("hol")
    ref = CalendarRef(
        year=int(year) if year else None,
        month=(int(month) if month.isdigit() else _MONTHS[month[:3].lower()]) if month else None,
        day=int(day.rstrip("stndrh")) if day else None,
        year_offset=_RELATIVE[rel.lower()] if rel else None,
        weekday=WEEKDAY_NAMES.index(weekday) if weekday else None,
        shade=_SHADES.get(_words(groups.get("shade"))),
    )
    name = _words(re.sub(r"['’.,]", "", holiday or ""))
    if name in FEASTS:
        ref = replace(ref, month=NOMINAL_MONTHS[name], day=None, feast=name)
    elif holiday:
        month_day = HOLIDAYS[name]
        ref = replace(ref, month=month_day[0], day=month_day[1])
    if ref.month is not None and not 1 <= ref.month <= 12:
        return None
    # A leap year accepts every day a year-less date could name.
    checked = covering(ref.year or 2000, ref.month, ref.day)
    return ref if checked is not None else None


def _range(first: str, last: str) -> RangeRef | None:
    refs = [_atom(text) for text in (first, last)]
    if refs[0] is None or refs[1] is None:
        return None
    return RangeRef(refs[0], refs[1])


def _atom(text: str) -> CalendarRef | None:
    for pattern in ATOM_PATTERNS.values():
        match = pattern.fullmatch(text)
        if match is not None:
            return _calendar(match.groupdict())
    return None


def _quarter(groups: dict[str, str | None]) -> RangeRef | None:
    year = int(groups["y"] or 0)
    if groups["qn"]:
        number, size = int(groups["qn"]), 3
    else:
        number = ORDINALS[(groups["ord"] or "").lower()]
        size = 6 if (groups["unit"] or "").lower() == "half" else 3
    if number * size > 12:
        return None  # "the third half"
    first = number * size - size + 1
    return RangeRef(CalendarRef(year, first), CalendarRef(year, first + size - 1))


def _prefixed(ref: CalendarRef | None, rel: str) -> CalendarRef | None:
    """A month or holiday with a prefix: "this June" is in the publication year, "last
    March" looks back and "next Christmas" ahead whatever the verb says."""
    mode = _mode(rel)
    if ref is None:
        return None
    if mode == "this":
        return replace(ref, year_offset=0)
    return replace(ref, direction="past" if mode == "last" else "future")


def _period(groups: dict[str, str | None]) -> PeriodRef | None:
    unit = _UNITS.get((groups["unit"] or "").lower())
    mode = _mode(groups["rel"])
    part = (groups["part"] or "").lower()
    if unit is None or mode == "bare":
        return None
    offset = _RELATIVE[mode]
    if part in _SHADES and unit in ("month", "year"):
        return PeriodRef(unit, offset, _SHADES[part])  # "late last year"
    if offset == 0 and part.startswith("earl"):
        return PeriodRef(unit, 0, "earlier")
    if offset == 0 and part.startswith("lat"):
        return PeriodRef(unit, 0, "later")
    return PeriodRef(unit, offset)


def _mode(rel: str | None) -> WeekdayMode:
    return _MODES.get(_words(rel), "bare")


def _words(text: str | None) -> str:
    return " ".join((text or "").lower().split())
