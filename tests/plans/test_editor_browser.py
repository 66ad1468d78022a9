"""The row editor in a real browser (Debian's chromium): htmx saves, row tools, the criterion
picker, and two people editing the same row."""

import pytest
from playwright.sync_api import sync_playwright

from caitien.plans.models import PlanItem

from .conftest import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(browser, url, username, password):
    page = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN").new_page()
    page.goto(url + "/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda u: "/dang-nhap/" not in u)
    return page


def _rows(page, n):
    page.wait_for_function(f"document.querySelectorAll('form.sheet-row').length == {n}")


def test_editing_rows_in_the_browser(live_server, cast):
    plan = make_plan(cast.primary, cast.principal)
    url = f"{live_server.url}/ke-hoach/{plan.pk}/soan/"
    second = plan.items.get(order=2).pk
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = _login(browser, live_server.url, "principal", cast.password)
        page.goto(url)
        # a change is saved when leaving the cell, and the checker's note appears beside the row
        page.get_by_label("Chủ trì, dòng 2").fill("")
        page.get_by_label("Phối hợp, dòng 2").fill("")
        page.keyboard.press("Tab")
        page.wait_for_selector("#save-status:has-text('Đã lưu dòng 2')")
        page.wait_for_selector(f"#findings-{second}:has-text('chủ trì')")
        # add, duplicate, delete, keyboard insert
        page.get_by_role("button", name="Thêm dòng", exact=True).click()
        _rows(page, 4)
        page.wait_for_function(
            "document.activeElement && document.activeElement.getAttribute('aria-label')"
            " === 'Tiêu chuẩn, tiêu chí, dòng 4'"
        )
        page.get_by_label("Nhân bản dòng 1").click()
        _rows(page, 5)
        page.get_by_label("Xóa dòng 5").click()
        page.get_by_role("alertdialog").get_by_role("button", name="Xóa dòng").click()
        _rows(page, 4)
        page.get_by_label("Kết quả cần đạt (so với hiện trạng), dòng 1").press("Control+Enter")
        _rows(page, 5)
        # the criterion picker, searched without diacritics, fills the focused row
        page.get_by_text("Chọn tiêu chí theo tiêu chuẩn").click()
        page.get_by_label("Tiêu chuẩn, tiêu chí, dòng 5").focus()
        page.get_by_label("Tìm tiêu chí (gõ không dấu cũng được)").fill("khuon vien")
        page.wait_for_selector(".criterion-pick[data-code='3.1']")
        page.click(".criterion-pick[data-code='3.1']")
        page.wait_for_selector("#save-status:has-text('Đã lưu dòng 5')")
        page.wait_for_selector("#sheet :text('Khuôn viên, khu sân chơi, sân tập')")
        browser.close()
    rows = list(PlanItem.objects.filter(plan=plan).order_by("order"))
    assert len(rows) == 5
    assert rows[1].expected_result == "" and rows[2].expected_result == rows[0].expected_result
    assert rows[4].criterion_code == "3.1" and rows[3].lead_text == ""


def test_two_people_on_the_same_row(live_server, cast):
    plan = make_plan(cast.primary, cast.principal)
    url = f"{live_server.url}/ke-hoach/{plan.pk}/soan/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        an = _login(browser, live_server.url, "principal", cast.password)
        binh = _login(browser, live_server.url, "vice", cast.password)
        an.goto(url)
        binh.goto(url)
        binh.get_by_label("Ghi chú, dòng 1").fill("Ghi chú của cô Bình")
        binh.keyboard.press("Tab")
        binh.wait_for_selector("#save-status:has-text('Đã lưu dòng 1')")
        an.get_by_label("Ghi chú, dòng 1").fill("Ghi chú của thầy An")
        an.keyboard.press("Tab")
        an.wait_for_selector("text=Người khác vừa lưu dòng này trước bạn")
        an.wait_for_selector("text=Người khác đã lưu: “Ghi chú của cô Bình”")
        an.get_by_role("button", name="Tải lại dòng").click()
        an.wait_for_function(
            "document.querySelector('[aria-label=\"Ghi chú, dòng 1\"]').value === 'Ghi chú của cô Bình'"
        )
        an.get_by_label("Ghi chú, dòng 1").fill("Ghi chú đã thống nhất")
        an.keyboard.press("Tab")
        an.wait_for_selector("#save-status:has-text('Đã lưu dòng 1')")
        browser.close()
    assert PlanItem.objects.get(plan=plan, order=1).notes == "Ghi chú đã thống nhất"
