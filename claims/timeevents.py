"""Events the article has dated, and the later phrases that refer back to them.

"Protesters held a rally on Thursday" dates the rally; "during the rally", "at the
meeting", "at the time of the fire" or "election day" later in the article take that
date. An event the article never dated gives nothing ("at the time of the incident" in a
story that does not say when the incident was): a checker needs days.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from spacy.tokens import Span, Token

from claims.model import TimeSpan

# Nouns that name something that happens on a day or over a period
EVENT_NOUNS = frozenset(
    {"rally", "protest", "demonstration", "march", "debate", "meeting", "summit", "talks"}
    | {"election", "vote", "referendum", "poll", "primary", "caucus", "ballot", "runoff"}
    | {"ceremony", "funeral", "parade", "festival", "concert", "celebration", "inauguration"}
    | {"attack", "incident", "shooting", "explosion", "blast", "crash", "collision", "fire"}
    | {"earthquake", "quake", "storm", "flood", "raid", "riot", "clash", "bombing", "stabbing"}
    | {"conference", "session", "hearing", "trial", "visit", "speech", "address", "launch"}
    | {"match", "game", "race", "final", "tournament", "strike", "walkout", "eruption"}
)
_REFERRING_PREPOSITIONS = frozenset({"during", "at", "throughout", "amid"})
_DETERMINERS = frozenset({"the", "that", "this"})
_DAY_NOUNS = {"election": "election", "polling": "election", "voting": "vote"}
_VERBS = frozenset({"VERB", "AUX"})
# "The leaders met on Wednesday": the meeting is dated
_NOMINALS = {"meet": "meeting", "vote": "vote", "protest": "protest", "debate": "debate"}
_NOMINALS |= {"attack": "attack", "visit": "visit", "march": "march", "rally": "rally"}
_NOMINALS |= {"strike": "strike", "erupt": "eruption", "explode": "explosion", "crash": "crash"}
# "at the final debate in March": the debate is where the sentence's verb happened
_SETTINGS = frozenset({"at", "during", "in"})
_MAX_STEPS = 6


def dated_events(sent: Span, times: Sequence[TimeSpan]) -> dict[str, tuple[date, date]]:
    """The event nouns of ``sent`` that one of its ``times`` dates: "held a rally on
    Thursday", "the election to be held on August 9", "a fire broke out on Friday"."""
    spans = _roots(sent, times)
    found: dict[str, tuple[date, date]] = {}
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in _NOMINALS:
            event = _NOMINALS[lemma]
        elif token.pos_ == "NOUN" and lemma in EVENT_NOUNS:
            event = lemma
        else:
            continue
        for root, days in spans:
            if _attached(root, token):
                found.setdefault(event, days)
                break
    return found


def refer_to_events(
    sent: Span, times: Sequence[TimeSpan], events: dict[str, tuple[date, date]]
) -> list[TimeSpan]:
    """The phrases of ``sent`` that name an event the article has dated, with its days."""
    taken = [(t.char_start, t.char_end) for t in times]
    own = [root for root, _ in _roots(sent, times)]
    found = []
    for first, last, noun in _references(sent):
        days = events.get(noun)
        if any(_attached(root, last) for root in own):
            continue  # "at the rally on Tuesday": its own day
        start, end = first.idx - sent.start_char, last.idx + len(last) - sent.start_char
        if days is None or any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        found.append(TimeSpan(sent.text[start:end], days[0], days[1], start, end))
    return found


def _roots(sent: Span, times: Sequence[TimeSpan]) -> list[tuple[Token, tuple[date, date]]]:
    """The root token of each dated time of ``sent``, with its days."""
    roots = []
    for span in times:
        if span.start is None or span.end is None:
            continue
        tokens = sent.doc.char_span(
            sent.start_char + span.char_start,
            sent.start_char + span.char_end,
            alignment_mode="expand",
        )
        if tokens is not None:
            roots.append((tokens.root, (span.start, span.end)))
    return roots


def _references(sent: Span) -> Iterator[tuple[Token, Token, str]]:
    """ "during the rally", "at that meeting", "at the time of the fire", "on the day of the
    vote", "election day": the first and last token and the event noun."""
    for token in sent:
        noun = token.lemma_.lower()
        if token.lower_ == "day" and token.i > sent.start:
            word = sent.doc[token.i - 1].lower_
            if word in _DAY_NOUNS and sent.doc[token.i - 1].dep_ in ("compound", "amod", "nmod"):
                yield sent.doc[token.i - 1], token, _DAY_NOUNS[word]  # "election day"
            continue
        if token.pos_ != "NOUN" or noun not in EVENT_NOUNS:
            continue
        determiners = [c for c in token.children if c.dep_ == "det" and c.lower_ in _DETERMINERS]
        if not determiners or token.i - determiners[0].i != 1:
            continue  # "during the first debate", "at a rally": not the one dated before
        head = token.head
        if token.dep_ != "pobj":
            continue
        if head.lower_ in _REFERRING_PREPOSITIONS:
            yield head, token, noun
        elif head.lower_ == "of" and head.head.lower_ in ("time", "day"):
            # "at the time of the fire", "on the day of the vote"
            frame = head.head
            opening = [c for c in frame.children if c.dep_ == "det"]
            before = frame.head if frame.dep_ == "pobj" else None
            if before is not None and before.lower_ in ("at", "on") and opening:
                yield before, token, noun


def _attached(time: Token, noun: Token) -> bool:
    """Whether the time expression whose root is ``time`` dates ``noun``: it hangs from
    the noun ("the election to be held on August 9") or from the verb the noun is the
    subject or object of, with no other verb between ("held a rally on Thursday")."""
    if noun.pos_ in _VERBS:
        verb: Token | None = noun
    elif noun.head.pos_ in _VERBS:
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.lower_ in _SETTINGS and noun.head.head.pos_ in _VERBS:
        verb = noun.head.head
    else:
        verb = None
    token = time
    for _ in range(_MAX_STEPS):
        if token.i == noun.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
        if verb is not None and token.i == verb.i:
            return True
        if token.pos_ in _VERBS and not _leads_to(token, noun):
            return _follows(token, noun)
    return False


def _follows(verb: Token, noun: Token) -> bool:
    """ "An election to be held on August 9", the clause parsed as hanging from an earlier
    noun ("a candidate for the election to be held ..."): the noun right before it."""
    between = verb.doc[noun.i + 1 : verb.i]
    return (
        verb.dep_ in ("relcl", "acl")
        and 0 < verb.i - noun.i <= 4
        and not any(t.pos_ in ("NOUN", "PROPN", "VERB") for t in between)
    )


def _leads_to(verb: Token, noun: Token) -> bool:
    """Whether ``verb`` lies under ``noun`` ("the election to be held on ...")."""
    return any(ancestor.i == noun.i for ancestor in verb.ancestors)
