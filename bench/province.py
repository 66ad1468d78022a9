"""Province scale: queries and time of the office's pages and lists, on SQLite and PostgreSQL.

For each database a throwaway one is created (a temporary SQLite file; a PostgreSQL database named
caitien_bench_<pid>, dropped afterwards even when the run fails), migrated, and filled by the
province generator: 1 Sở, 10 Phòng, 1,000 schools × 5 plans × 30 rows. Each page is then requested
through Django's test client as the person who uses it; the figures are the number of SQL queries
and the median time of a few requests after one warm-up.

    CAITIEN_BENCH_SCHOOLS=200 make bench      # a smaller province
    CAITIEN_BENCH_DATABASES=sqlite make bench  # one database only
    CAITIEN_TEST_PG=postgres://user@host:5432  # where the PostgreSQL server is (as for the tests)

The work happens in a child process per database (Django's settings, and so the database, are fixed
once per process); this process only creates and drops the databases and prints what the child says.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench._databases import on_each_database

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600  # seconds per database: a run that takes longer is a finding in itself


def _child(env_extra: dict) -> int:
    env = {
        **os.environ,
        **env_extra,
        "CAITIEN_HOSTS": "testserver",
        "DJANGO_SETTINGS_MODULE": "caitien.settings",
    }
    env.pop("CAITIEN_TESTING", None)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench._province_pages"], cwd=ROOT, env=env, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        print(f"FAILED: quá {TIMEOUT} giây")
        return 1
    return done.returncode


def run():
    on_each_database(_child, "bench")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    run()
