"""The forms time expressions take in English text.

``SCAN`` finds every candidate in one pass ("April 30", "from February to April", "last
week", "the first half of this year", "last summer"); the name of the group that matched
says which form it is, ``VETTING`` how much spaCy's evidence it needs to count as a date
(see ``claims.timecontext``), and ``claims.timeparse.parse`` what the match means. No
spaCy here: only words.
"""

from __future__ import annotations

import re

from claims.lexicon import NUMBER_WORDS, ORDINAL_WORDS
from claims.timecontext import Vetting
from claims.timerefs import MONTH_NAMES, WEEKDAY_NAMES

NUMBERS = {word: int(value) for word, value in NUMBER_WORDS.items() if value >= 1}
NUMBERS |= {"a": 1, "an": 1}
ORDINALS = {word: n for word, n in ORDINAL_WORDS.items() if n <= 4}
ORDINALS |= {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
DAY_ORDINALS = dict(ORDINAL_WORDS)  # "the first" to "the thirty-first"
DAY_WORDS = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "tomorrow": 1}
DAY_WORDS |= {f"this {part}": 0 for part in ("morning", "afternoon", "evening")}
# The time of writing is the publication day: "At present, ...", "as of this writing"
# (every phrase _DAYWORD matches is a key here: the scan starts only at a key)
DAY_WORDS |= {"at present": 0, "presently": 0}
DAY_WORDS |= {
    f"{lead}{this} writing": 0
    for lead in ("as of", "at the time of", "at time of")
    for this in ("", " this")
}

_MONTH = rf"\b(?:(?:{'|'.join(MONTH_NAMES)})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
# Without its full stop an abbreviation is a month only next to a day or a year: "20 Nov 2019"
_MON_ABBR = r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b(?!\.)"
_MONTH_D = rf"(?:{_MONTH}|{_MON_ABBR})"
_WEEKDAY = rf"\b(?:{'|'.join(WEEKDAY_NAMES)})\b"
_DAY = r"\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[.:]\d)"
_YEAR = (
    r"(?:1\d{3}|20\d{2})(?![\d%]|[.,:]\d|-[A-Za-z])\b(?!\s*(?:UTC|GMT|[ECMP][SD]T|hours?\b|hrs\b))"
)
_SHADE = (  # "mid-April", "late 2018", "the end of July": a third of it
    r"(?P<shade>(?i:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))(?:\s+in\s+|[-\s]+)"
)
CENTURIES = {word: n for word, n in ORDINAL_WORDS.items() if n <= 21}
_CENTURIES = "|".join(sorted(CENTURIES, key=len, reverse=True))
_S = r"['’]?s\s+"  # "New Year's", "New Years"
_HOLIDAY = (
    rf"\b(?:New\s+Year{_S}(?:[Ee]ve|[Dd]ay)|Valentine{_S}[Dd]ay|(?:St\.?|Saint)\s+Patrick{_S}[Dd]ay"
    r"|Fourth\s+of\s+July|July\s+Fourth|Bastille\s+Day|Halloween|Boxing\s+Day"
    r"|(?:(?<=U\.S\.\s)|(?<=US\s)|(?<=American\s)|(?<=America['’]s\s))Independence\s+Day"
    rf"|International\s+Women{_S}[Dd]ay|Earth\s+Day|World\s+AIDS\s+Day|Armistice\s+Day"
    r"|Remembrance\s+Day|Christmas(?:\s+(?:[Ee]ve|[Dd]ay))?"
    r"|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Palm\s+Sunday|Ash\s+Wednesday|Pentecost"
    r"|Whit\s+Monday|Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day"
    r"|Martin\s+Luther\s+King(?:,?\s+Jr\.?)?\s+Day)\b"
)
_SEASON = r"(?P<season>\b(?i:spring|summer|autumn|fall|winter))\b"
_AND_A_HALF = r"[-\s]+(?i:and)[-\s]+(?i:a)[-\s]+(?i:half)"
_NUMBER = rf"\b(?i:\d{{1,3}}|{'|'.join(NUMBERS)})"
_DAYWORD = (
    r"(?i:yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)"
    r"|at\s+present(?!-)|presently|(?:as\s+of|at\s+(?:the\s+)?time\s+of)(?:\s+this)?\s+writing)"
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
    "quarter": rf"{_THE}(?:(?P<ord>(?i:{'|'.join(ORDINALS)}))\s+(?P<unit>(?i:quarter|half))"
    rf"\s+(?:of\s+)?|\bQ(?P<qn>[1-4])\s+)(?P<y>{_YEAR})",
    "md_range": rf"(?:(?i:from)\s+)?(?P<mon>{_MONTH_D})\s+(?P<d>{_DAY})\s*"
    rf"(?:[-–]|(?i:to|through|until)\s)\s*(?P<d2>{_DAY}){_AND_YEAR}?",
    # "5–7 March", "from 5 to 7 March", "between 1 and 3 March"
    "dm_range": rf"(?:(?i:between)\s+(?P<bd>{_DAY})\s*(?:(?i:and)\s|[-–])\s*(?P<bd2>{_DAY})"
    rf"|(?:(?i:from)\s+)?(?P<d>{_DAY})\s*(?:[-–]|(?i:to|through|until)\s)\s*(?P<d2>{_DAY}))"
    rf"\s+(?:of\s+)?(?P<mon>{_MONTH_D}){_AND_YEAR}?",
    # "on 12 and 13 May": two days of the same month
    "dm_pair": rf"(?P<d1>{_DAY})\s+(?:and|&)\s+(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH_D})"
    rf"{_AND_YEAR}?",
    # "the 2019–20 season", "the 2018/19 financial year": both years
    "year_span": r"(?<![\w$£€.,/])(?P<y>(?:1\d|20)\d{2})[-–/](?P<y2>\d{2})\b(?![-–/.,:]?\d)",
    # "the biggest rally in a decade", "the first time in 20 years": up to publication
    "in_back": rf"(?i:in)\s+(?:(?i:more\s+than|over|nearly|almost|about)\s+)?(?P<n>{_NUMBER})"
    r"\s+(?P<unit>(?i:day|week|month|year|decade))s?\b(?!\s+(?i:ago|later|earlier|before)\b)",
    # "the first of March", "the 3rd of May 2018": a day
    "ordmonth": rf"(?i:the)\s+(?P<od>(?i:{'|'.join(DAY_ORDINALS)})|{_DAY})\s+of\s+"
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
    "part": rf"(?i:the)\s+(?P<ord>(?i:{'|'.join(ORDINALS)}))\s+(?P<unit>(?i:quarter|half))\b"
    rf"(?:(?P<of_year>\s+(?i:of)\s+(?:(?P<rel>{_REL})\s+|(?i:the)\s+)(?i:year))\b"
    r"|(?!\s+(?i:of)\b))",
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
    # "the 13th century", "the early nineteenth century"
    "century": rf"(?i:the)\s+(?:{_SHADE})?(?P<cent>[12]?\d(?:st|nd|rd|th)|(?i:{_CENTURIES}))"
    r"[-\s]+(?i:century)\b",
    # "two and a half years ago", "a year-and-a-half ago": the half counts in years only
    "ago": rf"(?P<n>{_NUMBER})(?P<half>{_AND_A_HALF})?\s+(?P<unit>(?i:day|week|month|year))s?"
    rf"(?P<half2>{_AND_A_HALF})?\s+(?i:ago)\b",
    # "the beginning of this year", "the end of last month", "the start of the year"
    "edge": r"(?i:the)\s+(?P<edge>(?i:beginning|start|end))\s+(?i:of)\s+"
    rf"(?P<rel>{_WEEK_REL}|(?i:the))\s+(?P<unit>(?i:month|year))\b",
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
ATOM_PATTERNS = {kind: re.compile(pattern) for kind, pattern in _ATOMS.items()}
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
    "in",
)
_STARTS = "|".join([*NUMBERS, *ORDINALS, *DAY_WORDS, *_STARTERS, "this", "next", "past", "coming"])
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
    "dm_pair": "certain",
    "dm_range": "certain",  # the NER calls the first day CARDINAL
    "year_span": "attested",  # after a determiner too (claims.timecontext)
    "in_back": "unnamed",
    "period": "unnamed",
    "edge": "unnamed",
    "dayword": "unnamed",
    "day_range": "unnamed",
    "weekend": "unnamed",
    "season_rel": "unnamed",
    "season": "holiday",
    "part": "attested",
    "century": "unnamed",
    "back": "unnamed",
    "weekday": "unnamed",
    "wd_range": "unnamed",
}
