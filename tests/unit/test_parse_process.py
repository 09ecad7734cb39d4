"""spaCy in a process of its own (claims.parse_process) gives the claims of an in-process parse."""

from __future__ import annotations

from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from spacy.language import Language

from claims.errors import ModelError
from claims.extract import Extractor, load_extractor
from claims.model import Document
from claims.nlp import DEFAULT_MODEL
from claims.parse_process import ParseProcess, ParseProcessFailed, started
from claims.reading import read_file
from claims.segment import spacy_paragraphs
from tests.helpers import SEED_FILE

STORIES = (
    "Officials said 12 bridges in Lyon closed on Monday after the storm.",
    "“We will hire 300 new teachers next year,” the mayor said. Turnout rose to 61 percent.",
    "The council approved a budget of 4.5 million dollars for 2020, up five points from 2015.",
    "Maj. Gen. Smith of the U.S. Army said on Friday that 2,400 troops would leave by May.",
)


def documents() -> list[Document]:
    seed = read_file(SEED_FILE)
    story = replace(seed, location="story.txt", text="\n\n".join(STORIES), title="Story")
    return [seed, story, replace(seed, location="again.txt")]


@pytest.fixture(scope="module")
def in_process() -> Extractor:
    return load_extractor()


@pytest.fixture(scope="module")
def in_child(in_process: Extractor) -> Extractor:
    # batch_size 3 makes several batches of one document: their order and borders count.
    return replace(in_process, nlp=None, parser=started(DEFAULT_MODEL))


@pytest.mark.parametrize("batch_size", [3, 128])
def test_a_parse_process_gives_exactly_the_claims_of_an_in_process_parse(
    in_process: Extractor, in_child: Extractor, batch_size: int
) -> None:
    here = list(replace(in_process, batch_size=batch_size).extract(documents()))
    there = list(replace(in_child, batch_size=batch_size).extract(documents()))
    assert [d.location for d, _ in there] == [d.location for d, _ in here]
    assert [[c.as_dict() for c in claims] for _, claims in there] == [
        [c.as_dict() for c in claims] for _, claims in here
    ]
    assert sum(len(claims) for _, claims in here) > 40


def test_its_docs_are_the_in_process_docs_token_by_token(nlp: Language) -> None:
    texts = list(STORIES)
    local = list(nlp.pipe(texts, batch_size=2))
    remote = list(started(DEFAULT_MODEL).pipe(texts, batch_size=2))
    for a, b in zip(local, remote, strict=True):
        assert [
            (t.text, t.whitespace_, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_type_)
            for t in a
        ] == [
            (t.text, t.whitespace_, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_type_)
            for t in b
        ]
        assert [s.text for s in a.sents] == [s.text for s in b.sents]
        assert [(t.is_stop, t.like_num, t.norm_, str(t.morph)) for t in a] == [
            (t.is_stop, t.like_num, t.norm_, str(t.morph)) for t in b
        ]
        assert np.array_equal(a.tensor, b.tensor)  # the scorer pools it


def test_score_lines_through_a_parse_process_scores_as_in_process(
    in_process: Extractor, in_child: Extractor
) -> None:
    lines = [*STORIES, "", "Is this a question?"]
    assert [c.as_dict() for c in in_child.score_lines(lines)] == [
        c.as_dict() for c in in_process.score_lines(lines)
    ]


def test_a_stream_stopped_early_leaves_the_process_ready_for_the_next() -> None:
    parser = started(DEFAULT_MODEL)
    texts = [f"Item {n} cost {n} dollars." for n in range(40)]
    stream = parser.pipe(((t, n) for n, t in enumerate(texts)), as_tuples=True, batch_size=4)
    assert [n for _, n in islice(stream, 5)] == [0, 1, 2, 3, 4]
    stream.close()  # batches were in flight: their replies must not reach the next stream
    assert [d.text for d in parser.pipe(["A second stream.", "Two."])] == [
        "A second stream.",
        "Two.",
    ]


def test_a_pipeline_that_cannot_load_is_one_model_error() -> None:
    parser = ParseProcess("no_such_spacy_model")
    try:
        with pytest.raises(
            ModelError, match="cannot load the spaCy pipeline 'no_such_spacy_model'"
        ):
            parser.vocab()
        with pytest.raises(ParseProcessFailed):  # and it says so again, without waiting
            list(parser.pipe(["Anything."]))
    finally:
        parser.close()


def test_the_child_ends_when_its_parent_closes_it() -> None:
    parser = ParseProcess(DEFAULT_MODEL)
    assert [d.text for d in parser.pipe(["One sentence."])] == ["One sentence."]
    parser.close()
    assert parser._child.returncode == 0


def test_load_extractor_with_a_parse_process_keeps_no_pipeline_here() -> None:
    engine = load_extractor(parse_process=True)
    assert engine.nlp is None and engine.parser is started(DEFAULT_MODEL)
    [(_, claims)] = list(engine.extract([read_file(SEED_FILE)]))
    assert any(c.checkworthy for c in claims)


class _Counting:
    """The parse process's request queue, counting what is sent."""

    def __init__(self, queue: Any) -> None:
        self.queue, self.sent = queue, 0

    def put(self, item: Any) -> None:
        self.sent += item is not None
        self.queue.put(item)

    def get(self) -> Any:
        return self.queue.get()


def test_a_prefetched_first_batch_is_parsed_once_and_gives_the_in_process_docs(
    nlp: Language,
) -> None:
    parser = ParseProcess(DEFAULT_MODEL)
    try:
        texts = [text for _, text in spacy_paragraphs(read_file(SEED_FILE))]
        parser.prefetch(texts[:4], 4)
        counting = parser._requests = _Counting(parser._requests)  # type: ignore[assignment]
        docs = list(parser.pipe(texts, batch_size=4))
        assert counting.sent == -(-len(texts) // 4) - 1  # every batch but the first
        assert [d.to_bytes() for d in docs] == [d.to_bytes() for d in nlp.pipe(texts, batch_size=4)]
    finally:
        parser.close()


def test_a_prefetch_nobody_asks_for_is_dropped() -> None:
    parser = ParseProcess(DEFAULT_MODEL)
    try:
        parser.prefetch(["An article that was stored already."], 128)
        assert [d.text for d in parser.pipe(["Another one.", "Two."])] == ["Another one.", "Two."]
        parser.prefetch(["Not asked for either."], 128)
        assert list(parser.pipe([])) == []
        assert [d.text for d in parser.pipe(["Then this."])] == ["Then this."]
    finally:
        parser.close()


def test_first_paragraphs_are_those_spacy_parses_of_a_one_off_text_file(tmp_path: Path) -> None:
    from flows.ingest import first_paragraphs, iter_documents
    from flows.settings import Settings

    settings = Settings("sqlite://")
    article = tmp_path / "one.txt"
    article.write_text("Title\n\nA first line\nwrapped.\n\nA second\x07 paragraph.\n", "utf-8")
    found = first_paragraphs([str(article)], "utf-8", settings)
    [document] = list(iter_documents([str(article)], "utf-8", settings))  # as extract reads it
    assert found == [text for _, text in spacy_paragraphs(document)]
    assert found == ["A first line wrapped.", "A second paragraph."]  # "Title" is the title
    assert first_paragraphs([str(article), str(article)], "utf-8", settings) == []
    assert first_paragraphs([str(tmp_path)], "utf-8", settings) == []
    assert first_paragraphs([str(tmp_path / "missing.txt")], "utf-8", settings) == []


def test_closing_with_replies_unread_ends_the_child_at_once() -> None:
    import time

    parser = ParseProcess(DEFAULT_MODEL)
    texts = [
        f"Sentence {n} says that {n} people came, and then some more of them left."
        for n in range(3000)
    ]
    stream = parser.pipe(texts, batch_size=500)
    next(stream)  # three batches of 500 in flight: far more than a pipe holds
    began = time.perf_counter()
    parser.close()  # the stream is still open: nobody reads its replies
    assert time.perf_counter() - began < 5 and parser._child.returncode is not None
    del stream
