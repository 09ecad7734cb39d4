"""Settings come from environment variables; a bad one is named in one clear error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows.settings import SettingError, Settings


def test_defaults_need_no_environment() -> None:
    settings = Settings.from_env({})
    assert settings.database_url.startswith("sqlite:///") and settings.threshold is None
    assert settings.lease_minutes == 30


def test_values_are_read_from_their_variables() -> None:
    settings = Settings.from_env(
        {
            "CLAIMDESK_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1/test",
            "CLAIMDESK_THRESHOLD": "0.7",
            "CLAIMDESK_LEASE_MINUTES": "5",
            "CLAIMDESK_ALLOW_PRIVATE_HOSTS": "1",
        }
    )
    assert settings.database_url == "postgresql+psycopg://postgres@127.0.0.1/test"
    assert (settings.threshold, settings.lease_minutes) == (0.7, 5)
    assert settings.allow_private_hosts


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CLAIMDESK_THRESHOLD", "abc", "CLAIMDESK_THRESHOLD='abc' is not a number"),
        ("CLAIMDESK_THRESHOLD", "1.5", "must be between 0.0 and 1.0"),
        ("CLAIMDESK_BATCH_SIZE", "0", "CLAIMDESK_BATCH_SIZE='0' must be at least 1"),
        ("CLAIMDESK_BATCH_SIZE", "2.5", "is not a whole number"),
        ("CLAIMDESK_DATABASE_URL", "garbage", "CLAIMDESK_DATABASE_URL='garbage' is not a database"),
        ("CLAIMDESK_THRESHOLD", "nan", "CLAIMDESK_THRESHOLD='nan' is not a number"),
        ("CLAIMDESK_MAX_DOCUMENT_MB", "inf", "CLAIMDESK_MAX_DOCUMENT_MB='inf' is not a number"),
        ("CLAIMDESK_FETCH_TIMEOUT", "NaN", "CLAIMDESK_FETCH_TIMEOUT='NaN' is not a number"),
        ("CLAIMDESK_LEASE_MINUTES", "99999999999", "must be between 1 and 10080"),
    ],
)
def test_a_bad_value_names_its_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(SettingError, match=message.replace("(", r"\(").replace(".", r"\.")):
        Settings.from_env({name: value})


def test_the_parse_process_is_on_with_a_spare_core_unless_a_variable_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import flows.settings
    from flows.settings import parses_apart

    url = {"CLAIMDESK_DATABASE_URL": "sqlite://"}
    spare = flows.settings.spare_core

    def machine(cores: int, load: float, busy_now: float | None = None) -> None:
        monkeypatch.setattr(os, "sched_getaffinity", lambda _: set(range(cores)))
        monkeypatch.setattr(os, "getloadavg", lambda: (load, 0.0, 0.0))
        monkeypatch.setattr(flows.settings, "busy_cores", lambda seconds: busy_now)
        spare.cache_clear()

    def chosen(value: str | None = None) -> bool:
        env = url if value is None else url | {"CLAIMDESK_PARSE_PROCESS": value}
        return parses_apart(Settings.from_env(env))

    try:
        # Unset, the choice is made where extraction runs (a Dask worker makes its own).
        assert Settings.from_env(url).parse_process is None
        assert Settings("sqlite://").parse_process is None
        machine(2, 1.2)  # one core busy elsewhere, one free
        assert chosen() and parses_apart(Settings("sqlite://"))
        for value, expected in [("0", False), ("off", False), ("1", True), ("auto", True)]:
            assert chosen(value) is expected
        machine(2, 1.7, busy_now=1.9)  # both busy
        assert not chosen() and not parses_apart(Settings("sqlite://"))
        machine(2, 1.7)  # both busy a minute long, and no CPU counters to say more
        assert not chosen()
        machine(2, 1.7, busy_now=0.1)  # the last minute was busy; that work is over
        assert chosen()
        machine(1, 0.0)
        assert not chosen() and chosen("yes")
        with pytest.raises(SettingError, match="CLAIMDESK_PARSE_PROCESS='maybe'"):
            chosen("maybe")
    finally:
        spare.cache_clear()  # this process's own answer, asked again when next needed


def test_busy_cores_are_read_off_the_kernels_cpu_counters(tmp_path: Path) -> None:
    from flows.settings import busy_cores, cores_busy_between

    # (total ticks, idle ticks, cores): 100 ticks passed, 30 of them idle, on 2 cores
    assert cores_busy_between((1000, 400, 2), (1100, 430, 2)) == pytest.approx(1.4)
    assert cores_busy_between((1000, 400, 2), (1000, 400, 2)) == 0.0  # no tick yet
    stat = tmp_path / "stat"
    stat.write_text("cpu  10 0 5 80 5 0 0 0 0 0\ncpu0 5 0 2 40 3 0 0 0 0 0\n", encoding="ascii")
    assert busy_cores(0.0, stat) == 0.0  # the same counters twice: nothing ran between
    assert busy_cores(0.0, tmp_path / "missing") is None
    stat.write_text("not counters\n", encoding="ascii")
    assert busy_cores(0.0, stat) is None
    if Path("/proc/stat").is_file():  # Linux: a real reading of this machine
        busy = busy_cores(0.05)
        assert busy is not None and 0.0 <= busy <= (os.cpu_count() or 1)


def test_whether_a_core_is_spare_is_decided_once_per_process() -> None:
    from flows.settings import spare_core

    assert spare_core() is spare_core() and spare_core.cache_info().currsize == 1


def test_a_one_off_knows_its_parse_process_before_it_reads_the_database_url() -> None:
    from flows.settings import early_parse_model

    assert early_parse_model({"CLAIMDESK_PARSE_PROCESS": "1"}) == Settings.model
    assert early_parse_model({"CLAIMDESK_PARSE_PROCESS": "1", "CLAIMDESK_SPACY_MODEL": "m"}) == "m"
    assert early_parse_model({"CLAIMDESK_PARSE_PROCESS": "0"}) is None
    dask = {"CLAIMDESK_PARSE_PROCESS": "1", "CLAIMDESK_DASK_ADDRESS": "tcp://h:8786"}
    assert early_parse_model(dask) is None  # the workers parse
    assert early_parse_model({"CLAIMDESK_PARSE_PROCESS": "maybe"}) is None  # settings say why
