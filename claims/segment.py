"""Paragraphs first, then spaCy sentences that never cross a paragraph break."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claims.model import Document, Sentence

if TYPE_CHECKING:  # annotations only: reading paragraphs needs no spaCy
    from spacy.language import Language
    from spacy.tokens import Doc, Span

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_INNER_NEWLINE = re.compile(r"[ \t]*\n[ \t]*")
# Characters given to spaCy at once. A longer paragraph (a file that is one long line) is
# cut at a sentence end, else at a space: spaCy needs about 1 GB per million characters,
# and work on a sentence grows faster than its length.
MAX_PARAGRAPH = 3_000
_SENTENCE_ENDS = (". ", "! ", "? ", '." ', '?" ', '!" ', ".\u201d ")


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
    """Cut a paragraph longer than MAX_PARAGRAPH into pieces of at most that length.

    Each cut is searched for in the second half of a window only, so the whole
    paragraph is scanned about twice, however long it is.
    """
    if len(paragraph) <= MAX_PARAGRAPH:
        return [(offset, paragraph)]
    pieces: list[tuple[int, str]] = []
    start, size = 0, len(paragraph)
    while size - start > MAX_PARAGRAPH:
        low, high = start + MAX_PARAGRAPH // 2, start + MAX_PARAGRAPH
        cut = max(paragraph.rfind(end, low, high) for end in _SENTENCE_ENDS)
        if cut >= 0:
            cut = paragraph.index(" ", cut) + 1  # after the punctuation
        else:
            cut = paragraph.rfind(" ", low, high) + 1 or high
        piece = paragraph[start:cut].rstrip()
        if piece:
            pieces.append((offset + start, piece))
        start = cut
        while start < size and paragraph[start].isspace():
            start += 1
    if start < size:
        pieces.append((offset + start, paragraph[start:]))
    return pieces


def spacy_paragraphs(document: Document) -> list[tuple[int, str]]:
    """The (offset, text) pairs of ``document`` that spaCy parses, in order."""
    # A hard-wrapped line inside a paragraph is a space, not a break; the replacement
    # keeps every character offset where it was.
    return [
        (offset, _INNER_NEWLINE.sub(_same_length_space, text))
        for offset, text in paragraphs(document.text)
    ]


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
            for paragraph_index, (offset, text) in enumerate(spacy_paragraphs(document)):
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
