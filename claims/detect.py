"""Check-worthiness: a score in [0, 1], a claim type and the reasons behind both.

The score combines the trained model's probability (claims/scorer.py, when given)
with linguistic signals read from the spaCy parse. Each signal that fires adds its
weight to the log-odds and becomes a reason a reviewer can read. Opinions, questions,
predictions and fragments are never checkworthy, whatever numbers they hold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from spacy.tokens import Span

from claims.attribution import Attribution
from claims.model import Assessment, Quantity, TimeSpan

DEFAULT_THRESHOLD = 0.5

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
_WEAK_MODALS = frozenset({"may", "might", "could", "should", "would", "must", "can", "ought"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})


@dataclass(frozen=True)
class Signal:
    name: str
    weight: float
    reason: str


def assess(
    sent: Span,
    quantities: tuple[Quantity, ...],
    times: tuple[TimeSpan, ...],
    attribution: Attribution,
    in_quote: bool,
    model_probability: float | None = None,
    model_reasons: tuple[str, ...] = (),
    threshold: float = DEFAULT_THRESHOLD,
) -> Assessment:
    """Score one sentence and give it a type and the reasons for both."""
    signals = read_signals(sent, quantities, times, attribution, in_quote)
    prior = -0.6 if model_probability is None else 1.4 * _logit(model_probability)
    score = _sigmoid(prior + sum(s.weight for s in signals))
    claim_type = classify(sent, signals, quantities)
    reasons = [s.reason for s in sorted(signals, key=lambda s: -abs(s.weight))]
    if model_probability is not None:
        reasons.insert(0, f"model {model_probability:.2f}")
        reasons.extend(model_reasons)
    if claim_type in ("opinion", "prediction", "not_claim"):
        # Never queued: keep the score under the threshold so the ranking agrees.
        score = min(score, threshold * 0.9)
        reasons.insert(0, f"type {claim_type}: not checkworthy")
    score = round(score, 4)
    return Assessment(score, score >= threshold, claim_type, tuple(reasons))


def read_signals(
    sent: Span,
    quantities: tuple[Quantity, ...],
    times: tuple[TimeSpan, ...],
    attribution: Attribution,
    in_quote: bool,
) -> list[Signal]:
    """The linguistic signals that fire on a sentence, each with a weight and a reason."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    lowers = {t.lower_ for t in words}
    lemmas = {t.lemma_.lower() for t in words}
    named = [e for e in sent.ents if e.label_ in _NAMED]
    signals: list[Signal] = []

    def fire(name: str, weight: float, reason: str) -> None:
        signals.append(Signal(name, weight, reason))

    if quantities:
        fire("quantity", 1.2, "quantity: " + ", ".join(q.text for q in quantities[:3]))
    if any(t.start for t in times):
        fire("date", 0.9, "date: " + ", ".join(t.text for t in times if t.start)[:80])
    if named:
        fire(
            "entities", min(1.2, 0.45 * len(named)), "names " + ", ".join(e.text for e in named[:3])
        )
    if attribution.source:
        fire("source", 0.8, f"source: {attribution.source}")
    if attribution.speaker:
        fire("speaker", 0.3, f"attributed to {attribution.speaker}")
    if _has_past_event(sent):
        fire("past_tense", 0.7, "reports a past event")
    if sent.text.rstrip(" ”\"’'").endswith("?"):
        fire("question", -3.0, "question")
    if not any(t.pos_ in ("VERB", "AUX") for t in words):
        fire("fragment", -2.5, "no verb: a fragment")
    if len(words) < 6:
        fire("short", -1.0, "very short")
    if lowers & _FIRST_PERSON and (lemmas & _HEDGES or lowers & (_WEAK_MODALS | _FUTURE)):
        fire("first_person_opinion", -2.2, "first person with a hedge or modal")
    elif lowers & _FIRST_PERSON and not in_quote:
        fire("first_person", -0.6, "first person")
    if lemmas & _HEDGES:
        fire("hedge", -1.0, "hedge: " + ", ".join(sorted(lemmas & _HEDGES)))
    if lowers & _EVALUATIVE and not quantities:
        fire("evaluative", -0.9, "evaluative: " + ", ".join(sorted(lowers & _EVALUATIVE)))
    if _is_conditional(sent):
        fire("conditional", -1.5, "conditional (if ...)")
    if _is_future(sent):
        fire("future", -1.4, "about the future")
    if not named and not quantities and not any(t.start for t in times):
        fire("nothing_checkable", -1.2, "no name, number or date to check")
    return signals


def classify(sent: Span, signals: list[Signal], quantities: tuple[Quantity, ...]) -> str:
    """The claim type, from the strongest evidence down."""
    fired = {s.name for s in signals}
    text = sent.text.lower()
    checkable = fired & {"quantity", "date", "entities", "source"}
    if fired & {"question", "fragment"} or ("short" in fired and not checkable):
        return "not_claim"
    if "future" in fired and "past_tense" not in fired:
        return "prediction"
    if "first_person_opinion" in fired or ("conditional" in fired and not checkable):
        return "opinion"
    if fired & {"hedge", "evaluative"} and not fired & {"quantity", "date", "source"}:
        return "opinion"
    if "nothing_checkable" in fired:
        return "opinion" if "evaluative" in fired else "other"
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
        return True
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


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


_TYPE_WEIGHT = {
    "quantity": 1.0,
    "comparison": 1.0,
    "causal": 0.9,
    "law_rule": 0.9,
    "event": 0.8,
    "attribution": 0.7,
    "other": 0.5,
}


def priority(score: float, claim_type: str, appearances: int) -> float:
    """Queue order: a claim that is likelier checkworthy, of a type reviewers can
    settle with data, and repeated across more articles comes first."""
    return round(score * _TYPE_WEIGHT.get(claim_type, 0.3) * (1 + math.log(max(appearances, 1))), 4)
