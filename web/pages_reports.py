"""The overview and the exports (checklist CSV with the queue's filters; ClaimReview)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from claims.checklist import COLUMNS
from claims.claimreview import claim_review
from claims.model import VERDICTS
from db import desk, repository
from db.checklist_io import checklist_rows
from db.filters import ClaimFilter
from db.session import unit_of_work
from web.charts import columns, stacked_rows
from web.queue_form import read_filters
from web.security import Editor, SignedIn
from web.templating import render

router = APIRouter()
ROWS_PER_CHUNK = 200


@router.get("/overview")
def overview(request: Request, user: SignedIn) -> Response:
    with unit_of_work(request.app.state.settings.database_url) as session:
        stats = desk.overview(session)
    days = [day.strftime("%m-%d") for day, _ in stats.found_per_day]
    per_day = columns(
        days,
        {
            "found": [n for _, n in stats.found_per_day],
            "reviewed": [n for _, n in stats.reviewed_per_day],
        },
        every=2,
    )
    verdicts = stacked_rows(stats.verdicts_by_type, VERDICTS)
    context = {"stats": stats, "per_day": per_day, "verdicts": verdicts}
    return render(request, "overview.html", context)


@router.get("/export")
def export_page(request: Request, user: Editor) -> Response:
    form = read_filters(request.query_params)
    return render(request, "export.html", {"form": form}, 400 if form.errors else 200)


@router.get("/export/checklist.csv")
def export_checklist(request: Request, user: Editor) -> Response:
    """The checklist of the claims the queue page lists with these filters, streamed."""
    form = read_filters(request.query_params)
    if form.errors:
        return render(request, "export.html", {"form": form}, 400)
    url = request.app.state.settings.database_url
    name = f"checklist-{datetime.now(UTC):%Y-%m-%d}.csv"
    return StreamingResponse(
        _csv_chunks(url, form.filters),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _csv_chunks(url: str, filters: ClaimFilter) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    with unit_of_work(url) as session:
        for count, row in enumerate(checklist_rows(session, filters), 1):
            writer.writerow(row)
            if count % ROWS_PER_CHUNK == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()


@router.get("/export/claimreview.json")
def export_claimreview(request: Request, user: Editor) -> Response:
    """schema.org ClaimReview JSON-LD of every claim with a verdict on the 1-5 scale."""
    settings = request.app.state.settings
    with unit_of_work(settings.database_url) as session:
        rows = repository.queued_items(session, statuses=("reviewed",))
    reviews = [claim_review(c, settings.organisation, settings.organisation_url) for c in rows]
    published = [r for r in reviews if r is not None]
    name = f"claimreview-{datetime.now(UTC):%Y-%m-%d}.json"
    return Response(
        json.dumps(published, ensure_ascii=False, indent=2) + "\n",
        media_type="application/ld+json",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
