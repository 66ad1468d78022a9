"""The import in a real browser (Debian's chromium): upload, htmx progress polling, preview, save."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from caitien.imports.models import PendingImport
from caitien.jobs.testing import run_jobs
from caitien.plans.models import Plan
from tests.readers import builders

# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_importing_a_pdf_in_the_browser(live_server, cast, tmp_path):
    pdf = builders.soffice_pdf(
        builders.build_plan_docx(tmp_path / "ke-hoach-trinh-duyet.docx", split_after=3), tmp_path
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN").new_page()
        page.set_default_timeout(20_000)
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(live_server.url + "/dang-nhap/")
        page.fill("input[name=username]", "principal")
        page.fill("input[name=password]", cast.password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda u: "/dang-nhap/" not in u)

        page.goto(live_server.url + "/nhap/")
        page.set_input_files("input[type=file]", str(pdf))
        page.get_by_role("button", name="Tải lên và đọc tệp").click()
        page.wait_for_selector("#import-progress")
        assert run_jobs() == 1  # what `caitien worker` does beside the server
        # The reading page polls with htmx and moves on to the preview by itself.
        page.wait_for_selector("h1:has-text('Xem lại kế hoạch đọc từ')")
        assert "6 dòng kế hoạch" in page.inner_text("main")
        assert "Hội đồng trường họp đủ các kỳ" in page.inner_text("pre.source-text")
        assert Plan.objects.count() == 0
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / "import-preview-desktop.png"))

        assert page.input_value("#id_header-date") == "12/09/2024"
        page.fill("#id_items-3-lead", "Tổng phụ trách Đội thiếu niên")
        page.uncheck("#id_items-5-keep")
        page.get_by_role("button", name="Lưu thành dự thảo mới").click()
        page.wait_for_selector("text=Đã lưu dự thảo kế hoạch mới")
        browser.close()
    assert not errors, errors
    plan = Plan.objects.get()
    assert plan.items.count() == 5
    assert str(plan.date) == "2024-09-12"  # shown and sent back as 12/09/2024
    assert plan.items.get(order=4).lead_text == "Tổng phụ trách Đội thiếu niên"
    assert not PendingImport.objects.exists()
