"""Numbers that name, date or label something rather than count it.

Years, dates, times of day, ordinals and numbers inside names ("Article 50", "Boeing 737",
"51 Pegasi b", "619 Waddell Avenue") are not quantities; ages ("at age 10", "a
45-year-old") and durations ("27 years in prison") are.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from claims.lexicon import DURATIONS, MONTH_WORDS, UNIT_NOUNS
from claims.numerals import CURRENCY_CODES, YEAR, Number
from claims.units import ABBREVIATED, NOUN_TAGS


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


_NAME_LABELS = _words("PERSON ORG GPE LOC FAC PRODUCT EVENT WORK_OF_ART LAW NORP LANGUAGE ORDINAL")
_MONTHS = MONTH_WORDS
_LABEL_NOUNS = _words(
    "page chapter section article route room flight gate platform phase stage episode season "
    "volume paragraph item number no. # highway interstate level grade category resolution "
    "round lap"
)
_CLOCK = _words("am pm a.m. p.m. gmt utc bst cet o'clock")
_RELATIVE = _words("ago last past next previous coming earlier later this since")
_APPROXIMATED = _words(
    "roughly nearly almost approximately about some than exceed exceeds exceeded"
)
_RANGE_TOKENS = _words("to from between and - –")
_AGE = _words("age aged ages")
_SPANNING = _words("last past next first")
_DATED_PLURALS = _words("elections games olympics championships polls finals midterms primaries")
_GLUED_RANGE = re.compile(r"\d+(?:\.\d+)?[–-]\d+(?:\.\d+)?")  # "12–18" in one token
_MEASURE_WORDS = _words("% percent pct per")
_COUNT_NOUNS = _words("number total count toll tally figure population")


def is_reference(sent: Span, n: Number) -> bool:
    """Whether the number names or dates something rather than counting it."""
    doc = sent.doc
    before = doc[n.lead - 1] if n.lead > sent.start else None
    after = doc[n.last + 1] if n.last + 1 < sent.end else None
    tokens = doc[n.first : n.last + 1]
    head = doc[n.last].head
    if n.fraction or n.share:
        return False  # "two-thirds"; the small model tags "a third of" ORDINAL, "a quarter" DATE
    measured = after is not None and after.lower_ in UNIT_NOUNS  # "Humberto 785 miles west"
    if n.currency is None and not measured and any(t.ent_type_ in _NAME_LABELS for t in tokens):
        return True  # money is never a name, though the small model tags "USD910" GPE
    if age_start(doc, n.lead, sent.start) is not None:
        return False  # "at age 10", tagged DATE
    second = before is not None and before.lower_ in ("and", "to") and n.lead - 2 >= sent.start
    if second and age_start(doc, n.lead - 2, sent.start) is not None:
        return False  # the 29 of "between the ages of 17 and 29"
    counts = after is not None and _counts(after, n)  # "Humberto 75 miles north"
    if head.tag_ in ("NNP", "NNPS") and head.i == n.lead - 1 and not counts:
        return True  # "Apollo 11", "April 30", "a Boeing 707 cargo plane"
    if after is not None and after.lower_ in DURATIONS and after.text[:1].isupper():
        return after.i > sent.start + 1 and not after.is_sent_start  # "60 Minutes", a show
    if n.spelled and doc[n.first].text[:1].isupper() and n.first > sent.start:
        return after is not None and after.tag_ in ("NNP", "NNPS")  # "a Six Flags park"
    if _model_number(n, before, after, counts):
        return True  # "the Falcon 9 rocket"
    listed = before is None and after is not None and after.text in (".", ")")
    if _begins_name(doc, n, head) or listed:
        return True  # "619 Waddell Avenue", "51 Pegasi b"; "1." numbering a list
    if n.first == n.last and _counts_as_year_like(doc[n.first], before, after):
        return False  # "1885 aftershocks had occurred", though tagged DATE
    if n.first == n.last and _number_of(doc[n.first]):
        return False  # "the number of deaths is 1501", though tagged DATE
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
        strong = joined.lower_ == "strong"  # "a 2,500-strong force" counts its members
        odds = joined.lower_ == "in" and _odds(doc, joined.i, sent.end)  # "a one-in-five chance"
        return not (joined.pos_ == "NOUN" or joined.like_num or strong or odds)  # "two-legged"
    return after is not None and after.lower_ in _MONTHS | _CLOCK


def _odds(doc: Doc, i: int, end: int) -> bool:
    """Whether "in" at ``i`` joins two numbers written as one word: "one-in-five"."""
    return i + 2 < end and doc[i + 1].text in ("-", "–") and doc[i + 2].like_num


def _begins_name(doc: Doc, n: Number, head: Token) -> bool:
    """Whether the number starts a proper name: "619 Waddell Avenue", "51 Pegasi b".

    A plural ("5 Republicans", "3 Senators"), a nationality ("2000 Thai stores") or a unit
    ("400 m") is counted, not named.
    """
    if head.tag_ != "NNP" or head.i <= n.last or head.ent_type_ == "NORP":
        return False
    if head.lower_ in ABBREVIATED or head.text in CURRENCY_CODES:
        return False
    between = doc[n.last + 1 : head.i]
    proper = len(between) > 0 and all(t.tag_ in ("NNP", "NNPS") for t in between)
    words = all(t.is_alpha for t in doc[n.last + 1 : head.i + 1])  # not "0.4 M☉"
    return bool(head.ent_type_) or (proper and words)


def _counts(after: Token, n: Number) -> bool:
    """Whether the word after a number is what it counts: a plural, a unit, or a singular
    noun after "1"; "707 cargo plane" names a model."""
    if after.tag_ == "NNS" or after.lower_ in DURATIONS or after.lower_ in ABBREVIATED:
        return True
    return after.tag_ in NOUN_TAGS and (n.value == 1 or after.lower_ in _MEASURE_WORDS)


def _model_number(n: Number, before: Token | None, after: Token | None, counts: bool) -> bool:
    """A number between a name and a singular noun names a model: "the Falcon 9 rocket"."""
    if before is None or after is None or counts or n.spelled or n.currency:
        return False
    camel = any(c.isupper() for c in before.text[1:])  # "CentOS", which the tagger calls NN
    named = before.text[:1].isupper() and (before.tag_ in ("NNP", "NNPS") or camel)
    return named and before.lower_ not in _MONTHS and (after.tag_ == "NN" or _variant(after))


def _variant(after: Token) -> bool:
    """ "the Boeing 737-800": a hyphen glued to a number on both sides names a variant."""
    doc = after.doc
    if after.text not in ("-", "–") or after.i + 1 >= len(doc) or after.whitespace_:
        return False
    return doc[after.i - 1].whitespace_ == "" and doc[after.i + 1].is_digit


def bare_age(sent: Span, n: Number) -> bool:
    """A person's age given as a bare number: "the princess, 67, announced", "he was 78",
    "died at 97". The small model tags such numbers DATE."""
    doc = sent.doc
    token = doc[n.last]
    if n.first != n.last or n.currency or not token.is_digit or not 0 < n.value <= 120:
        return False
    before = doc[n.first - 1] if n.first > sent.start else None
    after = doc[n.last + 1] if n.last + 1 < sent.end else None
    head = token.head
    if token.dep_ == "appos" and before is not None and before.text == ",":
        return after is None or after.text in (",", ")", ".")
    if token.ent_type_ != "DATE":
        return False
    if token.dep_ == "attr" and head.lemma_ == "be":
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        return subject is not None and subject.lower_ not in ("it", "this", "that")
    return token.dep_ == "pobj" and head.lower_ == "at" and head.head.lemma_ == "die"


def age_start(doc: Doc, lead: int, floor: int) -> int | None:
    """Where "age 10", "aged 12" or "the age of 10" begins, if the number is an age."""
    if lead - 1 >= floor and doc[lead - 1].lower_ in _AGE:
        return lead - 1
    if (
        lead - 2 >= floor
        and doc[lead - 1].lower_ == "of"
        and doc[lead - 2].lower_ in ("age", "ages")
    ):
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
        (t.like_num and not YEAR.fullmatch(t.text))
        or t.lower_ in _RANGE_TOKENS | _APPROXIMATED
        or (_GLUED_RANGE.fullmatch(t.text) and not YEAR.match(t.text))
        for t in entity
    ):
        return True  # the small model tags "from fourteen to 31" and "about 12–18" DATE
    if words[-2:] == ["of", "age"]:
        return True  # an age: "died at 103 years of age", "children under five years of age"
    if "old" in words[2:]:
        words = words[: words.index("old", 2)]  # an age: "an 18 year old half back"
    # "the last four years", "the next five decades" last that long; "five years ago" dates
    return words[-1] in DURATIONS and not (_RELATIVE - _SPANNING).intersection(words)


def _is_year(token: Token, before: Token | None, after: Token | None) -> bool:
    if not YEAR.fullmatch(token.text) or token.dep_ == "dobj":
        return False  # "may exceed 1000"
    if before is not None and before.lower_ in _APPROXIMATED:
        return False  # "roughly 2000 Thai and 74 Malaysian stores"
    counted = after is not None and after.tag_ == "NNS"  # "1500 people" but "the 2018 elections"
    return not counted or (before is not None and before.tag_ in ("DT", "PRP$", "POS"))


def _counts_as_year_like(token: Token, before: Token | None, after: Token | None) -> bool:
    """ "1885 aftershocks", "1500 people": a year-like number counting the plural noun after
    it; not "the 2018 elections", "September 2015 deaths" or "in 2019 polls"."""
    if not YEAR.fullmatch(token.text) or after is None or after.tag_ != "NNS":
        return False
    object_follows = after.i + 1 < len(after.doc) and after.nbor().tag_ in ("NNS", "DT", "PRP$")
    if token.head.i != after.i or after.dep_ == "ROOT" or object_follows:
        return False  # "The Act, 1972 lists jackals": a verb the small model tags NNS
    if after.lower_ in _DATED_PLURALS:
        return False
    if before is None:
        return True
    return before.tag_ not in ("DT", "PRP$", "POS", "IN") and before.lower_ not in _MONTHS


def _number_of(token: Token) -> bool:
    """ "the total number of deaths is 1501", "the toll was 1850": a count stated as the
    value of a number of something, a total or a toll, which no year is; not "the room
    number is 1408"."""
    head = token.head
    if token.dep_ != "attr" or head.lemma_ != "be":
        return False
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in _COUNT_NOUNS:
        return False
    if any(c.dep_ == "compound" for c in subject.children):
        return False  # "the flight number was 1549", "the population count was 2011": labels
    counted = any(c.dep_ == "prep" and c.lower_ == "of" for c in subject.children)
    return counted or subject.lemma_.lower() not in ("number", "count")  # "the number of ..."


def _is_label(doc: Doc, before: Token) -> bool:
    """ "page 4", "No. 11", "MH-17": the number labels the word before it."""
    previous = doc[before.i - 1].lower_ if before.i > 0 else ""
    if before.text in ("-", "–") and previous.isalnum() and not previous.isdigit():
        return not (previous == "in" and _odds(doc, before.i - 1, len(doc)))  # "MH-17"
    if (
        before.text in ("-", "–")
        and previous.isdigit()
        and before.i >= 2
        and not before.whitespace_
    ):
        model = doc[before.i - 2]  # "Boeing 737-800": the variant of a named model
        return model.text[:1].isupper() and model.tag_ in ("NNP", "NNPS") and model.ent_type_ != ""
    if before.text == "." and previous.isalpha():
        return previous == "no"
    return before.lower_ in _LABEL_NOUNS
