"""Helpers of the desk's tests: seeded claims and users, a signed-in TestClient, and a
real uvicorn server on 127.0.0.1 for the browser journeys and the screenshots."""

from __future__ import annotations

import hashlib
import re
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date

import pytest
import uvicorn
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from claims.model import Assessment, Claim, Document, Quantity, Sentence, TimeSpan
from db import repository, users
from db.session import unit_of_work
from flows.settings import Settings
from web.app import create_app

PASSWORD = "correct horse battery"
USERS = {"alice": "reviewer", "bob": "reviewer", "erin": "editor", "adam": "admin"}
SECRET = "test-secret-key-that-is-long-enough-0123456789"

FIGURE = "Approval slipped five percentage points from February to April, León said."
DEATHS = "The ministry counted 39 deaths in Magnitogorsk on Tuesday."
COURT = "The court charged 10 lawmakers with treason on April 30."
SCRIPT = 'The mayor wrote <script>alert("owned")</script> that 12 schools closed.'
BEFORE = "Caracas, Wednesday, May 22, 2019. The government held a briefing."
AFTER = "Officials did not answer questions afterwards."
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def a_claim(text: str, score: float, start: int, index: int, kind: str = "quantity") -> Claim:
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeSpan, ...] = ()
    if "slipped" in text:
        quantities = (
            Quantity("slipped five percentage points", -5, "percentage points", "change"),
        )
        times = (TimeSpan("from February to April", date(2019, 2, 1), date(2019, 4, 30)),)
    return Claim(
        Sentence(text, start, start + len(text), 1, index),
        Assessment(score, True, kind, ("number", "named source")),
        quantities=quantities,
        times=times,
        speaker="León" if "León" in text else None,
    )


def add_article(url: str, location: str, sentences: Sequence[tuple[str, float]]) -> None:
    """An article of three paragraphs whose middle one holds ``sentences`` (text, score)."""
    middle = " ".join(text for text, _ in sentences)
    text = f"{BEFORE}\n\n{middle}\n\n{AFTER}"
    claims, start = [], len(BEFORE) + 2
    for index, (sentence, score) in enumerate(sentences):
        claims.append(a_claim(sentence, score, start, index))
        start += len(sentence) + 1
    digest = hashlib.sha256(text.encode()).hexdigest()
    document = Document(
        text, location, f"Story at {location}", date(2019, 5, 22), "metadata", digest
    )
    with unit_of_work(url) as session:
        row = repository.add_document(session, document, len(claims))
        repository.store_claims(session, row, claims)
        session.commit()


def seed(url: str) -> dict[str, int]:
    """The desk's users and four queued claims (FIGURE first, SCRIPT last); text → id."""
    with unit_of_work(url) as session:
        for name, role in USERS.items():
            users.add_user(session, name, role, PASSWORD)
        session.commit()
    add_article(url, "https://news.example/a", [(FIGURE, 0.95), (COURT, 0.5)])
    add_article(url, "https://wire.example/b", [(DEATHS, 0.8), (SCRIPT, 0.3)])
    with unit_of_work(url) as session:
        return {row.text: row.id for row in repository.iter_claims(session)}


def desk_app(url: str) -> FastAPI:
    settings = Settings.from_env({"CLAIMDESK_DATABASE_URL": url})
    return create_app(settings, secret_key=SECRET, poll=lambda settings, location: None)


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "the page has no form with a CSRF token"
    return match[1]


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Sign ``client`` in; the CSRF token of its new session."""
    page = client.get("/signin")
    response = client.post(
        "/signin",
        data={"name": name, "password": password, "csrf_token": csrf_of(page.text), "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/queue").text)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run ``app`` under uvicorn on 127.0.0.1 in a thread; its base URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the desk did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 at its cheapest: the desk's real cost (0.5 s a hash here) would make the
    tests slow without testing anything more. Import this fixture into a test module."""
    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=64))
