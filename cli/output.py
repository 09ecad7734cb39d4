"""Everything the commands print, and the checks every command makes before it works.

One console pair, without markup or emoji codes: claim text, file names and URLs are
printed as they are ("[/ref]" stays "[/ref]", ":smile:" stays ":smile:"). Errors are one
line on stderr; `fail` ends the command.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.text import Text

from cli.terminal import printable as printable  # re-exported for the commands
from flows.settings import SettingError, Settings

out = Console(soft_wrap=True, markup=False, emoji=False, highlight=False)
err = Console(stderr=True, soft_wrap=True, markup=False, emoji=False, highlight=False)


def say(text: str | Text) -> None:
    """Print a line for people, as it is but for control characters and escape sequences."""
    out.print(printable(text) if isinstance(text, str) else text)


def problem(label: str, message: str) -> None:
    """One line on stderr: "error: ..." or "warning: ..."."""
    style = "bold red" if label == "error" else "yellow"
    err.print(Text.assemble((f"{label}:", style), " ", printable(message)))


_NOTED: set[str] = set()


def note(message: str) -> None:
    """A dimmed aside on stderr, such as how a flow runs: once per process."""
    if message in _NOTED:
        return
    _NOTED.add(message)
    err.print(Text(message, style="dim"))


def warn(message: str) -> None:
    problem("warning", message)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one error line and end the command with ``code``."""
    problem("error", message)
    raise typer.Exit(code)


def settings() -> Settings:
    from db.session import configure

    try:
        config = Settings.from_env()
    except SettingError as exc:
        fail(f"bad setting: {exc}", 2)
    configure(busy_timeout=config.busy_timeout)
    return config


def ready() -> Settings:
    """The settings of a command that needs an initialised database."""
    config = settings()
    require_schema(config)
    return config


def require_schema(config: Settings) -> None:
    """Fail in one line when the database cannot be opened or has no schema yet."""
    from db.failures import DatabaseMissing, require_existing
    from db.session import schema_revision

    try:
        require_existing(config.database_url)  # connecting would create an empty file
    except DatabaseMissing as exc:
        fail(str(exc))
    try:
        revision = schema_revision(config.database_url)
    except Exception as exc:
        fail(f"cannot open the database {safe_url(config.database_url)}: {first_line(exc)}")
    if revision is None:
        fail(
            f"the database {safe_url(config.database_url)} is not initialised: run `claimdesk init`"
        )


def require_file(path: Path) -> None:
    """Refuse an input that is not a file to read, saying what it is instead."""
    if not path.is_file():
        fail(f"{path}: {'a folder, not a file' if path.is_dir() else 'no such file'}", 2)


def check_encoding(encoding: str) -> None:
    """Refuse an unknown --encoding before any work starts."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        fail(f"--encoding {encoding!r}: unknown encoding", 2)
    if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib: what open() refuses
        fail(f"--encoding {encoding!r}: not a text encoding", 2)


def safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
