"""The forms time expressions take in English text, and what each form means.

``SCAN`` finds every candidate in one pass ("April 30", "from February to April", "last
week", "the first half of this year", "last summer"); the name of the group that matched
says which form it is, ``VETTING`` how much spaCy's evidence it needs to count as a date
(see ``claims.timecontext``), and ``parse`` turns the match into a ``TimeRef`` for
``claims.timeresolve`` to resolve. No spaCy here: only words.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claims.lexicon import NUMBER_WORDS, ORDINAL_WORDS
from claims.timecontext import Vetting
from claims.timeresolve import (
    DECADE_THIRDS,
    HOLIDAYS,
    MONTH_NAMES,
    WEEKDAY_NAMES,
    CalendarRef,
    DayRange,
    DayShift,
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
    covering,
)

_MONTHS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_NUMBERS = {word: int(value) for word, value in NUMBER_WORDS.items() if value >= 1}
_NUMBERS |= {"a": 1, "an": 1}
_ORDINALS = {word: n for word, n in ORDINAL_WORDS.items() if n <= 4}
_ORDINALS |= {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_DAY_ORDINALS = dict(ORDINAL_WORDS)  # "the first" to "the thirty-first"
_RELATIVE = {"last": -1, "this": 0, "next": 1}
_MODES: dict[str, WeekdayMode] = {"last": "last", "this": "this", "next": "next"}
_MODES |= {"past": "last", "this past": "last", "coming": "next", "this coming": "next"}
_UNITS: dict[str, Unit] = {"week": "week", "weekend": "weekend", "month": "month", "year": "year"}
_DAY_WORDS = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_DAY_WORDS |= {f"this {part}": 0 for part in ("morning", "afternoon", "evening")}
_BACK_MONTHS = {"month": 1, "year": 12, "decade": 120, "century": 1200}
_SHADES: dict[str, Shade] = {"early": "early", "mid": "mid", "late": "late"}

_MONTH = rf"\b(?:(?:{'|'.join(MONTH_NAMES)})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
# Without its full stop an abbreviation is a month only next to a day or a year: "20 Nov 2019"
_MON_ABBR = r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b(?!\.)"
_MONTH_D = rf"(?:{_MONTH}|{_MON_ABBR})"
_WEEKDAY = rf"\b(?:{'|'.join(WEEKDAY_NAMES)})\b"
_DAY = r"\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[.:]\d)"
_YEAR = (
    r"(?:1\d{3}|20\d{2})(?![\d%]|[.,:]\d|-[A-Za-z])\b(?!\s*(?:UTC|GMT|[ECMP][SD]T|hours?\b|hrs\b))"
)
_SHADE = (
    r"(?P<shade>(?i:early|mid|late))(?:\s+in\s+|[-\s]+)"  # "mid-April", "late 2018": a third of it
)
_S = r"['’]?s\s+"  # "New Year's", "New Years"
_HOLIDAY = (
    rf"\b(?:New\s+Year{_S}(?:[Ee]ve|[Dd]ay)|Valentine{_S}[Dd]ay|(?:St\.?|Saint)\s+Patrick{_S}[Dd]ay"
    r"|Fourth\s+of\s+July|July\s+Fourth|Bastille\s+Day|Halloween|Boxing\s+Day"
    r"|(?:(?<=U\.S\.\s)|(?<=US\s)|(?<=American\s)|(?<=America['’]s\s))Independence\s+Day"
    rf"|International\s+Women{_S}[Dd]ay|Earth\s+Day|World\s+AIDS\s+Day|Armistice\s+Day"
    r"|Remembrance\s+Day|Christmas(?:\s+(?:[Ee]ve|[Dd]ay))?)\b"
)
_SEASON = r"(?P<season>\b(?i:spring|summer|autumn|fall|winter))\b"
# Dates a reader takes as known: from the first declaration of war to the armistice or
# surrender, and the Normandy landings
_WW1, _WW2 = ((1914, 7, 28), (1918, 11, 11)), ((1939, 9, 1), (1945, 9, 2))
_WARS = {f"world war {n}": _WW1 for n in ("i", "one", "1")} | {"first world war": _WW1}
_WARS |= {f"world war {n}": _WW2 for n in ("ii", "two", "2")} | {"second world war": _WW2}
_WARS |= {"d-day": ((1944, 6, 6), (1944, 6, 6))}
_SEASONS = {"spring": 0, "summer": 1, "autumn": 2, "fall": 2, "winter": 3}
_NUMBER = rf"\b(?i:\d{{1,3}}|{'|'.join(_NUMBERS)})"
_DAYWORD = (
    r"(?i:yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))"
)
_DAY_ATOM = rf"(?:\b{_DAYWORD}|{_WEEKDAY})(?:\s+(?i:morning|afternoon|evening|night))?"
_REL = r"(?i:last|this|next)"
_THE = r"(?:(?i:the)\s+)?"
_OF_REL_YEAR = rf"(?:of\s+)?(?P<rel>{_REL})\s+(?i:year)\b"  # "of last year"
_WEEK_REL = r"(?i:(?:this\s+)?(?:past|coming)|last|this|next)"
# "Friday, January 4": the weekday picks the year when none is written
_ON_WEEKDAY = rf"(?:(?:{_WEEK_REL}\s+)?(?P<wd>{_WEEKDAY}),?\s+)"
_AND_YEAR = rf"(?:,?\s+(?P<y>{_YEAR}))"

# Forms a range can join; the first that matches wins, so longer forms come first.
_ATOMS = {
    "holiday": rf"(?P<hol>{_HOLIDAY}){_AND_YEAR}?",
    "mdy": rf"{_ON_WEEKDAY}?(?P<mon>{_MONTH_D})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})",
    "dmy": rf"{_ON_WEEKDAY}?(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH_D}){_AND_YEAR}?",
    "my": rf"(?:{_SHADE})?(?P<mon>{_MONTH_D}),?\s+(?:of\s+)?(?P<y>{_YEAR})",
    "md": rf"{_ON_WEEKDAY}?(?P<mon>{_MONTH_D})\s+(?P<d>{_DAY})",
    "month": rf"(?:{_SHADE})?(?P<mon>{_MONTH})",
    "year": rf"(?:{_SHADE}|(?<![\w$£€.,/]))(?P<y>{_YEAR})",
}
_FORMS = {
    "iso": r"\b(?P<y>\d{4})-(?P<mon>\d{2})-(?P<d>\d{2})\b",
    # "20/11/2019" or "11/20/2019" where only one reading is a date; "05/06/2019" is left out
    "numeric": r"\b(?P<na>\d{1,2})/(?P<nb>\d{1,2})/(?P<y>(?:19|20)\d{2})\b(?!/)",
    "range_from": r"\b(?i:from|between)\s+(?P<a>ATOM)"
    r"\s*(?:(?i:to|until|till|through|and)\s+|[-–]\s*)(?P<b>ATOM)",
    "range_bare": r"(?P<a>ATOM)\s*(?:(?i:to|through|until)\s+|[-–]\s*)(?P<b>ATOM)",
    "quarter": rf"{_THE}(?:(?P<ord>(?i:{'|'.join(_ORDINALS)}))\s+(?P<unit>(?i:quarter|half))"
    rf"\s+(?:of\s+)?|\bQ(?P<qn>[1-4])\s+)(?P<y>{_YEAR})",
    "md_range": rf"(?:(?i:from)\s+)?(?P<mon>{_MONTH_D})\s+(?P<d>{_DAY})\s*"
    rf"(?:[-–]|(?i:to|through|until)\s)\s*(?P<d2>{_DAY}){_AND_YEAR}?",
    # "the first of March", "the 3rd of May 2018": a day
    "ordmonth": rf"(?i:the)\s+(?P<od>(?i:{'|'.join(_DAY_ORDINALS)})|{_DAY})\s+of\s+"
    rf"(?P<mon>{_MONTH_D}){_AND_YEAR}?",
    # "March 20 last year", "20 March of this year"
    "mdrel": rf"(?P<mon>{_MONTH_D})\s+(?P<d>{_DAY}),?\s+{_OF_REL_YEAR}",
    "dmrel": rf"(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH_D})\s+{_OF_REL_YEAR}",
    "mdy": _ATOMS["mdy"],
    "dmy": _ATOMS["dmy"],
    # "in World War Two", "during the Second World War", "on D-Day"
    "war": r"(?:(?i:the)\s+)?(?P<war>World\s+War\s+(?:II|Two|2|I|One|1)|(?:First|Second)\s+World"
    r"\s+War|D-Day)\b(?!-)",
    "holiday": rf"(?:(?P<rel>{_WEEK_REL})\s+)?{_ATOMS['holiday']}",
    "mrel": rf"(?:{_SHADE})?(?P<mon>{_MONTH})\s+(?:of\s+)?(?P<rel>{_REL})\s+(?i:year)\b",
    "my": _ATOMS["my"],
    "mprefix": rf"(?:{_SHADE})?(?P<rel>{_WEEK_REL})\s+(?P<mon>{_MONTH})",  # "late last July"
    "md": _ATOMS["md"],
    # "the third quarter", "the first half of this year": of the year around publication
    "part": rf"(?i:the)\s+(?P<ord>(?i:{'|'.join(_ORDINALS)}))\s+(?P<unit>(?i:quarter|half))\b"
    rf"(?:\s+(?i:of)\s+(?:(?P<rel>{_REL})\s+|(?i:the)\s+)(?i:year)\b|(?!\s+(?i:of)\b))",
    # "over the last four years", "the past century": from then up to publication
    "back": r"(?i:the)\s+(?i:last|past)\s+(?:(?P<n>"
    + _NUMBER
    + r")\s+(?P<unit>(?i:day|week|month|year|decade))s?|(?P<unit1>(?i:century|decade)))\b"
    r"(?!\s+(?i:of)\b)",
    # "the winter of 2006–2007", "summer 2018", "last summer", "in the spring"
    "season_year": rf"{_THE}(?:{_SHADE})?{_SEASON}\s+(?:(?i:of)\s+)?(?P<y>{_YEAR})"
    r"(?:[-–/](?:\d{2}|\d{4})\b)?",
    "season_rel": rf"(?P<rel>{_WEEK_REL})\s+{_SEASON}",
    "season": r"(?:(?<=\b[Ii]n\s)|(?<=\b[Dd]uring\s)|(?<=\b[Ss]ince\s)|(?<=\b[Uu]ntil\s)"
    r"|(?<=\b[Bb]y\s)|(?<=\b[Tt]hrough\s)|(?<=\b[Tt]his\s))"
    rf"{_THE}(?:{_SHADE})?{_SEASON}(?!\s+(?i:of|in)\b)(?![-\s]*\w+\s+of\b)",
    # "over the weekend": the one nearest publication in the sentence's tense
    "weekend": r"(?:(?<=\b[Oo]ver\s)|(?<=\b[Aa]t\s)|(?<=\b[Dd]uring\s)|(?<=\b[Tt]hrough\s))"
    r"(?i:the)\s+(?i:weekend)\b(?![-\s](?:of|before|after)\b)",
    "decade": rf"{_THE}(?:{_SHADE})?(?:\b(?P<y>1\d{{2}}0|20\d0)|['’](?P<yy>\d0))s\b",
    "ago": rf"(?P<n>{_NUMBER})\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b",
    # "in the last year" and "over the next week" are durations, not calendar periods.
    "period": r"(?<![Tt]he\s)\b(?:(?P<part>(?i:early|earlier|mid|late|later))[-\s]+)?"
    rf"(?P<rel>{_WEEK_REL})\s+(?P<unit>(?i:week|weekend|month|year))\b",
    # "from tomorrow night into Friday morning"
    "day_range": rf"(?:(?i:from)\s+(?P<a>{_DAY_ATOM})\s+(?i:into|to|until|till|through(?:\s+to)?)"
    rf"|(?P<a2>{_DAY_ATOM})\s+(?i:into))\s+(?P<b>{_DAY_ATOM})\b",
    "dayword": rf"\b(?P<w>{_DAYWORD})\b",
    "wd_range": rf"(?:(?i:from)\s+)?(?P<wd>{_WEEKDAY})\s*"
    rf"(?:(?i:through|thru|to|until|till)\s+|[-–]\s*)(?P<wd2>{_WEEKDAY})",
    "weekday": rf"(?:\b(?P<rel>{_WEEK_REL})\s+)?(?P<wd>{_WEEKDAY})",
    "month": _ATOMS["month"],
    "year": _ATOMS["year"],
}

HOLIDAY_IN = re.compile(_HOLIDAY)
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _anonymous(pattern: str) -> str:
    return _NAMED_GROUP.sub("(?:", pattern)


_ATOM = _anonymous("|".join(_ATOMS.values()))
_ATOM_PATTERNS = {kind: re.compile(pattern) for kind, pattern in _ATOMS.items()}
FORM_PATTERNS = {kind: re.compile(form.replace("ATOM", _ATOM)) for kind, form in _FORMS.items()}
# Every form starts with one of these words or a digit; checking that first lets the scan
# skip most positions of a sentence cheaply.
_STARTERS = (
    "world",
    "d",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "from",
    "between",
    "the",
    "early",
    "earlier",
    "mid",
    "late",
    "later",
    "last",
)
_STARTS = "|".join(
    [*_NUMBERS, *_ORDINALS, *_DAY_WORDS, *_STARTERS, "this", "next", "past", "coming"]
)
_TRIGGER = rf"\b(?=\d|Q\d|{_MONTH_D}|{_WEEKDAY}|{_HOLIDAY}|(?i:{_STARTS})\b)"
SCAN = re.compile(
    _TRIGGER
    + "(?:"
    + "|".join(
        f"(?P<{kind}>{_anonymous(form.replace('ATOM', _ATOM))})" for kind, form in _FORMS.items()
    )
    + ")"
)
ON_BEFORE = re.compile(r"(?:^|\W)[Oo]n\s$")
# "on March 4 and 5": a second day of the same month
AND_DAY = re.compile(rf"\s+(?:and|&)\s+(?P<d>{_DAY})(?!\s*(?:{_MONTH}|[-–/]|\d))")
VETTING: dict[str, Vetting] = {
    "holiday": "holiday",
    "war": "holiday",
    "year": "attested",
    "month": "attested",
    "range_bare": "attested",
    "range_from": "attested",
    "md": "unnamed",
    "md_range": "unnamed",
    "period": "unnamed",
    "dayword": "unnamed",
    "day_range": "unnamed",
    "weekend": "unnamed",
    "season_rel": "unnamed",
    "season": "holiday",
    "part": "attested",
    "back": "unnamed",
    "weekday": "unnamed",
    "wd_range": "unnamed",
}


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
        return RangeRef(CalendarRef(year + low), CalendarRef(year + high))
    if kind == "ago":
        number, unit = _count(groups["n"]), _UNITS.get(_words(groups["unit"]))
        if unit == "year":
            return PeriodRef("month", -12 * number)  # "a year ago": that calendar month
        return DayShift(-number) if unit is None else PeriodRef(unit, -number)
    if kind == "period":
        return _period(groups)
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
        return DayShift(_DAY_WORDS[_words(groups["w"])])
    if kind == "wd_range":
        days = [WeekdayRef(WEEKDAY_NAMES.index(groups[g] or "")) for g in ("wd", "wd2")]
        return WeekdayRange(days[0], days[1])
    if kind == "weekday":
        return WeekdayRef(WEEKDAY_NAMES.index(groups["wd"] or ""), _mode(groups["rel"]))
    if kind == "numeric":
        return _numeric(groups)
    if kind == "ordmonth":
        word = (groups["od"] or "").lower()
        day = _DAY_ORDINALS.get(word) or int(word.rstrip("stndrh") or 0)
        return _calendar(groups | {"d": str(day)})
    if kind == "md_range":
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
    number = _ORDINALS[_words(groups["ord"])]
    months = 6 if _words(groups["unit"]) == "half" else 3
    rel = groups["rel"]
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
    return int(_NUMBERS[word]) if word in _NUMBERS else int(word or 0)


def _day_atom(text: str | None) -> DayShift | WeekdayRef | None:
    """ "tomorrow night", "Friday morning": the day, without its part."""
    words = _words(text).split()
    part = len(words) > 1 and words[-1] in ("morning", "afternoon", "evening", "night")
    if part and words[-2:] != ["last", "night"] and words[:1] != ["this"]:
        words = words[:-1]
    phrase = " ".join(words)
    if phrase in _DAY_WORDS:
        return DayShift(_DAY_WORDS[phrase])
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
    if holiday:
        month_day = HOLIDAYS[_words(re.sub(r"['’.]", "", holiday))]
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
    for pattern in _ATOM_PATTERNS.values():
        match = pattern.fullmatch(text)
        if match is not None:
            return _calendar(match.groupdict())
    return None


def _quarter(groups: dict[str, str | None]) -> RangeRef | None:
    year = int(groups["y"] or 0)
    if groups["qn"]:
        number, size = int(groups["qn"]), 3
    else:
        number = _ORDINALS[(groups["ord"] or "").lower()]
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
