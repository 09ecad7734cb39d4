"""The `claimdesk` command group: its options, its commands by area, its entry point."""

import sys
from typing import Annotated

import typer

from cli import audit, claims, review, sources, users
from cli.base import App
from cli.output import problem, say
from cli.terminal import quiet_libraries

app = App(
    name="claimdesk",
    help="Find the checkable factual claims in news articles and queue them for reviewers.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        say(f"claimdesk {version('claimdesk')}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="Also show the log lines of the libraries used.")
    ] = False,
) -> None:
    """claimdesk: fact-claim extraction and a review queue for fact-checkers."""
    quiet_libraries(verbose)


claims.register(app)
review.register(app)
sources.register(app)
users.register(app)
audit.register(app)


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
        problem("error", f"{where}: {message} (see {where} --help)")
        sys.exit(getattr(exc, "exit_code", 2))
    sys.exit(code if isinstance(code, int) else 0)
