"""Running background jobs inside a test: `run_jobs()` does what `caitien worker` would, now.

    from caitien.jobs.testing import run_jobs

    client.post(upload_url, ...)    # the view enqueues a job on commit
    run_jobs()                      # the job runs here, in the test's process and database
    assert ...

It works in both kinds of pytest-django tests: in a `transaction=True` test the jobs are in the
table already; in a plain `django_db` test the transaction never commits, so the on-commit
callbacks waiting in it (the enqueues) are run first, as Django's `captureOnCommitCallbacks
(execute=True)` does. Jobs are claimed and run by django-tasks' own worker code; retries a job
enqueues for later (`run_after`) are run too when `include_delayed` is true.
"""

from __future__ import annotations

from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def flush_on_commit_callbacks(using: str = "default") -> int:
    """Run the on-commit callbacks of the test's never-committed transaction; how many ran."""
    connection = connections[using]
    ran = 0
    while connection.in_atomic_block and connection.run_on_commit:
        waiting = list(connection.run_on_commit)
        connection.run_on_commit.clear()
        for _sids, callback, _robust in waiting:
            callback()
            ran += 1
    return ran


def run_jobs(*, include_delayed: bool = False, limit: int = 100) -> int:
    """Run every job waiting (and the jobs those enqueue) until none is left; how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    ran = 0
    while ran < limit:
        flush_on_commit_callbacks()
        waiting = DBTaskResult.objects.ready() if not include_delayed else _ready_or_delayed()
        job = waiting.first()  # the worker's order: priority, then run_after, then enqueued_at
        if job is None:
            break
        job.claim(worker.worker_id)
        worker.run_task(job)
        ran += 1
    return ran


def _ready_or_delayed():
    from django_tasks_db.compat import TaskResultStatus

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY)


def jobs_waiting() -> int:
    """How many jobs a worker would pick up now."""
    flush_on_commit_callbacks()
    return DBTaskResult.objects.ready().count()
