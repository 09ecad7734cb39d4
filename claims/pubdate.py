"""A text's publication date, where people put it and in the styles they write it.

A saved article rarely starts with its date: a headline comes first, then perhaps a
byline, then "Published 6 March 2020", "Updated: May 22, 2019 10:30 a.m. ET" or
"Wednesday 22 May 2019 10.30 BST". ``find_date_line`` looks at the first lines of the
text for a line that is only a date (with such a label or byline around it) and takes it
off the text, or failing that a wire dateline opening the first paragraph ("LONDON,
March 6, 2020 (Reuters) - ..."); ``parse_date`` reads one date in any common style
(``dateparser`` does the reading); ``date_in_name`` reads ``…-2019-05-22.txt``.

A numeric date is read only where it is unambiguous: "22/05/2019" is 22 May, "05/22/2019"
is 22 May, "05/06/2019" is left alone.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import PurePath
from typing import Any

from claims.errors import InvalidDate
from claims.lexicon import MONTH_NUMBERS

HEAD_LINES = 10  # a date line is among the first lines ...
HEAD_CHARS = 600  # ... before this much other text (the body has begun)
_MAX_DATE_LINE = 160

_DATE_LINE = re.compile(r"\A\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[^\S\n]*\n?", re.IGNORECASE)
_MONTH_WORD = "|".join(sorted((re.escape(m) for m in MONTH_NUMBERS), key=len, reverse=True))
_HAS_MONTH = re.compile(rf"\b(?:{_MONTH_WORD})(?![a-z])", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_LABEL = re.compile(
    r"^(?P<label>(?:first\s+|originally\s+|last\s+)?(?:published|updated|modified|posted|"
    r"filed|dated?|written)(?:\s+(?:on|at))?)\b\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:[|·•]|\s[-–—/]\s)\s*")  # "May 22, 2019 / 10:30 AM / Updated"
_TRAILING_BYLINE = re.compile(r"\s+by\s+\S.*$", re.IGNORECASE)  # "Posted on 2019-05-22 by admin"
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_BYLINE = re.compile(r"^(?:by|from|source:?)\s+\S", re.IGNORECASE)
_BYLINE_PARTS = re.compile(r"(,\s+|\s+on\s+)", re.IGNORECASE)  # where a byline's date may start
_NUMERIC = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2(\d{4})$")
_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$|^(\d{4})/(\d{2})/(\d{2})$"
)
_TIME_TAIL = re.compile(r"(?:,?\s+at\s+|,?\s+)\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?.*$", re.I)
_WORDED = re.compile(
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_WORD})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH_WORD})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))",
    re.IGNORECASE,
)
_WIRE = re.compile(  # the place in capitals, then the date: "LONDON, March 6, 2020 (Reuters) -"
    r"^\s*[A-Z][A-Z.'’ -]{1,40}(?:,\s+[A-Z][\w.'’ -]{1,30})?,\s+"
    rf"(?P<date>(?:[A-Z][a-z]+day,?\s+)?(?:\d{{1,2}}\s+(?i:{_MONTH_WORD})\.?"
    rf"|(?i:{_MONTH_WORD})\.?\s+\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}})"
    r"\s*(?:\([\w .&-]{1,30}\))?\s*[-–—]+\s+"
)
_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})([-_.]?)(\d{2})\2(\d{2})(?!\d)")
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "DATE_ORDER": "DMY",
    "PREFER_LOCALE_DATE_ORDER": False,
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["absolute-time"],
}
# The usual head line ("Friday, January 4, 2019", "4 January 2019"), read without
# dateparser: importing it costs about 0.3 s of a one-off `claimdesk extract`. dateparser
# reads these the same way (a weekday that does not match the date is ignored).
_PLAIN_DATE = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:(?P<m1>january|february|march|april|may|june|july|august|september|october"
    r"|november|december)\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>january|february|march|april|may|june"
    r"|july|august|september|october|november|december),?)"
    r"\s+(?P<y>(?:19|20)\d{2})",
    re.IGNORECASE,
)
_PUBLISHED_LABELS = ("published", "first", "originally", "posted", "filed", "date", "written")


@dataclass(frozen=True)
class DateLine:
    """Where a text gave its date: the line's number (1-based) and its words."""

    published: date
    kind: str  # "date-line" (date 2019-05-22), "dateline" (a line that is only a date), "byline"
    line: int
    text: str

    @property
    def where(self) -> str:
        return f"text line {self.line}: “{self.text}”"


def find_date_line(text: str, where: str = "text") -> tuple[str, DateLine | None]:
    """The text without its date line, and that line; (text, None) when there is none.

    A "Published" line wins over an "Updated" one. A line that names a day that does
    not exist ("Friday, February 30, 2019") raises InvalidDate rather than being read
    as text.
    """
    if match := _DATE_LINE.match(text):
        try:
            published = date.fromisoformat(match.group(1))
        except ValueError:
            raise InvalidDate(where, f"line 1: {match.group(1)!r} is not a real date") from None
        line = match.group(0).strip()
        return text[match.end() :], DateLine(published, "date-line", 1, line)
    found: list[tuple[int, int, DateLine, bool]] = []  # (start, end, line, is "updated")
    passed, position, seen = 0, 0, 0
    for number, raw in enumerate(text.split("\n"), start=1):
        start, position = position, position + len(raw) + 1
        line = raw.strip()
        if not line:
            continue
        seen += 1
        if seen > HEAD_LINES or passed > HEAD_CHARS:
            break
        reading = _date_of_line(line, number, where)
        if reading is None:
            if _SENTENCE_END.search(line) and len(line.split()) > 6:
                break  # a sentence of the body: the head is over
            passed += len(line)
            continue
        published, labelled, updated = reading
        kind = "byline" if labelled else "dateline"
        found.append(
            (start, min(position, len(text)), DateLine(published, kind, number, line), updated)
        )
    if not found:
        return _wire_dateline(text)
    chosen = next((f for f in found if not f[3]), found[0])
    for start, end, _, _ in reversed(found):  # every date line is furniture
        text = text[:start] + text[end:]
    return text, chosen[2]


def _wire_dateline(text: str) -> tuple[str, DateLine | None]:
    """A wire-service dateline opening the first paragraph: "LONDON, March 6, 2020
    (Reuters) - Police said ..." is dated 6 March 2020; the dateline is taken off, the
    sentence stays."""
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if number > HEAD_LINES or offset > HEAD_CHARS:
            break
        match = _WIRE.match(raw)
        if match is not None:
            published = parse_date(match["date"].strip(" ,"))
            if published is not None:
                start = offset + match.start()
                line = DateLine(published, "dateline", number, match.group(0).strip(" -–—"))
                return text[:start] + text[offset + match.end() :], line
        offset += len(raw) + 1
    return text, None


def _date_of_line(line: str, number: int, where: str) -> tuple[date, bool, bool] | None:
    """(date, labelled, "updated") when the line is a date with at most a label and byline.

    Of "Updated: May 23, 2019 | Published: May 22, 2019" the published date is taken.
    """
    if len(line) > _MAX_DATE_LINE or not _YEAR.search(line):
        return None
    line = line.strip("*_#> ").strip()
    labelled = False
    dates: list[tuple[date, bool]] = []  # (date, from an "updated" label)
    for segment in _SEPARATORS.split(line):
        label = _LABEL.match(segment)
        body = segment[label.end() :] if label else segment
        if label:
            labelled = True
        elif _BYLINE.match(segment):
            labelled = True
            body = _date_after_byline(segment)
            if body is None:
                continue
        if not _YEAR.search(body):
            continue
        found = parse_date(body.strip(" ,.()[]*_"))
        if found is None and (unsigned := _TRAILING_BYLINE.sub("", body)) != body:
            found = parse_date(unsigned.strip(" ,.()[]*_"))
        if found is not None:
            updated = label is not None and not label["label"].lower().startswith(_PUBLISHED_LABELS)
            dates.append((found, updated))
        elif label or number == 1:
            _refuse_impossible(body, number, where)
    if not dates:
        return None
    published, updated = next((d for d in dates if not d[1]), dates[0])
    return published, labelled, updated


def _date_after_byline(segment: str) -> str | None:
    """The date part of "By Ana Ruiz, Reuters, 22 May 2019" or "By Ana Ruiz on May 22, 2019"."""
    if not _YEAR.search(segment):
        return None
    parts = _BYLINE_PARTS.split(segment)
    for k in range(1, len(parts)):
        tail = "".join(parts[k:]).lstrip(" ,")
        if parse_date(tail.strip(" ,.()[]*_")) is not None:
            return tail
    return None


def parse_date(text: str) -> date | None:
    """One date written in any common style, or None (also for ambiguous numeric dates)."""
    text = text.strip()
    if len(text) > 60:
        return None
    if iso := _ISO.match(text):
        year, month, day = (iso[1], iso[2], iso[3]) if iso[1] else (iso[4], iso[5], iso[6])
        return _real(int(year), int(month), int(day))
    if numeric := _NUMERIC.match(text):
        first, second, year = int(numeric[1]), int(numeric[3]), int(numeric[4])
        if first > 12 >= second:
            return _real(year, second, first)
        if second > 12 >= first:
            return _real(year, first, second)
        return _real(year, first, first) if first == second else None
    if not _HAS_MONTH.search(text) or not _YEAR.search(text):
        return None
    parsed = _dateparser(text)
    if parsed is None and (cut := _TIME_TAIL.sub("", text)) != text:
        parsed = _dateparser(cut)
    if parsed is None:
        return None
    written = _YEAR.search(text)
    return parsed if written and parsed.year == int(written[0]) else None


def date_in_name(location: str) -> date | None:
    """The date in a file name ("talks-2019-05-22.txt", "storm_20190522.txt"), if a real day."""
    name = PurePath(location.rsplit("/", 1)[-1]).name
    match = _FILE_DATE.search(name)
    return _real(int(match[1]), int(match[3]), int(match[4])) if match else None


def _dateparser(text: str) -> date | None:
    parsed: datetime | None = _parse(text)
    return parsed.date() if parsed else None


@lru_cache(maxsize=1024)
def _parse(text: str) -> datetime | None:
    if plain := _PLAIN_DATE.fullmatch(text):
        month = MONTH_NUMBERS[(plain["m1"] or plain["m2"]).lower()]
        try:
            return datetime(int(plain["y"]), month, int(plain["d1"] or plain["d2"]))
        except ValueError:
            pass  # no such day: dateparser decides, as before
    import dateparser  # about 0.3 s to import: only when a head line may be a date

    result: datetime | None = dateparser.parse(
        text, languages=["en"], settings=_DATEPARSER_SETTINGS
    )
    return result


def _real(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _refuse_impossible(text: str, number: int, where: str) -> None:
    """A date line that names a day its month does not have is an error, not text."""
    match = _WORDED.search(text)
    if match is None:
        return
    day = int(match["d1"] or match["d2"])
    month = MONTH_NUMBERS[(match["m1"] or match["m2"]).lower()]
    year = int(match["y1"] or match["y2"])
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise InvalidDate(where, f"line {number}: {match.group(0)!r} is not a real date")
