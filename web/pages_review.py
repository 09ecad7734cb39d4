"""The reviewer's pages: the queue, the next claim, a claim with its verdict form."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from claims.claimreview import InvalidEvidence, parse_evidence, parse_verdict
from claims.errors import ClaimdeskError
from claims.model import CLAIM_TYPES, VERDICTS
from db import desk, queue
from db.session import unit_of_work
from web.claim_view import claim_view
from web.queue_form import STATUS_CHOICES, read_filters
from web.security import CSRF, Editor, SignedIn
from web.templating import flash, render

router = APIRouter()
MAX_ID = 2**31 - 1
MAX_NOTE = 10_000
MAX_SKIPPED = 200  # the claims a session remembers skipping
_SKIPPED = "skipped"


@router.get("/")
def home(user: SignedIn) -> Response:
    return RedirectResponse("/queue", status_code=303)


@router.get("/queue")
def queue_page(request: Request, user: SignedIn) -> Response:
    form = read_filters(request.query_params)
    after = request.query_params.get("after")
    cursor = desk.Cursor.parse(after) if after else None
    if after and cursor is None:
        form.errors.append("page: this page link is broken; start again from the first page")
    page = desk.QueuePage([], None)
    if not form.errors:
        with unit_of_work(request.app.state.settings.database_url) as session:
            page = desk.queue_page(session, form.filters, cursor)
    context = {
        "form": form,
        "page": page,
        "first_page": cursor is not None,
        "statuses": STATUS_CHOICES,
        "types": CLAIM_TYPES,
        "next_link": form.query(after=str(page.next)) if page.next else None,
    }
    return render(request, "queue.html", context, 400 if form.errors else 200)


@router.post("/next", dependencies=CSRF)
def next_claim(request: Request, user: SignedIn) -> Response:
    """The next claim, leased to you. One you hold is skipped: it goes back to the queue
    once the next is yours, and this session passes over the claims you skipped until
    nothing else is queued."""
    settings = request.app.state.settings
    with unit_of_work(settings.database_url) as session:
        held = queue.held_by(session, user.name)
    skipped = _skipped(request)
    skipped += [c for c in held if c not in skipped]
    lease = queue.take_next(settings.database_url, user.name, settings.lease_minutes, skipped)
    if lease is None and skipped:  # only what you skipped is left: the first of it again
        lease = queue.take_next(settings.database_url, user.name, settings.lease_minutes)
        skipped = []
    if lease is None and held:
        flash(request, f"nothing else is queued: claim {held[0]} is still yours")
        return RedirectResponse(f"/claims/{held[0]}", status_code=303)
    if lease is None:  # a page of its own, which a reload does not send again
        return RedirectResponse("/next", status_code=303)
    request.session[_SKIPPED] = [c for c in skipped if c != lease.claim_id][-MAX_SKIPPED:]
    given_back = []
    for claim_id in held:
        with unit_of_work(settings.database_url) as session:
            try:
                queue.release(session, claim_id, user.name)
            except queue.QueueError:
                continue  # released or taken over meanwhile: nothing to give back
            session.commit()
        given_back.append(str(claim_id))
    if given_back:
        named = ", ".join(given_back)
        claims = f"claims {named}" if len(given_back) > 1 else f"claim {named}"
        flash(request, f"skipped: {claims} went back to the queue for someone else")
    return RedirectResponse(f"/claims/{lease.claim_id}", status_code=303)


@router.get("/next")
def nothing_next(request: Request, user: SignedIn) -> Response:
    """Where *Next claim* lands when nothing was queued: says whether that is still so."""
    with unit_of_work(request.app.state.settings.database_url) as session:
        waiting = queue.any_queued(session)
    return render(request, "empty.html", {"waiting": waiting})


def _skipped(request: Request) -> list[int]:
    kept = request.session.get(_SKIPPED, [])
    return [c for c in kept if isinstance(c, int)] if isinstance(kept, list) else []


@router.get("/claims/{claim_id}")
def claim_page(request: Request, claim_id: int, user: SignedIn) -> Response:
    return _claim_page(request, claim_id)


def _claim_page(
    request: Request,
    claim_id: int,
    form: dict[str, Any] | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    if not 1 <= claim_id <= MAX_ID:
        raise HTTPException(404, f"no claim {claim_id}")
    with unit_of_work(request.app.state.settings.database_url) as session:
        view = claim_view(session, claim_id)
    if view is None:
        raise HTTPException(404, f"no claim {claim_id}")
    claim = view["claim"]
    values = form or {
        "verdict": claim.verdict or "",
        "evidence": "\n".join(claim.evidence),
        "note": claim.notes or "",
        "version": str(claim.version),
    }
    context = view | {
        "form": values,
        "error": error,
        "conflict": status_code == 409,
        "verdicts": VERDICTS,
    }
    return render(request, "claim.html", context, status_code)


@router.post("/claims/{claim_id}/verdict", dependencies=CSRF)
def record_verdict(
    request: Request,
    claim_id: int,
    user: SignedIn,
    verdict: Annotated[str, Form()] = "",
    evidence: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    form = {"verdict": verdict, "evidence": evidence, "note": note, "version": version}
    try:
        expected = int(version)
    except ValueError:
        return _claim_page(request, claim_id, form, "the form lost its version: reload", 400)
    if len(note) > MAX_NOTE:
        return _claim_page(request, claim_id, form, f"note: at most {MAX_NOTE} characters", 400)
    if not verdict.strip():
        return _claim_page(request, claim_id, form, "verdict: choose one from the list", 400)
    try:
        canonical = parse_verdict(verdict)
    except ClaimdeskError as exc:
        return _claim_page(request, claim_id, form, f"verdict: {exc}", 400)
    urls, problem = _evidence_lines(evidence)
    if problem:
        return _claim_page(request, claim_id, form, problem, 400)
    with unit_of_work(request.app.state.settings.database_url) as session:
        try:
            changed = queue.record_verdict(
                session,
                claim_id,
                canonical,
                user.name,
                urls,
                note.strip() or None,
                expected_version=expected,
            )
        except queue.UnknownClaim as exc:
            raise HTTPException(404, str(exc)) from exc
        except queue.QueueError as exc:
            session.rollback()
            return _claim_page(request, claim_id, form, _conflict(exc), 409)
        session.commit()
    worded = canonical.replace("_", " ")
    done = f"verdict recorded: {worded}" if changed else "this verdict is recorded already"
    flash(request, done)
    return RedirectResponse(f"/claims/{claim_id}", status_code=303)


def _evidence_lines(text: str) -> tuple[list[str], str | None]:
    """The evidence box's URLs (one a line); or the first bad line, named whole and numbered.

    parse_evidence alone would name only the first word of "see the ministry site".
    """
    urls: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        try:
            urls += parse_evidence([line])
        except InvalidEvidence:
            line = line.strip()
            return [], f"evidence, line {number}: {line!r} is not an http(s) URL (one URL a line)"
    return urls, None


def _conflict(exc: queue.QueueError) -> str:
    if isinstance(exc, queue.StaleVersion):
        return f"{exc}: someone changed it while you had it open."
    return str(exc)


@router.post("/claims/{claim_id}/release", dependencies=CSRF)
def release(request: Request, claim_id: int, user: SignedIn) -> Response:
    with unit_of_work(request.app.state.settings.database_url) as session:
        try:
            queue.release(session, claim_id, user.name)
        except queue.UnknownClaim as exc:
            raise HTTPException(404, str(exc)) from exc
        except queue.QueueError as exc:
            flash(request, str(exc), "error")
            return RedirectResponse(f"/claims/{claim_id}", status_code=303)
        session.commit()
    flash(request, f"claim {claim_id} is back in the queue")
    return RedirectResponse("/queue", status_code=303)


@router.post("/claims/{claim_id}/reopen", dependencies=CSRF)
def reopen(
    request: Request, claim_id: int, user: Editor, note: Annotated[str, Form()] = ""
) -> Response:
    with unit_of_work(request.app.state.settings.database_url) as session:
        try:
            queue.reopen(session, claim_id, user.name, note.strip()[:MAX_NOTE] or None)
        except queue.UnknownClaim as exc:
            raise HTTPException(404, str(exc)) from exc
        except queue.QueueError as exc:
            flash(request, str(exc), "error")
            return RedirectResponse(f"/claims/{claim_id}", status_code=303)
        session.commit()
    flash(request, f"claim {claim_id} is back in the queue")
    return RedirectResponse(f"/claims/{claim_id}", status_code=303)
