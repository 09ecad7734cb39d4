"""Queue order of a checkworthy claim (pure: no spaCy, so ``db/`` imports it directly)."""

from __future__ import annotations

import math

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
