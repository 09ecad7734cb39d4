"""`claimdesk audit verify`: the audit log's chains and the queue's state, checked."""

from typing import Annotated

import typer

from cli.base import App

audit_app = App(
    help="Check the tamper-evident audit log.", no_args_is_help=True, add_completion=False
)

SHOWN = 20  # discrepancies printed before "and N more"


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")


@audit_app.command()
def verify(
    limit: Annotated[int, typer.Option(help="Print at most this many discrepancies.")] = SHOWN,
) -> None:
    """Check every claim's chain of events and that each queue item matches its last event.

    Exit code 1 names each claim and event that differ. Example: claimdesk audit verify
    """
    from cli.output import fail, problem, ready, say
    from db.audit import verify as verify_log
    from db.session import unit_of_work

    config = ready()
    with unit_of_work(config.database_url) as session:
        report = verify_log(session)
    for discrepancy in report.discrepancies[: max(limit, 0)]:
        problem("error", str(discrepancy))
    hidden = len(report.discrepancies) - max(limit, 0)
    if hidden > 0:
        problem("error", f"and {hidden} more")
    checked = f"{report.events} events of {report.items} queue items"
    if not report.ok:
        count = len(report.discrepancies)
        fail(
            f"the audit log does not match: {count} discrepanc{'y' if count == 1 else 'ies'} "
            f"in {checked}"
        )
    say(f"audit log verified: {checked}, every chain intact and every item in step")
