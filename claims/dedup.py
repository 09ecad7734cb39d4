"""When two sentences are the same claim.

Identical sentences (after quote, dash, space and case normalisation) whose time
expressions resolve to the same days share a ``claim_key``. Near-duplicates, such as a
wire story lightly edited by two outlets, merge only when they state exactly the same
numbers (and the same months and weekdays) about the same days, their words mostly
agree, and the words that differ do not change what is claimed: no negation, no
direction of change, no swapped name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from claims.lexicon import MONTHS, TEN_WORDS, UNIT_WORDS, WEEKDAYS
from claims.model import TimeSpan

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_DASHES = str.maketrans({"–": "-", "—": "-", "‒": "-", "−": "-"})
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*")
_MARK = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*|[^\w\s-]")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")

SIMILARITY = 0.8  # Dice coefficient of the word sets; see near_duplicate


def _words_of(text: str) -> list[str]:
    return text.split()


_UNITS = UNIT_WORDS
_TENS = TEN_WORDS
SMALL_NUMBERS: dict[str, int] = {word: n for n, word in enumerate(_UNITS)} | {
    word: 20 + 10 * n for n, word in enumerate(_TENS)
}
SMALL_NUMBERS["dozen"] = 12
SCALES = {"hundred": 100, "thousand": 1_000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
FRACTIONS = {"half", "quarter", "third", "thirds", "quarters"}
CALENDAR = {name.lower() for name in (*MONTHS, *WEEKDAYS)}
NEGATIONS = set(_words_of("not no never none nor neither nobody nothing without"))
NEGATIONS |= {w + "n't" for w in _words_of("is was are were do does did has have had could would")}
NEGATIONS |= {"can't", "cannot", "won't"}
DIRECTIONS = set(
    _words_of(
        "rose rise rises risen rising fell fall falls fallen falling increased increase "
        "increases decreased decrease decreases grew grow grows shrank shrink shrinks dropped "
        "drop drops climbed climb slipped slip gained gain lost lose up down higher lower more "
        "less fewer above below over under before after most least largest smallest highest "
        "lowest"
    )
)


def normalise(text: str) -> str:
    """The form in which identical claims compare equal: quotes, dashes, spaces, case."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES)
    return _SPACE.sub(" ", text).strip().lower()


def claim_key(text: str, days: Sequence[str] = ()) -> str:
    """A stable identity for a claim: sha256 of the normalised text and of the days its
    time expressions resolve to. "On Tuesday, the council approved the budget" in an
    article of 2 July and in one of 20 August are two claims; undated, it is one."""
    return _hash(normalise(text), days)


def resolved_days(times: Iterable[TimeSpan]) -> tuple[str, ...]:
    """The calendar spans a claim's resolved times cover ("2019-07-02/2019-07-02"), sorted."""
    return tuple(sorted(f"{t.start}/{t.end}" for t in times if t.resolved))


def _hash(text: str, days: Sequence[str]) -> str:
    keyed = "\x1f".join([text, *sorted(days)])
    return hashlib.sha256(keyed.encode("utf-8")).hexdigest()


def tokens(text: str) -> list[str]:
    """Words and numbers as written (case kept), possessive ``'s`` dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES)
    found = _TOKEN.findall(text)
    return [t[:-2] if t.lower().endswith("'s") else t for t in found]


def numbers_signature(text: str) -> tuple[str, ...]:
    """Every number a sentence states, as canonical values, with its months and weekdays.

    "ten lawmakers", "10 lawmakers"; "1,500" and "1500"; "two hundred" and "200";
    "5 million" and "5,000,000" give the same signature. Sorted, repeats kept.
    """
    items: list[str] = []
    reader = _NumberReader(items)
    plain = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES)
    for token in (t.lower() for t in _MARK.findall(plain)):  # punctuation ends a number
        if reader.read(token):
            continue
        if token in FRACTIONS:
            items.append(token.rstrip("s"))
        elif token in CALENDAR and (token != "may" or _capitalised(text, token)):
            items.append(token)
    reader.flush()
    return tuple(sorted(items))


class _NumberReader:
    """Reads numbers written over several tokens ("two hundred thirty", "1.5 billion")."""

    def __init__(self, items: list[str]) -> None:
        self.items = items
        self.total = Decimal(0)  # the part already scaled by thousand, million, ...
        self.current: Decimal | None = None  # the part below the last large scale
        self.in_words = False  # whether the number so far may continue with a word

    def read(self, token: str) -> bool:
        """Take a token if it is (part of) a number; flush the number when it ends."""
        if token in SCALES:
            scale = SCALES[token]
            self.current = (self.current or Decimal(1)) * scale  # "a hundred"
            if scale >= 1000:
                self.total, self.current = self.total + self.current, Decimal(0)
            self.in_words = True
            return True
        value = _number_value(token)
        if value is None:
            self.flush()
            return False
        if self.current is not None and token in SMALL_NUMBERS and self._open_for(value):
            self.current += value
            return True
        self.flush()
        self.current, self.in_words = value, token in SMALL_NUMBERS
        return True

    def _open_for(self, value: Decimal) -> bool:
        assert self.current is not None
        below_hundred = self.current % 100
        if not self.in_words or value >= 100:
            return False
        if below_hundred == 0:
            return self.total > 0 or self.current > 0
        return below_hundred >= 20 and below_hundred % 10 == 0 and value < 10

    def flush(self) -> None:
        if self.current is not None:
            self.items.append(_canonical(self.total + self.current))
        self.total, self.current, self.in_words = Decimal(0), None, False


def number_key(text: str, days: Sequence[str] = ()) -> str | None:
    """A hash of the numbers signature and the resolved days; None when the sentence
    states no number. Near-duplicates are looked for among equal keys only, so a
    restated claim about another day is never one of them."""
    signature = numbers_signature(text)
    if not any(item[0].isdigit() for item in signature):
        return None
    return _hash("|".join(signature), days)


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the two sentences' sets of words (numbers left out)."""
    return _dice(_profile(a).words, _profile(b).words)


def _dice(words_a: frozenset[str], words_b: frozenset[str]) -> float:
    if not words_a or not words_b:
        return 0.0
    return 2 * len(words_a & words_b) / (len(words_a) + len(words_b))


def near_duplicate(a: str, b: str) -> bool:
    """True when two different sentences state the same claim (see the module docstring)."""
    one, other = _profile(a), _profile(b)
    if one.key == other.key:
        return True
    if one.numbers is None or one.numbers != other.numbers:
        return False
    if _dice(one.words, other.words) < SIMILARITY:
        return False
    changed = one.words ^ other.words
    if changed & (NEGATIONS | DIRECTIONS):
        return False
    names_a, names_b = one.names - other.words, other.names - one.words
    return not (names_a and names_b)  # one name replaced by another: a different claim


@dataclass(frozen=True)
class _Profile:
    """What near_duplicate compares of a sentence, worked out once per text."""

    key: str  # claim_key without days
    numbers: str | None  # number_key without days
    words: frozenset[str]  # lower-cased words, numbers left out
    names: frozenset[str]  # capitalised words after the first, lower-cased


@lru_cache(maxsize=16_384)  # a run compares the same stored claims with many new ones
def _profile(text: str) -> _Profile:
    found = tokens(text)
    return _Profile(
        claim_key(text),
        number_key(text),
        frozenset(t.lower() for t in found if not t[0].isdigit()),
        frozenset(t.lower() for t in found[1:] if t[0].isupper()),
    )


def _capitalised(text: str, word: str) -> bool:
    return any(t.lower() == word and t[0].isupper() for t in tokens(text)[1:])


def _number_value(token: str) -> Decimal | None:
    if token in SMALL_NUMBERS:
        return Decimal(SMALL_NUMBERS[token])
    if not token[0].isdigit():
        return None
    if _THOUSANDS.match(token):
        token = token.replace(",", "")
    try:
        return Decimal(token.replace(",", "."))
    except InvalidOperation:
        return None


def _canonical(value: Decimal) -> str:
    return format(value.normalize(), "f")
