"""Everything the claim page shows, read in one unit of work."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from claims.checklist import checks, describe_quantity
from db import desk, repository

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")  # the break claims.segment splits on


@dataclass(frozen=True)
class Appearance:
    """Where the claim appears: the sentence inside its paragraph, in three parts."""

    title: str
    location: str
    is_url: bool
    published: str | None
    before: str
    sentence: str
    after: str


def paragraph_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The text before the sentence in its paragraph, the sentence, the text after it."""
    begin = 0
    for match in _PARAGRAPH_BREAK.finditer(text, 0, start):
        begin = match.end()
    following = _PARAGRAPH_BREAK.search(text, end)
    finish = following.start() if following else len(text)
    return text[begin:start].lstrip(), text[start:end], text[end:finish].rstrip()


def claim_view(session: Session, claim_id: int) -> dict[str, Any] | None:
    """The claim page's values; None when no claim has this id."""
    row = repository.get_claim(session, claim_id)
    if row is None:
        return None
    data = repository.claim_as_dict(row)
    appearances = []
    for appearance in row.appearances:
        document = appearance.document
        before, sentence, after = paragraph_around(document.text, appearance.start, appearance.end)
        appearances.append(
            Appearance(
                title=document.title,
                location=document.location,
                is_url=document.location.startswith(("http://", "https://")),
                published=document.published.isoformat() if document.published else None,
                before=before,
                sentence=sentence,
                after=after,
            )
        )
    return {
        "claim": data,
        "entry": desk.queue_entry(session, claim_id, datetime.now(UTC)),
        "checks": checks(data),
        "quantities": [(q, describe_quantity(q)) for q in data["quantities"]],
        "appearances": appearances,
        "events": desk.history(session, claim_id),
    }
