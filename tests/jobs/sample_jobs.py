"""Jobs the job tests enqueue (module level, as django-tasks requires)."""

import datetime
import os
import time

from caitien.jobs.framework import job

RUNS: list[str] = []  # the key of every run, in this process
GAVE_UP: list[tuple[str, str]] = []


def _gave_up(error, key, failures) -> None:
    GAVE_UP.append((key, str(error)))


@job(max_attempts=3, backoff=datetime.timedelta(0), on_give_up=_gave_up)
def flaky(key: str, failures: int) -> int:
    """Fails its first `failures` runs, then returns how many runs it took."""
    RUNS.append(key)
    runs = RUNS.count(key)
    if runs <= failures:
        raise RuntimeError(f"lần chạy {runs} hỏng")
    return runs


@job(max_attempts=2, backoff=datetime.timedelta(minutes=5))
def always_fails(key: str) -> None:
    RUNS.append(key)
    raise RuntimeError("hỏng")


@job(max_attempts=1)
def record(number: int) -> int:
    """Appends "number pid" to the file CAITIEN_JOB_LOG names (one short write: atomic in O_APPEND)."""
    with open(os.environ["CAITIEN_JOB_LOG"], "a", encoding="ascii") as log:
        log.write(f"{number} {os.getpid()}\n")
    time.sleep(0.05)
    return number
