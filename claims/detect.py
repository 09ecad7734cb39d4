"""Check-worthiness: a score in [0, 1], a claim type and the reasons behind both.

The score combines the trained model's probability (claims/scorer.py, when given)
with linguistic signals read from the spaCy parse. Each signal that fires adds its
weight to the log-odds and becomes a reason a reviewer can read. Opinions, questions,
predictions and fragments are never checkworthy, whatever numbers they hold.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

from claims.attribution import Attribution
from claims.errors import ModelError
from claims.model import Assessment, Quantity, TimeSpan

DEFAULT_THRESHOLD = 0.5
COMBINER_PATH = Path(__file__).parent / "models" / "combiner-v1.json"

# Weights used without a trained model (rules only): a reasonable prior for news.
RULE_WEIGHTS: dict[str, float] = {
    "quantity": 1.2,
    "date": 0.9,
    "entities": 0.9,
    "source": 0.8,
    "speaker": 0.3,
    "past_tense": 0.7,
    "question": -3.0,
    "fragment": -2.5,
    "short": -1.0,
    "first_person_opinion": -2.2,
    "first_person": -0.6,
    "hedge": -1.0,
    "evaluative": -0.9,
    "conditional": -1.5,
    "future": -1.4,
    "nothing_checkable": -1.2,
}
SIGNALS = tuple(RULE_WEIGHTS)
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
    name: str
    reason: str


@dataclass(frozen=True)
class Combiner:
    """How the model's probability and the signals add up to a score.

    ``score = sigmoid(bias + model_weight * logit(p) + encoder_weight * encoder log-odds
    + sum(weights of fired signals))``, fitted on held-out model probabilities and
    encoder log-odds (train/train_combiner.py) so that the threshold sits at 0.5.
    ``strong`` is the score above which hedges, evaluative words or future tense no
    longer make a sentence an opinion or a prediction.
    """

    weights: dict[str, float]
    bias: float
    model_weight: float = 0.0
    encoder_weight: float = 0.0
    strong: float = 0.8

    @classmethod
    def load(cls, path: Path | None = None) -> Combiner:
        path = path or COMBINER_PATH
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                weights={str(k): float(v) for k, v in data["weights"].items()},
                bias=float(data["bias"]),
                model_weight=float(data["model_weight"]),
                encoder_weight=float(data.get("encoder_weight", 0.0)),
                strong=float(data.get("strong", 0.8)),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ModelError(f"cannot read the score combiner {path}: {exc}") from exc

    def to_dict(self) -> dict[str, object]:
        return {
            "weights": self.weights,
            "bias": self.bias,
            "model_weight": self.model_weight,
            "encoder_weight": self.encoder_weight,
            "strong": self.strong,
        }


RULES_ONLY = Combiner(weights=RULE_WEIGHTS, bias=-0.6)


def assess(
    sent: Span,
    quantities: tuple[Quantity, ...],
    times: tuple[TimeSpan, ...],
    attribution: Attribution,
    in_quote: bool,
    model_probability: float | None = None,
    model_reasons: tuple[str, ...] = (),
    threshold: float = DEFAULT_THRESHOLD,
    combiner: Combiner = RULES_ONLY,
    encoder_log_odds: float | None = None,
) -> Assessment:
    """Score one sentence and give it a type and the reasons for both."""
    signals = read_signals(sent, quantities, times, attribution, in_quote)
    weighted = [(s, combiner.weights.get(s.name, 0.0)) for s in signals]
    log_odds = combiner.bias + sum(w for _, w in weighted)
    if model_probability is not None:
        log_odds += combiner.model_weight * _logit(model_probability)
    if encoder_log_odds is not None:
        log_odds += combiner.encoder_weight * encoder_log_odds
    score = _sigmoid(log_odds)
    claim_type = classify(sent, {s.name for s in signals}, quantities, score, combiner.strong)
    reasons = [
        f"{'+' if w >= 0 else '-'} {s.reason}"
        for s, w in sorted(weighted, key=lambda x: -abs(x[1]))
    ]
    if model_probability is not None:
        reasons.insert(0, f"model {model_probability:.2f}")
        reasons.extend(model_reasons)
    if encoder_log_odds is not None:
        reading = _sigmoid(encoder_log_odds)
        reasons.insert(
            0,
            f"+ reads as a checkable claim (encoder {reading:.2f})"
            if reading >= 0.5
            else f"- reads as no checkable claim (encoder {reading:.2f})",
        )
    if claim_type in NEVER_QUEUED:
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

    def fire(name: str, reason: str) -> None:
        signals.append(Signal(name, reason))

    if quantities:
        fire("quantity", "quantity: " + ", ".join(q.text for q in quantities[:3]))
    if any(t.start for t in times):
        fire("date", "date: " + ", ".join(t.text for t in times if t.start)[:80])
    if named:
        fire("entities", "names " + ", ".join(e.text for e in named[:3]))
    if attribution.source:
        fire("source", f"source: {attribution.source}")
    if attribution.speaker:
        fire("speaker", f"attributed to {attribution.speaker}")
    if _has_past_event(sent):
        fire("past_tense", "reports a past event")
    if sent.text.rstrip(" ”\"’'").endswith("?"):
        fire("question", "question")
    if not any(t.pos_ in ("VERB", "AUX") for t in words):
        fire("fragment", "no verb: a fragment")
    if len(words) < 6:
        fire("short", "very short")
    if lowers & _FIRST_PERSON and (lemmas & _HEDGES or lowers & (_WEAK_MODALS | _FUTURE)):
        fire("first_person_opinion", "first person with a hedge or modal")
    elif lowers & _FIRST_PERSON and not in_quote:
        fire("first_person", "first person")
    if lemmas & _HEDGES:
        fire("hedge", "hedge: " + ", ".join(sorted(lemmas & _HEDGES)))
    if lowers & _EVALUATIVE and not quantities:
        fire("evaluative", "evaluative: " + ", ".join(sorted(lowers & _EVALUATIVE)))
    if _is_conditional(sent):
        fire("conditional", "conditional (if ...)")
    if _is_future(sent):
        fire("future", "about the future")
    if not named and not quantities and not any(t.start for t in times):
        fire("nothing_checkable", "no name, number or date to check")
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
