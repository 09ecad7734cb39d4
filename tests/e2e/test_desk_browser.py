"""Journeys through the desk in a real headless Chromium (Debian's), driven by Playwright,
against uvicorn serving the desk on 127.0.0.1."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import queue, repository
from db.migrate import upgrade
from db.session import unit_of_work
from tests.desk_support import (
    FIGURE,
    PASSWORD,
    SCRIPT,
    desk_app,
    fast_hashing,  # noqa: F401 (an autouse fixture)
    seed,
    serve,
)

CHROMIUM = Path("/usr/bin/chromium")

if not CHROMIUM.exists() and not os.environ.get("CLAIMDESK_REQUIRE_BROWSER"):
    pytest.skip(
        "no /usr/bin/chromium: apt-get install chromium chromium-driver", allow_module_level=True
    )

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"], headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def url(tmp_path: Path) -> Iterator[str]:
    database = f"sqlite:///{tmp_path / 'desk.db'}"
    upgrade(database)
    yield database
    from db.session import get_engine

    get_engine(database).dispose()


@pytest.fixture
def ids(url: str) -> dict[str, int]:
    return seed(url)


@pytest.fixture
def base(url: str, ids: dict[str, int]) -> Iterator[str]:
    with serve(desk_app(url)) as address:
        yield address


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True)
    yield context.new_page()
    context.close()


def sign_in(page: Page, base: str, name: str, path: str = "/") -> None:
    page.goto(base + path)
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".who")).to_contain_text(name)


def status_of(url: str, claim_id: int) -> tuple[str, str | None]:
    with unit_of_work(url) as session:
        claim = repository.get_claim(session, claim_id)
        assert claim is not None
        return claim.status, claim.verdict


def test_sign_in_next_claim_verdict_with_evidence_then_history_and_csv(
    page: Page, base: str, ids: dict[str, int], url: str, tmp_path: Path
) -> None:
    sign_in(page, base, "erin")
    page.get_by_role("button", name="Next claim").click()
    expect(page).to_have_url(f"{base}/claims/{ids[FIGURE]}")
    expect(page.locator("mark")).to_have_text(FIGURE)
    expect(page.locator(".lease")).to_contain_text("Held by erin")
    page.get_by_label("Verdict").select_option("false")
    page.get_by_label("Evidence").fill("https://stats.example.org/approval-2019")
    page.get_by_label("Note").fill("The poll shows three points, not five.")
    page.get_by_role("button", name="Record verdict").click()
    expect(page.locator(".message")).to_have_text("verdict recorded: false")
    history = page.locator("#history > li").last
    expect(history).to_contain_text("reviewed by erin")
    expect(history).to_contain_text("https://stats.example.org/approval-2019")
    page.goto(f"{base}/queue?status=reviewed")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export these as CSV").click()
    saved = tmp_path / "checklist.csv"
    download.value.save_as(saved)
    with saved.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["claim_id"], r["verdict"], r["evidence"], r["reviewer"]) for r in rows] == [
        (str(ids[FIGURE]), "false", "https://stats.example.org/approval-2019", "erin")
    ]


def test_two_reviewers_in_two_browsers_never_get_the_same_claim(
    browser: Browser, base: str, ids: dict[str, int]
) -> None:
    contexts = [browser.new_context() for _ in range(2)]
    pages = [context.new_page() for context in contexts]
    for page, name in zip(pages, ("alice", "bob"), strict=True):
        sign_in(page, base, name)
    taken: list[str] = []
    for _ in range(len(ids) // 2):  # both lease, then both decide: one claim at a time each
        for page in pages:
            page.get_by_role("button", name="Next claim").click()
            page.wait_for_url(f"{base}/claims/*")
            taken.append(page.url.rsplit("/", 1)[1])
        for page in pages:
            page.get_by_label("Verdict").select_option("true")
            page.get_by_role("button", name="Record verdict").click()
            expect(page.locator(".message")).to_have_text("verdict recorded: true")
    assert sorted(taken) == sorted(str(i) for i in ids.values())
    pages[0].get_by_role("button", name="Next claim").click()
    expect(pages[0].locator("#queue-empty")).to_be_visible()
    reviewed = pages[1].goto(f"{base}/queue?status=reviewed")
    assert reviewed is not None and reviewed.ok
    expect(pages[1].locator("table.queue tbody tr")).to_have_count(len(ids))
    for context in contexts:
        context.close()


def test_a_bad_evidence_url_shows_an_error_in_place_and_saves_nothing(
    page: Page, base: str, ids: dict[str, int], url: str
) -> None:
    sign_in(page, base, "alice")
    page.get_by_role("button", name="Next claim").click()
    page.get_by_label("Verdict").select_option("misleading")
    page.get_by_label("Evidence").fill("stats.example.org/approval")
    page.get_by_label("Note").fill("kept when the form comes back")
    page.get_by_role("button", name="Record verdict").click()
    expect(page.locator("#form-error")).to_contain_text(
        "'stats.example.org/approval' is not an http(s) URL"
    )
    expect(page.get_by_label("Note")).to_have_value("kept when the form comes back")
    expect(page.locator("#history")).not_to_contain_text("reviewed by")
    assert status_of(url, ids[FIGURE]) == ("leased", None)


def test_a_draft_verdict_outlives_an_ended_session_and_the_ticks_a_reload(
    page: Page, base: str, ids: dict[str, int], url: str
) -> None:
    sign_in(page, base, "alice")
    page.get_by_role("button", name="Next claim").click()
    claim = f"{base}/claims/{ids[FIGURE]}"
    expect(page).to_have_url(claim)
    ticks = page.locator(".checklist input[type=checkbox]")
    ticks.first.check()
    page.reload()
    expect(ticks.first).to_be_checked()
    page.get_by_label("Verdict").select_option("misleading")
    page.get_by_label("Note").fill("The survey was of 400 people, not 4,000.")
    page.context.clear_cookies()  # the session ends while the reviewer writes
    page.get_by_role("button", name="Record verdict").click()
    expect(page).to_have_url(f"{base}/signin?next=%2Fclaims%2F{ids[FIGURE]}&ended=1")
    expect(page.locator("#session-ended")).to_contain_text("nothing was saved")
    assert status_of(url, ids[FIGURE]) == ("leased", None)  # nothing was recorded
    page.get_by_label("Name").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(claim)
    expect(page.locator("#draft-restored")).to_be_visible()
    expect(page.get_by_label("Note")).to_have_value("The survey was of 400 people, not 4,000.")
    expect(page.get_by_label("Verdict")).to_have_value("misleading")
    page.get_by_role("button", name="Record verdict").click()
    expect(page.locator(".message")).to_have_text("verdict recorded: misleading")
    assert status_of(url, ids[FIGURE]) == ("reviewed", "misleading")
    page.reload()  # recorded: the draft is gone, the ticks stay
    expect(page.locator("#draft-restored")).to_have_count(0)
    expect(ticks.first).to_be_checked()
    page.get_by_label("Note").fill("a second thought, not recorded")
    with unit_of_work(url) as session:  # meanwhile the claim changes (version 3)
        queue.reopen(session, ids[FIGURE], "adam", "look again")
        session.commit()
    page.reload()
    expect(page.locator("#draft-restored")).to_contain_text("the claim changed after you wrote it")
    expect(page.get_by_label("Note")).to_have_value("a second thought, not recorded")
    colleague = "claimdesk:draft:u999-claim-1"  # a colleague's, whose session ended here
    page.evaluate(f"window.localStorage.setItem('{colleague}', '{{}}')")
    page.get_by_role("button", name="Sign out").click()  # the next person finds nothing
    assert page.evaluate("Object.keys(window.localStorage)") == [colleague]


def test_a_signed_out_visitor_is_sent_to_sign_in_and_then_back(
    page: Page, base: str, ids: dict[str, int]
) -> None:
    page.goto(f"{base}/claims/{ids[FIGURE]}")
    expect(page).to_have_url(f"{base}/signin?next=%2Fclaims%2F{ids[FIGURE]}")
    expect(page.get_by_role("heading", name="Sign in to the desk")).to_be_visible()
    page.get_by_label("Name").fill("alice")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#signin-error")).to_have_text("wrong name or password")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}/claims/{ids[FIGURE]}")
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{base}/queue")
    expect(page).to_have_url(f"{base}/signin?next=%2Fqueue")


def test_a_sentence_holding_a_script_tag_renders_as_text(
    page: Page, base: str, ids: dict[str, int]
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, base, "alice")
    page.goto(f"{base}/claims/{ids[SCRIPT]}")
    expect(page.locator("#claim-text")).to_have_text(SCRIPT)
    expect(page.locator("mark")).to_have_text(SCRIPT)
    page.goto(f"{base}/queue")
    expect(page.locator("table.queue")).to_contain_text('<script>alert("owned")</script>')
    assert page.locator("main script").count() == 0
    assert dialogs == []


def test_the_lease_counts_down_in_the_page(page: Page, base: str, ids: dict[str, int]) -> None:
    sign_in(page, base, "alice")
    page.get_by_role("button", name="Next claim").click()
    countdown = page.locator(".lease [data-expires]")
    first = countdown.inner_text()
    assert first.endswith(" s left") and first.startswith(("29 min", "30 min"))
    expect(countdown).not_to_have_text(first, timeout=3000)


def test_at_phone_width_no_page_scrolls_sideways_and_the_verdict_form_comes_before_the_history(
    browser: Browser, base: str, ids: dict[str, int]
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, base, "adam")
    for path in ("/queue", f"/claims/{ids[FIGURE]}", "/sources", "/users", "/overview"):
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide at 390"
    page.goto(f"{base}/queue")
    expect(page.locator("table.queue thead")).to_be_hidden()  # cards, each value labelled
    score = page.locator("table.queue tbody tr").first.locator('td[data-label="score"]')
    expect(score).to_have_text("0.95")
    page.goto(f"{base}/claims/{ids[FIGURE]}")
    form = page.locator("#verdict-form").bounding_box()
    history = page.locator("#history").bounding_box()
    assert form is not None and history is not None and form["y"] < history["y"]
    context.close()
