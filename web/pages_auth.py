"""Signing in and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from db.session import unit_of_work
from db.users import AccountLocked, SignInRefused, authenticate
from web.security import CSRF, USER_KEY, start_session
from web.templating import render

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this desk, never another site."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


@router.get("/signin")
def signin_page(request: Request, next: str | None = None, ended: str | None = None) -> Response:
    if isinstance(request.session.get(USER_KEY), int):
        return RedirectResponse(safe_next(next), status_code=303)
    context = {"next": safe_next(next), "name": "", "ended": ended is not None}
    return render(request, "signin.html", context)


@router.post("/signin", dependencies=CSRF)
def signin(
    request: Request,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    with unit_of_work(request.app.state.settings.database_url) as session:
        try:
            user = authenticate(session, name, password)
        except (SignInRefused, AccountLocked) as exc:
            session.commit()  # a wrong password counts towards the lock-out
            context = {"next": safe_next(next), "name": name, "error": str(exc)}
            return render(request, "signin.html", context, status_code=401)
        session.commit()
    start_session(request, user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/signout", dependencies=CSRF)
def signout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/signin", status_code=303)
