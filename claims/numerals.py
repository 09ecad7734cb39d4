"""Numbers as a sentence writes them: digits, number words, multipliers and fractions.

``read_numbers`` finds where each number starts and ends in the tokens and what it is
worth ("a hundred and ten" is 110, "$2.5bn" is 2.5e9 USD, "two-thirds" is 2/3);
``claims.quantities`` decides which of them are quantities and what they count.

The tokenizer leaves some numbers glued to what comes before them: "SEK9" and "GBP738"
(a currency code), "~295" (approximately) and "to-197" (the second half of "230-to-197").
The glued text is kept as ``Number.prefix``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claims.lexicon import DURATIONS, NUMBER_WORDS, SCALE_WORDS, TEN_WORDS, UNIT_NOUNS


def _table(spec: str) -> dict[str, str]:
    """ "a=1 b=2" -> {"a": "1", "b": "2"}"""
    return dict(pair.split("=", 1) for pair in spec.split())


_WORDS = dict(NUMBER_WORDS)
_TENS = {w: 10.0 * n for n, w in enumerate(TEN_WORDS, start=2)}
_SCALES = SCALE_WORDS | {"bn": 1e9, "mn": 1e6, "tn": 1e12}
_MONEY_SCALES = {"m": 1e6, "k": 1e3, "b": 1e9}  # only after a currency symbol: "100m" sprint
_MULTIPLES = {"twice": 2.0, "thrice": 3.0}
_MULTIPLYING = {"double": 2.0, "triple": 3.0, "quadruple": 4.0}  # as verbs: "to double the number"
_NUMERAL = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.?\d+)(?P<scale>bn|mn|tn|m|k)?")
YEAR = re.compile(r"1\d{3}|20\d{2}|2100")

_HALF_OF = frozenset({"the", "their", "his", "her", "its", "our", "these", "those", "all"})
_DENOMINATORS = {"half": 2.0, "third": 3.0, "quarter": 4.0, "fourth": 4.0, "fifth": 5.0}
_DENOMINATORS |= {"sixth": 6.0, "seventh": 7.0, "eighth": 8.0, "ninth": 9.0, "tenth": 10.0}
_PLURAL_DENOMINATORS = {"halves": 2.0} | {f"{w}s": d for w, d in _DENOMINATORS.items()}

# "about an hour", "just under a month", "within a mile": "a" is one of the unit when a
# bound comes before it ("an hour later" and "a mile away" say how far, and count nothing)
_BOUND_WORDS = frozenset(
    (
        *("about", "around", "nearly", "almost", "roughly", "approximately"),
        *("over", "under", "within", "than", "least", "most"),
    )
)
_ONE_OF = DURATIONS | UNIT_NOUNS
_DIGIT = re.compile(r"\d")
_BEGINNERS = frozenset(_WORDS) | frozenset(_SCALES) | frozenset(_MULTIPLES) | {"a", "an", "half"}
_CURRENCY_SYMBOLS = _table(
    "$=USD us$=USD £=GBP €=EUR ¥=JPY ₹=INR a$=AUD c$=CAD hk$=HKD r$=BRL ₿=BTC"
)
_CODES = "USD EUR GBP JPY CNY INR AUD CAD CHF RUB BRL PLN SEK NOK DKK NZD HKD SGD MXN ZAR KRW"
CURRENCY_CODES = frozenset(f"{_CODES} TRY ILS CZK HUF".split())
_AMOUNT = r"\d{1,3}(?:,\d{3})*(?:\.\d+)?"
_RANGE_TOKEN = re.compile(rf"(?P<a>{_AMOUNT})[–-](?P<b>{_AMOUNT})")
_GLUED = re.compile(r"(?P<prefix>~|to-|[A-Z]{3})(?=\d)")


@dataclass(frozen=True)
class Number:
    """One number read from the tokens; indices are token positions in the doc."""

    lead: int  # the currency symbol if any, else ``first``
    first: int
    last: int
    value: float
    scale: float = 1.0  # the last multiplier ("million"), shared with a range's low end
    currency: str | None = None
    spelled: bool = False
    times: bool = False  # "twice"
    fraction: bool = False  # "two-thirds" is 2/3
    share: bool = False  # "a quarter of a million": a share of a scale, a whole number
    prefix: str = ""  # glued to the first token: "~", "to-" or a currency code
    high: float | None = None  # a range in one token: "15–25 million" is 15e6 to 25e6


def read_numbers(sent: Span) -> list[Number]:
    """Every number in ``sent``, in order, each read as far as it goes.

    Only a token that can begin a number is read from (a digit, a number word, "a",
    "half", "twice", "double"): most tokens are skipped at a glance."""
    numbers: list[Number] = []
    i = sent.start
    for token in sent:
        if token.i < i or not _may_begin(token):
            continue
        number = read_number(sent, token.i)
        numbers += [number] if number else []
        i = number.last + 1 if number else token.i + 1
    return numbers


def _may_begin(token: Token) -> bool:
    lower = token.lower_
    if lower in _BEGINNERS or (not lower.isalpha() and _DIGIT.search(lower) is not None):
        return True
    return token.pos_ == "VERB" and token.lemma_.lower() in _MULTIPLYING


def read_number(sent: Span, i: int) -> Number | None:
    """The number that starts at token ``i``, if one does."""
    doc, end, lower = sent.doc, sent.end, sent.doc[i].lower_
    if lower in _MULTIPLES:
        return Number(i, i, i, _MULTIPLES[lower], spelled=True, times=True)
    after = [t.lower_ for t in doc[i + 1 : min(i + 3, end)]]
    if lower == "a" and after[:1] == ["single"] and i + 2 < end and doc[i + 2].pos_ == "NOUN":
        return Number(i, i, i + 1, 1.0, spelled=True)  # "a single dose"
    if lower == "a" and after == ["couple", "of"]:
        return Number(i, i, i + 1, 2.0, spelled=True)  # "a couple of guns": about two
    if lower in ("a", "an") and after[:1] and after[0] in _ONE_OF:
        bound = i > sent.start and doc[i - 1].lower_ in _BOUND_WORDS
        lasting = after[1:2] in (["-"], ["–"]) and doc[i + 3 : i + 4].text.lower() == "long"
        if bound or lasting:  # "about an hour", "a week-long stay"
            return Number(i, i, i, 1.0, spelled=True)
    if lower == "half" and after[:1] in (["a"], ["an"]) and after[1:2] and after[1] in _ONE_OF:
        return Number(i, i, i + 1, 0.5, spelled=True)  # "half a mile"
    if doc[i].pos_ == "VERB" and doc[i].lemma_.lower() in _MULTIPLYING:
        return Number(i, i, i, _MULTIPLYING[doc[i].lemma_.lower()], spelled=True, times=True)
    fraction = _read_fraction(sent, i)
    if fraction is not None:
        return fraction
    glued = _glued_range(sent, i)
    if glued is not None:
        return glued
    prefix = _glued_prefix(doc[i].text)
    glued_currency = prefix if prefix in CURRENCY_CODES else None
    currency = glued_currency or _currency_before(doc, i, sent.start)
    leading = _leading_value(doc, i, end, currency is not None, len(prefix))
    if leading is None:
        return None
    total, (current, scale, j) = 0.0, leading
    last = j - 1
    while j < end:
        word, previous = doc[j].lower_, doc[last].lower_
        joiner = _TENS if word == "-" else _SCALES if word == "and" else {}
        if previous in joiner and j + 1 < end and doc[j + 1].lower_ in _WORDS:
            j += 1  # "twenty-five", "a hundred and ten"
            continue
        if word in _SCALES or (currency and j == i + 1 and word in _MONEY_SCALES):
            scale = _SCALES.get(word) or _MONEY_SCALES[word]
            total, current = (
                (total + current * scale, 0.0) if scale >= 1e3 else (total, current * scale)
            )
        elif word in _WORDS and (previous in _SCALES or (previous in _TENS and _WORDS[word] < 10)):
            current += _WORDS[word]
        else:
            break
        last, j = j, j + 1
    lead = i - 1 if currency and not glued_currency else i
    spelled = doc[i].is_alpha
    return Number(lead, i, last, total + current, scale, currency, spelled, prefix=prefix)


def _glued_range(sent: Span, i: int) -> Number | None:
    """ "15–25 million" written as one token: a range, with the multiplier after it."""
    doc = sent.doc
    match = _RANGE_TOKEN.fullmatch(doc[i].text)
    if match is None or (YEAR.fullmatch(match["a"]) and YEAR.fullmatch(match["b"])):
        return None  # "2019–2020" is a time
    low, high = (float(match[g].replace(",", "")) for g in ("a", "b"))
    if low >= high:  # "won 22–10", "voted 230–197": a score or a tally, its two counts
        return Number(i, i, i, low, high=high) if low > high else None
    last = i
    scale = 1.0
    if i + 1 < sent.end and doc[i + 1].lower_ in _SCALES:
        last, scale = i + 1, _SCALES[doc[i + 1].lower_]
    currency = _currency_before(doc, i, sent.start)
    lead = i - 1 if currency else i
    return Number(lead, i, last, low * scale, scale, currency, high=high * scale)


def _read_fraction(sent: Span, i: int) -> Number | None:
    """ "two-thirds", "two thirds", "one third of", "a quarter of", "half of": a share in words.

    "About a quarter of a million" is a number like any other: 250,000.
    """
    doc, end, word = sent.doc, sent.end, sent.doc[i].lower_
    hyphen = i + 1 < end and doc[i + 1].text in ("-", "–")
    numerator = 1.0 if word in ("a", "an", "half") else _WORDS.get(word, 0.0)
    j = i if word == "half" else i + 2 if hyphen else i + 1
    if not numerator or j >= end:
        return None
    denominator = doc[j].lower_
    share = (_DENOMINATORS if numerator == 1 else _PLURAL_DENOMINATORS).get(denominator)
    if share is None or doc[j].tag_ in ("NNP", "NNPS"):
        return None  # "a Fourth of July"
    of = j + 1 < end and doc[j + 1].lower_ == "of"
    if word == "half" and j + 1 < end and doc[j + 1].lower_ in _HALF_OF:
        of = True  # "half the staff", "half their income": half of them
    article = word in ("a", "an")
    loose = j == i or (not hyphen and (numerator == 1 or denominator.startswith("quarter")))
    if (article and (hyphen or not of)) or (loose and not of):
        return None  # "a third term", "two-and-a-half", "one third party", "for two quarters"
    if j == i and i > sent.start and doc[i - 1].tag_ in ("DT", "JJ", "PRP$"):
        return None  # "the first half of"
    value = numerator / share
    scale = doc[j + 3].lower_ if j + 3 < end and doc[j + 2].lower_ in ("a", "an") else ""
    if of and scale in _SCALES:
        scaled = value * _SCALES[scale]
        return Number(i, i, j + 3, scaled, _SCALES[scale], spelled=True, share=True)
    return Number(i, i, j, value, spelled=True, fraction=True)


def _leading_value(
    doc: Doc, i: int, end: int, money: bool, skip: int = 0
) -> tuple[float, float, int] | None:
    """A number's first value, its multiplier and the next token ("a dozen": 1, then "dozen").

    ``skip`` characters glued before the digits ("~295") are not part of the value.
    """
    words = [t.lower_ for t in doc[i : min(i + 3, end)]] + ["", ""]
    words[0] = words[0][skip:]
    if words[0] in ("a", "an") and words[1] in _SCALES:
        return 1.0, 1.0, i + 1
    if words[0] == "a" and words[1] == "quarter" and words[2] in _SCALES:
        return 0.25, 1.0, i + 2  # "a quarter million"
    if words[0] in _SCALES and i > 0 and doc[i - 1].lower_ == "every":
        return _SCALES[words[0]], _SCALES[words[0]], i + 1  # "one out of every thousand"
    if words[:2] == ["half", "a"] and words[2] in _SCALES:
        return 0.5, 1.0, i + 2
    if words[0] in _WORDS:
        return _WORDS[words[0]], 1.0, i + 1
    match = _NUMERAL.fullmatch(words[0])
    if match is None or (match["scale"] in _MONEY_SCALES and not money):
        return None  # "100m" is a sprint, "$100m" is money
    scale = _SCALES.get(match["scale"] or "") or _MONEY_SCALES.get(match["scale"] or "", 1.0)
    return float(match["num"].replace(",", "")) * scale, scale, i + 1


def _glued_prefix(text: str) -> str:
    """ "~" in "~295", "to-" in "to-197", "SEK" in "SEK9"; "" when nothing is glued."""
    match = _GLUED.match(text)
    if match is None or (match["prefix"].isupper() and match["prefix"] not in CURRENCY_CODES):
        return ""
    return match["prefix"]


def _currency_before(doc: Doc, i: int, start: int) -> str | None:
    if i <= start:
        return None
    token = doc[i - 1]
    code = token.text if token.text in CURRENCY_CODES else None
    return _CURRENCY_SYMBOLS.get(token.lower_, code)
