"""How the models' readings and the linguistic signals add up to one score.

Pure (no spaCy): the combiner is a small logistic model, committed in claims/models/:
``combiner-v1.json`` (train/train_combiner.py: fitted on out-of-fold scores of all debate
years) and ``combiner-v2.json`` (train/recent_combiner.py: fitted on the most recent
debate years, held out from both models).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from claims.errors import ModelError

DEFAULT_THRESHOLD = 0.5
COMBINER_V1 = Path(__file__).parent / "models" / "combiner-v1.json"
COMBINER_V2 = COMBINER_V1.with_name("combiner-v2.json")
COMBINER_PATH = COMBINER_V1  # the one the pipeline loads

# Weights used without a trained model (rules only): a reasonable prior for news.
RULE_WEIGHTS: dict[str, float] = {
    "quantity": 1.2,
    "date": 0.9,
    "entities": 0.9,
    "source": 0.8,
    "speaker": 0.3,
    "past_tense": 0.7,
    "question": -3.0,
    "fragment": -2.5,
    "short": -1.0,
    "first_person_opinion": -2.2,
    "first_person": -0.6,
    "hedge": -1.0,
    "evaluative": -0.9,
    "conditional": -1.5,
    "future": -1.4,
    "nothing_checkable": -1.2,
}
# Signals of news prose: a plan or expectation reported ("said it would", "is to be
# sentenced"), a characterisation, feeling or belief reported instead of a fact
# ("praised", "called it a step back"), advice ("travellers were advised to"). Debates
# carry little of them, so their weights are not fitted there: they were chosen on the
# news gold (../shared/gold/news-dev.jsonl) and train/train_combiner.py keeps them fixed.
NEWS_WEIGHTS: dict[str, float] = {"reported_future": -1.2, "stance": -2.0, "advice": -2.0}
# Every sentence of an article (not a line given to `claimdesk score`) starts this much
# higher. The combiner is fitted on debates, where a quarter of the sentences are
# check-worthy; in news most are, and the debate-trained models score a plain event in
# the article's own voice ("Relatives attended the ceremony on Majorca") low. Chosen on
# news we may tune on (news-dev and our analysis labels, train/labels/analysis.jsonl):
# the largest shift that keeps the not-check-worthy sentences queued at or under 30%
# there, a margin under the product's 40% (0.405 = logit 0.5 - logit 0.4).
NEWS_PRIOR = 0.405
RULE_WEIGHTS.update(NEWS_WEIGHTS)
SIGNALS = tuple(RULE_WEIGHTS)
FITTED_SIGNALS = tuple(s for s in SIGNALS if s not in NEWS_WEIGHTS)


@dataclass(frozen=True)
class Combiner:
    """How the model's probability and the signals add up to a score.

    ``score = sigmoid(bias + model_weight * logit(p) + encoder_weight * encoder log-odds
    + sum(weights of fired signals))``, fitted on held-out model probabilities and
    encoder log-odds (train/train_combiner.py) so that the threshold sits at 0.5.
    ``strong`` is the score above which hedges, evaluative words or future tense no
    longer make a sentence an opinion or a prediction.
    """

    weights: dict[str, float]
    bias: float
    model_weight: float = 0.0
    encoder_weight: float = 0.0
    strong: float = 0.8

    @classmethod
    def load(cls, path: Path | None = None) -> Combiner:
        path = path or COMBINER_PATH
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                weights=NEWS_WEIGHTS | {str(k): float(v) for k, v in data["weights"].items()},
                bias=float(data["bias"]),
                model_weight=float(data["model_weight"]),
                encoder_weight=float(data.get("encoder_weight", 0.0)),
                strong=float(data.get("strong", 0.8)),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ModelError(f"cannot read the score combiner {path}: {exc}") from exc

    def log_odds(
        self,
        fired: Iterable[str],
        model_probability: float | None = None,
        encoder_log_odds: float | None = None,
    ) -> float:
        """The combined log-odds of a sentence whose signals ``fired``."""
        total = self.bias + sum(self.weights.get(name, 0.0) for name in fired)
        if model_probability is not None:
            total += self.model_weight * logit(model_probability)
        if encoder_log_odds is not None:
            total += self.encoder_weight * encoder_log_odds
        return total

    def to_dict(self) -> dict[str, object]:
        return {
            "weights": self.weights,
            "bias": self.bias,
            "model_weight": self.model_weight,
            "encoder_weight": self.encoder_weight,
            "strong": self.strong,
        }


RULES_ONLY = Combiner(weights=RULE_WEIGHTS, bias=-0.6)


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))
