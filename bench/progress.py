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
from pathlib import Path

from bench._databases import on_each_database

ROOT = Path(__file__).resolve().parent.parent


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


def run():
    on_each_database(_child, "bench")


if __name__ == "__main__":
    run()
