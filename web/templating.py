"""The Jinja2 templates (autoescaped: every article text is shown as text) and their filters."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from claims.sources import format_every
from web.security import csrf_token

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.autoescape = True  # also for templates not ending in .html
templates.env.trim_blocks = templates.env.lstrip_blocks = True


def age(moment: datetime | None, at: datetime | None = None) -> str:
    """How long ago, in one unit: "5 min", "3 h", "2 d"."""
    if moment is None:
        return ""
    seconds = max(0, int(((at or datetime.now(UTC)) - moment).total_seconds()))
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"


def left(moment: datetime | None) -> str:
    """Time left until ``moment``: "12 min 05 s left" (static/desk.js counts it down)."""
    if moment is None:
        return ""
    seconds = int((moment - datetime.now(UTC)).total_seconds())
    if seconds <= 0:
        return "expired"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s left"
    return f"{seconds // 3600} h left"


def when(moment: datetime | str | None) -> str:
    """A moment as the desk shows it: "2019-05-22 14:05 UTC" (ISO text is read first)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if moment else ""


# The audit log's field names as the claim page's history shows them.
FIELD_NAMES = {
    "leased_by": "held by",
    "lease_expires_at": "lease ends",
    "reviewed_at": "reviewed at",
    "notes": "note",
}
WORDED_FIELDS = ("status", "verdict")  # values such as mostly_true, not_queued


def field_name(name: str) -> str:
    """An audit event's field as a reviewer reads it: "held by", not "leased_by"."""
    return FIELD_NAMES.get(name, name.replace("_", " "))


def shown(value: object, name: str = "") -> str:
    """A value of an audit event as a reviewer reads it: lists joined, times in UTC,
    a verdict or status in words ("mostly true")."""
    if value is None or value == [] or value == "":
        return "–"
    if name in WORDED_FIELDS and isinstance(value, str):
        return value.replace("_", " ")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            return when(value)
        except ValueError:
            return value
    return str(value)


templates.env.filters.update(
    shown=shown, field_name=field_name, age=age, left=left, when=when, every=format_every
)


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """A page, with the signed-in user, this session's CSRF token and pending messages."""
    values = {
        "user": getattr(request.state, "user", None),
        "csrf_token": csrf_token(request),
        "messages": request.session.pop("messages", []),
        **(context or {}),
    }
    return templates.TemplateResponse(request, name, values, status_code=status_code)


def flash(request: Request, text: str, kind: str = "info") -> None:
    """A message shown on the next page."""
    request.session.setdefault("messages", []).append([kind, text])
