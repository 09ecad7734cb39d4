"""What a quantity takes from the sentence around it, once every figure is read.

- An elided unit: "Both earned 9 delegates, Klobuchar 6" is 6 delegates; "39 of the
  state's 40 delegates" is 39 delegates; "the number of cases rose to 58" is 58 cases;
  a bare toll counts people ("killed at least 20").
- Counts in plural words: "hundreds died" is at least 100 people, "tens of thousands of
  protesters" at least 10,000 protesters.
- Money as the plain noun a reader checks: "$2.5bn" is in "dollars", "€3m" in "euros"
  (the figures are read with ISO codes, ``claims.numerals``; the guidelines' unit is a noun).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from claims.lexicon import DURATIONS
from claims.model import Quantity
from claims.units import NOUN_TAGS

MONEY_NOUNS = {
    "USD": "dollars",
    "EUR": "euros",
    "GBP": "pounds",
    "JPY": "yen",
    "CNY": "yuan",
    "INR": "rupees",
    "RUB": "rubles",
    "PLN": "złoty",
    "AUD": "Australian dollars",
    "CAD": "Canadian dollars",
    "NZD": "New Zealand dollars",
    "HKD": "Hong Kong dollars",
    "SGD": "Singapore dollars",
    "CHF": "Swiss francs",
    "BRL": "reais",
    "MXN": "Mexican pesos",
    "ZAR": "rand",
    "KRW": "won",
    "SEK": "Swedish kronor",
    "NOK": "Norwegian kroner",
    "DKK": "Danish kroner",
    "TRY": "lira",
    "ILS": "shekels",
    "CZK": "koruna",
    "HUF": "forints",
    "BTC": "bitcoin",
}
# Units a bare number in the same sentence does not borrow: "a third" and "twice" say
# nothing of what "6" counts.
_NOT_SHARED = frozenset({"", "fraction", "times"})
_OF_THE = re.compile(r"^ of(?: [\w'’.-]+){0,3} $")  # " of the state's "
TOLL_VERBS = frozenset(
    {"kill", "injure", "wound", "die", "arrest", "detain", "evacuate", "rescue", "strand"}
    | {"hospitalise", "hospitalize", "infect", "displace", "execute", "shoot", "stab"}
)
_PLURAL_COUNTS = {"dozens": 12.0, "hundreds": 100.0, "thousands": 1000.0, "millions": 1e6}
_PLURAL_COUNTS |= {"billions": 1e9}
_SCALES = {"hundreds": 100.0, "thousands": 1000.0, "millions": 1e6}


def in_context(sent: Span, quantities: list[Quantity]) -> list[Quantity]:
    """The sentence's quantities with elided units filled in, plural counts added and
    money named in words."""
    found = sorted([*quantities, *_plural_counts(sent, quantities)], key=lambda q: q.start)
    found = _elided_units(sent, found)
    return [replace(q, unit=_money_noun(q.unit)) for q in found]


def _money_noun(unit: str) -> str:
    """ "USD" is "dollars", "USD per astronaut" "dollars per astronaut"."""
    code, _, rest = unit.partition(" ")
    noun = MONEY_NOUNS.get(code)
    return unit if noun is None else f"{noun} {rest}".strip()


def _elided_units(sent: Span, quantities: list[Quantity]) -> list[Quantity]:
    filled = list(quantities)
    for i, q in enumerate(quantities):
        if q.unit or q.comparator == "range" or _tallied(sent.text, quantities, i):
            continue
        after = quantities[i + 1] if i + 1 < len(quantities) else None
        between = sent.text[q.end : after.start] if after is not None else ""
        if after is not None and after.unit not in _NOT_SHARED and _OF_THE.match(between):
            filled[i] = replace(q, unit=after.unit)  # "39 of the state's 40 delegates"
            continue
        before = [p for p in filled[:i] if p.unit not in _NOT_SHARED and _shares(p, q)]
        if before:
            filled[i] = replace(q, unit=before[-1].unit)
            continue
        counted = _number_of(sent, q) or _casualties(sent, q)
        if counted:
            filled[i] = replace(q, unit=counted)
    return filled


def _shares(earlier: Quantity, bare: Quantity) -> bool:
    """Whether a bare number can take the unit of an earlier figure: a count's noun
    carries far ("won 9 delegates, ... with 6"), a percentage only to a near share."""
    if earlier.unit in DURATIONS:
        return False  # "two were aged above 60, two between 51 and 60": not years
    if earlier.unit not in ("percent", "percentage points"):
        return True
    return bare.value <= 100 and bare.start - earlier.end <= 30


def _tallied(text: str, quantities: list[Quantity], i: int) -> bool:
    """Two counts of a vote or a score ("230-197", "12 points to 10" excepted)."""
    joined = {"-", "–", "-to-", " to "}
    prev = text[quantities[i - 1].end : quantities[i].start] if i else None
    nxt = text[quantities[i].end : quantities[i + 1].start] if i + 1 < len(quantities) else None
    return (prev in joined and not quantities[i - 1].unit) or (nxt in joined)


def _number_of(sent: Span, q: Quantity) -> str | None:
    """ "the number of cases rose to 58": what the number counts, said before it."""
    doc, stop = sent.doc, sent.start_char + q.start
    for token in sent:
        if token.idx >= stop:
            break
        if token.lower_ in ("number", "toll", "total") and token.i + 2 < sent.end:
            of, noun = doc[token.i + 1], doc[token.i + 2 : token.i + 4]
            if of.lower_ == "of":
                plural = next((t for t in noun if t.tag_ == "NNS"), None)
                if plural is not None:
                    return plural.lower_
    return None


def _casualties(sent: Span, q: Quantity) -> str | None:
    """ "killed at least 20", "seven died", "190 were dead": a toll counts people."""
    span = sent.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    number = span[-1]
    verb = number.head
    if number.dep_ in ("nsubj", "nsubjpass", "dobj") and verb.lemma_.lower() in TOLL_VERBS:
        return "people"
    if number.dep_ == "nsubj" and verb.lemma_ == "be":
        dead = any(
            c.dep_ == "acomp" and c.lower_ in ("dead", "missing", "injured") for c in verb.children
        )
        return "people" if dead else None
    return None


def _plural_counts(sent: Span, quantities: list[Quantity]) -> list[Quantity]:
    """ "hundreds died", "thousands of people", "tens of thousands of protesters"."""
    taken = [(q.start, q.end) for q in quantities]
    found = []
    doc, offset = sent.doc, sent.start_char
    for token in sent:
        value = _PLURAL_COUNTS.get(token.lower_)
        if value is None or token.tag_ != "NNS":
            continue
        begin = token
        if token.i - 2 >= sent.start and doc[token.i - 1].lower_ == "of":
            scale = doc[token.i - 2].lower_
            if scale == "tens":
                value, begin = value * 10, doc[token.i - 2]  # "tens of thousands"
            elif scale in _SCALES:
                continue  # "hundreds of thousands": read at "hundreds"
        nxt = doc[token.i + 1 : token.i + 3]
        if len(nxt) == 2 and nxt[0].lower_ == "of" and nxt[1].lower_ in _SCALES:
            value *= _SCALES[nxt[1].lower_]
        unit, last = _counted(token, sent)
        start, end = begin.idx - offset, last.idx + len(last) - offset
        if any(s < end and start < e for s, e in taken) or (
            begin.i - 1 >= sent.start and (doc[begin.i - 1].like_num)
        ):
            continue  # "two hundreds", or already read
        found.append(Quantity(sent.text[start:end], value, unit, ">=", None, start, end))
    return found


def _counted(word: Token, sent: Span) -> tuple[str, Token]:
    """What "hundreds" counts: the noun after "of", else people (the subject or object of
    a verb: "hundreds died", "killed dozens")."""
    of = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    while noun is not None and noun.lower_ in _SCALES:  # "hundreds of thousands of people"
        inner = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((c for c in inner.children if c.dep_ == "pobj"), None) if inner else None
    if noun is not None and noun.tag_ in NOUN_TAGS and noun.i < sent.end:
        return noun.lower_, noun
    if of is None and word.dep_ in ("nsubj", "nsubjpass", "dobj") and word.head.pos_ == "VERB":
        return "people", word
    return "", word
