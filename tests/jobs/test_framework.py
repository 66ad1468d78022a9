"""The product's job policy on django-tasks: enqueued on commit, retried up to a limit, then given up."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from caitien.jobs.framework import ATTEMPT_KEYWORD, enqueue_on_commit
from caitien.jobs.testing import jobs_waiting, run_jobs
from tests.jobs import sample_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_records():
    sample_jobs.RUNS.clear()
    sample_jobs.GAVE_UP.clear()


def test_a_job_is_enqueued_only_when_its_transaction_commits():
    with transaction.atomic():
        enqueue_on_commit(sample_jobs.flaky, "a", 0)
        assert not DBTaskResult.objects.exists()  # nothing a worker could see yet
    assert jobs_waiting() == 1
    try:
        with transaction.atomic():
            enqueue_on_commit(sample_jobs.flaky, "rolled-back", 0)
            raise RuntimeError("the request failed")
    except RuntimeError:
        pass
    assert run_jobs() == 1
    assert sample_jobs.RUNS == ["a"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_failing_job_is_retried_and_succeeds():
    enqueue_on_commit(sample_jobs.flaky, "b", 2)
    assert run_jobs() == 3
    statuses = list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True))
    assert statuses == ["FAILED", "FAILED", "SUCCESSFUL"]
    last = DBTaskResult.objects.get(status="SUCCESSFUL")
    assert last.return_value == 3 and last.args_kwargs["kwargs"] == {ATTEMPT_KEYWORD: 3}
    assert sample_jobs.GAVE_UP == []


def test_a_job_failing_every_time_gives_up_after_its_limit():
    enqueue_on_commit(sample_jobs.flaky, "c", 99)
    assert run_jobs() == 3
    assert sample_jobs.RUNS == ["c", "c", "c"]
    assert sample_jobs.GAVE_UP == [("c", "lần chạy 3 hỏng")]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"FAILED"}
    assert run_jobs() == 0


def test_a_retry_waits_for_its_backoff():
    enqueue_on_commit(sample_jobs.always_fails, "d")
    assert run_jobs() == 1  # the retry is due in five minutes, not now
    retry = DBTaskResult.objects.get(status="READY")
    failed = DBTaskResult.objects.get(status="FAILED")
    assert (retry.run_after - failed.enqueued_at).total_seconds() > 250
    assert run_jobs(include_delayed=True) == 1
    assert sample_jobs.RUNS == ["d", "d"]
    assert DBTaskResult.objects.filter(status="FAILED").count() == 2
