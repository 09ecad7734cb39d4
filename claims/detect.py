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
    NEWS_PRIOR,
    RULE_WEIGHTS,
    RULES_ONLY,
    SIGNALS,
    Combiner,
    sigmoid,
)
from claims.model import Assessment, Quantity, TimeSpan
from claims.priority import priority
from claims.reasons import explain, features
from claims.signals import NEVER_QUEUED, Signal, classify, read_signals
from claims.typing_model import retype

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
    model_features: tuple[tuple[str, float], ...] = (),
    threshold: float = DEFAULT_THRESHOLD,
    combiner: Combiner = RULES_ONLY,
    encoder_log_odds: float | None = None,
    in_article: bool = False,
) -> Assessment:
    """Score one sentence and give it a type, the reasons for both and the features.

    A sentence ``in_article`` (extracted from a document, not a `score` line) starts
    NEWS_PRIOR higher; its type is read from the score without that shift, so the
    shift never turns an opinion or a prediction into a claim."""
    signals = read_signals(sent, quantities, times, attribution, in_quote)
    log_odds = combiner.log_odds((s.name for s in signals), model_probability, encoder_log_odds)
    score = sigmoid(log_odds + (NEWS_PRIOR if in_article else 0.0))
    fired = {s.name for s in signals}
    claim_type = classify(
        sent, fired, quantities, sigmoid(log_odds), combiner.strong, in_article=in_article
    )
    if in_article:  # news: the annotators' habits, learned (claims/typing_model.py)
        claim_type = retype(sent, claim_type, fired, quantities)
    if claim_type in NEVER_QUEUED:
        # Never queued: keep the score under the threshold so the ranking agrees.
        score = min(score, threshold * 0.9)
    score = round(score, 4)
    reading = None if encoder_log_odds is None else sigmoid(encoder_log_odds)
    checkworthy = score >= threshold
    return Assessment(
        score,
        checkworthy,
        claim_type,
        explain(signals, checkworthy, claim_type, reading),
        features(signals, combiner.weights, model_probability, model_features, reading),
    )
