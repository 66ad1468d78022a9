"""Execution pages: “Tiến độ thực hiện” of a 30-row plan with 150 tasks, a row, Việc của tôi, the API.

A throwaway SQLite database (and a PostgreSQL one, caitien_bench_progress_<pid>, when a server
answers) is migrated and given one published plan of 30 rows, 5 tasks per row with an update each;
every page is requested through Django's test client: SQL queries and the median of a few requests.
The work happens in a child process per database (bench/_progress_pages.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BASE = os.environ.get("CAITIEN_TEST_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def _child(env_extra: dict) -> int:
    env = {
        **os.environ,
        **env_extra,
        "CAITIEN_HOSTS": "testserver",
        "DJANGO_SETTINGS_MODULE": "caitien.settings",
    }
    env.pop("CAITIEN_TESTING", None)
    try:
        done = subprocess.run([sys.executable, "-m", "bench._progress_pages"], cwd=ROOT, env=env, timeout=600)
    except subprocess.TimeoutExpired:
        print("FAILED: quá 600 giây")
        return 1
    return done.returncode


def _postgres() -> int:
    import psycopg

    name = f"caitien_bench_progress_{os.getpid()}"
    try:
        admin = psycopg.connect(f"{PG_BASE}/postgres", autocommit=True, connect_timeout=3)
    except Exception as exc:  # no server here: the SQLite figures still stand
        print(f"PostgreSQL không kết nối được ({exc}); bỏ qua.")
        return 0
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            with tempfile.TemporaryDirectory(prefix="caitien-bench-") as tmp:
                return _child({"CAITIEN_VAR_DIR": tmp, "DATABASE_URL": f"{PG_BASE}/{name}"})
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run():
    wanted = os.environ.get("CAITIEN_BENCH_DATABASES", "sqlite,postgres").split(",")
    failed = 0
    if "sqlite" in wanted:
        print("\n### SQLite", flush=True)
        with tempfile.TemporaryDirectory(prefix="caitien-bench-") as tmp:
            failed += _child({"CAITIEN_VAR_DIR": tmp, "DATABASE_URL": ""}) != 0
    if "postgres" in wanted:
        print("\n### PostgreSQL", flush=True)
        failed += _postgres() != 0
    if failed:
        raise RuntimeError(f"{failed} cơ sở dữ liệu không chạy xong")


if __name__ == "__main__":
    run()
