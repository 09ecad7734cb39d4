"""The commands for scheduled ingestion: sources add|list|remove, poll, serve."""

import json
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from claims.errors import ClaimdeskError
from claims.sources import (
    DEFAULT_EVERY_SECONDS,
    KINDS,
    InvalidSource,
    format_every,
    is_url,
    normalise_location,
    parse_every,
)
from cli.base import App
from cli.output import fail, note, out, problem, ready
from cli.run_options import Dask, Quiet, progress_bar, with_dask

if TYPE_CHECKING:
    import httpx

    from db.models import SourceRow

# The database and the network are imported by the commands that use them.

Json = Annotated[bool, typer.Option("--json", help="JSON for machines.")]


def register(app: typer.Typer) -> None:
    """Add `sources add|list|remove`, `poll` and `serve` to the `claimdesk` command group."""
    group = App(
        name="sources",
        help="The feeds, pages and folders that `poll` and `serve` read.",
        no_args_is_help=True,
    )
    group.command("add")(add)
    group.command("list")(list_sources)
    group.command("remove")(remove)
    app.add_typer(group)
    app.command()(poll)
    app.command()(serve)


def add(
    location: Annotated[str, typer.Argument(help="A feed or page URL, or a folder.")],
    kind: Annotated[
        str | None,
        typer.Option(help="feed, page or folder.", show_default="guessed from the location"),
    ] = None,
    every: Annotated[
        str | None, typer.Option(help="How often to poll: 15m, 1h, 1d, 1h30m.", show_default="1h")
    ] = None,
) -> None:
    """Add a source to poll, or change the kind or schedule of one already added.

    Example: claimdesk sources add https://example.org/news/rss.xml --every 15m
    """
    from db import sources
    from db.session import unit_of_work

    config = ready()
    if kind is not None and kind not in KINDS:
        fail(f"--kind {kind!r}: use one of {', '.join(KINDS)}", 2)
    try:
        every_seconds = DEFAULT_EVERY_SECONDS if every is None else parse_every(every)
    except InvalidSource as exc:
        fail(f"--every: {exc}", 2)
    try:
        location, kind = resolve(location, kind, config.allow_private_hosts)
    except ClaimdeskError as exc:
        fail(str(exc), 2)
    with unit_of_work(config.database_url) as session:
        row, what = sources.add_source(session, location, kind, every_seconds)
        session.commit()
    every_text = format_every(row.every_seconds)
    if what == "unchanged":
        out.print(
            f"already a source: {row.kind} {row.location} (every {every_text})", highlight=False
        )
    else:
        out.print(f"{what} {row.kind} {row.location} (every {every_text})", highlight=False)


def list_sources(as_json: Json = False) -> None:
    """List the sources with their schedule and what their last poll did.

    Example: claimdesk sources list
    """
    from db import sources
    from db.session import unit_of_work

    config = ready()
    with unit_of_work(config.database_url) as session:
        rows = [source_dict(row) for row in sources.list_sources(session)]
    if as_json:
        out.print_json(json.dumps(rows))
        return
    if not rows:
        out.print("no sources yet: add one with `claimdesk sources add URL|FOLDER`")
        return
    for row in rows:  # two lines a source: long URLs and errors stay whole
        polled = row["last_polled_at"]
        when = f"last poll {polled[:16].replace('T', ' ')} UTC" if polled else "never polled"
        found = f"{row['documents_found']} documents found"
        error = f", last error: {row['last_error']}" if row["last_error"] else ""
        out.print(
            f"{row['id']:>3}  {row['kind']:<6} every {row['every']:<6} {row['location']}\n"
            f"     {when}, {found}{error}",
            highlight=False,
            soft_wrap=True,
        )


def remove(
    location: Annotated[str, typer.Argument(help="The source's location or id.")],
) -> None:
    """Stop polling a source; the documents and claims it brought stay.

    Example: claimdesk sources remove https://example.org/news/rss.xml
    """
    from db import sources
    from db.session import unit_of_work

    config = ready()
    with unit_of_work(config.database_url) as session:
        try:
            row = sources.remove_source(session, _stored_location(location))
        except ClaimdeskError as exc:
            fail(str(exc))
        session.commit()
    out.print(f"removed {row.kind} {row.location}", highlight=False)


def poll(
    locations: Annotated[
        list[str] | None, typer.Argument(help="Only these sources.", show_default="all")
    ] = None,
    due: Annotated[
        bool, typer.Option("--due", help="Only the sources whose time has come.")
    ] = False,
    as_json: Json = False,
    dask: Dask = None,
    quiet: Quiet = False,
) -> None:
    """Poll the sources once: fetch what is new, extract its claims and queue them.

    On a terminal a progress bar shows the new documents done, words/s and the time left.
    Example: claimdesk poll
    """
    from db import sources
    from db.session import unit_of_work
    from flows.poll import poll_sources
    from flows.runtime import run_flow

    config = ready()
    chosen = None
    if locations:
        with unit_of_work(config.database_url) as session:
            try:
                chosen = [
                    sources.find_source(session, _stored_location(k)).location for k in locations
                ]
            except ClaimdeskError as exc:
                fail(str(exc))
    config = with_dask(config, dask)
    try:
        with progress_bar("polling", quiet or as_json):
            summary = run_flow(
                poll_sources,
                config,
                note=None if as_json or quiet else note,
                locations=chosen,
                due_only=due,
            )
    except ClaimdeskError as exc:
        fail(str(exc))
    for report in summary.sources:
        if report.error:
            label = "error" if report.status == "failed" else "warning"
            where = "" if report.location in report.error else f"{report.location}: "
            problem(label, f"{where}{report.error}")
    if as_json:
        out.print_json(json.dumps([asdict(report) for report in summary.sources]))
    elif not summary.sources:
        out.print("no sources to poll: add one with `claimdesk sources add URL|FOLDER`")
    else:
        out.print(
            f"polled {len(summary.sources)} sources ({len(summary.failed)} failed): "
            f"{summary.total('new')} new documents, {summary.total('skipped')} already stored, "
            f"{summary.total('queued')} claims queued",
            highlight=False,
        )
    if summary.failed:
        raise typer.Exit(1)


def serve() -> None:
    """Poll every source on its schedule and export the checklist daily, until Ctrl-C.

    Needs a Prefect server: `prefect server start`, then PREFECT_API_URL=http://127.0.0.1:4200/api.
    Example: claimdesk serve
    """
    from db import sources
    from db.session import unit_of_work
    from flows.schedule import require_server
    from flows.schedule import serve as serve_deployments

    config = ready()
    try:
        require_server()
        with unit_of_work(config.database_url) as session:
            count = len(sources.list_sources(session))
        if not count:
            problem("warning", "no sources yet: only the daily export is scheduled")
        serve_deployments(config)
    except ClaimdeskError as exc:
        fail(str(exc))


def resolve(location: str, kind: str | None, allow_private: bool) -> tuple[str, str]:
    """The location as stored and its kind (flows.fetching.locations, shared with the desk)."""
    from flows.fetching.locations import resolve as resolve_location

    return resolve_location(location, kind, allow_private)


def _checked_url(location: str) -> "httpx.URL":
    from flows.fetching.locations import checked_url

    return checked_url(location)


def source_dict(row: "SourceRow") -> dict[str, Any]:
    polled = row.last_polled_at
    return {
        "id": row.id,
        "location": row.location,
        "kind": row.kind,
        "every": format_every(row.every_seconds),
        "every_seconds": row.every_seconds,
        "last_polled_at": polled.isoformat() if isinstance(polled, datetime) else None,
        "last_error": row.last_error,
        "documents_found": row.documents_found,
    }


def _stored_location(key: str) -> str:
    """How `sources add` would have stored this location (ids pass through)."""
    if is_url(key):
        try:
            return normalise_location(str(_checked_url(key.strip())))
        except InvalidSource:
            return normalise_location(key)
    return normalise_location(key)
