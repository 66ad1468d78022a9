"""Real browser tests: Playwright drives Debian's chromium against pytest-django's live server.

The browser runs with an English interface (`--lang=en-US`, context locale en-US), as many school
computers do: whatever the browser draws itself (date pickers, file buttons, validation bubbles,
confirm() dialogs) would then be English, and `assert_no_english(page)` finds it, together with any
English left in the page's own text.

One browser per test module, a fresh context (cookies, storage) per test. Module, not session:
Playwright's sync API keeps an event loop running while the browser is open, and other test
modules that start their own Playwright would fail inside it. The live server runs
with a transactional database (tables flushed between tests), so each test loads its data through
the `cast` fixture.
"""

import os
import re
import time
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
    "--lang=en-US",
]
BROWSER_LOCALE = "en-US"
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
            viewport=viewport, locale=BROWSER_LOCALE, timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url
        )
        ctx.set_default_timeout(TIMEOUT_MS)
        contexts.append(ctx)
        page = ctx.new_page()
        page.js_errors = []
        page.server_errors = []
        page.dialogs = []
        page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
        page.on("dialog", lambda d: _dialog(page, d))
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


def open_menu_to(page, locator):
    """Make an entry of the top menu visible as a person would: the phone's menu button, then the
    group (dropdown) that holds it."""
    nav = page.locator("nav.topnav")
    toggle = nav.locator("summary.menu-toggle")
    if toggle.is_visible() and nav.locator("details.menu[open]").count() == 0:
        toggle.click()
    if not locator.is_visible():
        locator.locator("xpath=ancestor::details[contains(@class, 'menu-group')]/summary").click()
    return locator


def menu_go(page, name):
    """Follow the top menu's entry called `name`."""
    link = page.locator("nav.topnav").get_by_role("link", name=name, exact=True, include_hidden=True)
    open_menu_to(page, link).click()
    page.wait_for_load_state()


def logout(page):
    button = page.locator("nav.topnav").get_by_role("button", name="Đăng xuất", include_hidden=True)
    open_menu_to(page, button).click()
    page.wait_for_load_state()


def text_of(locator) -> str:
    """Visible text with whitespace collapsed (templates wrap lines freely)."""
    return " ".join(locator.inner_text().split())


def wait_until(page, expression: str, timeout_ms: int = TIMEOUT_MS):
    """Poll `expression` until it is true. Not page.wait_for_function: its polling evaluates the
    expression with eval inside the page, which the pages' CSP (no 'unsafe-eval') forbids."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            pytest.fail(f"Still false after {timeout_ms} ms: {expression}", pytrace=False)
        page.wait_for_timeout(50)


def shoot(page, name: str, suffix: str):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}-{suffix}.png"), full_page=True)


def _dialog(page, dialog):
    """alert()/confirm()/prompt() are drawn by the browser in its own language: recorded, dismissed."""
    page.dialogs.append(f"{dialog.type}: {dialog.message}")
    try:
        dialog.dismiss()
    except Exception:  # a test's own handler may have answered it already
        pass


# English words a Vietnamese page never shows: Django's and the browser's own texts, UI verbs.
# Words that are also Vietnamese syllables without diacritics ("to", "no", "an", "the", "in", "do")
# are left out, so names and unaccented Vietnamese are never taken for English; key names after
# a "+" (Ctrl+Enter) are how keyboards are labelled.
ENGLISH_WORDS = (
    "about|above|add|all|and|are|back|browse|by|cancel|change|choose|chosen|clear|click|close|confirm|"
    "currently|date|delete|download|edit|enter|error|false|field|file|files|fill|for|forbidden|from|"
    "home|invalid|is|items?|leave|loading|login|logout|month|more|must|next|none|not|null|of|or|out|"
    "page|password|please|previous|remove|required|reset|save|search|select|selected|server|submit|"
    "success|this|true|undefined|upload|username|valid|value|warning|week|with|year|yes|you|your"
)
_ENGLISH_WORD = re.compile(rf"(?<![\w+-])({ENGLISH_WORDS})(?![\w-])", re.IGNORECASE)
# What the page and the browser show: visible text, the texts of attributes the browser draws
# (placeholder, title, value of buttons, alt), the page title, native widgets (drawn by the browser),
# and the bubble text of every field a form without novalidate would refuse.
_SHOWN = """() => {
  const out = {text: document.body.innerText, attrs: [], native: [], bubbles: []};
  out.attrs.push(document.title);
  for (const el of document.querySelectorAll('[placeholder], [title], input[type=submit], input[type=button], img[alt]')) {
    for (const a of ['placeholder', 'title', 'alt']) if (el.getAttribute(a)) out.attrs.push(el.getAttribute(a));
    if (el.type === 'submit' || el.type === 'button') out.attrs.push(el.value);
  }
  for (const el of document.querySelectorAll('input')) {
    if (['date', 'month', 'time', 'datetime-local', 'week', 'file'].includes(el.type)
        && !el.classList.contains('file-native')) {
      out.native.push(el.type + ' ' + (el.name || el.id));
    }
  }
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.form && !el.form.noValidate && el.validationMessage) out.bubbles.push(el.validationMessage);
  }
  return out;
}"""


def english_on(page) -> list[str]:
    """What on the page (or drawn by the browser over it) is English; [] when nothing is."""
    shown = page.evaluate(_SHOWN)
    problems = []
    words = sorted({m.group(1) for m in _ENGLISH_WORD.finditer(shown["text"])})
    if words:
        problems.append(f"English words in the page: {words}")
    attrs = sorted({m.group(1) for t in shown["attrs"] for m in _ENGLISH_WORD.finditer(t or "")})
    if attrs:
        problems.append(f"English words in placeholders, titles or buttons: {attrs}")
    if shown["native"]:
        problems.append(f"widgets the browser draws in its own language: {shown['native']}")
    if shown["bubbles"]:
        problems.append(f"browser validation bubbles: {sorted(set(shown['bubbles']))}")
    if getattr(page, "dialogs", None):
        problems.append(f"browser dialogs: {page.dialogs}")
    return problems


def assert_no_english(page):
    """Nothing English on the page, in what the browser draws over it, or in its dialogs so far."""
    problems = english_on(page)
    assert not problems, f"{page.url}: " + "; ".join(problems)


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
