"""Two app servers and two workers on one database and one files store, as on several machines:
a person logged in through one server is logged in through the other, an upload made through one
is read by whichever worker takes it and shown through the other, and no job runs twice."""

import json
import re
import time

import pytest

from tests.readers import builders

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mat-khau-hai-may-1"


def _wait_until_read(browser, base, pending_url, site, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = browser.get(base + pending_url + "trang-thai/", headers={"HX-Request": "true"})
        if status.status == 204:
            return
        assert status.status == 200
        time.sleep(0.3)
    raise AssertionError("not read in time:\n" + site.log("worker-1") + site.log("worker-2"))


def test_two_app_servers_and_two_workers_share_one_site(site, browser, cast, server_password, tmp_path):
    server_password(cast.principal, PASSWORD)
    site.publish()
    site.worker("worker-1")
    site.worker("worker-2")
    one = site.web("web-1")  # collects the static files the second one serves too
    two = site.web("web-2", "--no-collectstatic")

    browser.login(one, cast.principal.username, PASSWORD)
    home = browser.get(two + "/")
    assert home.status == 200 and "/dang-nhap/" not in home.url  # the session lives in the database

    plan = builders.build_plan_docx(tmp_path / "ke-hoach-hai-may.docx").read_bytes()
    pending_urls = []
    for number, (upload_to, read_from) in enumerate([(one, two), (two, one)]):
        browser.get(upload_to + "/nhap/")
        uploaded = browser.post(
            upload_to + "/nhap/",
            {"school": str(cast.primary.pk)},
            files={"file": (f"ke-hoach-{number}.docx", plan)},
        )
        path = re.search(r"/nhap/[0-9a-f-]{36}/", uploaded.url)
        assert uploaded.status == 200 and path, uploaded.text[:1500]
        pending_urls.append((read_from, path.group(0)))
    for read_from, pending_url in pending_urls:
        _wait_until_read(browser, read_from, pending_url, site)
        preview = browser.get(read_from + pending_url)
        assert preview.status == 200 and "6 dòng kế hoạch" in preview.text, preview.text[:1500]

    jobs = site.query("SELECT status, worker_ids FROM django_tasks_database_dbtaskresult")
    assert len(jobs) == 2 and {status for status, _ in jobs} == {"SUCCESSFUL"}
    assert all(len(ids if isinstance(ids, list) else json.loads(ids)) == 1 for _, ids in jobs)
    # The uploads went through the shared files store and were forgotten once read.
    assert not list((site.var / "media" / "imports").glob("*"))
