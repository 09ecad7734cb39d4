"""Who said it: speakers, sources ("according to ..."), and quotation marks."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

REPORTING_VERBS = frozenset(
    [
        "say",
        "tell",
        "claim",
        "state",
        "announce",
        "tweet",
        "add",
        "note",
        "report",
        "write",
        "insist",
        "argue",
        "warn",
        "explain",
        "confirm",
        "deny",
        "allege",
        "testify",
        "acknowledge",
        "estimate",
        "reply",
        "declare",
        "assert",
        "admit",
        "disclose",
        "reveal",
        "suggest",
        "maintain",
        "stress",
        "emphasize",
        "emphasise",
    ]
)
_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
_OPENING = "“‘«"
_CLOSING = "”’»"


@dataclass(frozen=True)
class Attribution:
    speaker: str | None
    source: str | None
    reporting_verb: str | None


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` inside double quotation marks (curly or straight).

    An opening mark left unclosed runs to the end of the text, as a quotation that
    continues into the next paragraph does in news style.
    """
    regions: list[tuple[int, int]] = []
    start: int | None = None
    for i, char in enumerate(text):
        if char == "“" or (char == '"' and start is None):
            start = i
        elif (char == "”" or char == '"') and start is not None:
            regions.append((start, i + 1))
            start = None
    if start is not None:
        regions.append((start, len(text)))
    return regions


def inside_quotes(sent: Span, regions: list[tuple[int, int]]) -> bool:
    """True when most of the sentence's characters are inside quotation marks."""
    quoted = sum(
        max(0, min(end, sent.end_char) - max(start, sent.start_char)) for start, end in regions
    )
    return quoted * 2 > len(sent.text)


def attribute(sent: Span, last_person: str | None) -> Attribution:
    """Find the speaker (subject of a reporting verb) and any "according to" source.

    A pronoun subject ("he said") resolves to ``last_person``, the most recent person
    named before the sentence.
    """
    source = _according_to(sent)
    for token in sent:
        if token.lemma_.lower() in REPORTING_VERBS and token.pos_ == "VERB":
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or (token.dep_ == "advcl" and token.tag_ == "VBG"):
                continue
            return Attribution(_speaker(subject, sent, last_person), source, token.lemma_.lower())
    return Attribution(None, source, None)


def last_person_before(sent: Span, position: int | None = None) -> str | None:
    """The last PERSON entity in the sentence before ``position`` (a token index)."""
    stop = sent.end if position is None else position
    people = [e for e in sent.ents if e.label_ == "PERSON" and e.end <= stop]
    return _clean(people[-1].text) if people else None


def _speaker(subject: Token, sent: Span, last_person: str | None) -> str | None:
    if subject.lower_ in _PRONOUNS and subject.lower_ not in ("i", "we"):
        return last_person_before(sent, subject.i) or last_person
    if subject.lower_ in ("i", "we"):
        return None
    doc: Doc = subject.doc
    for ent in sent.ents:
        if ent.start <= subject.i < ent.end and ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
            return _clean(ent.text)
    words = [t for t in subject.subtree if t.dep_ not in ("det", "punct")]
    if not words:
        return None
    return _clean(doc[words[0].i : words[-1].i + 1].text)


def _according_to(sent: Span) -> str | None:
    for token in sent[:-2]:
        if token.lower_ == "according" and token.nbor(1).lower_ == "to":
            objects = [c for c in token.nbor(1).children if c.dep_ == "pobj"]
            if objects:
                subtree = list(objects[0].subtree)
                return _clean(sent.doc[subtree[0].i : subtree[-1].i + 1].text)
    return None


def _clean(text: str) -> str:
    return text.strip(" ,.;:" + _OPENING + _CLOSING + '"')
