"""The claim commands: init, extract, score, claims, queue."""

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from claims.errors import ClaimdeskError
from cli.output import (
    check_encoding,
    err,
    fail,
    first_line,
    note,
    out,
    printable,
    problem,
    ready,
    require_file,
    require_schema,
    safe_url,
    settings,
    warn,
)
from cli.run_options import Dask, Quiet, progress_bar, with_dask

MAX_ROWS = 2**63 - 1  # LIMIT and OFFSET are 64-bit integers in SQLite and PostgreSQL


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
    from sqlalchemy.exc import SQLAlchemyError

    from db.failures import DatabaseFailure, explain, probe_write
    from db.migrate import upgrade

    config = settings()
    try:
        upgrade(config.database_url)
        probe_write(config.database_url)  # a read-only database is not "ready"
    except DatabaseFailure as exc:
        fail(str(exc))
    except SQLAlchemyError as exc:
        fail(str(explain(exc, config.database_url)))
    except Exception as exc:  # the database is unreachable or refuses: one line
        fail(f"cannot migrate {safe_url(config.database_url)}: {first_line(exc)}")
    out.print(f"database ready: {safe_url(config.database_url)}", highlight=False)


def extract(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders or URLs.", metavar="PATH|URL...")
    ],
    encoding: Annotated[str, typer.Option(help="Text encoding of the input files.")] = "utf-8",
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date (YYYY-MM-DD) of every input, over what they say.",
            metavar="YYYY-MM-DD",
        ),
    ] = None,
    dask: Dask = None,
    quiet: Quiet = False,
) -> None:
    """Extract the claims of files, folders and URLs and queue the checkworthy ones.

    On a terminal a progress bar shows the documents done, words/s and the time left.
    Example: claimdesk extract seeds/ article.html --published 2019-05-22
    """
    if any(not given.strip() for given in inputs):  # Path("") is the working directory
        fail("an empty PATH|URL (an unset variable?): give a file, folder or URL", 2)
    day = _published_date(published)
    check_encoding(encoding)
    if not dask:  # spaCy starts loading in its own process before anything else
        from claims.parse_process import started
        from flows.settings import early_parse_model

        if (early := early_parse_model()) is not None:
            started(early)
    config = with_dask(settings(), dask)
    if not config.dask_address:  # the workers load their own models
        from claims.encoder import preload
        from flows.settings import parses_apart

        if parses_apart(config):  # spaCy imports, loads and parses there meanwhile
            from claims.parse_process import started
            from flows.ingest import first_paragraphs

            parser = started(config.model)
            texts = first_paragraphs(inputs, encoding, config)[: config.batch_size]
            parser.prefetch(texts, config.batch_size)
        preload()  # builds the ONNX session on the other core while spaCy is imported

    from flows.pipeline import extract_inputs
    from flows.runtime import run

    require_schema(config)
    try:
        with progress_bar("extracting", quiet or as_json):
            summary = run(
                "flows.extract:extract_claims",
                extract_inputs,
                config,
                note=None if as_json or quiet else note,
                inputs=list(inputs),
                encoding=encoding,
                published=day,
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


def _published_date(text: str | None) -> date | None:
    """The --published day, or one line and exit 2 before any work."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"--published {text!r}: not a date; write YYYY-MM-DD", code=2)


def score(
    file: Annotated[
        str, typer.Argument(help="Sentences, one per line; - or nothing reads standard input.")
    ] = "-",
    encoding: Annotated[str, typer.Option(help="Text encoding of the input.")] = "utf-8",
) -> None:
    """Score sentences for check-worthiness: one per line in, JSON Lines out, same order.

    Example: echo "Unemployment fell to 4.1 percent in 2018." | claimdesk score
    """
    from claims.reading import decoded_lines
    from flows.store import extractor

    config = settings()
    check_encoding(encoding)
    if file == "-":
        lines = decoded_lines(sys.stdin.buffer, encoding)
    else:
        path = Path(file)
        require_file(path)
        lines = _read_lines(path, encoding)
    read = 0  # lines decoded so far: a decoding error is on the next one

    def stripped() -> Iterator[str]:
        nonlocal read
        for line in lines:
            read += 1
            yield line.rstrip("\r\n")

    try:
        engine = extractor(config.model, config.threshold, config.batch_size)
        for claim in engine.score_lines(stripped()):
            record = {
                "text": claim.text,
                "score": claim.score,
                "checkworthy": claim.checkworthy,
                "type": claim.type,
                "reasons": list(claim.assessment.reasons),
                "features": dict(claim.assessment.features),
            }
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    except UnicodeDecodeError:
        fail(f"{file}: line {read + 1}: not valid {encoding}; try --encoding", 2)
    except ClaimdeskError as exc:
        fail(str(exc))


def _read_lines(path: Path, encoding: str) -> Iterator[str]:
    from claims.reading import decoded_lines

    with path.open("rb") as handle:
        yield from decoded_lines(handle, encoding)


def list_claims(
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON Lines, one claim per line (all, streamed).")
    ] = False,
    all_sentences: Annotated[
        bool, typer.Option("--all", help="Every stored sentence, not only checkworthy claims.")
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=MAX_ROWS,
            help="At most this many.",
            show_default="50 in the table, all with --json",
        ),
    ] = None,
    offset: Annotated[int, typer.Option(min=0, max=MAX_ROWS, help="Skip this many first.")] = 0,
) -> None:
    """List the stored claims, the oldest first, a page at a time.

    Example: claimdesk claims --json > claims.jsonl; claimdesk claims --limit 20 --offset 40
    """
    from db.session import unit_of_work
    from db.streaming import Page, claims_page

    config = ready()
    page = Page(limit if limit is not None or as_json else PAGE, offset)
    with unit_of_work(config.database_url) as session:
        claims = claims_page(session, page, checkworthy_only=not all_sentences)
        if as_json:
            for claim in claims:
                sys.stdout.write(json.dumps(claim.as_dict(), ensure_ascii=False) + "\n")
            return
        from rich.table import Table

        table = Table("id", "score", "type", "status", "claim")
        for claim in claims:
            text = printable(claim.text)
            table.add_row(str(claim.id), f"{claim.score:.2f}", claim.type, claim.status, text)
        out.print(table)
    _more(table.row_count, page.limit, page.offset, "claims")


PAGE = 50  # rows a listing shows unless told


def queue(
    limit: Annotated[int, typer.Option(min=1, max=MAX_ROWS, help="Show at most this many.")] = PAGE,
    offset: Annotated[int, typer.Option(min=0, max=MAX_ROWS, help="Skip this many first.")] = 0,
) -> None:
    """Show the review queue, highest priority first (the order `next` leases in).

    Example: claimdesk queue --limit 20 --offset 20
    """
    from db.queue_view import count_entries, queue_entries

    config = ready()
    total = count_entries(config.database_url)
    entries = queue_entries(config.database_url, limit=limit, offset=offset)
    from rich.table import Table

    table = Table("id", "priority", "status", "type", "claim", title=f"{total} claims queued")
    for entry in entries:
        text = printable(entry.text)
        table.add_row(str(entry.id), f"{entry.priority:.2f}", entry.status, entry.type, text)
    out.print(table)
    _more(len(entries), limit, offset, "claims", total)


def _more(shown: int, limit: int | None, offset: int, what: str, total: int | None = None) -> None:
    """Say on stderr how to see the next page when this one is full."""
    last = offset + shown
    if limit is None or shown < limit or (total is not None and last >= total):
        return
    err.print(f"showing {what} {offset + 1}–{last}; next page: --offset {last}")
