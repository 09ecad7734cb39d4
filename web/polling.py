"""'Poll now' on the Sources page: the poll runs in its own process, as `claimdesk poll`
would, so that fetching and spaCy never hold up the desk; its result is stored on the
source (last poll, documents found, last error) like any other poll's."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from flows.settings import Settings

PollLauncher = Callable[[Settings, str], Any]
CLI_MODULE = "cli"  # python -m CLI_MODULE is the `claimdesk` command
_running: list[subprocess.Popen[bytes]] = []  # kept until they end, then reaped


def launch_poll(settings: Settings, location: str) -> subprocess.Popen[bytes]:
    """Start polling one source in the background; returns at once."""
    _running[:] = [process for process in _running if process.poll() is None]
    env = dict(os.environ, CLAIMDESK_DATABASE_URL=settings.database_url)
    process = subprocess.Popen(  # our own CLI, the location as one argument
        [sys.executable, "-m", CLI_MODULE, "poll", "--", location],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    _running.append(process)
    return process
