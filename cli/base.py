"""The Typer classes of every `claimdesk` command group: Typer's own, started faster.

Typer builds a pydantic ``TypeAdapter`` for each parameter whose value is not already a
bool, and importing pydantic costs a command about 0.15 s. The automatic ``--help``
option's value is None when it is not given, so every command paid for pydantic even
with no parameters of its own (`claimdesk queue`). Here ``--help`` defaults to False,
as a flag does: a command without parameters of its own never loads pydantic. Help
output and behaviour are Typer's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from typer._click import Context
from typer.core import TyperCommand, TyperGroup, TyperOption


def _flag(option: TyperOption | None) -> TyperOption | None:
    if option is not None and option.default is None:
        option.default = False  # absent: False, a bool that needs no coercion
    return option


class Command(TyperCommand):
    """A command whose ``--help`` is a plain flag."""

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        return _flag(super().get_help_option(ctx))


class Group(TyperGroup):
    """A command group whose ``--help`` is a plain flag."""

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        return _flag(super().get_help_option(ctx))


class App(typer.Typer):
    """``typer.Typer`` with `Group` for itself and `Command` for its commands."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(cls=Group, **settings)

    def command(self, name: str | None = None, **settings: Any) -> Callable[[Any], Any]:
        settings.setdefault("cls", Command)
        return super().command(name, **settings)
