"""The reviewer's commands: next, release, review, reopen, export, import, export-claimreview."""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from claims.errors import ClaimdeskError
from cli.output import err, fail, printable, problem, ready, require_file, say
from flows.settings import MAX_LEASE_MINUTES

if TYPE_CHECKING:
    from claims.stored import StoredClaim
    from db.checklist_io import ExportFilter, ImportPlan
    from db.queue import Lease

# The database layer is imported by the commands that use it: `--help` stays fast.

EMPTY_QUEUE = 3  # exit code of `next` when there is nothing to lease
MAX_ERRORS = 20  # error lines `import` prints before "and N more"

MAX_NAME = 200  # the width of the reviewer columns
MAX_ID = 2**31 - 1  # PostgreSQL INTEGER


def _reviewer(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_NAME or "\x00" in name:
        raise typer.BadParameter(f"give a name of 1 to {MAX_NAME} characters")
    return name


def _claim_id(value: int) -> int:
    if not 1 <= value <= MAX_ID:
        raise typer.BadParameter(f"{value} is not a claim id")
    return value


Reviewer = Annotated[
    str,
    typer.Option("--reviewer", help="Who is reviewing.", show_default=False, callback=_reviewer),
]
ClaimId = Annotated[int, typer.Argument(help="The claim's id.", metavar="ID", callback=_claim_id)]


def register(app: typer.Typer) -> None:
    """Add the review commands to the `claimdesk` command group."""
    app.command("next")(next_claim)
    app.command()(release)
    app.command()(review)
    app.command()(reopen)
    app.command()(export)
    app.command("import")(import_checklist)
    app.command("export-claimreview")(export_claimreview)


def next_claim(
    reviewer: Reviewer,
    minutes: Annotated[
        int | None, typer.Option(help="Lease length.", show_default="CLAIMDESK_LEASE_MINUTES or 30")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The claim as one JSON object.")] = False,
) -> None:
    """Lease the highest-priority claim and show what to check (exit code 3: queue empty).

    Example: claimdesk next --reviewer alice
    """
    from claims.checklist import checks
    from db import queue, repository
    from db.session import unit_of_work

    config = ready()
    if minutes is not None and not 0 < minutes <= MAX_LEASE_MINUTES:
        fail(f"--minutes must be between 1 and {MAX_LEASE_MINUTES} (a week)", 2)
    lease = queue.take_next(config.database_url, reviewer, minutes or config.lease_minutes)
    with unit_of_work(config.database_url) as session:
        claim = repository.get_claim(session, lease.claim_id) if lease else None
        if lease is None or claim is None:
            if not as_json:
                err.print("the queue is empty: nothing to review")
            raise typer.Exit(EMPTY_QUEUE)
        context = repository.claim_context(session, claim.id)
    to_check = checks(claim)
    if as_json:
        data = claim.as_dict() | {
            "lease_expires_at": lease.expires_at.isoformat(),
            "checks": to_check,
            "context": context,
        }
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    _show(claim, lease, to_check, context)


def _show(claim: "StoredClaim", lease: "Lease", to_check: list[str], context: str) -> None:
    say(
        Text.assemble(
            (f"claim {claim.id}", "bold"),
            f" leased to {printable(lease.reviewer)} until {lease.expires_at:%Y-%m-%d %H:%M} UTC",
        )
    )
    say(f"\n  {claim.text}\n")
    say(f"type {claim.type} · score {claim.score:.2f} · version {claim.version}")
    for appearance in claim.appearances:
        document = appearance.document
        published = document.published.isoformat() if document.published else "undated"
        say(f"in: {document.title} ({published}) {document.location}")
    if context:
        say(f"context: {context}")
    say("checks:")
    for check in to_check:
        say(f"  [ ] {check}")
    say(
        f"\nrecord: claimdesk review {claim.id} --verdict VERDICT --evidence URL "
        f'--note "…" --reviewer {lease.reviewer}'
    )


def release(claim_id: ClaimId, reviewer: Reviewer) -> None:
    """Give a claim you leased back to the queue.

    Example: claimdesk release 12 --reviewer alice
    """
    from db import queue
    from db.session import unit_of_work

    config = ready()
    with unit_of_work(config.database_url) as session:
        _run(queue.release, session, claim_id, reviewer)
        session.commit()
    say(f"claim {claim_id} is back in the queue")


def review(
    claim_id: ClaimId,
    verdict: Annotated[
        str,
        typer.Option(
            help="true, mostly_true, half_true, misleading, false, unverifiable or not_checkable.",
            show_default=False,
        ),
    ],
    reviewer: Reviewer,
    evidence: Annotated[
        list[str] | None, typer.Option(help="An http(s) URL; repeat for several.", metavar="URL")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Notes on how it was checked.")] = None,
) -> None:
    """Record a verdict on a claim, with its evidence and notes.

    Example: claimdesk review 12 --verdict false --evidence https://example.org/data
    --note "The registry lists 43 countries." --reviewer alice
    """
    from claims.claimreview import parse_evidence, parse_verdict
    from db import queue
    from db.session import unit_of_work

    try:
        verdict, urls = parse_verdict(verdict), parse_evidence(evidence or [])
    except ClaimdeskError as exc:
        fail(str(exc), 2)
    config = ready()
    with unit_of_work(config.database_url) as session:
        changed = _run(queue.record_verdict, session, claim_id, verdict, reviewer, urls, note)
        session.commit()
    if not changed:
        say(f"claim {claim_id}: this verdict is recorded already")
        return
    say(f"claim {claim_id}: {verdict} (reviewed by {reviewer})")


def reopen(
    claim_id: ClaimId,
    reviewer: Reviewer,
    note: Annotated[str | None, typer.Option(help="Why it needs another look.")] = None,
) -> None:
    """Put a reviewed claim back in the queue (its verdict is withdrawn, its notes stay).

    Example: claimdesk reopen 12 --reviewer alice --note "New figures from the ministry."
    """
    from db import queue
    from db.session import unit_of_work

    config = ready()
    with unit_of_work(config.database_url) as session:
        _run(queue.reopen, session, claim_id, reviewer, note)
        session.commit()
    say(f"claim {claim_id} is back in the queue")


def export(
    file: Annotated[Path, typer.Argument(help="Where to write the checklist CSV.")],
    status: Annotated[
        list[str] | None,
        typer.Option(help="queued, leased or reviewed; repeat for several.", show_default="all"),
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Only claims first found on or after this date (ISO).")
    ] = None,
    min_score: Annotated[
        float | None, typer.Option(help="Only claims scoring this or more.")
    ] = None,
    reviewer: Annotated[
        str | None, typer.Option(help="Only claims this reviewer reviewed or holds.")
    ] = None,
    claim_type: Annotated[
        list[str] | None, typer.Option("--type", help="Only claims of this type; repeatable.")
    ] = None,
    excel: Annotated[
        bool, typer.Option(help="Start with a UTF-8 byte order mark, as Excel wants.")
    ] = False,
) -> None:
    """Write the reviewer checklist CSV: one row per claim, with what to check.

    Every status unless --status says which: queued, leased or reviewed.

    Example: claimdesk export out/checklist.csv --status queued --min-score 0.7 --excel
    """
    from db.checklist_io import write_checklist
    from db.session import unit_of_work
    from flows.files import CannotWrite, atomic_write
    from flows.settings import spare_core

    filters = _filters(status, since, min_score, reviewer, claim_type)
    if file.suffix.lower() != ".csv":
        fail(f"{file}: the checklist is a CSV file; give a name ending in .csv", 2)
    config = ready()
    encoding = "utf-8-sig" if excel else "utf-8"
    try:
        with (
            unit_of_work(config.database_url) as session,
            atomic_write(file, encoding) as handle,
        ):
            count = write_checklist(session, handle, filters, 2 if spare_core() else 1)
    except CannotWrite as exc:
        fail(str(exc))
    say(f"wrote {count} claims to {file}")


def _filters(
    status: list[str] | None,
    since: str | None,
    min_score: float | None,
    reviewer: str | None,
    types: list[str] | None,
) -> "ExportFilter":
    from claims.model import CLAIM_TYPES
    from db.checklist_io import ExportFilter
    from db.queue import STATUSES

    for name in status or []:
        if name not in STATUSES:
            fail(f"--status {name!r}: use one of {', '.join(STATUSES)}", 2)
    for name in types or []:
        if name not in CLAIM_TYPES:
            fail(f"--type {name!r}: use one of {', '.join(CLAIM_TYPES)}", 2)
    if min_score is not None and not 0 <= min_score <= 1:
        fail("--min-score is between 0 and 1", 2)
    return ExportFilter(
        statuses=tuple(status or STATUSES),
        since=_parse_since(since) if since else None,
        min_score=min_score,
        reviewer=reviewer,
        types=tuple(types or ()),
    )


def _parse_since(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)  # a date alone is its midnight
        # Stored times are UTC (SQLite keeps no offset and compares them as text).
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    except ValueError:
        fail(f"--since {text!r}: give a date such as 2019-05-22", 2)
    except OverflowError:  # 9999-12-31T23:00-05:00 is in year 10000 in UTC
        fail(f"--since {text!r}: outside the years 1 to 9999 in UTC", 2)


def import_checklist(
    file: Annotated[Path, typer.Argument(help="A filled-in checklist CSV.")],
    reviewer: Reviewer,
    dry_run: Annotated[
        bool, typer.Option(help="Report what would change; change nothing.")
    ] = False,
    encoding: Annotated[str, typer.Option(help="Text encoding of the file.")] = "utf-8-sig",
) -> None:
    """Record the verdicts of a filled-in checklist: every row is checked first, then all
    are applied or none.

    Example: claimdesk import out/checklist.csv --reviewer alice --dry-run
    """
    from claims.reading import decoded_lines
    from db.checklist_io import ChecklistInvalid, apply_import, plan_import
    from db.session import unit_of_work

    require_file(file)
    config = ready()
    with unit_of_work(config.database_url) as session:
        try:
            with file.open("rb") as handle:
                plan = plan_import(session, decoded_lines(handle, encoding), reviewer)
            if not dry_run:
                apply_import(session, plan, reviewer)
                session.commit()
        except LookupError:
            fail(f"--encoding {encoding!r}: no such encoding", 2)
        except ChecklistInvalid as exc:
            for error in exc.errors[:MAX_ERRORS]:
                problem("error", f"{file}: {error}")
            if len(exc.errors) > MAX_ERRORS:
                problem("error", f"and {len(exc.errors) - MAX_ERRORS} more")
            fail(f"{file}: {exc}")
    _report(plan, dry_run)


def _report(plan: "ImportPlan", dry_run: bool) -> None:
    for change in plan.changes:
        previous = change.previous or "no verdict"
        say(f"row {change.row}: claim {change.claim_id}: {previous} → {change.verdict}")
    verb = "would record" if dry_run else "recorded"
    say(
        f"{verb} {len(plan.changes)} verdicts; {plan.unchanged} unchanged; "
        f"{plan.empty} rows without a verdict"
    )


def export_claimreview(
    file: Annotated[Path, typer.Argument(help="Where to write the JSON-LD.")],
) -> None:
    """Write schema.org ClaimReview JSON-LD for every claim with a published verdict.

    Claims rated unverifiable or not_checkable have no place on the 1–5 rating scale
    and are left out. Example: claimdesk export-claimreview out/claimreview.jsonld
    """
    from claims.claimreview import claim_review, to_json_ld
    from db.session import unit_of_work
    from db.streaming import queue_page
    from flows.files import CannotWrite, atomic_write

    config = ready()
    with unit_of_work(config.database_url) as session:
        claims = queue_page(session, statuses=("reviewed",))  # streamed, not all at once
        reviews = [
            claim_review(c, config.organisation, config.organisation_url, config.public_base_url)
            for c in claims
        ]
    published = [r for r in reviews if r is not None]
    try:
        with atomic_write(file) as handle:
            handle.write(to_json_ld(published))
    except CannotWrite as exc:
        fail(str(exc))
    unrated = len(reviews) - len(published)
    skipped = f" ({unrated} rated unverifiable or not_checkable left out)" if unrated else ""
    say(f"wrote {len(published)} ClaimReviews to {file}{skipped}")


def _run(action: Any, *args: Any) -> Any:
    """Run a queue action; its refusal becomes one error line and exit code 1."""
    try:
        return action(*args)
    except ClaimdeskError as exc:
        fail(str(exc))
