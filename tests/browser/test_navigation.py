"""The top menu, as each person of the demo meets it.

At 1280 px the bar holds on one line and every entry of the menu (those in the dropdowns too) opens
a page that answers 200 with a Vietnamese title; at 390 px the menu button opens and closes the
list. The dropdowns work with the keyboard, one open at a time, and the current page is marked.
"""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import _ENGLISH_WORD, DESKTOP, PHONE, SCREENS, assert_clean, login, logout

pytestmark = pytest.mark.browser

# Top of every entry of the bar (brand, school, links, dropdown buttons); one line when they agree.
BAR_TOPS = """() => [...document.querySelectorAll(
    'header.topbar > .brand, header.topbar .context > span, .menu-links > a, .menu-links > details > summary')]
  .filter(e => e.offsetParent !== null)
  .map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim(), Math.round(r.top), Math.round(r.bottom), Math.round(r.right)]; })"""
# Every address the menu leads to, hidden dropdown entries included.
MENU_LINKS = """() => [document.querySelector('header.topbar > .brand'), ...document.querySelectorAll('nav.topnav a')]
  .map(a => [a.textContent.trim().replace(/\\s+/g, ' '), a.getAttribute('href')])"""
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def demo_logins() -> list[str]:
    """Build the demo as `caitien demo` does and read the logins it prints."""
    out = io.StringIO()
    call_command("demo", stdout=out)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("-----"))
    names = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        names.append(line.split()[0])
    return names


def menu_labels(page) -> list[str]:
    entries = page.locator(
        "nav.topnav .menu-links > a, .menu-links > details > summary, nav.topnav .menu-drop a"
    )
    return [" ".join(t.split()) for t in entries.all_text_contents()]


def check_bar_on_one_line(page, who):
    tops = page.evaluate(BAR_TOPS)
    assert tops, f"{who}: no menu drawn"
    lowest_top = max(t[1] for t in tops)
    highest_bottom = min(t[2] for t in tops)
    # Every entry overlaps every other vertically: they sit on the same line.
    assert lowest_top < highest_bottom, f"{who}: the top bar wraps at 1280 px: {tops}"
    assert max(t[3] for t in tops) <= DESKTOP["width"], f"{who}: the menu runs past the screen: {tops}"
    assert page.locator("header.topbar").bounding_box()["height"] < 70, f"{who}: the top bar is too tall"


def check_every_entry_opens(page, who):
    seen = set()
    for label, href in page.evaluate(MENU_LINKS):
        if href in seen:
            continue
        seen.add(href)
        response = page.goto(href)
        assert response is not None and response.status == 200, (
            f"{who}: {label} ({href}) answered {response and response.status}"
        )
        title = page.title()
        own = title.replace("Cải Tiến", "").strip(" ·|-")
        assert own and VIETNAMESE.search(own), f"{who}: {label} ({href}) has no Vietnamese title: {title!r}"
        english = sorted({m.group(1) for m in _ENGLISH_WORD.finditer(title)})
        assert not english, f"{who}: {label} ({href}) has English in its title: {english}"
    assert len(seen) >= 4, f"{who}: the menu has only {sorted(seen)}"


def test_every_demo_role_meets_a_one_line_menu_whose_entries_all_open(browse):
    users = demo_logins()
    assert {"hieutruong", "giaovien", "chuyenvien", "chuyenvien_so", "quantri"} <= set(users)
    SCREENS.mkdir(parents=True, exist_ok=True)
    for username in users:
        page = browse(DESKTOP)
        login(page, username, "caitien123")
        check_bar_on_one_line(page, username)
        labels = menu_labels(page)
        if username.startswith("giaovien"):
            # A teacher sees the work given to them, not the leadership's pages.
            assert {"Việc của tôi", "Tiến độ"} <= set(labels), labels
            for other in ("Tự đánh giá", "Nhân sự", "Nhập kế hoạch từ tệp", "Đề xuất cấp trên", "Các trường"):
                assert other not in labels, f"{username} sees {other}"
        if username.startswith("chuyenvien"):
            assert "Các trường" in labels and "Việc của tôi" not in labels, labels
        if username == "hieutruong":
            page.screenshot(path=str(SCREENS / "menu-principal-desktop.png"))
        check_every_entry_opens(page, username)
        assert_clean(page)
        page.context.close()


def test_on_a_phone_the_menu_button_opens_and_closes_the_list(browse):
    users = demo_logins()
    for username in users:
        page = browse(PHONE)
        login(page, username, "caitien123")
        toggle = page.locator("summary.menu-toggle")
        first = page.locator("nav.topnav .menu-links a").first
        expect(first).to_be_hidden()
        toggle.click()
        expect(first).to_be_visible()
        links = page.locator("nav.topnav .menu-links a")
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"{username}: {box}"
            assert box["height"] >= 40, f"{username}: a menu entry is too small to tap: {box}"
        if username == "hieutruong":
            page.screenshot(path=str(SCREENS / "menu-principal-phone.png"))
        toggle.click()
        expect(first).to_be_hidden()
        # Escape closes it too, and leaves the focus on the button.
        toggle.click()
        expect(first).to_be_visible()
        page.keyboard.press("Escape")
        expect(first).to_be_hidden()
        expect(toggle).to_be_focused()
        # An entry inside a group is reached without opening the group first.
        if username == "hieutruong":
            toggle.click()
            page.locator("nav.topnav").get_by_role("link", name="Minh chứng", exact=True).click()
            expect(page.get_by_role("heading", name="Danh mục minh chứng")).to_be_visible()
            expect(page.locator("nav.topnav a[aria-current]")).to_have_text("Minh chứng")
        assert_clean(page)
        page.context.close()


def test_dropdowns_answer_the_keyboard_and_mark_the_current_page(browse, cast):
    page = browse(DESKTOP)
    login(page, "principal", cast.password)
    page.goto("/minh-chung/")
    plan, work = (
        page.locator("details.menu-group[data-group=plan]"),
        page.locator("details.menu-group[data-group=work]"),
    )
    # The group holding the current page is marked, and so is its entry.
    expect(work).to_have_class(re.compile(r"\bcurrent\b"))
    expect(work.get_by_role("link", name="Minh chứng", include_hidden=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(plan).not_to_have_class(re.compile(r"\bcurrent\b"))
    # Enter opens a group, Tab walks into it, Escape closes it and gives the focus back.
    plan.locator("summary").focus()
    page.keyboard.press("Enter")
    entry = plan.get_by_role("link", name="Kế hoạch của trường", include_hidden=True)
    expect(entry).to_be_visible()
    page.keyboard.press("Tab")
    expect(entry).to_be_focused()
    page.keyboard.press("Escape")
    expect(entry).to_be_hidden()
    expect(plan.locator("summary")).to_be_focused()
    # One group open at a time; a click elsewhere closes it.
    plan.locator("summary").click()
    work.locator("summary").click()
    expect(work.get_by_role("link", name="Tiến độ", include_hidden=True)).to_be_visible()
    expect(entry).to_be_hidden()
    page.locator("h1").click()
    expect(work.get_by_role("link", name="Tiến độ", include_hidden=True)).to_be_hidden()
    # Focus leaving a group by Tab closes it.
    work.locator("summary").click()
    last = work.locator(".menu-drop a").last
    last.focus()
    page.keyboard.press("Tab")
    expect(last).to_be_hidden()
    # "Tiến độ" without a published plan says why and lands on the plans.
    page.goto("/tien-do/")
    expect(page.locator(".messages")).to_contain_text("chưa có kế hoạch đã công bố")
    expect(page.locator("nav.topnav a[aria-current=page]")).to_have_text("Kế hoạch của trường")
    assert_clean(page)
    logout(page)
    expect(page.locator("nav.topnav").get_by_role("link", name="Đăng nhập")).to_be_visible()
