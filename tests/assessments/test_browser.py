"""A council member on a phone ticks indicators; the level badges change in place (htmx)."""

import pytest
from django.db import connections
from playwright.sync_api import expect

from caitien.assessments import services
from caitien.assessments.models import CriterionAssessment

pytestmark = pytest.mark.browser


@pytest.fixture
def page(live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
        yield context.new_page()
        browser.close()
        # Queries made while Playwright ran may have opened a connection in its own context;
        # close it, or PostgreSQL refuses to drop the test database at the end.
        connections.close_all()


def login(page, live_server, cast, username):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(cast.password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def test_ticking_indicators_updates_the_level_in_place_on_a_phone(page, live_server, cast):
    sa = services.self_assessment_create(school=cast.primary, start_year=2026, actor=cast.principal)
    ca = sa.criteria.get(criterion__code="1.2")
    login(page, live_server, cast, "council")
    page.goto(f"{live_server.url}/tu-danh-gia/{sa.pk}/tieu-chi/{ca.pk}/")
    levels = page.locator("#levels")
    assert "Tiêu chí 1.2: Chưa đạt Mức 1" in " ".join(levels.inner_text().split())
    boxes = page.locator("fieldset").first.locator("input[type=checkbox]")
    for i in range(boxes.count()):
        with page.expect_response(lambda r: "/chi-bao/" in r.url and r.status == 200):
            boxes.nth(i).check()
    # A locator assertion, not wait_for_function: the page's CSP forbids the eval that its polling needs.
    expect(levels).to_contain_text("Tiêu chí 1.2: Mức 1")
    assert CriterionAssessment.objects.get(pk=ca.pk).level_reached == 1
    # Nothing overflows the 390 px screen sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The checkbox is reachable with the keyboard and has its label.
    first = boxes.nth(0)
    assert first.get_attribute("id") and page.locator(f"label[for={first.get_attribute('id')}]").count() == 1
    first.focus()
    with page.expect_response(lambda r: "/chi-bao/" in r.url and r.status == 200):
        page.keyboard.press("Space")
    expect(levels).to_contain_text("Tiêu chí 1.2: Chưa đạt Mức 1")
    assert CriterionAssessment.objects.get(pk=ca.pk).level_reached == 0


def test_home_and_detail_fit_a_phone(page, live_server, cast):
    sa = services.self_assessment_create(school=cast.primary, start_year=2026, actor=cast.principal)
    login(page, live_server, cast, "principal")
    assert "27 tiêu chí chưa đánh giá" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(f"{live_server.url}/tu-danh-gia/{sa.pk}/")
    assert page.get_by_role("heading", name="Tự đánh giá năm học 2026-2027").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_tick_that_cannot_be_saved_is_undone_and_explained(page, live_server, cast):
    sa = services.self_assessment_create(school=cast.primary, start_year=2026, actor=cast.principal)
    ca = sa.criteria.get(criterion__code="1.2")
    login(page, live_server, cast, "council")
    page.goto(f"{live_server.url}/tu-danh-gia/{sa.pk}/tieu-chi/{ca.pk}/")
    # The session ends while the page is open (the CSRF cookie stays, so the view itself answers).
    page.context.clear_cookies(name="sessionid")
    box = page.locator("fieldset").first.locator("input[type=checkbox]").first
    box.click()  # check() would insist on the new state, which the page undoes
    page.get_by_role("alert").filter(has_text="Chưa lưu được lần đánh dấu vừa rồi").wait_for()
    assert not box.is_checked()
    assert not ca.indicator_results.exists()
