"""The desk's users on SQLite and PostgreSQL: adding, signing in, the lock-out, disabling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db import users
from db.session import unit_of_work
from tests.desk_support import fast_hashing  # noqa: F401 (an autouse fixture)

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture
def url(migrated_url: str) -> str:
    with unit_of_work(migrated_url) as session:
        users.add_user(session, "alice", "editor", PASSWORD)
        session.commit()
    return migrated_url


def sign_in(url: str, password: str, at: datetime, name: str = "alice") -> users.User:
    with unit_of_work(url) as session:
        try:
            return users.authenticate(session, name, password, at)
        finally:
            session.commit()  # as the desk does: failures count


def test_a_user_signs_in_with_the_password_stored_only_as_an_argon2_hash(url: str) -> None:
    user = sign_in(url, PASSWORD, AT)
    assert (user.name, user.role, user.can("reviewer"), user.can("admin")) == (
        "alice",
        "editor",
        True,
        False,
    )
    from db.models import UserRow

    with unit_of_work(url) as session:
        stored = session.query(UserRow).one().password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_a_wrong_password_or_an_unknown_name_is_refused_alike(url: str) -> None:
    with pytest.raises(users.SignInRefused) as wrong:
        sign_in(url, "not the password", AT)
    with pytest.raises(users.SignInRefused) as unknown:
        sign_in(url, PASSWORD, AT, name="mallory")
    assert str(wrong.value) == str(unknown.value) == "wrong name or password"


def test_five_wrong_passwords_in_a_minute_lock_the_account_for_a_while(url: str) -> None:
    for second in range(4):
        with pytest.raises(users.SignInRefused):
            sign_in(url, "guess", AT + timedelta(seconds=second * 10))
    with pytest.raises(users.AccountLocked):
        sign_in(url, "guess", AT + timedelta(seconds=50))
    with pytest.raises(users.AccountLocked):  # even the right password, while locked
        sign_in(url, PASSWORD, AT + timedelta(minutes=10))
    assert sign_in(url, PASSWORD, AT + timedelta(minutes=16)).name == "alice"


def test_wrong_passwords_spread_over_more_than_a_minute_do_not_lock(url: str) -> None:
    for minute in range(8):
        with pytest.raises(users.SignInRefused):
            sign_in(url, "guess", AT + timedelta(seconds=minute * 20 + (minute // 4) * 60))
    assert sign_in(url, PASSWORD, AT + timedelta(minutes=5)).name == "alice"


def test_a_disabled_user_cannot_sign_in_and_their_session_ends(url: str) -> None:
    user = sign_in(url, PASSWORD, AT)
    with unit_of_work(url) as session:
        users.set_disabled(session, "alice")
        session.commit()
        assert users.get_user(session, user.id) is None
    with pytest.raises(users.SignInRefused):
        sign_in(url, PASSWORD, AT)
    with unit_of_work(url) as session:
        users.set_disabled(session, "alice", disabled=False)
        session.commit()
    assert sign_in(url, PASSWORD, AT).name == "alice"


@pytest.mark.parametrize(
    ("name", "role", "password", "problem"),
    [
        ("alice", "reviewer", PASSWORD, "there is a user 'alice' already"),
        ("bob smith", "reviewer", PASSWORD, "without spaces"),
        ("bob", "boss", PASSWORD, "unknown role 'boss'"),
        ("bob", "reviewer", "short", "a password is 8 to"),
    ],
)
def test_a_bad_new_user_is_refused_and_nothing_is_added(
    url: str, name: str, role: str, password: str, problem: str
) -> None:
    with unit_of_work(url) as session:
        with pytest.raises(users.InvalidUser, match=problem):
            users.add_user(session, name, role, password)
        assert [u.name for u in users.list_users(session)] == ["alice"]
