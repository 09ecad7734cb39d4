"""Fit how the model's probability and the linguistic signals combine into one score.

    python -m train.train_combiner [--shared DIR]

The check-worthiness model (train_scorer.py) is refitted with whole debate years held
out, so every training sentence gets an out-of-fold probability; the sentence encoder's
out-of-fold log-odds come from ``train_encoder.py --cv`` (train/out/encoder-oof.npy).
A small logistic regression over [logit(probability), encoder log-odds, fired signals]
then learns the weights; its
bias is shifted so the threshold that maximises F1 sits at 0.5. The same procedure run
inside the folds gives an honest estimate for the whole system, type rules included
(opinions, predictions and questions are never checkworthy). Writes
claims/models/combiner-v1.json and prints the estimate.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Span

from claims.attribution import attribute, inside_quotes, quoted_regions
from claims.combiner import COMBINER_V1, FITTED_SIGNALS, NEWS_WEIGHTS, SIGNALS, Combiner
from claims.detect import assess
from claims.nlp import load_pipeline
from claims.quantities import extract_quantities
from claims.signals import NEVER_QUEUED, classify, read_signals
from claims.timeexpr import extract_times
from train.data import (
    N_FOLDS,
    MissingData,
    claimbuster_dir,
    exit_missing,
    featurize,
    prf,
    read_corpus,
    year_folds,
)
from train.train_encoder import OOF_PATH
from train.train_scorer import fit, scores

THRESHOLDS = np.round(np.arange(0.15, 0.75, 0.01), 2)
# Above this score, hedges and evaluative words no longer make a sentence an opinion
# ("I think we lost two million jobs" is checkable); predictions and first-person
# hypotheticals stay unqueued whatever the score. 0.6 and 0.7 scored alike on held-out
# debate years; 0.7 queues fewer opinions.
STRONG = 0.7


def parts(span: Span) -> tuple[Any, ...]:
    """What claims/signals.py reads of a lone sentence: quantities, times, attribution, quoting."""
    return (
        tuple(extract_quantities(span)),
        tuple(extract_times(span, None)),
        attribute(span, None),
        inside_quotes(span, quoted_regions(span.doc.text)),
    )


def signal_matrix(spans: Sequence[Span]) -> np.ndarray:
    """One row per sentence: 1 where a signal fires (columns in SIGNALS order)."""
    rows = np.zeros((len(spans), len(SIGNALS)))
    column = {name: i for i, name in enumerate(SIGNALS)}
    for i, span in enumerate(spans):
        for signal in read_signals(span, *parts(span)):
            rows[i, column[signal.name]] = 1.0
    return rows


def type_vetoes(spans: Sequence[Span]) -> np.ndarray:
    """Per sentence: [never checkworthy by type below ``STRONG``, and at or above it]."""
    rows = np.zeros((len(spans), 2), dtype=bool)
    for i, span in enumerate(spans):
        quantities, times, attribution, in_quote = parts(span)
        fired = {s.name for s in read_signals(span, quantities, times, attribution, in_quote)}
        for column, score in enumerate((0.0, 1.0)):
            rows[i, column] = classify(span, fired, quantities, score, STRONG) in NEVER_QUEUED
    return rows


def fit_combiner(
    p: np.ndarray,
    encoder: np.ndarray,
    signals: np.ndarray,
    vetoed: np.ndarray,
    y: np.ndarray,
    fixed_weights: Mapping[str, float] = NEWS_WEIGHTS,
) -> Combiner:
    """Fit the weights, then put the threshold where the whole system's F1 is best.

    ``signals`` has one column per name in SIGNALS; the news signals keep their fixed
    weights (``fixed_weights``, by default NEWS_WEIGHTS) and the rest are fitted. The
    type rules drop some sentences the score alone would flag, so the best threshold for
    the system, rules included, sits lower than the best one for the score alone.
    """
    fitted = [SIGNALS.index(name) for name in FITTED_SIGNALS]
    fixed = signals @ np.asarray([fixed_weights.get(name, 0.0) for name in SIGNALS])
    x = np.column_stack([_logit(p), encoder, signals[:, fitted]])
    lr = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
    raw_logit = lr.decision_function(x) + fixed
    raw = 1 / (1 + np.exp(-raw_logit))

    def system_f1(threshold: float) -> float:
        score = 1 / (1 + np.exp(-(raw_logit - _logit(np.asarray(threshold)))))
        veto = np.where(score >= STRONG, vetoed[:, 1], vetoed[:, 0])
        return prf(y, ((raw >= threshold) & ~veto).astype(int))[2]

    best = max(THRESHOLDS, key=system_f1)
    shift = math.log(best / (1 - best))
    weights = {
        name: round(float(w), 4) for name, w in zip(FITTED_SIGNALS, lr.coef_[0][2:], strict=True)
    }
    return Combiner(
        weights=weights | {name: fixed_weights.get(name, 0.0) for name in NEWS_WEIGHTS},
        bias=round(float(lr.intercept_[0]) - shift, 4),
        model_weight=round(float(lr.coef_[0][0]), 4),
        encoder_weight=round(float(lr.coef_[0][1]), 4),
        strong=STRONG,
    )


def _logit(p: np.ndarray) -> np.ndarray:
    clipped = np.clip(p, 1e-4, 1 - 1e-4)
    return np.asarray(np.log(clipped / (1 - clipped)))


def decide(
    spans: Sequence[Span], p: np.ndarray, encoder: np.ndarray, combiner: Combiner
) -> np.ndarray:
    """The whole system's checkworthy flags, as `claimdesk score` computes them."""
    flags = []
    for span, probability, log_odds in zip(spans, p, encoder, strict=True):
        assessment = assess(
            span,
            *parts(span),
            model_probability=float(probability),
            combiner=combiner,
            encoder_log_odds=float(log_odds),
        )
        flags.append(assessment.checkworthy)
    return np.asarray(flags, dtype=int)


def read_encoder_oof(n: int) -> np.ndarray:
    """The encoder's out-of-fold log-odds, one per crowdsourced.csv row."""
    try:
        oof = np.load(OOF_PATH)
    except OSError as exc:
        raise MissingData(
            f"no out-of-fold encoder scores at {OOF_PATH}: run python -m train.train_encoder --cv"
        ) from exc
    if oof.shape != (n,):
        raise MissingData(f"{OOF_PATH} holds {oof.shape[0]} scores for {n} sentences: rerun --cv")
    return np.asarray(oof, dtype=np.float64)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", help="the shared folder (default: ../shared)")
    args = parser.parse_args(argv)
    try:
        train = read_corpus(claimbuster_dir(args.shared) / "crowdsourced.csv")
        encoder = read_encoder_oof(len(train.texts))
    except MissingData as exc:
        exit_missing(exc)
    started = time.time()
    docs = list(load_pipeline().pipe(train.texts, batch_size=256))
    spans = [doc[:] for doc in docs]
    names, dense = featurize(docs)
    signals, vetoed = signal_matrix(spans), type_vetoes(spans)
    print(f"parsed and read signals of {len(docs)} sentences [{time.time() - started:.0f}s]")
    y, folds = train.labels, year_folds(train.years)
    oof = np.zeros(len(y))
    for k in range(N_FOLDS):
        tr, te = np.where(folds != k)[0], np.where(folds == k)[0]
        model = fit([names[i] for i in tr], dense[tr], y[tr])
        oof[te] = scores(model, [names[i] for i in te], dense[te])
    model_f1, encoder_f1, system_f1 = [], [], []
    for k in range(N_FOLDS):
        tr, te = folds != k, np.where(folds == k)[0]
        combiner = fit_combiner(oof[tr], encoder[tr], signals[tr], vetoed[tr], y[tr])
        model_f1.append(prf(y[te], (oof[te] >= 0.5).astype(int)))
        encoder_f1.append(prf(y[te], (encoder[te] >= 0).astype(int)))
        flags = decide([spans[i] for i in te], oof[te], encoder[te], combiner)
        system_f1.append(prf(y[te], flags))
    estimates = {
        "claimdesk score (encoder + model + signals + type rules)": system_f1,
        "encoder alone at 0.5": encoder_f1,
        "spaCy-feature model alone at 0.5": model_f1,
    }
    lines = ["| system | P | R | F1 | F1 per fold |", "| --- | --- | --- | --- | --- |"]
    for name, rows in estimates.items():
        p, r, f = np.mean(np.asarray(rows), axis=0)
        per_fold = " ".join(f"{row[2]:.3f}" for row in rows)
        print(f"grouped CV {name}: P {p:.3f} R {r:.3f} F1 {f:.3f} (folds {per_fold})")
        lines.append(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {per_fold} |")
    combiner = fit_combiner(oof, encoder, signals, vetoed, y)
    held_out = [round(float(v), 3) for v in np.mean(np.asarray(system_f1), axis=0)]
    record = combiner.to_dict() | {"metrics": {"held-out years": held_out}}
    COMBINER_V1.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    card = COMBINER_V1.with_suffix(".md")
    card.write_text(model_card(combiner, "\n".join(lines), len(y)), encoding="utf-8")
    print(f"wrote {COMBINER_V1} and {card}: {combiner}")


def model_card(combiner: Combiner, estimates: str, n: int) -> str:
    weights = ", ".join(f"{name} {w:+.2f}" for name, w in combiner.weights.items())
    return f"""# combiner-v1

How `claims/combiner.py` turns the two models and the linguistic signals into one score:
`score = sigmoid(bias + model_weight * logit(p) + encoder_weight * encoder log-odds + sum
(weights of the signals that fire))`, with the bias shifted so that the threshold sits at
0.5. Then the type rules: predictions, first-person hypotheticals, questions and
fragments are never checkworthy; hedges and evaluative words make an opinion (not
checkworthy) only while the score is under `strong` ({combiner.strong}).

- Data: ClaimBuster `crowdsourced.csv` ({n} sentences). The spaCy-feature model
  (`checkworthiness-v1`) is refitted with whole debate years held out (6 folds) and the
  encoder (`encoder-v1`) comes from `train_encoder.py --cv` on the same folds, so every
  sentence has out-of-fold scores from both. A logistic regression (C=1.0) over
  [logit(p), encoder log-odds, {len(combiner.weights)} signal indicators] is fitted on
  those; the threshold is the one where the whole system, type rules included, has the
  best F1 of the positive class on the same scores.
- Weights: model {combiner.model_weight:+.2f}, encoder {combiner.encoder_weight:+.2f},
  bias {combiner.bias:+.2f}; signals: {weights}.

## Held-out debate years

Each fold's combiner fitted on the other folds' out-of-fold scores; every figure is on
sentences of debate years that no part of the system saw in training:

{estimates}

Reproduce with `python -m train.train_combiner` (after `train.train_scorer` and
`train.train_encoder --cv`; `make train` runs all three). It reads `../shared` and exits
with one line when the data is absent.
"""


if __name__ == "__main__":
    main()
