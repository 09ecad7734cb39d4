"""The desk's users: names, roles, Argon2 password hashes, sign-in with a lock-out.

A role grants what the roles below it grant: a reviewer reviews; an editor also
re-opens claims, manages sources and exports; an admin also manages users. Five wrong
passwords within a minute lock the account for a quarter of an hour. Helpers here
never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from claims.errors import ClaimdeskError
from db.models import UserRow

ROLES = ("reviewer", "editor", "admin")
MAX_NAME = 200  # the width of the reviewer columns the name is written into
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # hashing a megabyte of "password" is a cheap way to load a server
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=1)
LOCK_TIME = timedelta(minutes=15)

_hasher = PasswordHasher()  # argon2id with the library's recommended cost
_dummy: dict[str, str] = {}


class UserError(ClaimdeskError):
    """A user cannot be added, found or signed in."""


class InvalidUser(UserError):
    """The name, role or password of a new user is not acceptable."""


class UnknownUser(UserError):
    """No user has this name."""

    def __init__(self, name: str) -> None:
        super().__init__(f"no user {name!r}; `claimdesk users list` shows them")
        self.name = name


class SignInRefused(UserError):
    """The name and password do not sign anyone in (deliberately vague)."""

    def __init__(self) -> None:
        super().__init__("wrong name or password")


class AccountLocked(UserError):
    """Too many wrong passwords: the account is locked for a while."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f"too many wrong passwords: the account is locked until {until:%H:%M} UTC")
        self.until = until


@dataclass(frozen=True)
class User:
    """A signed-in user as the desk sees it."""

    id: int
    name: str
    role: str
    disabled: bool = False

    def can(self, role: str) -> bool:
        """Whether this user has ``role`` or a role above it."""
        return can(self.role, role)


def can(role: str, needed: str) -> bool:
    """Whether ``role`` grants what ``needed`` grants."""
    return ROLES.index(role) >= ROLES.index(needed)


def check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_NAME or any(c.isspace() or not c.isprintable() for c in name):
        raise InvalidUser(f"a user name is 1 to {MAX_NAME} characters without spaces")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidUser(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    return role


def check_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidUser(f"a password is {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    return password


def add_user(session: Session, name: str, role: str, password: str) -> User:
    """Add a user; a name already taken is refused."""
    name, role = check_name(name), check_role(role)
    check_password(password)
    if session.scalars(select(UserRow).where(UserRow.name == name)).first() is not None:
        raise InvalidUser(f"there is a user {name!r} already")
    row = UserRow(
        name=name,
        role=role,
        password_hash=_hasher.hash(password),
        disabled=False,
        failures=0,
        created_at=_now(),
    )
    session.add(row)
    session.flush()
    return _user(row)


def list_users(session: Session) -> list[User]:
    return [_user(row) for row in session.scalars(select(UserRow).order_by(UserRow.name))]


def set_disabled(session: Session, name: str, disabled: bool = True) -> User:
    """Disable a user (their sessions end at their next request), or enable them again."""
    row = _find(session, name)
    row.disabled = disabled
    session.flush()
    return _user(row)


def get_user(session: Session, user_id: int) -> User | None:
    """The user behind a session; None when they are gone or disabled."""
    row = session.get(UserRow, user_id)
    if row is None or row.disabled:
        return None
    return _user(row)


def authenticate(session: Session, name: str, password: str, at: datetime | None = None) -> User:
    """The user with this name and password; ``SignInRefused`` or ``AccountLocked`` else.

    The caller commits either way: a wrong password is counted towards the lock-out.
    """
    at = at or _now()
    row = session.scalars(
        select(UserRow).where(UserRow.name == name.strip()).with_for_update()
    ).first()
    if row is None or row.disabled:
        # A wrong name costs as long as a wrong password: the time taken does not tell
        # which names exist.
        _verify(_dummy_hash(), password)
        raise SignInRefused()
    locked = row.locked_until
    if locked is not None and locked > at:
        raise AccountLocked(locked)
    if _verify(row.password_hash, password[:MAX_PASSWORD]):
        row.failures, row.first_failure_at, row.locked_until = 0, None, None
        if _hasher.check_needs_rehash(row.password_hash):
            row.password_hash = _hasher.hash(password)
        session.flush()
        return _user(row)
    first = row.first_failure_at
    if first is None or at - first > FAILURE_WINDOW:
        row.failures, row.first_failure_at = 0, at
    row.failures += 1
    if row.failures >= MAX_FAILURES:
        row.locked_until = at + LOCK_TIME
        row.failures, row.first_failure_at = 0, None
        session.flush()
        raise AccountLocked(row.locked_until)
    session.flush()
    raise SignInRefused()


def _dummy_hash() -> str:
    key = repr(_hasher)
    if key not in _dummy:
        _dummy[key] = _hasher.hash("claimdesk: no such user")
    return _dummy[key]


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _find(session: Session, name: str) -> UserRow:
    row = session.scalars(select(UserRow).where(UserRow.name == name.strip())).first()
    if row is None:
        raise UnknownUser(name)
    return row


def _user(row: UserRow) -> User:
    return User(row.id, row.name, row.role, row.disabled)


def _now() -> datetime:
    return datetime.now(UTC)
