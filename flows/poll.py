"""The `poll_sources` flow: read every source and extract what is new.

A task per source, retried by Prefect only when its failure may pass (``flows.fetching.fetch.
is_transient``). A feed is fetched conditionally; its entries never seen before, and earlier
ones whose page could not be read yet, are fetched as article pages (entries already stored
are not fetched again). A page source is one article fetched conditionally; a folder is read
as `claimdesk extract FOLDER` reads it. New documents go through flows.store's ``store_batch``,
in batches per source. One failing source never stops the others: its error is stored on it
and shown in the run's artifact.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from prefect import flow, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State

from claims.errors import ClaimdeskError, DocumentError
from claims.model import Document
from claims.sources import SourceError
from db import sources
from db.session import unit_of_work
from db.sources import EntryRecord
from flows.fetching.articles import article_from_html, parse_feed
from flows.fetching.fetch import (
    FEED_TYPES,
    HTML_TYPES,
    FetchError,
    FetchPolicy,
    FetchResult,
    fetch,
    is_transient,
)
from flows.fetching.pages import read_entry
from flows.fetching.policy import fetch_policy, open_client
from flows.ingest import discover, read_inputs
from flows.runtime import orchestrated
from flows.settings import Settings
from flows.store import store_batch

MAX_ENTRY_ATTEMPTS = 5  # polls that try an article page before it is given up
ARTICLE_WORKERS = 4  # pages of one feed fetched at once (fetching limits it per host)
SOURCE_WORKERS = 4  # sources read at once when running without Prefect


class WrongKind(SourceError):
    """The source serves a feed where a page was expected, or the reverse."""


@dataclass(frozen=True)
class Target:
    """A source as its poll task needs it."""

    id: int
    location: str
    kind: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Fetched:
    """What a source's task read: new documents, and what to remember about them."""

    documents: list[Document] = field(default_factory=list)
    entries: list[EntryRecord] = field(default_factory=list)  # feed entries tried
    listed: int = 0  # entries in the feed, files in the folder
    not_modified: bool = False
    validators: tuple[str | None, str | None] | None = None  # (ETag, Last-Modified)
    errors: list[str] = field(default_factory=list)  # articles or files not read


@dataclass
class SourceReport:
    """One source's row in the poll summary."""

    location: str
    kind: str
    status: str = "ok"  # ok, not modified, failed
    listed: int = 0
    new: int = 0
    skipped: int = 0
    claims: int = 0
    checkworthy: int = 0
    queued: int = 0
    error: str | None = None


@dataclass
class PollSummary:
    """What one poll did, source by source."""

    sources: list[SourceReport] = field(default_factory=list)

    @property
    def failed(self) -> list[SourceReport]:
        return [s for s in self.sources if s.status == "failed"]

    def total(self, name: str) -> int:
        return sum(int(getattr(s, name)) for s in self.sources)


def _transient(task: object, task_run: object, state: State[Any]) -> bool:
    """Retry a source only when its failure may pass: timeouts, resets, 429 and 5xx."""
    return isinstance(state.data, BaseException) and is_transient(state.data)


@task(
    name="poll-source",
    task_run_name="{target.kind} {target.location}",
    retries=1,  # the flow sets them from Settings.poll_retries and poll_retry_delay
    retry_delay_seconds=60,
    retry_condition_fn=_transient,
    cache_policy=NO_CACHE,
)
def poll_source(target: Target, settings: Settings, client: httpx.Client) -> Fetched:
    """Read one source; raise when the source itself cannot be read."""
    if target.kind == "folder":
        return read_folder(target.location)
    policy = fetch_policy(settings)
    result = fetch(client, target.location, target.etag, target.last_modified, policy=policy)
    if not result.not_modified and target.kind == "page" and result.content_type in FEED_TYPES:
        raise WrongKind(f"{target.location} is a feed, not a page: add it with --kind feed")
    if not result.not_modified and target.kind == "feed" and result.content_type in HTML_TYPES:
        raise WrongKind(f"{target.location} is an HTML page, not a feed: add it with --kind page")
    fetched = Fetched(
        validators=(result.etag, result.last_modified), not_modified=result.not_modified
    )
    if target.kind == "page":
        fetched.listed = 1
        if not result.not_modified:
            fetched.documents.append(article_from_html(result.body, target.location))
        return fetched
    _read_feed(target, result, fetched, settings.database_url, partial(_article, client, policy))
    return fetched


def read_folder(location: str) -> Fetched:
    if not Path(location).is_dir():
        raise SourceError(f"{location}: the folder no longer exists")
    found, _ = discover([location])  # its one possible error: an empty folder, not a failure
    read = read_inputs(found)
    return Fetched(documents=read.documents, listed=len(found), errors=read.errors)


@dataclass(frozen=True)
class _Entry:
    url: str
    title: str
    published: date | None
    attempts: int = 0


def _read_feed(
    target: Target,
    result: FetchResult,
    fetched: Fetched,
    database_url: str,
    read_article: Callable[[_Entry], Document | ClaimdeskError],
) -> None:
    """Fetch the feed's new entries and the ones still pending from earlier polls."""
    entries = [] if result.not_modified else parse_feed(result.body, result.url)
    with unit_of_work(database_url) as session:
        todo = {
            row.url: _Entry(row.url, row.title, row.published, row.attempts)
            for row in sources.pending_entries(session, target.id)
        }
        seen = sources.entry_statuses(session, target.id, [e.link for e in entries])
    for entry in entries:
        if entry.link not in seen and entry.link not in todo:
            todo[entry.link] = _Entry(entry.link, entry.title, entry.published)
    fetched.listed = len(entries)
    with ThreadPoolExecutor(ARTICLE_WORKERS) as pool:
        outcomes = list(pool.map(read_article, todo.values()))
    for item, outcome in zip(todo.values(), outcomes, strict=True):
        if isinstance(outcome, Document):
            fetched.documents.append(outcome)
            status, error = "done", None
        else:
            retry = is_transient(outcome) and item.attempts + 1 < MAX_ENTRY_ATTEMPTS
            status, error = ("pending" if retry else "failed"), str(outcome)
            fetched.errors.append(error)
        fetched.entries.append(EntryRecord(item.url, item.title, item.published, status, error))


def _article(client: httpx.Client, policy: FetchPolicy, entry: _Entry) -> Document | ClaimdeskError:
    try:
        return read_entry(client, policy, entry.url, entry.title or None, entry.published)
    except (FetchError, DocumentError) as error:
        return error


@flow(name="poll_sources")
def poll_sources(
    locations: list[str] | None = None,
    due_only: bool = False,
    settings: Settings | None = None,
) -> PollSummary:
    """Poll the sources (all, these locations, or those due)."""
    settings = settings or Settings.from_env()
    with unit_of_work(settings.database_url) as session:
        rows = sources.list_sources(
            session,
            locations=locations,
            due_at=datetime.now(UTC) if due_only else None,
        )
        targets = [Target(r.id, r.location, r.kind, r.etag, r.last_modified) for r in rows]
    with open_client(settings) as client:
        results = _read_all(targets, settings, client)
    summary = PollSummary([_store(t, r, settings) for t, r in zip(targets, results, strict=True)])
    if orchestrated():
        _publish_artifact(summary)
    return summary


def _read_all(
    targets: list[Target], settings: Settings, client: httpx.Client
) -> list[Fetched | Exception]:
    if orchestrated():
        step = poll_source.with_options(
            retries=settings.poll_retries, retry_delay_seconds=settings.poll_retry_delay
        )
        futures = [step.submit(target, settings, client) for target in targets]
        return [_outcome(future.result) for future in futures]
    with ThreadPoolExecutor(SOURCE_WORKERS) as pool:
        return list(
            pool.map(lambda t: _outcome(partial(poll_source.fn, t, settings, client)), targets)
        )


def _outcome(read: Callable[[], Fetched]) -> Fetched | Exception:
    try:
        return read()
    except Exception as error:  # whatever breaks one source must not stop the others
        return error


def _store(target: Target, result: Fetched | Exception, settings: Settings) -> SourceReport:
    """Extract and store a source's new documents, then remember what the poll did."""
    report = SourceReport(target.location, target.kind)
    entries: list[EntryRecord] = []
    validators = None
    if isinstance(result, Exception):
        report.status, report.error = "failed", describe(result)
    else:
        report.listed = result.listed
        report.status = "not modified" if result.not_modified and not result.documents else "ok"
        entries, validators = result.entries, result.validators
        try:
            extracted = store_batch(result.documents, settings)
        except Exception as error:  # keep the articles pending and the validators unsaved
            report.status, report.error = "failed", f"storing failed: {describe(error)}"
            entries = [replace(e, status="pending") if e.status == "done" else e for e in entries]
            validators = validators if target.kind == "feed" else None
        else:
            report.new, report.skipped = extracted.documents, extracted.skipped
            report.claims, report.checkworthy = extracted.claims, extracted.checkworthy
            report.queued = extracted.queued
            problems = result.errors + extracted.errors
            if problems:
                report.error = f"{len(problems)} not read, first: {problems[0]}"
    with unit_of_work(settings.database_url) as session:
        sources.record_poll(
            session,
            target.id,
            polled_at=datetime.now(UTC),
            error=report.error,
            new_documents=report.new,
            validators=validators,
            entries=entries,
        )
        session.commit()
    return report


def describe(error: BaseException) -> str:
    """One line for a source's error: our own messages as they are, others with their type."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return text if isinstance(error, ClaimdeskError) else f"{type(error).__name__}: {text}"


def _publish_artifact(summary: PollSummary) -> None:
    rows = [
        {k: ("" if v is None else v) for k, v in asdict(report).items()}
        for report in summary.sources
    ] or [{"location": "no sources: add one with `claimdesk sources add`"}]
    create_table_artifact(
        key="poll-summary",
        table=rows,
        description=(
            f"{len(summary.sources)} sources, {len(summary.failed)} failed: "
            f"{summary.total('new')} new documents, {summary.total('skipped')} already stored, "
            f"{summary.total('queued')} claims queued"
        ),
    )
