"""Several `caitien worker` processes on one database never run one job twice."""

import time

import pytest

from tests.jobs.conftest import BIN

pytestmark = pytest.mark.django_db(transaction=True)

JOBS = 40


def test_two_workers_share_the_jobs_and_never_run_one_twice(site, tmp_path):
    runs = tmp_path / "runs"
    site.publish()
    workers = [site.worker(name, CAITIEN_JOB_LOG=str(runs)) for name in ("w1", "w2")]
    deadline = time.monotonic() + 60
    while not all("Starting worker" in site.log(n) for n in ("w1", "w2")):
        assert time.monotonic() < deadline, site.log("w1") + site.log("w2")
        time.sleep(0.2)
    # Enqueued while both are polling, from a third process (as an app server would).
    site.start(
        "enqueue",
        [
            str(BIN / "caitien"),
            "shell",
            "-c",
            f"from tests.jobs.sample_jobs import record\nfor n in range({JOBS}): record.enqueue(n)",
        ],
    ).wait(60)
    while len(runs.read_text().splitlines() if runs.exists() else []) < JOBS:
        assert time.monotonic() < deadline + 60, site.log("w1") + site.log("w2")
        time.sleep(0.2)
    time.sleep(0.5)  # a job run twice would have written by now
    assert [site.stop(w) for w in workers] == [0, 0]

    lines = [line.split() for line in runs.read_text().splitlines()]
    numbers = sorted(int(number) for number, _pid in lines)
    assert numbers == list(range(JOBS))  # each job exactly once
    assert {pid for _number, pid in lines} == {str(w.pid) for w in workers}  # both took part
    rows = site.query("SELECT status, worker_ids FROM django_tasks_database_dbtaskresult")
    assert len(rows) == JOBS and {status for status, _ in rows} == {"SUCCESSFUL"}
    assert all(len(_ids(ids)) == 1 for _, ids in rows)  # claimed once each


def _ids(value):
    import json

    return json.loads(value) if isinstance(value, str) else value
