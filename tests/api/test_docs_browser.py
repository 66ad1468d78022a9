"""The API docs page in a real browser (Debian's chromium), with every request outside the product refused."""

import os
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's event loop runs in the test thread

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM}.", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


def test_docs_render_without_any_outside_request(browser, live_server, transactional_db):
    ctx = browser.new_context(base_url=live_server.url)
    ctx.set_default_timeout(15_000)
    outside, errors = [], []

    def only_ours(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    ctx.route("**/*", only_ours)
    page = ctx.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto("/api/docs")
        page.wait_for_selector('.opblock-summary-path[data-path="/api/plans/{plan_id}/findings"]')
        assert page.locator(".info .title").inner_text().startswith("Cải Tiến API")
        assert page.get_by_text("Kiểm tra một kế hoạch (JSON)").is_visible()
        paths = [el.get_attribute("data-path") for el in page.locator(".opblock-summary-path").all()]
        assert set(paths) >= {
            "/api/catalog",
            "/api/check",
            "/api/offices/{code}/rollup",
            "/api/plans",
            "/api/plans/{plan_id}",
            "/api/plans/{plan_id}/findings",
            "/api/plans/{plan_id}/reviews",
        }
        assert outside == [] and errors == []
    finally:
        ctx.close()
