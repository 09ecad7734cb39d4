"""`make eval`: how well claimdesk scores check-worthiness, end to end. Writes nothing.

- ClaimBuster dev (groundtruth.csv): precision, recall and F1 of the positive class for
  the whole system (`claimdesk score`: encoder + model + signals + type rules), the
  encoder and the model alone, rules alone, and the TF-IDF and digits baselines; then
  the confusion of claim types against the labels.
- The seed article against its gold expectations (../shared/gold/seed-claims.json).
- News articles against ../shared/gold/news-dev.jsonl (train/news_eval.py), then against
  our own labels of articles outside it (train/labels/: three analysis sets, then the held-out
  and blind sets).
- The new system against the old one: dev, held-out years, recent years, news-dev
  (train/compare.py).
"""

from __future__ import annotations

import sys
from collections import Counter

import numpy as np

from claims.extract import Extractor, load_extractor
from claims.reading import read_file
from claims.scorer import CheckworthinessModel
from tests.helpers import GOLD_FILE, SEED_FILE, false_flags, gold_failures, load_gold
from train.compare import summary
from train.data import (
    MissingData,
    digits_rule,
    exit_missing,
    prf,
    read_claimbuster,
    tfidf_baseline,
)
from train.news_eval import evaluate_news, evaluate_our_labels


def row(name: str, y: np.ndarray, predicted: np.ndarray) -> str:
    p, r, f = prf(y, predicted.astype(int))
    return f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} |"


def evaluate_dev(extractor: Extractor, model: CheckworthinessModel) -> None:
    try:
        train, dev = read_claimbuster()
    except MissingData as exc:
        exit_missing(exc)
    claims = list(extractor.score_lines(dev.texts))
    docs = list(extractor.nlp.pipe(dev.texts, batch_size=256))
    probabilities = np.array([p.probability for p in model.predict([d[:] for d in docs])])
    flagged = np.array([c.checkworthy for c in claims])
    rules_only = Extractor(nlp=extractor.nlp)
    rules = np.array([c.checkworthy for c in rules_only.score_lines(dev.texts)])
    print(f"## ClaimBuster dev: {len(dev.texts)} sentences, {int(dev.labels.sum())} check-worthy\n")
    print("| system | P | R | F1 |\n| --- | --- | --- | --- |")
    print(row("claimdesk (encoder + model + signals + types)", dev.labels, flagged))
    print(
        row(f"model alone at {model.threshold:.2f}", dev.labels, probabilities >= model.threshold)
    )
    if extractor.encoder is not None:
        print(row("encoder alone at 0.5", dev.labels, extractor.encoder.log_odds(dev.texts) >= 0))
    print(row("rules alone (no model)", dev.labels, rules))
    tfidf = tfidf_baseline().fit(train.texts, train.labels).predict(dev.texts)
    print(row("baseline: TF-IDF + logistic regression", dev.labels, tfidf == 1))
    print(row("baseline: digit or quantity word", dev.labels, digits_rule(dev.texts)))
    print("\n## Claim types on dev (label 1 = check-worthy factual sentence)\n")
    print("| type | sentences | label 1 | flagged | flagged and label 1 |")
    print("| --- | --- | --- | --- | --- |")
    by_type: Counter[str] = Counter()
    positive: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    for claim, label in zip(claims, dev.labels, strict=True):
        by_type[claim.type] += 1
        positive[claim.type] += int(label)
        flags[claim.type] += int(claim.checkworthy)
        hits[claim.type] += int(claim.checkworthy and label)
    for kind, count in by_type.most_common():
        print(f"| {kind} | {count} | {positive[kind]} | {flags[kind]} | {hits[kind]} |")


def evaluate_seed(extractor: Extractor) -> None:
    print("\n## Seed article gold\n")
    gold = load_gold()
    if gold is None:
        print(f"- skipped: {GOLD_FILE} is absent")
        return
    [(_, claims)] = list(extractor.extract([read_file(SEED_FILE)]))
    found = [c.as_dict() for c in claims]
    failures = gold_failures(found, gold)
    missed = {f.split(":")[0] for f in failures}
    print(
        f"- must find: {len(gold['must_find']) - len(missed)}/{len(gold['must_find'])} "
        "found checkworthy with every quantity, date and speaker/source"
    )
    print(f"- must not flag: {len(false_flags(found, gold))}/{len(gold['must_not_flag'])} flagged")
    for failure in failures:
        print(f"  - {failure}")


def main() -> None:
    extractor = load_extractor()
    assert extractor.model is not None
    evaluate_dev(extractor, extractor.model)
    evaluate_seed(extractor)
    evaluate_news(extractor)
    evaluate_our_labels(extractor)
    try:
        _, dev = read_claimbuster()
    except MissingData as exc:
        exit_missing(exc)
    summary(extractor, dev)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
