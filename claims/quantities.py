"""Quantities in a sentence: the value, its unit and how the sentence asserts it.

Numbers are read from the tokens (``claims.numerals``), not only from NER, which tags
"five percentage points" as CARDINAL "five". Years, dates, times of day, ordinals and
numbers inside names ("Article 50", "Boeing 737", "51 Pegasi b") are not quantities: time
expressions have their own module.

Unit scheme:
- money: the currency as a plain noun ("$2.5bn" is 2.5e9 "dollars", "£3.20" and "GBP738"
  are "pounds"; ``claims.quantity_context``), read as ISO 4217 codes on the way;
- "percent" for %, percent and per cent; "percentage points" and "basis points";
- "times" for "twice" and "three times";
- "fraction" for a share in words, the value between 0 and 1 ("two-thirds" is 2/3);
- "years" for an age given without a unit ("at age 10", "aged 12", "the princess, 67,");
- "metres" for "m"; "km" for kilometres in any spelling ("km per hour", "square km"); other
  abbreviations as written ("km/h", "mph");
- otherwise the head noun of the counted phrase as written, lower-cased ("lawmakers",
  "people", "years", "light years"), with the nouns compounded right before it ("3000
  parking spaces"), skipping adjectives and names ("50 other countries", "two senior
  Maduro loyalists") but not units ("the 400 metres hurdles" is in "metres");
- a unit the sentence has already given ("9 delegates ... with 6": 6 delegates);
- "" when the sentence names no unit ("A total of 39 are confirmed dead") and for the two
  counts of a vote tally ("passed 230-to-197").

A change ("slipped five percentage points", "up 5%", "a drop of 3 percent") has comparator
"change" and a signed value; it wins over a comparator word ("rose more than 5%"). A range
("between 36 and 40", "ranging from 45% to 60%") has comparator "range" and ``value_high``.
A conversion shares the bound of the figure it converts: "about 250 miles (400 km)" is
"~" twice.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from claims.lexicon import DURATIONS, ORDINAL_WORDS, UNIT_NOUNS
from claims.model import Comparator, Quantity
from claims.numerals import CURRENCY_CODES, Number, read_numbers
from claims.quantity_context import in_context
from claims.quantity_refs import age_start, bare_age, is_reference
from claims.units import (
    PLURALS,
    is_measure,
    measure_named,
    per_unit,
    unit_after,
)


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


def _table(spec: str) -> dict[str, str]:
    """ "a=1 b=2" -> {"a": "1", "b": "2"}"""
    return dict(pair.split("=", 1) for pair in spec.split())


def _phrases(spec: dict[Comparator, str]) -> list[tuple[tuple[str, ...], Comparator]]:
    """Comparator phrases as token tuples, longest first ("no more than" before "more than")."""
    found = [(tuple(p.split()), c) for c, ps in spec.items() for p in ps.split("|")]
    return sorted(found, key=lambda item: -len(item[0]))


_MEASURES = CURRENCY_CODES | {"percent", "percentage points", "basis points"}
_BOUNDS = ("~", ">", ">=", "<", "<=")

_BEFORE = _phrases(
    {
        ">": "more than|greater than|upwards of|in excess of|over|above|exceeding|exceed|exceeds|"
        "exceeded|surpass|surpasses|surpassed",
        ">=": "at least|no fewer than|no less than|a minimum of",
        "<": "fewer than|less than|under|below",
        "<=": "at most|up to|no more than|as many as|as much as|a maximum of|within|limited to|"
        "capped at",
        "~": "about|around|nearly|almost|roughly|approximately|some|estimated|an estimated|"
        "circa|close to|near|~",
    }
)
_AFTER = _phrases(
    {
        "~": "or so",
        ">=": "or more|or over|and over|or above|and above|or longer|or older",
        "<=": "or fewer|or less|or under|and under|and below|or younger",
    }
)
_DOWN = "slip fall drop decline decrease lose cut shrink plunge plummet sink tumble slide dip"
_DOWN += " reduce slash contract slump lower shed reduction contraction down"
_UP = "rise grow climb increase gain jump surge soar add boost expand rally swell spike growth"
_UP += " hike up"
_SIGNS = dict.fromkeys(_words(_DOWN), -1.0) | dict.fromkeys(_words(_UP), 1.0)
_CHANGE_DEPS = _words("npadvmod dobj advmod dep nummod")

# "30% higher than", "5 percent fewer than": a change from what it is compared with
_COMPARATIVES = dict.fromkeys(_words("higher greater more larger bigger"), 1.0) | dict.fromkeys(
    _words("lower less fewer smaller"), -1.0
)
_FRACTIONS = _words("halves thirds quarters fourths fifths sixths eighths tenths")
_DEFINITE = _words("the these those")  # but "their two sons" counts them
_RANGE_WORDS = _words("to - – — or")
_RANGING = _words("range vary span")  # "ranging from 45% to 60%" is one range
_VOTING = _words(  # "passed 230-197" and "a 5-4 decision" are tallies, "won 22-10" a score
    "vote ballot tally margin pass approve reject adopt ratify confirm rule ruling decision "
    "verdict win beat defeat lose victory draw score scoreline match game final"
)
_NUMERIC_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
_RUNNING = _words("consecutive straight successive")
# "120 kilometers", "195 kilometres per hour": km, as "km" and "kilometres" are one unit;
# "one other person" counts people, as "two persons" does
_SHORT_UNITS = _table("kilometre=km kilometres=km kilometer=km kilometers=km")
_SHORT_UNITS |= _table("person=people persons=people")
_PROPORTION_WORDS = frozenset({"in", "in every", "out of", "out of every"})
# "one suspect was arrested", "killed one officer": a toll counts even a single person
_ONE_MORE = _words("more other additional new further")
_TOLL = _words("arrest kill injure wound detain hospitalize hospitalise rescue evacuate jail")
_TOLL |= _words("stab shoot")
_AGES_BETWEEN = "between the ages of"
_PAIRS = _words("countries nations sides governments teams airports leaders parties")
_ADDED = _words("additional extra")  # "netted an additional 66 seats": a gain of 66
_SWING = {"against": -1.0, "from": -1.0, "to": 1.0, "towards": 1.0, "toward": 1.0}
# "the second attempt", "a third term", "the 110th anniversary": an ordinal that counts
# what happened; not a rank ("the 46th President", "the third quarter", "came in second")
_OCCURRENCES = _table("anniversary=years")
_OCCURRENCES |= {w: w + "s" for w in _words("attempt try bid title win victory defeat step")}
_OCCURRENCES |= {w: w + "s" for w in _words("death bombing shooting case incident hurricane storm")}
_OCCURRENCES |= _table("crash=crashes")


# A race time or a lap, "2:14:04" (hours, minutes, seconds): a duration in seconds. Not a
# clock time: "at 10:39:12", "14:05:30 UTC".
_CLOCK_DURATION = re.compile(
    r"(?<![\d:.,])(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d(?:\.\d+)?)(?![\d:])"
    r"(?!\s*(?i:[ap]\.?m\b|UTC|GMT|[ECMP][SD]T\b|local|hours?\b|hrs?\b))"
)
_AT_A_MOMENT = re.compile(r"\b(?i:at|by|until|till|from|since|before|after)\s+$")


def extract_quantities(sent: Span) -> list[Quantity]:
    """Every checkable quantity in ``sent``, in order of appearance."""
    numbers = [n for n in read_numbers(sent) if not is_reference(sent, n)]
    quantities: list[Quantity] = []
    i = 0
    while i < len(numbers):
        low = numbers[i]
        high = numbers[i + 1] if i + 1 < len(numbers) else None
        gap = _gap(sent.doc, low, high)
        if high is not None and gap in ("-", "–") and low.value >= high.value:
            voted = any(t.lemma_ in _VOTING for t in sent)
            quantities += _tally(sent, low, high) if voted else []
            i += 2  # else "x86-64", "3-1" without a vote or a game: a code, not a quantity
            continue
        share = _proportion(sent, low, high)
        if share is not None:  # "one out of every thousand", "one in five adults"
            quantities.append(share)
            i += 2
            continue
        if low.high is not None and low.high < low.value:  # "won 22–10" in one token
            voted = any(t.lemma_ in _VOTING for t in sent)
            second = replace(low, value=low.high, high=None)
            quantities += _tally(sent, replace(low, high=None), second) if voted else []
            i += 1
            continue
        if low.high is not None:  # "15–25 million" in one token
            found = _quantity(sent, low, replace(low, value=low.high, high=None), low.lead)
            quantities += [found] if found else []
            i += 1
            continue
        start = _range_start(sent, low, high, gap) if high is not None else None
        if start is None or high is None:
            found, i = _quantity(sent, low, None, low.lead), i + 1
        else:
            found, i = _quantity(sent, _with_scale_of(low, high), high, start), i + 2
        quantities += [found] if found else []
        rate = found is not None and "per" in found.unit.split()
        while rate and found and i < len(numbers) and _offset(sent, numbers[i]) < found.end:
            i += 1  # taken into the unit: "7 per 100,000 people"
    quantities = sorted([*quantities, *_runs(sent), *_clock_durations(sent)], key=lambda q: q.start)
    return in_context(sent, _share_bounds(sent.text, _share_units(sent.text, quantities)))


def _clock_durations(sent: Span) -> list[Quantity]:
    """ "completing the race in 2:14:04": 8,044 seconds."""
    found = []
    for match in _CLOCK_DURATION.finditer(sent.text):
        if _AT_A_MOMENT.search(sent.text, 0, match.start()):
            continue  # "at 10:39:12": a moment
        hours, minutes, seconds = int(match["h"]), int(match["m"]), float(match["s"])
        value = hours * 3600 + minutes * 60 + seconds
        begin, end = match.span()
        found.append(Quantity(match.group(), value, "seconds", "=", None, begin, end))
    return found


def _runs(sent: Span) -> list[Quantity]:
    """ "the fourth night in a row", "a third consecutive year": an ordinal that counts."""
    doc, found = sent.doc, []
    for token in sent:
        rank = ORDINAL_WORDS.get(token.lower_)
        numeric = _NUMERIC_ORDINAL.fullmatch(token.lower_)
        rank = int(numeric[1]) if numeric and rank is None else rank  # "the 12th straight month"
        if rank is None or rank < 2 or token.i + 1 >= sent.end:
            continue
        noun = _occurrence_after(sent, token)
        if noun is not None:  # "the second attempt", "the fourth major bus crash"
            begin, end = token.idx - sent.start_char, noun.idx + len(noun) - sent.start_char
            unit = _OCCURRENCES[noun.lower_]
            found.append(Quantity(sent.text[begin:end], float(rank), unit, "=", None, begin, end))
            continue
        j = token.i + 1
        running = doc[j].lower_ in _RUNNING
        j += running
        if j >= sent.end or doc[j].tag_ not in ("NN", "HYPH"):
            continue
        if doc[j].text in ("-", "–") and j + 1 < sent.end and doc[j + 1].tag_ == "JJS":
            begin = token.idx - sent.start_char  # "the second-largest airport": the rank
            end = doc[j + 1].idx + len(doc[j + 1]) - sent.start_char
            found.append(Quantity(sent.text[begin:end], float(rank), "rank", "=", None, begin, end))
            continue
        row = doc[j + 1 : j + 4].text.lower() == "in a row"
        if running or row:
            begin, end = token.idx - sent.start_char, doc[j].idx + len(doc[j]) - sent.start_char
            unit = PLURALS.get(doc[j].lower_, doc[j].lower_ + "s")
            found.append(Quantity(sent.text[begin:end], float(rank), unit, "=", None, begin, end))
    return found


def _occurrence_after(sent: Span, ordinal: Token) -> Token | None:
    """The noun of "the second attempt", "a reported sixteenth death", "the fourth major bus
    crash": an ordinal after a determiner counting what happened, up to two words before
    its noun; None for a rank ("the 46th President", "a tenth defendant")."""
    doc = sent.doc
    if ordinal.i == sent.start or doc[ordinal.i - 1].tag_ not in ("DT", "PRP$", "POS", "JJ", "VBN"):
        return None
    for k in range(ordinal.i + 1, min(ordinal.i + 4, sent.end)):
        if doc[k].lower_ in _OCCURRENCES and doc[k].tag_ == "NN":
            return doc[k]
        if doc[k].tag_ not in ("JJ", "NN", "NNS") or doc[k].dep_ not in ("amod", "compound"):
            return None
    return None


def _proportion(sent: Span, low: Number, high: Number | None) -> Quantity | None:
    """ "one out of every thousand" is 0.001, "one in five" 0.2: a share, as a fraction."""
    if high is None or low.value >= high.value or low.currency or high.currency:
        return None
    gap = sent.doc[low.last + 1 : high.lead]  # "one-in-five" as "one in five"
    between = " ".join(t.lower_ for t in gap if t.text not in ("-", "–"))
    after = sent.doc[high.last + 1].lower_ if high.last + 1 < sent.end else ""
    if between not in _PROPORTION_WORDS or after in DURATIONS | UNIT_NOUNS:
        return None  # "2 in 10 minutes" is a rate of play, not a share
    doc, offset = sent.doc, sent.start_char
    comparator, start = _comparator_before(doc, low.lead, sent.start)
    begin, end = doc[start].idx - offset, doc[high.last].idx + len(doc[high.last]) - offset
    share = round(low.value / high.value, 4)
    return Quantity(sent.text[begin:end], share, "fraction", comparator, None, begin, end)


def _tally(sent: Span, low: Number, high: Number) -> list[Quantity]:
    """ "votes of 230-to-197": two counts, without the "to-" glued to the second."""
    doc, offset, counts = sent.doc, sent.start_char, []
    for n in (low, high):
        begin, end = doc[n.first].idx + len(n.prefix), doc[n.last].idx + len(doc[n.last].text)
        counts.append(
            Quantity(doc.text[begin:end], n.value, "", start=begin - offset, end=end - offset)
        )
    return counts


def _offset(sent: Span, n: Number) -> int:
    return sent.doc[n.lead].idx - sent.start_char


def _gap(doc: Doc, low: Number, high: Number | None) -> str | None:
    """The one word between two numbers: "to" in "36 to 40", and past a unit written after
    both in "45% to 60%"."""
    if high is None:
        return None
    between = doc[low.last + 1 : high.lead]
    if len(between) == 1:
        return between[0].lower_
    if len(between) != 2 or high.last + 1 >= len(doc):
        return None
    return between[1].lower_ if between[0].lower_ == doc[high.last + 1].lower_ else None


def _range_start(sent: Span, low: Number, high: Number, gap: str | None) -> int | None:
    """Where "between 36 and 40", "36 to 40", "36-40", "two or three" or "ranging from 45% to
    60%" begins, if it is a range. "Rose from 5 to 10" is two values."""
    doc = sent.doc
    opener = doc[low.lead - 1] if low.lead > sent.start else None
    word = opener.lower_ if opener is not None else ""
    currencies = {low.currency, high.currency} - {None}
    if _with_scale_of(low, high).value >= high.value or len(currencies) > 1:
        return None  # "GBP738 thousand or USD910 thousand" are one sum in two currencies
    if gap == "and" and word == "between":
        return low.lead - 1
    if gap == "and" and doc[max(low.lead - 4, sent.start) : low.lead].text.lower() == _AGES_BETWEEN:
        return low.lead - 4  # "between the ages of 14 and 18"
    if gap not in _RANGE_WORDS:
        return None
    if opener is not None and word == "from" and opener.head.lemma_ in _RANGING:
        return opener.i
    unit_between = high.lead > low.last + 2  # "45% to 60%" is a range only after an opener
    return low.lead if word != "from" and not unit_between else None


def _with_scale_of(low: Number, high: Number) -> Number:
    """ "between 5 and 10 million": the low end takes the high end's multiplier."""
    scaled = low.value * high.scale
    if low.scale != 1.0 or high.scale == 1.0 or scaled >= high.value:
        return replace(low, currency=low.currency or high.currency)
    return replace(low, value=scaled, currency=low.currency or high.currency)


def _quantity(sent: Span, low: Number, high: Number | None, start: int) -> Quantity | None:
    doc = sent.doc
    last = (high or low).last
    after_comparator, last = _comparator_after(doc, last, sent.end)
    counted = low if high is None else replace(high, currency=high.currency or low.currency)
    unit, last, anchor = unit_after(doc, counted, last, sent.end)
    unit, last = per_unit(sent, unit, last)
    comparator, start = (
        _comparator_before(doc, start, sent.start) if high is None else ("range", start)
    )
    if comparator == "=" and low.prefix == "~":
        comparator = "~"  # "~295 km/h", glued together by the tokenizer
    if comparator == "=" and low.first + 1 < sent.end and doc[low.first + 1].lower_ == "couple":
        comparator = "~"  # "a couple of guns"
    if after_comparator is None and high is None:  # "40 people or more", "a day or longer"
        after_comparator, last = _comparator_after(doc, last, sent.end)
    comparator = after_comparator or comparator
    if unit in _FRACTIONS:
        return None  # "for two quarters" of the year; "3 thirds"
    bare_one = high is None and low.first == low.last and doc[low.first].lower_ == "one"
    noun = doc[anchor]
    listed = noun.i != low.first and noun.dep_ == "conj"
    listed = listed and any(c.like_num for c in noun.head.children)
    rate = "per" in unit.split()
    timed = unit in DURATIONS and noun.i == low.last + 1 and noun.dep_ != "npadvmod"
    counts_one = unit in _MEASURES or listed or rate or timed  # "one female", "in one week"
    tolled = noun.head.lemma_ in _TOLL and noun.dep_ in ("nsubjpass", "dobj")
    counts_one = counts_one or tolled
    following = doc[low.last + 1] if low.last + 1 < sent.end else None  # none at the end
    counts_one = counts_one or (following is not None and following.lower_ in _ONE_MORE)
    counts_one = counts_one or (bare_one and _one_of_a_count(sent, low))
    # "made one landing", "failed by one vote": one of something done or counted
    done = noun.i != low.first and noun.dep_ in ("dobj", "pobj") and noun.tag_ == "NN"
    counts_one = counts_one or (done and not noun.ent_type_ and unit not in DURATIONS)
    if bare_one and comparator == "=" and not counts_one:
        return None  # "one person said", "one of them", "One day, he left"
    definite = start > sent.start and doc[start - 1].lower_ in _DEFINITE
    if definite and low.value == 2 and unit in _PAIRS:
        return None  # "the two countries", "the two sides": the pair the story is about
    if definite and comparator == "=" and not unit and not low.spelled and not low.fraction:
        return None  # "the 707": a name said again; but "the three officers", "the two
        # candidates who qualified": annotators count them (11 of 13 in our labels)
    age = age_start(doc, start, sent.start)
    if high is not None and doc[start : start + 4].text.lower() == _AGES_BETWEEN:
        unit = "years"
    if not unit and age is None:
        unit = measure_named(sent, start, low.lead)  # "magnitude 4.9", "the R0 is 2"
    if age is not None and not unit:
        unit, start = "years", age  # "at age 10", "aged 12"
        after_the = start > sent.start and doc[start - 1].lower_ == "the"
        if comparator == "=" and after_the:  # "over the age of 18"
            comparator, start = _comparator_before(doc, start - 1, sent.start)
            start = start if comparator != "=" else age
    elif not unit and high is None and bare_age(sent, low):
        unit = "years"  # "the princess, 67,", "he was 78", "died at 97"
    elif unit in PLURALS and (
        value_is_many(low, high) or doc[min(last + 1, sent.end - 1)].lower_ == "old"
    ):
        unit = PLURALS[unit]  # "an 18 year old", "a 40 month sentence"
    unit = " ".join(_SHORT_UNITS.get(w, w) for w in unit.split(" ")) if unit else unit
    value, value_high = low.value, high.value if high else None
    sign, change_start = _change_sign(doc, start, doc[anchor], sent.start)
    than = doc[last + 1 : last + 3] if last + 2 < sent.end else None
    compared = than is not None and than[1].lower_ == "than" and than[0].lower_ in _COMPARATIVES
    if not sign and unit in _MEASURES - CURRENCY_CODES and than is not None and compared:
        sign = _COMPARATIVES[than[0].lower_]  # "144% greater than last year": a rise
    if sign and high is None and unit != "times":  # "rose three times" is how often
        comparator, value, start = "change", sign * value, change_start
    elif comparator == "=" and high is None and start > sent.start:
        added = doc[start - 1].lower_ in _ADDED
        if added:  # "an additional six votes"
            comparator, start = "change", start - 1 - (doc[start - 2].lower_ in ("a", "an"))
        swing = _swing(doc, last, sent.end) if unit == "percent" else None
        if swing is not None:  # "a 4.2% swing against Labor": a fall of 4.2 points
            comparator, value, unit = "change", swing * value, "percentage points"
    return Quantity(
        text=doc[start : last + 1].text,
        value=value,
        unit=unit,
        comparator=comparator,
        value_high=value_high,
        start=doc[start].idx - sent.start_char,
        end=doc[last].idx + len(doc[last].text) - sent.start_char,
    )


def _swing(doc: Doc, last: int, end: int) -> float | None:
    """The sign of "a 4.2% swing against/to" a party, or None when no swing follows."""
    if last + 2 >= end or doc[last + 1].lemma_ != "swing":
        return None
    return _SWING.get(doc[last + 2].lower_)


def _one_of_a_count(sent: Span, one: Number) -> bool:
    """ "Nine were hurt, including one cook", "one worker hurt, and three more": "one" in a
    list of counts is a count too; "one of them" and "One study found 40 cases" are not."""
    doc = sent.doc
    after = doc[one.last + 1] if one.last + 1 < sent.end else None
    if after is None or after.lower_ == "of" or after.tag_ in ("NNP", "NNPS", "PRP"):
        return False
    others = [t for t in sent if t.like_num and t.i != one.first and t.ent_type_ != "DATE"]
    before = doc[one.lead - 1].lower_ if one.lead > sent.start else ""
    if before in ("including", "and", "plus") and others:
        return True
    later = (t for t in others if t.i > one.last and t.i + 1 < sent.end)
    return any(doc[t.i + 1].lower_ in ("more", "others", "other") for t in later)


def value_is_many(low: Number, high: Number | None) -> bool:
    """More than one of the unit: "a 40 month sentence" is in months."""
    return (high or low).value != 1


def _comparator_before(doc: Doc, start: int, floor: int) -> tuple[Comparator, int]:
    for words, comparator in _BEFORE:
        begin = start - len(words)
        matches = begin >= floor and tuple(t.lower_ for t in doc[begin:start]) == words
        if matches and (len(words) > 1 or doc[begin].dep_ != "prt"):  # "took over 3 firms"
            return comparator, begin
    return "=", start


def _comparator_after(doc: Doc, last: int, end: int) -> tuple[Comparator | None, int]:
    """ "10 or more people", "18 and over"."""
    following = tuple(t.lower_ for t in doc[last + 1 : min(last + 3, end)])
    comparator = next((c for words, c in _AFTER if words == following), None)
    return comparator, last + 2 if comparator else last


def _change_sign(doc: Doc, start: int, anchor: Token, floor: int) -> tuple[float, int]:
    """+1 or -1 when the quantity is the amount of a change, with where its text starts."""
    back = start - 2 if start - 2 >= floor and doc[start - 1].lower_ == "by" else start - 1
    if back >= floor and doc[back].lower_ in ("up", "down") and doc[back].dep_ != "prt":
        return _SIGNS[doc[back].lower_], back  # "shares were down 5%", "down by 2%"
    head = anchor.head
    if head.lower_ in ("by", "of") and head.i < anchor.i:
        owner = head.head  # "jumped by 12 percent", "a drop of 3 percent"
        if head.lower_ == "of" and owner.pos_ != "NOUN":
            return 0.0, start
        return _SIGNS.get(owner.lemma_, 0.0), start
    if head.lemma_ not in _SIGNS:
        return 0.0, start
    if head.pos_ == "VERB" and anchor.dep_ in _CHANGE_DEPS:
        return _SIGNS[head.lemma_], start
    noun = head.pos_ == "NOUN" and anchor.dep_ in ("compound", "nummod", "amod")
    return (_SIGNS[head.lemma_] if noun else 0.0), start  # "a 5% increase"


def _share_bounds(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """ "about 250 miles (400 km)", "approximately GBP738 thousand or USD910 thousand": a
    conversion takes the bound of the figure it converts."""
    shared = list(quantities)
    for i in range(1, len(shared)):
        first, second = shared[i - 1], shared[i]
        joint = text[first.end : second.start].strip(" ,")
        units = {first.unit, second.unit}
        converts = joint in ("(", "or") and len(units) == 2 and all(map(is_measure, units))
        if converts and first.comparator in _BOUNDS and second.comparator == "=":
            shared[i] = replace(second, comparator=first.comparator)
        elif joint in ("(", "or") and first.comparator == "change" and second.comparator == "=":
            sign = -1.0 if first.value < 0 else 1.0  # "grew by $2 billion, or 4%": both rises
            shared[i] = replace(second, comparator="change", value=sign * abs(second.value))
    return shared


def _share_units(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """ "from 5 to 10 percent": the first value takes the unit written after the second."""
    shared = list(quantities)
    for i in range(len(shared) - 1):
        first, second = shared[i], shared[i + 1]
        if not first.unit and second.unit and text[first.end : second.start] == " to ":
            shared[i] = replace(first, unit=second.unit)
    return shared
