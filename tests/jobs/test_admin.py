"""The admin lists background jobs in Vietnamese, read-only, with why one failed."""

import pytest
from django.urls import reverse

from caitien.jobs.framework import enqueue_on_commit
from caitien.jobs.testing import run_jobs
from tests.jobs import sample_jobs

pytestmark = pytest.mark.django_db


def test_jobs_in_the_admin(admin_client):
    enqueue_on_commit(sample_jobs.always_fails, "quản-trị")
    run_jobs()
    page = admin_client.get(reverse("admin:jobs_job_changelist"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "tests.jobs.sample_jobs.always_fails" in html
    assert "hỏng" in html and "đang chờ" in html  # the failed run and its retry
    assert "Vào hàng đợi lúc" in html and "Task Result" not in html
    assert admin_client.get(reverse("admin:jobs_job_add")).status_code == 403
