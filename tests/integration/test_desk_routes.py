"""The desk's routes through FastAPI's TestClient, on SQLite and PostgreSQL: sessions,
CSRF tokens, roles, the review journey, bad input and conflicts shown in place."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from claims.model import Assessment, Claim, Document, Sentence
from db import queue, repository
from db.models import ClaimRow, ReviewEventRow, ReviewItemRow, SourceRow, UserRow
from db.session import unit_of_work
from tests.desk_support import (
    COURT,
    DEATHS,
    FIGURE,
    PASSWORD,
    SCRIPT,
    csrf_of,
    desk_app,
    fast_hashing,  # noqa: F401 (an autouse fixture)
    seed,
    sign_in,
)
from web.app import ROUTERS


@pytest.fixture
def ids(migrated_url: str) -> dict[str, int]:
    return seed(migrated_url)


@pytest.fixture
def client(migrated_url: str, ids: dict[str, int]) -> Iterator[TestClient]:
    with TestClient(desk_app(migrated_url)) as test_client:
        yield test_client


def state(url: str) -> tuple[object, ...]:
    with unit_of_work(url) as session:
        events = session.scalar(select(func.count()).select_from(ReviewEventRow))
        people = session.scalars(select(UserRow.name).order_by(UserRow.name)).all()
        disabled = session.scalars(select(UserRow.disabled).order_by(UserRow.name)).all()
        places = session.scalars(select(SourceRow.location)).all()
        items = session.execute(
            select(ReviewItemRow.status, ReviewItemRow.verdict).order_by(ReviewItemRow.id)
        ).all()
    return events, tuple(people), tuple(disabled), tuple(places), tuple(map(tuple, items))


def next_claim(client: TestClient, token: str) -> str:
    """Press *Next claim*: where the desk sends the reviewer."""
    response = client.post("/next", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303
    return str(response.headers["location"])


def routes(method: str) -> list[str]:
    """Every path of the desk that answers ``method`` (ids filled in)."""
    paths = []
    for route in (route for router in ROUTERS for route in router.routes):
        if method in (getattr(route, "methods", None) or ()):
            paths.append(route.path.replace("{claim_id}", "1").replace("{source_id}", "1"))
    return paths


def test_every_page_but_sign_in_sends_a_signed_out_visitor_to_sign_in(
    client: TestClient,
) -> None:
    pages = [p for p in routes("GET") if p != "/signin"]
    assert {"/queue", "/claims/1", "/overview", "/sources", "/export", "/users"} <= set(pages)
    for page in pages:
        response = client.get(page, follow_redirects=False)
        assert response.status_code == 303, page
        assert response.headers["location"].startswith("/signin?next="), page
    signin = client.get("/signin")
    assert signin.status_code == 200
    assert "script-src 'self'" in signin.headers["content-security-policy"]
    assert signin.headers["cache-control"] == "no-store"
    assert client.get("/static/desk.css").status_code == 200  # not a page: no session needed
    icon = client.get("/static/favicon.svg")  # linked from every page: no 404 per page
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg")
    assert 'rel="icon" href="/static/favicon.svg"' in signin.text


def test_no_form_works_without_a_session(client: TestClient, migrated_url: str) -> None:
    before = state(migrated_url)
    forms = [p for p in routes("POST") if p != "/signin"]
    assert len(forms) >= 9
    for form in forms:
        token = csrf_of(client.get("/signin").text)  # a visitor's token, but no user
        data = {"csrf_token": token, "verdict": "false", "name": "eve", "password": PASSWORD}
        response = client.post(form, data=data, follow_redirects=False)
        # a claim's form goes back to the claim's page once signed in, where its draft waits
        page = re.fullmatch(r"(/claims/\d+)/\w+", form)
        back = f"/signin?next={page[1].replace('/', '%2F')}&ended=1" if page else "/signin"
        assert (response.status_code, response.headers.get("location")) == (303, back), form
    assert state(migrated_url) == before
    client.cookies.clear()
    ended = client.post("/claims/1/verdict", data={"verdict": "false"}, follow_redirects=False)
    assert ended.headers["location"] == "/signin?next=%2Fclaims%2F1&ended=1"  # no session
    notice = client.get(ended.headers["location"]).text
    assert "Your session ended before the form was sent: nothing was saved" in notice


def test_no_form_works_without_its_csrf_token(client: TestClient, migrated_url: str) -> None:
    sign_in(client, "adam")
    before = state(migrated_url)
    data = {
        "verdict": "false",
        "version": "1",
        "evidence": "https://x.example/",
        "name": "alice",
        "role": "admin",
        "password": PASSWORD,
        "location": str(Path.cwd()),
    }
    for form in routes("POST"):
        for token in ({}, {"csrf_token": "forged"}):
            response = client.post(form, data=data | token, follow_redirects=False)
            assert response.status_code == 403, form
            assert "Form refused" in response.text
    assert state(migrated_url) == before
    assert client.get("/queue").status_code == 200  # still signed in


def test_sign_in_refuses_a_wrong_password_in_place_and_locks_after_five(
    client: TestClient,
) -> None:
    token = csrf_of(client.get("/signin").text)
    for _ in range(4):
        wrong = client.post(
            "/signin", data={"name": "alice", "password": "guess", "csrf_token": token}
        )
        assert wrong.status_code == 401 and "wrong name or password" in wrong.text
    locked = client.post(
        "/signin", data={"name": "alice", "password": "guess", "csrf_token": token}
    )
    assert "locked until" in locked.text
    right = client.post(
        "/signin", data={"name": "alice", "password": PASSWORD, "csrf_token": token}
    )
    assert right.status_code == 401 and "locked until" in right.text
    assert client.get("/queue", follow_redirects=False).status_code == 303


def test_sign_in_returns_to_the_page_asked_for_but_never_to_another_site(
    client: TestClient,
) -> None:
    token = csrf_of(client.get("/signin").text)
    data = {"name": "alice", "password": PASSWORD, "csrf_token": token}
    back = client.post("/signin", data=data | {"next": "/overview"}, follow_redirects=False)
    assert back.headers["location"] == "/overview"
    client.cookies.clear()
    token = csrf_of(client.get("/signin").text)
    data["csrf_token"] = token
    away = client.post("/signin", data=data | {"next": "//evil.example/"}, follow_redirects=False)
    assert away.headers["location"] == "/"


def test_the_session_cookie_is_signed_httponly_and_samesite(client: TestClient) -> None:
    token = csrf_of(client.get("/signin").text)
    response = client.post(
        "/signin",
        data={"name": "alice", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    value = client.cookies["claimdesk_session"]
    client.cookies.clear()
    client.cookies.set("claimdesk_session", value[:-3] + ("abc" if value[-3:] != "abc" else "xyz"))
    assert client.get("/queue", follow_redirects=False).status_code == 303


def test_a_disabled_user_is_signed_out_at_their_next_click(
    client: TestClient, migrated_url: str
) -> None:
    sign_in(client, "alice")
    from db.users import set_disabled

    with unit_of_work(migrated_url) as session:
        set_disabled(session, "alice")
        session.commit()
    assert client.get("/queue", follow_redirects=False).status_code == 303


def test_next_then_a_verdict_with_evidence_is_in_the_history_and_the_export(
    client: TestClient, ids: dict[str, int], migrated_url: str
) -> None:
    token = sign_in(client, "erin")
    assert next_claim(client, token) == f"/claims/{ids[FIGURE]}"
    page = client.get(f"/claims/{ids[FIGURE]}")
    assert "Held by <b>erin</b>" in page.text and "left" in page.text
    assert "Verify the figure change of -5 percentage points" in page.text
    assert "<mark>Approval slipped five percentage points" in page.text
    recorded = client.post(
        f"/claims/{ids[FIGURE]}/verdict",
        data={
            "csrf_token": token,
            "verdict": "mostly_true",
            "evidence": "https://stats.example.org/q1\nhttps://stats.example.org/q2",
            "note": "Figure is for 2018",
            "version": "1",
        },
    )
    assert recorded.status_code == 200 and "verdict recorded: mostly true" in recorded.text
    history = recorded.text[recorded.text.index('id="history"') :]
    assert re.search(
        r"<b class=\"kind\">reviewed</b> by <span class=\"actor\">erin</span>", history
    )
    assert "https://stats.example.org/q2" in history
    export = client.get("/export/checklist.csv?status=reviewed")
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert [(r["claim_id"], r["verdict"], r["reviewer"]) for r in rows] == [
        (str(ids[FIGURE]), "mostly_true", "erin")
    ]
    assert rows[0]["evidence"] == "https://stats.example.org/q1 https://stats.example.org/q2"
    reviews = json.loads(client.get("/export/claimreview.json").text)
    assert [r["reviewRating"]["ratingValue"] for r in reviews] == [4]


def test_next_while_holding_a_claim_skips_it_and_gives_it_back_to_the_queue(
    client: TestClient, ids: dict[str, int], migrated_url: str
) -> None:
    token = sign_in(client, "erin")
    assert next_claim(client, token) == f"/claims/{ids[FIGURE]}"
    second = next_claim(client, token)
    taken = int(second.rsplit("/")[-1])
    assert taken != ids[FIGURE]  # the next one, not the one skipped
    page = client.get(second)
    assert f"skipped: claim {ids[FIGURE]} went back to the queue for someone else" in page.text
    with unit_of_work(migrated_url) as session:
        assert queue.held_by(session, "erin") == [taken]  # one claim at a time
        item = session.scalars(
            select(ReviewItemRow).where(ReviewItemRow.claim_id == ids[FIGURE])
        ).one()
        assert (item.status, item.leased_by) == ("queued", None)
    while queue.take_next(migrated_url, "bob", 30) is not None:  # bob takes all the rest
        pass
    last = client.post("/next", data={"csrf_token": token}, follow_redirects=False)
    assert last.headers["location"] == f"/claims/{taken}"  # nothing else: erin keeps hers
    assert (
        f"nothing else is queued: claim {taken} is still yours"
        in client.get(last.headers["location"]).text
    )
    with unit_of_work(migrated_url) as session:
        assert queue.held_by(session, "erin") == [taken]


def test_skipping_walks_down_the_queue_and_starts_again_when_all_were_skipped(
    client: TestClient, ids: dict[str, int], migrated_url: str
) -> None:
    token = sign_in(client, "erin")
    visited = [next_claim(client, token) for _ in ids]
    assert len(set(visited)) == len(ids)  # each claim once, not the top two in turn
    assert next_claim(client, token) == visited[0]  # all skipped: from the top again
    assert next_claim(client, token) == visited[1]
    with unit_of_work(migrated_url) as session:
        assert queue.held_by(session, "erin") == [int(visited[1].rsplit("/")[-1])]
        leased = session.scalar(
            select(func.count()).select_from(ReviewItemRow).where(ReviewItemRow.status == "leased")
        )
    assert leased == 1


def test_an_empty_queue_is_a_page_of_its_own_that_a_reload_does_not_lease_from(
    client: TestClient, ids: dict[str, int], migrated_url: str
) -> None:
    token = sign_in(client, "erin")
    taken = []
    while (lease := queue.take_next(migrated_url, "bob", 30)) is not None:
        taken.append(lease.claim_id)
    assert next_claim(client, token) == "/next"
    assert "The queue is empty" in client.get("/next").text
    with unit_of_work(migrated_url) as session:
        queue.release(session, taken[0], "bob")
        session.commit()
    waiting = client.get("/next").text  # the reload: it says so, and leases nothing
    assert "Claims were queued since the queue was empty" in waiting
    with unit_of_work(migrated_url) as session:
        assert queue.held_by(session, "erin") == [] and queue.any_queued(session)


def test_the_history_and_badges_speak_words_not_field_names(
    client: TestClient, ids: dict[str, int]
) -> None:
    token = sign_in(client, "erin")
    client.post("/next", data={"csrf_token": token})
    page = client.post(
        f"/claims/{ids[FIGURE]}/verdict",
        data={"csrf_token": token, "verdict": "mostly_true", "note": "close", "version": "1"},
    ).text
    history = page[page.index('id="history"') :]
    assert "held by: – → erin" in history and "verdict: – → mostly true" in history
    assert "lease ends: –" in history and "note: – → close" in history
    for internal in ("leased_by", "lease_expires_at", "reviewed_at", "mostly_true<"):
        assert internal not in history, internal
    assert '<span class="verdict mostly_true">mostly true</span>' in page
    listing = client.get("/queue?status=reviewed").text
    assert '<span class="verdict mostly_true">mostly true</span>' in listing


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("evidence", "ftp://files.example/x", "'ftp://files.example/x' is not an http(s) URL"),
        (
            "evidence",
            "https://ok.example/\nsee the ministry site",
            "evidence, line 2: 'see the ministry site' is not an http(s) URL",
        ),
        ("verdict", "probably", "verdict: 'probably' is not a verdict"),
        ("verdict", "", "verdict: choose one from the list"),
    ],
)
def test_bad_verdict_input_is_shown_in_place_and_nothing_is_saved(
    client: TestClient, ids: dict[str, int], migrated_url: str, field: str, value: str, problem: str
) -> None:
    token = sign_in(client, "alice")
    client.post("/next", data={"csrf_token": token})
    before = state(migrated_url)
    data = {"csrf_token": token, "verdict": "false", "evidence": "https://ok.example/", "note": "n"}
    response = client.post(
        f"/claims/{ids[FIGURE]}/verdict", data=data | {field: value, "version": "1"}
    )
    assert response.status_code == 400
    assert problem.replace("'", "&#39;") in response.text
    assert value.replace("'", "&#39;") in response.text  # the form keeps what was typed
    assert "n</textarea>" in response.text  # and the note
    assert state(migrated_url) == before


def test_a_verdict_on_a_claim_another_reviewer_holds_is_refused_in_place(
    client: TestClient, ids: dict[str, int], migrated_url: str
) -> None:
    with unit_of_work(migrated_url) as session:
        queue.lease_next(session, "bob", 30)
        session.commit()
    token = sign_in(client, "alice")
    page = client.get(f"/claims/{ids[FIGURE]}")
    assert "Held by <b>bob</b>" in page.text and "will be refused" in page.text
    before = state(migrated_url)
    response = client.post(
        f"/claims/{ids[FIGURE]}/verdict",
        data={"csrf_token": token, "verdict": "false", "version": "1", "evidence": ""},
    )
    assert response.status_code == 409 and f"claim {ids[FIGURE]} is leased by bob" in response.text
    assert state(migrated_url) == before
    refused = client.post(f"/claims/{ids[FIGURE]}/release", data={"csrf_token": token})
    assert "is leased by bob" in refused.text and state(migrated_url) == before


def test_the_form_on_a_reviewed_claim_says_it_replaces_the_verdict_already_there(
    client: TestClient, ids: dict[str, int], migrated_url: str
) -> None:
    with unit_of_work(migrated_url) as session:
        queue.record_verdict(session, ids[COURT], "true", "bob")
        session.commit()
    sign_in(client, "alice")
    page = client.get(f"/claims/{ids[COURT]}").text
    assert "Reviewed already by bob: a verdict recorded here replaces that one" in page
    assert "Replace the verdict</button>" in page and "Record verdict</button>" not in page
    fresh = client.get(f"/claims/{ids[DEATHS]}").text
    assert "Record verdict</button>" in fresh and "Reviewed already" not in fresh


def test_a_verdict_on_a_claim_changed_since_the_page_was_opened_is_refused(
    client: TestClient, ids: dict[str, int], migrated_url: str
) -> None:
    token = sign_in(client, "alice")
    page = client.get(f"/claims/{ids[COURT]}")
    assert 'name="version" value="1"' in page.text
    with unit_of_work(migrated_url) as session:  # someone else reviews it meanwhile
        queue.record_verdict(session, ids[COURT], "true", "bob")
        session.commit()
    before = state(migrated_url)
    response = client.post(
        f"/claims/{ids[COURT]}/verdict",
        data={"csrf_token": token, "verdict": "false", "version": "1"},
    )
    assert response.status_code == 409 and "changed since version 1" in response.text
    assert f'<a href="/claims/{ids[COURT]}" id="open-again">' in response.text  # not a reload
    assert state(migrated_url) == before


def test_release_gives_the_claim_back_and_the_queue_says_who_holds_what(
    client: TestClient, ids: dict[str, int]
) -> None:
    token = sign_in(client, "alice")
    client.post("/next", data={"csrf_token": token})
    listing = client.get("/queue?status=leased").text
    assert listing.count("<tr class=") == 1 and "alice <small data-expires=" in listing
    released = client.post(f"/claims/{ids[FIGURE]}/release", data={"csrf_token": token})
    assert f"claim {ids[FIGURE]} is back in the queue" in released.text
    assert "No claims match" in client.get("/queue?status=leased").text


def test_a_mistyped_address_gets_the_desks_error_page_not_json(client: TestClient) -> None:
    token = sign_in(client, "erin")
    for response in (
        client.get("/claims/abc"),
        client.post("/claims/12abc/verdict", data={"csrf_token": token, "verdict": "true"}),
    ):
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert "no such claim" in response.text and "Back to the queue" in response.text
        assert "int_parsing" not in response.text
    removed = client.post("/sources/x/remove", data={"csrf_token": token})
    assert removed.status_code == 400 and "could not read this request" in removed.text


def test_a_claim_below_the_threshold_offers_no_verdict_form_that_could_only_fail(
    client: TestClient, migrated_url: str
) -> None:
    text = "Publicly, at least, the two sides remain far apart."
    document = Document(text, "https://news.example/c", "Talks", None, "none", "c" * 64)
    sentence = Sentence(text, 0, len(text), 0, 0)
    with unit_of_work(migrated_url) as session:
        row = repository.add_document(session, document, 1)
        repository.store_claims(
            session, row, [Claim(sentence, Assessment(0.27, False, "other", ("no figure",)))]
        )
        session.commit()
        claim_id = session.scalars(select(ClaimRow.id).where(ClaimRow.text == text)).one()
    sign_in(client, "alice")
    page = client.get(f"/claims/{claim_id}")
    assert page.status_code == 200 and "Not in the review queue" in page.text
    assert 'id="verdict-form"' not in page.text and "Record verdict" not in page.text
    assert ">not queued</span>" in page.text and "never queued" in page.text


def test_text_from_articles_is_escaped_everywhere(client: TestClient, ids: dict[str, int]) -> None:
    sign_in(client, "erin")
    for page in (f"/claims/{ids[SCRIPT]}", "/queue", "/queue?q=mayor"):
        text = client.get(page).text
        assert "<script>alert" not in text, page
        assert "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;" in text, page


def test_the_queue_lists_in_priority_order_with_filters_and_search(
    client: TestClient, ids: dict[str, int]
) -> None:
    sign_in(client, "alice")

    def listed(query: str) -> list[int]:
        page = client.get(f"/queue?{query}")
        return [int(n) for n in re.findall(r'<td class="num"><a href="/claims/(\d+)">', page.text)]

    assert listed("") == [ids[FIGURE], ids[DEATHS], ids[COURT], ids[SCRIPT]]
    assert listed("min_score=0.6") == [ids[FIGURE], ids[DEATHS]]
    assert listed("q=court+treason") == [ids[COURT]]
    assert listed("q=le%C3%B3n") == [ids[FIGURE]]  # the speaker, any case
    assert listed("article=wire.example") == [ids[DEATHS], ids[SCRIPT]]
    assert listed("type=opinion") == []
    assert listed("since=2000-01-01&until=2999-12-31") == listed("")
    assert listed("until=2001-01-01") == []
    bad = client.get("/queue?min_score=high&since=22/05/2019")
    assert bad.status_code == 400
    assert "min score: &#39;high&#39; is not a number from 0 to 1" in bad.text
    assert "is not a date such as 2019-05-22" in bad.text
    # nothing was searched: the table must not claim that nothing matched
    assert "No claims match" not in bad.text and "correct the filters above" in bad.text


def test_the_queue_pages_by_fifty_with_keyset_links(client: TestClient, migrated_url: str) -> None:
    from tests.desk_support import add_article

    sentences = [(f"The agency counted {n} new cases in district {n}.", 0.6) for n in range(120)]
    add_article(migrated_url, "https://many.example/", sentences)
    sign_in(client, "alice")

    def walk(link: str) -> tuple[int, list[str]]:
        seen: list[str] = []
        pages = 0
        while link:
            page = client.get(link).text
            seen += re.findall(r'<td class="num"><a href="/claims/(\d+)">', page)
            match = re.search(r'href="(/queue\?[^"]+)" rel="next"', page)
            link = match[1].replace("&amp;", "&") if match else ""
            pages += 1
        return pages, seen

    pages, seen = walk("/queue?status=all")
    assert pages == 3 and len(seen) == len(set(seen)) == 124
    pages, found = walk("/queue?q=agency+cases")  # a search many claims match
    assert pages == 3 and len(found) == len(set(found)) == 120
    assert found == [n for n in seen if n in set(found)]  # in the same order
    assert "after=" in client.get("/queue?status=all").text
    assert client.get("/queue?after=bogus").status_code == 400


def test_reviewers_review_editors_also_reopen_and_export_admins_manage_users(
    client: TestClient, ids: dict[str, int], migrated_url: str
) -> None:
    with unit_of_work(migrated_url) as session:
        queue.record_verdict(session, ids[COURT], "true", "bob")
        session.commit()
    token = sign_in(client, "alice")
    for page in ("/sources", "/export", "/export/checklist.csv", "/users"):
        assert client.get(page).status_code == 403, page
    before = state(migrated_url)
    assert (
        client.post(f"/claims/{ids[COURT]}/reopen", data={"csrf_token": token}).status_code == 403
    )
    assert client.post("/sources", data={"csrf_token": token, "location": "/"}).status_code == 403
    assert state(migrated_url) == before
    client.post("/signout", data={"csrf_token": token})
    token = sign_in(client, "erin")
    assert client.get("/users").status_code == 403
    assert client.get("/sources").status_code == 200
    reopened = client.post(
        f"/claims/{ids[COURT]}/reopen", data={"csrf_token": token, "note": "new data"}
    )
    assert "is back in the queue" in reopened.text
    assert '<b class="kind">re-opened</b> by <span class="actor">erin</span>' in reopened.text


def test_editors_add_poll_and_remove_sources(
    migrated_url: str, ids: dict[str, int], tmp_path: Path
) -> None:
    polled: list[str] = []
    app = desk_app(migrated_url)
    app.state.poll = lambda settings, location: polled.append(location)
    with TestClient(app) as client:
        token = sign_in(client, "erin")
        bad = client.post(
            "/sources", data={"csrf_token": token, "location": str(tmp_path / "missing")}
        )
        assert bad.status_code == 400 and "no such folder" in bad.text
        too_often = client.post(
            "/sources", data={"csrf_token": token, "location": str(tmp_path), "every": "5s"}
        )
        assert "too often" in too_often.text
        added = client.post("/sources", data={"csrf_token": token, "location": str(tmp_path)})
        assert f"added: folder {tmp_path}" in added.text and "never" in added.text
        source_id = re.search(r'action="/sources/(\d+)/poll"', added.text)
        assert source_id
        client.post(f"/sources/{source_id[1]}/poll", data={"csrf_token": token})
        assert polled == [str(tmp_path)]
        removed = client.post(f"/sources/{source_id[1]}/remove", data={"csrf_token": token})
        assert "No sources yet" in removed.text


def test_admins_add_and_disable_users(client: TestClient, migrated_url: str) -> None:
    token = sign_in(client, "adam")
    bad = client.post(
        "/users", data={"csrf_token": token, "name": "zoe", "role": "reviewer", "password": "x"}
    )
    assert bad.status_code == 400 and "a password is 8 to" in bad.text
    added = client.post(
        "/users",
        data={"csrf_token": token, "name": "zoe", "role": "editor", "password": PASSWORD},
    )
    assert "added editor zoe" in added.text
    assert (
        "you cannot disable yourself"
        in client.post("/users/disable", data={"csrf_token": token, "name": "adam"}).text
    )
    client.post("/users/disable", data={"csrf_token": token, "name": "zoe"})
    with TestClient(desk_app(migrated_url)) as other:
        page = other.get("/signin")
        refused = other.post(
            "/signin",
            data={"name": "zoe", "password": PASSWORD, "csrf_token": csrf_of(page.text)},
        )
        assert refused.status_code == 401


def test_the_overview_counts_and_draws_its_charts(
    client: TestClient, ids: dict[str, int], migrated_url: str
) -> None:
    with unit_of_work(migrated_url) as session:
        queue.record_verdict(session, ids[COURT], "false", "bob")
        queue.lease_next(session, "alice", 30)
        session.commit()
    sign_in(client, "alice")
    page = client.get("/overview").text
    counts = {name: n for n, name in re.findall(r'<span class="count">(\d+)</span> (\w+)', page)}
    assert counts == {"queued": "2", "leased": "1", "reviewed": "1"}
    assert re.search(r"<td>bob</td><td class=\"num\">1</td>", page)
    assert f'href="/claims/{ids[DEATHS]}"' in page  # the oldest still queued
    assert page.count("<svg") == 2 and "<title>quantity: false: 1</title>" in page
