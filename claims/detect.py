"""Check-worthiness: a score in [0, 1], a claim type and the reasons behind both.

The score combines the trained models' readings (claims/scorer.py, claims/encoder.py,
when given) with linguistic signals read from the spaCy parse (claims/signals.py),
weighed by the combiner (claims/combiner.py). Opinions, questions, predictions and
fragments are never checkworthy, whatever numbers they hold.
"""

from __future__ import annotations

from spacy.tokens import Span

from claims.attribution import Attribution
from claims.combiner import (
    COMBINER_PATH,
    DEFAULT_THRESHOLD,
    RULE_WEIGHTS,
    RULES_ONLY,
    SIGNALS,
    Combiner,
    sigmoid,
)
from claims.model import Assessment, Quantity, TimeSpan
from claims.priority import priority
from claims.signals import NEVER_QUEUED, Signal, classify, read_signals

__all__ = [
    "COMBINER_PATH",
    "DEFAULT_THRESHOLD",
    "NEVER_QUEUED",
    "RULES_ONLY",
    "RULE_WEIGHTS",
    "SIGNALS",
    "Combiner",
    "Signal",
    "assess",
    "classify",
    "priority",
    "read_signals",
]


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
    log_odds = combiner.log_odds((s.name for s in signals), model_probability, encoder_log_odds)
    score = sigmoid(log_odds)
    claim_type = classify(sent, {s.name for s in signals}, quantities, score, combiner.strong)
    reasons = [
        f"{'+' if w >= 0 else '-'} {s.reason}"
        for s, w in sorted(weighted, key=lambda x: -abs(x[1]))
    ]
    if model_probability is not None:
        reasons.insert(0, f"model {model_probability:.2f}")
        reasons.extend(model_reasons)
    if encoder_log_odds is not None:
        reading = sigmoid(encoder_log_odds)
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
