"""parse_documents reads its documents as spaCy needs them, not all before it starts."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language

from claims.model import Document
from claims.segment import parse_documents


def _document(n: int, text: str | None = None) -> Document:
    body = f"Story {n} says {n} people came. It rained." if text is None else text
    return Document(body, f"/news/{n}.txt", f"Story {n}", None, "none", f"hash-{n}")


def test_a_generator_of_documents_is_read_a_batch_ahead_at_most(nlp: Language) -> None:
    read: list[int] = []

    def documents() -> Iterator[Document]:
        for n in range(40):
            read.append(n)
            yield _document(n)

    stream = parse_documents(nlp, documents(), batch_size=4)
    first, sentences = next(stream)
    assert first.location == "/news/0.txt" and len(sentences) == 2
    assert len(read) <= 8  # a batch or two of paragraphs, not all 40
    rest = [document.location for document, _ in stream]
    assert rest == [f"/news/{n}.txt" for n in range(1, 40)] and len(read) == 40


def test_documents_without_text_keep_their_place(nlp: Language) -> None:
    documents = [_document(0), _document(1, "   "), _document(2, ""), _document(3)]
    found = [(d.location, len(s)) for d, s in parse_documents(nlp, iter(documents), 2)]
    assert found == [("/news/0.txt", 2), ("/news/1.txt", 0), ("/news/2.txt", 0), ("/news/3.txt", 2)]
