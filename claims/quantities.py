"""Quantities in a sentence: the value, its unit and how the sentence asserts it.

Numbers are read from the tokens (``claims.numerals``), not only from NER, which tags
"five percentage points" as CARDINAL "five". Years, dates, times of day, ordinals and
numbers inside names ("Article 50", "Boeing 737", "51 Pegasi b") are not quantities: time
expressions have their own module.

Unit scheme:
- money: the ISO 4217 code in upper case ("$2.5bn" is 2.5e9 "USD", "£3.20" and "GBP738"
  are "GBP");
- "percent" for %, percent and per cent; "percentage points" and "basis points";
- "times" for "twice" and "three times";
- "fraction" for a share in words, the value between 0 and 1 ("two-thirds" is 2/3);
- "years" for an age given without a unit ("at age 10", "aged 12");
- "metres" for "m"; other abbreviations as written ("km", "km/h", "mph");
- otherwise the head noun of the counted phrase as written, lower-cased ("lawmakers",
  "people", "years", "light years"), skipping adjectives and names ("50 other countries",
  "two senior Maduro loyalists") but not units ("the 400 metres hurdles" is in "metres");
- "" when the sentence names no unit ("A total of 39 are confirmed dead") and for the two
  counts of a vote tally ("passed 230-to-197").

A change ("slipped five percentage points", "up 5%", "a drop of 3 percent") has comparator
"change" and a signed value; it wins over a comparator word ("rose more than 5%"). A range
("between 36 and 40", "ranging from 45% to 60%") has comparator "range" and ``value_high``.
A conversion shares the bound of the figure it converts: "about 250 miles (400 km)" is
"~" twice.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from claims.lexicon import MONTH_WORDS, ORDINAL_WORDS
from claims.model import Comparator, Quantity
from claims.numerals import CURRENCY_CODES, YEAR, Number, read_number, read_numbers


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


def _table(spec: str) -> dict[str, str]:
    """ "a=1 b=2" -> {"a": "1", "b": "2"}"""
    return dict(pair.split("=", 1) for pair in spec.split())


def _phrases(spec: dict[Comparator, str]) -> list[tuple[tuple[str, ...], Comparator]]:
    """Comparator phrases as token tuples, longest first ("no more than" before "more than")."""
    found = [(tuple(p.split()), c) for c, ps in spec.items() for p in ps.split("|")]
    return sorted(found, key=lambda item: -len(item[0]))


_CURRENCY_WORDS = _table(
    "dollar=USD dollars=USD euro=EUR euros=EUR yen=JPY yuan=CNY rupees=INR rubles=RUB roubles=RUB "
    "złoty=PLN złotys=PLN zloty=PLN zlotys=PLN zlotych=PLN"
)
_POUNDS = _words("pound pounds")  # money after "million" or before "sterling", else weight
_ABBREVIATED = _words("mph kph km/h km km2 kg cm mm mg ml mw gw kw kwh m2")  # often tagged NNP
_SPELLED_OUT = _table("m=metres")  # as written: "M" is no unit, "m" alone could be "million"
_UNIT_NOUNS = _words(
    "metre metres meter meters kilometre kilometres kilometer kilometers mile miles foot feet "
    "inch inches yard yards kilogram kilograms kilo kilos gram grams tonne tonnes ton tons "
    "litre litres liter liters gallon gallons acre acres hectare hectares knots"
)
_UNIT_MODIFIERS = _words("light square cubic")  # "light years", "square miles"
_MEASURES = CURRENCY_CODES | {"percent", "percentage points", "basis points"}
_BOUNDS = ("~", ">", ">=", "<", "<=")

_BEFORE = _phrases(
    {
        ">": "more than|greater than|upwards of|in excess of|over|above|exceeding|exceed|exceeds|"
        "exceeded|surpass|surpasses|surpassed",
        ">=": "at least|no fewer than|no less than|a minimum of",
        "<": "fewer than|less than|under|below",
        "<=": "at most|up to|no more than|as many as|as much as|a maximum of",
        "~": "about|around|nearly|almost|roughly|approximately|some|estimated|an estimated|"
        "circa|close to|near|~",
    }
)
_AFTER = _phrases(
    {
        ">=": "or more|or over|and over|or above|and above",
        "<=": "or fewer|or less|or under|and under|and below",
    }
)
_DOWN = "slip fall drop decline decrease lose cut shrink plunge plummet sink tumble slide dip"
_DOWN += " reduce slash contract slump lower shed reduction contraction down"
_UP = "rise grow climb increase gain jump surge soar add boost expand rally swell spike growth"
_UP += " hike up"
_SIGNS = dict.fromkeys(_words(_DOWN), -1.0) | dict.fromkeys(_words(_UP), 1.0)
_CHANGE_DEPS = _words("npadvmod dobj advmod dep nummod")

_NAME_LABELS = _words("PERSON ORG GPE LOC FAC PRODUCT EVENT WORK_OF_ART LAW NORP LANGUAGE ORDINAL")
_MONTHS = MONTH_WORDS
_LABEL_NOUNS = _words(
    "page chapter section article route room flight gate platform phase stage episode season "
    "volume paragraph item number no. # highway interstate level grade category resolution"
)
_CLOCK = _words("am pm a.m. p.m. gmt utc bst cet o'clock")
_DURATIONS = _words(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries"
)
_RELATIVE = _words("ago last past next previous coming earlier later this since")
_FRACTIONS = _words("halves thirds quarters fourths fifths sixths eighths tenths")
_DEFINITE = _words("the these those")  # but "their two sons" counts them
_MODIFIER_TAGS = _words("JJ JJR JJS VBN VBG _SP")
_NOUN_TAGS = _words("NN NNS")
_RANGE_WORDS = _words("to - – — or")
_APPROXIMATED = _words(
    "roughly nearly almost approximately about some than exceed exceeds exceeded"
)
_RANGE_TOKENS = _words("to from between and - –")
_RANGING = _words("range vary span")  # "ranging from 45% to 60%" is one range
_VOTING = _words(  # "passed 230-197" and "a 5-4 decision" are tallies, "won 3-1" a score
    "vote ballot tally margin pass approve reject adopt ratify confirm rule ruling decision verdict"
)
_AGE = _words("age aged ages")
_RUNNING = _words("consecutive straight successive")
_PROPORTION_WORDS = frozenset({"in", "in every", "out of", "out of every"})
# "one suspect was arrested", "killed one officer": a toll counts even a single person
_TOLL = _words("arrest kill injure wound detain hospitalize hospitalise rescue evacuate jail")
# A hyphenated measure names its unit in the singular: "a five-foot wall" is 5 feet.
_PLURALS = _table(
    "year=years day=days week=weeks month=months hour=hours minute=minutes second=seconds "
    "foot=feet mile=miles metre=metres meter=meters inch=inches kilometre=kilometres "
    "kilometer=kilometers yard=yards acre=acres decade=decades century=centuries"
)


def extract_quantities(sent: Span) -> list[Quantity]:
    """Every checkable quantity in ``sent``, in order of appearance."""
    numbers = [n for n in read_numbers(sent) if not _is_reference(sent, n)]
    quantities: list[Quantity] = []
    i = 0
    while i < len(numbers):
        low = numbers[i]
        high = numbers[i + 1] if i + 1 < len(numbers) else None
        gap = _gap(sent.doc, low, high)
        if high is not None and gap in ("-", "–") and low.value >= high.value:
            voted = any(t.lemma_ in _VOTING for t in sent)
            quantities += _tally(sent, low, high) if voted else []
            i += 2  # else "won 3-1": a score or a code, not a quantity
            continue
        share = _proportion(sent, low, high)
        if share is not None:  # "one out of every thousand", "one in five adults"
            quantities.append(share)
            i += 2
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
    quantities = sorted([*quantities, *_runs(sent)], key=lambda q: q.start)
    return _share_bounds(sent.text, _share_units(sent.text, quantities))


def _runs(sent: Span) -> list[Quantity]:
    """ "the fourth night in a row", "a third consecutive year": an ordinal that counts."""
    doc, found = sent.doc, []
    for token in sent:
        rank = ORDINAL_WORDS.get(token.lower_)
        if rank is None or rank < 2 or token.i + 1 >= sent.end:
            continue
        j = token.i + 1
        running = doc[j].lower_ in _RUNNING
        j += running
        if j >= sent.end or doc[j].tag_ != "NN":
            continue
        row = doc[j + 1 : j + 4].text.lower() == "in a row"
        if running or row:
            begin, end = token.idx - sent.start_char, doc[j].idx + len(doc[j]) - sent.start_char
            unit = _PLURALS.get(doc[j].lower_, doc[j].lower_ + "s")
            found.append(Quantity(sent.text[begin:end], float(rank), unit, "=", None, begin, end))
    return found


def _proportion(sent: Span, low: Number, high: Number | None) -> Quantity | None:
    """ "one out of every thousand" is 0.001, "one in five" 0.2: a share, as a fraction."""
    if high is None or low.value >= high.value or low.currency or high.currency:
        return None
    between = " ".join(t.lower_ for t in sent.doc[low.last + 1 : high.lead])
    after = sent.doc[high.last + 1].lower_ if high.last + 1 < sent.end else ""
    if between not in _PROPORTION_WORDS or after in _DURATIONS | _UNIT_NOUNS:
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


def _is_reference(sent: Span, n: Number) -> bool:
    """Whether the number names or dates something rather than counting it."""
    doc = sent.doc
    before = doc[n.lead - 1] if n.lead > sent.start else None
    after = doc[n.last + 1] if n.last + 1 < sent.end else None
    tokens = doc[n.first : n.last + 1]
    head = doc[n.last].head
    if n.fraction or n.share:
        return False  # "two-thirds"; the small model tags "a third of" ORDINAL, "a quarter" DATE
    if n.currency is None and any(t.ent_type_ in _NAME_LABELS for t in tokens):
        return True  # money is never a name, though the small model tags "USD910" GPE
    if _age_start(doc, n.lead, sent.start) is not None:
        return False  # "at age 10", tagged DATE
    counts = after is not None and after.tag_ in _NOUN_TAGS  # "Humberto 75 miles north"
    if head.tag_ in ("NNP", "NNPS") and head.i == n.lead - 1 and not counts:
        return True  # "Apollo 11", "April 30"
    listed = before is None and after is not None and after.text in (".", ")")
    if _begins_name(doc, n, head) or listed:
        return True  # "619 Waddell Avenue", "51 Pegasi b"; "1." numbering a list
    if any(t.ent_type_ in ("DATE", "TIME") for t in tokens) and not _is_duration(sent, n):
        return True
    if n.currency is None and n.first == n.last and _is_year(doc[n.first], before, after):
        return True
    if before is not None and (before.lower_ in _MONTHS or _is_label(doc, before)):
        return True
    if before is not None and before.lower_ in ("and", "or") and before.i - 2 >= sent.start:
        return doc[before.i - 2].lower_ in _MONTHS  # "on March 4 and 5"
    if after is not None and after.tag_ == "HYPH" and n.last + 2 < sent.end:
        joined = doc[n.last + 2]
        return not (joined.pos_ == "NOUN" or joined.like_num)  # "two-legged", not "five-storey"
    return after is not None and after.lower_ in _MONTHS | _CLOCK


def _begins_name(doc: Doc, n: Number, head: Token) -> bool:
    """Whether the number starts a proper name: "619 Waddell Avenue", "51 Pegasi b".

    A plural ("5 Republicans", "3 Senators"), a nationality ("2000 Thai stores") or a unit
    ("400 m") is counted, not named.
    """
    if head.tag_ != "NNP" or head.i <= n.last or head.ent_type_ == "NORP":
        return False
    if head.lower_ in _ABBREVIATED or head.text in CURRENCY_CODES:
        return False
    between = doc[n.last + 1 : head.i]
    proper = len(between) > 0 and all(t.tag_ in ("NNP", "NNPS") for t in between)
    words = all(t.is_alpha for t in doc[n.last + 1 : head.i + 1])  # not "0.4 M☉"
    return bool(head.ent_type_) or (proper and words)


def _age_start(doc: Doc, lead: int, floor: int) -> int | None:
    """Where "age 10", "aged 12" or "the age of 10" begins, if the number is an age."""
    if lead - 1 >= floor and doc[lead - 1].lower_ in _AGE:
        return lead - 1
    if lead - 2 >= floor and (doc[lead - 2].lower_, doc[lead - 1].lower_) == ("age", "of"):
        return lead - 2
    return None


def _is_duration(sent: Span, n: Number) -> bool:
    """ "27 years in prison", "36 years old" and "from fourteen to 31" count; "five years ago"
    and "a 45-year-old" date things."""
    entity = next((e for e in sent.ents if e.start <= n.first < e.end), None)
    if entity is None:
        return False
    words = [t.lower_ for t in entity if t.text not in ("-", "–")]  # "a 45-year-old"
    if all(
        (t.like_num and not YEAR.fullmatch(t.text)) or t.lower_ in _RANGE_TOKENS for t in entity
    ):
        return True  # the small model tags "from fourteen to 31" DATE
    if words[-1] == "old" and len(words) > 2:
        words = words[:-1]  # an age
    return words[-1] in _DURATIONS and not _RELATIVE.intersection(words)


def _is_year(token: Token, before: Token | None, after: Token | None) -> bool:
    if not YEAR.fullmatch(token.text) or token.dep_ == "dobj":
        return False  # "may exceed 1000"
    if before is not None and before.lower_ in _APPROXIMATED:
        return False  # "roughly 2000 Thai and 74 Malaysian stores"
    counted = after is not None and after.tag_ == "NNS"  # "1500 people" but "the 2018 elections"
    return not counted or (before is not None and before.tag_ in ("DT", "PRP$", "POS"))


def _is_label(doc: Doc, before: Token) -> bool:
    """ "page 4", "No. 11", "MH-17": the number labels the word before it."""
    previous = doc[before.i - 1].lower_ if before.i > 0 else ""
    if before.text in ("-", "–", ".") and previous.isalpha():
        return before.text != "." or previous == "no"
    return before.lower_ in _LABEL_NOUNS


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
    unit, last, anchor = _unit(doc, counted, last, sent.end)
    unit, last = _per(sent, unit, last)
    comparator, start = (
        _comparator_before(doc, start, sent.start) if high is None else ("range", start)
    )
    if comparator == "=" and low.prefix == "~":
        comparator = "~"  # "~295 km/h", glued together by the tokenizer
    comparator = after_comparator or comparator
    lasting = start > sent.start and doc[start - 1].lower_ == "for"  # "for over 30 hours"
    if unit in _DURATIONS and doc[start].lower_ == "over" and not lasting:
        comparator, start = "=", low.lead  # "over 2 days" is when, not how many
    if unit in _FRACTIONS:
        return None  # "for two quarters" of the year; "3 thirds"
    bare_one = high is None and low.first == low.last and doc[low.first].lower_ == "one"
    noun = doc[anchor]
    listed = noun.i != low.first and noun.dep_ == "conj"
    listed = listed and any(c.like_num for c in noun.head.children)
    rate = "per" in unit.split()
    timed = unit in _DURATIONS and noun.i == low.last + 1 and noun.dep_ != "npadvmod"
    counts_one = unit in _MEASURES or listed or rate or timed  # "one female", "in one week"
    counts_one = counts_one or (noun.head.lemma_ in _TOLL and noun.dep_ in ("nsubjpass", "dobj"))
    if bare_one and comparator == "=" and not counts_one:
        return None  # "one person said", "one of them", "One day, he left"
    definite = start > sent.start and doc[start - 1].lower_ in _DEFINITE
    back = low.spelled and low.value <= 3 and "-" not in doc[low.last + 1].text
    back = back or (not unit and not low.spelled)  # "the 707"; but "the twelve were held"
    if definite and comparator == "=" and back and not low.fraction:
        return None  # "the two sides", "the 707": a reference back; not "the fourteen states"
    age = _age_start(doc, start, sent.start)
    if age is not None and not unit:
        unit, start = "years", age  # "at age 10", "aged 12"
    value, value_high = low.value, high.value if high else None
    sign, change_start = _change_sign(doc, start, doc[anchor], sent.start)
    if sign and high is None and unit != "times":  # "rose three times" is how often
        comparator, value, start = "change", sign * value, change_start
    return Quantity(
        text=doc[start : last + 1].text,
        value=value,
        unit=unit,
        comparator=comparator,
        value_high=value_high,
        start=doc[start].idx - sent.start_char,
        end=doc[last].idx + len(doc[last].text) - sent.start_char,
    )


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


def _unit(doc: Doc, number: Number, last: int, end: int) -> tuple[str, int, int]:
    """The unit after token ``last``, the last token it takes and the token a verb governs."""
    if number.times:
        return "times", last, last
    if number.fraction:
        return "fraction", last, last
    word = doc[last + 1].lower_ if last + 1 < end else ""
    following = doc[last + 2].lower_ if last + 2 < end else ""
    if word in ("%", "percent", "pct"):
        return "percent", last + 1, last + 1
    if (word, following) == ("per", "cent"):
        return "percent", last + 2, last + 2
    if word in ("percentage", "basis") and following in ("point", "points"):
        return f"{word} points", last + 2, last + 2
    if word in _CURRENCY_WORDS or (word.upper() in CURRENCY_CODES and doc[last + 1].is_upper):
        return _CURRENCY_WORDS.get(word, word.upper()), last + 1, last + 1
    if number.currency:
        return number.currency, last, last
    if word in _ABBREVIATED or (last + 1 < end and doc[last + 1].text in _SPELLED_OUT):
        unit, taken = _abbreviation(doc, last + 1, end)
        return unit, taken, last + 1
    if word in _POUNDS and (number.scale >= 1e6 or following == "sterling"):
        taken = last + 2 if following == "sterling" else last + 1
        return "GBP", taken, last + 1  # "181 million pounds"
    if word == "of":
        noun = _object_of(doc, doc[last + 1], end)
        return (noun.lower_, noun.i, last) if noun is not None else ("", last, last)
    if word in ("-", "–") and last + 2 < end and doc[last + 2].pos_ == "NOUN":
        taken = last + 2  # "a 20-member committee", "a five-foot wall", "a 28-year-old"
        if taken + 2 < end and doc[taken + 1].text in ("-", "–") and doc[taken + 2].lower_ == "old":
            taken += 2
        return _PLURALS.get(following, following), taken, last + 2
    noun = _head_noun(doc, last + 1, end)
    return (_unit_name(doc, noun, last), noun.i, noun.i) if noun is not None else ("", last, last)


def _abbreviation(doc: Doc, i: int, end: int) -> tuple[str, int]:
    """An abbreviated unit and its last token: "km", "km/h" (tokenized "km / h"), "metres"."""
    if i + 2 < end and doc[i + 1].text == "/" and doc[i + 2].is_alpha:
        return doc[i : i + 3].text.lower().replace(" ", ""), i + 2
    return _SPELLED_OUT.get(doc[i].text, doc[i].lower_), i


def _unit_name(doc: Doc, noun: Token, last: int) -> str:
    """The noun, with a modifier that makes it another unit: "light years", "square miles"."""
    for first in (noun.i - 1, noun.i - 2):
        if first <= last or doc[first].lower_ not in _UNIT_MODIFIERS:
            continue
        if first == noun.i - 1 or doc[first + 1].text in ("-", "–"):
            return doc[first : noun.i + 1].text.lower()  # "light years", "light-years"
    return noun.lower_


def _per(sent: Span, unit: str, last: int) -> tuple[str, int]:
    """A rate's denominator joins the unit: "7 per 100,000 people", "157 miles per hour"."""
    doc, per = sent.doc, last + 1
    if per + 1 >= sent.end or doc[per].lower_ != "per":
        return unit, last
    number = read_number(sent, per + 1)
    stop = number.last if number is not None else per
    noun = _head_noun(doc, stop + 1, sent.end)
    stop = noun.i if noun is not None else stop
    if stop == per:
        return unit, last
    return f"{unit} per {doc[per + 1 : stop + 1].text.lower()}".strip(), stop


def _head_noun(doc: Doc, i: int, end: int) -> Token | None:
    """The noun a number counts, past adjectives and names: "50 other countries"."""
    for j in range(i, min(i + 5, end)):
        token = doc[j]
        joined = j + 1 < end and doc[j + 1].text in ("-", "–")  # "35,000 war-damaged houses"
        compound = joined or (
            token.dep_ == "compound" and j + 1 < end and doc[j + 1].tag_ in _NOUN_TAGS
        )
        measures = token.lower_ in _DURATIONS or token.lower_ in _UNIT_NOUNS  # "400 metres hurdles"
        if token.tag_ in _NOUN_TAGS and (not compound or measures):
            return token
        proper = token.tag_ in ("NNP", "NNPS")
        if proper and token.dep_ not in ("compound", "nmod", "amod"):
            return token if token.tag_ == "NNPS" else None  # "48 Venezuelans"
        if not (compound or proper or token.tag_ in _MODIFIER_TAGS or token.text in ("-", "–")):
            return None
    return None


def _object_of(doc: Doc, of: Token, end: int) -> Token | None:
    """ "six of the murders": the noun, unless a pronoun or another number comes first."""
    noun = max((t for t in of.children if t.dep_ == "pobj" and t.i < end), default=None)
    if noun is None or noun.tag_ not in _NOUN_TAGS | {"NNPS"}:
        return None
    between = doc[of.i + 1 : noun.i]
    return None if any(t.like_num or t.tag_ == "POS" for t in between) else noun


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
        converts = joint in ("(", "or") and len(units) == 2 and all(map(_is_measure, units))
        if converts and first.comparator in _BOUNDS and second.comparator == "=":
            shared[i] = replace(second, comparator=first.comparator)
    return shared


def _is_measure(unit: str) -> bool:
    """Money or a physical unit ("USD", "km/h", "square miles"): what a conversion converts."""
    base = unit.split("/")[0].split()[-1] if unit else ""
    return unit in CURRENCY_CODES or base in _ABBREVIATED or base in _UNIT_NOUNS


def _share_units(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """ "from 5 to 10 percent": the first value takes the unit written after the second."""
    shared = list(quantities)
    for i in range(len(shared) - 1):
        first, second = shared[i], shared[i + 1]
        if not first.unit and second.unit and text[first.end : second.start] == " to ":
            shared[i] = replace(first, unit=second.unit)
    return shared
