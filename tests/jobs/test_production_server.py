"""`make run`'s server for real: scripts/serve starts gunicorn and the worker; SIGTERM stops both."""

import re
import sys
import time

import pytest

from tests.jobs import sample_jobs
from tests.jobs.conftest import free_port

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_production_server_serves_pages_and_static_files_and_runs_jobs(site, browser, tmp_path):
    runs = tmp_path / "runs"
    sample_jobs.record.enqueue(7)  # waiting for the worker the server starts beside it
    site.publish()
    port = free_port()
    serve = site.start(
        "serve", [sys.executable, "scripts/serve", "--port", str(port)], CAITIEN_JOB_LOG=str(runs)
    )
    base = f"http://127.0.0.1:{port}"
    site.wait_until_up(base, "serve", timeout=120)
    log = site.log("serve")
    assert "gunicorn: 1 tiến trình × 2 luồng" in log and "bộ chạy việc nền: 1" in log

    page = browser.get(base + "/dang-nhap/")
    assert page.status == 200 and page.headers["Server"].startswith("gunicorn")
    assert "Đăng nhập" in page.text
    stylesheet = re.search(r'href="(/static/caitien/app\.[0-9a-f]{12}\.css)"', page.text)
    assert stylesheet, "static names carry their content's hash (collectstatic ran)"
    css = browser.get(base + stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
    assert css.status == 200 and css.headers["Content-Encoding"] == "gzip"
    assert "immutable" in css.headers["Cache-Control"]

    missing = browser.get(base + "/khong-co-trang-nay/")
    assert missing.status == 404
    assert "URLconf" not in missing.text and "DEBUG = True" not in missing.text  # no debug page

    deadline = time.monotonic() + 30
    while not (runs.exists() and runs.read_text()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert runs.read_text().split()[0] == "7", site.log("serve")

    assert site.stop(serve) == 0
    assert "Đã dừng máy chủ và bộ chạy việc nền." in site.log("serve")
    with pytest.raises(OSError):
        browser.opener.open(base + "/dang-nhap/", timeout=2)
