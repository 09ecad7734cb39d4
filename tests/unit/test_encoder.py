"""The committed sentence encoder, and how the extractor runs it beside spaCy."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from claims.combiner import Combiner
from claims.encoder import ENCODER_PATH, TOKENIZER_PATH, SentenceEncoder
from claims.errors import ModelError
from claims.extract import Extractor, load_extractor
from claims.model import Document

FACT = "Unemployment fell to 4.1 percent last year, the lowest rate since 2000."
OPINION = "I think we should do better for our children."
TEXTS = [
    FACT,
    OPINION,
    "Why?",
    "The deficit is $3 trillion.",
    "Thank you very much, it's a pleasure to be here tonight with all of you.",
    "He voted against the bill 34 times.",
    "",
]


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder.load()


def test_the_committed_encoder_is_int8_sized_and_loads(encoder: SentenceEncoder) -> None:
    assert ENCODER_PATH.is_file() and TOKENIZER_PATH.is_file()
    # int8 weights: a quarter of the 90 MB float model.
    assert 10_000_000 < ENCODER_PATH.stat().st_size < 40_000_000
    assert encoder.log_odds([FACT]).shape == (1,)


def test_a_statistic_reads_as_checkworthy_and_an_opinion_does_not(
    encoder: SentenceEncoder,
) -> None:
    fact, opinion, question = encoder.log_odds([FACT, OPINION, "Why?"])
    assert fact > 0 > opinion
    assert question < 0


def test_a_sentence_scores_the_same_whatever_its_neighbours(encoder: SentenceEncoder) -> None:
    together = encoder.log_odds(TEXTS)
    alone = np.asarray([encoder.log_odds([t])[0] for t in TEXTS])
    np.testing.assert_array_equal(together, alone)
    np.testing.assert_array_equal(encoder.log_odds(TEXTS[::-1]), together[::-1])


def test_a_sentence_longer_than_the_window_is_cut_not_refused(encoder: SentenceEncoder) -> None:
    long = " ".join([FACT] * 30)
    (score,) = encoder.log_odds([long])
    assert np.isfinite(score)


def test_background_reading_gives_the_same_scores(encoder: SentenceEncoder) -> None:
    try:
        future = encoder.submit(TEXTS)
        np.testing.assert_array_equal(future.result(timeout=60), encoder.log_odds(TEXTS))
    finally:
        encoder.close()


def test_a_missing_or_corrupt_model_is_a_clear_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot load the sentence encoder"):
        SentenceEncoder.load(tmp_path / "absent.onnx")
    corrupt = tmp_path / "corrupt.onnx"
    corrupt.write_bytes(b"not an onnx graph")
    with pytest.raises(ModelError, match=str(corrupt)):
        SentenceEncoder.load(corrupt)


def test_the_combiner_weighs_the_encoder_and_reads_old_files_without_it(tmp_path: Path) -> None:
    combiner = Combiner.load()
    assert combiner.encoder_weight > 0
    old = tmp_path / "combiner.json"
    old.write_text(json.dumps({"weights": {}, "bias": 0.0, "model_weight": 1.0}))
    assert Combiner.load(old).encoder_weight == 0.0


def documents(n: int) -> list[Document]:
    body = f"{FACT}\n\n{OPINION} The deficit is $3 trillion, the Treasury said on Monday."
    return [
        Document(f"{body} Item {i}.", f"doc-{i}.txt", f"Doc {i}", None, "none", f"h{i}")
        for i in range(n)
    ]


def test_extraction_with_the_encoder_in_the_background_matches_reading_inline(
    nlp: Language,
) -> None:
    """Documents come back in order with the scores they get one at a time."""
    configured = load_extractor(batch_size=3)
    assert configured.encoder is not None
    docs = documents(11)
    streamed = list(configured.extract(docs))
    assert [d.location for d, _ in streamed] == [d.location for d in docs]
    for document, claims in streamed:
        (alone,) = [c for _, c in configured.extract([document])]
        assert [c.assessment for c in claims] == [c.assessment for c in alone]
        assert "encoder" in claims[0].assessment.features
    configured.encoder.close()


def test_scores_move_with_the_encoder(nlp: Language) -> None:
    """The encoder is not decoration: without it the same sentences score differently."""
    with_encoder = load_extractor()
    without = Extractor(
        nlp=with_encoder.nlp,
        model=with_encoder.model,
        combiner=with_encoder.combiner,
        threshold=with_encoder.threshold,
    )
    a = [c.assessment.score for c in with_encoder.score_lines(TEXTS[:6])]
    b = [c.assessment.score for c in without.score_lines(TEXTS[:6])]
    assert a != b


def test_scored_lines_come_back_in_order_whatever_the_chunk_size(nlp: Language) -> None:
    """The encoder reads one chunk ahead of spaCy; no line may swap places or scores."""
    small = load_extractor(batch_size=2)
    lines = [*TEXTS, FACT.upper(), OPINION]
    by_two = [(c.text, c.assessment) for c in small.score_lines(lines)]
    whole = [(c.text, c.assessment) for c in load_extractor().score_lines(lines)]
    assert [text for text, _ in by_two] == lines
    assert by_two == whole


def test_a_failure_reading_later_lines_comes_after_the_claims_already_scored(
    nlp: Language,
) -> None:
    """Reading one chunk ahead must not swallow the output before bad input."""

    def lines() -> Iterator[str]:
        yield from [FACT, OPINION, "Why?", "The deficit is $3 trillion."]
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    scored: list[str] = []
    with pytest.raises(UnicodeDecodeError):
        for claim in load_extractor(batch_size=3).score_lines(lines()):
            scored.append(claim.text)
    assert scored == [FACT, OPINION, "Why?"]
