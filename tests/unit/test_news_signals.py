"""News prose: reported plans, characterisations and advice rank below checkable claims."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claims.extract import Extractor, load_extractor


@pytest.fixture(scope="module")
def configured() -> Extractor:
    return load_extractor()


@pytest.mark.parametrize(
    ("sentence", "signal"),
    [
        ("NBC News reported the banker is to be sentenced in June.", "reported_future"),
        (
            "The hospital said in a statement he would be undergoing further tests.",
            "reported_future",
        ),
        ("The airport was to open on Wednesday morning.", "reported_future"),
        ("Local firefighters planned to monitor the situation overnight.", "reported_future"),
        ("The ministry characterized the attack as a serious violation of sovereignty.", "stance"),
        ("The mayor praised the volunteers for their courage.", "stance"),
        ("The manager called it a retrograde step.", "stance"),
        ("Jackal horns are considered talismans.", "stance"),
        ("Affected travellers were advised to contact their airlines.", "advice"),
    ],
)
def test_news_signals_fire(
    nlp: Language, configured: Extractor, sentence: str, signal: str
) -> None:
    [claim] = list(configured.score_lines([sentence]))
    assert signal in claim.assessment.features["signals"]  # type: ignore[operator]
    assert any(r.startswith("- ") for r in claim.assessment.reasons)


@pytest.mark.parametrize(
    "sentence",
    [
        "Police said 40 people were arrested on Saturday.",
        "The mayor called the police at 9 p.m.",
        "The court sentenced him to five years in prison in June.",
    ],
)
def test_reported_facts_fire_none_of_them(configured: Extractor, sentence: str) -> None:
    [claim] = list(configured.score_lines([sentence]))
    fired = set(claim.assessment.features["signals"])  # type: ignore[call-overload]
    assert not fired & {"reported_future", "stance", "advice"}


def test_a_reported_plan_ranks_below_the_reported_fact(configured: Extractor) -> None:
    fact, plan = configured.score_lines(
        [
            "The spokesman said the company cut 2,000 jobs last year.",
            "The spokesman said the company would cut 2,000 jobs next year.",
        ]
    )
    assert fact.score > plan.score


def test_a_sentence_of_an_article_starts_higher_than_a_debate_line(configured: Extractor) -> None:
    """The news prior: the same sentence scores NEWS_PRIOR higher in log-odds when it is
    read from an article than as a `claimdesk score` line, and keeps its type."""
    from claims.combiner import NEWS_PRIOR, logit
    from claims.model import Document
    from claims.reading import content_hash

    lines = [
        "Relatives of the fisherman attended the ceremony in Vigo on Sunday.",
        "The mayor said she was deeply proud of the volunteers.",
    ]
    alone = list(configured.score_lines(lines))
    text = "\n\n".join(lines)
    document = Document(text, "/a.txt", "A", None, "none", content_hash(text))
    [(_, in_article)] = list(configured.extract([document]))
    event, opinion = in_article
    assert logit(event.score) - logit(alone[0].score) == pytest.approx(NEWS_PRIOR, abs=0.01)
    assert event.type == alone[0].type == "event"
    # News prose reads a reported view as an opinion; a debate line keeps the debate
    # annotators' reading of it (a statement attributed to someone).
    assert (opinion.type, opinion.checkworthy) == ("opinion", False)
    assert alone[1].type == "attribution"
