"""The Content-Security-Policy holds in a real browser: the main pages of each role, and what
htmx does on them (ticking an indicator, adding a plan row), raise no CSP violation.

Violations are caught twice: the page's `securitypolicyviolation` events (recorded by an init
script, which Playwright injects outside the page's policy) and chromium's console messages."""

import re

import pytest

from caitien.plans import services as plan_services

from . import data
from .conftest import login

pytestmark = pytest.mark.browser

RECORD = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI || 'inline'} ${e.sourceFile || ''}:${e.lineNumber || ''}`);
});
"""


def _watch(page, violations):
    page.context.add_init_script(RECORD)
    page.on(
        "console",
        lambda m: (
            violations.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text or "Refused to" in m.text
            else None
        ),
    )


def _collect(page, name, violations):
    found = page.evaluate("window.__csp || []")
    violations.extend(f"{name}: {v}" for v in found)
    violations.extend(f"{name}: JS error {e}" for e in page.js_errors)
    page.js_errors.clear()


def test_no_page_of_any_role_breaks_the_content_security_policy(browse, cast):
    sa = data.assessed(cast)
    published = data.published_plan(cast)
    draft = data.draft_plan(
        cast.primary, cast.principal, start_year=2027, title="Kế hoạch năm học 2027 - 2028"
    )
    revised = plan_services.plan_revise(plan=published, actor=cast.principal, reason="Điều chỉnh kinh phí.")
    ca = sa.criteria.get(criterion__code="1.4")
    roles = [
        (
            None,
            [
                ("login", "/dang-nhap/"),
                ("public-index", "/cong-khai/"),
                ("public-plan", f"/cong-khai/{published.pk}/"),
                ("catalog", "/danh-muc/"),
                ("api-docs", "/api/docs"),
                ("not-found", "/khong-co-trang-nay/"),
            ],
        ),
        (
            "principal",
            [
                ("home", "/"),
                ("assessment", f"/tu-danh-gia/{sa.pk}/"),
                ("criterion", f"/tu-danh-gia/{sa.pk}/tieu-chi/{ca.pk}/"),
                ("plans", "/ke-hoach/"),
                ("plan-new", "/ke-hoach/moi/"),
                ("plan-edit", f"/ke-hoach/{draft.pk}/soan/"),
                ("plan", f"/ke-hoach/{published.pk}/"),
                ("compare", f"/ke-hoach/{revised.pk}/so-sanh/"),
                ("import", "/nhap/"),
                ("escalations", "/de-xuat/"),
                ("notifications", "/thong-bao/"),
                ("password", "/doi-mat-khau/"),
            ],
        ),
        ("staff", [("home", "/"), ("plan", f"/ke-hoach/{draft.pk}/")]),
        (
            "specialist",
            [
                ("home", "/"),
                ("office", "/tong-quan/"),
                ("plan", f"/ke-hoach/{published.pk}/"),
                ("queue", "/de-xuat/co-quan/"),
            ],
        ),
        ("admin", [("admin", "/quan-tri/"), ("refused", "/ke-hoach/moi/")]),
    ]
    violations = []
    for username, pages in roles:
        page = browse()
        _watch(page, violations)
        if username:
            login(page, username, cast.password)
        for name, url in pages:
            response = page.goto(url)
            policy = response.headers.get("content-security-policy", "")
            if "script-src 'self'" not in policy or "unsafe" in policy:
                violations.append(f"{username or 'anonymous'} {name}: policy {policy!r}")
            page.wait_for_load_state("networkidle")
            _collect(page, f"{username or 'anonymous'} {name}", violations)
        if username == "principal":
            # htmx at work under the policy: a tick saved and the levels redrawn, a row added.
            page.goto(f"/tu-danh-gia/{sa.pk}/tieu-chi/{ca.pk}/")
            box = page.locator("form.indicators input[type=checkbox]").first
            was = box.is_checked()
            with page.expect_response(re.compile(r"/tu-danh-gia/")) as answer:
                box.click()
            assert answer.value.status == 200
            page.wait_for_load_state("networkidle")
            assert box.is_checked() != was and page.locator("#tick-error").is_hidden()
            # A tick that cannot be saved (the connection drops) is put back and explained (ticks.js).
            page.route("**/chi-bao/**", lambda route: route.abort())
            now = box.is_checked()
            box.click()
            page.locator("#tick-error").wait_for(state="visible")
            assert box.is_checked() == now
            page.unroute("**/chi-bao/**")
            with page.expect_response(re.compile(r"/chi-bao/")):
                box.click()
            page.locator("#tick-error").wait_for(state="hidden")
            _collect(page, "principal tick", violations)
            page.goto(f"/ke-hoach/{draft.pk}/soan/")
            before = draft.items.count()
            add = page.get_by_role("button", name=re.compile("Thêm dòng")).first
            with page.expect_response(re.compile(r"/dong/")):
                add.click()
            page.wait_for_load_state("networkidle")
            assert draft.items.count() == before + 1
            _collect(page, "principal add row", violations)
        page.context.close()
    assert not violations, "\n".join(violations)
