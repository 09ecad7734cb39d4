"""The Typer classes of every `claimdesk` command group: Typer's own, started faster.

Typer (0.29) builds a pydantic ``TypeAdapter`` for each parameter whose value is not
already a bool, and importing pydantic costs a command about 0.15 s. Two things spare it:

- the automatic ``--help`` option's value is None when it is not given, so every command
  paid for pydantic; here ``--help`` defaults to False, as a flag does;
- Typer builds a parameter's adapter before it looks at the value; here it is built
  only for a value that needs it: a parameter not given (None), and a plain ``str`` or
  ``int`` whose value is already what pydantic would give (a string; an int, or a string
  of digits, within the option's min and max), are taken as they are. Any other value
  goes to Typer's own adapter, so results and errors are Typer's.

Help output and behaviour are Typer's. Every group also ends a database failure in one
line (`cli.db_errors.DatabaseErrorsGroup`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import typer
from typer._click import Context
from typer.core import TyperCommand, TyperOption

from cli.db_errors import DatabaseErrorsGroup

_DIGITS = re.compile(r"-?[0-9]{1,18}")

try:  # Typer's coercion layer (0.29); older Typers have none and need nothing spared
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
except ImportError:  # pragma: no cover
    RuntimeParam = None  # type: ignore[assignment,misc]


def _flag(option: TyperOption | None) -> TyperOption | None:
    if option is not None and option.default is None:
        option.default = False  # absent: False, a bool that needs no coercion
    return option


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _Plain(RuntimeParam):
        """Plain str and int values as they are, the rest to Typer's adapter. A parameter
        not given (None) needs no coercion at all, whatever its type."""

        descriptor: TypeDescriptor

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            plain = self.descriptor.file_annotation is None and self.parameter_info.parser is None
            if plain and self.annotation is str and type(value) is str:
                return value
            if plain and self.annotation is int:
                number = value if type(value) is int else None
                if type(value) is str and _DIGITS.fullmatch(value):
                    number = int(value)
                low, high = self.parameter_info.min, self.parameter_info.max
                if number is not None and _within(number, low, high):
                    return number
            typers = build_runtime_param(self.descriptor)  # pydantic, as Typer does
            return typers._coerce_value(value, param=param, ctx=ctx)


def _within(number: int, low: float | None, high: float | None) -> bool:
    return (low is None or number >= low) and (high is None or number <= high)


def _plain_values(params: list[Any]) -> None:
    """Give each parameter the coercion that builds Typer's adapter only when it must."""
    if RuntimeParam is None:  # pragma: no cover
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        param._runtime_param = _Plain(descriptor.parameter_info, descriptor.annotation, descriptor)


class Command(TyperCommand):
    """A command whose ``--help`` is a plain flag and whose plain values skip pydantic."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_values(self.params)

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        return _flag(super().get_help_option(ctx))


class Group(DatabaseErrorsGroup):
    """A command group whose ``--help`` is a plain flag and database failures one line."""

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        return _flag(super().get_help_option(ctx))


class App(typer.Typer):
    """``typer.Typer`` with `Group` for itself and `Command` for its commands."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(cls=Group, **settings)

    def command(self, name: str | None = None, **settings: Any) -> Callable[[Any], Any]:
        settings.setdefault("cls", Command)
        return super().command(name, **settings)
