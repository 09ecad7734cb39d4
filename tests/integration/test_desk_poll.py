"""'Poll now' on the Sources page really runs `claimdesk poll` in a process of its own."""

from __future__ import annotations

import time
from pathlib import Path

from db import sources
from db.session import unit_of_work
from flows.settings import Settings
from web.polling import launch_poll


def test_poll_now_polls_the_source_in_its_own_process_and_records_the_poll(
    tmp_path: Path,
) -> None:
    from db.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'desk.db'}"
    upgrade(url)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "note.md").write_text("date 2019-05-22\n\nNothing to check here.\n", encoding="utf-8")
    with unit_of_work(url) as session:
        sources.add_source(session, str(inbox), "folder", 3600)
        session.commit()
    started = time.monotonic()
    process = launch_poll(Settings.from_env({"CLAIMDESK_DATABASE_URL": url}), str(inbox))
    assert time.monotonic() - started < 2  # the desk does not wait for the poll
    polled = None
    while polled is None and time.monotonic() - started < 240:
        time.sleep(1)
        with unit_of_work(url) as session:
            polled = sources.list_sources(session)[0].last_polled_at
    assert polled is not None, "the poll never finished"
    assert process.wait(timeout=60) == 0
    with unit_of_work(url) as session:
        row = sources.list_sources(session)[0]
        assert (row.documents_found, row.last_error) == (1, None)
