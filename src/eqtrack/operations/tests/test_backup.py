"""`eqtrack backup` and `eqtrack restore`, run as an operator would, against real databases.

Each test sets up its own database through the command line (never the test database), so a
backup is taken of a live database while another process keeps writing to it. The suite's
own database decides which engine is tried: SQLite in `make test`, PostgreSQL in
`make test-postgres` (both run in CI).
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import connection

SRC = Path(__file__).resolve().parents[3]

# Writes organisations one transaction at a time until told to stop: each carries a row of
# history written in the same transaction, so a consistent snapshot has as many of each.
WRITER = """
import os, sys, time
from pathlib import Path
import django
django.setup()
from django.db import transaction
from eqtrack.organisations.models import Organisation
stop = Path(sys.argv[1]); count = Path(sys.argv[2])
n = 0
deadline = time.monotonic() + 120
while not stop.exists() and time.monotonic() < deadline:
    with transaction.atomic():
        Organisation.objects.create(name=f"Council {n}", slug=f"council-{n}")
    n += 1
    # Written whole, then renamed: the test never reads a half-written count.
    count.with_suffix(".new").write_text(str(n))
    count.with_suffix(".new").replace(count)
"""


def _env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "EQTRACK_DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "eqtrack.config.settings.base"
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")])
    env.update(overrides)
    return env


def _eqtrack(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eqtrack", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _written(path: Path) -> int:
    """How many rows the writer says it has written (0 before it starts)."""
    text = path.read_text() if path.exists() else ""
    return int(text) if text else 0


def _wait_for(path: Path, *, at_least: int) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        written = _written(path)
        if written >= at_least:
            return written
        time.sleep(0.05)
    raise AssertionError(f"the writer did not reach {at_least} rows")


def _backup_while_writing(tmp_path: Path, env: dict[str, str], output: Path) -> tuple[int, int]:
    """Backs up while a writer runs; gives how many rows it had written before and after."""
    stop, count = tmp_path / "stop", tmp_path / "count"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(stop), str(count)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        before = _wait_for(count, at_least=20)
        result = _eqtrack("backup", "-o", str(output), env=env)
        assert result.returncode == 0, result.stderr
        assert "Backed up" in result.stdout
        # The writer went on writing after the backup, so the backup was taken mid-stream.
        after = _wait_for(count, at_least=_written(count) + 10)
    finally:
        stop.touch()
        _, errors = writer.communicate(timeout=60)
    assert writer.returncode == 0, errors
    return before, after


def _sqlite_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        db.close()


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite backup is tried in the SQLite run"
)
def test_sqlite_backup_while_writing_restores_every_row(tmp_path: Path) -> None:
    live = _env(EQTRACK_DATA_DIR=str(tmp_path / "live"))
    assert _eqtrack("migrate", "-v0", env=live).returncode == 0
    backup = tmp_path / "eqtrack-backup.sqlite3"

    before, after = _backup_while_writing(tmp_path, live, backup)

    saved = _sqlite_counts(backup)
    assert before <= saved["organisations_organisation"] < after
    assert saved["organisations_organisation"] == saved["organisations_historicalorganisation"]
    assert saved["django_migrations"] > 0

    restored_dir = tmp_path / "restored"
    restored_env = _env(EQTRACK_DATA_DIR=str(restored_dir))
    result = _eqtrack("restore", str(backup), env=restored_env)
    assert result.returncode == 0, result.stderr
    assert _sqlite_counts(restored_dir / "eqtrack.sqlite3") == saved
    # The restored site is a working one: Django sees every migration applied.
    check = _eqtrack("migrate", "--check", env=restored_env)
    assert check.returncode == 0, check.stdout + check.stderr

    # A second restore would write over data: refused, nothing changed.
    again = _eqtrack("restore", str(backup), env=restored_env)
    assert again.returncode == 1
    assert "is not empty" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    assert _sqlite_counts(restored_dir / "eqtrack.sqlite3") == saved


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite backup is tried in the SQLite run"
)
def test_backup_and_restore_refuse_bad_requests_in_one_line(tmp_path: Path) -> None:
    env = _env(EQTRACK_DATA_DIR=str(tmp_path / "live"))
    assert _eqtrack("migrate", "-v0", env=env).returncode == 0
    existing = tmp_path / "exists.sqlite3"
    existing.write_text("keep me")

    refused = _eqtrack("backup", "-o", str(existing), env=env)
    assert refused.returncode == 1
    assert "already exists" in refused.stderr
    assert existing.read_text() == "keep me"

    empty = _env(EQTRACK_DATA_DIR=str(tmp_path / "empty"))
    not_a_backup = _eqtrack("restore", str(existing), env=empty)
    assert not_a_backup.returncode == 1
    assert "is not an eqtrack backup" in not_a_backup.stderr
    assert len(not_a_backup.stderr.strip().splitlines()) == 1

    missing = _eqtrack("restore", str(tmp_path / "nowhere.sqlite3"), env=empty)
    assert missing.returncode == 1
    assert "no such file" in missing.stderr


# PostgreSQL -----------------------------------------------------------------------------


@pytest.fixture
def postgres_databases() -> Iterator[tuple[str, str]]:
    """Two new, empty databases on the suite's PostgreSQL server, dropped afterwards."""
    settings = connection.settings_dict
    server = (
        f"postgres://{settings['USER'] or ''}"
        + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
        + f"@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    )
    suffix = uuid.uuid4().hex[:8]
    names = [f"eqtrack_backup_live_{suffix}", f"eqtrack_backup_restored_{suffix}"]
    admin = psycopg.connect(f"{server}/postgres", autocommit=True)
    try:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        yield f"{server}/{names[0]}", f"{server}/{names[1]}"
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _pg_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        counts: dict[str, int] = {}
        for t in tables:
            row = db.execute(f'SELECT count(*) FROM "{t}"').fetchone()
            assert row is not None
            counts[t] = row[0]
        return counts


def _dump_counts(dump: Path) -> dict[str, int]:
    """Rows per table as the dump itself holds them (pg_restore's script, COPY blocks)."""
    script = subprocess.run(
        ["pg_restore", "--data-only", "-f", "-", str(dump)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    counts: dict[str, int] = {}
    table = None
    for line in script.splitlines():
        if table is None:
            match = re.match(r"COPY (?:public\.)?\"?(\w+)\"? ", line)
            if match:
                table, counts[match.group(1)] = match.group(1), 0
        elif line == "\\.":
            table = None
        else:
            counts[table] += 1
    return counts


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the PostgreSQL backup is tried in the PostgreSQL run (make test-postgres)",
)
def test_postgres_backup_while_writing_restores_every_row(
    tmp_path: Path, postgres_databases: tuple[str, str]
) -> None:
    live_url, restored_url = postgres_databases
    live = _env(EQTRACK_DATABASE_URL=live_url)
    migrated = _eqtrack("migrate", "-v0", env=live)
    assert migrated.returncode == 0, migrated.stderr
    backup = tmp_path / "eqtrack-backup.pgdump"

    before, after = _backup_while_writing(tmp_path, live, backup)

    saved = _dump_counts(backup)
    assert before <= saved["organisations_organisation"] < after
    assert saved["organisations_organisation"] == saved["organisations_historicalorganisation"]

    restored_env = _env(EQTRACK_DATABASE_URL=restored_url)
    result = _eqtrack("restore", str(backup), env=restored_env)
    assert result.returncode == 0, result.stderr
    restored = _pg_counts(restored_url)
    assert {t: n for t, n in restored.items() if t in saved} == saved
    assert set(restored) == set(_pg_counts(live_url))
    check = _eqtrack("migrate", "--check", env=restored_env)
    assert check.returncode == 0, check.stdout + check.stderr

    again = _eqtrack("restore", str(backup), env=restored_env)
    assert again.returncode == 1
    assert "is not empty" in again.stderr
    assert _pg_counts(restored_url) == restored
