"""Backing up the whole database to one file, and restoring such a file into an empty database.

SQLite is copied with its online backup API (`sqlite3.Connection.backup`), which reads a
consistent snapshot while the web server goes on writing (the database is in WAL mode, so
readers and the writer do not block each other). PostgreSQL is dumped with `pg_dump` in its
custom format, itself one consistent snapshot, and restored with `pg_restore` in one
transaction. Restoring never writes over data: the target database must hold no tables.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection

# The first bytes of each kind of backup file, to tell a wrong file from a damaged one.
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is one line for the operator."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str  # "sqlite" or "postgresql"
    size: int


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups of a {vendor} database are not supported")
    return vendor


def _sqlite_path() -> Path:
    return Path(str(connection.settings_dict["NAME"]))


def _pg_environment() -> dict[str, str]:
    """libpq's variables for the configured database, so no password appears in a command line."""
    settings: dict[str, Any] = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings.get(key):
            env[variable] = str(settings[key])
    return env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found: install PostgreSQL's client programs "
            "(Debian: apt-get install postgresql-client)"
        )
    return found


def _run(command: list[str], *, env: dict[str, str]) -> None:
    # Only pg_dump or pg_restore, found by _program, with arguments we build: no shell, and
    # nothing from a user becomes a program name.
    completed = subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        lines = [line for line in completed.stderr.strip().splitlines() if line.strip()]
        detail = lines[0] if lines else f"exit status {completed.returncode}"
        raise BackupError(f"{Path(command[0]).name} failed: {detail}")


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial")


def database_backup(*, path: Path) -> BackupResult:
    """Write the whole database to `path` (a new file), consistent as of one moment.

    The copy is written beside `path` and renamed into place when complete, so a backup
    interrupted half-way never leaves a file that looks whole.
    """
    engine = _engine()
    if path.exists():
        raise BackupError(f"{path} already exists: choose a new file name, nothing was written")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent} is not a folder")
    partial = _partial(path)
    partial.unlink(missing_ok=True)
    try:
        if engine == "sqlite":
            _sqlite_backup(source=_sqlite_path(), target=partial)
        else:
            _run(
                [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"],
                env=_pg_environment(),
            )
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=path, engine=engine, size=path.stat().st_size)


def _sqlite_backup(*, source: Path, target: Path) -> None:
    if not source.exists():
        raise BackupError(f"there is no database at {source} to back up")
    # Read-only: a backup must never change the live database, not even create it.
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # all pages in one step: one consistent snapshot
        # One self-contained file, whatever journal the live database uses.
        dst.execute("PRAGMA journal_mode=DELETE")
        _sqlite_check(dst, name=str(target))
    finally:
        dst.close()
        src.close()


def _sqlite_check(db: sqlite3.Connection, *, name: str) -> None:
    result = db.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{name} failed SQLite's integrity check: {result}")


def _kind_of_file(path: Path) -> str:
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    with path.open("rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(
        f"{path} is not an eqtrack backup (neither SQLite nor pg_dump's custom format)"
    )


def database_restore(*, path: Path) -> BackupResult:
    """Load a backup made by `database_backup` into the configured database, which must be empty.

    All or nothing: a restore that fails leaves the database as empty as it was.
    """
    engine = _engine()
    kind = _kind_of_file(path)
    if kind != engine:
        raise BackupError(
            f"{path} is a {kind} backup but this site's database is {engine}: "
            f"restore it into a {kind} database"
        )
    if engine == "sqlite":
        _sqlite_restore(source=path, target=_sqlite_path())
    else:
        _pg_restore(source=path)
    return BackupResult(path=path, engine=engine, size=path.stat().st_size)


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [row[0] for row in rows]


def _sqlite_restore(*, source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        try:
            _sqlite_check(src, name=str(source))
            tables = _sqlite_tables(src)
        except sqlite3.DatabaseError as e:
            raise BackupError(f"{source} cannot be read as an SQLite database: {e}") from e
        if "django_migrations" not in tables:
            raise BackupError(f"{source} is an SQLite database but not an eqtrack backup")
        if target.exists() and target.stat().st_size > 0:
            existing = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
            try:
                in_use = _sqlite_tables(existing)
            finally:
                existing.close()
            if in_use:
                raise BackupError(
                    f"the database at {target} is not empty ({len(in_use)} tables): restore "
                    "needs an empty one (set EQTRACK_DATA_DIR to a new folder); nothing was changed"
                )
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = _partial(target)
        partial.unlink(missing_ok=True)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
            _sqlite_check(dst, name=str(partial))
        finally:
            dst.close()
        # An empty file (or none) is replaced whole; its stale WAL files must go with it.
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        partial.replace(target)
    finally:
        src.close()
        _partial(target).unlink(missing_ok=True)


def _pg_restore(*, source: Path) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        )
        (tables,) = cursor.fetchone()
    if tables:
        name = connection.settings_dict["NAME"]
        raise BackupError(
            f"the database {name} is not empty ({tables} tables): restore needs an empty one "
            "(createdb a new database and point EQTRACK_DATABASE_URL at it); nothing was changed"
        )
    # Django's connection must not hold the database open in a transaction meanwhile.
    connection.close()
    _run(
        [
            _pg_tool("pg_restore"),
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        ],
        env=_pg_environment(),
    )
