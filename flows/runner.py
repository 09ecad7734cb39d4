"""Running a flow with or without a Prefect server.

Without ``PREFECT_API_URL`` a one-off command runs the flow's code directly: starting
Prefect's temporary server costs 7–20 s and loses records (see NOTES.md). With a server
configured, the same command runs through Prefect with full records.
"""

from __future__ import annotations

import os
from typing import Any

from rich.console import Console

_told = False


def run_flow(flow: Any, **kwargs: Any) -> Any:
    global _told
    if os.environ.get("PREFECT_API_URL"):
        return flow(**kwargs)
    if not _told and os.environ.get("CLAIMDESK_QUIET_PREFECT") is None:
        Console(stderr=True).print(
            "[dim]Running without Prefect orchestration; "
            "set PREFECT_API_URL to record flow runs.[/]"
        )
        _told = True
    return flow.fn(**kwargs)
