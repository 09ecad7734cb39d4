"""Find the time expressions in a sentence and resolve them to calendar days.

One scan of the sentence text with a single compiled pattern finds the candidates
("April 30", "from February to April", "last week", "resigned Tuesday", "early
September", "Christmas Eve"); spaCy's entities then vet the ambiguous ones: a bare
"2017" or "May" counts only inside a DATE entity or after a preposition ("in May"), and
nothing inside a name, an amount or a count does ("Theresa May", "USA Today", "2000
people"). Vague phrases the NER also tags DATE ("in the days since", "weeks ago", "for
three years") match no pattern and are left out: a checker needs days, not impressions.
Times of day are not dates.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from spacy.tokens import Span, Token

from claims.lexicon import NUMBER_WORDS, ORDINAL_WORDS
from claims.model import TimeSpan
from claims.timecontext import Vetting, is_date, reading_direction
from claims.timeresolve import (
    DECADE_THIRDS,
    HOLIDAYS,
    MONTH_NAMES,
    WEEKDAY_NAMES,
    CalendarRef,
    DayShift,
    PeriodRef,
    RangeRef,
    SeasonRef,
    Shade,
    TimeRef,
    Unit,
    WeekdayMode,
    WeekdayRange,
    WeekdayRef,
    covering,
    resolve,
)

_MONTHS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_NUMBERS = {word: int(value) for word, value in NUMBER_WORDS.items() if value >= 1}
_NUMBERS |= {"a": 1, "an": 1}
_ORDINALS = {word: n for word, n in ORDINAL_WORDS.items() if n <= 4}
_ORDINALS |= {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_RELATIVE = {"last": -1, "this": 0, "next": 1}
_MODES: dict[str, WeekdayMode] = {"last": "last", "this": "this", "next": "next"}
_MODES |= {"past": "last", "this past": "last", "coming": "next", "this coming": "next"}
_UNITS: dict[str, Unit] = {"week": "week", "weekend": "weekend", "month": "month", "year": "year"}
_DAY_WORDS = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_SHADES: dict[str, Shade] = {"early": "early", "mid": "mid", "late": "late"}

_MONTH = rf"\b(?:(?:{'|'.join(MONTH_NAMES)})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
_WEEKDAY = rf"\b(?:{'|'.join(WEEKDAY_NAMES)})\b"
_DAY = r"\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[.:]\d)"
_YEAR = (
    r"(?:1\d{3}|20\d{2})(?![\d%]|[.,:]\d|-[A-Za-z])\b(?!\s*(?:UTC|GMT|[ECMP][SD]T|hours?\b|hrs\b))"
)
_SHADE = r"(?P<shade>(?i:early|mid|late))[-\s]+"  # "mid-April", "late 2018": a third of it
_S = r"['’]?s\s+"  # "New Year's", "New Years"
_HOLIDAY = (
    rf"\b(?:New\s+Year{_S}(?:[Ee]ve|[Dd]ay)|Valentine{_S}[Dd]ay|(?:St\.?|Saint)\s+Patrick{_S}[Dd]ay"
    r"|Fourth\s+of\s+July|July\s+Fourth|Bastille\s+Day|Halloween|Boxing\s+Day"
    r"|(?:(?<=U\.S\.\s)|(?<=US\s)|(?<=American\s)|(?<=America['’]s\s))Independence\s+Day"
    rf"|International\s+Women{_S}[Dd]ay|Earth\s+Day|World\s+AIDS\s+Day|Armistice\s+Day"
    r"|Remembrance\s+Day|Christmas(?:\s+(?:[Ee]ve|[Dd]ay))?)\b"
)
_NUMBER = rf"\b(?i:\d{{1,3}}|{'|'.join(_NUMBERS)})"
_SEASON = r"(?i:spring|summer|autumn|fall|winter)"
_SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_REL = r"(?i:last|this|next)"
_THE = r"(?:(?i:the)\s+)?"
_WEEK_REL = r"(?i:(?:this\s+)?(?:past|coming)|last|this|next)"
# "Friday, January 4": the weekday picks the year when none is written
_ON_WEEKDAY = rf"(?:(?:{_WEEK_REL}\s+)?(?P<wd>{_WEEKDAY}),?\s+)"
_AND_YEAR = rf"(?:,?\s+(?P<y>{_YEAR}))"

# Forms a range can join; the first that matches wins, so longer forms come first.
_ATOMS = {
    "holiday": rf"(?P<hol>{_HOLIDAY}){_AND_YEAR}?",
    "mdy": rf"{_ON_WEEKDAY}?(?P<mon>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})",
    "dmy": rf"{_ON_WEEKDAY}?(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH}){_AND_YEAR}?",
    "my": rf"(?:{_SHADE})?(?P<mon>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR})",
    "md": rf"{_ON_WEEKDAY}?(?P<mon>{_MONTH})\s+(?P<d>{_DAY})",
    "month": rf"(?:{_SHADE})?(?P<mon>{_MONTH})",
    "year": rf"(?:{_SHADE}|(?<![\w$£€.,/]))(?P<y>{_YEAR})",
}
_FORMS = {
    "iso": r"\b(?P<y>\d{4})-(?P<mon>\d{2})-(?P<d>\d{2})\b",
    "range_from": r"\b(?i:from|between)\s+(?P<a>ATOM)"
    r"\s*(?:(?i:to|until|till|through|and)\s+|[-–]\s*)(?P<b>ATOM)",
    "range_bare": r"(?P<a>ATOM)\s*(?:(?i:to|through|until)\s+|[-–]\s*)(?P<b>ATOM)",
    "quarter": rf"{_THE}(?:(?P<ord>(?i:{'|'.join(_ORDINALS)}))\s+(?P<unit>(?i:quarter|half))"
    rf"\s+(?:of\s+)?|\bQ(?P<qn>[1-4])\s+)(?P<y>{_YEAR})",
    "md_range": rf"(?:(?i:from)\s+)?(?P<mon>{_MONTH})\s+(?P<d>{_DAY})\s*"
    rf"(?:[-–]|(?i:to|through|until)\s)\s*(?P<d2>{_DAY}){_AND_YEAR}?",
    "mdy": _ATOMS["mdy"],
    "dmy": _ATOMS["dmy"],
    "holiday": rf"(?:(?P<rel>{_WEEK_REL})\s+)?{_ATOMS['holiday']}",
    "mrel": rf"(?:{_SHADE})?(?P<mon>{_MONTH})\s+(?:of\s+)?(?P<rel>{_REL})\s+(?i:year)\b",
    "my": _ATOMS["my"],
    "mprefix": rf"(?P<rel>{_WEEK_REL})\s+(?P<mon>{_MONTH})",
    "md": _ATOMS["md"],
    "decade": rf"{_THE}(?:{_SHADE})?\b(?P<y>1\d{{2}}0|20\d0)s\b",
    "ago": rf"(?P<n>{_NUMBER})\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b",
    # "in the last year" and "over the next week" are durations, not calendar periods.
    "period": r"(?<![Tt]he\s)\b(?:(?P<part>(?i:early|earlier|mid|late|later))[-\s]+)?"
    rf"(?P<rel>{_WEEK_REL})\s+(?P<unit>(?i:week|weekend|month|year))\b",
    "season": rf"(?:(?P<rel>{_WEEK_REL})\s+)?(?:{_SHADE})?(?P<season>{_SEASON})\b"
    rf"(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?",
    "dayword": r"\b(?P<w>(?i:yesterday|today|tonight|tomorrow|last\s+night))\b",
    "wd_range": rf"(?:(?i:from)\s+)?(?P<wd>{_WEEKDAY})\s*"
    rf"(?:(?i:through|thru|to|until|till)\s+|[-–]\s*)(?P<wd2>{_WEEKDAY})",
    "weekday": rf"(?:\b(?P<rel>{_WEEK_REL})\s+)?(?P<wd>{_WEEKDAY})",
    "month": _ATOMS["month"],
    "year": _ATOMS["year"],
}

_HOLIDAY_IN = re.compile(_HOLIDAY)
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _anonymous(pattern: str) -> str:
    return _NAMED_GROUP.sub("(?:", pattern)


_ATOM = _anonymous("|".join(_ATOMS.values()))
_ATOM_PATTERNS = {kind: re.compile(pattern) for kind, pattern in _ATOMS.items()}
_FORM_PATTERNS = {kind: re.compile(form.replace("ATOM", _ATOM)) for kind, form in _FORMS.items()}
# Every form starts with one of these words or a digit; checking that first lets the scan
# skip most positions of a sentence cheaply.
_STARTERS = ("from", "between", "the", "early", "earlier", "mid", "late", "later", "last")
_STARTS = "|".join(
    [
        *_NUMBERS,
        *_ORDINALS,
        *_DAY_WORDS,
        *_STARTERS,
        "this",
        "next",
        "past",
        "coming",
        *_SEASON_MONTHS,
    ]
)
_TRIGGER = rf"\b(?=\d|Q\d|{_MONTH}|{_WEEKDAY}|{_HOLIDAY}|(?i:{_STARTS})\b)"
_SCAN = re.compile(
    _TRIGGER
    + "(?:"
    + "|".join(
        f"(?P<{kind}>{_anonymous(form.replace('ATOM', _ATOM))})" for kind, form in _FORMS.items()
    )
    + ")"
)
_ON_BEFORE = re.compile(r"(?:^|\W)[Oo]n\s$")
# "on March 4 and 5": a second day of the same month
_AND_DAY = re.compile(rf"\s+(?:and|&)\s+(?P<d>{_DAY})(?!\s*(?:{_MONTH}|[-–/]|\d))")
_VETTING: dict[str, Vetting] = {
    "holiday": "holiday",
    "year": "attested",
    "month": "attested",
    "range_bare": "attested",
    "range_from": "attested",
    "md": "unnamed",
    "md_range": "unnamed",
    "period": "unnamed",
    "dayword": "unnamed",
    "weekday": "unnamed",
    "wd_range": "unnamed",
}
_THAT = re.compile(r"\b[Tt]hat\s+$")
_SEASON_BEFORE = re.compile(
    r"\b(?i:in|during|over|since|until|till|by|through|throughout|before|after)\s+(?:the\s+)?$"
)
_SINCE = re.compile(r"\b(?i:ever\s+)?[Ss]ince\s+$")


def extract_times(sent: Span, published: date | None) -> list[TimeSpan]:
    """The time expressions in ``sent``, each resolved against ``published``.

    Offsets are relative to the sentence. A relative expression in a document without
    a publication date is kept with ``start`` and ``end`` None, so callers can flag it.
    """
    found: list[TimeSpan] = []
    for match in _SCAN.finditer(sent.text):
        kind = match.lastgroup or ""
        if kind == "holiday":
            match = _without_counted_number(sent, match)
        if kind == "season" and not _dated_season(sent.text, match):
            continue  # "prices fall", "the fall of Kabul", "summer camps"
        if kind == "month" and _THAT.search(sent.text, max(0, match.start() - 6), match.start()):
            continue  # "that April": the April the article has dated (claims.timeanaphora)
        ref = _parse(kind, match)
        tokens = sent.doc.char_span(
            sent.start_char + match.start(), sent.start_char + match.end(), "expand"
        )
        if ref is None or tokens is None:
            continue
        vetting = _VETTING.get(kind, "certain")
        if kind.startswith("range") and _HOLIDAY_IN.search(match.group()):
            vetting = "holiday"  # "from Christmas Eve to New Year's Day": the NER says EVENT
        if not is_date(tokens, sent, vetting):
            continue
        direction = reading_direction(tokens, sent)
        since: re.Match[str] | Token | None
        since = _SINCE.search(sent.text, max(0, match.start() - 12), match.start())
        since = since or _since_governing(tokens, sent)
        since = since if not kind.startswith("range") else None
        days = resolve(ref, published, "past" if since else direction)
        if days is None and published is not None:
            continue  # impossible ("from 2019 to 2017"), not merely unanchored
        start = match.start()
        if kind == "weekday" and _ON_BEFORE.search(sent.text, max(0, start - 4), start):
            start -= 3
        if since is not None and published is not None and days and days[0] <= published:
            if isinstance(since, Token):  # "since commencing work in 2016": only the date
                days = (days[0], published)
            else:
                days, start = (days[0], published), since.start()  # "since Tuesday": up to now
        found.append(_span(sent.text, start, match.end(), days))
        extra = _AND_DAY.match(sent.text, match.end()) if kind == "md" else None
        if extra is not None and isinstance(ref, CalendarRef):
            day = int(extra["d"].rstrip("stndrh"))
            valid = covering(2000, ref.month or 1, day) is not None
            second = replace(ref, day=day, weekday=None) if valid else None
            days = resolve(second, published, direction) if second else None
            if days is not None or (second is not None and published is None):
                found.append(_span(sent.text, extra.start("d"), extra.end(), days))
    return found


def _dated_season(text: str, match: re.Match[str]) -> bool:
    """A season names a time with a year or "last/this/next", or after a preposition of
    time ("in the summer", "during winter"), and not as a modifier ("summer camps")."""
    parts = _FORM_PATTERNS["season"].fullmatch(match.string, match.start(), match.end())
    if parts is None:
        return False
    if parts["y"] or parts["rel"]:
        return True
    after = text[match.end() :]
    if re.match(r"\s+(?:of\b|[a-z]+s\b)", after) and not re.match(r"\s+(?:was|is)\b", after):
        return False  # "the fall of Kabul", "summer holidays"
    return _SEASON_BEFORE.search(text, 0, match.start()) is not None


def _since_governing(tokens: Span, sent: Span) -> Token | None:
    """The "since" whose object holds the date: "since the retirement of the Shuttles in 2011",
    "since commencing work in 2016" run from 2011 or 2016 to publication. Only a preposition:
    a "since" that opens a clause may give a reason ("since she did not wear a hijab")."""
    token = tokens.root
    while token.head.i != token.i and sent.start <= token.head.i < sent.end:
        token = token.head
        if token.lower_ == "since":
            return token if token.dep_ == "prep" else None
        if token.tag_ in ("VBD", "VBZ", "VBP", "MD") or token.dep_ in ("relcl", "ccomp", "ROOT"):
            return None  # a clause of its own: "since X, when Y happened in 2011"
    return None


def _without_counted_number(sent: Span, match: re.Match[str]) -> re.Match[str]:
    """The holiday alone when the "year" after it counts a noun: "On Christmas Eve 1500
    homes lost power" is about 1500 homes, not the year 1500."""
    parts = _FORM_PATTERNS["holiday"].fullmatch(match.string, match.start(), match.end())
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
    holiday = _FORM_PATTERNS["holiday"].fullmatch(match.string, match.start(), parts.end("hol"))
    return holiday or match


def _span(text: str, start: int, end: int, days: tuple[date, date] | None) -> TimeSpan:
    return TimeSpan(
        text=text[start:end],
        start=days[0] if days else None,
        end=days[1] if days else None,
        char_start=start,
        char_end=end,
    )


def _parse(kind: str, found: re.Match[str]) -> TimeRef | None:
    """What a matched form means, or None when it names no real date ("April 31")."""
    # In place, so that "U.S." stays in sight before "Independence Day"
    match = _FORM_PATTERNS[kind].fullmatch(found.string, found.start(), found.end())
    if match is None:
        return None
    groups = match.groupdict()
    if kind in ("range_from", "range_bare"):
        return _range(groups["a"] or "", groups["b"] or "")
    if kind == "quarter":
        return _quarter(groups)
    if kind == "decade":
        year = int(groups["y"] or 0)
        shade = _SHADES.get(_words(groups["shade"]))
        low, high = DECADE_THIRDS[shade] if shade else (0, 9)
        return RangeRef(CalendarRef(year + low), CalendarRef(year + high))
    if kind == "ago":
        count, unit = _NUMBERS.get((groups["n"] or "").lower()), _UNITS.get(_words(groups["unit"]))
        number = count if count is not None else int(groups["n"] or 0)
        if unit == "year":
            return PeriodRef("month", -12 * number)  # "a year ago": that calendar month
        return DayShift(-number) if unit is None else PeriodRef(unit, -number)
    if kind == "period":
        return _period(groups)
    if kind == "dayword":
        return DayShift(_DAY_WORDS[_words(groups["w"])])
    if kind == "wd_range":
        days = [WeekdayRef(WEEKDAY_NAMES.index(groups[g] or "")) for g in ("wd", "wd2")]
        return WeekdayRange(days[0], days[1])
    if kind == "weekday":
        return WeekdayRef(WEEKDAY_NAMES.index(groups["wd"] or ""), _mode(groups["rel"]))
    if kind == "season":
        return _season(groups)
    if kind == "md_range":
        first, last = _calendar(groups), _calendar(groups | {"d": groups["d2"]})
        return RangeRef(first, last) if first and last else None
    if kind in ("mprefix", "holiday") and groups["rel"]:
        return _prefixed(_calendar(groups | {"rel": None}), groups["rel"])
    return _calendar(groups)


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


def _season(groups: dict[str, str | None]) -> SeasonRef | None:
    word, year, rel = _words(groups["season"]), groups["y"], groups["rel"]
    if not year and not rel and (groups["season"] or "")[:1].isupper():
        return None  # "the Summer Olympics", "Arab Spring": a name
    first = _SEASON_MONTHS[word]
    shade = _SHADES.get(_words(groups["shade"]))
    return SeasonRef(first, int(year) if year else None, _mode(rel), shade)


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
