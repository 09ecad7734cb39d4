"""Linguistic signals read from the spaCy parse of a sentence, and its claim type.

Each signal that fires adds its combiner weight to the log-odds (claims/combiner.py) and
becomes a reason a reviewer can read. Opinions, questions, predictions and fragments are
never checkworthy, whatever numbers they hold (``NEVER_QUEUED``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from claims.attribution import Attribution
from claims.model import Quantity, TimeSpan

# Types that are never checkworthy, whatever the score: the product queues no opinions,
# predictions, questions or fragments.
NEVER_QUEUED = frozenset({"opinion", "prediction", "not_claim"})
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})
_HEDGES = frozenset(
    [
        "think",
        "believe",
        "feel",
        "seem",
        "guess",
        "hope",
        "fear",
        "suppose",
        "imagine",
        "wish",
        "doubt",
        "probably",
        "perhaps",
        "maybe",
        "possibly",
        "apparently",
    ]
)
_EVALUATIVE = frozenset(
    [
        "successful",
        "unsuccessful",
        "good",
        "bad",
        "great",
        "terrible",
        "wonderful",
        "awful",
        "important",
        "dramatic",
        "exhausted",
        "mixed",
        "clear",
        "unclear",
        "strong",
        "weak",
        "aggressive",
        "legitimate",
        "wrong",
        "right",
        "fair",
        "unfair",
        "better",
        "worse",
        "best",
        "worst",
    ]
)
_CAUSAL = ("because", "due to", "as a result", "led to", "caused", "causing", "resulted in")
_LAW = frozenset(
    [
        "law",
        "laws",
        "bill",
        "act",
        "illegal",
        "legal",
        "unconstitutional",
        "constitution",
        "constitutional",
        "court",
        "ruled",
        "ruling",
        "statute",
        "regulation",
        "banned",
        "ban",
        "treaty",
        "sanction",
        "sanctions",
        "treason",
        "charged",
        "indicted",
        "convicted",
        "sentenced",
    ]
)
_FUTURE = frozenset({"will", "shall", "'ll", "gonna"})
_FRAMING_VERBS = frozenset({"find", "see", "tell", "remember", "recall", "notice", "learn"})
_WEAK_MODALS = frozenset({"may", "might", "could", "should", "would", "must", "can", "ought"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})


@dataclass(frozen=True)
class Signal:
    """A signal that fired: its name (a combiner weight) and what in the sentence fired it
    ("10 lawmakers", "think"), which claims/reasons.py turns into a reviewer's phrase."""

    name: str
    detail: str = ""


def read_signals(
    sent: Span,
    quantities: tuple[Quantity, ...],
    times: tuple[TimeSpan, ...],
    attribution: Attribution,
    in_quote: bool,
) -> list[Signal]:
    """The linguistic signals that fire on a sentence, each with what fired it."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    lowers = {t.lower_ for t in words}
    lemmas = {t.lemma_.lower() for t in words}
    named = [e for e in sent.ents if e.label_ in _NAMED]
    signals: list[Signal] = []

    def fire(name: str, detail: str = "") -> None:
        signals.append(Signal(name, detail))

    if quantities:
        fire("quantity", ", ".join(q.text for q in quantities[:3]))
    if any(t.start for t in times):
        fire("date", ", ".join(t.text for t in times if t.start)[:80])
    if named:
        fire("entities", ", ".join(e.text for e in named[:3]))
    if attribution.source:
        fire("source", attribution.source)
    if attribution.speaker:
        fire("speaker", attribution.speaker)
    if _has_past_event(sent):
        fire("past_tense")
    if sent.text.rstrip(" ”\"’'").endswith("?"):
        fire("question")
    if not any(t.pos_ in ("VERB", "AUX") for t in words):
        fire("fragment")
    if len(words) < 6:
        fire("short")
    stance = lemmas & _HEDGES or lowers & (_WEAK_MODALS | _FUTURE)
    if lowers & _FIRST_PERSON and stance:
        fire("first_person_opinion", ", ".join(sorted(stance)))
    elif lowers & _FIRST_PERSON and not in_quote:
        fire("first_person")
    if lemmas & _HEDGES:
        fire("hedge", ", ".join(sorted(lemmas & _HEDGES)))
    if lowers & _EVALUATIVE and not quantities:
        fire("evaluative", ", ".join(sorted(lowers & _EVALUATIVE)))
    if _is_conditional(sent):
        fire("conditional", next(t.text for t in sent if not t.is_punct))
    if _is_future(sent):
        fire("future")
    if not named and not quantities and not any(t.start for t in times):
        fire("nothing_checkable")
    return signals


def classify(
    sent: Span,
    fired: set[str],
    quantities: tuple[Quantity, ...],
    score: float = 0.0,
    strong: float = 1.0,
) -> str:
    """The claim type, from the strongest evidence down.

    Questions, fragments with nothing checkable, first-person hypotheticals ("If I
    would ...") and the future tense are never claims to queue, whatever the score (the
    product queues no predictions). Hedges and evaluative words make an opinion only
    while the score is below ``strong``: "I think we lost two million jobs" is still a
    checkable claim.
    """
    text = sent.text.lower()
    checkable = fired & {"quantity", "date", "entities", "source"}
    if "question" in fired or ("fragment" in fired and not checkable):
        return "not_claim"
    if "short" in fired and not checkable and score < strong:
        return "not_claim"
    if "conditional" in fired and fired & {"first_person", "first_person_opinion"}:
        return "opinion"
    if "future" in fired and "past_tense" not in fired:
        return "prediction"
    opinion_markers = fired & {"first_person_opinion", "hedge", "evaluative", "conditional"}
    if opinion_markers and score < strong and not fired & {"quantity", "date", "source"}:
        return "opinion"
    if "nothing_checkable" in fired and "past_tense" not in fired:
        return "other"
    if any(q.comparator == "change" for q in quantities):
        return "comparison"
    if quantities:
        return "quantity"
    if _compares(sent):
        return "comparison"
    if any(marker in text for marker in _CAUSAL):
        return "causal"
    if {t.lower_ for t in sent} & _LAW:
        return "law_rule"
    if "speaker" in fired and "past_tense" not in fired:
        return "attribution"
    if "past_tense" in fired or "date" in fired:
        return "event"
    return "other"


def _has_past_event(sent: Span) -> bool:
    root = sent.root
    verbs = [root, *(t for t in root.children if t.dep_ == "conj" and t.pos_ == "VERB")]
    return any(
        v.tag_ in ("VBD", "VBN") and v.lemma_.lower() not in ("be", "seem", "feel") for v in verbs
    )


def _is_conditional(sent: Span) -> bool:
    first = next((t for t in sent if not t.is_punct), None)
    return first is not None and first.lower_ in ("if", "unless", "suppose", "imagine")


def _is_future(sent: Span) -> bool:
    root = sent.root
    auxes = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    if auxes & _FUTURE:
        # "You will find that the worst schools get the most money": the future only
        # frames a claim about now; the clause it introduces is what is asserted.
        framing = root.lemma_.lower() in _FRAMING_VERBS
        finite = ("VBD", "VBZ", "VBP")  # "see the deficit grow" is still a prediction
        return not (framing and any(c.dep_ == "ccomp" and c.tag_ in finite for c in root.children))
    if root.lemma_ in ("go", "expect", "plan") and any(c.dep_ == "xcomp" for c in root.children):
        return root.lemma_ != "go" or root.tag_ == "VBG"
    return False


def _compares(sent: Span) -> bool:
    """ "higher than", "fewer ... than", "the largest", "the most popular"."""
    words = list(sent)
    if any(t.tag_ in ("JJR", "RBR") for t in words) and any(t.lower_ == "than" for t in words):
        return True
    return any(
        t.tag_ == "JJS" or (t.tag_ == "RBS" and t.i + 1 < len(t.doc) and t.nbor(1).tag_ == "JJ")
        for t in words
    )
