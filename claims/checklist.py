"""The reviewer checklist: what to verify for each claim, as spreadsheet-safe cells."""

from __future__ import annotations

import re
from fractions import Fraction

from claims.model import Quantity, TimeSpan
from claims.stored import StoredClaim

COLUMNS = (
    "claim_id",
    "version",
    "priority",
    "status",
    "claim",
    "type",
    "score",
    "checks",
    "quantities",
    "dates",
    "speaker",
    "source",
    "context",
    "article_title",
    "article",
    "published",
    "published_source",
    "reasons",
    "verdict",
    "evidence",
    "notes",
    "reviewer",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)*|\.\d+)([eE][+-]?\d+)?%?$")
_SYMBOL = {
    "=": "",
    ">": "more than ",
    ">=": "at least ",
    "<": "less than ",
    "<=": "at most ",
    "~": "about ",
}


def safe_cell(value: object) -> str:
    """Neutralise text a spreadsheet would run as a formula; plain numbers stay numbers."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def unescape_cell(text: str) -> str:
    """Undo ``safe_cell`` for text read back from an exported checklist."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text


def checks(claim: StoredClaim) -> list[str]:
    """Each quantity, date and attribution of a claim as one concrete thing to verify."""
    found: list[str] = []
    for q in claim.quantities:
        found.append(f"Verify the figure {describe_quantity(q)} (“{q.text}”)")
    for t in claim.times:
        if t.start is None:
            found.append(f"Date “{t.text}” could not be resolved: find when it was")
        elif t.start == t.end:
            found.append(f"Verify it happened on {t.start} (“{t.text}”)")
        else:
            found.append(f"Verify it happened between {t.start} and {t.end} (“{t.text}”)")
    if claim.speaker:
        what = "these quoted words" if claim.in_quote else "this"
        found.append(f"Verify {claim.speaker} said {what}")
    if claim.source:
        found.append(f"Verify the source says so: {claim.source}")
    document = claim.document
    if document is not None and document.published is None:
        found.append("Find when the article was published: no date was found in it")
    if not found:
        found.append("Verify the claim as stated")
    return found


def describe_quantity(q: Quantity) -> str:
    unit = q.unit or ""
    if unit == "fraction":  # "two-thirds" is stored as 0.666…: show 2/3
        share = Fraction(q.value).limit_denominator(12)
        return f"{_SYMBOL.get(q.comparator, '')}{share} of".strip()
    if q.comparator == "range":
        high = _figure(q.value_high) if q.value_high is not None else "?"
        return f"{_figure(q.value)}–{high} {unit}".strip()
    if q.comparator == "change":
        sign = "+" if q.value > 0 else ""
        return f"change of {sign}{_figure(q.value)} {unit}".strip()
    return f"{_SYMBOL.get(q.comparator, '')}{_figure(q.value)} {unit}".strip()


def _figure(value: float) -> str:
    """A figure as a reviewer reads it: 12,000,000 and 42.195, not 12000000.0."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def checklist_row(claim: StoredClaim, context: str = "") -> dict[str, str]:
    """One checklist row for a stored claim."""
    return dict(zip(COLUMNS, checklist_cells(claim, context), strict=True))


def checklist_cells(claim: StoredClaim, context: str = "") -> list[str]:
    """``checklist_row``'s cells in COLUMNS order: what an export of 100,000 claims writes.

    Numbers and dates cannot start a formula, so only text goes through ``safe_cell``.
    """
    document = claim.document
    published = document.published if document else None
    return [
        str(claim.id),
        str(claim.version),
        _plain(claim.priority),
        safe_cell(claim.status),
        safe_cell(claim.text),
        safe_cell(claim.type),
        _plain(claim.score),
        safe_cell("\n".join(f"[ ] {c}" for c in checks(claim))),
        safe_cell("; ".join(describe_quantity(q) for q in claim.quantities)),
        safe_cell("; ".join(_date_text(t) for t in claim.times)),
        safe_cell(claim.speaker),
        safe_cell(claim.source),
        safe_cell(context),
        safe_cell(document.title if document else None),
        safe_cell(document.location if document else None),
        published.isoformat() if published else "",
        safe_cell(document.published_source if document else None),
        safe_cell("; ".join(claim.reasons)),
        safe_cell(claim.verdict),
        safe_cell(" ".join(claim.evidence)),
        safe_cell(claim.notes),
        safe_cell(claim.reviewer),
    ]


def _plain(number: float | None) -> str:
    return "" if number is None else str(number)


def _date_text(t: TimeSpan) -> str:
    if t.start is None:
        return f"{t.text}: unresolved"
    if t.start == t.end:
        return f"{t.text}: {t.start}"
    return f"{t.text}: {t.start}..{t.end}"
