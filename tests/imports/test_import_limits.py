"""A file that makes its reader run away is ended within the limits and the person told why.

The import job dispatches on CAITIEN_IMPORT_READER; these tests name misbehaving readers there
(tests/jobs/hostile.py), so the real job, child process and kernel limits deal with them."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caitien.imports.models import PendingImport
from caitien.jobs.testing import run_jobs
from tests.jobs import hostile
from tests.readers import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight(settings):
    settings.CAITIEN_IMPORT_CPU_SECONDS = 1
    settings.CAITIEN_IMPORT_MEMORY_MB = 200
    settings.CAITIEN_IMPORT_WALL_SECONDS = 2
    return settings


def _import(client, cast, reader, settings, data=b"Tieu chi 1.1\n"):
    settings.CAITIEN_IMPORT_READER = f"tests.jobs.hostile.{reader}"
    assert client.login(username=cast.principal.username, password=cast.password)
    response = client.post(
        reverse("imports:upload"), {"school": cast.primary.pk, "file": SimpleUploadedFile("kh.txt", data)}
    )
    assert response.status_code == 302
    pending = PendingImport.objects.get()
    assert pending.original and default_storage.exists(pending.original.name)
    assert run_jobs() == 1
    return pending


def _failure_page(client, pending):
    status = client.get(reverse("imports:status", args=[pending.pk]), HTTP_HX_REQUEST="true")
    assert status.status_code == 204  # the page is told to move on
    page = client.get(reverse("imports:pending", args=[pending.pk]))
    assert page.status_code == 422
    return page.content.decode()


@pytest.mark.parametrize("reader", ["spin", "stall"])
def test_a_reader_running_too_long_is_ended_and_the_import_fails(
    client, cast, tight, reader, tmp_path, monkeypatch
):
    monkeypatch.setenv("CAITIEN_TEST_PID_FILE", str(tmp_path / "pids"))
    pending = _import(client, cast, reader, tight)
    pending.refresh_from_db()
    assert pending.status == "failed"
    assert not default_storage.exists(pending.original.name or "imports/none")  # the upload is forgotten
    html = _failure_page(client, pending)
    assert "Không nhập được tệp “kh.txt”" in html
    assert "Tệp đọc quá lâu" in html and "nên đã dừng" in html
    if reader == "stall":
        assert not any(hostile.alive(int(pid)) for pid in (tmp_path / "pids").read_text().split())


def test_a_reader_taking_too_much_memory_is_ended(client, cast, tight):
    tight.CAITIEN_IMPORT_CPU_SECONDS = tight.CAITIEN_IMPORT_WALL_SECONDS = 30  # only memory can end it
    pending = _import(client, cast, "hoard", tight)
    html = _failure_page(client, pending)
    assert "Tệp cần quá nhiều bộ nhớ để đọc (quá 200 MB)" in html


def test_a_reader_bug_is_a_failure_the_person_can_act_on(client, cast, tight):
    pending = _import(client, cast, "buggy", tight)
    html = _failure_page(client, pending)
    assert "Đã có lỗi khi đọc tệp này" in html


def test_pages_read_are_recorded_and_shown(client, cast, settings, tmp_path):
    plan = builders.build_plan_docx(tmp_path / "ke-hoach.docx")
    pending = _import(client, cast, "paged", settings, data=plan.read_bytes())
    pending.refresh_from_db()
    assert (pending.status, pending.progress_done, pending.progress_total) == ("ready", 3, 3)
    assert pending.progress == "Đã đọc xong: 6 dòng kế hoạch."

    reading = PendingImport.objects.create(
        school=cast.primary,
        user=cast.principal,
        filename="scan.pdf",
        progress="Đang đọc trang 2/5…",
        progress_done=2,
        progress_total=5,
    )
    fragment = client.get(reverse("imports:status", args=[reading.pk]), HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert "Đang đọc trang 2/5…" in html and 'value="2" max="5"' in html and "40%" in html
