"""The unit a number counts, read from the tokens after it.

"$2.5bn" is "USD", "five percentage points" "percentage points", "50 other countries"
"countries", "a 20-member committee" "member", "a five-foot wall" "feet", "157 miles per
hour" "miles per hour" (the unit scheme is in ``claims.quantities``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claims.lexicon import DURATIONS, UNIT_NOUNS
from claims.numerals import CURRENCY_CODES, Number, read_number


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


def _table(spec: str) -> dict[str, str]:
    """ "a=1 b=2" -> {"a": "1", "b": "2"}"""
    return dict(pair.split("=", 1) for pair in spec.split())


_CURRENCY_WORDS = _table(
    "dollar=USD dollars=USD euro=EUR euros=EUR yen=JPY yuan=CNY rupees=INR rubles=RUB roubles=RUB "
    "złoty=PLN złotys=PLN zloty=PLN zlotys=PLN zlotych=PLN"
)
_DEGREES = {"F": "degrees Fahrenheit", "C": "degrees Celsius"}
_POUNDS = _words("pound pounds")  # money after "million" or before "sterling", else weight
ABBREVIATED = _words("mph kph km/h km km2 kg cm mm mg ml mw gw kw kwh m2 ft")  # often tagged NNP
# as written: "M" is no unit, "m" alone could be "million"
_SPELLED_OUT = _table("m=metres ft=feet")
_UNIT_MODIFIERS = _words("light square cubic")  # "light years", "square miles"
# scales a number is read on, named before it: "magnitude 4.9", "an R0 of 2"
MEASURE_NAMES = _words("magnitude r0")
# a participle that makes the counted thing another thing: "confirmed cases", not "cases"
_CLASSIFYING = _words("confirmed pledged elected")  # but "337 suspected users"
MODIFIER_TAGS = _words("JJ JJR JJS VBN VBG _SP")
NOUN_TAGS = _words("NN NNS")
# A hyphenated measure names its unit in the singular: "a five-foot wall" is 5 feet.
PLURALS = _table(
    "year=years day=days week=weeks month=months hour=hours minute=minutes second=seconds "
    "foot=feet mile=miles metre=metres meter=meters inch=inches kilometre=kilometres "
    "kilometer=kilometers yard=yards acre=acres decade=decades century=centuries"
)


def unit_after(doc: Doc, number: Number, last: int, end: int) -> tuple[str, int, int]:
    """The unit after token ``last``, the last token it takes and the token a verb governs."""
    if last + 2 < end and doc[last + 1].is_space:  # "50\u00a0m": a no-break space
        return unit_after(doc, number, last + 1, end)
    if number.times:
        return "times", last, last
    if number.fraction:
        return "fraction", last, last
    word = doc[last + 1].lower_ if last + 1 < end else ""
    following = doc[last + 2].lower_ if last + 2 < end else ""
    if word == "°":  # "450°F", "232°C", "turns 360°"
        scale = doc[last + 2].text if last + 2 < end else ""
        if scale in _DEGREES:
            return _DEGREES[scale], last + 2, last + 2
        return "degrees", last + 1, last + 1
    if word in ("%", "percent", "pct", "pc"):
        return "percent", last + 1, last + 1
    if (word, following) == ("per", "cent"):
        return "percent", last + 2, last + 2
    if word in ("percentage", "basis") and following in ("point", "points"):
        return f"{word} points", last + 2, last + 2
    if word in _CURRENCY_WORDS or (word.upper() in CURRENCY_CODES and doc[last + 1].is_upper):
        return _CURRENCY_WORDS.get(word, word.upper()), last + 1, last + 1
    if number.currency:
        return number.currency, last, last
    if word in ABBREVIATED or (last + 1 < end and doc[last + 1].text in _SPELLED_OUT):
        unit, taken = abbreviation(doc, last + 1, end)
        return unit, taken, last + 1
    if word in _POUNDS and (number.scale >= 1e6 or following == "sterling"):
        taken = last + 2 if following == "sterling" else last + 1
        return "GBP", taken, last + 1  # "181 million pounds"
    if word == "of":
        noun = object_of(doc, doc[last + 1], end)
        return (noun.lower_, noun.i, last) if noun is not None else ("", last, last)
    if word in ("-", "–") and last + 2 < end and doc[last + 2].pos_ == "NOUN":
        taken = last + 2  # "a 20-member committee", "a five-foot wall", "a 28-year-old"
        if taken + 2 < end and doc[taken + 1].text in ("-", "–") and doc[taken + 2].lower_ == "old":
            taken += 2
        return PLURALS.get(following) or plural(following, number.value), taken, last + 2
    noun = head_noun(doc, last + 1, end)
    return (unit_name(doc, noun, last), noun.i, noun.i) if noun is not None else ("", last, last)


def plural(noun: str, value: float) -> str:
    """The unit of a hyphenated count in the plural: "a 20-room mansion" is in rooms, "a
    5.3-magnitude quake" in magnitude."""
    if value == 1 or value != int(value) or noun.endswith("s") or not noun.isalpha():
        return noun
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("ch", "sh", "x", "z")) else "s")


def abbreviation(doc: Doc, i: int, end: int) -> tuple[str, int]:
    """An abbreviated unit and its last token: "km", "km/h" (tokenized "km / h"), "metres"."""
    if i + 2 < end and doc[i + 1].text == "/" and doc[i + 2].is_alpha:
        return doc[i : i + 3].text.lower().replace(" ", ""), i + 2
    return _SPELLED_OUT.get(doc[i].text, doc[i].lower_), i


def unit_name(doc: Doc, noun: Token, last: int) -> str:
    """The noun, with a modifier that makes it another unit: "light years", "square miles"."""
    for first in (noun.i - 1, noun.i - 2):
        if first <= last or doc[first].lower_ not in _UNIT_MODIFIERS:
            continue
        if first == noun.i - 1 or doc[first + 1].text in ("-", "–"):
            return doc[first : noun.i + 1].text.lower()  # "light years", "light-years"
    if noun.lower_ in UNIT_NOUNS or noun.lower_ in DURATIONS:
        return noun.lower_
    first = noun.i
    if first - 2 > last and doc[first - 1].text in ("-", "–") and doc[first - 2].is_alpha:
        return doc[first - 2 : noun.i + 1].text.lower().replace(" ", "")  # "co-petitioners"
    while first - 1 > last and _compounds(doc[first - 1], noun):
        first -= 1  # "3000 parking spaces", "26 army personnel", "fourteen police officers"
    if doc[first].lower_ in MEASURE_NAMES:
        return doc[first].lower_  # "a 6.3 magnitude earthquake" is in magnitude
    if first - 1 > last and doc[first - 1].lower_ in _CLASSIFYING:
        first -= 1  # "21 confirmed cases", "41 pledged delegates" are not all cases
    return doc[first : noun.i + 1].text.lower()


def measure_named(sent: Span, start: int, number_at: int) -> str:
    """A scale the sentence names before a bare number: "magnitude 4.9", "the quake's
    magnitude was 5.5", "the R0 is about 12–18"; else ""."""
    doc = sent.doc
    before = doc[start - 1] if start > sent.start else None
    if before is not None and before.lower_ in ("of", "at") and start - 1 > sent.start:
        before = doc[start - 2]  # "a magnitude of 6.1"
    if before is not None and before.lower_ in MEASURE_NAMES:
        return before.lower_ if before.is_lower else before.text
    token = doc[number_at]
    while token.dep_ in ("nummod", "quantmod", "compound") and token.head.i != token.i:
        token = token.head
    verb = token.head
    if token.dep_ == "attr" and verb.lemma_ == "be":
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in MEASURE_NAMES:
            return subject.lower_ if subject.is_lower else subject.text
    return ""


def _compounds(word: Token, noun: Token) -> bool:
    """A common noun compounded with the counted noun: "parking" in "parking spaces"."""
    within = word.i < word.head.i <= noun.i  # "law enforcement sources"
    return word.dep_ == "compound" and word.tag_ in NOUN_TAGS and within


def per_unit(sent: Span, unit: str, last: int) -> tuple[str, int]:
    """A rate's denominator joins the unit: "7 per 100,000 people", "157 miles per hour"."""
    doc, per = sent.doc, last + 1
    if per + 1 >= sent.end or doc[per].lower_ != "per":
        return unit, last
    number = read_number(sent, per + 1)
    stop = number.last if number is not None else per
    noun = head_noun(doc, stop + 1, sent.end)
    stop = noun.i if noun is not None else stop
    if stop == per:
        return unit, last
    return f"{unit} per {doc[per + 1 : stop + 1].text.lower()}".strip(), stop


def head_noun(doc: Doc, i: int, end: int) -> Token | None:
    """The noun a number counts, past adjectives and names: "50 other countries"."""
    for j in range(i, min(i + 5, end)):
        token = doc[j]
        if token.text in ("-", "–") and j > i:
            continue  # "co - authors", whatever tag the hyphen gets
        joined = j + 1 < end and doc[j + 1].text in ("-", "–")  # "35,000 war-damaged houses"
        compound = joined or (
            token.dep_ == "compound" and j + 1 < end and doc[j + 1].tag_ in NOUN_TAGS
        )
        ahead = token.head.i > j and token.head.i < min(i + 5, end)  # "state nominating contests"
        compound = compound or (token.dep_ == "compound" and ahead and token.head.tag_ == "NNS")
        measures = token.lower_ in DURATIONS or token.lower_ in UNIT_NOUNS  # "400 metres hurdles"
        if token.tag_ in NOUN_TAGS and (not compound or measures):
            return token
        proper = token.tag_ in ("NNP", "NNPS")
        if proper and token.dep_ not in ("compound", "nmod", "amod"):
            return token if token.tag_ == "NNPS" else None  # "48 Venezuelans"
        if not (compound or proper or token.tag_ in MODIFIER_TAGS or token.text in ("-", "–")):
            return None
    return None


def object_of(doc: Doc, of: Token, end: int) -> Token | None:
    """ "six of the murders": the noun, unless a pronoun or another number comes first."""
    noun = max((t for t in of.children if t.dep_ == "pobj" and t.i < end), default=None)
    if noun is None or noun.tag_ not in NOUN_TAGS | {"NNPS"}:
        return None
    between = doc[of.i + 1 : noun.i]
    return None if any(t.like_num or t.tag_ == "POS" for t in between) else noun


def is_measure(unit: str) -> bool:
    """Money or a physical unit ("USD", "km/h", "square miles"): what a conversion converts."""
    base = unit.split(" per ")[0].split("/")[0].split()[-1] if unit else ""  # "miles per hour"
    return unit in CURRENCY_CODES or base in ABBREVIATED or base in UNIT_NOUNS
