"""Words listed once: month and weekday names, number words, ordinals.

Every module that reads dates or numbers takes its word lists from here, so a name
added once is known everywhere.
"""

from __future__ import annotations

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Month names and their abbreviations with a full stop, lower case ("jan." but not "jan",
# which is also a name and "mar" a verb).
MONTH_WORDS = frozenset(
    [m.lower() for m in MONTHS] + [f"{m.lower()[:3]}." for m in MONTHS if m != "May"] + ["sept."]
)
# lower-case name or abbreviation -> month number (1-12) / weekday (Monday 0)
MONTH_NUMBERS: dict[str, int] = {m.lower(): n for n, m in enumerate(MONTHS, start=1)}
MONTH_NUMBERS |= {m.lower()[:3]: n for n, m in enumerate(MONTHS, start=1)}
MONTH_NUMBERS |= {f"{m.lower()[:3]}.": n for n, m in enumerate(MONTHS, start=1)} | {
    "sept": 9,
    "sept.": 9,
}
WEEKDAY_NUMBERS: dict[str, int] = {d.lower(): n for n, d in enumerate(WEEKDAYS)}
WEEKDAY_NUMBERS |= {d.lower()[:3]: n for n, d in enumerate(WEEKDAYS)}

# physical units and spans of time, as a quantity's unit noun (claims.units)
_UNIT_NOUNS = (
    "metre metres meter meters kilometre kilometres kilometer kilometers mile miles foot feet "
    "inch inches yard yards kilogram kilograms kilo kilos gram grams tonne tonnes ton tons "
    "litre litres liter liters gallon gallons acre acres hectare hectares knots"
)
_DURATIONS = (
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries"
)
UNIT_NOUNS = frozenset(_UNIT_NOUNS.split())
DURATIONS = frozenset(_DURATIONS.split())

UNIT_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TEN_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS: dict[str, float] = {w: float(n) for n, w in enumerate(UNIT_WORDS)}
NUMBER_WORDS |= {w: 10.0 * n for n, w in enumerate(TEN_WORDS, start=2)}
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2,
    "dozen": 12.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}

ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
)
ORDINAL_WORDS: dict[str, int] = {w: n for n, w in enumerate(ORDINALS, start=1)}
