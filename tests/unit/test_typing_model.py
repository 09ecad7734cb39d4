"""The learned type model (claims/typing_model.py): what it reads, what it may change."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.quantities import extract_quantities
from claims.typing_model import (
    CHECKWORTHY_TYPES,
    TypeModel,
    load_type_model,
    recording,
    retype,
    type_features,
)


def test_the_committed_model_weighs_every_checkworthy_type() -> None:
    model = load_type_model()
    assert model is not None
    assert set(model.weights) == set(CHECKWORTHY_TYPES)
    assert all("bias" in w and "rule=event" in w for w in model.weights.values())


def test_features_name_the_rules_type_the_main_verb_and_the_figures(nlp: Language) -> None:
    sent = nlp("Police arrested 12 people in the square on Sunday.")[:]
    found = type_features(sent, "quantity", {"quantity", "date"}, tuple(extract_quantities(sent)))
    assert found["rule=quantity"] == 1.0
    assert found["root=arrest"] == 1.0 and found["tag=VBD"] == 1.0
    assert found["unit=people"] == 1.0 and found["figures"] == 1.0
    assert found["signal=date"] == 1.0 and found["w=square"] == 1.0
    assert "w=12" not in found  # numbers are read as figures, not as words


def test_the_highest_sum_wins() -> None:
    weights = {kind: {"bias": 0.0} for kind in CHECKWORTHY_TYPES}
    weights["other"] = {"bias": 0.5}
    weights["event"] = {"bias": 0.0, "root=arrest": 1.0}
    model = TypeModel.from_dict({"weights": weights})
    assert model.choose({"bias": 1.0, "root=arrest": 1.0}) == "event"
    assert model.choose({"bias": 1.0, "root=live": 1.0}) == "other"


def test_a_model_without_every_type_is_refused() -> None:
    with pytest.raises(ValueError, match="each check-worthy type"):
        TypeModel.from_dict({"weights": {"event": {"bias": 1.0}}})


@pytest.mark.parametrize("kind", ["opinion", "prediction", "not_claim", "causal", "comparison"])
def test_what_is_not_queued_and_stated_causes_and_comparisons_stay(
    nlp: Language, kind: str
) -> None:
    sent = nlp("The mill closed in 2001 because the river ran dry.")[:]
    assert retype(sent, kind, set(), ()) == kind


def test_training_can_record_what_the_model_reads(nlp: Language) -> None:
    sent = nlp("He lived in a suburb of the capital.")[:]
    with recording() as seen:
        retype(sent, "event", {"past_tense"}, ())
        retype(sent, "opinion", set(), ())  # not check-worthy: not read
    retype(sent, "event", set(), ())  # outside the block: not recorded
    assert [text for text, _ in seen] == [sent.text]
    assert seen[0][1]["rule=event"] == 1.0
