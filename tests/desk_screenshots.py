"""`make screenshots`: PNGs of the desk's main pages over the seed article's claims.

Extracts ``seeds/`` into a fresh SQLite database with the real pipeline, adds users, a
few verdicts and a source, serves the desk on 127.0.0.1 and photographs each page in
Debian's headless Chromium. Usage: python -m tests.desk_screenshots [OUT_DIR]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from db import queue, repository, sources, users
from db.session import unit_of_work
from tests.desk_support import PASSWORD, desk_app, serve

PROJECT = Path(__file__).resolve().parent.parent
OUT = PROJECT / "docs" / "screenshots"
WIDTH, HEIGHT = 1360, 860


def prepare(folder: Path) -> str:
    url = f"sqlite:///{folder / 'desk.db'}"
    env = dict(os.environ, CLAIMDESK_DATABASE_URL=url)
    for args in (["init"], ["extract", str(PROJECT / "seeds")]):
        subprocess.run([sys.executable, "-m", "cli", *args], env=env, check=True)
    with unit_of_work(url) as session:
        for name, role in (("alice", "reviewer"), ("bob", "reviewer"), ("erin", "editor")):
            users.add_user(session, name, role, PASSWORD)
        users.add_user(session, "adam", "admin", PASSWORD)
        sources.add_source(session, str(PROJECT / "seeds"), "folder", 3600)
        sources.add_source(session, "https://news.example.org/world/rss.xml", "feed", 900)
        session.commit()
    with unit_of_work(url) as session:  # two verdicts and a lease held by bob
        for reviewer, verdict in (("alice", "false"), ("erin", "mostly_true")):
            lease = queue.lease_next(session, reviewer, 30)
            assert lease is not None
            queue.record_verdict(
                session,
                lease.claim_id,
                verdict,
                reviewer,
                ["https://stats.example.org/venezuela-2019"],
                "Checked against the official registry.",
            )
        queue.lease_next(session, "bob", 30)
        session.commit()
    return url


def shoot(page: Page, name: str, out: Path, full: bool = False) -> None:
    path = out / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    print(path.relative_to(PROJECT) if path.is_relative_to(PROJECT) else path)


def sign_in(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}/signin")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/queue")


def main(out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        url = prepare(Path(folder))
        with unit_of_work(url) as session:
            reviewed = [r.id for r in repository.queued_items(session, ("reviewed",))]
        with serve(desk_app(url)) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.goto(f"{base}/queue")
            shoot(page, "signin", out)
            sign_in(page, base, "adam")
            page.goto(f"{base}/queue?status=all")
            shoot(page, "queue", out)
            page.get_by_role("button", name="Next claim").click()
            page.wait_for_url(f"{base}/claims/*")
            page.get_by_label("Evidence").fill("not a link")
            page.get_by_label("Verdict").select_option("false")
            page.get_by_role("button", name="Record verdict").click()
            shoot(page, "claim", out)
            page.goto(f"{base}/claims/{reviewed[0]}")
            shoot(page, "claim-reviewed", out, full=True)
            for name in ("overview", "sources", "export", "users"):
                page.goto(f"{base}/{name}")
                shoot(page, name, out, full=name == "overview")
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
