"""The checklist CSV round trip on SQLite and PostgreSQL: filtered streamed export, and an
import that validates every row and then applies all or nothing."""

from __future__ import annotations

import csv
import io
import os
import tracemalloc
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from claims.checklist import COLUMNS
from claims.model import Assessment, Claim, Document, Quantity, Sentence
from db import checklist_io, queue, repository
from db.checklist_io import ChecklistInvalid, ExportFilter, apply_import, plan_import
from db.models import ClaimRow, ReviewEventRow, ReviewItemRow
from db.session import unit_of_work

TEXTS = (
    '=HYPERLINK("http://evil.example") says exports rose 12 percent.',
    "Approval slipped five percentage points from February to April.",
    "The ministry counted 39 deaths in Magnitogorsk.",
)


def a_claim(text: str, score: float, kind: str = "quantity", index: int = 0) -> Claim:
    quantities = (
        (Quantity("slipped five points", -5, "points", "change"),) if "slipped" in text else ()
    )
    sentence = Sentence(text, 0, len(text), 0, index)
    return Claim(sentence, Assessment(score, True, kind, ("r",)), quantities=quantities)


def seed(url: str, claims: list[Claim], location: str = "/news/a.txt") -> dict[str, int]:
    document = Document("Body.", location, "Title", date(2019, 5, 22), "date-line", location)
    with unit_of_work(url) as session:
        row = repository.add_document(session, document, len(claims))
        repository.store_claims(session, row, claims)
        session.commit()
        return {c.text: c.id for c in session.scalars(select(ClaimRow))}


@pytest.fixture
def seeded(migrated_url: str) -> tuple[str, dict[str, int]]:
    claims = [
        a_claim(t, s, index=i) for i, (t, s) in enumerate(zip(TEXTS, (0.9, 0.8, 0.7), strict=True))
    ]
    return migrated_url, seed(migrated_url, claims)


def export(url: str, filters: ExportFilter | None = None) -> list[dict[str, str]]:
    handle = io.StringIO()
    with unit_of_work(url) as session:
        checklist_io.write_checklist(session, handle, filters or ExportFilter())
    return list(csv.DictReader(io.StringIO(handle.getvalue())))


def to_csv(rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> str:
    handle = io.StringIO()
    writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return handle.getvalue()


def import_text(url: str, text: str, reviewer: str = "alice", dry_run: bool = False) -> int:
    with unit_of_work(url) as session:
        plan = plan_import(session, io.StringIO(text), reviewer)
        if dry_run:
            return len(plan.changes)
        applied = apply_import(session, plan, reviewer)
        session.commit()
        return applied


def review_state(url: str) -> dict[int, tuple[object, ...]]:
    with unit_of_work(url) as session:
        return {
            i.claim_id: (i.status, i.verdict, tuple(i.evidence), i.notes, i.reviewer)
            for i in session.scalars(select(ReviewItemRow))
        }


def event_count(url: str) -> int:
    with unit_of_work(url) as session:
        return len(session.scalars(select(ReviewEventRow.id)).all())


def test_export_neutralises_formulas_but_keeps_numbers(seeded: tuple[str, dict[str, int]]) -> None:
    url, _ = seeded
    rows = export(url)
    assert [r["claim"][:5] for r in rows] == ["'=HYP", "Appro", "The m"]
    assert all(r["version"] == "1" for r in rows)
    assert rows[1]["quantities"] == "change of -5 points"
    assert "Verify the figure change of -5 points" in rows[1]["checks"]


def test_an_edited_checklist_imports_exactly_its_verdicts_and_twice_changes_nothing(
    seeded: tuple[str, dict[str, int]],
) -> None:
    url, ids = seeded
    rows = export(url)
    rows[0] |= {"verdict": "false", "evidence": "https://stats.example/a", "notes": "=1+1"}
    rows[1] |= {"verdict": "Mostly true", "notes": "-5", "reviewer": "bob"}
    text = to_csv(rows)
    before = event_count(url)
    assert import_text(url, text) == 2
    state = review_state(url)
    assert state[ids[TEXTS[0]]] == (
        "reviewed",
        "false",
        ("https://stats.example/a",),
        "=1+1",
        "alice",
    )
    assert state[ids[TEXTS[1]]] == ("reviewed", "mostly_true", (), "-5", "bob")
    assert state[ids[TEXTS[2]]] == ("queued", None, (), None, None)
    assert event_count(url) == before + 2
    with unit_of_work(url) as session:
        kinds = session.scalars(select(ReviewEventRow.kind).order_by(ReviewEventRow.id)).all()
    assert kinds[-2:] == ["imported", "imported"]
    assert import_text(url, text) == 0  # the same file again
    assert review_state(url) == state and event_count(url) == before + 2
    again = export(url)  # and a fresh export carries the verdicts and new versions
    assert (again[0]["verdict"], again[0]["notes"], again[0]["version"]) == ("false", "'=1+1", "2")
    assert again[1]["notes"] == "-5"
    assert import_text(url, to_csv(again)) == 0


@pytest.mark.parametrize(
    ("edit", "column", "problem"),
    [
        ({"claim_id": "999"}, "claim_id", "unknown claim id 999"),
        ({"claim_id": "x"}, "claim_id", "'x' is not a whole number"),
        ({"verdict": "maybe"}, "verdict", "'maybe' is not a verdict"),
        ({"verdict": "false", "evidence": "ftp://x.example/a"}, "evidence", "not an http(s) URL"),
        ({"verdict": "", "notes": "checked half"}, "verdict", "without a verdict"),
        ({"verdict": "false", "version": "0"}, "version", "changed since this checklist"),
        ({"claim_id": "99999999999"}, "claim_id", "'99999999999' is out of range"),
        ({"verdict": "false", "notes": "bad\x00byte"}, "notes", "contains a NUL character"),
        ({"verdict": "false", "reviewer": "r" * 201}, "reviewer", "longer than 200 characters"),
    ],
)
def test_one_bad_row_changes_nothing_and_is_named_by_row_and_column(
    seeded: tuple[str, dict[str, int]], edit: dict[str, str], column: str, problem: str
) -> None:
    url, _ = seeded
    rows = export(url)
    rows[0] |= {"verdict": "true"}
    rows[2] |= {"verdict": "false"} | edit
    before, events = review_state(url), event_count(url)
    with pytest.raises(ChecklistInvalid) as caught:
        import_text(url, to_csv(rows))
    [error] = caught.value.errors
    assert (error.row, error.column) == (4, column)
    assert problem in str(error) and str(error).startswith(f"row 4, column {column}: ")
    assert review_state(url) == before and event_count(url) == events


def test_row_numbers_are_the_spreadsheet_rows_whatever_lines_multi_line_cells_take(
    seeded: tuple[str, dict[str, int]],
) -> None:
    url, _ = seeded
    rows = export(url)
    rows[0]["notes"] = "first line\nsecond line\nthird line"
    rows[0]["verdict"] = "true"
    rows[1]["verdict"] = "nope"
    with pytest.raises(ChecklistInvalid) as caught:
        import_text(url, to_csv(rows))
    assert [e.row for e in caught.value.errors] == [3]


def test_a_wrong_header_is_refused_before_any_row(seeded: tuple[str, dict[str, int]]) -> None:
    url, _ = seeded
    rows = export(url)
    columns = tuple("verdicts" if c == "verdict" else c for c in COLUMNS)
    renamed = [{("verdicts" if k == "verdict" else k): v for k, v in r.items()} for r in rows]
    with pytest.raises(ChecklistInvalid) as caught:
        import_text(url, to_csv(renamed, columns))
    assert {(e.row, e.column, e.problem) for e in caught.value.errors} == {
        (1, "verdict", "missing column"),
        (1, "verdicts", "unknown column"),
    }
    with pytest.raises(ChecklistInvalid, match="1 bad row"):
        import_text(url, "")


def test_a_claim_twice_in_one_file_is_refused(seeded: tuple[str, dict[str, int]]) -> None:
    url, _ = seeded
    rows = export(url)
    with pytest.raises(ChecklistInvalid) as caught:
        import_text(url, to_csv([rows[0] | {"verdict": "true"}, rows[0] | {"verdict": "false"}]))
    assert [(e.row, e.column) for e in caught.value.errors] == [(3, "claim_id")]


def test_a_verdict_on_a_claim_leased_by_another_reviewer_is_refused(
    seeded: tuple[str, dict[str, int]],
) -> None:
    url, ids = seeded
    rows = export(url)
    with unit_of_work(url) as session:
        lease = queue.lease_next(session, "carol", 30)
        session.commit()
    assert lease is not None and lease.claim_id == ids[TEXTS[0]]
    with pytest.raises(ChecklistInvalid, match="nothing was imported") as caught:
        import_text(url, to_csv([rows[0] | {"verdict": "true"}]))
    assert "leased by carol" in str(caught.value.errors[0])
    assert import_text(url, to_csv([rows[0] | {"verdict": "true"}]), reviewer="carol") == 1


def test_a_dry_run_reports_the_changes_and_makes_none(seeded: tuple[str, dict[str, int]]) -> None:
    url, _ = seeded
    rows = export(url)
    rows[1]["verdict"] = "half_true"
    before, events = review_state(url), event_count(url)
    assert import_text(url, to_csv(rows), dry_run=True) == 1
    assert review_state(url) == before and event_count(url) == events


def test_export_filters_by_status_time_score_reviewer_and_type(migrated_url: str) -> None:
    ids = seed(
        migrated_url,
        [
            a_claim("Exports rose 12 percent in 2018.", 0.95, "quantity", 0),
            a_claim("The court ruled on 4 May.", 0.6, "event", 1),
            a_claim("Prices doubled in 3 years, he said.", 0.8, "attribution", 2),
        ],
    )
    with unit_of_work(migrated_url) as session:
        queue.record_verdict(session, ids["The court ruled on 4 May."], "true", "bob")
        session.commit()

    def claims(**filters: object) -> list[str]:
        return [r["claim"] for r in export(migrated_url, ExportFilter(**filters))]  # type: ignore[arg-type]

    assert len(claims()) == 3
    assert claims(statuses=("reviewed",)) == ["The court ruled on 4 May."]
    assert claims(min_score=0.8) == [
        "Exports rose 12 percent in 2018.",
        "Prices doubled in 3 years, he said.",
    ]
    assert claims(reviewer="bob") == ["The court ruled on 4 May."]
    assert claims(types=("attribution", "event")) == [
        "Prices doubled in 3 years, he said.",
        "The court ruled on 4 May.",
    ]
    assert claims(since=datetime.now(UTC) + timedelta(hours=1)) == []
    assert len(claims(since=datetime.now(UTC) - timedelta(hours=1))) == 3


def test_export_streams_in_constant_memory(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checklist_io, "BATCH", 50)
    claims = [
        a_claim(
            f"District {i} reported {i} new cases on day {i}.",
            0.9,
            "event" if i < 150 else "quantity",
            i,
        )
        for i in range(900)
    ]
    seed(migrated_url, claims)

    def peak(filters: ExportFilter) -> tuple[int, int]:
        with unit_of_work(migrated_url) as session, open(os.devnull, "w") as sink:
            tracemalloc.start()
            count = checklist_io.write_checklist(session, sink, filters)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        return count, peak

    small_count, small = peak(ExportFilter(types=("event",)))
    large_count, large = peak(ExportFilter())
    assert (small_count, large_count) == (150, 900)
    assert large < 2 * small  # six times the rows, not six times the memory
