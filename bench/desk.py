"""The desk's queue page at 100,000 claims: server time per request, SQLite and PostgreSQL.

The claims are written straight into the tables (1,000 articles of 100 claims; 80% queued,
5% leased, 15% reviewed), then a signed-in TestClient asks for the queue page: the time
is the whole server side of a request (session, query, template), with no network.
Each figure is the median of several requests after one warm-up.

    python -m bench.desk [--claims 100000] [--repeat 15] [--sqlite-only]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, text

from db.migrate import upgrade
from db.models import AppearanceRow, ClaimRow, DocumentRow, ReviewItemRow
from db.session import get_engine, unit_of_work
from db.users import add_user

TYPES = ("quantity", "comparison", "event", "attribution", "causal", "law_rule", "other")
PER_DOCUMENT = 100
CHUNK = 5_000
PASSWORD = "bench password"
QUERIES = {
    "first page": "/queue",
    "every status": "/queue?status=all",
    "page 2": None,  # the next link of the first page
    "type=comparison": "/queue?type=comparison",
    "min score 0.9": "/queue?min_score=0.9",
    "search 'district 7'": "/queue?q=district+7",
    "reviewer bob": "/queue?status=all&reviewer=bob",
    "search, no match": "/queue?q=zanzibar",  # the worst case: every claim is read
    "reviewed, one day": None,  # filled in by time_queue_page: yesterday's reviewed claims
}


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


def seed_claims(url: str, claims: int, seed: int = 7) -> None:
    """``claims`` queued claims in articles of PER_DOCUMENT, written in bulk."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    engine = get_engine(url)
    documents = max(1, claims // PER_DOCUMENT)
    with engine.begin() as connection:
        connection.execute(
            insert(_table(DocumentRow)),
            [
                {
                    "id": d + 1,
                    "location": f"https://news{d % 40}.example/story/{d}",
                    "title": f"Story {d} of the week",
                    "published": (now - timedelta(days=d % 60)).date(),
                    "date_source": "metadata",
                    "content_hash": hashlib.sha256(str(d).encode()).hexdigest(),
                    "text": "",
                    "sentences": PER_DOCUMENT,
                    "created_at": now,
                }
                for d in range(documents)
            ],
        )
        for start in range(0, claims, CHUNK):
            rows = [_rows(i, rng, now) for i in range(start, min(claims, start + CHUNK))]
            connection.execute(insert(_table(ClaimRow)), [r[0] for r in rows])
            connection.execute(insert(_table(AppearanceRow)), [r[1] for r in rows])
            connection.execute(insert(_table(ReviewItemRow)), [r[2] for r in rows])
    with unit_of_work(url) as session:
        add_user(session, "bench", "editor", PASSWORD)
        session.commit()
    if engine.dialect.name == "postgresql":  # as autovacuum would after a bulk load
        with engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()


def _rows(
    i: int, rng: random.Random, now: datetime
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    score = round(rng.uniform(0.5, 1.0), 4)
    text = f"The agency counted {rng.randint(2, 99_999)} cases in district {i % 500} in 2019."
    roll = rng.random()
    status = "queued" if roll < 0.8 else "leased" if roll < 0.85 else "reviewed"
    found = now - timedelta(minutes=i)
    claim = {
        "id": i + 1,
        "key": hashlib.sha256(f"{i}".encode()).hexdigest(),
        "number_key": None,
        "text": text,
        "score": score,
        "checkworthy": True,
        "type": TYPES[i % len(TYPES)],
        "reasons": ["number"],
        "quantities": [],
        "times": [],
        "speaker": "the ministry" if i % 3 == 0 else None,
        "source": None,
        "entities": [],
        "in_quote": False,
        "flags": [],
        "version": 1,
        "created_at": found,
    }
    appearance = {
        "claim_id": i + 1,
        "document_id": i // PER_DOCUMENT + 1,
        "sentence_index": i % PER_DOCUMENT,
        "paragraph": 0,
        "start": 0,
        "end": len(text),
    }
    item = {
        "claim_id": i + 1,
        "status": status,
        "priority": round(score * (1 + (i % 5) / 10), 6),
        "leased_by": rng.choice(("alice", "bob")) if status == "leased" else None,
        "lease_expires_at": now + timedelta(minutes=20) if status == "leased" else None,
        "verdict": "false" if status == "reviewed" else None,
        "evidence": [],
        "notes": None,
        "reviewer": rng.choice(("alice", "bob")) if status == "reviewed" else None,
        "reviewed_at": found if status == "reviewed" else None,
        "queued_at": found,
    }
    return claim, appearance, item


def time_queue_page(url: str, repeat: int) -> dict[str, float]:
    """Median server milliseconds of each of QUERIES."""
    import re

    from fastapi.testclient import TestClient

    from flows.settings import Settings
    from web.app import create_app

    app = create_app(Settings.from_env({"CLAIMDESK_DATABASE_URL": url}), secret_key="b" * 40)
    figures: dict[str, float] = {}
    with TestClient(app) as client:
        page = client.get("/signin").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token
        client.post("/signin", data={"name": "bench", "password": PASSWORD, "csrf_token": token[1]})
        first = client.get("/queue").text
        following = re.search(r'href="(/queue\?[^"]+)" rel="next"', first)
        assert following, "the first page has no next link"
        yesterday = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
        for name, path in QUERIES.items():
            target = path or following[1].replace("&amp;", "&")
            if name == "reviewed, one day":
                target = f"/queue?status=reviewed&since={yesterday}&until={yesterday}"
            response = client.get(target)  # warm-up: connection pool, caches
            assert response.status_code == 200, (target, response.status_code)
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                client.get(target)
                times.append((time.perf_counter() - start) * 1000)
            figures[name] = statistics.median(times)
    return figures


def databases(claims: int, sqlite_only: bool) -> Iterator[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        yield "SQLite", url
        get_engine(url).dispose()
    if sqlite_only:
        return
    from bench.leases import scratch_postgres

    with scratch_postgres() as url:
        yield "PostgreSQL", url


def measure(claims: int, repeat: int, sqlite_only: bool) -> dict[str, dict[str, float]]:
    """Median server milliseconds of each query, by database ("SQLite", "PostgreSQL")."""
    from argon2 import PasswordHasher

    import db.users

    db.users._hasher = PasswordHasher(time_cost=1, memory_cost=64)  # one sign-in, not timed
    figures: dict[str, dict[str, float]] = {}
    for name, url in databases(claims, sqlite_only):
        seed_claims(url, claims)
        figures[name] = time_queue_page(url, repeat)
    return figures


def main(claims: int = 100_000, repeat: int = 15, sqlite_only: bool = False) -> None:
    print(f"desk queue page, {claims:,} claims (median server time of {repeat} requests)")
    for name, queries in measure(claims, repeat, sqlite_only).items():
        print(name)
        for query, ms in queries.items():
            print(f"  {query:<22} {ms:7.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--sqlite-only", action="store_true")
    options = parser.parse_args()
    main(options.claims, options.repeat, options.sqlite_only)
