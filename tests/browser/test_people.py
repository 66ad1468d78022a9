"""The staff directory and the Chủ trì / Phối hợp picker in an English-speaking chromium: the
principal adds a person, picks a coordinator from the school's suggestions in the row editor, and maps
a text nobody was found for, once for the whole school."""

import pytest
from playwright.sync_api import expect

from caitien.people.models import Person, ResponsibleMapping
from caitien.plans.models import PlanItem
from tests.people.conftest import staff  # noqa: F401 - the school's directory

from . import data
from .conftest import DESKTOP, PHONE, SCREENS, assert_clean, assert_no_english, login, menu_go, shoot

pytestmark = pytest.mark.browser


def test_the_principal_keeps_the_directory_and_picks_who_is_responsible(browse, cast, staff):  # noqa: F811
    rows = [dict(r) for r in data.ROWS]
    rows[2]["coordinators_text"] = "Giáo viên chủ nhiệm, bác bảo vệ"
    plan = data.draft_plan(cast.primary, cast.principal, rows=rows)
    page = browse(DESKTOP)
    login(page, "principal", cast.password)

    # The directory: people with their positions and groups; a new person added by the form.
    menu_go(page, "Nhân sự")
    expect(page.locator("#people-table")).to_contain_text("Hoàng Thị Em")
    expect(page.locator("#people-table")).to_contain_text("Tổ văn phòng (tổ trưởng, trưởng ban)")
    page.get_by_role("link", name="Thêm người").click()
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".msg-error").first).to_contain_text("Hãy ghi họ và tên")
    page.get_by_label("Họ và tên").fill("Phan Thị Quỳnh")
    page.get_by_label("Chức vụ").fill("Thủ quỹ")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã thêm Phan Thị Quỳnh")
    assert Person.objects.filter(school=cast.primary, full_name="Phan Thị Quỳnh", position="Thủ quỹ").exists()
    assert_no_english(page)
    shoot(page, "people-directory", "desktop")

    # The row editor: typing in Phối hợp offers the school's people, positions and groups.
    page.goto(f"/ke-hoach/{plan.pk}/soan/")
    cell = page.get_by_role("group", name="Dòng 2", exact=True).get_by_label("Phối hợp, dòng 2")
    cell.fill("Kế toán, to van")
    choice = page.get_by_role("option", name="Tổ, nhóm Tổ văn phòng")
    expect(choice).to_be_visible()
    with page.expect_response(lambda r: "/dong/" in r.url and r.request.method == "POST") as saved:
        choice.click()
        cell.press("Tab")
    assert saved.value.status == 200
    expect(cell).to_have_value("Kế toán, Tổ văn phòng")
    item = PlanItem.objects.get(plan=plan, order=2)
    assert item.coordinators_text == "Kế toán, Tổ văn phòng"
    # What the cell is understood as is said under it.
    cell.fill("Kế toán, thu quy")
    picker = page.locator(f"#pick-{item.pk}-coordinators_text")
    expect(picker).to_contain_text("Hiểu là: Hoàng Thị Em, Phan Thị Quỳnh")
    picker.screenshot(path=str(SCREENS / "people-picker-desktop.png"))

    # The Người phụ trách page: "bác bảo vệ" was not understood; mapped once for the school.
    page.goto(f"/ke-hoach/{plan.pk}/nguoi-phu-trach/")
    unresolved = page.locator("#unresolved")
    expect(unresolved).to_contain_text("“bác bảo vệ”")
    shoot(page, "people-responsibles", "desktop")
    expect(page.locator(f"#item-{item.pk}")).to_contain_text("Hoàng Thị Em")
    page.get_by_label("“bác bảo vệ” là").select_option(label="Phan Văn Tuấn (Bảo vệ)")
    page.get_by_role("button", name="Gán cho cả trường").first.click()
    expect(page.locator(".messages")).to_contain_text("Từ nay “bác bảo vệ” ứng với Phan Văn Tuấn")
    expect(unresolved).not_to_contain_text("“bác bảo vệ”")
    assert ResponsibleMapping.objects.get(school=cast.primary).person.full_name == "Phan Văn Tuấn"
    assert_clean(page)


def test_on_a_phone_the_directory_table_scrolls_inside_the_page(browse, cast, staff):  # noqa: F811
    # The header cell of the actions column is hidden for the eye; it must not widen the page.
    page = browse(PHONE)
    login(page, "principal", cast.password)
    menu_go(page, "Nhân sự")
    expect(page.locator("#people-table")).to_contain_text("Hoàng Thị Em")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    wrap = page.locator(".table-wrap").first
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls, not the page
    assert_clean(page)
