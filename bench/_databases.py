"""Run one benchmark child on each database: a temporary SQLite file, then a throwaway PostgreSQL
database (created, and dropped afterwards even when the run fails). `CAITIEN_BENCH_DATABASES`
chooses which (default both); `CAITIEN_TEST_PG` says where the PostgreSQL server is."""

from __future__ import annotations

import os
import tempfile

PG_BASE = os.environ.get("CAITIEN_TEST_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def _sqlite(child, prefix: str) -> int:
    with tempfile.TemporaryDirectory(prefix=f"caitien-{prefix}-") as tmp:
        return child({"CAITIEN_VAR_DIR": tmp, "DATABASE_URL": ""})


def _postgres(child, prefix: str) -> int:
    import psycopg

    name = f"caitien_{prefix}_{os.getpid()}"
    try:
        admin = psycopg.connect(f"{PG_BASE}/postgres", autocommit=True, connect_timeout=3)
    except Exception as exc:  # no server here: say so, the SQLite figures still stand
        print(f"PostgreSQL không kết nối được ({exc}); bỏ qua.")
        return 0
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            with tempfile.TemporaryDirectory(prefix=f"caitien-{prefix}-") as tmp:
                return child({"CAITIEN_VAR_DIR": tmp, "DATABASE_URL": f"{PG_BASE}/{name}"})
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def on_each_database(child, prefix: str) -> None:
    """child(env) -> exit code, once per chosen database; raises when any run failed."""
    wanted = os.environ.get("CAITIEN_BENCH_DATABASES", "sqlite,postgres").split(",")
    failed = 0
    for name, runner in (("sqlite", _sqlite), ("postgres", _postgres)):
        if name in wanted:
            print(f"\n### {'SQLite' if name == 'sqlite' else 'PostgreSQL'}", flush=True)
            failed += runner(child, prefix) != 0
    if failed:
        raise RuntimeError(f"{failed} cơ sở dữ liệu chạy lỗi")
