"""`caitien remind` as a process: it enqueues the e-mails, `caitien worker` sends them; run twice,
each message goes out once; two runs and two workers started together send no duplicate. The child processes use this test's database (a copy of it on SQLite, the same
test database on PostgreSQL) and CAITIEN_EMAIL_URL=file:///…, so what was sent is a folder of files."""

import email
import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from caitien.notifications.kinds import Delivery, Kind
from caitien.notifications.services import notify
from caitien.schools.services import user_create
from tests.notifications.helpers import choose

pytestmark = pytest.mark.django_db(transaction=True)
CAITIEN = [sys.executable, "-m", "caitien.cli"]


def shared_database_env(tmp_path: Path) -> dict:
    """The environment of a `caitien` child process that sees this test's committed data."""
    from django.db import connection

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["CAITIEN_TESTING"] = "1"
    if connection.vendor == "sqlite":
        folder = tmp_path / "var"
        folder.mkdir(exist_ok=True)
        connection.ensure_connection()
        copy = sqlite3.connect(folder / "caitien.sqlite3")
        connection.connection.backup(copy)
        copy.close()
        env["CAITIEN_VAR_DIR"] = str(folder)
    else:
        s = connection.settings_dict
        auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
        env["DATABASE_URL"] = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
        env["CAITIEN_VAR_DIR"] = str(tmp_path)
    return env


def sent_mail(folder: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted(folder.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes())
        out.append((message["To"], str(make_header(decode_header(message["Subject"])))))
    return out


def _people(count: int):
    """`count` people with an address, each with one immediate and two digest notifications."""
    for i in range(count):
        user = user_create(
            username=f"gv{i:02d}",
            full_name=f"Giáo viên {i:02d}",
            password="x",
            email=f"gv{i:02d}@truong.edu.vn",
        )
        choose(user, Kind.ROW_COMMENT, Delivery.IMMEDIATE)
        notify(user=user, kind=Kind.ROW_COMMENT, subject=f"Góp ý vào dòng của gv{i:02d}", url="/ke-hoach/")
        notify(user=user, kind=Kind.TASK_OVERDUE, subject="Việc quá hạn", key=f"task-overdue:{i}")
        notify(user=user, kind=Kind.TASK_DUE_SOON, subject="Việc sắp đến hạn", key=f"task-due:{i}")


def _run(env, *args):
    return subprocess.run([*CAITIEN, "remind", *args], env=env, capture_output=True, text=True, timeout=300)


WORKER = [*CAITIEN, "worker", "--batch", "--no-startup-delay", "--interval=0", "--no-reload"]


def _work(env):
    """`caitien worker` until no job is left, as the one `make run` starts would."""
    done = subprocess.run(WORKER, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def _last_years_plan(cast):
    """Last school year's published plan: both its review points have passed, nothing recorded."""
    from caitien.plans.calendar import current_school_year
    from tests.monitoring.conftest import publish
    from tests.plans.conftest import make_plan

    year = current_school_year() - 1
    for who in (cast.principal, cast.vice, cast.monitor):
        who.email = f"{who.username}@truong.edu.vn"
        who.save(update_fields=["email"])
    return publish(
        make_plan(cast.primary, cast.principal, start_year=year, end_year=year + 1), cast.principal
    )


def test_two_runs_the_same_day_send_each_message_once(cast, tmp_path):
    _people(3)
    _last_years_plan(cast)
    outbox = tmp_path / "thu-di"
    env = {**shared_database_env(tmp_path), "CAITIEN_EMAIL_URL": outbox.as_uri()}
    dry = _run(env, "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    planned = json.loads(dry.stdout)
    assert planned["emails"] == {"immediate": 3, "digests": 3, "in_digests": 6, "skipped": 0, "failed": 0}
    assert not outbox.exists()
    first = _run(env, "--json")
    assert first.returncode == 0, first.stderr
    done = json.loads(first.stdout)
    # Two passed review points, each told to the principal, the vice-principal and the monitoring member.
    assert done["reminders"] == {"due": 6, "new": 6, "existing": 0, "by_kind": {"review_missed": 6}}
    assert done["emails"] == {"immediate": 3, "digests": 6, "in_digests": 12, "skipped": 0, "failed": 0}
    assert not outbox.exists(), "the command only enqueues; the worker sends"
    _work(env)
    mail = sent_mail(outbox)
    assert len(mail) == 9
    assert Counter(to for to, _ in mail) == {
        **{f"gv{i:02d}@truong.edu.vn": 2 for i in range(3)},
        **{f"{u}@truong.edu.vn": 1 for u in ("principal", "vice", "monitor")},
    }
    digest = next(subject for to, subject in mail if to == "monitor@truong.edu.vn")
    assert digest.endswith("2 việc cần biết")
    second = _run(env)
    assert second.returncode == 0, second.stderr
    assert (
        "0 nhắc việc mới (6 đã nhắc từ trước)" in second.stdout
        and "0 gửi ngay, 0 bản tổng hợp" in second.stdout
    )
    _work(env)
    assert len(sent_mail(outbox)) == 9


def test_two_runs_started_together_send_no_duplicate(catalog, tmp_path):
    _people(40)
    outbox = tmp_path / "thu-di"
    env = {**shared_database_env(tmp_path), "CAITIEN_EMAIL_URL": outbox.as_uri()}
    runs = [
        subprocess.Popen(
            [*CAITIEN, "remind", "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    results = [r.communicate(timeout=300) for r in runs]
    for run, (_out, err) in zip(runs, results, strict=True):
        assert run.returncode == 0, err
    assert not outbox.exists()
    workers = [
        subprocess.Popen(WORKER, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for worker in workers:
        _out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
    mail = sent_mail(outbox)
    assert len(mail) == 80, "40 immediate e-mails and 40 digests, each exactly once"
    assert max(Counter(mail).values()) == 1
    totals = [json.loads(out)["emails"] for out, _ in results]
    assert all(t["digests"] in (0, 40) for t in totals) and max(t["digests"] for t in totals) == 40
