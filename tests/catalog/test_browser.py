"""The catalog search in a real browser: live results with htmx, the same results without JavaScript."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        yield browser
        browser.close()


def test_typing_shows_results_in_place_on_a_phone(browser, live_server, catalog):
    page = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN").new_page()
    page.goto(f"{live_server.url}/danh-muc/")
    page.evaluate("window.__same_page = true")
    with page.expect_response(lambda r: "q=co%20so%20vat%20chat" in r.url and r.status == 200):
        page.get_by_label("Tìm tiêu chí").fill("co so vat chat")
    page.wait_for_selector("#results section")
    results = page.locator("#results").inner_text()
    assert "Cơ sở vật chất" in results
    assert "Chưa đối chiếu văn bản gốc" in results
    assert page.evaluate("window.__same_page") is True  # no page load
    assert "q=co%20so%20vat%20chat" in page.url  # the address can be shared
    with page.expect_response(lambda r: "vb=tt17-2018" in r.url and r.status == 200):
        page.get_by_label("Trong văn bản").select_option("tt17-2018")
    # A locator assertion, not wait_for_function: the page's CSP forbids the eval that its polling needs.
    expect(page.locator("#results")).not_to_contain_text("57/2026")
    assert "Thông tư 17/2018/TT-BGDĐT" in page.locator("#results").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_form_works_without_javascript(browser, live_server, catalog):
    page = browser.new_context(java_script_enabled=False, locale="vi-VN").new_page()
    page.goto(f"{live_server.url}/danh-muc/")
    page.get_by_label("Tìm tiêu chí").fill("Thư viện")
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_url("**/danh-muc/?q=*")
    assert "Tiêu chí 3.6: Thư viện" in page.locator("#results").inner_text()
