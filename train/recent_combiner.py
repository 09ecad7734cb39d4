"""Fit the score combiner on the most recent debate years, which no model part trained on.

    python -m train.recent_combiner [--shared DIR] [--encoder NPY] [--out JSON]

The newest debates (2012 and 2016, ``train.data.RECENT_YEARS``) are the hardest and the
most like the debates and news claimdesk meets. The encoder's log-odds for them come from
``train_encoder.py --hold-out`` (a model that never saw those years); the spaCy-feature
model is refitted here on the other years. On those held-out scores:

- **estimate**: the combiner is fitted on one recent year and scored on the other, both
  ways, and the two halves pooled (P, R, F1 of the positive class, type rules included);
  the same for the encoder and the spaCy-feature model alone, and for ``combiner-v1``
  (fitted on the grouped-year out-of-fold scores of ``train_combiner.py``) as it is;
- **the combiner**: fitted on both recent years, written to ``--out`` with its card and
  the estimate (``metrics``, which ``make eval`` prints).

The pipeline runs it with the encoder and the spaCy-feature model trained on all years.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Span

from claims.combiner import COMBINER_V1, COMBINER_V2, NEWS_WEIGHTS, Combiner
from claims.nlp import load_pipeline
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
)
from train.train_combiner import decide, fit_combiner, signal_matrix, type_vetoes
from train.train_encoder import RECENT_PATH
from train.train_scorer import fit, scores

OUT = COMBINER_V2
Row = tuple[float, float, float]


@dataclass
class Recent:
    """The recent-years sentences with every held-out score the combiner needs."""

    spans: list[Span]
    p: np.ndarray  # spaCy-feature model probability
    encoder: np.ndarray  # encoder log-odds
    signals: np.ndarray
    vetoed: np.ndarray
    y: np.ndarray
    years: np.ndarray


def recent_scores(corpus: Corpus, encoder_path: Path) -> Recent:
    """Held-out encoder log-odds, spaCy-model probabilities, signals and vetoes."""
    held = held_out_mask(corpus.years, RECENT_YEARS)
    try:
        encoder = np.load(encoder_path)
    except OSError as exc:
        raise MissingData(
            f"no recent-years encoder scores at {encoder_path}: "
            "run python -m train.train_encoder --hold-out"
        ) from exc
    if encoder.shape != held.shape or np.isnan(encoder[held]).any():
        raise MissingData(f"{encoder_path} does not hold log-odds for the recent years")
    started = time.time()
    docs = list(load_pipeline().pipe(corpus.texts, batch_size=256))
    names, dense = featurize(docs)
    train = np.where(~held)[0]
    model = fit([names[i] for i in train], dense[train], corpus.labels[train])
    idx = np.where(held)[0]
    spans = [docs[i][:] for i in idx]
    print(f"parsed {len(docs)} sentences, refitted the model [{time.time() - started:.0f}s]")
    return Recent(
        spans=spans,
        p=scores(model, [names[i] for i in idx], dense[idx]),
        encoder=encoder[held],
        signals=signal_matrix(spans),
        vetoed=type_vetoes(spans),
        y=corpus.labels[held],
        years=np.asarray([corpus.years[i] for i in idx]),
    )


def estimate(data: Recent) -> tuple[dict[str, Row], dict[str, dict[str, Row]]]:
    """Pooled and per-year P/R/F1 of each system on the recent years."""
    spans, p, enc, sig, vet = data.spans, data.p, data.encoder, data.signals, data.vetoed
    y, years = data.y, data.years
    flags: dict[str, np.ndarray] = {
        "claimdesk, combiner-v2 (fitted on the other recent year)": np.zeros(len(y), dtype=int),
        "claimdesk, combiner-v1": decide(spans, p, enc, old_combiner()),
        "claimdesk, combiner-v1 with the news signals": decide(
            spans, p, enc, Combiner.load(COMBINER_V1)
        ),
        "encoder alone at 0.5": (enc >= 0).astype(int),
        "spaCy-feature model alone at 0.5": (p >= 0.5).astype(int),
    }
    new = next(iter(flags))
    plain = "claimdesk, combiner-v2 without the news signals"
    flags[plain] = np.zeros(len(y), dtype=int)
    for year in RECENT_YEARS:
        this, other = years == year, years != year
        chosen = np.where(this)[0]
        for name, fixed in ((new, NEWS_WEIGHTS), (plain, {})):
            combiner = fit_combiner(p[other], enc[other], sig[other], vet[other], y[other], fixed)
            flags[name][chosen] = decide([spans[i] for i in chosen], p[this], enc[this], combiner)
    pooled = {name: prf(y, f) for name, f in flags.items()}
    per_year = {
        name: {year: prf(y[years == year], f[years == year]) for year in RECENT_YEARS}
        for name, f in flags.items()
    }
    return pooled, per_year


def card(
    combiner: Combiner, pooled: dict[str, Row], per_year: dict[str, dict[str, Row]], n: int
) -> str:
    lines = [
        "| system | P | R | F1 | F1 " + " / ".join(RECENT_YEARS) + " |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, (p, r, f) in pooled.items():
        years = " / ".join(f"{per_year[name][y][2]:.3f}" for y in RECENT_YEARS)
        lines.append(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {years} |")
    weights = ", ".join(f"{name} {w:+.2f}" for name, w in combiner.weights.items())
    v2 = next(f for name, (_, _, f) in pooled.items() if "combiner-v2 (" in name)
    v1 = pooled["claimdesk, combiner-v1"][2]
    verdict = (
        f"**Not the pipeline's combiner**: on the recent years it scored F1 {v2:.3f}, below\n"
        f"combiner-v1's {v1:.3f}, so `claims/combiner.py` keeps combiner-v1 (with the news\n"
        "weights). This file records the recent-years figures that `make eval` prints."
        if v2 <= v1
        else f"On the recent years it scored F1 {v2:.3f} against combiner-v1's {v1:.3f}."
    )
    return f"""# combiner-v2

{verdict}

How `claims/combiner.py` weighs the sentence encoder, the spaCy-feature model and the
linguistic signals into one score: `score = sigmoid(bias + model_weight * logit(p) +
encoder_weight * encoder log-odds + sum(weights of the signals that fire))`, the bias
shifted so that the threshold sits at 0.5; then the type rules (predictions, first-person
hypotheticals, questions, fragments are never checkworthy; hedges and evaluative words
make an opinion only under `strong`, {combiner.strong}).

Fitted on the most recent debate years ({", ".join(RECENT_YEARS)}; {n} sentences of
ClaimBuster `crowdsourced.csv`), scored by an encoder fine-tuned without them
(`train_encoder.py --hold-out`) and a spaCy-feature model refitted without them, so the
combiner learns how far to trust each part on debates it has not seen, not on the
out-of-fold scores of older debates (`combiner-v1`). The news signals (reported plans,
reported characterisations and feelings, advice) keep fixed weights chosen on the news
gold (`../shared/gold/news-dev.jsonl`); debates carry little of them.

- Weights: model {combiner.model_weight:+.2f}, encoder {combiner.encoder_weight:+.2f},
  bias {combiner.bias:+.2f}; signals: {weights}.

## Recent debate years held out

Every figure is on sentences of {" and ".join(RECENT_YEARS)}, which neither the encoder
nor the spaCy-feature model saw; combiner-v2 is fitted on one of the two years and scored
on the other. combiner-v1's weights were fitted on out-of-fold scores that include these
years' labels (19 numbers; a small advantage to it).

{chr(10).join(lines)}

Reproduce with `python -m train.train_encoder --hold-out` then `python -m
train.recent_combiner` (reads `../shared`; exits with one line when the data is absent).
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", help="the shared folder (default: ../shared)")
    parser.add_argument("--encoder", type=Path, default=RECENT_PATH, help="held-out log-odds")
    parser.add_argument("--out", type=Path, default=OUT, help="combiner file to write")
    args = parser.parse_args(argv)
    try:
        corpus = read_corpus(claimbuster_dir(args.shared) / "crowdsourced.csv")
        data = recent_scores(corpus, args.encoder)
    except MissingData as exc:
        exit_missing(exc)
    pooled, per_year = estimate(data)
    for name, (p, r, f) in pooled.items():
        print(f"recent years {name}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    combiner = fit_combiner(data.p, data.encoder, data.signals, data.vetoed, data.y)
    record = combiner.to_dict() | {
        "metrics": {"recent years": {name: list(row) for name, row in pooled.items()}}
    }
    args.out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(
        card(combiner, pooled, per_year, len(data.y)), encoding="utf-8"
    )
    print(f"wrote {args.out} and its card: {combiner}")


if __name__ == "__main__":
    main()
