"""Fit how the model's probability and the linguistic signals combine into one score.

    python -m train.train_combiner [--shared DIR]

The check-worthiness model (train_scorer.py) is refitted with whole debate years held
out, so every training sentence gets an out-of-fold probability. A small logistic
regression over [logit(probability), fired signals] then learns the signal weights; its
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
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Span

from claims.attribution import attribute, inside_quotes, quoted_regions
from claims.detect import COMBINER_PATH, SIGNALS, Combiner, assess, read_signals
from claims.nlp import load_pipeline
from claims.quantities import extract_quantities
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
from train.train_scorer import fit, scores

THRESHOLDS = np.round(np.arange(0.15, 0.75, 0.01), 2)


def parts(span: Span) -> tuple[Any, ...]:
    """What detect.py reads of a lone sentence: quantities, times, attribution, quoting."""
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


def fit_combiner(p: np.ndarray, signals: np.ndarray, y: np.ndarray) -> Combiner:
    logit = np.log(np.clip(p, 1e-4, 1 - 1e-4) / (1 - np.clip(p, 1e-4, 1 - 1e-4)))
    x = np.column_stack([logit, signals])
    lr = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
    raw = lr.predict_proba(x)[:, 1]
    best = max(THRESHOLDS, key=lambda t: prf(y, (raw >= t).astype(int))[2])
    shift = math.log(best / (1 - best))
    weights = {name: round(float(w), 4) for name, w in zip(SIGNALS, lr.coef_[0][1:], strict=True)}
    return Combiner(
        weights=weights,
        bias=round(float(lr.intercept_[0]) - shift, 4),
        model_weight=round(float(lr.coef_[0][0]), 4),
    )


def decide(spans: Sequence[Span], p: np.ndarray, combiner: Combiner) -> np.ndarray:
    """The whole system's checkworthy flags, as `claimdesk score` computes them."""
    flags = []
    for span, probability in zip(spans, p, strict=True):
        assessment = assess(
            span, *parts(span), model_probability=float(probability), combiner=combiner
        )
        flags.append(assessment.checkworthy)
    return np.asarray(flags, dtype=int)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", help="the shared folder (default: ../shared)")
    args = parser.parse_args(argv)
    try:
        folder = claimbuster_dir(args.shared)
    except MissingData as exc:
        exit_missing(exc)
    train = read_corpus(folder / "crowdsourced.csv")
    started = time.time()
    docs = list(load_pipeline().pipe(train.texts, batch_size=256))
    spans = [doc[:] for doc in docs]
    names, dense = featurize(docs)
    signals = signal_matrix(spans)
    print(f"parsed and read signals of {len(docs)} sentences [{time.time() - started:.0f}s]")
    y, folds = train.labels, year_folds(train.years)
    oof = np.zeros(len(y))
    for k in range(N_FOLDS):
        tr, te = np.where(folds != k)[0], np.where(folds == k)[0]
        model = fit([names[i] for i in tr], dense[tr], y[tr])
        oof[te] = scores(model, [names[i] for i in te], dense[te])
    model_f1, system_f1 = [], []
    for k in range(N_FOLDS):
        tr, te = folds != k, np.where(folds == k)[0]
        combiner = fit_combiner(oof[tr], signals[tr], y[tr])
        model_f1.append(prf(y[te], (oof[te] >= 0.5).astype(int)))
        system_f1.append(prf(y[te], decide([spans[i] for i in te], oof[te], combiner)))
    for name, rows in (("model alone at 0.5", model_f1), ("claimdesk score", system_f1)):
        p, r, f = np.mean(np.asarray(rows), axis=0)
        per_fold = " ".join(f"{row[2]:.3f}" for row in rows)
        print(f"grouped CV {name}: P {p:.3f} R {r:.3f} F1 {f:.3f} (folds {per_fold})")
    combiner = fit_combiner(oof, signals, y)
    COMBINER_PATH.write_text(json.dumps(combiner.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {COMBINER_PATH}: {combiner}")


if __name__ == "__main__":
    main()
