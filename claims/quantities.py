"""Quantities in a sentence: the value, its unit and how the sentence asserts it.

Numbers are read from the tokens, not only from NER, which tags "five percentage points"
as CARDINAL "five". Years, dates, times of day, ordinals and numbers inside names
("Article 50", "Boeing 737") are not quantities: time expressions have their own module.

Unit scheme:
- money: the ISO 4217 code in upper case ("$2.5bn" is 2.5e9 "USD", "£3.20" is "GBP");
- "percent" for %, percent and per cent; "percentage points" and "basis points";
- "times" for "twice" and "three times";
- otherwise the head noun of the counted phrase as written, lower-cased ("lawmakers",
  "people", "person", "years"), skipping adjectives and names ("50 other countries",
  "two senior Maduro loyalists");
- "" when the sentence names no unit ("A total of 39 are confirmed dead").

A change ("slipped five percentage points", "up 5%", "a drop of 3 percent") has comparator
"change" and a signed value; it wins over a comparator word ("rose more than 5%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from claims.model import Comparator, Quantity


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


def _table(spec: str) -> dict[str, str]:
    """ "a=1 b=2" -> {"a": "1", "b": "2"}"""
    return dict(pair.split("=", 1) for pair in spec.split())


def _phrases(spec: dict[Comparator, str]) -> list[tuple[tuple[str, ...], Comparator]]:
    """Comparator phrases as token tuples, longest first ("no more than" before "more than")."""
    found = [(tuple(p.split()), c) for c, ps in spec.items() for p in ps.split("|")]
    return sorted(found, key=lambda item: -len(item[0]))


_UNIT_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen"
_TEEN_WORDS = "fourteen fifteen sixteen seventeen eighteen nineteen"
_WORDS = {w: float(n) for n, w in enumerate(f"{_UNIT_WORDS} {_TEEN_WORDS}".split())}
_TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
_TENS = {w: 10.0 * n for n, w in enumerate(_TEN_WORDS.split(), start=2)}
_WORDS |= _TENS
_SCALES = {"hundred": 1e2, "dozen": 12.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_SCALES |= {"trillion": 1e12, "bn": 1e9, "mn": 1e6, "tn": 1e12}
_MONEY_SCALES = {"m": 1e6, "k": 1e3, "b": 1e9}  # only after a currency symbol: "100m" sprint
_MULTIPLES = {"twice": 2.0, "thrice": 3.0}
_NUMERAL = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.?\d+)(?P<scale>bn|mn|tn|m|k)?")
_YEAR = re.compile(r"1\d{3}|20\d{2}|2100")

_CURRENCY_SYMBOLS = _table(
    "$=USD us$=USD £=GBP €=EUR ¥=JPY ₹=INR a$=AUD c$=CAD hk$=HKD r$=BRL ₿=BTC"
)
_CURRENCY_CODES = _words("USD EUR GBP JPY CNY INR AUD CAD CHF RUB BRL PLN")
_CURRENCY_WORDS = _table(
    "dollar=USD dollars=USD euro=EUR euros=EUR yen=JPY yuan=CNY rupees=INR rubles=RUB roubles=RUB "
    "złoty=PLN złotys=PLN zloty=PLN zlotys=PLN zlotych=PLN"
)
_POUNDS = _words("pound pounds")  # money after "million" or before "sterling", else weight
_ABBREVIATED = _words("mph kph km/h km kg cm mm mg ml mw gw kw kwh")  # often tagged NNP
_MEASURES = _CURRENCY_CODES | {"percent", "percentage points", "basis points"}

_BEFORE = _phrases(
    {
        ">": "more than|greater than|upwards of|in excess of|over|above|exceeding|exceed|exceeds|"
        "exceeded|surpass|surpasses|surpassed",
        ">=": "at least|no fewer than|no less than|a minimum of",
        "<": "fewer than|less than|under|below",
        "<=": "at most|up to|no more than|as many as|as much as|a maximum of",
        "~": "about|around|nearly|almost|roughly|approximately|some|estimated|an estimated|"
        "circa|close to|near",
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
_MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec."
)
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
_DEFINITE = _words("the these those its their his her our my your")
_MODIFIER_TAGS = _words("JJ JJR JJS VBN VBG _SP")
_NOUN_TAGS = _words("NN NNS")
_RANGE_WORDS = _words("to - – — or")
_APPROXIMATED = _words(
    "roughly nearly almost approximately about some than exceed exceeds exceeded"
)
_RANGE_TOKENS = _words("to from between and - –")


@dataclass(frozen=True)
class _Number:
    """One numeral read from the tokens; indices are token positions in the doc."""

    lead: int  # the currency symbol if any, else ``first``
    first: int
    last: int
    value: float
    scale: float = 1.0  # the last multiplier ("million"), shared with a range's low end
    currency: str | None = None
    spelled: bool = False
    times: bool = False


def extract_quantities(sent: Span) -> list[Quantity]:
    """Every checkable quantity in ``sent``, in order of appearance."""
    numbers = [n for n in _read_numbers(sent) if not _is_reference(sent, n)]
    quantities: list[Quantity] = []
    i = 0
    while i < len(numbers):
        low = numbers[i]
        high = numbers[i + 1] if i + 1 < len(numbers) else None
        gap = _gap(sent.doc, low, high)
        if high is not None and gap in ("-", "–") and low.value >= high.value:
            i += 2  # "won 3-1": a score or a code, not a quantity
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
    return _share_units(sent.text, quantities)


def _offset(sent: Span, n: _Number) -> int:
    return sent.doc[n.lead].idx - sent.start_char


def _read_numbers(sent: Span) -> list[_Number]:
    numbers: list[_Number] = []
    i = sent.start
    while i < sent.end:
        number = _read_number(sent, i)
        numbers += [number] if number else []
        i = number.last + 1 if number else i + 1
    return numbers


def _read_number(sent: Span, i: int) -> _Number | None:
    doc, end, lower = sent.doc, sent.end, sent.doc[i].lower_
    if lower in _MULTIPLES:
        return _Number(i, i, i, _MULTIPLES[lower], spelled=True, times=True)
    currency = _currency_before(doc, i, sent.start)
    leading = _leading_value(doc, i, end, currency is not None)
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
    lead = i - 1 if currency else i
    return _Number(lead, i, last, total + current, scale, currency, doc[i].is_alpha)


def _leading_value(doc: Doc, i: int, end: int, money: bool) -> tuple[float, float, int] | None:
    """A number's first value, its multiplier and the next token ("a dozen": 1, then "dozen")."""
    words = [t.lower_ for t in doc[i : min(i + 3, end)]] + ["", ""]
    if words[0] in ("a", "an") and words[1] in _SCALES:
        return 1.0, 1.0, i + 1
    if words[:2] == ["half", "a"] and words[2] in _SCALES:
        return 0.5, 1.0, i + 2
    if words[0] in _WORDS:
        return _WORDS[words[0]], 1.0, i + 1
    match = _NUMERAL.fullmatch(words[0])
    if match is None or (match["scale"] in _MONEY_SCALES and not money):
        return None  # "100m" is a sprint, "$100m" is money
    scale = _SCALES.get(match["scale"] or "") or _MONEY_SCALES.get(match["scale"] or "", 1.0)
    return float(match["num"].replace(",", "")) * scale, scale, i + 1


def _currency_before(doc: Doc, i: int, start: int) -> str | None:
    if i <= start:
        return None
    token = doc[i - 1]
    code = token.text if token.text in _CURRENCY_CODES else None
    return _CURRENCY_SYMBOLS.get(token.lower_, code)


def _is_reference(sent: Span, n: _Number) -> bool:
    """Whether the number names or dates something rather than counting it."""
    doc = sent.doc
    before = doc[n.lead - 1] if n.lead > sent.start else None
    after = doc[n.last + 1] if n.last + 1 < sent.end else None
    tokens = doc[n.first : n.last + 1]
    head = doc[n.last].head
    if any(t.ent_type_ in _NAME_LABELS for t in tokens):
        return True
    counts = after is not None and after.tag_ in _NOUN_TAGS  # "Humberto 75 miles north"
    if head.tag_ in ("NNP", "NNPS") and head.i == n.lead - 1 and not counts:
        return True  # "Apollo 11", "April 30"
    listed = before is None and after is not None and after.text in (".", ")")
    named = head.ent_type_ not in ("", "NORP")  # but "2000 Thai (stores)" counts
    if (head.tag_ == "NNP" and head.i > n.last and named) or listed:
        return True  # "619 Waddell Avenue"; "1." numbering a list
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


def _is_duration(sent: Span, n: _Number) -> bool:
    """ "27 years in prison", "36 years old" and "from fourteen to 31" count; "five years ago"
    and "a 45-year-old" date things."""
    entity = next((e for e in sent.ents if e.start <= n.first < e.end), None)
    if entity is None:
        return False
    words = [t.lower_ for t in entity]
    if all(
        (t.like_num and not _YEAR.fullmatch(t.text)) or t.lower_ in _RANGE_TOKENS for t in entity
    ):
        return True  # the small model tags "from fourteen to 31" DATE
    if words[-1] == "old" and len(words) > 2:
        words = words[:-1]  # an age
    return words[-1] in _DURATIONS and not _RELATIVE.intersection(words)


def _is_year(token: Token, before: Token | None, after: Token | None) -> bool:
    if not _YEAR.fullmatch(token.text) or token.dep_ == "dobj":
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


def _gap(doc: Doc, low: _Number, high: _Number | None) -> str | None:
    return doc[low.last + 1].lower_ if high is not None and high.lead == low.last + 2 else None


def _range_start(sent: Span, low: _Number, high: _Number, gap: str | None) -> int | None:
    """Where "between 36 and 40", "36 to 40", "36-40" or "two or three" begins, if it is one."""
    opener = sent.doc[low.lead - 1].lower_ if low.lead > sent.start else ""
    if _with_scale_of(low, high).value >= high.value:
        return None
    if gap == "and" and opener == "between":
        return low.lead - 1
    return low.lead if gap in _RANGE_WORDS and opener != "from" else None


def _with_scale_of(low: _Number, high: _Number) -> _Number:
    """ "between 5 and 10 million": the low end takes the high end's multiplier."""
    scaled = low.value * high.scale
    if low.scale != 1.0 or high.scale == 1.0 or scaled >= high.value:
        return replace(low, currency=low.currency or high.currency)
    return replace(low, value=scaled, currency=low.currency or high.currency)


def _quantity(sent: Span, low: _Number, high: _Number | None, start: int) -> Quantity | None:
    doc = sent.doc
    last = (high or low).last
    after_comparator, last = _comparator_after(doc, last, sent.end)
    counted = low if high is None else replace(high, currency=high.currency or low.currency)
    unit, last, anchor = _unit(doc, counted, last, sent.end)
    unit, last = _per(sent, unit, last)
    comparator, start = (
        _comparator_before(doc, start, sent.start) if high is None else ("range", start)
    )
    comparator = after_comparator or comparator
    lasting = start > sent.start and doc[start - 1].lower_ == "for"  # "for over 30 hours"
    if unit in _DURATIONS and doc[start].lower_ == "over" and not lasting:
        comparator, start = "=", low.lead  # "over 2 days" is when, not how many
    if unit in _FRACTIONS:
        return None  # "two thirds": fractions are not read yet
    bare_one = high is None and low.first == low.last and doc[low.first].lower_ == "one"
    noun = doc[anchor]
    listed = noun.i != low.first and noun.dep_ == "conj"
    listed = listed and any(c.like_num for c in noun.head.children)
    rate = "per" in unit.split()
    if bare_one and comparator == "=" and unit not in _MEASURES and not (listed or rate):
        return None  # "one person said", "one of them"; but "four males and one female"
    definite = start > sent.start and doc[start - 1].lower_ in _DEFINITE
    if definite and comparator == "=" and (low.spelled or not unit):
        return None  # "the two sides", "the 707": a reference back, not a count
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


def _unit(doc: Doc, number: _Number, last: int, end: int) -> tuple[str, int, int]:
    """The unit after token ``last``, the last token it takes and the token a verb governs."""
    if number.times:
        return "times", last, last
    word = doc[last + 1].lower_ if last + 1 < end else ""
    following = doc[last + 2].lower_ if last + 2 < end else ""
    if word in ("%", "percent", "pct"):
        return "percent", last + 1, last + 1
    if (word, following) == ("per", "cent"):
        return "percent", last + 2, last + 2
    if word in ("percentage", "basis") and following in ("point", "points"):
        return f"{word} points", last + 2, last + 2
    if word in _CURRENCY_WORDS or (word.upper() in _CURRENCY_CODES and doc[last + 1].is_upper):
        return _CURRENCY_WORDS.get(word, word.upper()), last + 1, last + 1
    if number.currency:
        return number.currency, last, last
    if word in _ABBREVIATED:
        return word, last + 1, last + 1
    if word in _POUNDS and (number.scale >= 1e6 or following == "sterling"):
        taken = last + 2 if following == "sterling" else last + 1
        return "GBP", taken, last + 1  # "181 million pounds"
    if word == "of":
        noun = _object_of(doc, doc[last + 1], end)
        return (noun.lower_, noun.i, last) if noun is not None else ("", last, last)
    if word in ("-", "–") and last + 2 < end and doc[last + 2].pos_ == "NOUN":
        return following, last + 2, last + 2  # "a 20-member committee"
    noun = _head_noun(doc, last + 1, end)
    return (noun.lower_, noun.i, noun.i) if noun is not None else ("", last, last)


def _per(sent: Span, unit: str, last: int) -> tuple[str, int]:
    """A rate's denominator joins the unit: "7 per 100,000 people", "157 miles per hour"."""
    doc, per = sent.doc, last + 1
    if per + 1 >= sent.end or doc[per].lower_ != "per":
        return unit, last
    number = _read_number(sent, per + 1)
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
        if token.tag_ in _NOUN_TAGS and (not compound or token.lower_ in _DURATIONS):
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


def _share_units(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """ "from 5 to 10 percent": the first value takes the unit written after the second."""
    shared = list(quantities)
    for i in range(len(shared) - 1):
        first, second = shared[i], shared[i + 1]
        if not first.unit and second.unit and text[first.end : second.start] == " to ":
            shared[i] = replace(first, unit=second.unit)
    return shared
