import pytest
from playwright.sync_api import sync_playwright

from .conftest import make_plan


@pytest.mark.django_db(transaction=True)
def test_walk(live_server, cast):
    from caitien.catalog.services import catalog_load
    catalog_load()
    plan = make_plan(cast.primary, cast.principal)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = b.new_page(viewport={"width": 1400, "height": 900})
        page.on("console", lambda m: print("CONSOLE", m.text))
        page.on("requestfailed", lambda r: print("FAILED", r.url, r.failure))
        page.on("response", lambda r: print("RESP", r.status, r.url, r.headers.get("content-type")) if "static" in r.url else None)
        page.goto(live_server.url + "/dang-nhap/")
        page.fill("input[name=username]", "principal")
        page.fill("input[name=password]", cast.password)
        page.click("button[type=submit]")
        page.goto(live_server.url + f"/ke-hoach/{plan.pk}/soan/")
        page.screenshot(path="/tmp/edit1.png", full_page=False)
        page.get_by_label("Chủ trì, dòng 2").fill("")
        page.get_by_label("Phối hợp, dòng 2").fill("")
        page.keyboard.press("Tab")
        page.wait_for_selector("#save-status:has-text('Đã lưu dòng 2')")
        page.get_by_role("button", name="Thêm dòng", exact=True).click()
        page.wait_for_selector("text=4", timeout=3000)
        page.wait_for_function("document.querySelectorAll('form.sheet-row').length == 4")
        page.wait_for_timeout(300)
        print("focused:", page.evaluate("document.activeElement.getAttribute('aria-label')"))
        page.get_by_label("Nhân bản dòng 1").click()
        page.wait_for_function("document.querySelectorAll('form.sheet-row').length == 5")
        page.on("dialog", lambda d: d.accept())
        page.get_by_label("Xoá dòng 5").click()
        page.wait_for_function("document.querySelectorAll('form.sheet-row').length == 4")
        page.get_by_text("Chọn tiêu chí theo tiêu chuẩn").click()
        page.get_by_label("Tìm tiêu chí (gõ không dấu cũng được)").fill("khuon vien")
        page.wait_for_selector(".criterion-pick[data-code='3.1']")
        page.get_by_label("Tiêu chuẩn, tiêu chí, dòng 4").focus()
        page.click(".criterion-pick[data-code='3.1']")
        page.wait_for_selector("#save-status:has-text('Đã lưu dòng 4')")
        page.screenshot(path="/tmp/edit2.png", full_page=True)
        page.evaluate("document.querySelector('#sheet .table-wrap').scrollLeft = 900")
        page.locator("#sheet").screenshot(path="/tmp/sheet-right.png")
        page.goto(live_server.url + f"/ke-hoach/{plan.pk}/")
        page.screenshot(path="/tmp/detail.png", full_page=True)
        b.close()
    assert plan.items.get(order=4).criterion_code == "3.1"
