"""Every main page at desktop and phone widths: saved as screenshots for a person to look at, and
checked for what a machine can see (no page wider than the screen, no English on it or drawn by
the English-speaking browser over it, no server or JavaScript error, every form field with a label).

Screenshots go to test-artifacts/screens/<name>-desktop.png and -phone.png.
"""

import pytest

from caitien.catalog.models import Regulation
from caitien.plans import services as plan_services

from . import data
from .conftest import DESKTOP, PHONE, english_on, login, shoot

pytestmark = pytest.mark.browser

UNLABELLED = """() => [...document.querySelectorAll('main input, main select, main textarea')]
  .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')
               && !e.closest('label'))
  .map(e => e.outerHTML.slice(0, 120))"""

# What sticks out of the screen sideways outside a scrolling box (.table-wrap scrolls on purpose).
OVERFLOW = """(width) => [...document.querySelectorAll('body *')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 1; })
  .filter(e => !e.closest('.table-wrap'))
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ?
       '.' + e.className.trim().split(/\\s+/).join('.') : ''))
  .slice(0, 8)"""


def look(page, name, width_name, problems):
    """Screenshot the page, then note what is wrong with it."""
    shoot(page, name, width_name)
    width = page.viewport_size["width"]
    if page.evaluate("document.documentElement.scrollWidth") > width:
        problems.append(
            f"{name} ({width_name}): page wider than the screen: {page.evaluate(OVERFLOW, width)}"
        )
    problems.extend(f"{name} ({width_name}): {p}" for p in english_on(page))
    unlabelled = page.evaluate(UNLABELLED)
    if unlabelled:
        problems.append(f"{name} ({width_name}): fields without a label: {unlabelled}")
    if page.js_errors or page.server_errors:
        problems.append(f"{name} ({width_name}): errors {page.js_errors + page.server_errors}")
        page.js_errors.clear()
        page.server_errors.clear()


def visit_all(browse, pages, problems):
    """`pages`: (username or None, [(name, url), ...]); one logged-in context per width and user."""
    for viewport, width_name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        for username, password, urls in pages:
            page = browse(viewport)
            if username:
                login(page, username, password)
            for name, url in urls:
                response = page.goto(url)
                if response.status >= 400 and not name.startswith("refused") and name != "not-found":
                    problems.append(f"{name} ({width_name}): HTTP {response.status} at {url}")
                look(page, name, width_name, problems)
            page.context.close()


def test_every_main_page_at_desktop_and_phone_widths(browse, cast, tmp_path):
    sa = data.assessed(cast)
    published = data.published_plan(cast)
    plan_services.plan_comment_add(
        plan=published,
        actor=cast.specialist,
        item=published.items.first(),
        text="Đề nghị trường bổ sung mốc kiểm tra giữa kỳ cho dòng này.",
    )
    draft = data.draft_plan(
        cast.primary,
        cast.principal,
        start_year=2027,
        title="Kế hoạch cải tiến chất lượng giáo dục năm học 2027 - 2028",
    )
    submitted = data.draft_plan(cast.secondary, cast.principal, title="Kế hoạch cải tiến chất lượng THCS")
    tt57 = Regulation.objects.get(slug="tt57-2026-pl2")
    form57 = plan_services.plan_create(
        school=cast.secondary,
        actor=cast.principal,
        start_year=2026,
        end_year=2027,
        regulation=tt57,
        title="Kế hoạch cải tiến theo Thông tư 57/2026",
    )
    for row in data.ROWS:
        plan_services.plan_item_add(
            plan=form57,
            actor=cast.principal,
            values={
                **row,
                "issue": row["expected_result"],
                "indicator": "Tỉ lệ hồ sơ đầy đủ đạt 100%",
                "expected_evidence": "Sổ theo dõi, biên bản kiểm tra",
                "status": "Đang thực hiện",
            },
        )
    from caitien.schools.models import Role
    from caitien.schools.services import membership_add

    membership_add(user=cast.principal, role=Role.PRINCIPAL, school=cast.secondary)
    submitted = plan_services.plan_submit(plan=submitted, actor=cast.principal)
    revised = plan_services.plan_revise(
        plan=published, actor=cast.principal, reason="UBND xã cấp kinh phí sửa sân sớm hơn dự kiến."
    )
    first = revised.items.order_by("order").first()
    plan_services.plan_item_update(
        item=first,
        actor=cast.principal,
        revision=first.revision,
        values={"time_text": "Tháng 9/2026 - 4/2027", "budget_text": "3 triệu đồng"},
    )
    ca = sa.criteria.get(criterion__code="1.4")
    problems = []
    visit_all(
        browse,
        [
            (
                None,
                None,
                [
                    ("login", "/dang-nhap/"),
                    ("public-plan", f"/cong-khai/{published.pk}/"),
                    ("public-list", f"/cong-khai/truong/{cast.primary.pk}/"),
                    ("catalog", "/danh-muc/"),
                    ("catalog-regulation", "/danh-muc/tt17-2018/"),
                    ("catalog-criterion", "/danh-muc/tt57-2026-pl2/tieu-chi/1.1/"),
                    ("refused-anonymous", f"/ke-hoach/{draft.pk}/"),
                    ("not-found", "/khong-co-trang-nay/"),
                ],
            ),
            (
                "principal",
                cast.password,
                [
                    ("home-principal", "/"),
                    ("assessments", "/tu-danh-gia/"),
                    ("assessment", f"/tu-danh-gia/{sa.pk}/"),
                    ("assessment-criterion", f"/tu-danh-gia/{sa.pk}/tieu-chi/{ca.pk}/"),
                    ("plans", "/ke-hoach/"),
                    ("plan-new", "/ke-hoach/moi/"),
                    ("plan-edit", f"/ke-hoach/{draft.pk}/soan/"),
                    ("plan-edit-57", f"/ke-hoach/{form57.pk}/soan/"),
                    ("plan-submitted", f"/ke-hoach/{submitted.pk}/"),
                    ("plan-published", f"/ke-hoach/{published.pk}/"),
                    ("plan-revise", f"/ke-hoach/{published.pk}/dieu-chinh/"),
                    ("plan-compare", f"/ke-hoach/{revised.pk}/so-sanh/"),
                    ("import-upload", "/nhap/"),
                ],
            ),
            (
                "specialist",
                cast.password,
                [
                    ("home-specialist", "/"),
                    ("office", "/tong-quan/"),
                    ("plan-office", f"/ke-hoach/{published.pk}/"),
                ],
            ),
            (
                "other_teacher",
                cast.password,
                [
                    ("refused-other-school", f"/ke-hoach/{draft.pk}/"),
                ],
            ),
        ],
        problems,
    )
    assert not problems, "\n".join(problems)
