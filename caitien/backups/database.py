"""The database half of a backup, per vendor.

SQLite: the online backup API (`sqlite3.Connection.backup`) copies every page under one read
transaction, so the copy is consistent while the site keeps serving and writing (WAL lets writers go
on). Restoring copies the pages the other way, onto Django's own connection.

PostgreSQL: `pg_dump --format=custom`, which reads everything in one REPEATABLE READ snapshot, so the
dump is consistent while the site runs; it also carries the sequences, constraints and indexes exactly
as they are. `pg_restore --clean --if-exists --single-transaction` loads it into an empty database
(or, with --force, over an existing one) all or nothing. Django's dumpdata was the alternative: it
would need the target migrated first, clashes with the content types `migrate` creates, and is several
times slower on a province's rows.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from caitien.backups.errors import BackupError

VENDOR_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}

# Rows that code, not people, puts into a database (migrate, loadcatalog): a database holding
# only these is still "empty" for a restore. Sessions are thrown away by a restore anyway.
_NOT_CONTENT = {"contenttypes", "sessions", "catalog"}
_NOT_CONTENT_MODELS = {"auth.permission"}


def vendor() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(
            f"Chưa sao lưu được cơ sở dữ liệu loại {connection.vendor}: Cải Tiến sao lưu SQLite và PostgreSQL."
        )
    return connection.vendor


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _models():
    return [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy and m._meta.managed]


def counts() -> dict[str, int]:
    """Rows per model ("plans.plan": 12), for every table that exists."""
    tables = _tables()
    found = {}
    for model in _models():
        if model._meta.db_table in tables:
            found[model._meta.label_lower] = model._base_manager.using(connection.alias).count()
    return found


def content_rows() -> int:
    """How many rows people made (plans, users, audit events, ...), 0 for a new or freshly migrated one."""
    total = 0
    for label, n in counts().items():
        if label.split(".")[0] not in _NOT_CONTENT and label not in _NOT_CONTENT_MODELS:
            total += n
    return total


def applied_migrations() -> list[list[str]]:
    if MigrationRecorder.Migration._meta.db_table not in _tables():
        return []
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def unknown_migrations(state: list[list[str]]) -> list[str]:
    """Migrations recorded in a backup that this version of the code does not have."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [f"{app}.{name}" for app, name in state if (app, name) not in known]


def dump(target: Path) -> tuple[dict[str, int], list[list[str]]]:
    """Writes a consistent copy of the whole database to `target`; returns the rows per model and
    the migrations applied as they are in that copy (the site may change while it runs)."""
    if connection.in_atomic_block:
        # SQLite's backup would wait for this very transaction forever; PostgreSQL's snapshot must
        # be the first thing its own transaction does.
        raise BackupError("Không sao lưu được từ bên trong một giao dịch đang mở.")
    if vendor() == "sqlite":
        _sqlite_dump(target)
        return _sqlite_state(target)
    return _pg_dump(target)


def _sqlite_state(path: Path) -> tuple[dict[str, int], list[list[str]]]:
    copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        found = {}
        for model in _models():
            table = model._meta.db_table
            if table in tables:
                found[model._meta.label_lower] = copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        migrations = []
        if "django_migrations" in tables:
            migrations = sorted([a, n] for a, n in copy.execute("SELECT app, name FROM django_migrations"))
        return found, migrations
    finally:
        copy.close()


def load(source: Path) -> None:
    """Replaces the database's content by the dump at `source`."""
    if vendor() == "sqlite":
        _sqlite_load(source)
    else:
        _pg_load(source)
    connection.close()  # the next query opens a connection that sees the restored schema


def _sqlite_dump(target: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # One self-contained file: the copy must not need a -wal file beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()


def _sqlite_load(source: Path) -> None:
    dumped = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        problem = dumped.execute("PRAGMA quick_check").fetchone()[0]
        if problem != "ok":
            raise BackupError(f"Tệp cơ sở dữ liệu trong bản sao lưu bị hỏng ({problem}).")
        connection.ensure_connection()
        dumped.backup(connection.connection)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Tệp cơ sở dữ liệu trong bản sao lưu không đọc được ({exc}).") from exc
    finally:
        dumped.close()


def _pg_env() -> dict[str, str]:
    s = connection.settings_dict
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", s.get("HOST")),
        ("PGPORT", s.get("PORT")),
        ("PGUSER", s.get("USER")),
        ("PGPASSWORD", s.get("PASSWORD")),
        ("PGDATABASE", s.get("NAME")),
    ):
        if value:
            env[key] = str(value)
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"Không tìm thấy chương trình {name} của PostgreSQL. Hãy cài gói postgresql-client "
            "(cùng phiên bản với máy chủ PostgreSQL) rồi chạy lại."
        )
    return path


def _run(args: list[str], what: str) -> None:
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{what} không thành công: {detail[-1] if detail else 'không rõ lỗi'}")


def _pg_dump(target: Path) -> tuple[dict[str, int], list[list[str]]]:
    """pg_dump reads the snapshot of a REPEATABLE READ transaction held open here, in which the rows
    are counted too: the counts are exactly those of the dump."""
    tool = _pg_tool("pg_dump")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        found, migrations = counts(), applied_migrations()
        _run(
            [
                tool,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
            ],
            "Sao lưu cơ sở dữ liệu PostgreSQL (pg_dump)",
        )
    return found, migrations


def _pg_load(source: Path) -> None:
    connection.close()
    _run(
        [
            _pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        ],
        "Khôi phục cơ sở dữ liệu PostgreSQL (pg_restore)",
    )
