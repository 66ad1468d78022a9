"""How the product defines and enqueues background jobs.

A job is a module-level function in `<app>/tasks.py` decorated with `@job(...)`: it becomes a
django-tasks `Task` run by `caitien worker` (the database backend: the queue is a table of the
shared database, no broker). Two rules every job keeps:

- **Enqueued on commit.** `enqueue_on_commit(task, ...)` waits for the surrounding transaction to
  commit, so a worker never picks up a job for a row it cannot see yet, and a rolled-back request
  leaves no job behind.
- **Retried with a limit.** django-tasks runs a job once. `@job` adds the product's policy: when the
  function raises, the job is enqueued again (attempt 2, 3, …) after `backoff × attempt`, up to
  `max_attempts` runs in all; after the last failed run `on_give_up(error, *args, **kwargs)` records
  the failure where its user sees it (in Vietnamese), then the error is raised so the job's row is
  marked failed too. Each failed run stays visible in the task table (admin, `worker_ids`).
  A job that must not be retried (the input itself is bad) handles that case and returns normally.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django_tasks import task

log = logging.getLogger("caitien.jobs")

DEFAULT_MAX_ATTEMPTS = 3
DEFAULT_BACKOFF = datetime.timedelta(seconds=30)

# The keyword a retried run receives; jobs never see it.
ATTEMPT_KEYWORD = "job_attempt"


def job(
    *,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    backoff: datetime.timedelta = DEFAULT_BACKOFF,
    on_give_up: Callable[..., None] | None = None,
    priority: int = 0,
    queue_name: str = "default",
):
    """Make `func` a background job with the retry policy above."""
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")

    def decorate(func):
        def run(*args, **kwargs):
            attempt = int(kwargs.pop(ATTEMPT_KEYWORD, 1))
            try:
                return func(*args, **kwargs)
            except Exception as exc:
                if attempt < max_attempts:
                    log.warning(
                        "job %s failed (attempt %d of %d), retrying: %s",
                        func.__qualname__,
                        attempt,
                        max_attempts,
                        exc,
                    )
                    retry = the_task.using(run_after=timezone.now() + backoff * attempt)
                    retry.enqueue(*args, **{**kwargs, ATTEMPT_KEYWORD: attempt + 1})
                else:
                    log.error("job %s gave up after %d attempts: %s", func.__qualname__, attempt, exc)
                    if on_give_up is not None:
                        on_give_up(exc, *args, **kwargs)
                raise

        # django-tasks finds the job again by its import path: the wrapper takes the function's
        # name and place (and no __wrapped__, so its own signature is the one inspected).
        for name in ("__module__", "__name__", "__qualname__", "__doc__"):
            setattr(run, name, getattr(func, name))
        run.max_attempts = max_attempts
        the_task = task(priority=priority, queue_name=queue_name)(run)
        return the_task

    return decorate


def enqueue_on_commit(the_task, *args, **kwargs) -> None:
    """Enqueue `the_task(*args, **kwargs)` once the current transaction commits (at once outside one)."""
    transaction.on_commit(functools.partial(the_task.enqueue, *args, **kwargs))
