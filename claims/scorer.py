"""Check-worthiness scorer: a logistic model over features of a parsed spaCy span.

Every feature comes from what the pipeline has already computed (token text, part of
speech, dependencies, entity labels and the contextual ``doc.tensor``), so scoring adds
little to parsing. ``train/train_scorer.py`` fits the weights with the same
``extract_features`` and ``pool_tensor`` used here, so training and inference cannot
drift apart; the committed weights live in ``claims/models/``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.glossary import GLOSSARY
from spacy.tokens import Span, Token

from claims.errors import ModelError

MODEL_PATH = Path(__file__).parent / "models" / "checkworthiness-v1.json"
FORMAT_VERSION = 1
CONTEXT_NAME = "sentence context (tok2vec)"
TENSOR_WIDTH = 96
N_REASONS = 5

FloatArray = npt.NDArray[np.float64]

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
OPINION_LEMMAS = frozenset({"think", "believe", "feel", "hope", "want", "guess", "suppose"})
HEDGES = frozenset({"maybe", "perhaps", "probably", "possibly", "likely", "seem", "apparently"})
MODALS = frozenset({"will", "would", "should", "must", "could", "can", "may", "might", "ought"})
ATTRIBUTION_LEMMAS = frozenset({"say", "report", "announce", "claim", "state", "estimate"})
QUANTITY_WORDS = frozenset(
    {
        "percent", "%", "million", "billion", "trillion", "thousand", "hundred", "dozen",
        "half", "twice", "double", "triple", "rate", "average", "dollars", "$",
    }
)  # fmt: skip
LENGTH_BINS = ((1, 4), (5, 8), (9, 14), (15, 24), (25, 40))
# Key prefixes whose value gets the spaCy glossary's gloss in reasons ("tag VBD (verb, ...)").
GLOSSED = ("part of speech ", "tag ", "dependency ", "entity ")


def _length_name(n: int) -> str:
    for low, high in LENGTH_BINS:
        if low <= n <= high:
            return f"length {low}-{high} words"
    return "length over 40 words"


def _mask(tok: Token, lower: str, pos: str) -> str:
    """Generalise a token across debates: names and numbers become their kind."""
    if kind := tok.ent_type_:
        return kind
    if tok.like_num:
        return "NUM"
    if pos == "PROPN":
        return "PROPN"
    return lower


def extract_features(span: Span) -> list[str]:
    """Return the names of the binary features that fire on ``span``, without repeats."""
    feats: dict[str, None] = {}
    # Each pass over a span makes its Token objects anew, and each ``_`` attribute is a
    # string lookup: read every token's once.
    tokens = [(t, t.lower_, t.pos_, t.is_punct or t.is_space) for t in span]
    text = span.text
    words = [(t, lower, pos) for t, lower, pos, skip in tokens if not skip]
    feats[_length_name(len(words))] = None
    for _, lower, _ in words:
        feats[f"word '{lower}'"] = None
    masked = ["<s>", *(_mask(t, lower, pos) for t, lower, pos in words), "</s>"]
    for a, b, c in zip(masked, masked[1:], masked[2:], strict=False):
        feats[f"pattern '{a} {b}'"] = None
        feats[f"pattern '{a} {b} {c}'"] = None
    prev_pos = "START"
    for tok, _, pos, _ in tokens:
        feats[f"part of speech {pos}"] = None
        feats[f"tag {tok.tag_}"] = None
        feats[f"parts of speech {prev_pos} {pos}"] = None
        feats[f"dependency {tok.dep_}"] = None
        prev_pos = pos
    for ent in span.ents:
        feats[f"entity {ent.label_}"] = None
    if any(t.like_num for t, _, _ in words):
        feats["number"] = None
    if any(c.isdigit() for c in text):
        feats["digits"] = None
    if any(lower in QUANTITY_WORDS for _, lower, _ in words):
        feats["quantity word"] = None
    for tok, low, _ in words:
        lemma = tok.lemma_.lower()
        if low in FIRST_PERSON:
            feats["first person"] = None
        if lemma in OPINION_LEMMAS:
            subjects = {c.lower_ for c in tok.children if c.dep_ == "nsubj"}
            if subjects & FIRST_PERSON:
                feats[f"first person 'I {lemma}'"] = None
            elif "we" in subjects:
                feats[f"first person 'we {lemma}'"] = None
        if low in HEDGES or lemma in HEDGES:
            feats["hedge"] = None
        if low in MODALS:
            feats[f"modal '{low}'"] = None
        if lemma in ATTRIBUTION_LEMMAS:
            feats["attribution verb"] = None
    if "according to" in text.lower():
        feats["attribution 'according to'"] = None
    if text.rstrip().endswith("?"):
        feats["question"] = None
    return list(feats)


def pool_tensor(spans: Sequence[Span]) -> FloatArray:
    """Mean- and max-pool each span's rows of ``doc.tensor`` (zeros when it is absent)."""
    out = np.zeros((len(spans), 2 * TENSOR_WIDTH), dtype=np.float64)
    for i, span in enumerate(spans):
        tensor = span.doc.tensor
        if tensor is None or len(span) == 0 or tensor.ndim != 2:
            continue
        if tensor.shape[0] < span.end or tensor.shape[1] != TENSOR_WIDTH:
            continue
        rows = np.asarray(tensor[span.start : span.end], dtype=np.float64)
        out[i, :TENSOR_WIDTH] = rows.mean(axis=0)
        out[i, TENSOR_WIDTH:] = rows.max(axis=0)
    return out


def describe(name: str) -> str:
    """Make a feature key readable: glossary terms get their gloss ("tag CD (...)")."""
    for prefix in GLOSSED:
        if name.startswith(prefix):
            gloss = GLOSSARY.get(name.rsplit(" ", 1)[-1])
            return f"{name} ({gloss})" if gloss else name
    return name


@dataclass(frozen=True)
class Prediction:
    """A sentence's check-worthiness and the features that moved it most (signed)."""

    probability: float
    contributions: tuple[tuple[str, float], ...]


class CheckworthinessModel:
    """Logistic model: binary span features plus standardised pooled ``doc.tensor``."""

    def __init__(
        self,
        names: Sequence[str],
        weights: FloatArray,
        dense_mean: FloatArray,
        dense_scale: FloatArray,
        dense_weights: FloatArray,
        bias: float,
        threshold: float,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        if len(names) != len(weights) or not (
            len(dense_mean) == len(dense_scale) == len(dense_weights) == 2 * TENSOR_WIDTH
        ):
            raise ModelError("check-worthiness model: weight arrays do not match")
        self.names = list(names)
        self.vocabulary = {name: i for i, name in enumerate(self.names)}
        self.labels = [describe(name) for name in self.names]
        self.weights = weights
        self.dense_mean = dense_mean
        self.dense_scale = dense_scale
        self.dense_weights = dense_weights
        self.bias = bias
        self.threshold = threshold
        self.metadata = metadata or {}

    @classmethod
    def load(cls, path: Path | None = None) -> CheckworthinessModel:
        """Read a model file written from ``to_dict`` (default: the committed model)."""
        path = path or MODEL_PATH
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read check-worthiness model {path}: {exc}") from exc
        if not isinstance(data, dict):
            raise ModelError(f"{path}: not a check-worthiness model")
        return cls.from_dict(data, where=str(path))

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "model") -> CheckworthinessModel:
        """Build a model from its JSON form, rejecting other formats."""
        if data.get("format") != FORMAT_VERSION:
            raise ModelError(f"{where}: unsupported model format {data.get('format')!r}")
        try:
            sparse, dense = data["features"], data["dense"]
            return cls(
                names=[str(n) for n in sparse["names"]],
                weights=np.asarray(sparse["weights"], dtype=np.float64),
                dense_mean=np.asarray(dense["mean"], dtype=np.float64),
                dense_scale=np.asarray(dense["scale"], dtype=np.float64),
                dense_weights=np.asarray(dense["weights"], dtype=np.float64),
                bias=float(data["bias"]),
                threshold=float(data["threshold"]),
                metadata=dict(data.get("metadata", {})),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{where}: malformed model file ({exc})") from exc

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the model."""

        def rounded(values: FloatArray) -> list[float]:
            return [round(float(v), 5) for v in values]

        return {
            "format": FORMAT_VERSION,
            "metadata": self.metadata,
            "threshold": round(self.threshold, 4),
            "bias": round(self.bias, 5),
            "features": {"names": self.names, "weights": rounded(self.weights)},
            "dense": {
                "mean": rounded(self.dense_mean),
                "scale": rounded(self.dense_scale),
                "weights": rounded(self.dense_weights),
            },
        }

    def logits(self, sents: Sequence[Span]) -> tuple[FloatArray, list[list[int]], FloatArray]:
        """Return each span's logit, its known feature ids and its context contribution."""
        vocabulary = self.vocabulary
        rows = [
            [j for n in extract_features(span) if (j := vocabulary.get(n)) is not None]
            for span in sents
        ]
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        flat = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(lengths.sum()))
        owner = np.repeat(np.arange(len(rows)), lengths)
        sparse_score = np.bincount(owner, weights=self.weights[flat], minlength=len(rows))
        dense = (pool_tensor(sents) - self.dense_mean) / self.dense_scale
        context: FloatArray = dense @ self.dense_weights
        return sparse_score + context + self.bias, rows, context

    def predict(self, sents: Sequence[Span]) -> list[Prediction]:
        """Score each span; its reasons are the largest signed feature contributions."""
        if not sents:
            return []
        logits, rows, context = self.logits(sents)
        probs = 1.0 / (1.0 + np.exp(-logits))
        out = []
        for i, ids in enumerate(rows):
            # The largest by size, ties in feature order, the context after the features.
            values = np.append(self.weights[ids], context[i])
            top = tuple(
                (self.labels[ids[k]] if k < len(ids) else CONTEXT_NAME, round(float(values[k]), 3))
                for k in np.argsort(-np.abs(values), kind="stable")[:N_REASONS]
            )
            out.append(Prediction(probability=float(probs[i]), contributions=top))
        return out
