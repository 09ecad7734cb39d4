"""`make eval`, the summary: the new system against the old one, on every data set we have.

- dev (ClaimBuster `groundtruth.csv`): debates the models trained on (it flatters);
  scored here.
- held-out years (6 folds of whole debate years): unseen debates, the first round's
  estimate; from the model card (training).
- recent years (2012 and 2016 held out): the newest unseen debates, the most like the
  test; from the model card (training).
- news-dev (12 Wikinews articles): the queue on news, P@10 and P@20 per article; scored
  here.

Held-out figures need the models retrained without the held-out years, which training
does (``train.train_combiner``; ``train.train_encoder --hold-out`` then
``train.recent_combiner``); they are read from the combiner files' ``metrics``. News
sentences are ranked by the queue's own priority (``claims.priority``, one appearance
each), so P@k is the order a reviewer works in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from claims.combiner import COMBINER_PATH, COMBINER_V1, COMBINER_V2, NEWS_WEIGHTS, Combiner
from claims.extract import Extractor
from claims.priority import priority
from train.data import Corpus, prf
from train.news_eval import MissingNewsGold, load_articles, precision_at, run_layout

OLD_COMBINER = COMBINER_V1
Figures = tuple[float, ...]


@dataclass(frozen=True)
class System:
    name: str
    extractor: Extractor
    metrics_key: str  # its row in the recent-years metrics (combiner-v2.json)
    first_round: bool = False  # the system the held-out-years figure was measured for


def old_combiner() -> Combiner:
    """combiner-v1 as it was fitted, without the news weights that came after it."""
    combiner = Combiner.load(OLD_COMBINER)
    weights = {k: v for k, v in combiner.weights.items() if k not in NEWS_WEIGHTS}
    return replace(combiner, weights=weights)


def systems(extractor: Extractor) -> list[System]:
    """The configured system and the first round's (same encoder and model, combiner-v1)."""
    key = "combiner-v1 with the news signals" if COMBINER_PATH == OLD_COMBINER else "combiner-v2"
    new = System(f"new: {key.replace('with the', '+')}", extractor, key)
    old = System(
        "old: combiner-v1", replace(extractor, combiner=old_combiner()), "combiner-v1", True
    )
    return [new, old]


def metrics(path: Path) -> Mapping[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found = data.get("metrics", {}) if isinstance(data, dict) else {}
    return found if isinstance(found, dict) else {}


def recorded(system: System, kind: str) -> Figures | None:
    """A training-time figure from the combiner files: (P, R, F1) or None."""
    if kind == "held-out years":
        row = metrics(COMBINER_V1).get(kind) if system.first_round else None
    else:
        rows = metrics(COMBINER_V2).get(kind)
        row = rows.get(f"claimdesk, {system.metrics_key}") if isinstance(rows, dict) else None
    return tuple(float(v) for v in row) if isinstance(row, list) else None


def dev_figures(system: System, dev: Corpus) -> Figures:
    flags = np.array([c.checkworthy for c in system.extractor.score_lines(dev.texts)])
    return prf(dev.labels, flags.astype(int))


def news_figures(system: System, articles: Sequence[Any]) -> Figures:
    """P, R, F1 of the queue over gold sentences; P@10 and P@20 per article, averaged."""
    results = run_layout(system.extractor, articles, "dateline")
    gold, flagged, at10, at20 = [], [], [], []
    for aligned in results.values():
        gold += [bool(a.gold["checkworthy"]) for a in aligned]
        flagged += [a.claim is not None and a.claim.checkworthy for a in aligned]
        ranked = sorted(
            aligned,
            key=lambda a: -priority(a.claim.score, a.claim.type, 1) if a.claim else 1.0,
        )
        labels = [bool(a.gold["checkworthy"]) for a in ranked]
        at10.append(precision_at(labels, 10))
        at20.append(precision_at(labels, 20))
    p, r, f = prf(np.asarray(gold, dtype=int), np.asarray(flagged, dtype=int))
    return p, r, f, float(np.mean(at10)), float(np.mean(at20))


def cells(figures: Figures | None, width: int) -> str:
    if figures is None:
        return " | ".join(["not measured", *[""] * (width - 1)])
    values = [f"{v:.3f}" for v in figures] + ["–"] * (width - len(figures))
    return " | ".join(values)


def summary(extractor: Extractor, dev: Corpus) -> None:
    """Print the old-against-new table of the module docstring."""
    try:
        articles: list[Any] | None = load_articles()
    except MissingNewsGold as exc:
        print(f"(news-dev skipped: {exc})")
        articles = None
    print("\n## Old and new system\n")
    print("| data | system | P | R | F1 | P@10 | P@20 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for kind in ("dev", "held-out years", "recent years", "news-dev"):
        for system in systems(extractor):
            if kind == "dev":
                figures: Figures | None = dev_figures(system, dev)
            elif kind == "news-dev":
                figures = news_figures(system, articles) if articles is not None else None
            else:
                figures = recorded(system, kind)
            print(f"| {kind} | {system.name} | {cells(figures, 5)} |")
