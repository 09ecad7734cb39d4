"""How the combiner is fitted: the threshold accounts for the type rules."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claims.combiner import NEWS_WEIGHTS, SIGNALS, Combiner
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


def test_news_weights_stay_fixed_whatever_the_debates_say() -> None:
    """Debates carry few reported plans or characterisations: their weights are not fitted."""
    p, encoder, signals, y = synthetic()
    column = SIGNALS.index("stance")
    signals[y == 1, column] = 1.0  # on this data "stance" would look like a positive sign
    combiner = fit_combiner(p, encoder, signals, np.zeros((len(y), 2), dtype=bool), y)
    assert {k: combiner.weights[k] for k in NEWS_WEIGHTS} == NEWS_WEIGHTS
    assert set(combiner.weights) == set(SIGNALS)


def test_a_combiner_file_without_news_weights_gets_them(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"weights": {"quantity": 0.5}, "bias": 0.1, "model_weight": 0.2}')
    combiner = Combiner.load(path)
    assert combiner.weights["quantity"] == 0.5
    assert combiner.weights["stance"] == NEWS_WEIGHTS["stance"]


def test_recent_years_are_held_out_whole(tmp_path: Path) -> None:
    from train.data import MissingData, held_out_mask, read_corpus

    path = tmp_path / "c.csv"
    path.write_text(
        "Text,File_id,Verdict\nA.,2012-10-03.txt,1\nB.,2008-10-07.txt,0\nC.,2016-09-26.txt,-1\n"
    )
    corpus = read_corpus(path)
    assert corpus.labels.tolist() == [1, 0, 0]
    assert corpus.verdicts.tolist() == [1, 0, -1]
    assert held_out_mask(corpus.years, ("2012", "2016")).tolist() == [True, False, True]
    with pytest.raises(MissingData, match="2020"):
        held_out_mask(corpus.years, ("2020",))
