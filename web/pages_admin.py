"""Editors manage the sources; admins manage the users."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from claims.errors import ClaimdeskError
from claims.sources import KINDS, InvalidSource, parse_every
from db import sources, users
from db.session import unit_of_work
from flows.fetching.locations import resolve
from web.security import CSRF, Admin, Editor
from web.templating import flash, render

router = APIRouter()


def _sources_page(
    request: Request, form: dict[str, str] | None = None, error: str | None = None
) -> Response:
    values = form or {"location": "", "kind": "", "every": "1h"}
    context: dict[str, Any] = {"form": values, "error": error, "kinds": KINDS}
    with unit_of_work(request.app.state.settings.database_url) as session:
        context["sources"] = sources.list_sources(session)
        return render(request, "sources.html", context, 400 if error else 200)


@router.get("/sources")
def sources_page(request: Request, user: Editor) -> Response:
    return _sources_page(request)


@router.post("/sources", dependencies=CSRF)
def add_source(
    request: Request,
    user: Editor,
    location: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
    every: Annotated[str, Form()] = "1h",
) -> Response:
    settings = request.app.state.settings
    form = {"location": location, "kind": kind, "every": every}
    try:
        if not location.strip():
            raise InvalidSource("give a feed or page URL, or a folder")
        seconds = parse_every(every or "1h")
        stored, guessed = resolve(location, kind or None, settings.allow_private_hosts)
    except ClaimdeskError as exc:
        return _sources_page(request, form, str(exc))
    with unit_of_work(settings.database_url) as session:
        row, what = sources.add_source(session, stored, guessed, seconds)
        session.commit()
        flash(request, f"{what}: {row.kind} {row.location}")
    return RedirectResponse("/sources", status_code=303)


@router.post("/sources/{source_id}/remove", dependencies=CSRF)
def remove_source(request: Request, source_id: int, user: Editor) -> Response:
    with unit_of_work(request.app.state.settings.database_url) as session:
        try:
            row = sources.remove_source(session, str(source_id))
        except sources.UnknownSource as exc:
            raise HTTPException(404, str(exc)) from exc
        session.commit()
        flash(request, f"removed {row.kind} {row.location}; its documents and claims stay")
    return RedirectResponse("/sources", status_code=303)


@router.post("/sources/{source_id}/poll", dependencies=CSRF)
def poll_source(request: Request, source_id: int, user: Editor) -> Response:
    settings = request.app.state.settings
    with unit_of_work(settings.database_url) as session:
        try:
            location = sources.find_source(session, str(source_id)).location
        except sources.UnknownSource as exc:
            raise HTTPException(404, str(exc)) from exc
    request.app.state.poll(settings, location)
    flash(request, f"polling {location}: reload this page in a minute to see what it found")
    return RedirectResponse("/sources", status_code=303)


def _users_page(
    request: Request, form: dict[str, str] | None = None, error: str | None = None
) -> Response:
    with unit_of_work(request.app.state.settings.database_url) as session:
        rows = users.list_users(session)
    context = {
        "users": rows,
        "roles": users.ROLES,
        "form": form or {"name": "", "role": "reviewer"},
        "error": error,
    }
    return render(request, "users.html", context, 400 if error else 200)


@router.get("/users")
def users_page(request: Request, user: Admin) -> Response:
    return _users_page(request)


@router.post("/users", dependencies=CSRF)
def add_user(
    request: Request,
    user: Admin,
    name: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "reviewer",
    password: Annotated[str, Form()] = "",
) -> Response:
    with unit_of_work(request.app.state.settings.database_url) as session:
        try:
            added = users.add_user(session, name, role, password)
        except users.UserError as exc:
            return _users_page(request, {"name": name, "role": role}, str(exc))
        session.commit()
    flash(request, f"added {added.role} {added.name}")
    return RedirectResponse("/users", status_code=303)


@router.post("/users/disable", dependencies=CSRF)
def disable_user(
    request: Request,
    user: Admin,
    name: Annotated[str, Form()] = "",
    enable: Annotated[str, Form()] = "",
) -> Response:
    if name == user.name and not enable:
        flash(request, "you cannot disable yourself: ask another admin", "error")
        return RedirectResponse("/users", status_code=303)
    with unit_of_work(request.app.state.settings.database_url) as session:
        try:
            changed = users.set_disabled(session, name, disabled=not enable)
        except users.UnknownUser as exc:
            raise HTTPException(404, str(exc)) from exc
        session.commit()
    flash(request, f"{'enabled' if enable else 'disabled'} {changed.name}")
    return RedirectResponse("/users", status_code=303)
