"""How the combiner is fitted: the threshold accounts for the type rules."""

from __future__ import annotations

import numpy as np

from claims.combiner import SIGNALS
from train.train_combiner import STRONG, fit_combiner


def synthetic(n: int = 4000) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, n)
    encoder = rng.normal(2.0 * y - 1.0, 1.5)
    return np.full(n, 0.5), encoder, np.zeros((n, len(SIGNALS))), y


def test_the_threshold_drops_when_type_rules_veto_weak_scores() -> None:
    """Rules that veto a quarter of the sentences below STRONG cost recall; the fitted
    threshold moves down (the bias up) so the whole system's F1 is best again."""
    p, encoder, signals, y = synthetic()
    free = np.zeros((len(y), 2), dtype=bool)
    vetoed = free.copy()
    vetoed[: len(y) // 4, 0] = True  # vetoed only while the score is under STRONG
    plain = fit_combiner(p, encoder, signals, free, y)
    ruled = fit_combiner(p, encoder, signals, vetoed, y)
    assert plain.encoder_weight > 0 and plain.strong == STRONG
    assert ruled.bias > plain.bias
    assert ruled.encoder_weight == plain.encoder_weight  # the weights do not move


def test_without_vetoes_the_threshold_sits_where_f1_is_best() -> None:
    p, encoder, signals, y = synthetic()
    combiner = fit_combiner(p, encoder, signals, np.zeros((len(y), 2), dtype=bool), y)
    log_odds = combiner.bias + combiner.encoder_weight * encoder

    def f1(shift: float) -> float:
        flagged = log_odds + shift >= 0
        tp = float(np.sum(flagged & (y == 1)))
        return 2 * tp / (float(flagged.sum()) + float(y.sum()))

    assert f1(0.0) >= max(f1(-0.5), f1(0.5))
