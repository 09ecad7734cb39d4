"""The claim commands: init, extract, score, claims, queue."""

import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from claims.errors import ClaimdeskError
from cli.output import (
    check_encoding,
    fail,
    first_line,
    note,
    out,
    problem,
    ready,
    require_schema,
    safe_url,
    settings,
    warn,
)


def register(app: typer.Typer) -> None:
    """Add init, extract, score, claims and queue to the `claimdesk` command group."""
    app.command()(init)
    app.command()(extract)
    app.command()(score)
    app.command("claims")(list_claims)
    app.command()(queue)


def init() -> None:
    """Create or upgrade the database to the latest schema (safe to repeat).

    Example: CLAIMDESK_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/test claimdesk init
    """
    from db.migrate import upgrade

    config = settings()
    try:
        upgrade(config.database_url)
    except Exception as exc:  # the database is unreachable or refuses: one line
        fail(f"cannot migrate {safe_url(config.database_url)}: {first_line(exc)}")
    out.print(f"database ready: {safe_url(config.database_url)}", highlight=False)


def extract(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders or URLs.", metavar="PATH|URL...")
    ],
    encoding: Annotated[str, typer.Option(help="Text encoding of the input files.")] = "utf-8",
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Extract the claims of files, folders and URLs and queue the checkworthy ones.

    Example: claimdesk extract seeds/ article.html
    """
    from flows.extract import extract_claims
    from flows.runtime import run_flow

    config = settings()
    check_encoding(encoding)
    require_schema(config)
    try:
        summary = run_flow(
            extract_claims,
            config,
            note=None if as_json else note,
            inputs=list(inputs),
            encoding=encoding,
        )
    except ClaimdeskError as exc:
        fail(str(exc))
    for warning in summary.warnings:
        warn(warning)
    for error in summary.errors:
        problem("error", error)
    if as_json:
        out.print_json(json.dumps(summary.__dict__))
    else:
        out.print(
            f"documents: {summary.documents} new, {summary.skipped} already stored; "
            f"sentences: {summary.sentences}; checkworthy: {summary.checkworthy}; "
            f"new claims: {summary.new_claims}; queued: {summary.queued}",
            highlight=False,
        )
    if summary.errors:
        raise typer.Exit(1)


def score(
    file: Annotated[
        str, typer.Argument(help="Sentences, one per line; - or nothing reads standard input.")
    ] = "-",
    encoding: Annotated[str, typer.Option(help="Text encoding of the input.")] = "utf-8",
) -> None:
    """Score sentences for check-worthiness: one per line in, JSON Lines out, same order.

    Example: echo "Unemployment fell to 4.1 percent in 2018." | claimdesk score
    """
    from flows.store import extractor

    config = settings()
    check_encoding(encoding)
    if file == "-":
        lines: Iterable[str] = io.TextIOWrapper(sys.stdin.buffer, encoding=encoding)
    else:
        path = Path(file)
        if not path.is_file():
            fail(f"{file}: no such file", 2)
        lines = _read_lines(path, encoding)
    try:
        engine = extractor(config.model, config.threshold, config.batch_size)
        for claim in engine.score_lines(line.rstrip("\r\n") for line in lines):
            record = {
                "text": claim.text,
                "score": claim.score,
                "checkworthy": claim.checkworthy,
                "type": claim.type,
                "reasons": list(claim.assessment.reasons),
                "features": dict(claim.assessment.features),
            }
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    except UnicodeDecodeError as exc:
        fail(f"{file}: not valid {encoding} (byte {exc.start}); try --encoding", 2)
    except ClaimdeskError as exc:
        fail(str(exc))


def _read_lines(path: Path, encoding: str) -> Iterator[str]:
    with path.open(encoding=encoding, newline="") as handle:
        yield from handle


def list_claims(
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON Lines, one claim per line.")
    ] = False,
    all_sentences: Annotated[
        bool, typer.Option("--all", help="Every stored sentence, not only checkworthy claims.")
    ] = False,
) -> None:
    """List the stored claims.

    Example: claimdesk claims --json > claims.jsonl
    """
    from rich.table import Table

    from db import repository
    from db.session import unit_of_work

    config = ready()
    with unit_of_work(config.database_url) as session:
        claims = repository.iter_claims(session, checkworthy_only=not all_sentences)
        if as_json:
            for claim in claims:
                sys.stdout.write(json.dumps(claim.as_dict(), ensure_ascii=False) + "\n")
            return
        table = Table("id", "score", "type", "status", "claim")
        for claim in claims:
            table.add_row(str(claim.id), f"{claim.score:.2f}", claim.type, claim.status, claim.text)
        out.print(table)


def queue() -> None:
    """Show the review queue, highest priority first.

    Example: claimdesk queue
    """
    from rich.table import Table

    from db.queue_view import queue_entries

    config = ready()
    entries = queue_entries(config.database_url)
    table = Table(
        "id", "priority", "status", "type", "claim", title=f"{len(entries)} claims queued"
    )
    for entry in entries:
        table.add_row(str(entry.id), f"{entry.priority:.2f}", entry.status, entry.type, entry.text)
    out.print(table)
