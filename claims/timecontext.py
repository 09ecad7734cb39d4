"""How the sentence around a time expression reads, from spaCy's analysis.

Two questions: are the matched words a date here ("May" in "in May", not in "Theresa
May"), and which way in time does the clause look ("resigned Tuesday" looks back,
"will meet on Monday" ahead, "extended the lockdown to May 1" either way)?
"""

from __future__ import annotations

import re
from typing import Literal

from spacy.tokens import Span, Token

from claims.timerefs import MONTH_NAMES, WEEKDAY_NAMES, Direction

# certain: the form alone is a date ("January 4, 2019"); unnamed: a date unless part
# of a name or an amount ("USA Today"); attested: also needs a DATE entity or a
# preposition of time before it (a bare "2017", "May"); holiday: a holiday's name,
# which the NER may tag EVENT or even PERSON ("Valentine"), and which as a lone word
# needs a preposition ("since Christmas", not "merry Christmas" or "Christmas shopping").
Vetting = Literal["certain", "unnamed", "attested", "holiday"]
Tense = Literal["past", "present", "future", "prospect", "reported"]

_NAMES = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART"}
_AMOUNTS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
_NOT_A_DATE = frozenset(_NAMES | _AMOUNTS | {"LAW", "LANGUAGE"})
_TIME_PREPOSITIONS = frozenset(
    {"in", "since", "until", "till", "by", "during", "from", "to", "through", "throughout"}
    | {"of", "before", "after", "between", "around", "early", "late", "mid", "and", "or"}
    | {"into", "circa"}
)
_HOLIDAY_PREPOSITIONS = _TIME_PREPOSITIONS | {"on", "at", "over"}
# A name entity running on into "in 2008" ("Paul's Rally for the Republic in 2008") has
# swallowed a date; "of" stays out: "the War of 1812" and "the Class of 2008" are names.
_SWALLOWED_AFTER = frozenset({"in", "on", "since", "during", "until", "till", "before", "after"})
_DEADLINE_PREPOSITIONS = frozenset({"until", "till", "to", "through", "by"})
_TIMES_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "overnight"})
_NAMED_DAYS = frozenset({"super", "good", "black", "cyber", "ash", "palm", "easter", "holy"})
_LABELS = frozenset({"flight", "route", "no", "no.", "number", "highway", "bus", "train", "room"})
_SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})
_YEAR_PAIR = re.compile(r"(?:1\d|20)\d{2}\s*[-–/]\s*(?:\d{2}|(?:1\d|20)\d{2})")
# A year before a maker's name is a model year ("a recalled 2005 Opel Zafira"), not a date.
_MAKERS = frozenset(
    [
        "Opel",
        "Vauxhall",
        "Ford",
        "Toyota",
        "Honda",
        "Nissan",
        "Mazda",
        "Subaru",
        "Mitsubishi",
        "Suzuki",
        "Hyundai",
        "Kia",
        "BMW",
        "Audi",
        "Mercedes",
        "Mercedes-Benz",
        "Volkswagen",
        "VW",
        "Porsche",
        "Volvo",
        "Saab",
        "Fiat",
        "Renault",
        "Peugeot",
        "Citroen",
        "Citroën",
        "Skoda",
        "Škoda",
        "Seat",
        "Chevrolet",
        "Chevy",
        "Dodge",
        "Jeep",
        "Chrysler",
        "Cadillac",
        "Buick",
        "GMC",
        "Lincoln",
        "Tesla",
        "Jaguar",
        "Lexus",
        "Infiniti",
        "Acura",
        "Mini",
        "Alfa",
        "Lada",
        "Dacia",
        "Yamaha",
        "Kawasaki",
        "Ducati",
        "Harley",
        "Harley-Davidson",
    ]
)
_FUTURE_AUXILIARIES = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_MODALS = frozenset({"would", "may", "might", "could", "should", "can", "ca", "must"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_PERFECT = frozenset({"has", "have", "'ve", "’ve"})
_PLANNED = frozenset({"schedule", "plan", "expect", "set", "slate", "due", "forecast", "predict"})


def is_date(tokens: Span, sent: Span, vetting: Vetting) -> bool:
    """Whether the matched ``tokens`` of ``sent`` name a date rather than something else."""
    if vetting == "certain":
        return True
    labels = {token.ent_type_ for token in tokens}
    if _swallowed(tokens, sent):
        labels = {"DATE"}
    before = _before(tokens, sent)
    if tokens[0].text in WEEKDAY_NAMES and before is not None and before.lower_ in _NAMED_DAYS:
        return False  # "Super Tuesday", "Good Friday"
    mine = before is not None and before.tag_ in ("PRP$", "POS")  # "his Tuesday talk"
    if len(tokens) == 1 and tokens[0].text in WEEKDAY_NAMES and _habitual(tokens[0]) and not mine:
        return False  # "the Sunday trade ban", "Sunday opening hours": any Sunday
    if vetting == "unnamed":
        return not labels & _NOT_A_DATE
    if vetting == "holiday":  # a holiday of several words may be tagged ORG ("Women's Day")
        # "on Easter Sunday" may be FAC, "over Easter" LOC; "Easter Island" is caught below
        allowed = {"EVENT", "PERSON", "FAC", "LOC"} | ({"ORG"} if len(tokens) > 1 else set())
        return not labels & (_NOT_A_DATE - allowed) and (
            _lone_holiday(tokens[0], before) if len(tokens) == 1 else not _modifies(tokens)
        )
    after = sent.doc[tokens.end] if tokens.end < sent.end else None
    if _opens_event(tokens, sent):
        labels = labels - {"EVENT"} | {"DATE"}  # "the 2016 Summer Olympics": it dates the event
    if _names_or_counts(tokens, before, after) or labels & (_NOT_A_DATE - {"CARDINAL"}):
        return False  # the small model often calls a plain year CARDINAL: context decides
    if before is not None and before.tag_ in ("DT", "PRP$") and _YEAR_PAIR.fullmatch(tokens.text):
        return True  # "the 2019–20 season", "its 2005–2011 survey": the NER says CARDINAL
    return "DATE" in labels or (before is not None and before.lower_ in _TIME_PREPOSITIONS)


def reading_direction(tokens: Span, sent: Span) -> Direction:
    """Which way a year-less date or a bare weekday points from the publication date."""
    tense = clause_tense(tokens)
    before = _before(tokens, sent)
    if before is not None and before.lower_ in _DEADLINE_PREPOSITIONS and tense != "future":
        return "nearest"  # "extended the lockdown to May 1", "worked there until March"
    if _ahead_of(tokens, sent):
        return "future"  # "launched ahead of International Women's Day": still to come
    if tense == "past" or tense == "future":
        return tense
    return "nearest"  # "said it would end on Friday", "effective July 31"


def _opens_event(tokens: Span, sent: Span) -> bool:
    """A year that opens an event's name ("the 2016 Summer Olympics"), not one that ends
    it ("Euro 2020", which was played in 2021)."""
    entity = next((e for e in sent.ents if e.start <= tokens.start < e.end), None)
    if entity is None or entity.label_ != "EVENT" or len(tokens) != 1:
        return False
    first = entity.start + (entity[0].lower_ == "the")
    after = sent.doc[tokens.end] if tokens.end < sent.end else None
    named = after is not None and after.tag_ in ("NNP", "NNPS")  # the NER may cut it short
    return tokens.start == first and (tokens.end < entity.end or named)


def _ahead_of(tokens: Span, sent: Span) -> bool:
    start = tokens.start
    return start - 2 >= sent.start and sent.doc[start - 2 : start].text.lower() == "ahead of"


def _before(tokens: Span, sent: Span) -> Token | None:
    return sent.doc[tokens.start - 1] if tokens.start > sent.start else None


def _lone_holiday(word: Token, before: Token | None) -> bool:
    """A one-word holiday after a preposition names a day, unless it modifies a noun
    ("at Christmas parties") or starts a name ("on Christmas Island"). The NER's DATE
    is no evidence: it tags "merry Christmas" and "Father Christmas" too."""
    if before is None or before.lower_ not in _HOLIDAY_PREPOSITIONS:
        return False
    after = word.nbor() if word.i + 1 < len(word.doc) else None
    named = after is not None and after.tag_ in ("NNP", "NNPS")
    return not _modifies(word.doc[word.i : word.i + 1]) and not named


def _modifies(tokens: Span) -> bool:
    """Whether the words modify a noun after them: "Christmas parties", "the Boxing Day
    tsunami", "Valentine's Day cards" name a kind of thing or an event, not a day."""
    return any(
        token.dep_ in ("compound", "nmod", "amod", "poss") and token.head.i >= tokens.end
        for token in tokens
    )


def _swallowed(tokens: Span, sent: Span) -> bool:
    """Whether the matched words end a longer name entity after a preposition of time."""
    before = _before(tokens, sent)
    if before is None or before.lower_ not in _SWALLOWED_AFTER:
        return False
    return any(
        ent.start < before.i and tokens.start < ent.end <= tokens.end and ent.label_ in _NAMES
        for ent in sent.ents
    )


def _habitual(weekday: Token) -> bool:
    """A weekday modifying a longer noun phrase names a kind of day, not a date."""
    head = weekday.head
    if weekday.dep_ not in ("compound", "nmod", "amod") or head.i <= weekday.i + 1:
        return False  # "the Thursday edition", "the Tuesday night attack"
    between = weekday.doc[weekday.i + 1 : head.i]
    return head.pos_ == "NOUN" and not any(t.lower_ in _TIMES_OF_DAY for t in between)


def _names_or_counts(tokens: Span, before: Token | None, after: Token | None) -> bool:
    """A month after a first name ("Theresa May"), a number counting things ("2000 people"),
    a year in a name ("Zrínyi 2026", "Vision 2030", "§ 1201"), a model year ("2005 Opel") or
    a figure ("the total is 1501")."""
    if tokens[0].text in MONTH_NAMES and before is not None and before.tag_ == "NNP":
        return before.text not in WEEKDAY_NAMES
    if before is not None and before.lower_ in _LABELS and tokens[0].like_num:
        return True  # "flight 1344", "Route 2019"
    if len(tokens) == 1 and tokens[0].like_num and before is not None:
        if before.lemma_ == "be":
            return True  # "the total infected is 1501": a figure
        named = before.tag_ in ("NNP", "NNPS") and before.text[:1].isupper()
        dated = before.text in MONTH_NAMES or before.text in WEEKDAY_NAMES
        if (named and not dated and before.lower_ not in _SEASONS) or before.text in ("§", "#"):
            return True
    if after is not None and after.text in _MAKERS and tokens[-1].like_num:
        return True
    counted = after is not None and after.tag_ == "NNS" and tokens[-1].like_num
    return counted and (before is None or before.tag_ not in ("DT", "PRP$", "POS"))


def clause_tense(tokens: Span) -> Tense:
    """The tense of the first tensed verb governing the expression.

    An untensed verb defers to its governor. A prospect (a modal, a plan) is the future
    seen from the verb governing it: "is scheduled to continue on March 10" is the
    future, "forecast that it would pass Wednesday" is "reported" and may lie on either
    side of publication.
    """
    prospect = False
    token = tokens.root
    while True:
        tense = _tense(token) if token.pos_ in ("VERB", "AUX") else None
        if tense == "prospect":
            prospect = True
        elif tense is not None:
            if prospect:
                return "reported" if tense in ("past", "reported") else "future"
            return tense
        if token.head.i == token.i:
            return "future" if prospect else "present"
        token = token.head


def _tense(verb: Token) -> Tense | None:
    """The tense ``verb`` carries with its auxiliaries; None for an untensed verb."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries} | {verb.lower_}
    if words & _FUTURE_AUXILIARIES:
        return "future"
    if words & _MODALS:
        return "past" if "have" in words else "prospect"  # "could have faced" is past
    finite = [word for word in [*auxiliaries, verb] if word.tag_ in _FINITE_TAGS]
    past = any(word.tag_ == "VBD" for word in finite)
    if _is_planned(verb, words):
        if not finite:
            return "prospect"  # "slated for October 15", "due to stand down in August"
        return "reported" if past else "future"  # "was scheduled for", "is scheduled for"
    if not finite:
        return None
    if past or (words & _PERFECT and verb.tag_ == "VBN"):
        return "past"  # "has charged ... with the April 30 plot" is the past too
    if verb.tag_ == "VBG" and auxiliaries:  # "is meeting on Monday"
        return "future"
    return "present"


def _is_planned(verb: Token, words: set[str]) -> bool:
    """A scheduled event: "scheduled for", "is due out", "is to leave", "due to stand down"."""
    if verb.lemma_ in _PLANNED:
        return True
    if any(child.dep_ == "acomp" and child.lemma_ in _PLANNED for child in verb.children):
        return True
    return "to" in words and verb.head.lemma_ in _PLANNED | {"be"}
