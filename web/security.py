"""Sessions, CSRF tokens and roles.

The session is Starlette's signed cookie (HttpOnly, SameSite=Lax): it holds the user's
id and the CSRF token of their forms, nothing else. The user is read again from the
database on every request, so a disabled user is signed out at their next click.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Form, Request

from db.session import unit_of_work
from db.users import User, get_user

USER_KEY = "user_id"
CSRF_KEY = "csrf"
CSRF_FIELD = "csrf_token"


class SignInRequired(Exception):
    """The request needs a signed-in user and has none."""


class Forbidden(Exception):
    """The signed-in user's role does not allow this."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadCsrfToken(Exception):
    """A form came without the CSRF token of this session."""


def csrf_token(request: Request) -> str:
    """The token every form of this session carries; made on first use."""
    token = request.session.get(CSRF_KEY)
    if not isinstance(token, str) or not token:
        token = request.session[CSRF_KEY] = secrets.token_urlsafe(32)
    return token


def check_csrf(request: Request, csrf_token: Annotated[str, Form()] = "") -> None:
    """Refuse a form whose token is not this session's (a forged or stale form)."""
    expected = request.session.get(CSRF_KEY)
    if expected is None and request.url.path != "/signin":
        raise SignInRequired()  # the session ended (or never was): sign in, nothing is done
    if not isinstance(expected, str) or not secrets.compare_digest(
        expected.encode(), csrf_token.encode()
    ):
        raise BadCsrfToken()


def start_session(request: Request, user: User) -> None:
    """A new session for ``user``: whatever the old one held is dropped."""
    request.session.clear()
    request.session[USER_KEY] = user.id
    request.session[CSRF_KEY] = secrets.token_urlsafe(32)


def current_user(request: Request) -> User:
    user_id = request.session.get(USER_KEY)
    if not isinstance(user_id, int):
        raise SignInRequired()
    with unit_of_work(request.app.state.settings.database_url) as session:
        user = get_user(session, user_id)
    if user is None:  # removed or disabled since signing in
        request.session.clear()
        raise SignInRequired()
    request.state.user = user
    return user


def editor(user: Annotated[User, Depends(current_user)]) -> User:
    if not user.can("editor"):
        raise Forbidden("this needs an editor: ask an admin for the role")
    return user


def admin(user: Annotated[User, Depends(current_user)]) -> User:
    if not user.can("admin"):
        raise Forbidden("only admins manage users")
    return user


SignedIn = Annotated[User, Depends(current_user)]
Editor = Annotated[User, Depends(editor)]
Admin = Annotated[User, Depends(admin)]
CSRF = [Depends(check_csrf)]  # the dependencies of every form's route
