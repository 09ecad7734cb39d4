"""The desk's FastAPI application: middleware, error pages and the routes of web/pages_*."""

from __future__ import annotations

import re
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from flows.settings import Settings
from web import pages_admin, pages_auth, pages_reports, pages_review
from web.polling import PollLauncher, launch_poll
from web.security import BadCsrfToken, Forbidden, SignInRequired
from web.templating import HERE, render

ROUTERS = (pages_auth.router, pages_review.router, pages_reports.router, pages_admin.router)
SESSION_COOKIE = "claimdesk_session"
SESSION_HOURS = 12
_CLAIM_ACTION = re.compile(r"(/claims/[0-9]+)/[a-z]+")  # "/claims/12/verdict": a claim's form
# Everything the pages use comes from the desk itself: no inline script, nothing fetched.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def create_app(
    settings: Settings, *, secret_key: str | None = None, poll: PollLauncher = launch_poll
) -> FastAPI:
    """The desk over ``settings.database_url``; its session cookies signed with the key."""
    app = FastAPI(title="claimdesk desk", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.poll = poll
    key = secret_key or settings.secret_key or secrets.token_urlsafe(32)
    app.add_middleware(
        SessionMiddleware,
        secret_key=key,
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.middleware("http")(_security_headers)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_exception_handler(SignInRequired, _sign_in)
    app.add_exception_handler(Forbidden, _forbidden)
    app.add_exception_handler(BadCsrfToken, _bad_csrf)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _bad_request)
    for router in ROUTERS:
        app.include_router(router)
    return app


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    response.headers.update(SECURITY_HEADERS)
    if not request.url.path.startswith("/static/"):  # pages show live state: never cached
        response.headers.setdefault("Cache-Control", "no-store")
    return response


async def _sign_in(request: Request, exc: Exception) -> Response:
    """Back to the sign-in page, which brings the visitor back here afterwards."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    ended = ""
    if request.method != "GET":  # a form sent after the session ended: back to its page
        claim = _CLAIM_ACTION.fullmatch(request.url.path)
        target, ended = (claim[1] if claim else ""), "&ended=1"
    where = f"/signin?next={quote(target, safe='')}{ended}" if target else "/signin"
    return RedirectResponse(where, status_code=303)


async def _forbidden(request: Request, exc: Exception) -> Response:
    message = exc.message if isinstance(exc, Forbidden) else "not allowed"
    return render(request, "error.html", {"title": "Not allowed", "message": message}, 403)


async def _bad_csrf(request: Request, exc: Exception) -> Response:
    message = "This form has expired or did not come from the desk: go back, reload, try again."
    return render(request, "error.html", {"title": "Form refused", "message": message}, 403)


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "error"
    return render(request, "error.html", {"title": f"Error {status}", "message": detail}, status)


async def _bad_request(request: Request, exc: Exception) -> Response:
    """A mistyped address (``/claims/abc``) gets a page a reviewer can read, not JSON."""
    if request.url.path.startswith("/claims/"):
        title, message = "Error 404", "no such claim: a claim's address is /claims/ and its number"
        return render(request, "error.html", {"title": title, "message": message}, 404)
    message = "the desk could not read this request: go back, reload, try again"
    return render(request, "error.html", {"title": "Error 400", "message": message}, 400)
