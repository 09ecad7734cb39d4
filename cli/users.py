"""The desk's commands: `users add|list|disable|enable` and `web`."""

import json
import sys
from typing import Annotated

import typer

from cli.base import App
from cli.output import fail, ready, say, warn

# The database, Argon2 and the web app are imported by the commands that use them.


def register(app: typer.Typer) -> None:
    """Add `users …` and `web` to the `claimdesk` command group."""
    group = App(name="users", help="The people who sign in to the desk.", no_args_is_help=True)
    group.command("add")(add)
    group.command("list")(list_users)
    group.command("disable")(disable)
    group.command("enable")(enable)
    app.add_typer(group)
    app.command()(web)


def add(
    name: Annotated[str, typer.Argument(help="The sign-in name (no spaces).")],
    role: Annotated[
        str, typer.Option(help="reviewer, editor or admin.", show_default=True)
    ] = "reviewer",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Add a user of the desk; asks for the password (twice) unless --password-stdin.

    Example: claimdesk users add alice --role admin
    """
    from db import users
    from db.session import unit_of_work

    try:
        name, role = users.check_name(name), users.check_role(role)
    except users.UserError as exc:
        fail(str(exc), 2)
    config = ready()
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with unit_of_work(config.database_url) as session:
        try:
            user = users.add_user(session, name, role, password)
        except users.UserError as exc:
            fail(str(exc), 2 if isinstance(exc, users.InvalidUser) else 1)
        session.commit()
    say(f"added {user.role} {user.name}")


def list_users(
    as_json: Annotated[bool, typer.Option("--json", help="JSON for machines.")] = False,
) -> None:
    """List the users with their role and whether they are disabled.

    Example: claimdesk users list
    """
    from db import users
    from db.session import unit_of_work

    config = ready()
    with unit_of_work(config.database_url) as session:
        rows = users.list_users(session)
    if as_json:
        listed = [{"name": u.name, "role": u.role, "disabled": u.disabled} for u in rows]
        say(json.dumps(listed, ensure_ascii=False))
        return
    if not rows:
        say("no users yet: add one with `claimdesk users add NAME --role admin`")
    for user in rows:
        say(f"{user.name:<20} {user.role:<9} {'disabled' if user.disabled else 'active'}")


def disable(name: Annotated[str, typer.Argument(help="The user's name.")]) -> None:
    """Disable a user: they cannot sign in, and their open sessions end.

    Example: claimdesk users disable bob
    """
    _set_disabled(name, True)


def enable(name: Annotated[str, typer.Argument(help="The user's name.")]) -> None:
    """Let a disabled user sign in again.

    Example: claimdesk users enable bob
    """
    _set_disabled(name, False)


def _set_disabled(name: str, disabled: bool) -> None:
    from db import users
    from db.session import unit_of_work

    config = ready()
    with unit_of_work(config.database_url) as session:
        try:
            user = users.set_disabled(session, name, disabled)
        except users.UserError as exc:
            fail(str(exc))
        session.commit()
    say(f"{'disabled' if disabled else 'enabled'} {user.name}")


def web(
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the reviewer desk in the browser until Ctrl-C.

    Example: claimdesk web --port 8000, then open http://127.0.0.1:8000
    """
    import uvicorn

    from db import users
    from db.session import unit_of_work
    from web.app import create_app

    config = ready()
    with unit_of_work(config.database_url) as session:
        if not users.list_users(session):
            warn("no users yet: add one with `claimdesk users add NAME --role admin`")
    if config.secret_key is None:
        warn(
            "CLAIMDESK_SECRET_KEY is not set: sessions end when the desk stops "
            "(set it to 32 or more random characters)"
        )
    say(f"the desk is at http://{host}:{port}/ (Ctrl-C stops it)")
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning")
