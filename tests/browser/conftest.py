"""Real browser tests: Playwright drives Debian's chromium against pytest-django's live server.

One browser per test module, a fresh context (cookies, storage) per test. Module, not session:
Playwright's sync API keeps an event loop running while the browser is open, and other test
modules that start their own Playwright would fail inside it. The live server runs
with a transactional database (tables flushed between tests), so each test loads its data through
the `cast` fixture.
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse the
# test's own (synchronous) ORM calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "test-artifacts" / "screens"
FAILURES = ROOT / "test-artifacts" / "failures"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium); "
            "it is missing on this machine.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def browse(browser, live_server, transactional_db, request):
    """`browse(viewport=DESKTOP)` -> a new page in its own context; every page records its errors."""
    contexts = []

    def open_page(viewport=DESKTOP):
        ctx = browser.new_context(
            viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url
        )
        ctx.set_default_timeout(TIMEOUT_MS)
        contexts.append(ctx)
        page = ctx.new_page()
        page.js_errors = []
        page.server_errors = []
        page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
        page.on(
            "response",
            lambda r: page.server_errors.append(f"{r.status} {r.url}") if r.status >= 500 else None,
        )
        return page

    yield open_page
    if request.node.stash.get(FAILED, False):
        # What the browser showed when the test failed, to read the failure without rerunning.
        FAILURES.mkdir(parents=True, exist_ok=True)
        for n, ctx in enumerate(contexts):
            for m, pg in enumerate(ctx.pages):
                pg.screenshot(path=str(FAILURES / f"{request.node.name}-{n}-{m}.png"), full_page=True)
                (FAILURES / f"{request.node.name}-{n}-{m}.html").write_text(pg.content(), encoding="utf-8")
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def page(browse):
    return browse(DESKTOP)


def login(page, username, password):
    """Log in through the form, as a person would."""
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"^(?!.*/dang-nhap/).*$"))


def logout(page):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state()


def text_of(locator) -> str:
    """Visible text with whitespace collapsed (templates wrap lines freely)."""
    return " ".join(locator.inner_text().split())


def shoot(page, name: str, suffix: str):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}-{suffix}.png"), full_page=True)


def assert_clean(page):
    """No JavaScript error and no server error happened on this page so far."""
    assert not page.js_errors, f"JavaScript errors: {page.js_errors}"
    assert not page.server_errors, f"Server errors: {page.server_errors}"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


FAILED = pytest.StashKey[bool]()
