"""Help texts a person reads in full: rich markup eats "[default: ...]" written into a
help string ("At most this many ."), so defaults go through show_default instead."""

from __future__ import annotations

from typing import Any

import click
import typer

from cli.app import app


def _commands(command: Any) -> list[Any]:
    """The command and every subcommand (Typer's groups are its own click's)."""
    found = [command]
    if hasattr(command, "list_commands"):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            found.extend(_commands(command.get_command(ctx, name)))
    return found


def test_no_help_text_holds_brackets_that_rich_would_swallow() -> None:
    commands = _commands(typer.main.get_command(app))
    swallowed = [
        f"{command.name} {param.name}: {param.help}"
        for command in commands
        for param in command.params
        if "[" in (getattr(param, "help", None) or "")
    ]
    assert swallowed == []
    assert len(commands) > 10
