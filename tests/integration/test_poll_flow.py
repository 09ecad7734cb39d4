"""The poll_sources flow against a real HTTP server on 127.0.0.1, on SQLite and PostgreSQL.

The flow runs under Prefect (the session's prefect_test_harness) where retries and artifacts
matter, and as plain code (``poll_sources.fn``, as `claimdesk poll` runs it without a server)
elsewhere.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterFlowRunId,
    ArtifactFilterKey,
)
from sqlalchemy import func, select

from db import sources
from db.models import AppearanceRow, DocumentRow, SourceEntryRow, SourceRow
from db.session import unit_of_work
from flows.poll import PollSummary, SourceReport, poll_sources
from flows.settings import Settings
from tests.helpers import SEEDS
from tests.integration.webserver import WebServer, _Routes, article_page, load_articles

FEED_ETAG = '"feed-v1"'
FEED_LAST_MODIFIED = "Sat, 05 Jan 2019 12:00:00 GMT"


class _PollRoutes(_Routes):
    """The stock routes, plus a feed with validators and an article that fails twice."""

    server_site: PollSite

    def route_news_rss(self, nth: int) -> None:
        """Three articles (and any extra links); 304 when the client has the validators."""
        if (
            self.headers.get("If-None-Match") == FEED_ETAG
            or self.headers.get("If-Modified-Since") == FEED_LAST_MODIFIED
        ):
            self.send_response(304)
            self.send_header("ETag", FEED_ETAG)
            self.end_headers()
            return
        site = self.server_site
        links = [(a.title, site.article_url(a)) for a in site.feed_articles]
        links += [(f"Extra {n}", site.url(path)) for n, path in enumerate(site.extra_links)]
        items = "".join(
            f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
            "<pubDate>Fri, 04 Jan 2019 21:30:00 -0500</pubDate></item>"
            for title, link in links
        )
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Example News</title><link>{site.base_url}/</link>"
            f"<description>Latest news</description>{items}</channel></rss>"
        )
        headers = {"ETag": FEED_ETAG, "Last_Modified": FEED_LAST_MODIFIED}
        self.send_body(200, "application/rss+xml; charset=utf-8", feed.encode(), **headers)

    def route_flaky_article(self, nth: int) -> None:
        if nth <= 2:
            self.send_body(503, "text/html", b"<p>Try again</p>")
        else:
            page = article_page(self.server_site.flaky_article)
            self.send_body(200, "text/html; charset=utf-8", page.encode())


class PollSite(WebServer):
    def __init__(self) -> None:
        articles = load_articles(count=4)
        super().__init__(articles)
        self.feed_articles = articles[:3]
        self.flaky_article = articles[3] if len(articles) > 3 else articles[0]
        self.extra_links: list[str] = []
        site = self

        class Handler(_PollRoutes):
            server_site = site

        self._server.RequestHandlerClass = Handler


@pytest.fixture
def site() -> Iterator[PollSite]:
    running = PollSite()
    with running:
        yield running


@pytest.fixture
def settings(migrated_url: str) -> Settings:
    # One try per fetch, so the retries seen are Prefect's; no waiting between them.
    return Settings(
        database_url=migrated_url,
        allow_private_hosts=True,
        fetch_attempts=1,
        fetch_timeout=0.5,
        poll_retries=2,
        poll_retry_delay=0,
    )


def add(settings: Settings, location: str, kind: str) -> None:
    with unit_of_work(settings.database_url) as session:
        sources.add_source(session, location, kind, 900)
        session.commit()


def source(settings: Settings, location: str) -> SourceRow:
    with unit_of_work(settings.database_url) as session:
        row = sources.find_source(session, location)
        session.expunge(row)  # readable after the session ends
        return row


def report(summary: PollSummary, location: str) -> SourceReport:
    return next(r for r in summary.sources if r.location == location)


def stored_documents(settings: Settings) -> dict[str, DocumentRow]:
    with unit_of_work(settings.database_url) as session:
        rows = {row.location: row for row in session.scalars(select(DocumentRow))}
        session.expunge_all()
        return rows


def appearances(settings: Settings, document_id: int) -> int:
    with unit_of_work(settings.database_url) as session:
        query = select(func.count()).where(AppearanceRow.document_id == document_id)
        return session.scalar(query) or 0


def artifacts(key: str, flow_run_id: UUID | None) -> list[Any]:
    async def read() -> list[Any]:
        async with get_client() as client:
            return await client.read_artifacts(
                artifact_filter=ArtifactFilter(
                    key=ArtifactFilterKey(any_=[key]),
                    flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id] if flow_run_id else []),
                )
            )

    return asyncio.run(read())


def test_a_second_poll_finds_nothing_new_and_asks_for_the_feed_conditionally(
    prefect_server: None, site: PollSite, settings: Settings
) -> None:
    feed, page = site.url("/news.rss"), site.url("/conditional")
    add(settings, feed, "feed")
    add(settings, page, "page")

    first = poll_sources(settings=settings)

    assert (report(first, feed).status, report(first, feed).listed) == ("ok", 3)
    assert report(first, feed).new == 3 and report(first, page).new == 1
    documents = stored_documents(settings)
    for article in site.feed_articles:
        stored = documents[site.article_url(article)]
        assert stored.title == article.title
        assert stored.published == article.published
        assert article.paragraphs[0][:60] in stored.text
        assert appearances(settings, stored.id) >= len(article.paragraphs)  # extracted
    assert source(settings, feed).documents_found == 3
    assert source(settings, feed).etag == FEED_ETAG

    state = poll_sources(settings=settings, return_state=True)
    second = state.result()

    assert [r.new for r in second.sources] == [0, 0]
    assert [r.status for r in second.sources] == ["not modified", "not modified"]
    conditional = site.requests("/news.rss")[1].headers
    assert conditional["if-none-match"] == FEED_ETAG
    assert conditional["if-modified-since"] == FEED_LAST_MODIFIED
    assert all(site.count(f"/articles/{a.slug}.html") == 1 for a in site.feed_articles)
    assert len(stored_documents(settings)) == 4
    assert source(settings, feed).last_error is None
    [artifact] = artifacts("poll-summary", state.state_details.flow_run_id)
    assert artifact.type == "table"
    table = json.loads(artifact.data)
    assert [(row["location"], row["status"], row["new"]) for row in table] == [
        (feed, "not modified", 0),
        (page, "not modified", 0),
    ]


def test_one_source_failing_for_good_is_retried_and_recorded_while_the_others_succeed(
    prefect_server: None, site: PollSite, settings: Settings
) -> None:
    feed, flaky = site.url("/news.rss"), site.url("/flaky-article")
    failing = {
        site.url("/broken"): "HTTP 500 Internal Server Error",
        site.url("/huge"): "over the 5242880-byte limit",
        site.url("/slow"): "no answer in time",
        site.url("/loop"): "more than 5 redirects",
        site.url("/image.png"): "image/png is neither an HTML page nor a feed",
        site.url("/feed.rss"): "is a feed, not a page: add it with --kind feed",
    }
    add(settings, feed, "feed")
    add(settings, flaky, "page")
    for location in failing:
        add(settings, location, "page")

    summary = poll_sources(settings=settings)

    assert (report(summary, feed).status, report(summary, feed).new) == ("ok", 3)
    assert (report(summary, flaky).status, report(summary, flaky).new) == ("ok", 1)
    assert site.count("/flaky-article") == 3  # two 503s, each retried by Prefect
    assert {r.location for r in summary.failed} == set(failing)
    for location, problem in failing.items():
        row = source(settings, location)
        assert row.last_error is not None and problem in row.last_error, location
        assert row.last_polled_at is not None and row.documents_found == 0
    assert site.count("/broken") == site.count("/slow") == 3  # transient: retried twice
    assert site.count("/huge") == site.count("/image.png") == 1  # permanent: never retried
    assert len([r for r in site.requests() if r.path.startswith("/loop")]) == 6
    assert source(settings, flaky).last_error is None
    assert source(settings, feed).documents_found == 3


def test_a_feed_on_a_loopback_address_is_refused_without_the_setting(
    site: PollSite, settings: Settings
) -> None:
    strict = Settings(database_url=settings.database_url)
    feed = site.url("/news.rss")
    add(strict, feed, "feed")

    summary = poll_sources.fn(settings=strict)

    [failed] = summary.failed
    assert failed.error == (
        f"refusing to fetch {feed}: 127.0.0.1 is a loopback address; "
        "set CLAIMDESK_ALLOW_PRIVATE_HOSTS=1 to allow"
    )
    assert source(strict, feed).last_error == failed.error
    assert site.requests() == []


def test_an_article_that_cannot_be_read_yet_is_fetched_again_on_the_next_polls(
    site: PollSite, settings: Settings
) -> None:
    feed = site.url("/news.rss")
    site.extra_links = ["/flaky-article"]
    add(settings, feed, "feed")

    first = poll_sources.fn(settings=settings)
    second = poll_sources.fn(settings=settings)  # the feed answers 304; the entry is retried
    third = poll_sources.fn(settings=settings)

    assert [r.new for r in (*first.sources, *second.sources, *third.sources)] == [3, 0, 1]
    assert "HTTP 503" in (first.sources[0].error or "")
    assert site.count("/flaky-article") == 3
    conditional = ["if-none-match" in r.headers for r in site.requests("/news.rss")]
    assert conditional == [False, True, True]  # answered 200, then 304 twice
    with unit_of_work(settings.database_url) as session:
        entries = session.scalars(select(SourceEntryRow)).all()
        assert {e.status for e in entries} == {"done"} and len(entries) == 4
    assert source(settings, feed).last_error is None
    fourth = poll_sources.fn(settings=settings)
    assert fourth.sources[0].new == 0 and site.count("/flaky-article") == 3


def test_a_folder_source_stores_its_new_files_once(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    add(settings, str(folder), "folder")

    first = poll_sources.fn(settings=settings)
    second = poll_sources.fn(settings=settings)

    assert (first.sources[0].new, first.sources[0].queued > 0) == (1, True)
    assert (second.sources[0].new, second.sources[0].skipped) == (0, 1)
    assert source(settings, str(folder)).documents_found == 1


def test_a_removed_folder_is_recorded_as_the_source_error(
    settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    add(settings, str(folder), "folder")
    folder.rmdir()

    summary = poll_sources.fn(settings=settings)

    assert summary.failed[0].error == f"{folder}: the folder no longer exists"
