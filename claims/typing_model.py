"""A second reading of a check-worthy sentence's type, learned from news labels.

claims/signals.py types a sentence by the guidelines' order with hand-written rules. On
news nobody tuned for, those rules stall near 0.70: which type an annotator picks when a
sentence could be an event, a quantity or an attribution is a habit of judgement (a toll
makes a quantity, an incidental age does not; a role held is "other", an office taken
an event) that rules written from one set of articles miss on the next.
``types-v1.json`` (train/train_types.py: a logistic regression fitted on news-dev and our
own labels, model card types-v1.md) reads the rules' type with the parse's features and
gives the type the annotators would. It only chooses among the check-worthy types, so
what is queued never changes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.tokens import Span

from claims.model import Quantity

TYPES_PATH = Path(__file__).parent / "models" / "types-v1.json"
CHECKWORTHY_TYPES = (
    "quantity",
    "comparison",
    "causal",
    "law_rule",
    "attribution",
    "event",
    "other",
)
_CONTENT = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})
# A cause or a comparison the rules found in the main clause ("because", "the largest")
# is what the guidelines' order puts first; the model only weighs the other types.
_STATED = frozenset({"causal", "comparison"})
# While train/train_types.py reads the labelled articles: each sentence's text and features
_RECORDING: list[list[tuple[str, dict[str, float]]]] = []


def type_features(
    sent: Span, rule_type: str, fired: Iterable[str], quantities: tuple[Quantity, ...]
) -> dict[str, float]:
    """What the type model reads: the rules' type and signals, the main verb's lemma,
    tense and voice, the figures, and the sentence's content lemmas."""
    root = sent.root
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    found: dict[str, float] = {f"rule={rule_type}": 1.0, "bias": 1.0}
    found |= {f"signal={name}": 1.0 for name in fired}
    found[f"root={root.lemma_.lower()}"] = 1.0
    found[f"tag={root.tag_}"] = 1.0
    found |= {f"aux={a.lemma_.lower()}": 1.0 for a in aux}
    if any(a.dep_ == "auxpass" for a in aux):
        found["passive"] = 1.0
    for q in quantities:
        found[f"unit={q.unit.split(' ')[-1] if q.unit else '-'}"] = 1.0
        found[f"comparator={q.comparator}"] = 1.0
        found["figures"] = found.get("figures", 0.0) + 1.0
        found["large"] = max(found.get("large", 0.0), float(abs(q.value) >= 100))
    for token in sent:
        if token.pos_ in _CONTENT and not token.like_num:
            found[f"w={token.lemma_.lower()}"] = 1.0
        if token.tag_ in ("JJS", "RBS", "JJR", "RBR"):
            found["degree"] = 1.0
        if token.ent_type_:
            found[f"ent={token.ent_type_}"] = 1.0
    found["length"] = math.log1p(len(sent))
    return found


@dataclass(frozen=True)
class TypeModel:
    """Per type, a weight for each feature; the type of the highest sum wins."""

    weights: Mapping[str, Mapping[str, float]]
    # Per feature, its weight for each type (in the order of ``weights``): one look-up a
    # feature, not one a feature and type, on every sentence an article has
    _by_feature: dict[str, tuple[float, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        kinds = list(self.weights)
        names = {name for w in self.weights.values() for name in w}
        rows = {name: tuple(self.weights[k].get(name, 0.0) for k in kinds) for name in names}
        object.__setattr__(self, "_by_feature", rows)

    def choose(self, features: Mapping[str, float]) -> str:
        scores = [0.0] * len(self.weights)
        for name, value in features.items():
            for i, weight in enumerate(self._by_feature.get(name, ())):
                scores[i] += weight * value
        kinds = list(self.weights)
        return kinds[max(range(len(kinds)), key=scores.__getitem__)]

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> TypeModel:
        weights = data["weights"]
        if not isinstance(weights, dict) or set(weights) != set(CHECKWORTHY_TYPES):
            raise ValueError("a type model needs weights for each check-worthy type")
        return cls({kind: dict(w) for kind, w in weights.items()})


@cache
def load_type_model(path: Path = TYPES_PATH) -> TypeModel | None:
    """The committed type model, or None when there is none (the rules' type stands)."""
    if not path.is_file():
        return None
    return TypeModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def retype(
    sent: Span, rule_type: str, fired: Iterable[str], quantities: tuple[Quantity, ...]
) -> str:
    """The learned type of a check-worthy sentence read from an article. A cause or a
    comparison the rules found, and any type that is not check-worthy (an opinion, a
    prediction, no claim), stays what the rules said."""
    if rule_type not in CHECKWORTHY_TYPES:
        return rule_type
    model = load_type_model()
    keeps = model is None or rule_type in _STATED
    if keeps and not _RECORDING:
        return rule_type  # nothing to weigh: no features read
    features = type_features(sent, rule_type, fired, quantities)
    for seen in _RECORDING:
        seen.append((sent.text, features))
    return rule_type if keeps or model is None else model.choose(features)


@contextmanager
def recording() -> Iterator[list[tuple[str, dict[str, float]]]]:
    """Within the block, every sentence retyped is also listed with its features (what
    train/train_types.py fits the model on)."""
    seen: list[tuple[str, dict[str, float]]] = []
    _RECORDING.append(seen)
    try:
        yield seen
    finally:
        _RECORDING.remove(seen)
