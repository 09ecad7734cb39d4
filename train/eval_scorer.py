"""Score the committed check-worthiness model and the baselines on ClaimBuster dev.

    python -m train.eval_scorer [--shared DIR] [--model FILE] [--bench N]

Prints precision, recall and F1 of the positive class on groundtruth.csv for the
committed model (through its runtime ``predict``), the TF-IDF baseline (trained here on
crowdsourced.csv) and the digits rule. With ``--bench N`` it also times scoring N
sentences against bare ``nlp.pipe``. Writes nothing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import spacy

from claims.scorer import MODEL_PATH, CheckworthinessModel
from train.data import (
    SPACY_MODEL,
    MissingData,
    digits_rule,
    exit_missing,
    prf,
    read_claimbuster,
    tfidf_baseline,
)


def bench(texts: list[str], repeats: int = 3) -> tuple[float, float]:
    """Best-of-``repeats`` CPU seconds for bare ``nlp.pipe`` and for pipe + ``predict``.

    CPU time of this process, not wall time, so other work on the machine does not skew
    the ratio; the runs alternate so drift hits both alike.
    """
    nlp = spacy.load(SPACY_MODEL)
    model = CheckworthinessModel.load()
    list(nlp.pipe(texts[:200]))  # warm up
    bare, scored = [], []
    for _ in range(repeats):
        t0 = time.process_time()
        list(nlp.pipe(texts, batch_size=256))
        bare.append(time.process_time() - t0)
        t0 = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=256))
        model.predict([doc[:] for doc in docs])
        scored.append(time.process_time() - t0)
    return min(bare), min(scored)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared", help="the shared folder (default: $CLAIMDESK_SHARED, ../shared)"
    )
    parser.add_argument("--model", type=Path, default=MODEL_PATH, help="model file to score")
    parser.add_argument("--no-tfidf", action="store_true", help="skip training the TF-IDF baseline")
    parser.add_argument("--bench", type=int, default=0, metavar="N", help="time N sentences")
    args = parser.parse_args(argv)
    try:
        train, dev = read_claimbuster(args.shared)
    except MissingData as exc:
        exit_missing(exc)
    model = CheckworthinessModel.load(args.model)
    nlp = spacy.load(SPACY_MODEL)
    docs = list(nlp.pipe(dev.texts, batch_size=256))
    probs = np.asarray([p.probability for p in model.predict([d[:] for d in docs])])
    rows = {f"checkworthiness-v1 (threshold {model.threshold:.2f})": (probs >= model.threshold)}
    if not args.no_tfidf:
        rows["baseline: TF-IDF + logistic regression"] = (
            tfidf_baseline().fit(train.texts, train.labels).predict(dev.texts) == 1
        )
    rows["baseline: digit or quantity word"] = digits_rule(dev.texts) == 1
    print(f"dev: {len(dev.texts)} sentences, {int(dev.labels.sum())} check-worthy")
    for name, pred in rows.items():
        p, r, f = prf(dev.labels, pred.astype(int))
        print(f"{name:45s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    if args.bench:
        texts = (train.texts * (1 + args.bench // len(train.texts)))[: args.bench]
        bare, scored = bench(texts)
        print(
            f"{args.bench} sentences: nlp.pipe {bare:.2f} CPU s, "
            f"pipe + predict {scored:.2f} CPU s, "
            f"ratio {scored / bare:.3f}"
        )


if __name__ == "__main__":
    main()
