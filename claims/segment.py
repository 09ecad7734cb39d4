"""Paragraphs first, then spaCy sentences that never cross a paragraph break."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from claims.model import Document, Sentence

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_INNER_NEWLINE = re.compile(r"[ \t]*\n[ \t]*")
MAX_PARAGRAPH = 100_000  # characters given to spaCy at once


@dataclass(frozen=True)
class ParsedSentence:
    """A sentence of a document with its spaCy span (its doc is the paragraph)."""

    sentence: Sentence
    span: Span


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Split text on blank lines into (offset, paragraph) pairs, offsets into ``text``."""
    found: list[tuple[int, str]] = []
    position = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[position:end]
        stripped = chunk.strip()
        if stripped:
            found.extend(_pieces(position + chunk.index(stripped), stripped))
        position = match.end() if match else len(text)
    return found


def _pieces(offset: int, paragraph: str) -> list[tuple[int, str]]:
    """Cut a paragraph longer than MAX_PARAGRAPH at whitespace: spaCy refuses texts over
    its max_length (1,000,000 characters) and needs about 1 GB per million."""
    pieces: list[tuple[int, str]] = []
    while len(paragraph) > MAX_PARAGRAPH:
        cut = paragraph.rfind(" ", MAX_PARAGRAPH // 2, MAX_PARAGRAPH)
        cut = cut if cut > 0 else MAX_PARAGRAPH
        pieces.append((offset, paragraph[:cut]))
        rest = paragraph[cut:]
        offset += cut + len(rest) - len(rest.lstrip())
        paragraph = rest.lstrip()
    if paragraph:
        pieces.append((offset, paragraph))
    return pieces


def parse_documents(
    nlp: Language, documents: Iterable[Document], batch_size: int = 128
) -> Iterator[tuple[Document, list[ParsedSentence]]]:
    """Run the pipeline over every paragraph of every document, in one batched stream.

    Documents are read from ``documents`` as spaCy needs them, so a generator that reads
    files one by one is never read ahead by more than a batch.
    """
    numbered: deque[Document] = deque()  # handed to spaCy, sentences not out yet

    def jobs() -> Iterator[tuple[str, tuple[int, int, int]]]:
        for doc_index, document in enumerate(documents):
            numbered.append(document)
            for paragraph_index, (offset, text) in enumerate(paragraphs(document.text)):
                # A hard-wrapped line inside a paragraph is a space, not a break; the
                # replacement keeps every character offset where it was.
                text = _INNER_NEWLINE.sub(_same_length_space, text)
                yield text, (doc_index, paragraph_index, offset)

    parsed = nlp.pipe(jobs(), as_tuples=True, batch_size=batch_size)
    yield from _group_by_document(numbered, parsed)


def _group_by_document(
    documents: deque[Document], parsed: Iterable[tuple[Doc, tuple[int, int, int]]]
) -> Iterator[tuple[Document, list[ParsedSentence]]]:
    """Sentences grouped by document, in order; ``documents`` fills as spaCy reads on,
    and each document is let go once its sentences are out."""
    current: list[ParsedSentence] = []
    done = 0  # documents yielded
    for doc, (doc_index, paragraph_index, offset) in parsed:
        while doc_index > done:
            yield documents.popleft(), current
            current, done = [], done + 1
        for span in doc.sents:
            if not span.text.strip():
                continue
            sentence = Sentence(
                text=span.text,
                start=offset + span.start_char,
                end=offset + span.end_char,
                paragraph=paragraph_index,
                index=len(current),
            )
            current.append(ParsedSentence(sentence, span))
    while documents:  # the last one, and documents without a paragraph
        yield documents.popleft(), current
        current = []


def _same_length_space(match: re.Match[str]) -> str:
    return " " * len(match.group(0))
