"""An untouched checklist imported again is a no-op, on SQLite and PostgreSQL."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from db import checklist_io, queue
from db.checklist_io import ChecklistInvalid, ExportFilter, plan_import
from db.models import ClaimRow
from db.session import unit_of_work
from tests.integration.test_checklist_io import (
    TEXTS,
    event_count,
    import_text,
    review_state,
    seeded,  # noqa: F401  (a fixture)
)

NOTES = ("Checked twice.  \n", "\n  Figure from the 2019 census\r\n\r\n", "  ")


def exported_text(url: str) -> str:
    """The checklist exactly as `claimdesk export` writes it."""
    handle = io.StringIO(newline="")
    with unit_of_work(url) as session:
        checklist_io.write_checklist(session, handle, ExportFilter())
    return handle.getvalue()


def versions(url: str) -> dict[int, int]:
    with unit_of_work(url) as session:
        return {c.id: c.version for c in session.scalars(select(ClaimRow))}


def review(url: str, claim_id: int, verdict: str, reviewer: str, notes: str | None) -> None:
    with unit_of_work(url) as session:
        queue.record_verdict(session, claim_id, verdict, reviewer, ["https://a.example/x"], notes)
        session.commit()


def test_an_untouched_export_imported_again_changes_nothing(
    seeded: tuple[str, dict[str, int]],  # noqa: F811
) -> None:
    url, ids = seeded
    for text, notes in zip(TEXTS, NOTES, strict=True):  # whitespace a strip would eat
        review(url, ids[text], "false", "alice", notes)
    state, events, before = review_state(url), event_count(url), versions(url)

    with unit_of_work(url) as session:
        plan = plan_import(session, io.StringIO(exported_text(url), newline=""), "bob")
    applied = import_text(url, exported_text(url), reviewer="bob")

    assert (plan.changes, plan.unchanged, plan.empty) == ([], 3, 0)
    assert applied == 0
    assert review_state(url) == state and versions(url) == before and event_count(url) == events


def test_a_blank_row_is_skipped_although_someone_reviewed_its_claim_since(
    seeded: tuple[str, dict[str, int]],  # noqa: F811
) -> None:
    url, ids = seeded
    text = exported_text(url)  # every row blank
    review(url, ids[TEXTS[1]], "true", "carol", "Found the source.")
    state, events = review_state(url), event_count(url)

    assert import_text(url, text) == 0

    assert review_state(url) == state and event_count(url) == events


def test_a_semicolon_separated_checklist_gets_one_hint(
    seeded: tuple[str, dict[str, int]],  # noqa: F811
) -> None:
    url, _ = seeded
    text = exported_text(url).replace(",", ";")
    state, events = review_state(url), event_count(url)

    with pytest.raises(ChecklistInvalid) as caught:
        import_text(url, text)

    assert [str(e) for e in caught.value.errors] == [
        "row 1: the columns are separated by semicolons, not commas (a spreadsheet's regional "
        "setting): save it as comma-separated CSV, or export it again"
    ]
    assert review_state(url) == state and event_count(url) == events


@pytest.mark.parametrize("cut", ["in a quoted cell", "between cells"])
def test_a_checklist_cut_off_is_refused_and_nothing_is_imported(
    seeded: tuple[str, dict[str, int]],  # noqa: F811
    cut: str,
) -> None:
    """A file saved half-way (a full disk, a copy cut short) would otherwise import as
    rows without verdicts, or as a verdict cell holding the rest of the file."""
    url, _ = seeded
    lines = exported_text(url).splitlines(keepends=True)
    filled = lines[1].replace(",,,,\r\n", ',true,https://a.example/x,"Checked,\r\n')
    if cut == "in a quoted cell":
        text = lines[0] + filled  # the notes cell opens a quotation the file never closes
    else:
        text = lines[0] + ",".join(lines[1].split(",")[:3]) + "\r\n"  # id, version, priority
    state, events = review_state(url), event_count(url)

    with pytest.raises(ChecklistInvalid) as caught:
        import_text(url, text)

    [error] = [str(e) for e in caught.value.errors]
    expected = "unexpected end of data" if cut == "in a quoted cell" else "is the file cut off?"
    assert error.startswith("row 2") and expected in error
    assert review_state(url) == state and event_count(url) == events
