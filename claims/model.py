"""The domain's value objects: documents, sentences, claims and what they contain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Protocol

Comparator = Literal["=", ">", ">=", "<", "<=", "~", "range", "change"]

CLAIM_TYPES = (
    "quantity",
    "event",
    "attribution",
    "comparison",
    "causal",
    "law_rule",
    "prediction",
    "opinion",
    "other",
    "not_claim",
)

VERDICTS = (
    "true",
    "mostly_true",
    "half_true",
    "misleading",
    "false",
    "unverifiable",
    "not_checkable",
)


@dataclass(frozen=True)
class Quantity:
    """A number in a sentence with its unit and how it is asserted.

    ``comparator`` is ``change`` for a signed change ("slipped five points" is -5),
    ``range`` when ``value_high`` holds the upper bound.
    """

    text: str
    value: float
    unit: str
    comparator: Comparator = "="
    value_high: float | None = None
    start: int = 0  # character offsets inside the sentence
    end: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "value": _plain_number(self.value),
            "value_high": None if self.value_high is None else _plain_number(self.value_high),
            "unit": self.unit,
            "comparator": self.comparator,
        }


@dataclass(frozen=True)
class TimeSpan:
    """A time expression and the calendar days it covers (both ends inclusive).

    ``start`` and ``end`` are None when the expression is relative and the document
    has no publication date to resolve it against.
    """

    text: str
    start: date | None
    end: date | None
    char_start: int = 0  # character offsets inside the sentence
    char_end: int = 0

    @property
    def resolved(self) -> bool:
        return self.start is not None and self.end is not None

    def as_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


@dataclass(frozen=True)
class Entity:
    text: str
    label: str

    def as_dict(self) -> dict[str, str]:
        return {"text": self.text, "label": self.label}


NO_DATE = "no date found: relative dates are left unresolved"
OPTION_SOURCE = "--published option"
_DATE_ORIGINS = {
    "metadata": "page metadata",
    "feed": "feed entry",
    "column": "corpus CSV column",
    "option": OPTION_SOURCE,
    "none": NO_DATE,
}


@dataclass(frozen=True)
class Document:
    """A text to extract claims from, with where it came from."""

    text: str
    location: str  # a path or a URL
    title: str
    published: date | None
    date_source: str  # "date-line", "dateline", "byline", "filename", "metadata", "feed",
    # "column", "option" or "none"
    content_hash: str
    published_source: str = ""  # where the date came from, for the reviewer

    @property
    def date_origin(self) -> str:
        """Where the publication date came from, in words a reviewer reads."""
        return self.published_source or _DATE_ORIGINS.get(self.date_source, self.date_source)

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # character offsets in Document.text
    end: int
    paragraph: int
    index: int  # position of the sentence in the document


@dataclass(frozen=True)
class Assessment:
    """What the check-worthiness detector says of one sentence."""

    score: float
    checkworthy: bool
    type: str
    reasons: tuple[str, ...]  # at most five phrases for a reviewer (claims/reasons.py)
    # What the models computed (probabilities, weights, spaCy features): for --json only.
    features: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Claim:
    """A sentence with its assessment and the checkable parts it contains."""

    sentence: Sentence
    assessment: Assessment
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeSpan, ...] = ()
    speaker: str | None = None
    source: str | None = None
    entities: tuple[Entity, ...] = ()
    in_quote: bool = False
    flags: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def score(self) -> float:
        return self.assessment.score

    @property
    def checkworthy(self) -> bool:
        return self.assessment.checkworthy

    @property
    def type(self) -> str:
        return self.assessment.type

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.assessment.reasons

    def as_dict(self) -> dict[str, object]:
        """The claim's fields in the JSON shape of `claimdesk claims --json`."""
        return extracted_json(self)


class Extracted(Protocol):
    """What extraction found in a sentence: held by ``Claim`` and by the stored claim."""

    @property
    def text(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def checkworthy(self) -> bool: ...
    @property
    def type(self) -> str: ...
    @property
    def reasons(self) -> tuple[str, ...]: ...
    @property
    def quantities(self) -> tuple[Quantity, ...]: ...
    @property
    def times(self) -> tuple[TimeSpan, ...]: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def entities(self) -> tuple[Entity, ...]: ...
    @property
    def in_quote(self) -> bool: ...
    @property
    def flags(self) -> tuple[str, ...]: ...


def extracted_json(claim: Extracted) -> dict[str, object]:
    """The extracted fields in the JSON shape of `claimdesk claims --json`; keep the names."""
    return {
        "text": claim.text,
        "score": claim.score,
        "checkworthy": claim.checkworthy,
        "type": claim.type,
        "reasons": list(claim.reasons),
        "quantities": [q.as_dict() for q in claim.quantities],
        "times": [t.as_dict() for t in claim.times],
        "speaker": claim.speaker,
        "source": claim.source,
        "entities": [e.as_dict() for e in claim.entities],
        "in_quote": claim.in_quote,
        "flags": list(claim.flags),
    }


def _plain_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
