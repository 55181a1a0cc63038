"""The throw-away PostgreSQL server: the machine's binaries, else the ones from PyPI."""

from __future__ import annotations

import os

import asyncpg
import pytest

from tests.fakes.postgres import (
    PACKAGE,
    SYSTEM_SWITCH,
    PostgresServer,
    _major,
    find_bin_dir,
    package_bin_dir,
    system_bin_dir,
)


def test_the_switch_hides_the_machines_postgres(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SYSTEM_SWITCH, "0")
    assert system_bin_dir() is None
    found = find_bin_dir()
    assert PACKAGE in str(found)


def test_the_dev_extra_ships_a_server() -> None:
    """`pip install -e '.[dev]'` alone is enough: the package holds initdb, pg_ctl and postgres."""
    found = package_bin_dir()
    assert found is not None
    assert _major(found) >= 16


async def test_the_running_server_is_the_one_chosen(postgres: PostgresServer) -> None:
    expected = system_bin_dir() or package_bin_dir()
    assert expected is not None
    assert postgres.version == _major(expected)
    if os.environ.get(SYSTEM_SWITCH) == "0":
        assert PACKAGE in str(postgres.bin_dir)
    connection = await asyncpg.connect(postgres.admin_dsn)
    try:
        number = await connection.fetchval("SHOW server_version_num")
        address = await connection.fetchval("SHOW listen_addresses")
    finally:
        await connection.close()
    assert int(number) // 10000 == postgres.version
    assert address == "127.0.0.1"
