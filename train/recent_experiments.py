"""Cheap ways to a better score on unseen debates, measured on the recent years.

    python -m train.recent_experiments [--shared DIR] [--encoder NPY]

Every figure is on ClaimBuster ``crowdsourced.csv`` sentences of 2012 and 2016
(``train.data.RECENT_YEARS``); every model is trained on the other years only, and the
encoder's log-odds come from ``train_encoder.py --hold-out`` (a model that never saw
those years). Writes nothing to the repository; prints one line per system:

- noisy labels (ClaimBuster's NFS -1 / UFS 0 / CFS 1): the spaCy-feature model and the
  TF-IDF baseline trained with short non-factual sentences dropped, the unimportant
  factual ones down-weighted or dropped, or (TF-IDF) on the three verdicts;
- each feature-model variant plugged into ``combiner-v1`` with the news signals, as the
  pipeline runs it;
- calibration and ensembles: the threshold, and the TF-IDF model's log-odds added to the
  combiner's with a weight, each chosen on one recent year and scored on the other
  (pooled), and at fixed weights chosen without the recent years' labels.

``F1 2012 / 2016`` are per year; ``AP`` (average precision) measures the ranking alone.
The spaCy parses are cached in ``train/out/parses-crowdsourced.pkl``.
"""

from __future__ import annotations

import argparse
import pickle
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

from claims.combiner import COMBINER_V1, SIGNALS, Combiner
from claims.nlp import load_pipeline
from claims.scorer import CheckworthinessModel
from train.compare import old_combiner
from train.data import (
    RECENT_YEARS,
    Corpus,
    MissingData,
    claimbuster_dir,
    exit_missing,
    featurize,
    held_out_mask,
    prf,
    read_corpus,
    sparse_matrix,
    tfidf_baseline,
)
from train.train_combiner import signal_matrix, type_vetoes
from train.train_encoder import RECENT_PATH
from train.train_scorer import MAX_DF, MIN_DF, C, scores

CACHE = Path(__file__).parent / "out" / "parses-crowdsourced.pkl"
SHORT = 5  # words: an NFS sentence this short carries little ("Thank you.", "Well, Jim.")
STRONG = 0.7


def parsed(corpus: Corpus, held: np.ndarray) -> dict[str, Any]:
    """spaCy features of every sentence, signals and type vetoes of the held-out ones."""
    if CACHE.is_file():
        with CACHE.open("rb") as f:
            cached: dict[str, Any] = pickle.load(f)
        if len(cached["names"]) == len(corpus.texts):
            return cached
    started = time.time()
    docs = list(load_pipeline().pipe(corpus.texts, batch_size=256))
    names, dense = featurize(docs)
    spans = [docs[i][:] for i in np.where(held)[0]]
    data = {
        "names": names,
        "dense": dense,
        "signals": signal_matrix(spans),
        "vetoed": type_vetoes(spans),
    }
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with CACHE.open("wb") as f:
        pickle.dump(data, f)
    print(f"parsed {len(docs)} sentences [{time.time() - started:.0f}s]", flush=True)
    return data


def fit_weighted(
    names: Sequence[Sequence[str]], dense: np.ndarray, y: np.ndarray, weight: np.ndarray | None
) -> CheckworthinessModel:
    """train_scorer.fit with per-sentence weights (same features, C, class balance)."""
    df = Counter(n for row in names for n in row)
    kept = sorted(n for n, k in df.items() if MIN_DF <= k <= MAX_DF * len(names))
    vocabulary = {n: i for i, n in enumerate(kept)}
    mean, scale = dense.mean(axis=0), dense.std(axis=0) + 1e-6
    x = sparse.hstack([sparse.csr_matrix((dense - mean) / scale), sparse_matrix(names, vocabulary)])
    lr = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
    lr.fit(x.tocsr(), y, sample_weight=weight)
    w = lr.coef_[0]
    return CheckworthinessModel(
        names=kept,
        weights=w[dense.shape[1] :],
        dense_mean=mean,
        dense_scale=scale,
        dense_weights=w[: dense.shape[1]],
        bias=float(lr.intercept_[0]),
        threshold=0.5,
    )


def logit(p: np.ndarray) -> np.ndarray:
    clipped = np.clip(p, 1e-4, 1 - 1e-4)
    return np.asarray(np.log(clipped / (1 - clipped)))


class Bench:
    """The held-out sentences, their signals and vetoes, and how each system is scored."""

    def __init__(self, y: np.ndarray, years: np.ndarray, signals: np.ndarray, vetoed: np.ndarray):
        self.y, self.years, self.signals, self.vetoed = y, years, signals, vetoed

    def log_odds(self, combiner: Combiner, p: np.ndarray, encoder: np.ndarray) -> np.ndarray:
        weights = np.asarray([combiner.weights.get(n, 0.0) for n in SIGNALS])
        return np.asarray(
            combiner.bias
            + self.signals @ weights
            + combiner.model_weight * logit(p)
            + combiner.encoder_weight * encoder
        )

    def flags(self, z: np.ndarray) -> np.ndarray:
        """Checkworthy at 0.5, type rules included (as claims.detect.assess decides)."""
        score = 1 / (1 + np.exp(-z))
        veto = np.where(score >= STRONG, self.vetoed[:, 1], self.vetoed[:, 0])
        return np.asarray((score >= 0.5) & ~veto, dtype=int)

    def report(self, name: str, flags: np.ndarray, ranking: np.ndarray | None = None) -> None:
        p, r, f = prf(self.y, flags)
        per_year = " / ".join(
            f"{prf(self.y[self.years == y], flags[self.years == y])[2]:.3f}" for y in RECENT_YEARS
        )
        ap = "" if ranking is None else f"{average_precision_score(self.y, ranking):.3f}"
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {per_year} | {ap} |", flush=True)

    def cross_year(self, name: str, z: np.ndarray, extra: np.ndarray) -> None:
        """z + w * extra + b, (w, b) chosen by system F1 on the other recent year."""
        out, chosen = np.zeros(len(self.y), dtype=int), []
        grid = [(w, b) for w in np.arange(0, 1.01, 0.1) for b in np.arange(-1.5, 1.51, 0.1)]
        for year in RECENT_YEARS:
            fit, test = self.years != year, self.years == year
            w, b = max(
                grid, key=lambda wb: prf(self.y[fit], self.flags(z + wb[0] * extra + wb[1])[fit])[2]
            )
            chosen.append(f"{w:.1f}, {b:+.1f}")
            out[test] = self.flags(z + w * extra + b)[test]
        self.report(f"{name} (w, b from the other year: {'; '.join(chosen)})", out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", help="the shared folder (default: ../shared)")
    parser.add_argument("--encoder", type=Path, default=RECENT_PATH, help="held-out log-odds")
    args = parser.parse_args(argv)
    try:
        corpus = read_corpus(claimbuster_dir(args.shared) / "crowdsourced.csv")
        held = held_out_mask(corpus.years, RECENT_YEARS)
        encoder_all = np.load(args.encoder)
    except MissingData as exc:
        exit_missing(exc)
    except OSError:
        exit_missing(MissingData(f"no recent-years encoder log-odds at {args.encoder}"))
    data = parsed(corpus, held)
    train, test = np.where(~held)[0], np.where(held)[0]
    names, dense, verdicts = data["names"], data["dense"], corpus.verdicts
    words = np.asarray([len(t.split()) for t in corpus.texts])
    y = corpus.labels[test]
    bench = Bench(y, np.asarray([corpus.years[i] for i in test]), data["signals"], data["vetoed"])
    encoder = encoder_all[held]
    new, old = Combiner.load(COMBINER_V1), old_combiner()
    print("| system | P | R | F1 | F1 " + " / ".join(RECENT_YEARS) + " | AP |")
    print("| --- | --- | --- | --- | --- | --- |")

    short_nfs = (verdicts == -1) & (words <= SHORT)
    selections: dict[str, tuple[np.ndarray, np.ndarray | None]] = {
        "binary (as shipped)": (train, None),
        f"NFS of <= {SHORT} words dropped": (train[~short_nfs[train]], None),
        "UFS weighted 0.5": (train, np.where(verdicts[train] == 0, 0.5, 1.0)),
        "UFS dropped": (train[verdicts[train] != 0], None),
    }
    bench.report("encoder alone at 0.5", (encoder >= 0).astype(int), encoder)
    p_base = np.zeros(len(y))
    for label, (rows, weight) in selections.items():
        model = fit_weighted([names[i] for i in rows], dense[rows], corpus.labels[rows], weight)
        p = scores(model, [names[i] for i in test], dense[test])
        bench.report(f"spaCy-feature model, {label}, alone", (p >= 0.5).astype(int), p)
        if label.startswith("binary"):
            p_base = p
            z = bench.log_odds(old, p, encoder)
            bench.report("old: combiner-v1 (spaCy-feature model binary)", bench.flags(z), z)
        z = bench.log_odds(new, p, encoder)
        bench.report(f"new: combiner-v1 + news, spaCy-feature model {label}", bench.flags(z), z)

    z_new = bench.log_odds(new, p_base, encoder)
    bench.cross_year("new, threshold only", z_new, np.zeros(len(y)))
    texts = [corpus.texts[i] for i in train]
    prior = float(logit(np.asarray(corpus.labels[train].mean())))
    tfidf_targets = {
        "binary": (corpus.labels[train], None),
        "UFS weighted 0.5": (corpus.labels[train], np.where(verdicts[train] == 0, 0.5, 1.0)),
        "three verdicts": (verdicts[train] + 1, None),
    }
    for label, (target, weight) in tfidf_targets.items():
        model = tfidf_baseline().fit(texts, target, lr__sample_weight=weight)
        pt = model.predict_proba([corpus.texts[i] for i in test])[:, -1]
        bench.report(f"TF-IDF + LR, {label}, alone", (pt >= 0.5).astype(int), pt)
        bench.cross_year(f"new + w * TF-IDF log-odds [{label}]", z_new, logit(pt))
        for w in (0.2, 0.4):
            z = z_new + w * (logit(pt) - prior)
            bench.report(
                f"new + {w} * (TF-IDF [{label}] log-odds - prior), no fit", bench.flags(z), z
            )


if __name__ == "__main__":
    main()
