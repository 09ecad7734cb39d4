"""The `claimdesk` command line."""

from __future__ import annotations

import codecs
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from claims.errors import ClaimdeskError
from db.migrate import upgrade
from db.session import unit_of_work
from flows.run_options import Dask, Quiet, progress_bar, with_dask
from flows.settings import SettingError, Settings

if TYPE_CHECKING:
    from db.streaming import Page

app = typer.Typer(
    name="claimdesk",
    help="Find the checkable factual claims in news articles and queue them for reviewers.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    pretty_exceptions_enable=False,
)
# No console markup: claim text, file names and URLs are printed as they are ("[/ref]").
out = Console(soft_wrap=True, markup=False, highlight=False)
err = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)


def say_problem(label: str, message: str) -> None:
    """One line on stderr: "error: ..." or "warning: ..."."""
    style = "bold red" if label == "error" else "yellow"
    err.print(Text.assemble((f"{label}:", style), " ", message))


def check_encoding(encoding: str) -> None:
    """Refuse an unknown --encoding before any work starts."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        fail(f"--encoding {encoding!r}: unknown encoding", 2)


def fail(message: str, code: int = 1) -> NoReturn:
    say_problem("error", message)
    raise typer.Exit(code)


def settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingError as exc:
        fail(f"bad setting: {exc}", 2)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        out.print(f"claimdesk {version('claimdesk')}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """claimdesk: fact-claim extraction and a review queue for fact-checkers."""


@app.command()
def init() -> None:
    """Create or upgrade the database to the latest schema (safe to repeat).

    Example: CLAIMDESK_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/test claimdesk init
    """
    config = settings()
    try:
        upgrade(config.database_url)
    except Exception as exc:  # the database is unreachable or refuses: one line
        fail(f"cannot migrate {_safe_url(config.database_url)}: {_first_line(exc)}")
    out.print(f"database ready: {_safe_url(config.database_url)}", highlight=False)


@app.command()
def extract(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders or URLs.", metavar="PATH|URL...")
    ],
    encoding: Annotated[str, typer.Option(help="Text encoding of the input files.")] = "utf-8",
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    dask: Dask = None,
    quiet: Quiet = False,
) -> None:
    """Extract the claims of files, folders and URLs and queue the checkworthy ones.

    On a terminal a progress bar shows the documents done, words/s and the time left.
    Example: claimdesk extract seeds/ article.html
    """
    from flows.extract import extract_claims
    from flows.runner import run_flow

    config = with_dask(settings(), dask)
    check_encoding(encoding)
    _require_schema(config)
    try:
        with progress_bar("extracting", quiet or as_json):
            summary = run_flow(
                extract_claims,
                config,
                quiet=as_json or quiet,
                inputs=list(inputs),
                encoding=encoding,
            )
    except ClaimdeskError as exc:
        fail(str(exc))
    for warning in summary.warnings:
        say_problem("warning", warning)
    for error in summary.errors:
        say_problem("error", error)
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


@app.command()
def score(
    file: Annotated[
        str, typer.Argument(help="Sentences, one per line; - or nothing reads standard input.")
    ] = "-",
    encoding: Annotated[str, typer.Option(help="Text encoding of the input.")] = "utf-8",
) -> None:
    """Score sentences for check-worthiness: one per line in, JSON Lines out, same order.

    Example: echo "Unemployment fell to 4.1 percent in 2018." | claimdesk score
    """
    from flows.extract import extractor

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


@app.command("claims")
def list_claims(
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON Lines, one claim per line (all of them, streamed).")
    ] = False,
    all_sentences: Annotated[
        bool, typer.Option("--all", help="Every stored sentence, not only checkworthy claims.")
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(min=1, help="At most this many (default: 50 in the table, all with --json)."),
    ] = None,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
) -> None:
    """List the stored claims, the oldest first, a page at a time.

    Example: claimdesk claims --json > claims.jsonl; claimdesk claims --limit 20 --offset 40
    """
    from db.streaming import Page, claims_page

    config = ready()
    page = Page(limit if limit is not None or as_json else PAGE, offset)
    with unit_of_work(config.database_url) as session:
        rows = claims_page(session, page, checkworthy_only=not all_sentences)
        if as_json:
            for data in rows:
                sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            return
        table = Table("id", "score", "type", "status", "claim")
        for data in rows:
            table.add_row(
                str(data["id"]), f"{data['score']:.2f}", data["type"], data["status"], data["text"]
            )
        out.print(table)
        _more(table.row_count, page, "claims")


PAGE = 50  # rows a listing shows unless told


@app.command()
def queue(
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many.")] = PAGE,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
) -> None:
    """Show the review queue, highest priority first (the order `next` leases in).

    Example: claimdesk queue --limit 20 --offset 20
    """
    from db.streaming import Page, count_in_queue, queue_page

    config = ready()
    page = Page(limit, offset)
    with unit_of_work(config.database_url) as session:
        total = count_in_queue(session)
        table = Table("id", "priority", "status", "type", "claim", title=f"{total} claims queued")
        for data in queue_page(session, page):
            table.add_row(
                str(data["id"]),
                f"{data['priority']:.2f}",
                data["status"],
                data["type"],
                data["text"],
            )
        out.print(table)
        _more(table.row_count, page, "claims", total)


def _more(shown: int, page: Page, what: str, total: int | None = None) -> None:
    """Say on stderr how to see the next page when this one is full."""
    last = page.offset + shown
    if page.limit is None or shown < page.limit or (total is not None and last >= total):
        return
    err.print(f"showing {what} {page.offset + 1}–{last}; next page: --offset {last}")


def ready() -> Settings:
    """The settings of a command that needs an initialised database."""
    config = settings()
    _require_schema(config)
    return config


def _require_schema(config: Settings) -> None:
    from db.migrate import current_revision

    try:
        revision = current_revision(config.database_url)
    except Exception as exc:
        fail(f"cannot open the database {_safe_url(config.database_url)}: {_first_line(exc)}")
    if revision is None:
        fail(
            f"the database {_safe_url(config.database_url)} is not initialised: "
            "run `claimdesk init`"
        )


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


from flows.review_commands import register  # noqa: E402  (it uses the helpers above)
from flows.source_commands import register as register_sources  # noqa: E402

register(app)
register_sources(app)


def main() -> None:
    """The console entry point: a usage error is one line, as every other error."""
    try:
        code = app(standalone_mode=False)
    except typer.Abort:
        sys.exit(130)
    except typer.TyperException as exc:  # usage errors and bad parameters
        context = getattr(exc, "ctx", None)
        where = context.command_path if context is not None else "claimdesk"
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        say_problem("error", f"{where}: {message} (see {where} --help)")
        sys.exit(getattr(exc, "exit_code", 2))
    sys.exit(code if isinstance(code, int) else 0)
